import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDocxSync } from '../server/src/documents/docx';
import { reportToDocx } from '../server/src/documents/docxWriter';
import { checkReport } from '../server/src/engine';
import { corpusDocx } from '../test/fixtures/docx/corpusDocx';
import { ms, size, time, timeAsync, type Timing } from './timing';

// `node --import tsx bench/documents-docx.ts`: how long reading and writing a Word report of about
// 30 pages takes. Prints figures; asserts nothing.

const corpus = join(__dirname, '..', 'test', 'fixtures', 'corpus');
const names = ['pingtan-zhqsyq-2019', 'pingtan-zhqsyq-2020', 'suqian-city-2024', 'huaian-city-2024'];
const text = names.map((n) => readFileSync(join(corpus, `${n}.txt`), 'utf8')).join('\n');

/** 22 lines of 28 characters to a page of an official document */
const pages = (t: string) => Math.round(t.replace(/\s/g, '').length / (22 * 28));
const out = (s = '') => process.stdout.write(s + '\n');
const line = (what: string, t: Timing, extra = '') =>
  out(`${what.padEnd(52)} median ${ms(t.median).padStart(6)} ms   p95 ${ms(t.p95).padStart(6)} ms   n=${t.n}${extra}`);

async function main(): Promise<void> {
  out(
    `Word documents: ${names.length} corpus reports run together, ${text.length} characters, about ${pages(text)} pages at 22 × 28 characters`,
  );
  const official = await reportToDocx(text);
  const drafted = await corpusDocx(text);
  out(`exported (official layout): ${size(official.length)}; drafter's layout (list numbering, merged labels): ${size(drafted.length)}`);
  out();
  line(
    'read the exported .docx (text + locations)',
    time(() => readDocxSync(official), { budgetMs: 3000 }),
  );
  line(
    "read the drafter's .docx",
    time(() => readDocxSync(drafted), { budgetMs: 3000 }),
  );
  line(
    'read and check the exported .docx',
    time(() => checkReport(readDocxSync(official).text), { budgetMs: 3000 }),
  );
  line(
    'check the text alone (for comparison)',
    time(() => checkReport(text), { budgetMs: 2000 }),
  );
  line('write the .docx (export to Word)', await timeAsync(() => reportToDocx(text), { warmup: 3, minRuns: 10, budgetMs: 4000 }));
}

void main();
