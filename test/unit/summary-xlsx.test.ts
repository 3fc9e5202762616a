import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Workbook, type Worksheet } from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { jsonFile } from '../../server/src/cli/formats/json';
import { displayWidth, summaryXlsx } from '../../server/src/cli/formats/summary-xlsx';
import { ruleRegistry } from '../../server/src/engine';
import { corpusResults } from './summary-corpus';

// The corpus summary written, then read back with the library, as a reviewer's spreadsheet would be.

// exceljs types its input as an ArrayBuffer while it reads a Node Buffer
const load = (book: Workbook, bytes: Uint8Array) => book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);

const values = (sheet: Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'text' in v ? v.text : v))),
  );
  return rows;
};

describe('summary .xlsx', async () => {
  const results = corpusResults('zh');
  // the counts a JSON consumer would compute
  const json = results.map((f) => jsonFile(f) as { path: string; diagnostics: { severity: string; rule: string }[] });
  const count = (f: (typeof json)[number], ...severities: string[]) => f.diagnostics.filter((d) => severities.includes(d.severity)).length;
  const bytes = await summaryXlsx(results, { lang: 'zh', docsBase: 'file:///opt/nianbao/' });
  const book = new Workbook();
  await load(book, bytes);

  test('three sheets, named in Chinese', () => {
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['报告', '问题', '规则'],
    );
  });

  test('报告: one row per report, its counts those of the JSON output', () => {
    const rows = values(book.getWorksheet('报告')!);
    assert.deepEqual(rows[0], ['单位', '年度', '格式', '错误', '警告', '提示', '第一个错误', '与上年报告对比', '文件']);
    assert.equal(rows.length - 1, results.length);
    for (const f of json) {
      const row = rows.find((r) => r[8] === f.path)!;
      assert.deepEqual(row.slice(3, 6), [count(f, 'error'), count(f, 'warning'), count(f, 'information', 'hint')], f.path);
    }
    const pingtan = rows.find((r) => String(r[8]).endsWith('pingtan-zhqsyq-2020.txt'))!;
    assert.deepEqual(pingtan.slice(0, 3), ['平潭综合实验区', 2020, 'gov-2019']);
    // line 4 comes before the table's line 57
    assert.match(String(pingtan[6]), /^列出的各项之和 82\+80.* = 2603 条，超过了总数 2602 条/);
    assert.equal(pingtan[7], 'test/fixtures/corpus/pingtan-zhqsyq-2019.txt');
  });

  test('问题: every finding, filters on, header frozen, rules linked to their pages', () => {
    const sheet = book.getWorksheet('问题')!;
    const rows = values(sheet);
    assert.deepEqual(rows[0], ['文件', '行', '列', '规则', '级别', '问题', '单位', '年度']);
    assert.equal(
      rows.length - 1,
      json.reduce((n, f) => n + f.diagnostics.length, 0),
    );
    assert.equal(sheet.views[0].state, 'frozen');
    assert.equal((sheet.views[0] as { ySplit: number }).ySplit, 1);
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet2.xml']);
    assert.match(xml, new RegExp(`<autoFilter ref="A1:H${rows.length}"`));
    const sum = rows.findIndex((r) => String(r[0]).endsWith('pingtan-zhqsyq-2020.txt') && r[3] === 'table-sum');
    assert.deepEqual(rows[sum].slice(1, 5), [57, 9, 'table-sum', '错误']);
    assert.equal(sheet.getRow(sum + 1).getCell(4).hyperlink, 'file:///opt/nianbao/docs/rules/table-sum.md');
  });

  test('规则: totals by rule and by severity add up', () => {
    const sheet = book.getWorksheet('规则')!;
    const rows = values(sheet);
    assert.deepEqual(rows[0], ['规则', '检查什么', '错误', '警告', '提示', '合计', '涉及报告数']);
    const body = rows.slice(1, -1);
    const total = rows[rows.length - 1];
    const all = json.flatMap((f) => f.diagnostics);
    for (const r of body) {
      const mine = all.filter((d) => d.rule === r[0]);
      assert.equal(r[5], mine.length, String(r[0]));
      assert.equal(r[2], mine.filter((d) => d.severity === 'error').length);
      assert.equal(r[6], json.filter((f) => f.diagnostics.some((d) => d.rule === r[0])).length);
      assert.equal(r[1], ruleRegistry.find((x) => x.id === r[0])!.description.zh);
    }
    assert.deepEqual(new Set(body.map((r) => r[0])), new Set(all.map((d) => d.rule)));
    assert.deepEqual(total.slice(0, 1).concat(total.slice(2)), [
      '合计',
      all.filter((d) => d.severity === 'error').length,
      all.filter((d) => d.severity === 'warning').length,
      all.filter((d) => d.severity === 'information' || d.severity === 'hint').length,
      all.length,
      json.filter((f) => f.diagnostics.length).length,
    ]);
  });

  test('English headers with lang en; Chinese counted double in column widths', async () => {
    const en = new Workbook();
    await load(en, await summaryXlsx(results, { lang: 'en' }));
    assert.deepEqual(
      en.worksheets.map((s) => s.name),
      ['Reports', 'Findings', 'Rules'],
    );
    assert.equal(en.getWorksheet('Findings')!.getRow(1).getCell(6).value, 'Message');
    assert.equal(displayWidth('平潭2020'), 8);
    assert.ok(book.getWorksheet('报告')!.getColumn(1).width! >= displayWidth('平潭综合实验区'));
  });
});
