import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { main } from '../../server/src/cli/main';
import { checkReport, parseDirectives, parseReport, type Finding } from '../../server/src/engine';
import { applyEdits, disableActions } from '../../server/src/engine/editor';
import { report2021, withCell } from './reports';
import { scratchDir } from './scratch';

// <!-- nianbao-disable… --> comments in a report silence findings: in the engine, so in the editor
// and the CLI alike.

const MINE = new Set(['table-sum', 'table-balance', 'required-section', 'table-blank-cell', 'schema-unknown']);
const rulesOf = (fs: Finding[]) => fs.filter((f) => MINE.has(f.rule)).map((f) => f.rule);
/** A report whose （七）总计 row is wrong: two table-sum findings on that line, a table-balance below. */
const wrong = () => report2021({ applicationRows: withCell('（七）总计', 0, 9) });
const insertBefore = (text: string, lineStart: string, comment: string) => {
  const at = text.indexOf(lineStart);
  assert.ok(at >= 0, lineStart);
  return text.slice(0, at) + comment + '\n' + text.slice(at);
};

describe('disable comments', () => {
  test('the report without comments: two wrong totals and a balance', () => {
    assert.deepEqual(rulesOf(checkReport(wrong()).findings), ['table-sum', 'table-sum', 'table-balance']);
  });

  test('parsed with kind, rules and place; a reason after " -- " is no rule', () => {
    const text =
      '# t\n<!-- nianbao-disable-next-line table-sum, table-balance -- checked with the office -->\nx\n<!-- nianbao-enable -->\n';
    const d = parseDirectives(parseReport(text));
    assert.deepEqual(
      d.map((x) => [x.kind, x.rules, x.line]),
      [
        ['disable-next-line', ['table-sum', 'table-balance'], 1],
        ['enable', [], 3],
      ],
    );
  });

  test('disable-next-line silences the named rule on the next line only', () => {
    const text = insertBefore(wrong(), '| （七）总计', '<!-- nianbao-disable-next-line table-sum -->');
    assert.deepEqual(rulesOf(checkReport(text).findings), ['table-balance']);
  });

  test('disable-next-line without a rule silences every rule on that line; comments may be stacked', () => {
    const all = insertBefore(wrong(), '| 四、结转下年度继续办理', '<!-- nianbao-disable-next-line -->');
    assert.deepEqual(rulesOf(checkReport(all).findings), ['table-sum', 'table-sum']);
    const stacked = insertBefore(
      wrong(),
      '| （七）总计',
      '<!-- nianbao-disable-next-line table-balance -->\n<!-- nianbao-disable-next-line table-sum -->',
    );
    assert.deepEqual(rulesOf(checkReport(stacked).findings), ['table-balance'], 'both comments apply to the row below them');
  });

  test('a comment for another rule, or on another line, silences nothing', () => {
    const other = insertBefore(wrong(), '| （七）总计', '<!-- nianbao-disable-next-line table-blank-cell -->');
    assert.deepEqual(rulesOf(checkReport(other).findings), ['table-sum', 'table-sum', 'table-balance']);
    const far = insertBefore(wrong(), '| （二）部分公开', '<!-- nianbao-disable-next-line table-sum -->');
    assert.deepEqual(rulesOf(checkReport(far).findings), ['table-sum', 'table-sum', 'table-balance']);
  });

  test('disable … enable silences a stretch of text', () => {
    let text = insertBefore(wrong(), '（本列数据', '<!-- nianbao-disable table-sum -->');
    text = insertBefore(text, '| 四、结转下年度继续办理', '<!-- nianbao-enable table-sum -->');
    assert.deepEqual(rulesOf(checkReport(text).findings), ['table-balance']);
    const open = insertBefore(wrong(), '（本列数据', '<!-- nianbao-disable -->');
    assert.deepEqual(rulesOf(checkReport(open).findings), [], 'without enable: to the end of the report');
  });

  test('enable of one rule inside a disable of all rules turns that rule back on', () => {
    let text = insertBefore(wrong(), '（本列数据', '<!-- nianbao-disable -->');
    text = insertBefore(text, '| 三、本年度办理结果', '<!-- nianbao-enable table-sum -->');
    assert.deepEqual(rulesOf(checkReport(text).findings), ['table-sum', 'table-sum']);
  });

  test('disable-file, anywhere in the report', () => {
    const one = wrong() + '\n<!-- nianbao-disable-file table-sum -->\n';
    assert.deepEqual(rulesOf(checkReport(one).findings), ['table-balance']);
    const all = '<!-- nianbao-disable-file -->\n' + wrong();
    assert.deepEqual(rulesOf(checkReport(all).findings), []);
  });

  test('front matter findings are silenced too', () => {
    const text = '---\nschema: gov-2099\n---\n<!-- nianbao-disable-file schema-unknown -->\n' + wrong();
    assert.deepEqual(
      checkReport(text).findings.map((f) => f.rule),
      [],
    );
  });

  test('SILENT: a comment in a code block or in the front matter is only text', () => {
    const fenced = '```\n<!-- nianbao-disable-file -->\n```\n' + wrong();
    assert.deepEqual(rulesOf(checkReport(fenced).findings), ['table-sum', 'table-sum', 'table-balance']);
    const fm = '---\nnote: <!-- nianbao-disable-file -->\n---\n' + wrong();
    assert.deepEqual(rulesOf(checkReport(fm).findings), ['table-sum', 'table-sum', 'table-balance']);
    const lookalike = '<!-- nianbao-disabled -->\n<!-- nianbao-disable-filex -->\n' + wrong();
    assert.deepEqual(rulesOf(checkReport(lookalike).findings), ['table-sum', 'table-sum', 'table-balance']);
  });

  test('the command line honours them', async () => {
    const dir = scratchDir('directives');
    const file = join(dir, '年度报告.md');
    writeFileSync(file, '<!-- nianbao-disable-file table-sum table-balance -->\n' + wrong());
    let out = '';
    await main(['check', '--format', 'json', file], (s) => (out += s));
    const rules = JSON.parse(out).files[0].diagnostics.map((d: { rule: string }) => d.rule);
    assert.ok(!rules.includes('table-sum') && !rules.includes('table-balance'), rules.join());
    writeFileSync(file, '<!-- nianbao-disable-file -->\n' + wrong());
    out = '';
    assert.equal(await main(['check', '--format', 'json', file], (s) => (out += s)), 0, 'no errors left: exit 0');
    assert.deepEqual(JSON.parse(out).files[0].diagnostics, []);
    writeFileSync(file, wrong());
    assert.equal(await main(['check', '--format', 'json', file], () => {}), 1, 'without the comments: the wrong totals are errors');
  });
});

describe('quick fixes that write disable comments', () => {
  const find = (text: string, rule: string) => checkReport(text).findings.find((f) => f.rule === rule)!;

  test('a finding on a heading: a comment on the line above it, or for the whole file', () => {
    const text = report2021({ omitSections: ['五、存在的主要问题及改进情况'] });
    const f = find(text, 'required-section');
    const actions = disableActions(checkReport(text).model, f, 'zh');
    assert.deepEqual(
      actions.map((a) => a.scope),
      ['line', 'file'],
    );
    assert.match(actions[0].title, /required-section/);
    for (const a of actions) {
      const after = applyEdits(text, a.edits);
      assert.ok(!checkReport(after).findings.some((x) => x.rule === 'required-section'), a.scope);
    }
    const line = applyEdits(text, actions[0].edits);
    assert.ok(line.includes('<!-- nianbao-disable-next-line required-section -->\n## 六、其他需要报告的事项'));
    assert.ok(applyEdits(text, actions[1].edits).startsWith('<!-- nianbao-disable-file required-section -->\n# '));
  });

  test('a finding in a pipe table: comments around the table, which a comment line inside would break', () => {
    const text = wrong();
    const f = find(text, 'table-sum');
    const actions = disableActions(checkReport(text).model, f, 'en');
    assert.deepEqual(
      actions.map((a) => a.scope),
      ['table', 'file'],
    );
    assert.match(actions[0].title, /^Disable table-sum for this table/);
    const after = applyEdits(text, actions[0].edits);
    assert.deepEqual(rulesOf(checkReport(after).findings), ['table-balance']);
    const lines = after.split('\n');
    const open = lines.indexOf('<!-- nianbao-disable table-sum -->');
    const close = lines.indexOf('<!-- nianbao-enable table-sum -->');
    assert.ok(
      lines[open + 1].startsWith('| 申请人情况') && lines[close - 1].startsWith('| 四、结转下年度继续办理'),
      'the table stays whole',
    );
    assert.equal(
      after.replace('<!-- nianbao-disable table-sum -->\n', '').replace('\n<!-- nianbao-enable table-sum -->', ''),
      text,
      'nothing else changes',
    );
  });

  test('a finding in the front matter: only file-wide, the comment after the front matter', () => {
    const text = '---\nschema: gov-2099\n---\n# 报告\n';
    const f = find(text, 'schema-unknown');
    const actions = disableActions(checkReport(text).model, f, 'zh');
    assert.deepEqual(
      actions.map((a) => a.scope),
      ['file'],
    );
    assert.equal(applyEdits(text, actions[0].edits), '---\nschema: gov-2099\n---\n<!-- nianbao-disable-file schema-unknown -->\n# 报告\n');
  });
});
