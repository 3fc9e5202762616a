import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicationRows, report2021, withCell, type Layout } from '../unit/reports';
import { mutateAll, mutations, type Mutation } from './mutations';

// The documents the properties are checked on: the real corpus and small synthetic reports (each
// in all four table layouts, some with mistakes so that fixes are offered), damaged by a few
// mutations; and texts made up from the words and marks reports use.

export const root = join(__dirname, '..', '..');

export interface Base {
  name: string;
  text: string;
}

function corpus(): Base[] {
  const dir = join(root, 'test', 'fixtures', 'corpus');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: `corpus/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

const LAYOUTS: Layout[] = ['gfm', 'pipe', 'tab', 'aligned'];

function synthetic(): Base[] {
  const out: Base[] = [];
  for (const layout of LAYOUTS) {
    out.push({ name: `synthetic/${layout}`, text: report2021({ layout }) });
    // a wrong total, a wrong part, a blank cell, a missing section, a prose figure off the table
    out.push({ name: `synthetic/${layout}-sum`, text: report2021({ layout, applicationRows: withCell('（七）总计', 6, 12) }) });
    out.push({
      name: `synthetic/${layout}-part`,
      text: report2021({ layout, applicationRows: withCell('一、本年新收政府信息公开申请数量', 0, 9) }),
    });
    const blank = applicationRows.map(([l, c]): [string, (number | string)[]] => [
      l,
      l.startsWith('2.重复') ? c.map((v, i) => (i === 2 ? '' : v)) : c,
    ]);
    out.push({ name: `synthetic/${layout}-blank`, text: report2021({ layout, applicationRows: blank as [string, number[]][] }) });
    out.push({
      name: `synthetic/${layout}-missing`,
      text: report2021({ layout, omitSections: ['二、主动公开政府信息情况', '五、存在的主要问题及改进情况'] }),
    });
    out.push({
      name: `synthetic/${layout}-prose`,
      text: report2021({
        layout,
        overview:
          '2024年，本机关共收到政府信息公开申请15件，其中自然人10件、商业企业2件、法律服务机构1件。本报告共分七个部分。一是加强领导；三是完善制度。予以公开7件，占53.85%；部分公开2件，占20%。',
        reviewCells: [1, 0, 0, 1, 3, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0],
      }),
    });
  }
  return out;
}

let bases: Base[] | undefined;
export function baseDocuments(): Base[] {
  return (bases ??= [...corpus(), ...synthetic()]);
}

// ---------- made-up texts ----------

const TOKENS = [
  '一、',
  '二、',
  '三、',
  '四、',
  '五、',
  '六、',
  '七、',
  '（一）',
  '（二）',
  '（三）',
  '(四)',
  '1.',
  '2、',
  '（1）',
  '## ',
  '# ',
  '### ',
  '总体情况',
  '主动公开政府信息情况',
  '收到和处理政府信息公开申请情况',
  '政府信息公开行政复议、行政诉讼情况',
  '存在的主要问题及改进情况',
  '其他需要报告的事项',
  '本年新收政府信息公开申请数量',
  '上年结转政府信息公开申请数量',
  '予以公开',
  '部分公开',
  '不予公开',
  '无法提供',
  '不予处理',
  '其他处理',
  '总计',
  '结转下年度继续办理',
  '自然人',
  '商业企业',
  '法律服务机构',
  '行政复议',
  '行政诉讼',
  '结果维持',
  '结果纠正',
  '尚未审结',
  '规章',
  '行政规范性文件',
  '本年制发件数',
  '现行有效件数',
  '其中',
  '分别为',
  '包括',
  '占',
  '同比增长',
  '同比下降',
  '较上年',
  '共',
  '个部分',
  '本报告',
  '统计期限自',
  '至',
  '截至',
  '一是',
  '二是',
  '三是',
  '2023年',
  '2024年',
  '2025年',
  '二〇二四年',
  '1月1日',
  '12月31日',
  '2月30日',
  '2025年1月20日',
  '〔2019〕60号',
  '国办公开办函',
  '人民政府',
  '办公室',
  '局',
  '件',
  '条',
  '个',
  '项',
  '次',
  '万元',
  '%',
  '％',
  '百分之',
  '余',
  '多',
  '约',
  '近',
  '以上',
  '十三',
  '一百二十',
  '两',
  '万',
  '亿',
  '0',
  '1',
  '3',
  '7',
  '12',
  '13',
  '100',
  '3119',
  '1,234',
  '45.2',
  '0.5',
  '-3',
  '１２',
  '９９',
  ' | ',
  '|',
  '\t',
  '   ',
  '　',
  '\n',
  '\n',
  '\n',
  '\r\n',
  '。',
  '，',
  '；',
  '：',
  '、',
  '（',
  '）',
  '(',
  ')',
  '“',
  '”',
  '《',
  '》',
  '—',
  '/',
  '无',
  '<!-- nianbao-disable-next-line -->',
  '<!--',
  '-->',
  '---\n',
  'schema: gov-2021\n',
  'schema: gov-2019\n',
  '```\n',
  '|---|---|\n',
];

export const madeUp: fc.Arbitrary<string> = fc.array(fc.constantFrom(...TOKENS), { maxLength: 600 }).map((t) => t.join(''));

// ---------- the documents ----------

export interface Doc {
  base: string;
  mutations: Mutation[];
  text: string;
}

export type DocSpec = { from: number; mutations: Mutation[] } | { madeUp: string };

export function docOf(spec: DocSpec): Doc {
  if ('madeUp' in spec) return { base: 'made-up', mutations: [], text: spec.madeUp };
  const base = baseDocuments()[spec.from % baseDocuments().length];
  return { base: base.name, mutations: spec.mutations, text: mutateAll(base.text, spec.mutations) };
}

export const docSpec = (maxMutations: number): fc.Arbitrary<DocSpec> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ from: fc.nat({ max: 10_000 }), mutations: mutations(maxMutations) }) },
    { weight: 2, arbitrary: fc.record({ madeUp }) },
  );
