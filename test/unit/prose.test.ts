import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkReport, parseReport, type Finding } from '../../server/src/engine';
import { analyseProse } from '../../server/src/engine/prose';
import { PROSE_RULES, report2021, withCell } from './reports';

// Figures in sentences against the tables and against each other. The synthetic report's tables say:
// 本年新收 13 (自然人 10, 商业企业 2, 法律服务机构 1), 上年结转 1, 予以公开 7, 部分公开 2, 不予公开 1,
// 无法提供 3, （七）总计 13, 结转下年度 1; 行政复议 2 (维持 1, 尚未审结 1), 行政诉讼 1 (纠正 1);
// 行政规范性文件 制发 3, 废止 1, 现行有效 20.

function prose(overview: string, options: { previous?: string } = {}): { text: string; findings: Finding[] } {
  const text = report2021({ overview });
  return { text, findings: checkReport(text, options).findings.filter((f) => PROSE_RULES.has(f.rule)) };
}
const at = (text: string, f: { start: number; end: number }) => text.slice(f.start, f.end);
const applyFix = (text: string, f: Finding) => f.fix!.edits.reduceRight((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);

describe('prose against the tables', () => {
  test('figures that agree with the tables raise nothing', () => {
    const { findings } = prose(
      '2024年，本机关共收到政府信息公开申请13件，其中自然人10件、商业企业2件、法律服务机构1件；办结13件（含上年度结转申请1件），1件结转下年度继续办理。' +
        '予以公开7件，部分公开2件，不予公开1件，无法提供3件。发生政府信息公开行政复议2件，其中结果维持1件，尚未审结1件；行政诉讼1件，结果纠正1件。' +
        '全年制发行政规范性文件3件，废止1件，现行有效行政规范性文件20件。',
    );
    assert.deepEqual(
      findings.map((f) => f.message.zh),
      [],
    );
  });

  test('a restated figure that disagrees: a warning at the figure, the table cell related, a fix from the table', () => {
    const { text, findings } = prose('2024年，本机关共收到政府信息公开申请15件，均按时答复。');
    assert.equal(findings.length, 1);
    const f = findings[0];
    assert.equal(f.rule, 'prose-table');
    assert.equal(f.severity, 'warning');
    assert.equal(at(text, f), '15件');
    assert.match(f.message.zh, /正文说收到的申请 15 件，表三 收到和处理政府信息公开申请情况中为 13 件/);
    assert.equal(at(text, f.related[0]), '13');
    const fixed = applyFix(text, f);
    assert.match(fixed, /共收到政府信息公开申请13件/);
    assert.deepEqual(prose(fixed.match(/## 一、总体情况\n\n(.*)\n/)![1]).findings, []);
  });

  test('sums of cells: 行政诉讼 = 直接起诉 + 复议后起诉; 予以公开及部分公开 = 予以公开 + 部分公开', () => {
    const { findings } = prose('办结的申请中，予以公开及部分公开8件。本年度行政诉讼2件。');
    assert.deepEqual(
      findings.map((f) => [f.rule, f.arithmetic?.expected]),
      [
        ['prose-table', 9],
        ['prose-table', 1],
      ],
    );
  });

  test('silent: approximations, other things counted, years, 文号, phone numbers, Chinese numerals', () => {
    const { findings } = prose(
      '全年收到政府信息公开申请约20件。收到群众诉求348件。2015年以来累计受理申请300余件。依据《条例》（国办发〔2024〕15号）办理。' +
        '咨询电话：0591-23165370。新增公开市政府政策性文件11件。坚持办结一件申请、解决一个问题。本机关共收到2024年度申请的答复意见。',
    );
    assert.deepEqual(
      findings.map((f) => f.message.zh),
      [],
    );
  });

  test('another scope (备案) is said softly, as information', () => {
    const { findings } = prose('全年备案政府信息公开行政复议案件5件。');
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [['prose-table', 'information']],
    );
  });
});

describe('listed parts against the total', () => {
  test('parts above the total: an error', () => {
    const { text, findings } = prose('全年共公开政府信息12条，其中机构职能类信息10条、政策文件类信息3条。');
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity, at(text, f)]),
      [['prose-sum', 'error', '12条']],
    );
    assert.match(findings[0].message.zh, /列出的各项之和 10\+3 = 13 条，超过了总数 12 条/);
  });

  test('a 其中 list may name only some parts: silent far below, information near it, warning when it says it is whole', () => {
    assert.deepEqual(prose('全年共公开政府信息100条，其中机构职能类信息10条、政策文件类信息3条。').findings, []);
    assert.deepEqual(
      prose('全年共公开政府信息14条，其中机构职能类信息10条、政策文件类信息3条。').findings.map((f) => f.severity),
      ['information'],
    );
    assert.deepEqual(
      prose('全年共公开政府信息14条，其中机构职能类信息10条、其他信息3条。').findings.map((f) => f.severity),
      ['warning'],
    );
    assert.deepEqual(
      prose('全年共公开政府信息14条，分别为机构职能类信息10条、政策文件类信息3条。').findings.map((f) => f.severity),
      ['warning'],
    );
  });

  test('lists in parentheses, nested lists, and lists that end where their shape changes', () => {
    assert.deepEqual(
      prose('今年共发布380条财政信息，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算165条）、“三公”经费27条、债券发行4条。')
        .findings,
      [],
    );
    assert.deepEqual(
      prose('全市共收办申请案件3607件（市政府349件、各部门3258件），均按时办结。').findings.filter((f) => f.rule === 'prose-sum'),
      [],
    );
    assert.deepEqual(
      prose('答复3050件（含上年度结转34件，另有103件顺延到下年度答复）。').findings.filter((f) => f.rule === 'prose-sum'),
      [],
    );
    // the shares end at 其他处理; the cases after the semicolon are another matter
    const { findings } = prose(
      '办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。',
    );
    assert.deepEqual(
      findings.filter((f) => f.rule !== 'prose-table').map((f) => f.message.zh),
      [],
    );
  });
});

describe('percentages', () => {
  test('X件，占Y% against X ÷ total, rounded as written', () => {
    const ok = prose('全年共公开政府信息300条，其中机构职能类信息100条，占33.3%；政策文件类信息200条，占66.7%。');
    assert.deepEqual(ok.findings, []);
    const { text, findings } = prose('全年共公开政府信息300条，其中机构职能类信息100条，占33.4%；政策文件类信息200条，占66.7%。');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].rule, 'percent-of-total');
    assert.equal(at(text, findings[0]), '33.4%');
    assert.match(findings[0].message.zh, /100 ÷ 300 = 33\.3333%，应写作 33\.3%，文中为 33\.4%/);
    assert.match(applyFix(text, findings[0]), /占33\.3%；/);
  });

  test('a share cut off instead of rounded is wrong (2.96% written 2.9%)', () => {
    const { findings } = prose('在主动公开的2026条政府信息中，规划计划类信息60条，占2.9%。');
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['percent-of-total'],
    );
    // the share as it should be written: rounded, not cut off like the text's
    assert.equal(findings[0].message.zh, '60 ÷ 2026 = 2.9615%，应写作 3.0%，文中为 2.9%');
    assert.equal(findings[0].arithmetic?.expected, 3);
  });

  test('the base may be any earlier total; a share that fits one of them is right', () => {
    assert.deepEqual(
      prose('全年收到提案169件，合并立案136件。其中满意的110件，占80.9%；基本满意21件，占15.4%；理解的2件，占1.5%；不满意的3件，占2.2%。')
        .findings,
      [],
    );
  });

  test('shares of one whole add up to 100% within rounding', () => {
    assert.deepEqual(
      prose(
        '答复81件，其中予以公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%。',
      ).findings,
      [],
    );
    const { findings } = prose('答复800件。予以公开258件，占32.3%；不予公开35件，占4.4%；无法提供265件，占33.1%；其他处理0件。');
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['percent-sum'],
    );
    assert.match(findings[0].message.zh, /这组占比合计 32\.3% \+ 4\.4% \+ 33\.1% = 69\.8%，不足 100%/);
  });
});

describe('across years', () => {
  const lastYear = report2021({
    overview: '2023年，全市共收办政府信息公开申请案件3607件。',
    applicationRows: withCell('四、结转下年度继续办理', 0, 2),
  });

  test('同比增长 against last year’s report', () => {
    assert.deepEqual(
      prose('全市共收办政府信息公开申请案件3646件，同比增长1.05%。').findings.filter((f) => f.rule === 'growth-rate'),
      [],
    ); // no last year: nothing to compare
    const { text, findings } = prose('全市共收办政府信息公开申请案件3646件，同比增长1.05%。', { previous: lastYear });
    const g = findings.filter((f) => f.rule === 'growth-rate');
    assert.equal(g.length, 1);
    assert.equal(at(text, g[0]), '1.05%');
    assert.match(g[0].message.zh, /上年为 3607，本年 3646/);
    assert.deepEqual(
      prose('全市共收办政府信息公开申请案件3646件，同比增长1.08%。', { previous: lastYear }).findings.filter(
        (f) => f.rule === 'growth-rate',
      ),
      [],
    );
  });

  test('上年结转 = last year’s 结转下年度, column by column', () => {
    const { text, findings } = prose('', { previous: lastYear });
    const chain = findings.filter((f) => f.rule === 'cross-year' && f.message.zh.startsWith('上年结转'));
    assert.deepEqual(
      chain.map((f) => f.message.zh),
      ['上年结转的申请（自然人）与上年报告不衔接：上年报告中为 2，本年表中为 1'],
    );
    assert.equal(at(text, chain[0]), '1');
  });
});

describe('the parts a report announces', () => {
  test('本报告包括……N个部分 against the numbered parts', () => {
    const six =
      '本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分。';
    assert.deepEqual(prose(six).findings, []);
    const { text, findings } = prose(six.replace('六个部分', '五个部分'));
    assert.deepEqual(
      findings.map((f) => [f.rule, at(text, f)]),
      [['parts-count', '五']],
    );
    assert.match(findings[0].message.zh, /报告说有五个部分，正文有 6 个部分：一、总体情况；二、主动公开政府信息情况；/);
    // 个 may be left out
    const short = prose(six.replace('等六个部分', '等五部分组成'));
    assert.deepEqual(
      short.findings.map((f) => [f.rule, at(short.text, f)]),
      [['parts-count', '五']],
    );
  });
});

describe('impossible relations in the prose', () => {
  test('受理117件，办结171件，办结率100%: more closed than received, digits swapped', () => {
    const { text, findings } = prose('今年我局共受理审批事项117件，办结171件，办结率100%。其中办理减免税共计91件。');
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity, at(text, f), f.arithmetic?.expected]),
      [['completion-rate', 'warning', '171件', 146]],
    );
    assert.match(findings[0].message.zh, /受理 117 件、办结 171 件，办结率应为 171 ÷ 117 = 146\.2%，文中为 100%；办结不会多于受理/);
  });

  test('a rate that does not follow from its counts: 受理 40, 办结 36, 办结率 95%', () => {
    const { findings } = prose('全年共受理审批事项40件，办结36件，办结率95%。');
    assert.deepEqual(
      findings.map((f) => [f.rule, f.arithmetic?.expected, f.arithmetic?.actual]),
      [['completion-rate', 90, 95]],
    );
  });

  test('silent: rates that agree, on-time rates, rates over what was carried over too, rates with no counts before them', () => {
    const { findings } = prose(
      '全年共受理审批事项117件，办结117件，办结率100%。全年受理40件，办结36件，办结率90%。' +
        '全年受理投诉40件，办结40件，按时办结率95%。全年受理40件，加上上年结转4件，办结44件，办结率100%。' +
        '收到群众诉求348件，现场解决162件，跟进解决186件，办结率100%。全年收到群众来信75件，均在法定期限内予以答复，答复率100%。',
    );
    assert.deepEqual(
      findings.map((f) => f.message.zh),
      [],
    );
  });
});

describe('a list whose total is stated in an earlier sentence', () => {
  test('主要类别有：… adding to more than the 主动公开 said before (pingtan-zhqsyq-2014: 2641 against 2543)', () => {
    const { text, findings } = prose(
      '2014年主动公开政府信息2543条。其中，区直各部门主动公开政府信息1687条，占66%。各乡镇主动公开政府信息856条，占34%。' +
        '2014年，我区各工作部门主动公开政府信息的主要类别有：机构职能类信息594条，政策、规范性文件类信息281条，规划计划类信息29条，' +
        '行政许可类信息28条，重大建设项目类信息253条，国土资源类98条，科教文体卫生类信息122条，安全生产类信息290条，其他应主动公开的信息946条。',
    );
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity, at(text, f).slice(0, 4), f.arithmetic?.expected, f.arithmetic?.actual]),
      [['prose-sum', 'warning', '594条', 2641, 2543]],
    );
    assert.match(findings[0].message.zh, /列出的各项之和 594\+281\+29\+28\+253\+98\+122\+290\+946 = 2641 条，超过了前文所说的总数 2543 条/);
  });

  test('shares one sentence each, dividing more than the 主动公开 before them (pingtan-county-govt-2012: 2475 + 1503 > 2026)', () => {
    const { findings } = prose(
      '2012年制作、获取政府信息总数3978条，其中主动公开政府信息2026条，作为依申请公开信息数98条，不予公开信息数1854条。' +
        '主动公开的政府信息，县直各单位主动公开政府信息2475条，占62.2%。各乡镇主动公开政府信息1503条，占37.8%。',
    );
    assert.deepEqual(
      findings.filter((f) => f.rule === 'prose-sum').map((f) => [f.rule, f.severity, f.arithmetic?.expected, f.arithmetic?.actual]),
      [['prose-sum', 'warning', 3978, 2026]],
    );
  });

  test('silent: lists that add up, a partial list short of the total, two different totals before, no total before', () => {
    const right = prose(
      '2016年全区主动公开政府信息3460条。其中，区直各部门主动公开政府信息1822条，占53%。各乡镇主动公开政府信息1638条，占47%。' +
        '主动公开政府信息的主要类别有：机构职能类信息612条，政策类信息223条，其他应主动公开的信息2625条。',
    );
    const partial = prose(
      '全年主动公开政府信息3460条。主动公开政府信息的主要类别有：机构职能类信息612条，政策类信息223条，规划类信息59条。',
    );
    const two = prose(
      '全年主动公开政府信息3460条。网上主动公开政府信息2000条。主动公开政府信息的主要类别有：机构职能类信息612条，政策类信息223条，其他信息3000条。',
    );
    const none = prose('主动公开政府信息的主要类别有：机构职能类信息612条，政策类信息223条，其他信息3000条。');
    for (const { findings } of [right, partial, two, none])
      assert.deepEqual(
        findings.map((f) => f.message.zh),
        [],
      );
  });
});

describe('what a finding names: the base of a share, the cells of a sum', () => {
  test('a share of the nearest total that fits: 部分公开60件，占75% of the 80 received, not of the 200 answered', () => {
    const { findings } = prose('全年收到申请80件，答复200件。其中部分公开60件，占75%。');
    assert.deepEqual(
      findings.filter((f) => f.rule === 'percent-of-total').map((f) => f.message.zh),
      [],
    );
  });

  test('a share that fits no total: the message divides by the nearest one', () => {
    const { text, findings } = prose('全年收到申请80件，答复200件。其中部分公开60件，占70%。');
    const f = findings.filter((x) => x.rule === 'percent-of-total');
    assert.deepEqual(
      f.map((x) => x.message.zh),
      ['60 ÷ 200 = 30.000%，应写作 30%，文中为 70%'],
    );
    assert.deepEqual(
      f[0].related.map((r) => [r.message.zh, at(text, r)]),
      [
        ['数量：60', '60件'],
        ['总数：200', '200件'],
      ],
    );
  });

  test('a stated total is the base, whatever stands nearer: 80件，其中 … 60件，占75%', () => {
    const { findings } = prose('全年收到申请200件。办结80件，其中部分公开60件，占70%，予以公开20件，占25%。');
    assert.deepEqual(
      findings.filter((f) => f.rule === 'percent-of-total').map((f) => f.message.zh),
      ['60 ÷ 80 = 75.000%，应写作 75%，文中为 70%'],
    );
  });

  test('a restated sum shows the cells that count, not the zero ones: 行政诉讼 = 直接起诉 1 + 复议后起诉 0', () => {
    const { findings } = prose('全年发生政府信息公开行政诉讼3件。');
    assert.deepEqual(
      findings.map((f) => f.message.zh),
      ['正文说行政诉讼案件 3 件，表四 政府信息公开行政复议、行政诉讼情况中为 1 件'],
    );
    const sum = prose('予以公开和部分公开的申请10件。').findings;
    assert.deepEqual(
      sum.map((f) => f.message.zh),
      ['正文说予以公开和部分公开的申请 10 件，表三 收到和处理政府信息公开申请情况中为 9 件（7+2）'],
    );
  });
});

describe('outcome-claim: 均获维持 and the like against table 四', () => {
  // the synthetic table 四: 复议 维持 1, 尚未审结 1, 总计 2; 直接起诉 纠正 1, 总计 1; 复议后起诉 all 0
  const claims = (overview: string, reviewCells?: number[]) => {
    const text = report2021({ overview, reviewCells });
    return checkReport(text)
      .findings.filter((f) => f.rule === 'outcome-claim')
      .map((f) => `${at(text, f)} ${f.severity} ${f.message.zh}`);
  };

  test('行政复议2件，诉讼1件，均获维持 with cases pending and corrected (shanghai-municipal-govt-office-2019)', () => {
    assert.deepEqual(claims('全年发生信息公开类行政复议2件，诉讼1件，均获维持。'), [
      '均获维持 warning 正文说「均获维持」，表四中却有未获维持（纠正、其他结果或尚未审结）的案件：行政复议「尚未审结」1 件、行政诉讼（未经复议直接起诉）「结果纠正」1 件',
    ]);
  });

  test('全部胜诉 and 无被纠错 against 结果纠正', () => {
    assert.deepEqual(
      claims('行政诉讼1件，全部胜诉。').map((x) => x.split(' ')[0]),
      ['全部胜诉'],
    );
    assert.deepEqual(
      claims('行政诉讼案件无被纠错情况。').map((x) => x.split(' ')[0]),
      ['无被纠错'],
    );
  });

  test('silent: claims that agree, the block not named, blanks, 纠错率', () => {
    const upheld = [2, 0, 0, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0];
    assert.deepEqual(claims('行政复议2件，诉讼1件，均获维持。', upheld), []);
    assert.deepEqual(claims('行政复议2件，其中1件尚未审结；诉讼1件，全部胜诉。', [1, 0, 0, 1, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]), []);
    assert.deepEqual(claims('行政复议2件，均获维持。', [2, 0, 0, 0, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]), []);
    assert.deepEqual(claims('下一步将努力降低行政复议、行政诉讼发生率和纠错率。'), []);
    const text = report2021({ overview: '行政复议2件，均获维持。' }).replace(/\| 1 \| 0 \| 0 \| 1 \| 2 \|/, '| 2 |  |  |  | 2 |');
    assert.deepEqual(
      checkReport(text).findings.filter((f) => f.rule === 'outcome-claim'),
      [],
    );
  });
});

describe('shares evened out to make 100%', () => {
  const shares = (overview: string) =>
    prose(overview)
      .findings.filter((f) => f.rule === 'percent-of-total')
      .map((f) => f.message.zh);

  test('73.03% and 27.91% written 73% and 27%: one share moved by one unit so that they make 100% (pingtan-zhqsyq-2012)', () => {
    assert.deepEqual(shares('全年主动公开政府信息1913条。其中，区直各单位主动公开1397条，占73%。各乡镇主动公开534条，占27%。'), []);
    assert.deepEqual(shares('全年主动公开政府信息1913条，其中区直各单位主动公开1397条，占73%，各乡镇主动公开534条，占27%。'), []);
  });

  test('still wrong: moved by more than one unit, moved away from 100, or shares not making 100', () => {
    assert.deepEqual(shares('全年主动公开政府信息1913条。其中，区直各单位主动公开1397条，占74%。各乡镇主动公开534条，占26%。'), [
      '1397 ÷ 1913 = 73.027%，应写作 73%，文中为 74%',
      '534 ÷ 1913 = 27.914%，应写作 28%，文中为 26%',
    ]);
    assert.deepEqual(shares('全年主动公开政府信息1913条。其中，区直各单位主动公开1397条，占73%。各乡镇主动公开534条，占29%。'), [
      '534 ÷ 1913 = 27.914%，应写作 28%，文中为 29%',
    ]);
  });
});

describe('clauses and sentences of the prose figures', () => {
  test('each of 。！？!?；; ends a sentence and each of ，,、：: a clause, full-width or not', () => {
    for (const end of [...'。！？!?；;']) {
      const { figures } = analyseProse(parseReport(`共收到申请12件${end}办结10件${end}`));
      assert.deepEqual(
        figures.map((f) => [f.value, f.sentence]),
        [
          [12, 0],
          [10, 1],
        ],
        end,
      );
    }
    for (const mark of [...'，,、：:']) {
      const [, second] = analyseProse(parseReport(`共收到申请12件${mark}办结10件。`)).figures;
      assert.equal(second.sentence, 0, mark);
      assert.equal(second.clauseBefore, '办结', mark);
    }
  });
});
