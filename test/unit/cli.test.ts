import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './cliRun';
import { report2021, withCell } from './reports';
import { scratchDir } from './scratch';

const corpus = join(__dirname, '..', 'fixtures', 'corpus');

const run = runCli;

const scratch = scratchDir('cli');
const clean = join(scratch, '2024年度报告.md');
writeFileSync(clean, report2021());
const wrong = join(scratch, '错误的年报.md');
writeFileSync(wrong, report2021({ applicationRows: withCell('（七）总计', 0, 9) }));

describe('nianbao check', () => {
  test('--format json on the corpus: the contract of DESIGN.md, exit 1', async () => {
    const r = await run('check', '--format', 'json', corpus);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.out);
    assert.equal(doc.version, 1);
    assert.equal(doc.files.length, 22, 'the README of the folder is not a report');
    for (const f of doc.files) {
      assert.deepEqual(Object.keys(f), ['path', 'schema', 'diagnostics']);
      assert.ok(f.schema === null || typeof f.schema === 'string');
      for (const d of f.diagnostics) {
        assert.deepEqual(Object.keys(d), ['rule', 'severity', 'message', 'range', 'related']);
        assert.match(d.severity, /^(error|warning|information|hint)$/);
        for (const p of [d.range.start, d.range.end]) assert.deepEqual(Object.keys(p), ['line', 'character']);
      }
    }
    const p2020 = doc.files.find((f: { path: string }) => f.path.endsWith('pingtan-zhqsyq-2020.txt'));
    assert.equal(p2020.schema, 'gov-2019');
    const total = p2020.diagnostics.find((d: { rule: string; message: string }) => d.rule === 'table-sum' && d.message.includes('27'));
    assert.deepEqual(total.range, { start: { line: 56, character: 33 }, end: { line: 56, character: 35 } });
  });

  test('a clean report exits 0, a wrong one 1; text output names file, line and rule', async () => {
    assert.equal((await run('check', clean)).code, 0);
    const r = await run('check', '--lang', 'zh', wrong);
    assert.equal(r.code, 1);
    assert.match(r.out, /错误的年报\.md {2}\(gov-2021\)/);
    assert.match(
      r.out,
      /错误 {2}表三 收到和处理政府信息公开申请情况：「（七）总计」行「自然人」列应为 10（5\+2\+1\+2），表中为 9 {2}\[table-sum\]/,
    );
    assert.match(r.out, /检查了 1 个文件：3 个错误/);
    const en = await run('check', '--lang', 'en', wrong);
    assert.match(en.out, /error +Table 3: applications received and handled: row “（七）总计”, column “自然人” should be 10/);
  });

  test('unreadable and binary inputs are named, the others still checked, exit 2', async () => {
    const binary = join(scratch, 'scan.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    const r = await run('check', '--format', 'json', join(scratch, 'missing.md'), binary, wrong);
    assert.equal(r.code, 2);
    assert.match(r.err, /missing\.md：找不到该文件或文件夹|missing\.md: no such file/);
    assert.match(r.err, /scan\.txt：不是文本文件|scan\.txt: not a text file/);
    assert.equal(JSON.parse(r.out).files.length, 1);
  });

  test('GB18030-encoded reports are read', async () => {
    const gbk = join(scratch, 'gbk.txt');
    // "2024年度报告" in GBK
    writeFileSync(gbk, Buffer.from([0x32, 0x30, 0x32, 0x34, 0xc4, 0xea, 0xb6, 0xc8, 0xb1, 0xa8, 0xb8, 0xe6, 0x0a]));
    const r = await run('check', '--format', 'json', gbk);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).files[0].schema, 'gov-2021');
  });

  test('globs, --schema by id and by file, bad usage', async () => {
    const g = await run('check', '--format', 'json', join(corpus, 'pingtan-zhqsyq-202*.txt'));
    assert.equal(JSON.parse(g.out).files.length, 6);
    const forced = await run('check', '--format', 'json', '--schema', 'gov-2019', clean);
    assert.equal(JSON.parse(forced.out).files[0].schema, 'gov-2019');
    const badSchema = join(scratch, 'bad.yaml');
    writeFileSync(badSchema, 'id: my-report\nname: { zh: 甲, en: A }\nsections: []\n');
    const b = await run('check', '--schema', badSchema, clean);
    assert.equal(b.code, 2);
    assert.match(b.err, /bad\.yaml: sections: /);
    const mine = join(scratch, 'mine.yaml');
    writeFileSync(mine, 'id: my-report\nname: { zh: 甲, en: A }\nsections:\n  - id: intro\n    title: 一、概述\n');
    const m = await run('check', '--format', 'json', '--schema', mine, clean);
    assert.equal(m.code, 0, m.err);
    assert.equal(JSON.parse(m.out).files[0].diagnostics[0].rule, 'required-section');
    assert.equal((await run('check', '--format', 'xml', clean)).code, 2);
    assert.equal((await run('lint', clean)).code, 2);
    assert.equal((await run('check')).code, 2);
    assert.equal((await run('--help')).code, 0);
  });
});
