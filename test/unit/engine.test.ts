import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkReport, extractFigures, parseCell, parseChineseNumeral, parseReport, type Finding } from '../../server/src/engine';
import { applicationRows, report2021, withCell, type Layout } from './reports';

const at = (text: string, f: { start: number; end: number }) => text.slice(f.start, f.end);
const byRule = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);
const LAYOUTS: Layout[] = ['gfm', 'pipe', 'tab', 'aligned'];

describe('numbers', () => {
  test('table cells: numbers, blanks, placeholders', () => {
    assert.deepEqual(parseCell(' 18 '), { kind: 'number', value: 18, unit: '' });
    assert.deepEqual(parseCell('１２'), { kind: 'number', value: 12, unit: '' });
    assert.deepEqual(parseCell('1,234'), { kind: 'number', value: 1234, unit: '' });
    assert.deepEqual(parseCell('-18'), { kind: 'number', value: -18, unit: '' });
    assert.deepEqual(parseCell('7730.28'), { kind: 'number', value: 7730.28, unit: '' });
    assert.deepEqual(parseCell('73802895.90元'), { kind: 'number', value: 73802895.9, unit: '元' });
    assert.deepEqual(parseCell(''), { kind: 'blank' });
    assert.deepEqual(parseCell('—'), { kind: 'placeholder' });
    assert.deepEqual(parseCell('无'), { kind: 'placeholder' });
    assert.deepEqual(parseCell('商业企业'), { kind: 'text' });
  });

  test('Chinese numerals', () => {
    assert.equal(parseChineseNumeral('十三'), 13);
    assert.equal(parseChineseNumeral('一百二十'), 120);
    assert.equal(parseChineseNumeral('三千零五'), 3005);
    assert.equal(parseChineseNumeral('一万二千'), 12000);
    assert.equal(parseChineseNumeral('两'), 2);
    assert.equal(parseChineseNumeral('二〇二四'), 2024);
    assert.equal(parseChineseNumeral('十'), 10);
    assert.equal(parseChineseNumeral('abc'), undefined);
  });

  test('figures in prose, in all their written forms, with exact ranges', () => {
    const text =
      '共收到申请１２件，主动公开5500 余条、约300条、1,234项，金额3.5万元，\n占 45.2％，百分之五十，十三个部门，一百二十次，2.4万条，近 20 件，2024 年 12月31日，国办公开办函〔2019〕60号，电话0591-23165370，第二十条。';
    const figs = extractFigures(text);
    const pick = (raw: string) => figs.find((f) => at(text, f) === raw);
    assert.equal(pick('１２件')?.value, 12);
    assert.equal(pick('5500 余条')?.approximate, true);
    assert.equal(pick('5500 余条')?.value, 5500);
    assert.equal(pick('300条')?.approximate, true); // 约
    assert.equal(pick('1,234项')?.value, 1234);
    assert.equal(pick('3.5万元')?.unit, '万元');
    assert.equal(pick('45.2％')?.percent, true);
    assert.equal(pick('百分之五十')?.value, 50);
    assert.equal(pick('百分之五十')?.percent, true);
    assert.equal(pick('十三个')?.value, 13);
    assert.equal(pick('一百二十次')?.value, 120);
    assert.equal(pick('2.4万条')?.value, 24000);
    assert.equal(pick('20 件')?.approximate, true); // 近
    assert.equal(pick('2024 年')?.unit, '年');
    assert.equal(pick('60号')?.unit, '号');
    assert.equal(pick('二十条')?.ordinal, true);
    assert.ok(!figs.some((f) => f.value === 23165370), 'a phone number is no figure');
    assert.ok(!figs.some((f) => f.value === 2019 && f.unit === ''), 'the year of a 文号 is no count');
  });

  test('a figure may span a PDF line break', () => {
    const text = '全年共公开信息 1136\n条。';
    const f = extractFigures(text).find((x) => x.value === 1136)!;
    assert.equal(f.unit, '条');
    assert.equal(at(text, f), '1136\n条');
  });
});

describe('model', () => {
  test('sections from Markdown headings and from plain Chinese numbering', () => {
    const md = parseReport('# 标题\n\n## 一、总体情况\n\n正文\n\n### （一）主动公开\n\n1. 第一点\n');
    assert.deepEqual(
      md.headings.map((h) => [h.mdLevel, h.numbering?.kind, h.title]),
      [
        [1, undefined, '标题'],
        [2, 'chinese', '总体情况'],
        [3, 'parenChinese', '主动公开'],
        [0, 'arabic', '第一点'],
      ],
    );
    const txt = parseReport('   一、总体情况\n（二）依申请公开情况。\n(3)其他\n三 、 其他需要报告的事项');
    assert.deepEqual(
      txt.headings.map((h) => [h.numbering?.kind, h.numbering?.value]),
      [
        ['chinese', 1],
        ['parenChinese', 2],
        ['parenArabic', 3],
        ['chinese', 3],
      ],
    );
  });

  test('title and year, also when PDF text splits the title', () => {
    assert.equal(parseReport('洪泽区人民政府\n      2023 年政府信息公开工作年度报告\n').year, 2023);
    assert.equal(
      parseReport('洪泽区人民政府\n      2023 年政府信息公开工作年度报告\n').title?.text,
      '洪泽区人民政府2023年政府信息公开工作年度报告',
    );
    assert.equal(parseReport('您当前位置: 首页/政府信息公开年报\n\n重庆市黔江区2016年政府信息公开工作年度报告').year, 2016);
    assert.equal(parseReport('一、总体情况\n2021年，我区以……').year, 2021);
    assert.equal(parseReport('本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。').year, 2022);
  });

  test('front matter names the schema', () => {
    const m = parseReport('---\ntitle: x\nschema: gov-2019\n---\n# 2021年报告');
    assert.equal(m.frontMatter?.schema?.value, 'gov-2019');
    assert.equal(m.text.slice(m.frontMatter!.schema!.start, m.frontMatter!.schema!.end), 'gov-2019');
  });

  test('rows: cells keep exact ranges in every layout', () => {
    for (const layout of LAYOUTS) {
      const text = report2021({ layout });
      const m = parseReport(text);
      const total = m.rows.find((r) => r.label.includes('（七）总计'));
      assert.ok(total, `${layout}: （七）总计 row found`);
      assert.deepEqual(
        total.cells.map((c) => at(text, c)),
        ['10', '2', '0', '0', '1', '0', '13'],
        layout,
      );
    }
  });

  test('row labels broken over lines by PDF extraction are joined', () => {
    const text = '（二）部分公开（区分处理的，只计这一情\n                  4    0      0     0   0   0     4\n';
    const m = parseReport(text);
    assert.equal(m.rows.length, 1);
    assert.match(m.rows[0].label, /部分公开/);
  });

  test('a blank cell in a ` | ` row is kept, outer GFM pipes are not cells', () => {
    const m = parseReport('二、上年结转政府信息公开申请数量 | 18 |  |  |  |  |  | \n| 规章 | 1 | 2 | 3 |');
    assert.equal(m.rows[0].cells.length, 7);
    assert.equal(m.rows[0].cells[6].value.kind, 'blank');
    assert.equal(m.rows[1].cells.length, 3);
  });

  test('prose ending in a number is not a table row', () => {
    const m = parseReport('泽区人民政府办公室联系（地址：淮安市洪泽区洪泽湖大道 90\n号 ， 邮 编 ： 223100 ， 电 话 ：');
    assert.equal(m.rows.length, 0);
  });
});

describe('table identities', () => {
  for (const layout of LAYOUTS) {
    test(`a correct report raises nothing (${layout})`, () => {
      const text = report2021({ layout });
      const r = checkReport(text);
      assert.equal(r.detection.schema?.id, 'gov-2021');
      assert.deepEqual(
        r.findings.map((f) => `${f.rule}: ${f.message.zh}`),
        [],
      );
    });

    test(`column total （七）总计 (${layout})`, () => {
      const text = report2021({ layout, applicationRows: withCell('（七）总计', 0, 9) });
      const r = checkReport(text);
      const sums = byRule(r.findings, 'table-sum');
      assert.equal(sums.length, 2, sums.map((f) => f.message.zh).join('\n')); // the column and the row of （七）总计
      const col = sums.find((f) => f.message.zh.includes('「自然人」列'))!;
      assert.equal(at(text, col), '9');
      assert.equal(col.severity, 'error');
      assert.match(col.message.zh, /「（七）总计」行「自然人」列应为 10（5\+2\+1\+2），表中为 9/);
      assert.match(col.message.en, /should be 10 \(5\+2\+1\+2\), the table says 9/);
      assert.deepEqual(
        col.related.map((x) => at(text, x)),
        ['5', '2', '1', '2'],
      );
      assert.deepEqual([col.arithmetic!.expected, col.arithmetic!.actual], [10, 9]);
      // every row of 三 from （一） to （六）, each operand the cell it names, adding up to the expected total
      const ops = col.arithmetic!.operands;
      assert.equal(ops.length, 21);
      for (const o of ops) assert.equal(at(text, o), String(o.value), o.label.zh);
      assert.equal(
        ops.reduce((a, o) => a + o.value, 0),
        10,
      );
      assert.deepEqual(
        ops.filter((o) => o.value).map((o) => `${o.label.zh} ${o.value}`),
        ['（一）予以公开 5', '（二）部分公开 2', '4.保护第三方合法权益 1', '1.本机关不掌握相关政府信息 2'],
      );
      // and the balance 一 + 二 = （七） + 四 fails in that column too
      assert.equal(byRule(r.findings, 'table-balance').length, 1);
    });

    test(`row total (${layout})`, () => {
      const text = report2021({ layout, applicationRows: withCell('三、本年度办理结果 （一）予以公开', 6, 8) });
      const r = checkReport(text);
      const row = byRule(r.findings, 'table-sum').find((f) => f.message.zh.includes('「（一）予以公开」行「总计」列'));
      assert.ok(row, r.findings.map((f) => f.message.zh).join('\n'));
      assert.equal(at(text, row), '8');
      assert.match(row.message.zh, /应为 7（5\+1\+0\+0\+1\+0），表中为 8/);
    });

    test(`a row with figures left out: no sum is checked without it, table-row-missing says so (${layout})`, () => {
      // （四）1. holds 2 + 1 = 3: summing the rows that remain would make （七）总计 look wrong by 3
      const rows = applicationRows.filter(([l]) => !l.includes('本机关不掌握'));
      const r = checkReport(report2021({ layout, applicationRows: rows }));
      assert.deepEqual(
        r.findings.map((f) => `${f.rule} ${f.severity}`),
        ['table-row-missing information'],
      );
      assert.match(r.findings[0].message.zh, /找不到 1 行（1\.本机关不掌握相关政府信息）/);
    });

    test(`table 四 block totals (${layout})`, () => {
      const cells = [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0];
      const text = report2021({ layout, reviewCells: cells });
      const sums = byRule(checkReport(text).findings, 'table-sum');
      assert.deepEqual(
        sums.map((f) => f.arithmetic?.expected),
        [11, 5],
      );
      assert.match(sums[0].message.zh, /「行政复议」行「总计」列应为 11（10\+1\+0\+0），表中为 0/);
    });
  }

  test('balance 一 + 二 = （七） + 四 alone', () => {
    const rows = withCell('四、结转下年度继续办理', 0, 2).map(([l, c]): [string, number[]] => [
      l,
      l === '四、结转下年度继续办理' ? [2, 0, 0, 0, 0, 0, 2] : c,
    ]);
    const text = report2021({ applicationRows: rows });
    const r = checkReport(text);
    const b = byRule(r.findings, 'table-balance');
    assert.equal(b.length, 2); // 自然人 and 总计 columns
    assert.match(
      b[0].message.zh,
      /「自然人」列 一、本年新收政府信息公开申请数量 \+ 二、上年结转政府信息公开申请数量 = 10 \+ 1 = 11，而（七）总计 \+ 四、结转下年度继续办理 = 10 \+ 2 = 12/,
    );
    assert.equal(byRule(r.findings, 'table-sum').length, 0);
  });

  test('a blank total beside parts all written is not read as 0: the blank is reported, no sum', () => {
    const text = report2021({ layout: 'pipe' }).replace(
      '（一）予以公开 | 5 | 1 | 0 | 0 | 1 | 0 | 7',
      '（一）予以公开 | 5 | 1 | 0 | 0 | 1 | 0 | ',
    );
    const r = checkReport(text);
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ['table-blank-cell'],
    );
  });

  test('blank cells are reported once per row and silence the arithmetic they touch', () => {
    const text = report2021({ layout: 'pipe' }).replace(
      '（一）予以公开 | 5 | 1 | 0 | 0 | 1 | 0 | 7',
      '（一）予以公开 | 5 | 1 |  |  | 1 |  | ',
    );
    const r = checkReport(text);
    const blanks = byRule(r.findings, 'table-blank-cell');
    assert.equal(blanks.length, 1);
    assert.match(blanks[0].message.zh, /4 个空白单元格（科研机构、社会公益组织、其他、总计）/);
    assert.equal(byRule(r.findings, 'table-sum').length, 0, 'a blank total is not a wrong total');
    // the quick fix writes 0 in each blank and nothing else
    const fixed = applyEdits(text, blanks[0].fix!.edits);
    assert.equal(
      fixed.split('\n').find((l) => l.includes('予以公开')),
      '三、本年度办理结果 （一）予以公开 | 5 | 1 | 0 | 0 | 1 | 0 | 0',
    );
    assert.equal(fixed.replace(/\n.*予以公开.*\n/, ''), text.replace(/\n.*予以公开.*\n/, ''), 'no other line changes');
  });

  test('non-numbers and negative counts', () => {
    const text = report2021({ layout: 'pipe' }).replace('2.重复申请 | 0 | 0', '2.重复申请 | — | -1');
    const r = checkReport(text);
    const bad = byRule(r.findings, 'table-cell-invalid');
    assert.deepEqual(
      bad.map((f) => [at(text, f), f.severity]),
      [
        ['—', 'warning'],
        ['-1', 'error'],
      ],
    );
  });

  test('the quick fix for a total makes the finding go away', () => {
    const text = report2021({ applicationRows: withCell('三、本年度办理结果 （一）予以公开', 6, 8) });
    const f = byRule(checkReport(text).findings, 'table-sum')[0];
    const fixed = applyEdits(text, f.fix!.edits);
    assert.deepEqual(checkReport(fixed).findings, []);
  });

  test('one missing row: one message, the checks that need it skipped, the others kept', () => {
    const rows = applicationRows.filter(([l]) => l !== '2.重复申请');
    const broken = rows.map(([l, c]): [string, number[]] => [l, l === '四、结转下年度继续办理' ? [1, 0, 0, 0, 0, 0, 9] : c]);
    const r = checkReport(report2021({ applicationRows: broken }));
    assert.deepEqual(r.findings.map((f) => f.rule).sort(), ['table-balance', 'table-row-missing', 'table-sum']);
    assert.match(byRule(r.findings, 'table-row-missing')[0].message.zh, /2\.重复申请/);
  });
});

describe('structure', () => {
  test('a missing section is reported where it belongs', () => {
    const text = report2021({ omitSections: ['五、存在的主要问题及改进情况'] });
    const r = checkReport(text);
    const f = byRule(r.findings, 'required-section');
    assert.equal(f.length, 1);
    assert.match(f[0].message.zh, /缺少必需的章节「五、存在的主要问题及改进情况」/);
    assert.equal(at(text, f[0]), '六、其他需要报告的事项');
  });

  test('a missing table is reported at its section, and only once', () => {
    const text = report2021().replace(
      /## 四、政府信息公开行政复议、行政诉讼情况\n\n[^#]*/,
      '## 四、政府信息公开行政复议、行政诉讼情况\n\n本年度无行政复议和行政诉讼。\n\n',
    );
    const r = checkReport(text);
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ['required-table'],
    );
    assert.match(r.findings[0].message.zh, /未找到表四/);
  });

  test('a section out of order', () => {
    const text = report2021({ heading: (h) => `## ${h}` }).replace(/(## 五、[^#]*)(## 六、[^#]*)/, '$2\n$1');
    const r = checkReport(
      text.replace(/## 六、其他需要报告的事项\n\n本年度未收取信息处理费。\n\n/, '') + '\n## 六、其他需要报告的事项\n\n无。\n',
    );
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      [],
    );
    const moved = report2021()
      .replace('## 一、总体情况', '## 甲')
      .replace('## 六、其他需要报告的事项', '## 六、其他需要报告的事项\n\n## 一、总体情况');
    const r2 = checkReport(moved);
    assert.deepEqual(
      r2.findings.map((f) => f.rule),
      ['section-order'],
    );
  });

  test('schema: from front matter, markers, year; unknown ids are reported', () => {
    assert.equal(checkReport('---\nschema: gov-2019\n---\n' + report2021()).detection.schema?.id, 'gov-2019');
    assert.equal(checkReport(report2021()).detection.reason, 'markers');
    assert.equal(checkReport('# 2020年政府信息公开工作年度报告\n').detection.schema?.id, 'gov-2019');
    assert.equal(checkReport('# 2016年政府信息公开工作年度报告\n').detection.schema?.id, 'gov-2008');
    assert.equal(checkReport('# 政府信息公开工作报告\n').detection.schema, undefined);
    const r = checkReport('---\nschema: gov-1999\n---\n# 报告');
    assert.equal(r.findings[0].rule, 'schema-unknown');
  });
});

function applyEdits(text: string, edits: { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('table 二: a row that does not apply to the office', () => {
  const invalid = (text: string) =>
    byRule(checkReport(text).findings, 'table-cell-invalid').map((f) => `${f.severity} ${text.slice(f.start, f.end)} ${f.message.zh}`);

  test('规章 | / | / | /: one information for the row, not a warning per cell', () => {
    const text = report2021({ layout: 'pipe' }).replace('规章 | 0 | 0 | 0', '规章 | / | / | /');
    assert.deepEqual(invalid(text), [
      'information / | / | / 表二 第二十条第（一）项 规章和行政规范性文件：「规章」一行都填的是「/」：本单位没有这一项的，可在正文中说明；有这一项而数量为零的，应填 0',
    ]);
    const dashes = report2021({ layout: 'gfm' }).replace('| 规章 | 0 | 0 | 0 |', '| 规章 | — | — | — |');
    assert.deepEqual(
      invalid(dashes).map((x) => x.split(' ')[0]),
      ['information'],
    );
  });

  test('silent with real zeros; a mark beside figures is still a warning at the cell; not in table 三', () => {
    assert.deepEqual(invalid(report2021({ layout: 'pipe' })), []);
    const mixed = report2021({ layout: 'pipe' }).replace('规章 | 0 | 0 | 0', '规章 | 0 | / | 0');
    assert.deepEqual(
      invalid(mixed).map((x) => x.split(' ').slice(0, 2).join(' ')),
      ['warning /'],
    );
    const table3 = report2021({ layout: 'pipe' }).replace(
      '2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0',
      '2.重复申请 | / | / | / | / | / | / | /',
    );
    assert.equal(invalid(table3).length, 7);
  });
});

describe('a section written without its numeral', () => {
  test('收到和处理政府信息公开申请情况 without 三、: one finding, the missing numeral, not a missing section too', () => {
    const text = report2021({ layout: 'pipe' }).replace('三、收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请情况');
    const f = checkReport(text).findings.filter((x) => x.rule === 'section-numbering' || x.rule === 'required-section');
    assert.deepEqual(
      f.map((x) => `${x.rule} ${x.message.zh}`),
      ['section-numbering 这个标题缺少序号，应为「三、」'],
    );
  });

  test('a section truly missing is still missing; a sentence that only names the section is no heading', () => {
    const gone = report2021({ layout: 'pipe' }).replace('\n五、存在的主要问题及改进情况\n', '\n');
    assert.deepEqual(
      byRule(checkReport(gone).findings, 'required-section').map((x) => x.message.zh),
      ['缺少必需的章节「五、存在的主要问题及改进情况」'],
    );
    const named = report2021({ layout: 'pipe' }).replace(
      '\n五、存在的主要问题及改进情况\n',
      '\n关于存在的主要问题及改进情况，见下文所述内容。\n',
    );
    assert.deepEqual(
      byRule(checkReport(named).findings, 'required-section').map((x) => x.message.zh),
      ['缺少必需的章节「五、存在的主要问题及改进情况」'],
    );
  });
});
