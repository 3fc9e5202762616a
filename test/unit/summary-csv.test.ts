import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvField, summaryCsv } from '../../server/src/cli/formats/summary-csv';
import type { FileResult } from '../../server/src/cli/results';
import { corpusResults } from './summary-corpus';

/** RFC 4180 read back: fields, quoted fields with "" for a quote, CRLF between records */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    else field += c;
  }
  assert.equal(field + row.join(''), '', 'the last record ends with CRLF');
  return rows;
}

const range = { start: { line: 4, character: 2 }, end: { line: 4, character: 5 } };
const tricky: FileResult = {
  path: 'reports/a,b "quoted".txt',
  schema: 'gov-2021',
  report: { office: '某某区人民政府', year: 2024 },
  diagnostics: [
    { rule: 'placeholder', severity: 'warning', message: '第一行\n第二行，含“引号”和 "quotes", 逗号', range, related: [] },
    { rule: 'other-office', severity: 'information', message: '=HYPERLINK("http://x")', range, related: [] },
  ],
};

describe('summary .csv', () => {
  test('the corpus: a byte-order mark, a header, one row per finding, CRLF', () => {
    const results = corpusResults('zh');
    const text = summaryCsv(results, { lang: 'zh' });
    assert.deepEqual([...Buffer.from(text, 'utf8').subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    const rows = parseCsv(text.slice(1));
    assert.deepEqual(rows[0], ['文件', '行', '列', '规则', '级别', '问题', '单位', '年度']);
    const findings = results.flatMap((f) => f.diagnostics.map((d) => ({ f, d })));
    assert.equal(rows.length - 1, findings.length);
    const sum = rows.find((r) => r[0].endsWith('pingtan-zhqsyq-2020.txt') && r[3] === 'table-sum')!;
    assert.deepEqual(sum.slice(0, 5), ['test/fixtures/corpus/pingtan-zhqsyq-2020.txt', '57', '9', 'table-sum', '错误']);
    assert.match(sum[5], /应为 26（6\+6\+4\+3\+3\+4），表中为 20/);
    assert.deepEqual(sum.slice(6), ['平潭综合实验区', '2020']);
  });

  test('commas, quotes and line breaks are quoted and read back unchanged; a formula stays text', () => {
    const rows = parseCsv(summaryCsv([tricky], { lang: 'en' }).slice(1));
    assert.deepEqual(rows[0], ['File', 'Line', 'Column', 'Rule', 'Severity', 'Message', 'Office', 'Year']);
    assert.deepEqual(rows[1], [tricky.path, '5', '3', 'placeholder', 'warning', tricky.diagnostics[0].message, '某某区人民政府', '2024']);
    assert.equal(rows[2][5], `'=HYPERLINK("http://x")`);
    assert.equal(rows.length, 3);
    assert.equal(csvField('a"b'), '"a""b"');
    assert.equal(csvField('plain'), 'plain');
  });

  test('no finding: the header alone', () => {
    assert.equal(summaryCsv([], { lang: 'zh' }), '\uFEFF文件,行,列,规则,级别,问题,单位,年度\r\n');
  });
});

describe('summary kinds', () => {
  test('the extension picks the kind, in any case; only the page needs the tables', async () => {
    const { summary, summaryKind, summaryNeedsTables } = await import('../../server/src/cli/formats/summary-kinds');
    assert.deepEqual(['汇总.xlsx', 'a.CSV', 'b.htm', 'c.Html', 'd.json', 'xlsx'].map(summaryKind), [
      'xlsx',
      'csv',
      'html',
      'html',
      undefined,
      undefined,
    ]);
    assert.deepEqual((['xlsx', 'csv', 'html'] as const).map(summaryNeedsTables), [false, false, true]);
    assert.equal(await summary('csv', [], { lang: 'en' }), '\uFEFFFile,Line,Column,Rule,Severity,Message,Office,Year\r\n');
    assert.ok((await summary('xlsx', [], { lang: 'en' })) instanceof Uint8Array);
  });
});
