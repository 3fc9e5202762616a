import { previousIfLastYear } from './reportText';
import { localized, type RuleFinding, type Rule } from '../finding';
import { analyseProse, type ProseFigure } from '../prose';
import { readCells, restatements } from '../statements';
import type { BoundReport } from '../bind';
import { numberText } from './tableText';

/** “N 件，同比增长 X%”：X 等于本年数与上年数之差除以上年数（需上年报告）。 */
export const growthRate: Rule = {
  id: 'growth-rate',
  severity: 'warning',
  fixable: true,
  description: localized('同比增减的百分比与两年的数字相符', 'A year-on-year percentage matches the two years’ figures'),
  check(report) {
    const out: RuleFinding[] = [];
    const previous = previousIfLastYear(report);
    if (!previous) return out;
    const { figures } = analyseProse(report.model);
    for (let i = 1; i < figures.length; i++) {
      const rate = figures[i];
      const count = figures[i - 1];
      if (!rate.percent || rate.approximate || !count.count || count.paragraph !== rate.paragraph) continue;
      const link = GROWTH.exec(report.model.text.slice(count.end, rate.start));
      if (!link) continue;
      const before = lastYear(report, previous, count);
      if (!before || before.value === 0) continue;
      const sign = /下降|减少|回落|降低/.test(link[2]) ? -1 : 1;
      const decimals = /[.．](\d+)/.exec(report.model.text.slice(rate.start, rate.numberEnd))?.[1].length ?? 0;
      const exact = ((count.value - before.value) / before.value) * 100;
      if (Math.abs(sign * rate.value - exact) <= 0.5 * 10 ** -decimals + 1e-9) continue;
      const word = exact >= 0 ? { zh: '增长', en: 'up' } : { zh: '下降', en: 'down' };
      const written = sign > 0 ? 'up' : 'down';
      const shown = Math.abs(exact).toFixed(decimals);
      out.push({
        message: localized(
          `上年为 ${numberText(before.value)}，本年 ${numberText(count.value)}：（${numberText(count.value)} − ${numberText(before.value)}）÷ ${numberText(before.value)} = ${word.zh} ${Math.abs(exact).toFixed(decimals + 2)}%，文中为${link[2]} ${numberText(rate.value)}%`,
          `Last year ${numberText(before.value)}, this year ${numberText(count.value)}: (${numberText(count.value)} − ${numberText(before.value)}) ÷ ${numberText(before.value)} = ${word.en} ${Math.abs(exact).toFixed(decimals + 2)}%, but the text says ${written} ${numberText(rate.value)}%`,
        ),
        start: rate.start,
        end: rate.end,
        related: [
          {
            message: localized(`本年：${numberText(count.value)}`, `this year: ${numberText(count.value)}`),
            start: count.start,
            end: count.end,
          },
        ],
        arithmetic: {
          operands: [
            { label: localized('上年', 'last year'), value: before.value, start: count.start, end: count.start },
            { label: localized('本年', 'this year'), value: count.value, start: count.start, end: count.end },
          ],
          expected: Number(shown),
          actual: rate.value,
        },
        // the direction word stays as written; only a rate of the same direction can be corrected in place
        fix:
          Math.sign(exact) === sign
            ? {
                title: localized(`改为 ${shown}%`, `Change to ${shown}%`),
                edits: [{ start: rate.start, end: rate.numberEnd, newText: shown }],
              }
            : undefined,
      });
    }
    return out;
  },
};

const GROWTH =
  /^[\s，,]*[\u3400-\u9fff]{0,8}?(同比|比上年|较上年|较去年|比去年|较上一年|与上年相比|比上一年)\s*(增长|增加|上升|提高|下降|减少|回落|降低)了?\s*$/;

/** The same quantity in last year's report: the same table cells, else the same words before it. */
function lastYear(report: BoundReport, previous: BoundReport, count: ProseFigure): { value: number } | undefined {
  // the cells this year's figure agrees with hold the same quantity in last year's tables
  const matching = restatements(report)
    .find((r) => r.figure === count)
    ?.readings.find((x) => x.total === count.value);
  const then = matching && readCells(previous, matching.refs);
  if (then) return { value: then.total };
  const label = count.clauseBefore.replace(/\d{4}年|全年|本年度?|今年/g, '');
  if (label.length < 4) return undefined;
  const same = analyseProse(previous.model).figures.filter(
    (f) => f.count && f.unit === count.unit && f.clauseBefore.replace(/\d{4}年|全年|本年度?|今年/g, '') === label,
  );
  return same.length === 1 ? { value: same[0].value } : undefined;
}
