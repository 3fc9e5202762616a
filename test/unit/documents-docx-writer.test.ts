import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { readDocxSync } from '../../server/src/documents/docx';
import { reportToDocx } from '../../server/src/documents/docxWriter';
import { checkReport, parseReport, type Finding } from '../../server/src/engine';

// Export to Word, then read the document back: the same report. And the document opened by a reader
// that shares nothing with ours (fast-xml-parser on the raw parts): the layout of GB/T 9704-2012.

const dir = join(__dirname, '..', 'fixtures', 'corpus');
const summary = (f: Finding) => `${f.rule} ${f.severity} ${f.message.zh} / ${f.message.en}`;

const official = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }))
  .filter((r) => ['gov-2019', 'gov-2021'].includes(checkReport(r.text).detection.schema?.id ?? ''));

/** the lines of prose, white space at their ends aside (a centred title loses its indent); tables and the lines they take in (勾稽 note, 第二十条 captions) set aside */
function proseLines(text: string): string[] {
  return text
    .replace(/\f/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.trim() && !l.includes('|') && !/^（本列数据的勾稽关系为/.test(l.trim()) && !/^第二十条第（.+）项$/.test(l.trim()));
}

/** every row of figures: its cells as written, and its label without white space or /-joined path */
function figureRows(text: string): { cells: string; label: string }[] {
  return parseReport(text).rows.map((r) => ({ cells: r.cells.map((c) => c.raw).join('|'), label: r.ownLabel.replace(/[\s/]/g, '') }));
}

test('the corpus has 2019- and 2021-format reports to export', () => assert.ok(official.length >= 13, `${official.length}`));

for (const { name, text } of official) {
  test(`${name}: exported to Word and read back, the same findings and the same text`, async () => {
    const back = readDocxSync(await reportToDocx(text)).text;
    assert.deepEqual(checkReport(back).findings.map(summary), checkReport(text).findings.map(summary));
    assert.deepEqual(proseLines(back), proseLines(text));
    const before = figureRows(text);
    const after = figureRows(back);
    assert.deepEqual(
      after.map((r) => r.cells),
      before.map((r) => r.cells),
    );
    // labels keep their words; group labels the template draws once (三、本年度办理结果, （三）不予公开) may be taken off
    after.forEach((r, i) => assert.ok(before[i].label.endsWith(r.label), `${r.label} ≠ ${before[i].label}`));
  });
}

// ---------- the document as another reader sees it ----------

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  trimValues: false,
  isArray: (name) => ['w:p', 'w:r', 'w:tbl', 'w:tr', 'w:tc', 'w:t', 'w:font'].includes(name),
});

const arr = (x: unknown): Node[] => (Array.isArray(x) ? x : x === undefined ? [] : [x]) as Node[];
const at = (node: unknown, ...path: string[]): Node | undefined =>
  path.reduce<Node | undefined>((n, k) => {
    const v = n?.[k];
    return (Array.isArray(v) ? v[0] : v) as Node | undefined;
  }, node as Node);
const attr = (node: Node | undefined, name: string) => node?.[`@w:${name}`] as string | undefined;

function textOf(p: Node): string {
  return arr(p['w:r'])
    .flatMap((r) => arr(r['w:t']))
    .map((t) => (typeof t === 'object' ? String((t as Node)['#text'] ?? '') : String(t)))
    .join('');
}

function cellText(tc: Node): string {
  return arr(tc['w:p']).map(textOf).join('');
}

async function exported(name: string) {
  const files = unzipSync(await reportToDocx(readFileSync(join(dir, name), 'utf8')));
  const part = (path: string) => parser.parse(strFromU8(files[path])) as Node;
  const body = at(part('word/document.xml'), 'w:document', 'w:body')!;
  return { files, part, body, paragraphs: arr(body['w:p']), tables: arr(body['w:tbl']) };
}

test('A4 with the margins of official documents, in twips: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm', async () => {
  const { body, part } = await exported('pingtan-zhqsyq-2021.txt');
  const section = at(body, 'w:sectPr');
  assert.deepEqual([attr(at(section, 'w:pgSz'), 'w'), attr(at(section, 'w:pgSz'), 'h')], ['11906', '16838']);
  const margin = at(section, 'w:pgMar');
  assert.deepEqual(
    ['top', 'bottom', 'left', 'right'].map((side) => attr(margin, side)),
    ['2098', '1984', '1587', '1474'],
  );
  // odd and even pages have their own footers
  assert.ok(at(part('word/settings.xml'), 'w:settings', 'w:evenAndOddHeaders') !== undefined);
});

test('title 2号 方正小标宋简体 centred; body 3号 仿宋_GB2312 indented two characters; headings 黑体 and 楷体_GB2312', async () => {
  const { paragraphs } = await exported('huaian-city-2024.txt');
  const font = (p: Node) => at(p, 'w:r', 'w:rPr', 'w:rFonts');
  const size = (p: Node) => attr(at(p, 'w:r', 'w:rPr', 'w:sz'), 'val');
  const find = (start: string) => paragraphs.find((p) => textOf(p).trim().startsWith(start))!;

  // the title over two lines, as the report wrote it
  for (const title of paragraphs.slice(0, 2)) {
    assert.match(textOf(title), /^淮安市人民政府$|^2024 年政府信息公开工作年度报告$/);
    assert.equal(attr(at(title, 'w:pPr', 'w:jc'), 'val'), 'center');
    assert.equal(attr(font(title), 'eastAsia'), '方正小标宋简体');
    assert.equal(size(title), '44');
  }

  const body = find('本报告由淮安市人民政府办公室');
  assert.equal(attr(font(body), 'eastAsia'), '仿宋_GB2312');
  assert.equal(attr(font(body), 'ascii'), 'Times New Roman');
  assert.equal(size(body), '32');
  assert.equal(attr(at(body, 'w:pPr', 'w:ind'), 'firstLine'), '640');
  assert.equal(attr(at(body, 'w:pPr', 'w:spacing'), 'lineRule'), 'exact');

  const heading1 = find('一、总体情况');
  assert.equal(attr(font(heading1), 'eastAsia'), '黑体');
  assert.equal(size(heading1), '32');
  // in the outline: Word's navigation pane lists the sections
  assert.equal(attr(at(heading1, 'w:pPr', 'w:outlineLvl'), 'val'), '0');
  // a run-in second-level heading: （一）主动公开方面。 in 楷体, the paragraph it opens in 仿宋
  const heading2 = find('（一）主动公开情况');
  const runs = arr(heading2['w:r']);
  assert.equal(attr(at(runs[0], 'w:rPr', 'w:rFonts'), 'eastAsia'), '楷体_GB2312');
  assert.equal(textOf({ 'w:r': [runs[0]] }).trim(), '（一）主动公开情况。');
  assert.equal(attr(at(runs[1], 'w:rPr', 'w:rFonts'), 'eastAsia'), '仿宋_GB2312');
});

test('page numbers 4号 宋体 as “— 1 —”, right on odd pages and left on even ones', async () => {
  const { files, part } = await exported('pingtan-zhqsyq-2021.txt');
  const rels = strFromU8(files['word/_rels/document.xml.rels']);
  const section = at(part('word/document.xml'), 'w:document', 'w:body', 'w:sectPr')!;
  const references = arr(section['w:footerReference']);
  const footerOf = (type: string) => {
    const id = references.find((r) => r['@w:type'] === type)!['@r:id'] as string;
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1];
    return at(part(`word/${target}`), 'w:ftr', 'w:p')!;
  };
  for (const [type, side] of [
    ['default', 'right'],
    ['even', 'left'],
  ]) {
    const p = footerOf(type);
    assert.equal(attr(at(p, 'w:pPr', 'w:jc'), 'val'), side);
    const runs = arr(p['w:r']);
    assert.equal(textOf({ 'w:r': [runs[0]] }), '— ');
    assert.equal(textOf({ 'w:r': [runs[runs.length - 1]] }), ' —');
    assert.ok(
      runs.some(
        (r) =>
          String(
            r['w:instrText'] && (typeof r['w:instrText'] === 'object' ? (r['w:instrText'] as Node)['#text'] : r['w:instrText']),
          ).trim() === 'PAGE',
      ),
    );
    for (const r of runs) {
      assert.equal(attr(at(r, 'w:rPr', 'w:rFonts'), 'eastAsia'), '宋体');
      assert.equal(attr(at(r, 'w:rPr', 'w:sz'), 'val'), '28');
    }
  }
});

test('表三 drawn with the merged cells of the national template (gridSpan, vMerge)', async () => {
  const { tables } = await exported('pingtan-zhqsyq-2021.txt');
  const table = tables.find((t) => arr(t['w:tr']).some((tr) => arr(tr['w:tc']).some((tc) => cellText(tc) === '申请人情况')))!;
  const rows = arr(table['w:tr']).map((tr) => arr(tr['w:tc']));
  const props = (tc: Node) => at(tc, 'w:tcPr');
  const span = (tc: Node) => attr(at(props(tc), 'w:gridSpan'), 'val') ?? '1';
  const merge = (tc: Node) => {
    const m = at(props(tc), 'w:vMerge');
    return m === undefined ? undefined : (attr(m, 'val') ?? 'continue');
  };
  // row 1: the 勾稽 note over three label columns and three rows; 申请人情况 over the seven figures
  assert.match(cellText(rows[0][0]), /^（本列数据的勾稽关系为/);
  assert.deepEqual([span(rows[0][0]), merge(rows[0][0])], ['3', 'restart']);
  assert.deepEqual([cellText(rows[0][1]), span(rows[0][1])], ['申请人情况', '7']);
  // row 2: 自然人 and 总计 down two rows, 法人或其他组织 over five columns
  assert.deepEqual(
    rows[1].map((tc) => [cellText(tc), span(tc), merge(tc)]),
    [
      ['', '3', 'continue'],
      ['自然人', '1', 'restart'],
      ['法人或其他组织', '5', undefined],
      ['总计', '1', 'restart'],
    ],
  );
  assert.deepEqual(
    rows[2].map((tc) => cellText(tc)),
    ['', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
  );
  // 三、本年度办理结果 one cell down the 22 result rows of the 2021 format; （三）不予公开 beside its 8 rows
  const first = rows.findIndex((r) => cellText(r[0]) === '三、本年度办理结果');
  assert.equal(merge(rows[first][0]), 'restart');
  const continued = rows.slice(first + 1).filter((r) => merge(r[0]) === 'continue').length;
  assert.equal(continued, 21);
  const withheld = rows.findIndex((r) => r.some((tc) => cellText(tc) === '（三）不予公开'));
  assert.equal(rows.slice(withheld + 1, withheld + 8).filter((r) => merge(r[1]) === 'continue').length, 7);
  // 一、 spans the three label columns
  const received = rows.find((r) => cellText(r[0]).startsWith('一、本年新收'))!;
  assert.equal(span(received[0]), '3');
  assert.deepEqual(received.slice(1).map(cellText), ['64', '0', '0', '2', '0', '4', '70']);
});

test('表四 drawn with 行政复议 over two rows and 行政诉讼 over its two blocks', async () => {
  const { tables } = await exported('pingtan-zhqsyq-2021.txt');
  const table = tables.find((t) => arr(t['w:tr']).some((tr) => arr(tr['w:tc']).some((tc) => cellText(tc) === '行政复议')))!;
  const rows = arr(table['w:tr']).map((tr) => arr(tr['w:tc']));
  assert.deepEqual(
    rows[0].map((tc) => [cellText(tc), attr(at(tc, 'w:tcPr', 'w:gridSpan'), 'val')]),
    [
      ['行政复议', '5'],
      ['行政诉讼', '10'],
    ],
  );
  assert.equal(rows[3].length, 15);
});

test('the font table names substitutes for computers without the official fonts', async () => {
  const { part } = await exported('pingtan-zhqsyq-2021.txt');
  const fonts = arr(at(part('word/fontTable.xml'), 'w:fonts')!['w:font']);
  const font = (name: string) => fonts.find((f) => f['@w:name'] === name)!;
  assert.equal(attr(at(font('仿宋_GB2312'), 'w:altName'), 'val'), '仿宋');
  assert.equal(attr(at(font('楷体_GB2312'), 'w:altName'), 'val'), '楷体');
  assert.equal(attr(at(font('方正小标宋简体'), 'w:altName'), 'val'), '宋体');
  assert.equal(attr(at(font('黑体'), 'w:panose1'), 'val'), '02010609060101010101');
  assert.equal(attr(at(font('仿宋_GB2312'), 'w:charset'), 'val'), '86');
});

test('Markdown input: front matter, # headings and GFM delimiter rows are not written into the document', async () => {
  const md = [
    '---',
    'schema: gov-2021',
    '---',
    '# 某某局2024年政府信息公开工作年度报告',
    '',
    '## 一、总体情况',
    '',
    '| 第二十条第（一）项 | | | |',
    '|---|---|---|---|',
    '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
    '| 规章 | 0 | 0 | 0 |',
    '',
    '某某局',
    '2025年1月20日',
  ].join('\n');
  const back = readDocxSync(await reportToDocx(md)).text;
  assert.equal(
    back,
    [
      '某某局2024年政府信息公开工作年度报告',
      '一、总体情况',
      '第二十条第（一）项',
      '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数',
      '规章 | 0 | 0 | 0',
      '某某局',
      '2025年1月20日',
    ].join('\n'),
  );
});

// Two exported reports opened in LibreOffice 7.4 and saved again as .docx: LibreOffice writes the XML its
// own way (its merged cells, its styles, the tables apart). Read back, they give the corpus findings.
for (const name of ['pingtan-zhqsyq-2020', 'shanghai-municipal-govt-office-2019']) {
  test(`${name}: exported, saved again by LibreOffice, read: the same findings`, () => {
    const text = readFileSync(join(dir, `${name}.txt`), 'utf8');
    const saved = readFileSync(join(__dirname, '..', 'fixtures', 'docx', `${name}.libreoffice.docx`));
    const back = readDocxSync(saved).text;
    assert.deepEqual(checkReport(back).findings.map(summary), checkReport(text).findings.map(summary));
    assert.deepEqual(proseLines(back), proseLines(text));
  });
}

test('odd input still makes a document: empty text, control characters, a row of 500 cells, lines of pipes only', async () => {
  for (const text of ['', '\f\u0000\u0007', `x${' | 1'.repeat(500)}`, '|\n||\n| | |', '一、\n（一）\n\t\t', '# 标题\n\n---\n']) {
    const back = readDocxSync(await reportToDocx(text)).text;
    assert.equal(typeof back, 'string');
  }
  assert.equal(readDocxSync(await reportToDocx('\f\u0000正文\u0007')).text, '正文');
});
