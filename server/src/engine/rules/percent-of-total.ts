import { analyseBreakdowns, baseCandidates, type Part } from '../breakdowns';
import { localized, type RuleFinding, type Rule } from '../finding';
import type { ProseFigure } from '../prose';
import { numberText } from './tableText';

/** “X件，占Y%”：Y 等于 X 除以总数（按所写的小数位四舍五入）。 */
export const percentOfTotal: Rule = {
  id: 'percent-of-total',
  severity: 'warning',
  fixable: true,
  description: localized('“X 件，占 Y%”中的百分比与数量相符', 'A percentage written beside a count matches that count'),
  check(report) {
    const model = report.model;
    const { breakdowns, percentOf, wholes } = analyseBreakdowns(model);
    const out: RuleFinding[] = [];
    const listOf = new Map<ProseFigure, { total?: ProseFigure; siblings: Set<ProseFigure> }>();
    for (const b of breakdowns) {
      const siblings = new Set(b.parts.map((p) => p.figure));
      for (const p of b.parts) listOf.set(p.figure, { total: b.total, siblings });
    }
    for (const [count, share] of percentOf) {
      const list = listOf.get(count);
      const decimals = /[.．](\d+)/.exec(model.text.slice(share.start, share.numberEnd))?.[1].length ?? 0;
      const fits = (base: number) => Math.abs((count.value / base) * 100 - share.value) <= 0.5 * 10 ** -decimals + 1e-9;
      // the stated total of its list, else any earlier figure it may be a share of
      const explicit = list?.total;
      const candidates = explicit
        ? [explicit]
        : baseCandidates(
            model,
            count,
            Math.max(count.value, ...[...(list?.siblings ?? [])].map((s) => s.value)),
            list?.siblings ?? new Set(),
          );
      if (!candidates.length || candidates.some((c) => fits(c.value))) continue;
      const base = candidates[0];
      if (evenedTo100(wholes, count, base.value, model.text)) continue;
      const exact = (count.value / base.value) * 100;
      const rounded = exact.toFixed(decimals);
      out.push({
        message: localized(
          `${numberText(count.value)} ÷ ${numberText(base.value)} = ${exact.toFixed(decimals + 3)}%，应写作 ${rounded}%，文中为 ${numberText(share.value)}%`,
          `${numberText(count.value)} ÷ ${numberText(base.value)} = ${exact.toFixed(decimals + 3)}%, which is ${rounded}%, but the text says ${numberText(share.value)}%`,
        ),
        start: share.start,
        end: share.end,
        related: [
          {
            message: localized(`数量：${numberText(count.value)}`, `count: ${numberText(count.value)}`),
            start: count.start,
            end: count.end,
          },
          { message: localized(`总数：${numberText(base.value)}`, `total: ${numberText(base.value)}`), start: base.start, end: base.end },
        ],
        arithmetic: {
          operands: [
            { label: localized('数量', 'count'), value: count.value, start: count.start, end: count.end },
            { label: localized('总数', 'total'), value: base.value, start: base.start, end: base.end },
          ],
          expected: Number(rounded),
          actual: share.value,
        },
        fix: explicit
          ? {
              title: localized(`改为 ${rounded}%`, `Change to ${rounded}%`),
              edits: [{ start: share.start, end: share.numberEnd, newText: rounded }],
            }
          : undefined,
      });
    }
    return out;
  },
};

/**
 * Shares of one whole written to make exactly 100%: when the rounded shares would add up to 101% or 99%, one of
 * them is moved by one unit of its last place (73.03% and 27.91% written 73% and 27%). A share off by that one
 * unit, in such a run, is the drafter's evening out, not a mistake.
 */
function evenedTo100(wholes: Part[][], count: ProseFigure, base: number, text: string): boolean {
  const run = wholes.find((w) => w.some((p) => p.figure === count));
  if (!run || Math.abs(run.reduce((a, p) => a + p.percent!.value, 0) - 100) > 1e-9) return false;
  const decimals = (p: ProseFigure) => /[.．](\d+)/.exec(text.slice(p.start, p.numberEnd))?.[1].length ?? 0;
  const unit = (p: ProseFigure) => 10 ** -decimals(p);
  const rounded = run.map((p) => Number(((p.figure.value / base) * 100).toFixed(decimals(p.percent!))));
  const roundedSum = rounded.reduce((a, v) => a + v, 0);
  const mine = run.findIndex((p) => p.figure === count);
  const off = run[mine].percent!.value - rounded[mine];
  // the rounded shares miss 100 by as much as this one is moved, toward 100
  return Math.abs(Math.abs(off) - unit(run[mine].percent!)) < 1e-9 && Math.abs(roundedSum + off - 100) < 1e-9;
}
