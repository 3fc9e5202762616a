import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fdOutput } from '../../server/src/cli/output';
import { CONFIG_NAMES, planRun, TextStore } from '../../server/src/cli/run';
import { CONFIG_FILE_NAMES } from '../../server/src/configFile';
import { readers } from '../../server/src/documents';
import { docxReader } from '../../server/src/documents/docx';
import { htmlReader } from '../../server/src/documents/html';
import { scratchDir } from './scratch';

// What keeps the command line quick to start and to read a folder: readers and the configuration file's
// parser loaded when needed, each file read once, the bundle compiled from its code cache.

const root = join(__dirname, '..', '..');
const corpus = join(root, 'test', 'fixtures', 'corpus');

test('the readers loaded on first use take the extensions of the readers they stand for', () => {
  assert.deepEqual(readers.find((r) => r.extensions.includes('.docx'))?.extensions, docxReader.extensions);
  assert.deepEqual(readers.find((r) => r.extensions.includes('.html'))?.extensions, htmlReader.extensions);
});

test('the names looked for before loading the configuration file parser are the names it reads', () => {
  assert.deepEqual(CONFIG_NAMES, [...CONFIG_FILE_NAMES]);
});

test('a folder is read once: every check and every comparison with last year takes its text from the plan', async () => {
  const plan = await planRun([corpus], { flags: {}, configFiles: false });
  assert.ok(plan.jobs.length >= 20 && plan.jobs.some((j) => j.previous));
  for (const job of plan.jobs) {
    assert.equal(plan.texts.take(job.path), readFileSync(job.path, 'utf8'), job.path);
    if (job.previous) assert.equal(plan.texts.take(job.previous), readFileSync(job.previous, 'utf8'), job.previous);
  }
  // all let go once taken
  assert.equal(plan.texts.take(plan.jobs[0].path), undefined);
});

test('texts are kept within a bound, the rest read again at their check', () => {
  const store = new TextStore(100);
  store.keep('a', 'x'.repeat(30));
  store.keep('b', 'y'.repeat(30));
  assert.equal(store.hasRoomFor(40), true);
  store.use('a');
  store.use('a');
  assert.equal(store.take('a'), 'x'.repeat(30));
  assert.equal(store.take('a'), 'x'.repeat(30));
  assert.equal(store.take('a'), undefined);
  assert.equal(store.take('b'), undefined, 'two UTF-16 bytes a character: b did not fit');
});

test('output is written in pieces, and a message on stderr comes after the output before it', () => {
  const dir = scratchDir('output');
  const file = join(dir, 'both');
  const fd = openSync(file, 'w');
  const output = fdOutput(() => process.exit(0), fd, fd);
  output.out('one');
  output.out('two');
  output.err('message');
  output.out('three');
  output.flush();
  closeSync(fd);
  assert.equal(readFileSync(file, 'utf8'), 'one\ntwo\nmessage\nthree\n');
});

test('the bundle runs from its code cache, and a cache made from another bundle is not used', () => {
  const bundle = join(root, 'dist', 'cli.js');
  const cache = `${bundle}.cache`;
  // npm run test:unit builds first, and the build makes the cache
  assert.ok(existsSync(cache), 'no dist/cli.js.cache: `npm run build` made none');
  const digest = createHash('sha1').update(readFileSync(bundle)).digest();
  assert.ok(readFileSync(cache).subarray(0, 20).equals(digest), 'the cache is the bundle’s');
  const dir = scratchDir('cache');
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist'));
  copyFileSync(join(root, 'bin', 'nianbao.js'), join(dir, 'bin', 'nianbao.js'));
  copyFileSync(bundle, join(dir, 'dist', 'cli.js'));
  const run = () =>
    spawnSync(
      process.execPath,
      [join(dir, 'bin', 'nianbao.js'), 'check', '--format', 'json', '--no-config', join(corpus, 'suqian-city-2024.txt')],
      {
        encoding: 'utf8',
      },
    );
  const expected = run().stdout;
  assert.match(expected, /"version": 1/);
  // the same length, another bundle's digest: V8 would take it; the loader must not
  const stale = Buffer.from(readFileSync(cache));
  stale[0] ^= 0xff;
  writeFileSync(join(dir, 'dist', 'cli.js.cache'), stale);
  assert.equal(run().stdout, expected);
  copyFileSync(cache, join(dir, 'dist', 'cli.js.cache'));
  assert.equal(run().stdout, expected);
});
