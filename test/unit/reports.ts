import type { CheckResult } from '../../server/src/engine';

// Small reports written the way drafters and PDF extraction write them, for the unit tests.

export const applicationRows: [string, number[]][] = [
  ['一、本年新收政府信息公开申请数量', [10, 2, 0, 0, 1, 0, 13]],
  ['二、上年结转政府信息公开申请数量', [1, 0, 0, 0, 0, 0, 1]],
  ['三、本年度办理结果 （一）予以公开', [5, 1, 0, 0, 1, 0, 7]],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', [2, 0, 0, 0, 0, 0, 2]],
  ['（三）不予公开 1.属于国家秘密', [0, 0, 0, 0, 0, 0, 0]],
  ['2.其他法律行政法规禁止公开', [0, 0, 0, 0, 0, 0, 0]],
  ['3.危及“三安全一稳定”', [0, 0, 0, 0, 0, 0, 0]],
  ['4.保护第三方合法权益', [1, 0, 0, 0, 0, 0, 1]],
  ['5.属于三类内部事务信息', [0, 0, 0, 0, 0, 0, 0]],
  ['6.属于四类过程性信息', [0, 0, 0, 0, 0, 0, 0]],
  ['7.属于行政执法案卷', [0, 0, 0, 0, 0, 0, 0]],
  ['8.属于行政查询事项', [0, 0, 0, 0, 0, 0, 0]],
  ['（四）无法提供 1.本机关不掌握相关政府信息', [2, 1, 0, 0, 0, 0, 3]],
  ['2.没有现成信息需要另行制作', [0, 0, 0, 0, 0, 0, 0]],
  ['3.补正后申请内容仍不明确', [0, 0, 0, 0, 0, 0, 0]],
  ['（五）不予处理 1.信访举报投诉类申请', [0, 0, 0, 0, 0, 0, 0]],
  ['2.重复申请', [0, 0, 0, 0, 0, 0, 0]],
  ['3.要求提供公开出版物', [0, 0, 0, 0, 0, 0, 0]],
  ['4.无正当理由大量反复申请', [0, 0, 0, 0, 0, 0, 0]],
  ['5.要求行政机关确认或重新出具已获取信息', [0, 0, 0, 0, 0, 0, 0]],
  ['（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', [0, 0, 0, 0, 0, 0, 0]],
  ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', [0, 0, 0, 0, 0, 0, 0]],
  ['3.其他', [0, 0, 0, 0, 0, 0, 0]],
  ['（七）总计', [10, 2, 0, 0, 1, 0, 13]],
  ['四、结转下年度继续办理', [1, 0, 0, 0, 0, 0, 1]],
];

export const reviewCells = [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0];

export type Layout = 'gfm' | 'pipe' | 'tab' | 'aligned';

const HEADER = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

function row(label: string, cells: (number | string)[], layout: Layout): string {
  switch (layout) {
    case 'gfm':
      return `| ${label} | ${cells.join(' | ')} |`;
    case 'pipe':
      return `${label} | ${cells.join(' | ')}`;
    case 'tab':
      return `${label}\t${cells.join('\t')}`;
    case 'aligned':
      return `${label}${' '.repeat(6)}${cells.map((c) => String(c).padStart(5)).join('  ')}`;
  }
}

export function applicationTable(layout: Layout, rows = applicationRows): string {
  const lines = ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'];
  if (layout === 'gfm') lines.push(`| 申请人情况 | ${HEADER.join(' | ')} |`, `|${'---|'.repeat(8)}`);
  else if (layout === 'aligned') lines.push(`                          ${HEADER.join('  ')}`);
  else lines.push(row('', HEADER, layout));
  for (const [label, cells] of rows) lines.push(row(label, cells, layout));
  return lines.join('\n');
}

export function reviewTable(layout: Layout, cells: (number | string)[] = reviewCells): string {
  if (layout === 'aligned') return `行政复议    行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n${cells.join('    ')}`;
  const head = [
    '行政复议-结果维持',
    '行政复议-结果纠正',
    '行政复议-其他结果',
    '行政复议-尚未审结',
    '行政复议-总计',
    '直诉-维持',
    '直诉-纠正',
    '直诉-其他',
    '直诉-尚未审结',
    '直诉-总计',
    '复议后诉-维持',
    '复议后诉-纠正',
    '复议后诉-其他',
    '复议后诉-尚未审结',
    '复议后诉-总计',
  ];
  if (layout === 'gfm') return `| ${head.join(' | ')} |\n|${'---|'.repeat(15)}\n| ${cells.join(' | ')} |`;
  const sep = layout === 'tab' ? '\t' : ' | ';
  return `${head.join(sep)}\n${cells.join(sep)}`;
}

export interface ReportParts {
  layout?: Layout;
  title?: string;
  applicationRows?: [string, number[]][];
  reviewCells?: (number | string)[];
  omitSections?: string[];
  /** the text of 一、总体情况 */
  overview?: string;
  heading?: (h: string) => string;
}

export function report2021(p: ReportParts = {}): string {
  const layout = p.layout ?? 'gfm';
  const h = p.heading ?? ((x: string) => (layout === 'gfm' ? `## ${x}` : x));
  const sections: [string, string][] = [
    ['一、总体情况', p.overview ?? '2024年，本机关认真贯彻《中华人民共和国政府信息公开条例》，主动公开政府信息 120 条。'],
    [
      '二、主动公开政府信息情况',
      layout === 'gfm'
        ? '| 第二十条第（一）项 | | | |\n|---|---|---|---|\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 3 | 1 | 20 |\n\n| 第二十条第（五）项 | |\n|---|---|\n| 信息内容 | 本年处理决定数量 |\n| 行政许可 | 35 |\n\n| 第二十条第（六）项 | |\n|---|---|\n| 信息内容 | 本年处理决定数量 |\n| 行政处罚 | 12 |\n| 行政强制 | 0 |\n\n| 第二十条第（八）项 | |\n|---|---|\n| 信息内容 | 本年收费金额（单位：万元） |\n| 行政事业性收费 | 0 |'
        : '第二十条第（一）项\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 0 | 0 | 0\n行政规范性文件 | 3 | 1 | 20\n第二十条第（五）项\n信息内容 | 本年处理决定数量\n行政许可 | 35\n第二十条第（六）项\n信息内容 | 本年处理决定数量\n行政处罚 | 12\n行政强制 | 0\n第二十条第（八）项\n信息内容 | 本年收费金额（单位：万元）\n行政事业性收费 | 0',
    ],
    ['三、收到和处理政府信息公开申请情况', applicationTable(layout, p.applicationRows)],
    ['四、政府信息公开行政复议、行政诉讼情况', reviewTable(layout, p.reviewCells)],
    ['五、存在的主要问题及改进情况', '一是公开内容还不够全面；二是解读形式较为单一。下一步将加强培训。'],
    ['六、其他需要报告的事项', '本年度未收取信息处理费。'],
  ];
  const title = p.title ?? '某某区人民政府2024年政府信息公开工作年度报告';
  const body = sections
    .filter(([t]) => !p.omitSections?.includes(t))
    .map(([t, b]) => `${h(t)}\n\n${b}`)
    .join('\n\n');
  return `${layout === 'gfm' ? '# ' : ''}${title}\n\n${body}\n`;
}

/** A copy of the application rows with one cell changed. */
export function withCell(label: string, column: number, value: number): [string, number[]][] {
  return applicationRows.map(([l, c]) => [l, l === label ? c.map((v, i) => (i === column ? value : v)) : c]);
}

/** The rules that read figures in the prose against the tables, against each other or against last year's. */
export const PROSE_RULES: ReadonlySet<string> = new Set([
  'prose-table',
  'prose-sum',
  'completion-rate',
  'percent-of-total',
  'percent-sum',
  'growth-rate',
  'cross-year',
  'parts-count',
]);

/** A check's findings as lines to compare: rule, severity and message. */
export const findingsOf = (r: CheckResult) => r.findings.map((f) => `${f.rule} ${f.severity} ${f.message.zh}`);

/** Every cell of every official table as bound: the same figures in the same rows and columns. */
export function boundCells(r: CheckResult): string[] {
  const out: string[] = [];
  for (const [table, bound] of r.bound?.tables ?? [])
    for (const [row, value] of bound.rows) out.push(`${table}/${row}: ${value.cells.map((c) => c.raw).join(' ')}`);
  return out;
}
