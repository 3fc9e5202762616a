// How the official blank forms look, for writing templates: the title, the opening paragraph, the
// usual sub-items of a section, and the header cells and row groups of each table that the schema
// does not need for checking (第二十条第（一）项, 信息内容, 法人或其他组织, （三）不予公开 …).
// Keyed by schema and table id; a unit test checks every id against the built-in schemas.
// Schemas without a layout (a user's own) get a plain rendering of their sections and tables.

export interface TableLayout {
  /** a first header row spanning the table: 第二十条第（一）项 */
  caption?: string;
  /** header of the row-label column: 信息内容 */
  corner?: string;
  /** headers spanning several columns, outermost first: 申请人情况 over all, 法人或其他组织 over five */
  columnGroups?: { label: string; columns: string[] }[];
  /** a label written before the first row of several, outermost first: 三、本年度办理结果, （三）不予公开 */
  rowGroups?: { label: string; rows: string[] }[];
}

export interface TemplateLayout {
  /** the report's title; {office} and {year} are filled in */
  title: string;
  /** paragraphs between the title and the first section; {office} and {year} are filled in */
  preamble: string[];
  /** the usual sub-items of a section, by section id */
  subsections: Record<string, string[]>;
  /** the text to write in a section, by section id, instead of the plain （请填写） */
  prompts: Record<string, string>;
  tables: Record<string, TableLayout>;
}

const PERIOD = '本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。';

const applicationColumns: TableLayout['columnGroups'] = [
  { label: '申请人情况', columns: ['naturalPerson', 'business', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'] },
  { label: '法人或其他组织', columns: ['business', 'research', 'publicInterest', 'legalService', 'otherOrg'] },
];
const APPLICATION_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const withheld = [
  'withheldStateSecret',
  'withheldByLaw',
  'withheldSafety',
  'withheldThirdParty',
  'withheldInternal',
  'withheldDeliberative',
  'withheldEnforcementFile',
  'withheldQuery',
];
const unavailable = ['unavailableNotHeld', 'unavailableToBeMade', 'unavailableUnclear'];
const refused = ['refusedComplaint', 'refusedRepeated', 'refusedPublication', 'refusedExcessive', 'refusedConfirmation'];

function article20(item: string): TableLayout {
  return { caption: `第二十条第（${item}）项`, corner: '信息内容' };
}

/** What the 2021 and 2019 formats share: the title, the opening naming the format's 文号, the prompts, table 二's captions. */
function officialFormat(
  documentNumber: string,
): Pick<TemplateLayout, 'title' | 'preamble' | 'prompts'> & { article20: Record<string, TableLayout> } {
  return {
    title: '{office}{year}年政府信息公开工作年度报告',
    preamble: [
      `本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（${documentNumber}）要求编制。${PERIOD}`,
    ],
    prompts: { otherMatters: '（请填写，收取信息处理费的情况在此报告）' },
    article20: {
      rulesTable: article20('一'),
      licensingTable: article20('五'),
      enforcementTable: article20('六'),
      feesTable: article20('八'),
    },
  };
}

const format2021 = officialFormat('国办公开办函〔2021〕30号');
const gov2021: TemplateLayout = {
  title: format2021.title,
  preamble: format2021.preamble,
  subsections: { overview: ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）政府信息公开平台建设', '（五）监督保障'] },
  prompts: format2021.prompts,
  tables: {
    ...format2021.article20,
    applicationTable: {
      corner: APPLICATION_NOTE,
      columnGroups: applicationColumns,
      rowGroups: [
        {
          label: '三、本年度办理结果',
          rows: [
            'granted',
            'partlyGranted',
            ...withheld,
            ...unavailable,
            ...refused,
            'otherNoCorrection',
            'otherNoFee',
            'otherOther',
            'resultTotal',
          ],
        },
        { label: '（三）不予公开', rows: withheld },
        { label: '（四）无法提供', rows: unavailable },
        { label: '（五）不予处理', rows: refused },
        { label: '（六）其他处理', rows: ['otherNoCorrection', 'otherNoFee', 'otherOther'] },
      ],
    },
  },
};

const format2019 = officialFormat('国办公开办函〔2019〕60号');
const gov2019: TemplateLayout = {
  title: format2019.title,
  preamble: format2019.preamble,
  subsections: {},
  prompts: format2019.prompts,
  tables: {
    ...format2019.article20,
    procurementTable: article20('九'),
    applicationTable: {
      corner: APPLICATION_NOTE,
      columnGroups: applicationColumns,
      rowGroups: [
        {
          label: '三、本年度办理结果',
          rows: ['granted', 'partlyGranted', ...withheld, ...unavailable, ...refused, 'otherHandling', 'resultTotal'],
        },
        { label: '（三）不予公开', rows: withheld },
        { label: '（四）无法提供', rows: unavailable },
        { label: '（五）不予处理', rows: refused },
      ],
    },
  },
};

const gov2008: TemplateLayout = {
  title: '{office}{year}年政府信息公开工作年度报告',
  preamble: [`本报告根据《中华人民共和国政府信息公开条例》要求编制。${PERIOD}`],
  subsections: {},
  prompts: {},
  tables: { statisticsTable: { corner: '指标名称' } },
};

export const templateLayouts: Readonly<Record<string, TemplateLayout>> = { 'gov-2021': gov2021, 'gov-2019': gov2019, 'gov-2008': gov2008 };
