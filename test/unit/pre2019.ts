// Reports in the free prose of the years before the 2019 format, for the unit tests.
import type { Finding, TextEdit } from '../../server/src/engine';

/** The rules of reports before 2019, numbering, years and dates, and leftovers from copying. */
export const LEFTOVER_RULES = [
  'required-content',
  'table-breakdown',
  'section-numbering',
  'list-numbering',
  'statistics-period',
  'other-year',
  'publication-deadline',
  'outdated-reference',
  'placeholder',
  'approximate-exact',
  'document-number-brackets',
  'other-office',
];

export const mine = (fs: Finding[]) => fs.filter((f) => LEFTOVER_RULES.includes(f.rule));
export const byRule = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);
export const at = (text: string, f: { start: number; end: number }) => text.slice(f.start, f.end);

/** The text with a finding's fix applied (edits never overlap). */
export function applyFix(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export interface Pre2019Parts {
  title: string;
  period: string;
  overview: string;
  proactive: string;
  applications: string;
  fees: string;
  review: string;
  problems: string;
  other: string;
  signature: string;
  date: string;
  table: string;
}

export const STATISTICS_TABLE = [
  '附件：青山县人民政府2016年政府信息公开情况统计表',
  '指标名称 | 计量单位 | 2016年度 | 历年累计',
  '主动公开信息数 | 条 | 1200 | 5000',
  '其中：1.网站公开 | 条 | 1000 | 4000',
  '2.政府公报公开 | 条 | 200 | 1000',
  '受理依申请公开信息总数 | 条 | 12 | 40',
  '其中：1.当面申请数 | 条 | 5 | 20',
  '2.网上申请数 | 条 | 7 | 20',
  '对申请的答复总数 | 条 | 12 | 40',
  '其中：1.同意公开答复数 | 条 | 10 | 35',
  '2.同意部分公开答复数 | 条 | 2 | 5',
  '行政复议数 | 件 | 0 | 0',
  '行政诉讼数 | 件 | 0 | 0',
].join('\n');

const DEFAULTS: Pre2019Parts = {
  title: '青山县人民政府2016年政府信息公开工作年度报告',
  period: '本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。',
  overview:
    '2016年，我县认真贯彻《中华人民共和国政府信息公开条例》，按照《青山县2016年政务公开工作要点》（青政办〔2016〕12号）的要求推进各项工作。',
  proactive: '2016年全县主动公开政府信息1200条，其中通过政府网站公开1000条、政府公报公开200条。',
  applications: '全年共收到政府信息公开申请12件，均已按时答复，其中同意公开10件、同意部分公开2件，没有不予公开的情况。',
  fees: '全年未向申请人收取任何政府信息公开费用。',
  review: '全年未发生因政府信息公开申请行政复议、提起行政诉讼的情况。',
  problems: '存在的主要问题是部分单位公开不够及时。2017年，我县将从以下方面加以改进：一是加强培训；二是完善制度；三是强化考核。',
  other: '无。',
  signature: '青山县人民政府',
  date: '2017年1月20日',
  table: STATISTICS_TABLE,
};

/** A clean report on 2016 in the style of its time; parts can be replaced or left out (''). */
export function report2016(parts: Partial<Pre2019Parts> = {}): string {
  const p = { ...DEFAULTS, ...parts };
  const section = (heading: string, body: string) => (body ? `${heading}\n${body}\n` : '');
  return [
    p.title,
    '',
    p.period,
    '',
    section('一、概述', p.overview),
    section('二、主动公开政府信息情况', p.proactive),
    section('三、依申请公开政府信息和不予公开政府信息情况', p.applications),
    section('四、政府信息公开的收费及减免情况', p.fees),
    section('五、因政府信息公开申请行政复议、提起行政诉讼的情况', p.review),
    section('六、存在的主要问题及改进情况', p.problems),
    section('七、其他需要报告的事项', p.other),
    p.signature,
    p.date,
    '',
    p.table,
    '',
  ].join('\n');
}
