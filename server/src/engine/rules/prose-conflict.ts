import { localized, type RuleFinding, type Rule } from '../finding';
import type { ProseFigure } from '../prose';
import { statementFigures } from '../statements';
import { numberText } from './tableText';

/**
 * 同一个数在正文中说了两次，前后不一：“共收到政府信息公开申请2件……全年共受理申请1件”。只比较按格式的
 * 复述说法（statements）认得出、又不带“其中”“部门”“乡镇”“上年”“累计”等限定的数：说的确是同一件事时才报。
 */
export const proseConflict: Rule = {
  id: 'prose-conflict',
  severity: 'warning',
  fixable: false,
  description: localized('正文前后说的同一个数一致', 'A figure stated twice in the text is the same both times'),
  check(report) {
    const { byStatement } = statementFigures(report);
    const out: RuleFinding[] = [];
    for (const st of report.schema.statements) {
      const said = (byStatement.get(st) ?? []).filter(whole);
      if (said.length < 2) continue;
      const values = new Set(said.map((f) => f.value));
      // two values, each said plainly: more would be a list of different things, not one thing said twice
      if (values.size !== 2) continue;
      const first = said[0];
      const other = said.find((f) => f.value !== first.value)!;
      const u = other.unit;
      out.push({
        message: localized(
          `前文说${st.label.zh} ${numberText(first.value)} ${u}，这里说 ${numberText(other.value)} ${u}：同一个数前后不一`,
          `The text gives ${numberText(first.value)} ${st.label.en} earlier and ${numberText(other.value)} here: the same figure differs`,
        ),
        start: other.start,
        end: other.end,
        related: [
          {
            message: localized(`前文：${numberText(first.value)} ${u}`, `earlier: ${numberText(first.value)}`),
            start: first.start,
            end: first.end,
          },
        ],
      });
    }
    return out;
  },
};

// words that narrow what is counted to a part of it (one office, last year, a sub-item) or widen it (in all years)
const NARROWED =
  /其中|部门|单位|乡镇|街道|县|区直|市直|本级|代表|上年|去年|同比|较|累计|以来|历年|月|季度|涉及|包括|分别|占|备案|网上|当面|信函|邮寄|传真|电子邮件/;

/** A figure said of the whole year and the whole office: no narrowing word in its sentence. */
function whole(f: ProseFigure): boolean {
  return !NARROWED.test(f.sentenceBefore + f.clauseAfter);
}
