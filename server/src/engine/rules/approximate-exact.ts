import { localized, type RuleFinding, type Rule } from '../finding';
import { FACT, halfLineOf, lineFacts } from '../prose';
import { citedSpans, inside, proseLines } from './reportText';

/**
 * 一个数既精确又带“多”“余”：“755多条”。“多”“余”跟在整十、整百的数后面表示约数（750多条、5500余条），
 * 跟在个位不为零的数后面就自相矛盾：要么是 755 条，要么是 750 多条。
 */
export const approximateExact: Rule = {
  id: 'approximate-exact',
  severity: 'warning',
  fixable: false,
  description: localized('约数“多”“余”跟在整数后面（750多条，不写755多条）', '多 and 余 follow a round number (750多条, not 755多条)'),
  check(report) {
    const out: RuleFinding[] = [];
    const cited = citedSpans(report.model.text);
    const halfLine = halfLineOf(report.model);
    const facts = lineFacts(report.model);
    for (const l of proseLines(report.model)) {
      if (!(facts[l.index] & (FACT.多 | FACT.余))) continue;
      const t = halfLine(l.index);
      const re =
        /(?<![\d.,，])(\d+)\s*(多|余)\s*(?=[万亿]?(?:件|条|个|项|次|人次|人|家|份|篇|期|场|名|户|元|万元|亿元|册|本|所|处|起|宗|批|天|小时|平方米|亩|公里|吨))/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(t))) {
        const n = Number(m[1]);
        if (n < 11 || n % 10 === 0) continue;
        const start = l.start + m.index;
        const end = start + m[0].replace(/\s+$/, '').length;
        if (inside(cited, start, end)) continue;
        const round = Math.floor(n / 10) * 10;
        const unit = /^[万亿]?(?:人次|万元|亿元|平方米|小时|公里|[^\s])/.exec(t.slice(m.index + m[0].length))?.[0] ?? '';
        out.push({
          message: localized(
            `「${l.text.slice(m.index, m.index + m[0].length).trim()}${unit}」既是确切的数，又带“${m[2]}”：确切时写“${n}${unit}”，约数时写“${round}${m[2]}${unit}”`,
            `“${m[1]}${m[2]}${unit}” is both exact and approximate: write “${n}${unit}” if exact, “${round}${m[2]}${unit}” if approximate`,
          ),
          start,
          end,
          related: [],
        });
      }
    }
    return out;
  },
};
