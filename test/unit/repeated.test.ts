import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkReport, repeatedText } from '../../server/src/engine';
import { report2016 } from './pre2019';

// Text repeated from last year's report: the shared function (offsets in both texts, the share) and the
// rule over it, on written examples and on the corpus.

const dir = join(__dirname, '..', 'fixtures', 'corpus');
const corpus = (f: string) => readFileSync(join(dir, f), 'utf8');

const WORK = '我县进一步完善政府信息公开工作机制，落实专人负责信息发布审核，坚持先审后发，确保公开信息准确及时。';
const PLAN = '下一步，我县将继续加强业务培训，提高经办人员的业务水平，推动政府信息公开工作向基层延伸。';

describe('repeatedText: what repeats, where in both texts', () => {
  test('a repeated sentence: its offsets in this year’s text and in last year’s, digits and white space not counted', () => {
    const before = `某县2023年政府信息公开工作年度报告\n\n2023年，${WORK}\n\n全年主动公开政府信息1200条。\n`;
    const now = `某县2024年政府信息公开工作年度报告\n\n2024年，${WORK.replace('，落实', '， 落实')}\n\n全年主动公开政府信息1500条，新建专栏3个。\n`;
    const r = repeatedText(now, before);
    assert.equal(r.passages.length, 1);
    const p = r.passages[0];
    assert.equal(now.slice(p.start, p.end), `年，${WORK.replace('，落实', '， 落实')}\n\n全年主动公开政府信息1500条`);
    assert.equal(before.slice(p.previousStart, p.previousEnd), `年，${WORK}\n\n全年主动公开政府信息1200条`);
    assert.equal(p.length, r.repeatedLength);
    assert.ok(r.share > 0.6 && r.share < 1, String(r.share));
  });

  test('nothing repeats: share 0; short set phrases are no repetition', () => {
    const r = repeatedText(`一、概述\n${WORK}\n`, `一、概述\n${PLAN}\n政府信息公开工作。\n`);
    assert.deepEqual([r.share, r.passages.length], [0, 0]);
  });

  test('tables, the title and headings are left out: a report whose prose is new shares nothing with last year’s', () => {
    const before = report2016({ overview: WORK, problems: PLAN });
    const now = report2016({
      overview: '全年新建政务公开专区两个，在乡镇便民服务中心设置查阅点。',
      problems: '存在的问题是政策解读形式单一，今后将多用图解。',
    });
    const r = repeatedText(now, before);
    // the parts left as they were in the sample (period, proactive, applications …) repeat; the table does not count
    for (const p of r.passages) assert.ok(!now.slice(p.start, p.end).includes('|'), now.slice(p.start, p.end));
    assert.ok(!r.passages.some((p) => now.slice(p.start, p.end).includes('青山县人民政府2016年政府信息公开工作年度报告')));
  });
});

describe('repeated-text: the rule', () => {
  const lastYear = report2016({ overview: WORK, problems: PLAN });
  const rule = (text: string, options: { repeatedTextWarnAt?: number } = {}) =>
    checkReport(text, { previous: lastYear, ...options }).findings.filter((f) => f.rule === 'repeated-text');

  test('a copy of last year’s report with new figures: a warning on the title, the longest passages related', () => {
    const f = rule(lastYear.replace(/1200/g, '1300'));
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.match(
      f[0].message.zh,
      /^正文有 (99|100)% 与上年报告逐字相同（\d+ \/ \d+ 字，不计数字、表格和标题）：考核中与上年重复超过一半会扣分/,
    );
    assert.equal(lastYear.slice(f[0].start, f[0].end), '青山县人民政府2016年政府信息公开工作年度报告');
    assert.ok(f[0].related.length >= 1 && f[0].related.length <= 5);
  });

  test('the threshold is the option repeatedTextWarnAt; below it, information', () => {
    const half = report2016({ overview: WORK, problems: '存在的问题是政策解读形式单一，今后将多用图解、视频等方式解读政策。' });
    const share = repeatedText(half, lastYear).share;
    assert.ok(share > 0.3 && share < 0.95, String(share));
    assert.equal(rule(half, { repeatedTextWarnAt: share + 0.01 })[0].severity, 'information');
    assert.equal(rule(half, { repeatedTextWarnAt: share - 0.01 })[0].severity, 'warning');
  });

  test('silent without last year’s report, and below 30% repeated', () => {
    assert.deepEqual(
      checkReport(lastYear).findings.filter((f) => f.rule === 'repeated-text'),
      [],
    );
    const own = report2016({
      period: '本报告中所列数据的统计期限为2016年全年。',
      overview: '全年新建政务公开专区两个，在乡镇便民服务中心设置查阅点，方便群众就近查阅。',
      proactive: '2016年我县通过门户网站、政务微博等渠道主动公开政府信息1200条。',
      applications: '全年受理政府信息公开申请12件，已全部办结，其中同意公开10件、同意部分公开2件。',
      fees: '我县依申请提供政府信息不收取费用。',
      review: '本年度没有因政府信息公开引起的行政复议和行政诉讼。',
      problems: '存在的问题是政策解读形式单一，今后将多用图解、视频等方式解读政策。',
      other: '本年度没有其他需要报告的事项。',
    });
    assert.deepEqual(
      rule(own).map((f) => f.message.zh),
      [],
    );
  });
});

describe('repeated-text on the corpus', () => {
  const share = (file: string, previous: string) =>
    checkReport(corpus(file), { previous: corpus(previous) }).findings.filter((f) => f.rule === 'repeated-text');

  test('pingtan-county-govt-2013 and pingtan-zhqsyq-2013 repeat nearly all of their 2012 prose: warnings', () => {
    for (const [file, previous, percent] of [
      ['pingtan-county-govt-2013.txt', 'pingtan-county-govt-2012.txt', 97],
      ['pingtan-zhqsyq-2013.txt', 'pingtan-zhqsyq-2012.txt', 98],
    ] as const) {
      const f = share(file, previous);
      assert.deepEqual(
        f.map((x) => [x.severity, x.message.zh.slice(0, 8)]),
        [['warning', `正文有 ${percent}% `]],
        file,
      );
    }
  });

  test('the 2021–2025 pingtan reports do not: silent', () => {
    for (const y of [2021, 2022, 2023, 2024, 2025])
      assert.deepEqual(share(`pingtan-zhqsyq-${y}.txt`, `pingtan-zhqsyq-${y - 1}.txt`), [], String(y));
  });
});
