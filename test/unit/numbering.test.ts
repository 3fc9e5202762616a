import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkReport } from '../../server/src/engine';
import { applyFix, at, byRule, report2016 } from './pre2019';
import { report2021 } from './reports';

// Numbering: 一、二、三 and （一）（二）（三） in sequence; 一是、二是、三是 in the prose.

const rule = (text: string, id: string) => byRule(checkReport(text).findings, id);

/** Applies the first finding's fix and checks again: the rule must have nothing more to say. */
function fixed(text: string, id: string): string {
  const f = rule(text, id)[0];
  assert.ok(f?.fix, 'a quick fix');
  const after = applyFix(text, f.fix.edits);
  assert.deepEqual(
    rule(after, id).map((x) => x.message.zh),
    [],
    'fixed',
  );
  return after;
}

describe('section-numbering', () => {
  test('a numeral mistyped: 一、二、三、四、六、六、七', () => {
    const text = report2016().replace('五、因政府信息公开申请', '六、因政府信息公开申请');
    const f = rule(text, 'section-numbering');
    assert.equal(f.length, 1);
    assert.equal(f[0].message.zh, '标题序号不连续：「四」之后应为「五、」，这里是「六、」，中间缺了「五」');
    assert.equal(at(text, f[0]), '六、因政府信息公开申请行政复议、提起行政诉讼的情况');
    assert.deepEqual(
      f[0].fix!.edits.map((e) => e.newText),
      ['五'],
      'the next 六 goes on from 五: only this one is wrong',
    );
    assert.match(fixed(text, 'section-numbering'), /\n五、因政府信息公开申请/);
  });

  test('a number skipped and the rest numbered on: renumber them all', () => {
    const text = report2016().replace('五、因政府', '六、因政府').replace('六、存在', '七、存在').replace('七、其他', '八、其他');
    const f = rule(text, 'section-numbering');
    assert.equal(f.length, 1);
    assert.deepEqual(
      f[0].fix!.edits.map((e) => e.newText),
      ['五', '六', '七'],
    );
    assert.equal(f[0].fix!.title.zh, '从这里起重新编号（五、……）');
    const after = fixed(text, 'section-numbering');
    assert.match(after, /\n五、因政府[\s\S]*\n六、存在[\s\S]*\n七、其他/);
  });

  test('a number repeated', () => {
    const text = report2016().replace('三、依申请', '二、依申请');
    const f = rule(text, 'section-numbering');
    assert.equal(f.length, 1);
    assert.equal(f[0].message.zh, '标题序号「二、」重复了，应为「三、」');
    assert.deepEqual(
      f[0].related.map((r) => at(text, r)),
      ['二、主动公开政府信息情况'],
    );
    fixed(text, 'section-numbering');
  });

  test('—、 for 一、, and a heading without its numeral', () => {
    const dash = report2016().replace('一、概述', '—、概述');
    const f = rule(dash, 'section-numbering');
    assert.equal(f.length, 1);
    assert.equal(f[0].message.zh, '标题序号「—、」写错了，应为「一、」');
    assert.match(fixed(dash, 'section-numbering'), /\n一、概述/);
    const bare = report2016().replace('四、政府信息公开的收费', '、政府信息公开的收费');
    const g = rule(bare, 'section-numbering');
    assert.equal(g.length, 1);
    assert.equal(g[0].message.zh, '这个标题缺少序号，应为「四、」');
    assert.match(fixed(bare, 'section-numbering'), /\n四、政府信息公开的收费/);
  });

  test('（一）（二）… count afresh under each heading, and run in sequence there', () => {
    const text = report2016({
      problems: '部分单位公开不够及时。2017年将从以下方面改进：\n（一）加强培训。\n（二）完善制度。\n（四）强化考核。',
    });
    const f = rule(text, 'section-numbering');
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), '（四）强化考核');
    assert.match(fixed(text, 'section-numbering'), /（三）强化考核/);
    const fresh = report2016({
      overview: '（一）组织领导。\n（二）制度建设。',
      problems: '问题是公开不及时。2017年将从以下方面改进：\n（一）加强培训。\n（二）完善制度。',
    });
    assert.deepEqual(rule(fresh, 'section-numbering'), []);
  });

  test('parentheses: one half-width and one full-width; a style of its own', () => {
    const mixed = report2016({ problems: '问题是公开不及时。2017年将从以下方面改进：\n（一)加强培训。\n（二）完善制度。' });
    const f = rule(mixed, 'section-numbering');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.equal(f[0].message.zh, '标题序号「（一)」的括号一个全角、一个半角，应为「（一）」');
    assert.match(fixed(mixed, 'section-numbering'), /（一）加强培训/);
    const other = report2016({
      problems: '问题是公开不及时。2017年将从以下方面改进：\n（一）加强培训。\n(二)完善制度。\n（三）强化考核。',
    });
    const g = rule(other, 'section-numbering');
    assert.equal(g.length, 1);
    assert.equal(g[0].severity, 'information');
    fixed(other, 'section-numbering');
    const half = report2016({ problems: '问题是公开不及时。2017年将从以下方面改进：\n(一)加强培训。\n(二)完善制度。' });
    assert.deepEqual(rule(half, 'section-numbering'), [], 'half-width throughout is a style, not a mistake');
  });

  test('silent: a section of the format left out keeps the format’s numbers', () => {
    const text = report2021({ omitSections: ['三、收到和处理政府信息公开申请情况'] });
    assert.deepEqual(rule(text, 'section-numbering'), []);
    assert.equal(rule(text, 'required-section').length, 1, 'the missing section is reported instead');
  });

  test('a section title of the format written without its numeral', () => {
    const text = report2021({ layout: 'pipe' }).replace('二、主动公开政府信息情况', '主动公开政府信息情况');
    const f = rule(text, 'section-numbering');
    assert.equal(f.length, 1);
    assert.equal(f[0].message.zh, '这个标题缺少序号，应为「二、」');
    const after = fixed(text, 'section-numbering');
    assert.deepEqual(rule(after, 'required-section'), []);
  });

  test('silent: a list that starts afresh at 一、', () => {
    const text = report2016({ other: '附：本年度工作安排\n一、加强培训\n二、完善制度' });
    assert.deepEqual(rule(text, 'section-numbering'), []);
  });
});

describe('list-numbering: 一是、二是、三是', () => {
  test('a number skipped, and the fix', () => {
    const text = report2016({
      problems: '存在的问题：一是公开不够及时；三是解读不够深入。2017年将从以下方面改进：一是加强培训；二是完善制度。',
    });
    const f = rule(text, 'list-numbering');
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), '三是');
    assert.equal(f[0].message.zh, '列举不连续：「一是」之后应为「二是」，这里是「三是」');
    assert.match(fixed(text, 'list-numbering'), /二是解读不够深入/);
  });

  test('一是…三是…三是: only the first 三是 is wrong', () => {
    const text = report2016({
      problems: '问题主要有：一是属性界定不准；三是特色不够；三是解读质量不高。2017年将从以下方面改进：一是加强培训；二是完善制度。',
    });
    const f = rule(text, 'list-numbering');
    assert.equal(f.length, 1);
    assert.deepEqual(
      f[0].fix!.edits.map((e) => [at(text, e), e.newText]),
      [['三', '二']],
    );
    fixed(text, 'list-numbering');
  });

  test('silent: 之一是, 统一是, 是否, a 二 and its 是 on two lines, a list under each heading', () => {
    const text = report2016({
      overview: '重要举措之一是公开。标准统一是关键。一是加强领导，二\n是完善制度，三是是否公开要审查。',
      problems: '问题是公开不及时。2017年将从以下方面改进：一是加强培训；二是完善制度。',
    });
    assert.deepEqual(rule(text, 'list-numbering'), []);
  });
});
