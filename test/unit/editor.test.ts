import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { builtinSchemas, checkReport, type Finding, type TextEdit } from '../../server/src/engine';
import {
  applyEdits,
  completionsAt,
  definitionTargets,
  documentSymbols,
  fixAllEdits,
  foldingRanges,
  hoverAt,
  reportStatus,
  totalHints,
  type OutlineSymbol,
} from '../../server/src/engine/editor';
import { applicationRows, report2021, withCell, type Layout } from './reports';

// The editor features as pure functions over a checked report: offsets in, offsets and text out.

const LAYOUTS: Layout[] = ['gfm', 'pipe', 'tab', 'aligned'];
const TABLE_RULES = new Set(['table-sum', 'table-balance', 'table-blank-cell', 'required-section', 'required-table']);
const ours = (fs: Finding[]) => fs.filter((f) => TABLE_RULES.has(f.rule));
/** （七）总计 written 9 where its rows add up to 10: two wrong totals on that row, a balance below. */
const wrong = (layout: Layout = 'gfm') => report2021({ layout, applicationRows: withCell('（七）总计', 0, 9) });
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;
const options = (markdown = true) => ({ lang: 'zh' as const, markdown, schemas: builtinSchemas() });

describe('fix-all', () => {
  test('every fixable finding fixed at once; the report checks clean; nothing else changes', () => {
    // a wrong total in two rows and a blank cell: three findings with fixes in different places
    const rows = withCell('（七）总计', 0, 9).map(([l, c]): [string, (number | string)[]] => [
      l,
      l === '2.重复申请' ? c.map((v, i) => (i === 3 ? '' : v)) : c,
    ]);
    for (const layout of ['gfm', 'pipe', 'tab'] as const) {
      const text = report2021({ layout, applicationRows: rows as [string, number[]][] });
      const before = checkReport(text);
      const { edits, fixed } = fixAllEdits(before.findings);
      assert.ok(fixed.length >= 2, `${layout}: ${fixed.map((f) => f.rule)}`);
      const after = applyEdits(text, edits);
      assert.deepEqual(
        ours(checkReport(after).findings).filter((f) => f.fix),
        [],
        layout,
      );
      // outside the edits' ranges, the text is the same
      let at = 0;
      let shift = 0;
      for (const e of edits) {
        assert.equal(after.slice(at + shift, e.start + shift), text.slice(at, e.start));
        shift += e.newText.length - (e.end - e.start);
        at = e.end;
      }
      assert.equal(after.slice(at + shift), text.slice(at));
    }
  });

  test('a total computed from a figure that is itself being fixed waits: （七）总计「自然人」 9 → 10 makes the row total right', () => {
    const text = wrong();
    const r = checkReport(text);
    const sums = r.findings.filter((f) => f.rule === 'table-sum');
    assert.deepEqual(
      sums.map((f) => f.fix!.edits[0].newText),
      ['10', '12'],
      'fixed one by one, the second would write 12 where 13 is right',
    );
    const { edits, fixed } = fixAllEdits(r.findings);
    assert.deepEqual(fixed, [sums[0]]);
    const after = applyEdits(text, edits);
    assert.equal(after, report2021());
    assert.deepEqual(ours(checkReport(after).findings), []);
  });

  test('two fixes for one cell: only the first is taken, the other waits for the next round', () => {
    const f = (start: number, end: number, newText: string): Finding => ({
      rule: 'table-sum',
      severity: 'error',
      message: { zh: '', en: '' },
      start,
      end,
      related: [],
      fix: { title: { zh: '', en: '' }, edits: [{ start, end, newText }] },
    });
    const { edits, fixed } = fixAllEdits([f(10, 12, '27'), f(10, 12, '26'), f(20, 21, '0'), f(20, 21, '0')]);
    assert.deepEqual(edits, [
      { start: 10, end: 12, newText: '27' },
      { start: 20, end: 21, newText: '0' },
    ]);
    assert.equal(fixed.length, 3, 'the same edit proposed twice is made once and fixes both');
  });

  test('the same edits and findings as fix-all by its definition (each fix against all taken before), on random fixes', () => {
    type Span = { start: number; end: number };
    const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
    const same = (a: TextEdit, b: TextEdit) => a.start === b.start && a.end === b.end && a.newText === b.newText;
    const inputs = (f: Finding): Span[] => [...(f.arithmetic?.operands ?? []), ...f.related.filter((r) => !r.inPrevious)];
    function byDefinition(findings: Finding[]): { edits: TextEdit[]; fixed: Finding[] } {
      const taken: TextEdit[] = [];
      const fixed: Finding[] = [];
      for (const f of findings) {
        if (!f.fix?.edits.length) continue;
        const fresh = f.fix.edits.filter((e) => !taken.some((t) => same(t, e)));
        const clash =
          fresh.some((e) => taken.some((t) => overlaps(t, e)) || fresh.some((o) => o !== e && overlaps(o, e))) ||
          fresh.some((e) => fixed.some((g) => inputs(g).some((i) => overlaps(i, e)))) ||
          inputs(f).some((i) => taken.some((t) => overlaps(t, i)));
        if (clash) continue;
        taken.push(...fresh);
        fixed.push(f);
      }
      const order = new Map(taken.map((e, i) => [e, i]));
      taken.sort((a, b) => a.start - b.start || a.end - b.end || order.get(a)! - order.get(b)!);
      return { edits: taken, fixed };
    }
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    // spans short and long, insertions among them, across bucket boundaries (every 256 characters)
    const span = (): Span => {
      const start = rnd(3000);
      const kind = rnd(10);
      return { start, end: start + (kind === 0 ? 0 : kind < 8 ? 1 + rnd(4) : rnd(900)) };
    };
    let taken = 0;
    for (let round = 0; round < 200; round++) {
      const findings: Finding[] = Array.from({ length: 1 + rnd(60) }, () => {
        const at = span();
        const edits = Array.from({ length: 1 + rnd(2) }, () => ({ ...span(), newText: String(rnd(3)) }));
        const operands = Array.from({ length: rnd(3) }, () => ({ label: { zh: '', en: '' }, value: 0, ...span() }));
        return {
          rule: 'table-sum',
          severity: 'error',
          message: { zh: '', en: '' },
          ...at,
          related: Array.from({ length: rnd(2) }, () => ({
            message: { zh: '', en: '' },
            ...span(),
            ...(rnd(4) === 0 ? { inPrevious: true } : {}),
          })),
          ...(operands.length ? { arithmetic: { operands, expected: 0, actual: 0 } } : {}),
          fix: rnd(5) === 0 ? undefined : { title: { zh: '', en: '' }, edits },
        } as Finding;
      });
      const mine = fixAllEdits(findings);
      assert.deepEqual(mine, byDefinition(findings), `round ${round}`);
      taken += mine.fixed.length;
    }
    assert.ok(taken > 500, `${taken} fixes taken: the rounds must take some and leave some`);
  });

  test('100,000 fixes in one report: all taken (fix-all compared each with all taken before: about 4 minutes)', () => {
    const findings: Finding[] = Array.from({ length: 100_000 }, (_, i) => ({
      rule: 'statistics-period',
      severity: 'warning',
      message: { zh: '', en: '' },
      start: i * 40,
      end: i * 40 + 4,
      related: [],
      fix: { title: { zh: '', en: '' }, edits: [{ start: i * 40, end: i * 40 + 4, newText: '2024' }] },
    }));
    const { edits, fixed } = fixAllEdits(findings);
    assert.equal(fixed.length, 100_000);
    assert.equal(edits.length, 100_000);
  });

  test('SILENT: findings without a fix are left alone', () => {
    const text = wrong();
    const balance = checkReport(text).findings.filter((f) => f.rule === 'table-balance');
    assert.deepEqual(fixAllEdits(balance), { edits: [], fixed: [] });
  });
});

describe('required-section quick fix', () => {
  test('a heading lost above its table is put back above the table, in every layout', () => {
    for (const layout of LAYOUTS) {
      const original = report2021({ layout });
      const heading = layout === 'gfm' ? '## 三、收到和处理政府信息公开申请情况\n\n' : '三、收到和处理政府信息公开申请情况\n\n';
      const text = original.replace(heading, '');
      const f = checkReport(text).findings.find((x) => x.rule === 'required-section')!;
      assert.ok(f.fix, layout);
      assert.equal(applyEdits(text, f.fix.edits), original, layout);
    }
  });

  test('a missing section is written from its template before the next section present, or at the end', () => {
    const text = report2021({ omitSections: ['五、存在的主要问题及改进情况', '六、其他需要报告的事项'] });
    const found = checkReport(text).findings.filter((f) => f.rule === 'required-section');
    assert.equal(found.length, 2);
    assert.equal(found[0].fix!.title.zh, '按格式模板插入章节「五、存在的主要问题及改进情况」');
    const after = applyEdits(text, fixAllEdits(found).edits);
    assert.ok(
      after.endsWith(
        '\n\n## 五、存在的主要问题及改进情况\n\n（请填写）\n\n## 六、其他需要报告的事项\n\n（请填写，收取信息处理费的情况在此报告）\n',
      ),
      JSON.stringify(after.slice(-120)),
    );
    assert.ok(after.startsWith(text), 'appended, nothing else changes');
    assert.deepEqual(
      checkReport(after).findings.filter((f) => f.rule === 'required-section'),
      [],
    );
  });

  test('a section with tables comes with them, cells at 0; plain text gets no # marks', () => {
    const text = report2021({ layout: 'pipe', omitSections: ['二、主动公开政府信息情况'] });
    const g = checkReport(text).findings.find((f) => f.rule === 'required-section')!;
    const fixed = applyEdits(text, g.fix!.edits);
    assert.match(fixed, /\n二、主动公开政府信息情况\n\n\| 第二十条第（一）项 \|/);
    assert.match(fixed, /\| 规章 \| 0 \| 0 \| 0 \|\n/);
    assert.ok(fixed.includes('\n\n三、收到和处理政府信息公开申请情况'), 'before the next section, a blank line between');
    const after = checkReport(fixed);
    assert.deepEqual(ours(after.findings), []);
    for (const id of ['rulesTable', 'licensingTable', 'enforcementTable', 'feesTable'])
      assert.ok(after.bound!.tables.get(id)!.rows.size > 0, id);
  });

  test('sub-headings of the template sit one level below the report’s sections', () => {
    const text = report2021({ omitSections: ['一、总体情况'] });
    const g = checkReport(text).findings.find((f) => f.rule === 'required-section')!;
    assert.match(g.fix!.edits[0].newText, /^## 一、总体情况\n\n### （一）主动公开\n\n（请填写）\n/);
  });
});

describe('completion', () => {
  test('on an empty line, the next section the format expects comes first', () => {
    const text = report2021({ omitSections: ['三、收到和处理政府信息公开申请情况', '五、存在的主要问题及改进情况'] });
    const at = text.indexOf('## 四') - 1; // the empty line above 四
    const items = completionsAt(checkReport(text), at, options());
    assert.deepEqual(
      items.map((c) => [c.kind, c.insertText]),
      [
        ['section', '## 三、收到和处理政府信息公开申请情况'],
        ['section', '## 五、存在的主要问题及改进情况'],
      ],
    );
    assert.equal(items[0].preselect, true);
    assert.deepEqual([items[0].start, items[0].end], [at, at], 'replaces the (empty) line');
    // after 四: 五 is next, 三 comes after it
    const end = checkReport(text).model.text.length;
    assert.deepEqual(
      completionsAt(checkReport(text), end, options()).map((c) => c.label),
      ['五、存在的主要问题及改进情况', '三、收到和处理政府信息公开申请情况'],
    );
  });

  test('plain text gets headings without # marks; a typed # is kept', () => {
    const text = report2021({ layout: 'tab', omitSections: ['六、其他需要报告的事项'] }) + '\n';
    assert.deepEqual(
      completionsAt(checkReport(text), text.length, options(false)).map((c) => c.insertText),
      ['六、其他需要报告的事项'],
    );
    const typed = text + '### ';
    assert.deepEqual(
      completionsAt(checkReport(typed), typed.length, options(false)).map((c) => c.insertText),
      ['### 六、其他需要报告的事项'],
    );
  });

  test('in a table, the missing rows, with as many cells as the table has columns, in its layout', () => {
    const expected: Record<Layout, string> = {
      gfm: '| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
      pipe: '2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0',
      tab: '2.重复申请\t0\t0\t0\t0\t0\t0\t0',
      aligned: '2.重复申请    0    0    0    0    0    0    0',
    };
    for (const layout of LAYOUTS) {
      const rows = applicationRows.filter(([l]) => l !== '2.重复申请' && l !== '3.要求提供公开出版物');
      let text = report2021({ layout, applicationRows: rows });
      const eol = text.indexOf('\n', text.indexOf('1.信访举报投诉类申请'));
      text = text.slice(0, eol + 1) + '\n' + text.slice(eol + 1);
      const items = completionsAt(checkReport(text), eol + 1, options(layout === 'gfm'));
      assert.deepEqual(
        items.filter((c) => c.kind === 'row').map((c) => c.label),
        ['2.重复申请', '3.要求提供公开出版物'],
        layout,
      );
      assert.equal(items[0].insertText, expected[layout], layout);
      assert.equal(items[0].preselect, true);
    }
  });

  test('a row being typed after a pipe is completed with its cells as tab stops', () => {
    const rows = applicationRows.filter(([l]) => l !== '2.重复申请');
    const text = report2021({ applicationRows: rows });
    const eol = text.indexOf('\n', text.indexOf('1.信访举报投诉类申请'));
    const typed = text.slice(0, eol + 1) + '| 重复\n' + text.slice(eol + 1);
    const [item] = completionsAt(checkReport(typed), eol + 1 + '| 重复'.length, options());
    assert.equal(item.snippet, '| 2.重复申请 | ${1:0} | ${2:0} | ${3:0} | ${4:0} | ${5:0} | ${6:0} | ${7:0} |');
    assert.equal(item.filterText, item.insertText, 'filtered against what is typed, pipe included');
    assert.deepEqual([item.start, item.end], [eol + 1, eol + 1 + '| 重复'.length]);
  });

  test('in the front matter after schema:, the schema ids with their names', () => {
    const text = '---\nschema: gov\n---\n# 报告\n';
    const items = completionsAt(checkReport(text), text.indexOf('gov') + 3, options());
    assert.deepEqual(
      items.slice(0, 2).map((c) => [c.insertText, c.detail]),
      [
        ['gov-2021', '政府信息公开工作年度报告（2021 年格式）'],
        ['gov-2019', '政府信息公开工作年度报告（2019 年格式）'],
      ],
    );
    assert.deepEqual(
      items.map((c) => c.insertText),
      builtinSchemas().map((s) => s.id),
      'every built-in schema',
    );
    assert.deepEqual([items[0].start, items[0].end], [text.indexOf('gov'), text.indexOf('gov') + 3]);
    const open = '---\n'; // a front matter being written
    assert.deepEqual(
      completionsAt(checkReport(open), 4, options())
        .map((c) => c.insertText)
        .slice(0, 2),
      ['schema: gov-2021', 'schema: gov-2019'],
    );
  });

  test('SILENT: in the middle of prose, after text on the line, on a fence line', () => {
    const text = wrong();
    const prose = text.indexOf('本机关认真贯彻');
    assert.deepEqual(completionsAt(checkReport(text), prose, options()), []);
    const eol = text.indexOf('\n', prose);
    assert.deepEqual(completionsAt(checkReport(text), eol, options()), []);
    assert.deepEqual(completionsAt(checkReport('---\nschema: gov-2021\n---\n'), 3, options()), []);
    const sentence = text.replace('## 六、其他需要报告的事项', '一是加强\n\n## 六、其他需要报告的事项');
    assert.deepEqual(
      completionsAt(checkReport(sentence), sentence.indexOf('一是加强') + 4, options()),
      [],
      '"一是…" starts prose, not a heading',
    );
    const typed = report2021({ omitSections: ['五、存在的主要问题及改进情况'] }).replace(
      '## 六、其他需要报告的事项',
      '五、存在\n\n## 六、其他需要报告的事项',
    );
    assert.deepEqual(
      completionsAt(checkReport(typed), typed.indexOf('五、存在') + 4, options()).map((c) => c.label),
      ['五、存在的主要问题及改进情况'],
    );
    const complete = report2021();
    assert.deepEqual(completionsAt(checkReport(complete), complete.length, options()), [], 'nothing is missing');
  });
});

describe('hover', () => {
  test('on a wrong total: the table cell it is, the arithmetic with links, and the checks it takes part in', () => {
    const text = wrong();
    const r = checkReport(text);
    const f = r.findings.find((x) => x.rule === 'table-sum')!;
    const h = hoverAt(r, f.start, { lang: 'zh', uri: 'file:///r.md' })!;
    assert.deepEqual([h.start, h.end], [f.start, f.end]);
    assert.match(h.markdown, /\*\*表三 收到和处理政府信息公开申请情况\*\*/);
    assert.match(h.markdown, /行：（七）总计 {2}\n列：自然人/);
    assert.match(h.markdown, /\| （一）予以公开 \| 5 \| \[第 \d+ 行\]\(file:\/\/\/r\.md#L\d+\) \|/);
    assert.match(h.markdown, /\| 其余 17 项 \| 0 \| \|/);
    assert.match(h.markdown, /\| \*\*合计\*\* \| \*\*10\*\* \| \|/);
    assert.match(h.markdown, /各项之和为 \*\*10\*\*，报告中为 \*\*9\*\*（相差 1）/);
    assert.match(h.markdown, /这个数参与的核对未通过/);
    // the link points at the line of the figure
    const link = /\(file:\/\/\/r\.md#L(\d+)\)/.exec(h.markdown)!;
    assert.ok(text.split('\n')[Number(link[1]) - 1].includes('（一）予以公开'));
  });

  test('an operand that is itself a wrong total is marked', () => {
    const r = checkReport(wrong());
    const f = r.findings.filter((x) => x.rule === 'table-sum')[1]; // the row's 总计, computed from the wrong 自然人
    const h = hoverAt(r, f.start, { lang: 'zh' })!;
    assert.match(h.markdown, /\| 自然人 ⚠ \| 9 \| 第 \d+ 行 \|/);
    assert.match(h.markdown, /标 ⚠ 的数本身也被指出有误/);
  });

  test('on a balance: both sides, each with its sum', () => {
    const r = checkReport(wrong());
    const f = r.findings.find((x) => x.rule === 'table-balance')!;
    const h = hoverAt(r, f.start, { lang: 'en' })!;
    assert.match(h.markdown, /\| \*\*Left side\*\* \| \*\*11\*\* \| \|/);
    assert.match(h.markdown, /\| \*\*Right side\*\* \| \*\*10\*\* \| \|/);
    assert.match(h.markdown, /line \d+/);
  });

  test('on any bound cell: its official row and column; on a row label: its row', () => {
    for (const layout of LAYOUTS) {
      const text = report2021({ layout });
      const r = checkReport(text);
      const row = text.indexOf('4.保护第三方合法权益');
      const cells = r.model.rows.find((x) => x.start <= row && row <= x.end)!.cells;
      const h = hoverAt(r, cells[6].start, { lang: 'zh' })!;
      assert.equal(h.markdown, '**表三 收到和处理政府信息公开申请情况**  \n行：4.保护第三方合法权益  \n列：总计', layout);
      const label = hoverAt(r, row + 2, { lang: 'en' })!;
      assert.equal(label.markdown, '**Table 3: applications received and handled**  \nRow: 4.保护第三方合法权益', layout);
    }
  });

  test('table 四 written on one line: the block of the cell is its row', () => {
    const text = report2021({ layout: 'pipe' });
    const r = checkReport(text);
    const line = r.model.rows.find((x) => x.cells.length === 15)!;
    assert.match(hoverAt(r, line.cells[6].start, { lang: 'zh' })!.markdown, /行：行政诉讼（未经复议直接起诉）  \n列：结果纠正/);
  });

  test('SILENT: prose and headings without findings have no hover', () => {
    const text = report2021();
    const r = checkReport(text);
    assert.equal(hoverAt(r, text.indexOf('本机关认真贯彻'), { lang: 'zh' }), undefined);
    assert.equal(hoverAt(r, text.indexOf('一、总体情况'), { lang: 'zh' }), undefined);
  });
});

describe('inlay hints', () => {
  test('the computed total after a wrong one; none on a balance', () => {
    const text = wrong();
    const r = checkReport(text);
    const sums = r.findings.filter((f) => f.rule === 'table-sum');
    assert.equal(text.slice(sums[0].start, sums[0].end), '9');
    // the row's 总计 is computed from that 9: "= 12" would be wrong once the 9 is fixed
    assert.deepEqual(
      totalHints(r).map((h) => [h.offset, h.label, h.tooltip.zh]),
      [[sums[0].end, '= 10', sums[0].message.zh]],
    );
  });

  test('a percentage as precise as written; SILENT on warnings and information (口径, partial lists)', () => {
    const text = '申请60件，占2.9%；总数3978条。';
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    const finding = (range: { start: number; end: number }, severity: Finding['severity'], expected: number, actual: number): Finding => ({
      rule: 'x',
      severity,
      message: { zh: 'x', en: 'x' },
      ...range,
      related: [],
      arithmetic: { operands: [{ label: { zh: '数量', en: 'count' }, value: 60, ...at('60件') }], expected, actual },
    });
    const result = (findings: Finding[]) => ({ ...checkReport(text), findings });
    assert.deepEqual(
      totalHints(result([finding(at('2.9%'), 'error', 2.962, 2.9)])).map((h) => h.label),
      ['= 3.0%'],
    );
    assert.deepEqual(totalHints(result([finding(at('3978条'), 'information', 3926, 3978), finding(at('2.9%'), 'warning', 3, 2.9)])), []);
  });

  test('totals wrong on their own get a hint each', () => {
    const rows = withCell('（七）总计', 6, 14).map(([l, c]): [string, number[]] => [
      l,
      l === '一、本年新收政府信息公开申请数量' ? c.map((v, i) => (i === 6 ? 15 : v)) : c,
    ]);
    const r = checkReport(report2021({ layout: 'tab', applicationRows: rows }));
    assert.deepEqual(
      totalHints(r).map((h) => h.label),
      ['= 13', '= 13'],
    );
  });
});

describe('go to definition', () => {
  test('from a wrong total to the figures it should add up', () => {
    const text = wrong();
    const r = checkReport(text);
    const f = r.findings.find((x) => x.rule === 'table-sum')!;
    const targets = definitionTargets(r, f.start);
    assert.deepEqual(
      targets.map((t) => text.slice(t.start, t.end)),
      ['5', '2', '1', '2'],
    );
    assert.deepEqual(definitionTargets(r, text.indexOf('本机关认真贯彻')), []);
  });
});

describe('outline and folding', () => {
  const flat = (s: OutlineSymbol[], depth = 0): string[] =>
    s.flatMap((x) => [`${'  '.repeat(depth)}${x.kind} ${x.name} | ${x.detail}`, ...flat(x.children, depth + 1)]);

  test('sections bound to the format, with their tables and each one’s status', () => {
    const text = wrong();
    const symbols = documentSymbols(checkReport(text), 'zh');
    const lines = flat(symbols);
    assert.equal(lines[0], 'heading 某某区人民政府2024年政府信息公开工作年度报告 | ');
    assert.ok(lines.includes('  section 一、总体情况 | ✓'));
    assert.ok(lines.includes('    table 表二 第二十条第（一）项 规章和行政规范性文件 | ✓'));
    assert.ok(lines.some((l) => /^ {2}section 三、收到和处理政府信息公开申请情况 \| \d+ 个问题$/.test(l)));
    assert.ok(lines.some((l) => /^ {4}table 表三 收到和处理政府信息公开申请情况 \| \d+ 个问题$/.test(l)));
    assert.ok(lines.includes('    table 表四 政府信息公开行政复议、行政诉讼情况 | ✓'));
    const en = flat(documentSymbols(checkReport(text), 'en'));
    assert.ok(en.some((l) => /table Table 3: applications received and handled \| \d+ findings$/.test(l)));
  });

  test('ranges nest: every child inside its parent, the selection inside the range', () => {
    for (const layout of LAYOUTS) {
      const walk = (s: OutlineSymbol[], parent?: OutlineSymbol) => {
        for (const x of s) {
          assert.ok(x.start <= x.selectionStart && x.selectionEnd <= x.end, `${layout} ${x.name}`);
          if (parent) assert.ok(parent.start <= x.start && x.end <= parent.end, `${layout} ${x.name} in ${parent.name}`);
          walk(x.children, x);
        }
      };
      const symbols = documentSymbols(checkReport(report2021({ layout })), 'zh');
      walk(symbols);
      assert.equal(flat(symbols).filter((l) => l.trim().startsWith('section')).length, 6, layout);
      assert.equal(flat(symbols).filter((l) => l.trim().startsWith('table')).length, 6, layout);
    }
  });

  test('plain-text sub-headings nest under their section; the section shows its official title when worded otherwise', () => {
    const text = report2021({ layout: 'pipe' }).replace(
      '一、总体情况\n\n',
      '一、总体情况概述\n\n（一）主动公开\n\n内容。\n\n（二）依申请公开\n\n1.办理情况\n\n内容。\n\n',
    );
    const lines = flat(documentSymbols(checkReport(text), 'zh'));
    assert.deepEqual(lines.slice(0, 4), [
      'section 一、总体情况概述 | ✓ · 格式：一、总体情况',
      '  heading （一）主动公开 | ',
      '  heading （二）依申请公开 | ',
      '    heading 1.办理情况 | ',
    ]);
  });

  test('the outline of a real report: numbered paragraphs are named by their first phrase', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'corpus', 'pingtan-zhqsyq-2020.txt'), 'utf8');
    const lines = flat(documentSymbols(checkReport(text), 'zh'));
    assert.ok(lines.includes('    heading 2.加强政策解读发布 | '), lines.join('\n'));
    assert.ok(lines.some((l) => /^ {2}table 表三 收到和处理政府信息公开申请情况 \| \d+ 个问题$/.test(l)));
    assert.ok(lines.every((l) => l.length < 120));
  });

  test('tables that follow one another without a blank line (PDF text) do not overlap', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'corpus', 'pingtan-zhqsyq-2020.txt'), 'utf8');
    const r = checkReport(text);
    const section2 = documentSymbols(r, 'zh').find((s) => s.name.startsWith('二、'))!;
    const tables = section2.children.filter((c) => c.kind === 'table');
    assert.equal(tables.length, 5);
    for (let i = 1; i < tables.length; i++)
      assert.ok(tables[i - 1].end < tables[i].start, `${tables[i - 1].name} ends before ${tables[i].name}`);
    // 表二（六） starts at its heading line 第二十条第（六）项, not in the rows of （五） above it
    assert.equal(text.slice(tables[2].start, text.indexOf('\n', tables[2].start)), '第二十条第（六）项');
    const folds = foldingRanges(r);
    for (const a of folds)
      for (const b of folds)
        assert.ok(
          !(a.startLine < b.startLine && b.startLine <= a.endLine && a.endLine < b.endLine),
          `folds nest: ${JSON.stringify([a, b])}`,
        );
  });

  test('folding: each section and table that spans lines', () => {
    const text = report2021();
    const r = checkReport(text);
    const folds = foldingRanges(r);
    const table3 = r.model.rows.filter((x) => x.cells.length === 7);
    const first = Math.min(...table3.map((x) => x.line));
    const last = Math.max(...table3.map((x) => x.line));
    assert.ok(
      folds.some((f) => f.endLine === last && f.startLine < first),
      'the table',
    );
    const heading = lineOf(text, text.indexOf('## 三、'));
    assert.ok(
      folds.some((f) => f.startLine === heading && f.endLine === last),
      'its section',
    );
    assert.ok(folds.every((f) => f.endLine > f.startLine));
  });
});

describe('status', () => {
  test('schema, how it was chosen, findings counted', () => {
    const s = reportStatus(checkReport(wrong()));
    assert.equal(s.schema?.id, 'gov-2021');
    assert.equal(s.reason, 'markers');
    assert.ok(s.counts.error >= 3);
    const fm = '---\nschema: gov-2019\n---\n' + report2021();
    const t = reportStatus(checkReport(fm));
    assert.equal(t.reason, 'frontMatter');
    assert.deepEqual(t.frontMatterSchema, { start: 12, end: 20, line: 1 });
    assert.deepEqual(reportStatus(checkReport('随便写的笔记')).schema, null);
  });
});
