import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scratchDir } from './scratch';

// server/src/codeCache.ts, as the language server's process uses it: a bundle run from V8's code cache in a folder.

const codeCache = join(__dirname, '..', '..', 'server', 'src', 'codeCache.ts');

/** Runs the bundle through runWithCodeCache in a fresh Node: what it printed, and how the cache was used. */
function run(bundle: string, dir: string | undefined, flags = ''): { use: string; printed: string } {
  const script = `const { runWithCodeCache, setV8Flags } = require(${JSON.stringify(codeCache)});
if (${JSON.stringify(flags)}) setV8Flags(${JSON.stringify(flags)});
const use = runWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(dir)}, 0);
process.stdout.write('|' + use);`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  const [printed, use] = out.split('|');
  return { use, printed };
}

const bundleText = (answer: number) =>
  `module.exports.answer = ${answer};
process.stdout.write(['answer ' + module.exports.answer, require.cache[__filename] === module, require('path').basename(__filename)].join(' '));
setTimeout(() => {}, 20);
`;

test('a bundle runs from the code cache its first run made, and is compiled again when it changes or the cache is spoilt', () => {
  const dir = scratchDir('code-cache');
  const bundle = join(dir, 'server-main.js');
  const cacheDir = join(dir, 'cache');
  writeFileSync(bundle, bundleText(42));
  assert.deepEqual(run(bundle, cacheDir), { use: 'new', printed: 'answer 42 true server-main.js' });
  const [made] = readdirSync(cacheDir);
  assert.match(made, /^server-main-[0-9a-f]{16}\.cache$/);
  assert.deepEqual(run(bundle, cacheDir), { use: 'used', printed: 'answer 42 true server-main.js' });

  // the same length, other code: V8 alone would take the old cache for it
  writeFileSync(bundle, bundleText(43));
  assert.deepEqual(run(bundle, cacheDir), { use: 'new', printed: 'answer 43 true server-main.js' });
  const files = readdirSync(cacheDir);
  assert.equal(files.length, 1, 'the cache of the bundle before is gone');
  assert.notEqual(files[0], made);

  // a cache V8 refuses: the bundle still runs, and the cache is made again
  const cacheFile = join(cacheDir, files[0]);
  writeFileSync(cacheFile, Buffer.alloc(readFileSync(cacheFile).length, 7));
  assert.deepEqual(run(bundle, cacheDir), { use: 'rejected', printed: 'answer 43 true server-main.js' });
  assert.deepEqual(run(bundle, cacheDir), { use: 'used', printed: 'answer 43 true server-main.js' });

  // no folder: the bundle is simply required
  assert.deepEqual(run(bundle, undefined), { use: 'none', printed: 'answer 43 true server-main.js' });
});

test("runs under V8 flags set while running (the command line's long runs) keep a cache of their own: the two kinds take turns", () => {
  const dir = scratchDir('code-cache');
  const bundle = join(dir, 'pdf-reader.js');
  const cacheDir = join(dir, 'cache');
  writeFileSync(bundle, bundleText(42));
  const tuned = '--max-inlined-bytecode-size=100';
  assert.equal(run(bundle, cacheDir).use, 'new');
  assert.equal(run(bundle, cacheDir, tuned).use, 'new');
  assert.equal(readdirSync(cacheDir).length, 2, readdirSync(cacheDir).join(' '));
  // before, one cache was refused and made again at every change of kind
  assert.equal(run(bundle, cacheDir).use, 'used');
  assert.equal(run(bundle, cacheDir, tuned).use, 'used');
  assert.equal(run(bundle, cacheDir).use, 'used');
});
