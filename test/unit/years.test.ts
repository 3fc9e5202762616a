import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { builtinSchema, checkReport } from '../../server/src/engine';
import { runCli } from './cliRun';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { at, byRule, mine, report2016, STATISTICS_TABLE } from './pre2019';
import { report2021, type Layout } from './reports';
import { scratchDir } from './scratch';

// Years and dates: the statistics period, years that belong to another report, the date of the
// report against its legal deadline, the 2019 format cited by a 2021-format report.

const rule = (text: string, id: string, options = {}) => byRule(checkReport(text, options).findings, id);

describe('statistics-period', () => {
  test('left empty: 统计期限自至', () => {
    const text = report2016({ period: '本报告所列数据的统计期限自至。' });
    const f = rule(text, 'statistics-period');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.equal(at(text, f[0]), '统计期限自至');
    assert.equal(f[0].message.zh, '统计期限没有写日期，应为「自2016年1月1日至2016年12月31日」');
    assert.deepEqual(rule(text, 'placeholder'), [], 'reported once');
  });

  test('half written, another year, not the whole year, no real date', () => {
    const cases: [string, RegExp][] = [
      ['统计期限自2016年1月1日起至。', /统计期限没有写全（2016年1月1日至？）/],
      ['统计期限自2015年1月1日起至2015年12月31日止。', /统计期限写的是2015年1月1日至2015年12月31日，与报告年度2016年不符/],
      ['统计期限自2016年1月1日至2016年11月30日。', /不是完整的自然年/],
      ['统计期限自2016年1月1日至2016年12月32日。', /「2016年12月32日」不是真实的日期/],
    ];
    for (const [period, message] of cases) {
      const f = rule(report2016({ period }), 'statistics-period');
      assert.equal(f.length, 1, period);
      assert.match(f[0].message.zh, message);
    }
  });

  test('silent: the whole year, written in any of the usual ways', () => {
    for (const period of [
      '本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。',
      '本年度报告中所列数据统计期限从2016年1月1日到12月31日止。',
      '本报告中所列数据统计时限为2016年1月1日至2016年12月31日。',
      '报告中所列数据统计期限自 2016 年 1 月 1 日\n至 2016 年 12 月 31 日。',
    ])
      assert.deepEqual(rule(report2016({ period }), 'statistics-period'), [], period);
  });

  test('figures cut off before the year ends: information', () => {
    const text = report2016({ proactive: '截至12月14日，网上审批累计收件9898件。截至2016年12月31日，共公开信息1200条。' });
    const f = rule(text, 'statistics-period');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
    assert.equal(at(text, f[0]), '截至12月14日');
  });

  test('silent: a cut-off of another year, or of a cited document', () => {
    const text = report2016({
      proactive: '对截至2015年9月30日的规范性文件进行了清理，转发了《关于截至6月30日清理情况的通报》。2016年全县主动公开政府信息1200条。',
    });
    assert.deepEqual(rule(text, 'statistics-period'), []);
  });
});

describe('other-year', () => {
  test('a plan for the next year dated with the report year', () => {
    const text = report2016({ problems: '部分单位公开不够及时。2016年，我们将采取以下措施加以改进：一是加强培训；二是完善制度。' });
    const f = rule(text, 'other-year');
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), '2016年');
    assert.equal(f[0].message.zh, '这是对下一年工作的打算，年份应为「2017年」，这里写的是「2016年」（本报告是2016年度报告）');
  });

  test('silent: a 2017 plan in a 2016 report, 将 meaning 把, dates of cited documents, comparisons', () => {
    const text = report2016({
      overview:
        '2016年，县政府将政务公开列入重要议事日程。按照《关于做好2016年政务公开工作的通知》（青政办〔2016〕12号）和《2015年政务公开工作要点》部署推进。2015年12月，县政府印发了实施方案。主动公开信息较2015年增长20%，同比增长20%。',
      problems: '部分单位公开不够及时。2017年，我县将从以下方面加以改进：一是加强培训；二是完善制度。',
    });
    assert.deepEqual(rule(text, 'other-year'), []);
  });

  test('a sentence giving last year’s figures as if they were this year’s', () => {
    const text = report2016({ proactive: '2015年，全县主动公开政府信息1000条。' });
    const f = rule(text, 'other-year');
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), '2015年');
    assert.match(f[0].message.zh, /这句话讲的是「2015年」的数字，本报告是2016年度报告/);
  });

  test('silent: last year as a comparison', () => {
    for (const proactive of [
      '2015年全县主动公开政府信息1000条，2016年增至1200条。',
      '2015年，全县主动公开政府信息1000条，本年比上年增加200条。',
    ])
      assert.deepEqual(rule(report2016({ proactive }), 'other-year'), [], proactive);
  });

  test('the header of the statistics table names last year', () => {
    const text = report2016({ table: STATISTICS_TABLE.replace('2016年度', '2015年度') });
    const f = rule(text, 'other-year');
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), '2015年度');
  });
});

describe('publication-deadline', () => {
  const dated = (date: string, title?: string) => report2016({ date, ...(title ? { title } : {}) });

  test('before 2019 every report was due by 31 March (2007 条例 第三十一条)', () => {
    const text = dated('2017年4月10日');
    const f = rule(text, 'publication-deadline');
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), '2017年4月10日');
    assert.match(f[0].message.zh, /成文日期「2017年4月10日」晚于法定期限2017年3月31日（2007 年《政府信息公开条例》第三十一条/);
    assert.deepEqual(rule(dated('2017年3月31日'), 'publication-deadline'), []);
    assert.deepEqual(rule(dated('二〇一七年一月二十日'), 'publication-deadline'), []);
  });

  test('a date inside the report year: last year’s date left in', () => {
    const f = rule(dated('2016年1月20日'), 'publication-deadline');
    assert.equal(f.length, 1);
    assert.match(f[0].message.zh, /在2016年度结束之前/);
  });

  test('a labelled publication date', () => {
    const text = report2016({ title: '青山县人民政府2016年政府信息公开工作年度报告\n\n发布日期：2017-04-02' });
    const f = rule(text, 'publication-deadline');
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), '2017-04-02');
    assert.match(f[0].message.zh, /^发布日期「2017年4月2日」晚于法定期限/);
  });

  test('from 2019: 1月31日 for a department, 3月31日 for a government’s own report', () => {
    const body = (title: string) => report2016({ title, date: '2021年2月5日', period: '', table: '' });
    const dept = rule(body('青山县财政局2020年政府信息公开工作年度报告'), 'publication-deadline');
    assert.equal(dept.length, 1);
    assert.match(dept[0].message.zh, /晚于法定期限2021年1月31日（《条例》第四十九条：政府部门的年度报告在每年1月31日前公布）/);
    assert.deepEqual(rule(body('青山县人民政府2020年政府信息公开工作年度报告'), 'publication-deadline'), []);
  });

  test('silent when the report does not say whose it is, unless the user does', () => {
    const text = report2016({ title: '青山县2020年政府信息公开工作年度报告', date: '2021年2月5日', period: '', table: '' });
    assert.deepEqual(rule(text, 'publication-deadline'), []);
    assert.equal(rule(text, 'publication-deadline', { deadline: 'department' }).length, 1);
    assert.deepEqual(rule(text, 'publication-deadline', { deadline: 'government' }), []);
  });

  test('silent: dates in the body', () => {
    const text = report2016({ proactive: '2016年全县主动公开政府信息1200条。\n2016年5月20日\n县政府召开了政务公开工作会议。' });
    assert.deepEqual(rule(text, 'publication-deadline'), []);
  });

  test('the CLI: --deadline department|government', async () => {
    const dir = scratchDir('deadline');
    const file = join(dir, '年度报告.txt');
    writeFileSync(file, report2016({ title: '青山县2020年政府信息公开工作年度报告', date: '2021年2月5日', period: '', table: '' }));
    const run = runCli;
    assert.doesNotMatch((await run('check', file)).out, /publication-deadline/);
    const dept = await run('check', '--deadline', 'department', file);
    assert.equal(dept.code, 0, 'a warning does not fail the run');
    assert.match(dept.out, /晚于法定期限2021年1月31日.*\[publication-deadline\]/);
    const bad = await run('check', '--deadline', 'county', file);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--deadline county/);
  });
});

describe('outdated-reference', () => {
  const cite = (doc: string) =>
    report2021({
      overview: `根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（${doc}）要求编制本报告。`,
    });

  test('a 2021-format report citing 国办公开办函〔2019〕60号', () => {
    for (const doc of ['国办公开办函〔2019〕60号', '国办公开办函[2019]60号']) {
      const text = cite(doc);
      const f = rule(text, 'outdated-reference');
      assert.equal(f.length, 1, doc);
      assert.equal(at(text, f[0]), doc);
      assert.match(f[0].message.zh, /2021 年度起的年度报告按国办公开办函〔2021〕30号的格式编写/);
    }
  });

  test('silent: the 2021 format cited, or the 2019 format in a report on 2020', () => {
    assert.deepEqual(rule(cite('国办公开办函〔2021〕30号'), 'outdated-reference'), []);
    const on2020 = cite('国办公开办函〔2019〕60号').replace('2024年', '2020年');
    assert.deepEqual(rule(on2020, 'outdated-reference', { schema: builtinSchema('gov-2019') }), []);
  });
});

describe('the synthetic 2021 reports raise none of these rules', () => {
  for (const layout of ['gfm', 'pipe', 'tab', 'aligned'] as Layout[])
    test(layout, () => {
      assert.deepEqual(
        mine(checkReport(report2021({ layout })).findings).map((f) => `${f.rule}: ${f.message.zh}`),
        [],
      );
    });
});

describe('year-typo: a year typed wrong', () => {
  const typos = (text: string) => rule(text, 'year-typo').map((f) => `${at(text, f)} → ${f.fix!.edits[0].newText}`);

  test('自2016年1月1日起至20166年12月31日止: a digit too many, in the statistics period', () => {
    const text = report2016({ period: '本报告所列数据的统计期限自2016年1月1日起至20166年12月31日止。' });
    assert.deepEqual(typos(text), ['20166 → 2016']);
    assert.match(rule(text, 'year-typo')[0].message.zh, /年份「20166年」打错了（多了一位数字），应为「2016年」/);
  });

  test('2O16年 with a letter O, in the title and in the text', () => {
    const text = report2016({
      title: '青山县人民政府2O16年政府信息公开工作年度报告',
      overview: '2Ol6年，我县认真贯彻《中华人民共和国政府信息公开条例》。',
    });
    assert.deepEqual(typos(text), ['2O16 → 2016', '2Ol6 → 2016']);
  });

  test('silent: right years, counts of years, addresses, codes, five digits that are no date', () => {
    const text = report2016({
      overview:
        '2016年，我县认真贯彻条例。该制度已有20000年历史之说不足信。地址：青山路20163号。档案编号AB2O16年度归档。' +
        '全县共20163名工作人员参加培训，其中1000年龄段不明。',
    });
    assert.deepEqual(typos(text), []);
    assert.deepEqual(typos(report2016()), []);
  });
});
