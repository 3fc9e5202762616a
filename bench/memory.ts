import { MB, report20k, synthetic } from './reports';
import { memoryOf } from './timing';
import { markdownlint, nianbao } from './tools';

// Run in a fresh process by run.ts: the peak resident memory of one checker on one text,
// over what the process holds before the check (runtime, loader, the text itself).
// Usage: node --import tsx bench/memory.ts nianbao|markdownlint 20k|1mb|10mb

const [tool, which] = process.argv.slice(2);
const text = which === '20k' ? report20k().text : synthetic((which === '10mb' ? 10 : 1) * MB, which).text;
const check = tool === 'markdownlint' ? markdownlint : nianbao;
check('warm up: load the code'); // modules loaded before the baseline is taken
global.gc?.();
const before = memoryOf();
const heapBefore = process.memoryUsage().heapUsed;
for (let i = 0; i < 3; i++) check(text);
const after = memoryOf();
process.stdout.write(JSON.stringify({ baseline: before.rss, peak: after.peak, heap: process.memoryUsage().heapUsed - heapBefore }) + '\n');
