import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { builtinSchema, checkReport, parseReport, validateSchema } from '../../server/src/engine';
import { at, byRule, mine, report2016, STATISTICS_TABLE } from './pre2019';

// Reports before 2019: the built-in gov-2008 schema, its items found by their content, and the
// 其中 rows of its statistics table.

describe('gov-2008: the schema of reports before 2019', () => {
  test('it is built in, valid, and chosen for reports on years up to 2018', () => {
    const s = builtinSchema('gov-2008');
    assert.ok(s);
    assert.equal(s.years.to, 2018);
    assert.deepEqual(
      s.sections.filter((x) => x.required).map((x) => x.id),
      ['proactive', 'applications', 'fees', 'reviewLitigation', 'problems', 'otherMatters'],
    );
    assert.equal(checkReport(report2016()).detection.schema?.id, 'gov-2008');
    assert.equal(checkReport(report2016({ title: '青山县人民政府2018年政府信息公开工作年度报告' })).detection.schema?.id, 'gov-2008');
    assert.equal(
      checkReport(report2016({ title: '青山县人民政府2019年政府信息公开工作年度报告', table: '' })).detection.schema?.id,
      'gov-2019',
    );
  });

  test('its statistics table, without a title year, is enough to pick it', () => {
    const text = `政府信息公开工作情况\n\n${STATISTICS_TABLE}\n`;
    assert.equal(checkReport(text).detection.schema?.id, 'gov-2008');
    assert.equal(checkReport(text).detection.reason, 'markers');
  });

  test('a content section and a breakdown identity are part of the schema language', () => {
    const base = { id: 'x', name: { zh: '某报告', en: 'A report' } };
    const ok = validateSchema({
      ...base,
      sections: [{ id: 'fees', title: '收费情况', content: { all: [['收费', '收取'], ['信息']], within: 'clause' } }],
      tables: [
        {
          id: 't',
          name: { zh: '表', en: 'Table' },
          section: 'fees',
          columns: [{ id: 'n', label: '本年度' }],
          rows: [
            { id: 'total', label: '合计' },
            { id: 'a', label: '甲' },
          ],
          identities: [{ kind: 'breakdown', id: 'b', each: 'column', total: 'total', parts: ['a'] }],
        },
      ],
    });
    assert.deepEqual(ok.problems, []);
    const bad = validateSchema({
      ...base,
      sections: [{ id: 's', title: '某章', content: { all: [] } }],
      tables: [
        {
          id: 't',
          name: { zh: '表', en: 'T' },
          section: 's',
          columns: [{ id: 'n', label: 'n' }],
          rows: [{ id: 'r', label: 'r' }],
          identities: [{ kind: 'breakdown', id: 'b', each: 'column', total: 'r', parts: ['nope'] }],
        },
      ],
    });
    assert.ok(bad.problems.some((p) => p.path.join('.') === 'sections.0.content.all'));
    assert.ok(bad.problems.some((p) => /no row of table "t" has id "nope"/.test(p.message)));
  });

  test('the 计量单位 column of its table is no figure', () => {
    const rows = parseReport(STATISTICS_TABLE).rows;
    const r = rows.find((x) => x.ownLabel === '主动公开信息数')!;
    assert.equal(r.unit, '条');
    assert.deepEqual(
      r.cells.map((c) => c.raw),
      ['1200', '5000'],
    );
    assert.equal(rows.length, 11, 'the header row 指标名称 | 计量单位 | 2016年度 | 历年累计 is no row');
  });
});

describe('required-content: the six items of 第三十二条, found by what they say', () => {
  test('a clean report: every item found, nothing raised', () => {
    const r = checkReport(report2016());
    assert.deepEqual(
      mine(r.findings).map((f) => `${f.rule}: ${f.message.zh}`),
      [],
    );
    assert.deepEqual([...r.bound!.sections.keys()].sort(), [
      'applications',
      'fees',
      'otherMatters',
      'proactive',
      'problems',
      'reviewLitigation',
      'statistics',
    ]);
  });

  test('items found without their own heading, in a sentence of another section', () => {
    const text = report2016({
      fees: '',
      review: '',
      applications:
        '全年共收到政府信息公开申请12件，均已按时答复。全年未对公民、法人和其他组织收取政府信息公开费用。全年未发生因政府信息公开引起的行政复议和行政诉讼。',
    });
    const r = checkReport(text);
    assert.deepEqual(byRule(r.findings, 'required-content'), []);
    assert.equal(at(text, r.bound!.sections.get('fees')!.heading), '全年未对公民、法人和其他组织收取政府信息公开费用');
    // a paragraph is the unit where 复议 and 诉讼 must both be named
    assert.match(at(text, r.bound!.sections.get('reviewLitigation')!.heading), /^全年共收到.*行政复议和行政诉讼。$/);
  });

  test('each missing item is named, with what was looked for, on the title', () => {
    // without the statistics table, whose 行政复议数 and 行政诉讼数 rows would report the item
    const text = report2016({ fees: '', review: '', other: '', table: '' });
    const found = byRule(checkReport(text).findings, 'required-content');
    assert.deepEqual(
      found.map((f) => f.message.zh.split('：')[0]),
      [
        '没有找到应当报告的「政府信息公开的收费及减免情况」',
        '没有找到应当报告的「因政府信息公开申请行政复议、提起行政诉讼的情况」',
        '没有找到应当报告的「其他需要报告的事项」',
      ],
    );
    assert.match(
      found[0].message.zh,
      /同一句中同时出现（“收费”、“收取”、“减免”、“免费”、“免收”等）之一和（“政府信息”、“信息公开”、“依申请”、“申请人”）之一/,
    );
    assert.match(found[1].message.en, /one word of each of: \(复议\) and \(诉讼\)/);
    // 其他需要报告的事项 was often left out when there was none: worth a look, not a warning
    assert.deepEqual(
      found.map((f) => f.severity),
      ['warning', 'warning', 'information'],
    );
    for (const f of found) assert.equal(at(text, f), '青山县人民政府2016年政府信息公开工作年度报告');
    assert.deepEqual(byRule(checkReport(text).findings, 'required-section'), [], 'not reported twice');
  });

  test('silent: words that only look like the item', () => {
    // 收费信息 is published information about fees, not fees charged for disclosure;
    // the table's 行政复议数 / 行政诉讼数 rows and the outline sentence are no report of the item
    const text = report2016({
      title: '青山县人民政府2016年政府信息公开工作年度报告',
      period:
        '本报告由概述、主动公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议、提起行政诉讼的情况等七个部分组成。本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。',
      fees: '',
      review: '',
      proactive: '2016年全县主动公开政府信息1200条，推进价格和收费信息公开，公开行政事业性收费信息2条。',
    });
    const ids = byRule(checkReport(text).findings, 'required-content').map((f) => f.message.zh.split('「')[1].split('」')[0]);
    assert.deepEqual(ids, ['政府信息公开的收费及减免情况', '因政府信息公开申请行政复议、提起行政诉讼的情况']);
  });

  test('a heading in the words of the 条例 is found even when its paragraph says little', () => {
    const text = report2016({ problems: '详见下文。' }).replace('六、存在的主要问题及改进情况', '六、存在的问题及2017年工作打算');
    assert.deepEqual(byRule(checkReport(text).findings, 'required-content'), []);
  });
});

describe('table-breakdown: 其中 rows against their total', () => {
  test('parts above their total: an error, with the arithmetic', () => {
    const text = report2016({ table: STATISTICS_TABLE.replace('2.网上申请数 | 条 | 7 | 20', '2.网上申请数 | 条 | 9 | 20') });
    const f = byRule(checkReport(text).findings, 'table-breakdown');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'error');
    assert.equal(at(text, f[0]), '12');
    assert.equal(
      f[0].message.zh,
      '政府信息公开情况统计表：“其中”各项（当面申请数、网上申请数）之和 5+9 = 14，超过了合计「受理依申请公开信息总数」行「本年度」列 12',
    );
    assert.deepEqual(f[0].arithmetic && [f[0].arithmetic.expected, f[0].arithmetic.actual], [14, 12]);
    assert.deepEqual(
      f[0].related.map((x) => at(text, x)),
      ['5', '9'],
    );
  });

  test('parts below their total: information only, as a 其中 list may leave some out', () => {
    const text = report2016({
      table: STATISTICS_TABLE.replace('其中：1.网站公开 | 条 | 1000 | 4000', '其中：1.网站公开 | 条 | 900 | 4000'),
    });
    const f = byRule(checkReport(text).findings, 'table-breakdown');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message.zh, /之和 900\+200 = 1100，比合计「主动公开信息数」行「本年度」列 1200 少 100；若已列全，请核对/);
  });

  test('silent: parts that add up, a blank part, a part the table does not have', () => {
    assert.deepEqual(byRule(checkReport(report2016()).findings, 'table-breakdown'), []);
    const blank = report2016({ table: STATISTICS_TABLE.replace('2.政府公报公开 | 条 | 200 | 1000', '2.政府公报公开 | 条 |  | 1000') });
    assert.deepEqual(byRule(checkReport(blank).findings, 'table-breakdown'), []);
    assert.equal(byRule(checkReport(blank).findings, 'table-blank-cell').length, 1, 'the blank is reported instead');
  });
});

describe('prose-table: the prose against the statistics table of reports before 2019', () => {
  const restated = (text: string) => byRule(checkReport(text).findings, 'prose-table').map((f) => `${at(text, f)} ${f.severity}`);

  test('a clean report: every restated figure agrees, nothing raised', () => {
    assert.deepEqual(restated(report2016()), []);
  });

  test('主动公开, 网上申请 and 行政复议 told otherwise than the table (收到1份: no range “到1”)', () => {
    const text = report2016({
      proactive: '2016年全县主动公开政府信息4970条，其中通过政府网站公开1000条、政府公报公开200条。',
      applications:
        '全年共收到政府信息公开申请12件，其中当面申请5件，网上申请数3件，均已按时答复。全年收到1份有关政府信息公开行政复议申请，已及时处理。',
    });
    assert.deepEqual(restated(text), ['4970条 warning', '3件 warning', '1份 warning']);
  });

  test('silent: a part of 主动公开 (各乡镇, 公开办), another year’s total, a category 其他应主动公开, applications of another kind', () => {
    const text = report2016({
      proactive:
        '2016年全县主动公开政府信息1200条，其中各乡镇主动公开政府信息300条，县政府公开办主动公开信息数为222条，历年累计主动公开5000条，其他应主动公开的信息96条。',
      overview: '行政服务中心开设窗口26个，共受理申请121510件。',
    });
    assert.deepEqual(restated(text), []);
  });
});

describe('required-content: an item reported in the statistics table only', () => {
  const review = (text: string) =>
    byRule(checkReport(text).findings, 'required-content')
      .filter((f) => f.message.zh.includes('行政复议'))
      .map((f) => `${f.severity} ${f.message.zh.slice(0, 40)}`);

  test('行政复议数 | 0 and 行政诉讼数 | 0, no sentence on them: reported, said softly (pingtan-zhqsyq-2014)', () => {
    assert.deepEqual(review(report2016({ review: '' })), [
      'information 「因政府信息公开申请行政复议、提起行政诉讼的情况」只见于统计表（行政复议数、行政',
    ]);
  });

  test('without the table, or with one of the two rows only: missing, a warning', () => {
    assert.deepEqual(
      review(report2016({ review: '', table: '' })).map((x) => x.split(' ')[0]),
      ['warning'],
    );
    const oneRow = STATISTICS_TABLE.split('\n')
      .filter((l) => !l.startsWith('行政诉讼数'))
      .join('\n');
    assert.deepEqual(
      review(report2016({ review: '', table: oneRow })).map((x) => x.split(' ')[0]),
      ['warning'],
    );
  });

  test('silent when the text says it', () => {
    assert.deepEqual(review(report2016()), []);
  });
});

describe('parts-count: the parts an outline sentence names against its own number', () => {
  const counted = (outline: string) => {
    const text = report2016({ period: `${outline}本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。` });
    return byRule(checkReport(text).findings, 'parts-count').map((f) => `${at(text, f)} ${f.message.zh}`);
  };

  test('本报告由……共六个部分组成 naming five', () => {
    assert.deepEqual(
      counted(
        '本报告由概述、主动公开政府信息情况、政府信息依申请公开工作情况、政府信息公开工作存在的主要问题及改进情况、政府信息公开情况统计表共六个部分组成。',
      ),
      [
        '六 这句话说共六个部分，列出的却是 5 个：概述；主动公开政府信息情况；政府信息依申请公开工作情况；政府信息公开工作存在的主要问题及改进情况；政府信息公开情况统计表',
      ],
    );
  });

  test('共分6个部分：naming five after the colon', () => {
    assert.deepEqual(
      counted(
        '本报告共分6个部分：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况。',
      ).map((x) => x.split(' ')[0]),
      ['6'],
    );
  });

  test('silent: names holding 、 or 和, the last two joined by 和, as the corpus writes them', () => {
    for (const outline of [
      '本报告由概述、主动公开政府信息情况、政府信息依申请公开工作情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议、提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进情况和其他需要报告的事项共七个部分组成。',
      '本报告由概述、主动公开政府信息情况、依申请公开政府信息和不予公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议、提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进措施和其他需要报告的事项共七个部分组成。',
    ])
      assert.deepEqual(counted(outline), [], outline);
  });
});

describe('prose-conflict: one figure said twice, differently', () => {
  const conflicts = (parts: Parameters<typeof report2016>[0]) => {
    const text = report2016({ table: '', ...parts });
    return byRule(checkReport(text).findings, 'prose-conflict').map((f) => `${at(text, f)} ${f.message.zh}`);
  };

  test('收到申请2件 … 共受理申请1件', () => {
    assert.deepEqual(
      conflicts({
        applications: '全年共收到政府信息公开申请2件，均已按时答复。',
        problems: '存在的主要问题是部分单位公开不够及时。全年共受理政府信息公开申请1件，下一步将加强培训。',
      }),
      ['1件 前文说收到的政府信息公开申请 2 件，这里说 1 件：同一个数前后不一'],
    );
  });

  test('silent: the same figure twice, a part of it, another office, last year, three different counts', () => {
    const silent = [
      {
        applications: '全年共收到政府信息公开申请12件，均已按时答复。',
        problems: '存在的问题是公开不够及时。全年共受理政府信息公开申请12件。',
      },
      {
        applications: '全年共收到政府信息公开申请12件，其中网上申请5件。',
        problems: '存在的问题是公开不够及时。全年共收到当面提交的政府信息公开申请7件。',
      },
      {
        applications: '全年共收到政府信息公开申请12件。',
        problems: '存在的问题是公开不够及时。县政府办代表县政府受理政府信息公开申请3件。',
      },
      { applications: '全年共收到政府信息公开申请12件。', problems: '存在的问题是公开不够及时。上年共收到政府信息公开申请9件。' },
      {
        applications: '全年共收到政府信息公开申请12件。全年收到政府信息公开申请13件。全年收到政府信息公开申请14件。',
      },
    ];
    for (const parts of silent) assert.deepEqual(conflicts(parts), [], JSON.stringify(parts));
  });
});
