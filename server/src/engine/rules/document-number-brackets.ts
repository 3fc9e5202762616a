import { localized, type RuleFinding, type Rule } from '../finding';
import { FACT, lineFacts } from '../prose';
import { proseLines } from './reportText';

/**
 * 文号中的年份用六角括号〔〕括起（GB/T 9704《党政机关公文格式》），不用 []、()、【】。
 * 例如“渝府办发〔2016〕121号”，不写“渝府办发[2016]121号”。
 */
export const documentNumberBrackets: Rule = {
  id: 'document-number-brackets',
  severity: 'warning',
  fixable: true,
  description: localized('文号中的年份用六角括号〔〕', 'The year in a document number stands in 〔〕'),
  check(report) {
    const out: RuleFinding[] = [];
    const facts = lineFacts(report.model);
    for (const l of proseLines(report.model)) {
      // a document number ends in 号: the pattern, which looks behind at every position, is not tried on other lines
      if (!(facts[l.index] & FACT.号)) continue;
      DOC_NUMBER.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = DOC_NUMBER.exec(l.text))) {
        const [, open, year, close, serial] = m;
        if (open === '〔' && close === '〕') continue;
        const agency = agencyBefore(l.text, m.index);
        const from = m.index - agency.length;
        const wrote = l.text.slice(from, m.index + m[0].length);
        const openAt = l.start + m.index;
        const closeAt = openAt + 1 + year.length;
        const right = `${agency}〔${year}〕${serial}`;
        out.push({
          message: localized(
            `文号「${wrote}」中的年份应当用六角括号〔〕括起：「${right.replace(/\s+/g, '')}」`,
            `In the document number “${wrote}” the year belongs in 〔〕: “${right.replace(/\s+/g, '')}”`,
          ),
          start: l.start + from,
          end: l.start + m.index + m[0].length,
          related: [],
          fix: {
            title: localized('年份改用〔〕', 'Put the year in 〔〕'),
            edits: [
              ...(open !== '〔' ? [{ start: openAt, end: openAt + 1, newText: '〔' }] : []),
              ...(close !== '〕' ? [{ start: closeAt, end: closeAt + 1, newText: '〕' }] : []),
            ],
          },
        });
      }
    }
    return out;
  },
};

// after an issuing office's abbreviation, the year in brackets, then the serial number: 国办公开办函〔2019〕60号
const DOC_NUMBER = /(?<=[\u4e00-\u9fa5]{2})([〔\[［(（【〖{｛])((?:19|20)\d{2})([〕\]］)）】〗}｝])(\s*第?\s*\d{1,5}\s*号)/g;

/** The office's abbreviation before the bracket: at most 8 characters, not the words before it (印发了…). */
function agencyBefore(line: string, at: number): string {
  let k = at;
  while (k > 0 && at - k < 8 && /[\u4e00-\u9fa5]/.test(line[k - 1]) && !/[了的和及与即为是按据照在对将把]/.test(line[k - 1])) k--;
  return line.slice(k, at);
}
