import type { Finding } from '../finding';
import type { Localized } from '../schema';
import type { CheckResult } from '../index';
import { numberText } from '../numbers';

// Inlay hint "= 27" after a total the report got wrong: the value its parts add up to.

export interface TotalHint {
  offset: number;
  label: string;
  tooltip: Localized;
}

/**
 * One hint per error (the arithmetic provably fails; a warning may be a matter of 口径, an
 * information a partial list) whose range is the wrong figure itself (a total, a percentage), not one of
 * its operands: for a balance the finding sits on an operand, and "= x" there would mislead. Nor
 * when an operand is itself a figure found wrong: the row total of （七）总计 computed from a wrong
 * 「自然人」 would show a value that is right only until that figure is fixed.
 */
export function totalHints(result: CheckResult): TotalHint[] {
  const out: TotalHint[] = [];
  const text = result.model.text;
  const onOperand = (f: Finding) => !!f.arithmetic?.operands.some((o) => o.start === f.start && o.end === f.end);
  // figures the report got wrong: the ranges of the findings on a total, a percentage
  const wrong = result.findings.filter((f) => f.arithmetic && !onOperand(f));
  for (const f of wrong) {
    const a = f.arithmetic!;
    if (f.severity !== 'error' || Math.abs(a.expected - a.actual) < 1e-6) continue;
    if (a.operands.some((o) => wrong.some((g) => g !== f && g.start < o.end && o.start < g.end))) continue;
    const written = text.slice(f.start, f.end);
    // a percentage as precise as the one written: 2.9% → "= 3.0%"
    const percent = /[%％]$/.test(written);
    const decimals = /[.．](\d+)/.exec(written)?.[1].length ?? 0;
    const value = percent ? a.expected.toFixed(decimals) : numberText(a.expected);
    out.push({ offset: f.end, label: `= ${value}${percent ? '%' : ''}`, tooltip: f.message });
  }
  // a cell that is both a row total and a column total: one hint when both agree, none when they
  // differ (the diagnostics say why; a hint could not)
  return out.filter((h) => {
    const same = out.filter((x) => x.offset === h.offset);
    return same.every((x) => x.label === h.label) && same[0] === h;
  });
}
