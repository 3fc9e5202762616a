import { localized, type RuleFinding, type Rule } from '../finding';
import { trimmedEnd } from '../text';
import { FACT, halfLineOf, lineFacts } from '../prose';
import { proseLines } from './reportText';

/**
 * 年份打错：“至20233年12月31日”（多打一位）、“2O23年”（字母 O 代替数字 0）。这样的年份读不出来，
 * 统计期限、标题中的年度就核对不了，读者也会看错。
 */
export const yearTypo: Rule = {
  id: 'year-typo',
  severity: 'warning',
  fixable: true,
  description: localized('年份没有打错（多一位数字、字母 O 代替 0）', 'No mistyped year (a digit too many, the letter O for 0)'),
  check(report) {
    const { model } = report;
    const halfLine = halfLineOf(model);
    const out: RuleFinding[] = [];
    const facts = lineFacts(model);
    for (const l of proseLines(model)) {
      if (!(facts[l.index] & FACT.年)) continue; // every year YEAR_LIKE reads stands before 年
      const line = halfLine(l.index);
      for (const m of yearsLike(line)) {
        const written = m[1];
        const meant = intended(written, model.year);
        if (!meant) continue;
        const start = l.start + m.index;
        const end = start + written.length;
        const said = model.text.slice(start, end);
        const why = /[OoIl]/.test(written)
          ? localized('字母代替了数字', 'a letter stands for a digit')
          : localized('多了一位数字', 'it has a digit too many');
        out.push({
          message: localized(
            `年份「${said}年」打错了（${why.zh}），应为「${meant}年」`,
            `The year “${said}年” is mistyped (${why.en}): ${meant}`,
          ),
          start,
          end,
          related: [],
          fix: { title: localized(`改为 ${meant}`, `Change to ${meant}`), edits: [{ start, end, newText: String(meant) }] },
        });
      }
    }
    return out;
  },
};

// a year as typed, before 年: five digits starting 19 or 20, or four characters of digits and O, o, I, l
// with at least one letter; not inside a longer run of letters or digits (a code, an address). Five digits
// only in a date or a report year (20233年12月31日, 20233年度): 20000年 may be a count of years
export const YEAR_LIKE =
  /(?<![A-Za-z0-9])((?:19|20)\d{3}(?=\s*年\s*(?:\d{1,2}\s*月|度))|(?=[0-9OoIl]*[OoIl])[12][0-9OoIl]{3}(?=\s*年(?!龄|纪|级|薪|金|费)))/g;

const YEAR_LIKE_AT = new RegExp(YEAR_LIKE.source, 'y');

/**
 * The matches of YEAR_LIKE in a line, in order, each tried only where it can stand: four or five characters
 * before a 年 (and the white space before it). A global search would try the pattern at every character.
 */
export function yearsLike(line: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let after = 0; // matches do not overlap: none starts before the end of the last
  for (let year = line.indexOf('年'); year >= 0; year = line.indexOf('年', year + 1)) {
    const end = trimmedEnd(line, year);
    for (const start of [end - 5, end - 4]) {
      if (start < after) continue;
      YEAR_LIKE_AT.lastIndex = start;
      const m = YEAR_LIKE_AT.exec(line);
      if (!m) continue;
      out.push(m);
      after = start + m[0].length;
      break;
    }
  }
  return out;
}

/** The year meant by a mistyped one, when it can be told: the letters read as digits, or one doubled digit dropped. */
function intended(written: string, reportYear: number | undefined): number | undefined {
  if (written.length === 4) {
    const y = Number(written.replace(/[Oo]/g, '0').replace(/[Il]/g, '1'));
    return y >= 1990 && y <= 2100 ? y : undefined;
  }
  // 20233: one of its digits typed twice; drop each in turn and keep the years that make sense
  const years = new Set<number>();
  for (let i = 1; i < written.length; i++) if (written[i] === written[i - 1]) years.add(Number(written.slice(0, i) + written.slice(i + 1)));
  // only a year the report speaks of: its own, the one before, or the next (plans)
  if (reportYear === undefined) return undefined;
  return [reportYear, reportYear - 1, reportYear + 1].find((y) => years.has(y));
}
