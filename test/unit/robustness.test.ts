import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { builtinSchemas, checkReport, extractFigures, parseCell, type Rule } from '../../server/src/engine';
import { completionsAt } from '../../server/src/engine/editor';
import { report2021, withCell } from './reports';

// Defects the fuzz run (test/fuzz) found, each pinned here with the smallest text that shows it.

describe('robustness: defects found by fuzzing', () => {
  test('a count too long to add up exactly is no number: no sum is claimed, nothing is written as 1e+23', () => {
    assert.deepEqual(parseCell('99999999999999999999999'), { kind: 'text' });
    assert.deepEqual(parseCell('9007199254740991'), { kind: 'number', value: 9007199254740991, unit: '' });
    assert.deepEqual(extractFigures('收到申请99999999999999999999999件'), []);
    const text = report2021({ layout: 'pipe', applicationRows: withCell('一、本年新收政府信息公开申请数量', 0, 1) }).replace(
      /(一、本年新收政府信息公开申请数量 \| )1 /,
      '$199999999999999999999999 ',
    );
    const findings = checkReport(text).findings;
    assert.ok(!findings.some((f) => f.rule === 'table-sum' || f.rule === 'table-balance'), findings.map((f) => f.message.zh).join('\n'));
    for (const f of findings) assert.doesNotMatch(JSON.stringify(f), /\de\+\d/);
  });

  test('a title inside a code block is no title: nothing is anchored in it, where a disable comment could not work', () => {
    const text = '```\n某某区人民政府2024年政府信息公开工作年度报告\n```\n\n' + report2021({ title: '说明' }).replace(/^# 说明\n/, '');
    const r = checkReport(text);
    assert.ok(!r.model.title || r.model.title.start > text.indexOf('```', 3), JSON.stringify(r.model.title));
  });

  test("a rule that finds 200,000 mistakes (150,000 lines of last year's period were enough): all kept, the check does not break", () => {
    // the findings were spread into push(), which takes only so many arguments: RangeError, and no check at all
    const many: Rule = {
      id: 'statistics-period',
      severity: 'warning',
      fixable: false,
      description: { zh: '', en: '' },
      check: () => Array.from({ length: 200_000 }, (_, i) => ({ message: { zh: `${i}`, en: `${i}` }, start: i, end: i + 1, related: [] })),
    };
    const r = checkReport(report2021({ layout: 'pipe' }), { rules: [many] });
    assert.equal(r.findings.filter((f) => f.rule === 'statistics-period').length, 200_000);
  });

  test('completion at the end of a long blank line with a figure in it answers at once (it used to backtrack for minutes)', () => {
    const text = '某某区人民政府2024年政府信息公开工作年度报告\n\n' + ' '.repeat(20000) + '5 \n';
    const r = checkReport(text);
    const t0 = performance.now();
    completionsAt(r, text.length - 1, { lang: 'zh', markdown: false, schemas: builtinSchemas() });
    assert.ok(performance.now() - t0 < 1000);
  });
});
