import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './cliRun';
import { checkReport } from '../../server/src/engine';
import { scratchDir } from './scratch';

// Reports as they travel, on the command line: the published PDFs give the findings of their text,
// each with the page and line it is on; a folder of them is searched like one of text reports.

const root = join(__dirname, '..', '..');
const corpus = join(root, 'test', 'fixtures', 'corpus');
const pdfs = join(root, 'test', 'fixtures', 'pdf');

const run = runCli;

type Json = {
  files: { path: string; diagnostics: { rule: string; message: string; source?: { kind: string; page: number; line: number } }[] }[];
};

describe('nianbao check on documents', () => {
  for (const year of [2023, 2024])
    test(`huaian-hongze-district-${year}.pdf: the findings of its corpus text, with pages`, async () => {
      const r = await run('check', '--format', 'json', '--no-config', join(pdfs, `huaian-hongze-district-${year}.pdf`));
      assert.equal(r.err, '');
      const found = (JSON.parse(r.out) as Json).files[0].diagnostics;
      const text = checkReport(readFileSync(join(corpus, `huaian-hongze-district-${year}.txt`), 'utf8')).findings;
      assert.deepEqual(
        found.map((d) => `${d.rule}: ${d.message}`),
        text.map((f) => `${f.rule}: ${f.message.zh}`),
      );
      for (const d of found) assert.ok(d.source?.kind === 'pdf' && d.source.page >= 1 && d.source.line >= 1, JSON.stringify(d));
    });

  test('text output names the page; a folder of PDFs is searched; a broken one is told, the others checked', async () => {
    const dir = scratchDir('pdfs');
    copyFileSync(join(pdfs, 'huaian-hongze-district-2023.pdf'), join(dir, '洪泽区2023年报.pdf'));
    writeFileSync(join(dir, '坏的2023年报.pdf'), '%PDF-1.7\n1 0 obj << >> endobj\ntrailer <<>>\n%%EOF');
    writeFileSync(join(dir, '说明.doc'), 'old');
    const r = await run('check', '--lang', 'zh', dir);
    assert.equal(r.code, 2);
    assert.match(r.out, /应为 11（10\+1\+0\+0），表中为 0（第 4 页第 \d+ 行）\s+\[table-sum\]/);
    assert.match(r.err, /坏的2023年报\.pdf：.*PDF/);
    assert.doesNotMatch(r.err, /说明\.doc/, 'an old Word file in a folder is passed over');
    const named = await run('check', join(dir, '说明.doc'));
    assert.match(named.err, /另存为 \.docx/);
  });

  test('the PDFs of a folder are all read in one thread, where the next files are read while one is checked', async () => {
    const r = await run('check', '--format', 'json', '--no-config', '--jobs', '1', pdfs);
    assert.equal(r.err, '');
    assert.equal((JSON.parse(r.out) as Json).files.length, 4);
  });

  test('the PDF reader runs from a code cache made beside it by the first run that reads a PDF; a spoilt one is made again', () => {
    const dir = scratchDir('pdf-cache');
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(root, 'bin', 'nianbao.js'), join(dir, 'bin', 'nianbao.js'));
    // npm run test:unit builds first
    cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true, filter: (f) => !/pdf-reader-\w+\.cache$/.test(f) });
    const caches = () => readdirSync(join(dir, 'dist')).filter((f) => /^pdf-reader-\w+\.cache$/.test(f));
    const check = () =>
      spawnSync(
        process.execPath,
        [join(dir, 'bin', 'nianbao.js'), 'check', '--format', 'json', '--no-config', join(pdfs, 'huaian-hongze-district-2024.pdf')],
        {
          encoding: 'utf8',
        },
      );
    assert.deepEqual(caches(), []);
    const first = check();
    assert.equal(first.stderr, '');
    assert.equal((JSON.parse(first.stdout) as Json).files[0].diagnostics.length > 0, true);
    const [cache] = caches();
    assert.ok(cache, 'the first run wrote the cache');
    const made = readFileSync(join(dir, 'dist', cache));
    assert.ok(made.length > 100_000, `${made.length} bytes`);
    assert.equal(check().stdout, first.stdout, 'from the cache');
    // V8 refuses a cache whose contents do not check out: the reader is compiled from its text and the cache made anew
    const spoilt = Buffer.from(made);
    for (let i = 16; i < 64; i++) spoilt[i] ^= 0xff;
    writeFileSync(join(dir, 'dist', cache), spoilt);
    assert.equal(check().stdout, first.stdout, 'from a spoilt cache');
    assert.ok(!readFileSync(join(dir, 'dist', cache)).equals(spoilt), 'the spoilt cache was made again');
  });
});
