import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkReport, lineStarts, positionAt, ruleIds, type CheckResult, type Finding } from '../../server/src/engine';
import { LEFTOVER_RULES, mine } from './pre2019';

// The real reports of the corpus, on what the README of test/fixtures/corpus lists about reports
// before 2019, years and dates, and leftovers from copying: found where listed, quiet elsewhere.

const dir = join(__dirname, '..', 'fixtures', 'corpus');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
const results = new Map<string, { text: string; result: CheckResult; line: (f: { start: number }) => number }>();
for (const f of files) {
  const text = readFileSync(join(dir, f), 'utf8');
  const starts = lineStarts(text);
  results.set(f, { text, result: checkReport(text), line: (x) => positionAt(starts, x.start).line + 1 });
}
const of = (file: string) => results.get(file)!;
const rule = (file: string, id: string) => of(file).result.findings.filter((f) => f.rule === id);
const said = (file: string, f: Finding) => of(file).text.slice(f.start, f.end);
/** The items required-content misses, by their title. */
const missing = (file: string) => rule(file, 'required-content').map((f) => f.message.zh.split('「')[1].split('」')[0]);

const FEES = '政府信息公开的收费及减免情况';
const REVIEW = '因政府信息公开申请行政复议、提起行政诉讼的情况';
const PROBLEMS = '政府信息公开工作存在的主要问题及改进情况';
const OTHER = '其他需要报告的事项';

describe('corpus: reports before 2019', () => {
  test('every report on 2018 or before is checked with gov-2008', () => {
    const pre = files.filter((f) => Number(/(\d{4})\.txt$/.exec(f)![1]) <= 2018);
    assert.equal(pre.length, 9);
    for (const f of pre) assert.equal(of(f).result.detection.schema?.id, 'gov-2008', f);
    for (const f of files.filter((x) => !pre.includes(x))) assert.notEqual(of(f).result.detection.schema?.id, 'gov-2008', f);
  });

  test('chongqing-qianjiang-2016: five items found where they stand, 其他需要报告的事项 named, nothing else raised', () => {
    const r = of('chongqing-qianjiang-2016.txt');
    const sections = r.result.bound!.sections;
    const where = (id: string) => r.line(sections.get(id)!.heading);
    // 主动公开 in 三(二); 依申请公开 under 六、依法作为,积极处理好依申请公开; 免费为申请人提供 and
    // 收取政府信息公开费用 there too; 行政复议 and 行政诉讼 in one paragraph; 八、存在的问题及2017年工作要点
    assert.deepEqual(['proactive', 'applications', 'fees', 'reviewLitigation', 'problems'].map(where), [27, 49, 51, 55, 65]);
    assert.deepEqual(
      r.result.findings.map((f) => [f.rule, f.severity, r.line(f)]),
      [['required-content', 'information', 3]],
    );
    assert.deepEqual(missing('chongqing-qianjiang-2016.txt'), [OTHER]);
  });

  test('the missing sections the README lists', () => {
    // county 2013 (5): no 收费及减免, no 行政复议行政诉讼 — “the report says it has 5 parts”
    assert.deepEqual(missing('pingtan-county-govt-2013.txt'), [FEES, REVIEW, OTHER]);
    // landtax 2013 (5): no 收费及减免; it has no 存在的主要问题及改进 either (not in the README)
    assert.deepEqual(missing('pingtan-landtax-bureau-2013.txt'), [FEES, PROBLEMS, OTHER]);
    // 实验区 2012 (5) and 2013 (4): only 5 parts, no 收费及减免, no 复议诉讼
    assert.deepEqual(missing('pingtan-zhqsyq-2012.txt'), [FEES, REVIEW, OTHER]);
    assert.deepEqual(missing('pingtan-zhqsyq-2013.txt'), [FEES, REVIEW, OTHER]);
    // 2014 (2): 复议诉讼 only mentioned inside 三 (行政复议, never 行政诉讼)
    assert.deepEqual(missing('pingtan-zhqsyq-2014.txt'), [REVIEW, OTHER]);
    // 2017 (2): no 收费及减免 (2016 and 2015 had it)
    assert.deepEqual(missing('pingtan-zhqsyq-2017.txt'), [FEES, OTHER]);
    assert.deepEqual(missing('pingtan-zhqsyq-2016.txt'), [OTHER], '2016 has all seven parts');
    // the county report of 2012 is the same text as 2013's (the README does not list it)
    assert.deepEqual(missing('pingtan-county-govt-2012.txt'), [FEES, REVIEW, OTHER]);
    // 行政复议数 and 行政诉讼数 rows in the statistics table report the item, if not in words: said softly
    const tableOnly = (x: Finding) => x.message.zh.includes('只见于统计表');
    for (const [f] of results)
      for (const x of rule(f, 'required-content'))
        assert.equal(x.severity, x.message.zh.includes(OTHER) || tableOnly(x) ? 'information' : 'warning', `${f}: ${x.message.zh}`);
    assert.deepEqual(
      [...results]
        .flatMap(([f]) =>
          rule(f, 'required-content')
            .filter(tableOnly)
            .map(() => f),
        )
        .sort(),
      [
        'pingtan-county-govt-2012.txt',
        'pingtan-county-govt-2013.txt',
        'pingtan-zhqsyq-2012.txt',
        'pingtan-zhqsyq-2013.txt',
        'pingtan-zhqsyq-2014.txt',
      ],
    );
  });

  test('pingtan-zhqsyq-2016 (1): the plan for 2017 dated 2016', () => {
    const f = rule('pingtan-zhqsyq-2016.txt', 'other-year');
    assert.deepEqual(
      f.map((x) => [of('pingtan-zhqsyq-2016.txt').line(x), said('pingtan-zhqsyq-2016.txt', x)]),
      [[45, '2016年']],
    );
  });

  test('pingtan-zhqsyq-2016 (2) and landtax 2013 (2): another office’s words', () => {
    const z = rule('pingtan-zhqsyq-2016.txt', 'other-office');
    assert.deepEqual(
      z.map((x) => [of('pingtan-zhqsyq-2016.txt').line(x), said('pingtan-zhqsyq-2016.txt', x), x.severity]),
      [
        [15, '市本级', 'warning'],
        [45, '全市', 'information'],
      ],
    );
    const l = rule('pingtan-landtax-bureau-2013.txt', 'other-office');
    assert.deepEqual(
      l.map((x) => [of('pingtan-landtax-bureau-2013.txt').line(x), said('pingtan-landtax-bureau-2013.txt', x), x.severity]),
      [
        [2, '平潭县地税局', 'warning'],
        [12, '全市', 'information'],
      ],
    );
  });

  test('pingtan-county-govt-2013 (1): 统计期限自至', () => {
    const f = rule('pingtan-county-govt-2013.txt', 'statistics-period');
    assert.deepEqual(
      f.map((x) => [of('pingtan-county-govt-2013.txt').line(x), said('pingtan-county-govt-2013.txt', x), x.severity]),
      [[2, '统计期限自至', 'warning']],
    );
  });

  test('pingtan-zhqsyq-2012 (6): figures cut off at 12月14日', () => {
    const f = rule('pingtan-zhqsyq-2012.txt', 'statistics-period');
    assert.deepEqual(
      f.map((x) => [of('pingtan-zhqsyq-2012.txt').line(x), said('pingtan-zhqsyq-2012.txt', x), x.severity]),
      [
        [8, '截至12月14日', 'information'],
        [31, '截至12月14日', 'information'],
      ],
    );
  });

  test('pingtan-county-govt-2012 (3) and 2013 (3): 网站公开 + 政府公报公开 short of 主动公开', () => {
    const f12 = rule('pingtan-county-govt-2012.txt', 'table-breakdown');
    assert.deepEqual(
      f12.map((x) => [x.severity, x.arithmetic!.expected, x.arithmetic!.actual]),
      [
        ['information', 1795, 2026],
        ['information', 3311, 3542],
      ],
    );
    const f13 = rule('pingtan-county-govt-2013.txt', 'table-breakdown');
    assert.deepEqual(
      f13.map((x) => [x.severity, x.arithmetic!.expected, x.arithmetic!.actual]),
      [
        ['information', 1713, 1853],
        ['information', 5024, 5395],
      ],
    );
  });

  test('pingtan-zhqsyq-2013 (3): the blank 历年累计 of 政府公报公开, now that the table is read', () => {
    const f = rule('pingtan-zhqsyq-2013.txt', 'table-blank-cell');
    assert.deepEqual(
      f.map((x) => of('pingtan-zhqsyq-2013.txt').line(x)),
      [34],
    );
  });

  test('landtax 2013 (4) and pingtan-zhqsyq-2023 (4): 一是…三是', () => {
    const l = rule('pingtan-landtax-bureau-2013.txt', 'list-numbering');
    assert.deepEqual(
      l.map((x) => [of('pingtan-landtax-bureau-2013.txt').line(x), said('pingtan-landtax-bureau-2013.txt', x)]),
      [[8, '三是']],
    );
    const z = rule('pingtan-zhqsyq-2023.txt', 'list-numbering');
    assert.deepEqual(
      z.map((x) => [of('pingtan-zhqsyq-2023.txt').line(x), said('pingtan-zhqsyq-2023.txt', x)]),
      [[61, '三是']],
    );
    // 一是…；三是…；三是…: the first 三是 becomes 二是, the second stays
    assert.deepEqual(
      z[0].fix!.edits.map((e) => e.newText),
      ['二'],
    );
  });

  test('pingtan-zhqsyq-2019 (3): 公开核准企业资质条 without its number', () => {
    const f = rule('pingtan-zhqsyq-2019.txt', 'placeholder');
    assert.deepEqual(
      f.map((x) => [of('pingtan-zhqsyq-2019.txt').line(x), said('pingtan-zhqsyq-2019.txt', x)]),
      [[24, '全年公开核准企业资质条']],
    );
  });

  test('quiet elsewhere: every finding of these rules in the corpus is one of the above', () => {
    const all = [...results].flatMap(([file, r]) => mine(r.result.findings).map((f) => `${file}:${r.line(f)} ${f.rule}`));
    const counts: Record<string, number> = {};
    for (const x of all) {
      const id = x.split(' ')[1];
      counts[id] = (counts[id] ?? 0) + 1;
    }
    assert.deepEqual(counts, {
      'required-content': 21,
      'other-office': 6,
      'table-breakdown': 4,
      'statistics-period': 3,
      'list-numbering': 2,
      'other-year': 1,
      placeholder: 1,
    });
    // the county reports of 2012 and 2013 say 全区 in a county's report: copied from the 实验区's (information)
    assert.deepEqual(all.filter((x) => x.includes('other-office')).sort(), [
      'pingtan-county-govt-2012.txt:16 other-office',
      'pingtan-county-govt-2013.txt:16 other-office',
      'pingtan-landtax-bureau-2013.txt:12 other-office',
      'pingtan-landtax-bureau-2013.txt:2 other-office',
      'pingtan-zhqsyq-2016.txt:15 other-office',
      'pingtan-zhqsyq-2016.txt:45 other-office',
    ]);
    // no section numbering, dates, 2019 format, placeholder or 文号 mistakes elsewhere in the corpus
    for (const id of ['section-numbering', 'publication-deadline', 'outdated-reference', 'approximate-exact', 'document-number-brackets'])
      assert.deepEqual(
        all.filter((x) => x.endsWith(` ${id}`)),
        [],
        id,
      );
    // every rule these counts are about is one the checker runs (a renamed rule would make them vacuous)
    for (const id of LEFTOVER_RULES) assert.ok(ruleIds.includes(id), id);
  });

  test('none of these rules raises an error on the corpus', () => {
    for (const [file, r] of results)
      assert.deepEqual(
        mine(r.result.findings)
          .filter((f) => f.severity === 'error')
          .map((f) => f.message.zh),
        [],
        file,
      );
  });
});
