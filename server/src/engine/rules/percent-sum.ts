import { analyseBreakdowns } from '../breakdowns';
import { localized, type RuleFinding, type Rule } from '../finding';
import { numberText } from './tableText';

/** 同一组占比（各项“占 Y%”）合计为 100%（允许四舍五入误差）。 */
export const percentSum: Rule = {
  id: 'percent-sum',
  severity: 'warning',
  fixable: false,
  description: localized('同一组占比合计为 100%', 'The shares of one breakdown add up to 100%'),
  check(report) {
    const out: RuleFinding[] = [];
    const text = report.model.text;
    for (const b of analyseBreakdowns(report.model).breakdowns) {
      const shares = b.parts.map((p) => p.percent).filter((p) => p !== undefined);
      if (shares.length < 2 || shares.length !== b.parts.length) continue;
      const decimals = Math.max(...shares.map((s) => /[.．](\d+)/.exec(text.slice(s.start, s.numberEnd))?.[1].length ?? 0));
      const sum = shares.reduce((a, s) => a + s.value, 0);
      const tolerance = shares.length * 0.5 * 10 ** -decimals + 1e-9;
      const over = sum > 100 + tolerance;
      // a list that may be partial can sum below 100%; one that says it is whole cannot
      if (!over && !(b.complete && sum < 100 - tolerance)) continue;
      const terms = shares.map((s) => numberText(s.value)).join('% + ');
      const total = sum.toFixed(decimals);
      out.push({
        message: localized(
          `这组占比合计 ${terms}% = ${total}%，${over ? '超过' : '不足'} 100%`,
          `These shares add up to ${terms}% = ${total}%, ${over ? 'more' : 'less'} than 100%`,
        ),
        start: shares[0].start,
        end: shares[shares.length - 1].end,
        related: shares.map((s) => ({
          message: localized(`${numberText(s.value)}%`, `${numberText(s.value)}%`),
          start: s.start,
          end: s.end,
        })),
        arithmetic: {
          operands: shares.map((s) => ({ label: localized('占比', 'share'), value: s.value, start: s.start, end: s.end })),
          expected: 100,
          actual: Number(total),
        },
      });
    }
    return out;
  },
};
