import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pairWithPrevious } from '../../server/src/previous';
import { checkReport, ruleDocsPath, ruleIds, ruleRegistry, rules, type Finding, type Rule } from '../../server/src/engine';

// The registry is the one source of what a rule is: its page, its severity, whether it may fix.

const root = join(__dirname, '..', '..');
const corpusDir = join(root, 'test', 'fixtures', 'corpus');
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ path: f, text: readFileSync(join(corpusDir, f), 'utf8') }));
const previous = pairWithPrevious(corpus);
const clean = readFileSync(join(corpusDir, 'pingtan-zhqsyq-2022.txt'), 'utf8');

/** One planted fault for each fixable rule the corpus does not show, in a clean 2021-format report. */
const planted = [
  clean.replace('五、存在的主要问题及改进情况', '五、存在的主要问题及改进情况\n依据闽政办〔2022〕12号和闽政办[2022]13号文件'),
  clean.replace(/\n五、存在的主要问题及改进情况[\s\S]*?(?=\n六、)/, ''), // a required section left out
  clean.replace('六、其他需要报告的事项', '七、其他需要报告的事项'), // numbering skips 六
  clean.replace('一、总体情况', '本报告共分四个部分。\n一、总体情况'),
  clean.replace(/2022年/, '2O22年'), // a year typed with the letter O
];
const all: Finding[] = [
  ...corpus.flatMap((f) => checkReport(f.text, { previous: previous.get(f.path)?.text }).findings),
  ...planted.flatMap((text) => checkReport(text).findings),
];

describe('rule registry', () => {
  test('ids are unique, and every rule that runs is declared', () => {
    assert.equal(new Set(ruleIds).size, ruleIds.length);
    for (const r of rules) assert.ok(ruleRegistry.includes(r), r.id);
    assert.ok(ruleIds.includes('schema-unknown') && ruleIds.includes('internal-error'));
  });

  test('every declared rule has its page, in Chinese and in English', () => {
    for (const { id } of ruleRegistry) {
      const page = join(root, ruleDocsPath(id));
      assert.ok(existsSync(page), `${ruleDocsPath(id)} is missing`);
      const text = readFileSync(page, 'utf8');
      assert.match(text, new RegExp(`^# ${id}：`), `${id}: the page starts with its id and its Chinese name`);
      assert.match(text, /\n## English\n/, `${id}: the page has its English part`);
    }
    const pages = readdirSync(join(root, 'docs', 'rules')).filter((f) => f !== 'README.md');
    assert.deepEqual(
      pages.map((f) => f.replace(/\.md$/, '')).sort(),
      [...ruleIds].sort(),
      'a page for every rule, and no page without one',
    );
  });

  test('every finding carries a declared id', () => {
    const unknown = all.filter((f) => !ruleIds.includes(f.rule));
    assert.deepEqual(
      unknown.map((f) => f.rule),
      [],
    );
    assert.ok(all.length > 80);
  });

  test('fixable rules, and only they, offer fixes', () => {
    for (const meta of ruleRegistry) {
      const found = all.filter((f) => f.rule === meta.id);
      if (meta.fixable)
        assert.ok(
          found.some((f) => f.fix),
          `${meta.id} is fixable but offered no fix`,
        );
      else assert.ok(!found.some((f) => f.fix), `${meta.id} is not fixable but offered a fix`);
    }
  });
});

describe('a rule that throws', () => {
  const broken: Rule = {
    id: 'table-sum',
    severity: 'error',
    fixable: false,
    description: { zh: '总是出错', en: 'always throws' },
    check() {
      throw new Error('planted fault');
    },
  };

  test('costs its own findings only, and says so once', () => {
    const text = readFileSync(join(corpusDir, 'pingtan-zhqsyq-2020.txt'), 'utf8');
    const whole = checkReport(text).findings;
    const withBroken = checkReport(text, { rules: rules.map((r) => (r.id === 'table-sum' ? broken : r)) }).findings;
    const internal = withBroken.filter((f) => f.rule === 'internal-error');
    assert.equal(internal.length, 1);
    assert.match(internal[0].message.zh, /规则 table-sum 在这份报告上运行出错.*planted fault/);
    assert.match(internal[0].message.en, /The rule table-sum failed/);
    assert.equal(internal[0].severity, 'warning');
    // every other rule's findings still arrive, the same as without the fault
    const others = (fs: Finding[]) =>
      fs.filter((f) => f.rule !== 'table-sum' && f.rule !== 'internal-error').map((f) => `${f.rule}@${f.start}`);
    assert.deepEqual(others(withBroken), others(whole));
    assert.ok(whole.some((f) => f.rule === 'table-sum') && !withBroken.some((f) => f.rule === 'table-sum'));
  });
});
