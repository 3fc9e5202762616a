import type { BoundTable } from '../bind';
import { localized, type RuleFinding, type Rule } from '../finding';
import { paragraphsOf } from '../prose';
import { halfWidthText } from '../text';
import { numberText } from './tableText';

/**
 * “行政复议7件，诉讼9件，均获维持”：正文说复议、诉讼全部维持（全部胜诉、无被纠错），表四却有纠正、
 * 其他结果或尚未审结的案件。只有表中写着大于 0 的数时才报；空白单元格说明不了什么。
 */
export const outcomeClaim: Rule = {
  id: 'outcome-claim',
  severity: 'warning',
  fixable: false,
  description: localized(
    '“均获维持”“全部胜诉”“无被纠错”与表四相符',
    'Claims that all cases were upheld, won or never corrected agree with table 4',
  ),
  check(report) {
    // 表四 (政府信息公开行政复议、行政诉讼情况) of the 2019 and 2021 formats
    const table = report.tables.get('reviewLitigationTable');
    if (!table) return [];
    const out: RuleFinding[] = [];
    for (const p of paragraphsOf(report.model)) {
      // every claim names one of these words (Chinese, the same in half-width text): most paragraphs have none
      if (!CLAIM_WORDS.some((w) => p.text.includes(w))) continue;
      const text = halfWidthText(report.model.text).slice(p.start, p.end);
      for (const sentence of sentences(text)) {
        const claim = CLAIMS.map((c) => ({ c, m: c.pattern.exec(sentence.text) })).find((x) => x.m);
        if (!claim?.m) continue;
        const before = sentence.text.slice(0, claim.m.index);
        // the claim covers what its sentence names before it: 复议, 诉讼, or both
        const review = /复议/.test(before);
        const suits = /诉讼|起诉/.test(before);
        if (!review && !suits) continue;
        const rows = [...(review ? ['review'] : []), ...(suits ? ['directSuit', 'suitAfterReview'] : [])];
        const against = contrary(table, rows, claim.c.contrary);
        if (!against.length) continue;
        const start = p.start + sentence.start + claim.m.index;
        const said = p.text.slice(sentence.start + claim.m.index, sentence.start + claim.m.index + claim.m[0].length);
        const list = against.map((a) => `${a.row}「${a.column}」${numberText(a.value)} 件`).join('、');
        const listEn = against.map((a) => `${a.row}, “${a.column}”: ${numberText(a.value)}`).join('; ');
        out.push({
          message: localized(
            `正文说「${said}」，表四中却有${claim.c.zh}的案件：${list}`,
            `The text says “${said}”, but table 4 has cases ${claim.c.en}: ${listEn}`,
          ),
          start,
          end: start + said.length,
          related: against.map((a) => ({
            message: localized(`${a.row}「${a.column}」：${numberText(a.value)}`, `${a.row}, “${a.column}”: ${numberText(a.value)}`),
            start: a.start,
            end: a.end,
          })),
        });
      }
    }
    return out;
  },
};

interface Claim {
  pattern: RegExp;
  /** the columns of table 四 that must hold 0 if the claim is true */
  contrary: string[];
  zh: string;
  en: string;
}

const CLAIMS: Claim[] = [
  {
    pattern: /(?:均|全部|全都|都|皆)(?:获|被|予以|得到|依法)?维持/,
    contrary: ['corrected', 'otherResult', 'pending'],
    zh: '未获维持（纠正、其他结果或尚未审结）',
    en: 'not upheld (corrected, another result or pending)',
  },
  {
    pattern: /(?:均|全部|全都)(?:获)?胜诉|(?:无|没有|未发生)(?:一起|一件)?败诉/,
    contrary: ['corrected'],
    zh: '被纠正',
    en: 'corrected',
  },
  {
    pattern: /(?:无|没有|未有|均未|未)(?:被)?(?:纠错|纠正)/,
    contrary: ['corrected'],
    zh: '被纠正',
    en: 'corrected',
  },
];

/** what each pattern of CLAIMS cannot match without */
const CLAIM_WORDS = ['维持', '胜诉', '败诉', '纠错', '纠正'];

const SENTENCE_ENDS = '。！？!?；;';

/** Sentences of a paragraph, with their offsets: between 。！？； */
function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++)
    if (i === text.length || SENTENCE_ENDS.includes(text[i])) {
      if (i > start) out.push({ text: text.slice(start, i), start });
      start = i + 1;
    }
  return out;
}

/** Cells of the given rows and columns holding a number above 0. */
function contrary(table: BoundTable, rows: string[], columns: string[]) {
  const out: { row: string; column: string; value: number; start: number; end: number }[] = [];
  for (const r of rows)
    for (const c of columns) {
      const cell = table.cell(r, c);
      if (cell?.value.kind !== 'number' || cell.value.value <= 0) continue;
      const row = table.schema.rows.find((x) => x.id === r)!.label;
      const column = table.schema.columns.find((x) => x.id === c)!.label;
      out.push({ row, column, value: cell.value.value, start: cell.start, end: cell.end });
    }
  return out;
}
