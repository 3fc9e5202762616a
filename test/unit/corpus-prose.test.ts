import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkReport, lineStarts, positionAt } from '../../server/src/engine';
import { PROSE_RULES } from './reports';

// The prose mistakes the corpus README lists, found where they are; the clean reports stay quiet.

const dir = join(__dirname, '..', 'fixtures', 'corpus');

function prose(file: string, previousFile?: string): string[] {
  const text = readFileSync(join(dir, file), 'utf8');
  // a file of the corpus, or the text of a report written for the test
  const previous = previousFile?.endsWith('.txt') ? readFileSync(join(dir, previousFile), 'utf8') : previousFile;
  const starts = lineStarts(text);
  return checkReport(text, { previous })
    .findings.filter((f) => PROSE_RULES.has(f.rule))
    .map((f) => `${positionAt(starts, f.start).line + 1} ${f.severity} ${f.rule} ${text.slice(f.start, f.end).replace(/\s+/g, '')}`);
}

describe('prose mistakes of the corpus', () => {
  test('shanghai-municipal-govt-office-2019: 258件占33.9%, 265 vs 337, 35件占4.34%, shares summing to 90.74%', () => {
    assert.deepEqual(prose('shanghai-municipal-govt-office-2019.txt'), [
      '18 warning prose-table 258件',
      '18 warning percent-of-total 33.9%',
      '18 warning percent-sum 33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%',
      '18 warning percent-of-total 4.34%',
      '18 warning prose-table 265件',
    ]);
  });

  test('pingtan-zhqsyq-2012: 主动公开 1913 in the text, 739 in the table; its parts 1397 + 534 = 1931; 145条，占8.05% (145 ÷ 1913 = 7.58%); 73% + 27% evened out to 100% is no mistake', () => {
    assert.deepEqual(prose('pingtan-zhqsyq-2012.txt'), [
      '19 warning prose-table 1913条',
      '19 warning prose-sum 1397条，占73%。各乡镇主动公开政府信息534条',
      '21 warning percent-of-total 8.05%',
    ]);
  });

  test('pingtan-county-govt-2013: 网上申请3条、信函申请4条 in the text, 网上 4 and 信函 0 in the statistics table', () => {
    assert.deepEqual(prose('pingtan-county-govt-2013.txt'), [
      '9 information prose-sum 1853条',
      '18 warning prose-table 3条',
      '18 warning prose-table 4条',
    ]);
  });

  test('pingtan-zhqsyq-2013: 主动公开 4970 in the text, 72804 in the table; 1 份 行政复议 against 行政复议数 0', () => {
    assert.deepEqual(prose('pingtan-zhqsyq-2013.txt'), ['9 warning prose-table 4970条', '20 warning prose-table 1份']);
  });

  test('pingtan-county-govt-2012: 县直 2475 + 乡镇 1503 = 3978 divide the 2026 主动公开; 2.9% for 60 ÷ 2026; 2026 + 46 + 1854 short of 3978', () => {
    assert.deepEqual(prose('pingtan-county-govt-2012.txt'), [
      '7 information prose-sum 3978条',
      '7 warning prose-sum 2475条，占62.2%。各乡镇主动公开政府信息1503条',
      '9 warning percent-of-total 2.9%',
    ]);
  });

  test('pingtan-landtax-bureau-2013 (1): 受理117件，办结171件，办结率100%', () => {
    assert.deepEqual(prose('pingtan-landtax-bureau-2013.txt'), ['40 warning completion-rate 171件']);
  });

  test('pingtan-zhqsyq-2014 (1): the categories add to 2641 against 主动公开 2543 stated before them', () => {
    assert.deepEqual(prose('pingtan-zhqsyq-2014.txt'), [
      '15 warning prose-sum 594条，政策、规范性文件类信息281条，规划计划类信息29条，行政许可类信息28条，重大建设项目、为民办实事类信息253条，国土资源、城乡建设、环保能类98条，科教文体卫生类信息122条，安全生产、应急管理类信息290条，其他应主动公开的信息946条',
    ]);
  });

  test('pingtan-zhqsyq-2019 and -2020: listed categories against 共公布', () => {
    assert.deepEqual(prose('pingtan-zhqsyq-2019.txt'), ['6 warning prose-sum 2599条']);
    assert.deepEqual(prose('pingtan-zhqsyq-2020.txt'), ['4 error prose-sum 2602条']);
  });

  test('pingtan-zhqsyq-2023: 现行有效 393 in the text, 470 in table 二; 470 ≠ 698 + 77 − 132 across years', () => {
    assert.deepEqual(prose('pingtan-zhqsyq-2023.txt', 'pingtan-zhqsyq-2022.txt'), [
      '5 warning prose-table 393件',
      '18 warning cross-year 470',
    ]);
  });

  test('huaian-hongze-district-2024: 受理 17 件 against 95, said softly (区政府办 on behalf of the government: perhaps another scope)', () => {
    assert.deepEqual(prose('huaian-hongze-district-2024.txt'), ['25 information prose-table 17件']);
  });

  test('suqian-city-2024: 同比增长1.05% against last year’s 3607; 备案 cases said softly', () => {
    assert.deepEqual(prose('suqian-city-2024.txt', 'suqian-city-2023.txt'), [
      '28 warning growth-rate 1.05%',
      '42 information prose-table 134件',
      '42 information prose-table 57件',
    ]);
  });

  describe('历年累计 across years: last year’s 累计 + this year’s 本年度', () => {
    test('pingtan-zhqsyq-2013 (5): 4359 + 72804 = 77163, the table says 76424 (主动公开 and its 网站公开 row)', () => {
      assert.deepEqual(prose('pingtan-zhqsyq-2013.txt', 'pingtan-zhqsyq-2012.txt'), [
        '9 warning prose-table 4970条',
        '20 warning prose-table 1份',
        '32 warning cross-year 76424',
        '33 warning cross-year 76424',
      ]);
    });

    test('pingtan-zhqsyq-2017 (1): 85376 + 2122 = 87498, the table says 10037', () => {
      assert.deepEqual(prose('pingtan-zhqsyq-2017.txt', 'pingtan-zhqsyq-2016.txt'), [
        '32 warning cross-year 10037',
        '33 warning cross-year 10037',
      ]);
    });

    test('pingtan-zhqsyq-2016 (3) against 2014 (2015 missing): 受理, its 信函 row, 答复 and 同意公开 累计 fall from 1 to 0; the rest only grew', () => {
      const text = readFileSync(join(dir, 'pingtan-zhqsyq-2016.txt'), 'utf8');
      const found = checkReport(text, { previous: readFileSync(join(dir, 'pingtan-zhqsyq-2014.txt'), 'utf8') }).findings.filter(
        (f) => f.rule === 'cross-year',
      );
      assert.deepEqual(
        found.map((f) => [positionAt(lineStarts(text), f.start).line + 1, text.slice(f.start, f.end), f.arithmetic?.expected]),
        [
          [51, '0', 1], // 受理依申请公开信息总数
          [54, '0', 1], // 信函、传真申请数
          [55, '0', 1], // 对申请的答复总数
          [56, '0', 1], // 同意公开答复数
        ],
      );
      assert.match(found[0].message.zh, /历年累计（受理依申请公开信息总数）比 2014 年报告还少：2014 年 1 \+ 0 = 1/);
    });

    test('pingtan-zhqsyq-2012 (4) against the 2011 figures the README quotes: 1516 + 739 ≠ 4359', () => {
      const y2011 = [
        '平潭综合实验区2011年政府信息公开工作年度报告',
        '指标名称 | 计量单位 | 2011年度 | 历年累计',
        '主动公开信息数 | 条 | 700 | 1516',
      ].join('\n');
      assert.deepEqual(
        prose('pingtan-zhqsyq-2012.txt', y2011).filter((x) => x.includes('cross-year')),
        ['45 warning cross-year 4359'],
      );
    });

    test('silent where the chain holds: county 2013 on 2012 (every row), 实验区 2014 on 2013 (a blank 累计 last year)', () => {
      assert.deepEqual(
        prose('pingtan-county-govt-2013.txt', 'pingtan-county-govt-2012.txt').filter((x) => x.includes('cross-year')),
        [],
      );
      assert.deepEqual(
        prose('pingtan-zhqsyq-2014.txt', 'pingtan-zhqsyq-2013.txt').filter((x) => x.includes('cross-year')),
        [],
      );
    });
  });

  for (const [file, previous] of [
    ['huaian-city-2024.txt'],
    ['chongqing-qianjiang-2016.txt'],
    ['pingtan-zhqsyq-2021.txt', 'pingtan-zhqsyq-2020.txt'],
    ['pingtan-zhqsyq-2022.txt', 'pingtan-zhqsyq-2021.txt'],
    ['suqian-city-2023.txt'],
    ['pingtan-zhqsyq-2016.txt'],
    ['pingtan-zhqsyq-2017.txt'],
  ])
    test(`${file}: right figures raise nothing`, () => {
      assert.deepEqual(prose(file, previous), []);
    });
});
