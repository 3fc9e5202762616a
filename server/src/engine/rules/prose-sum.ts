import { analyseBreakdowns, type Breakdown } from '../breakdowns';
import type { ProseFigure } from '../prose';
import { localized, type RuleFinding, type Rule } from '../finding';
import { numberText } from './tableText';

/** 正文中列出的各项（其中……、分别为……）与所说的总数相符。 */
export const proseSum: Rule = {
  id: 'prose-sum',
  severity: 'error',
  fixable: false,
  description: localized('正文中列出的各项之和与总数相符', 'Listed parts in the text add up to the stated total'),
  check(report) {
    const out: RuleFinding[] = [];
    const { breakdowns, elsewhere } = analyseBreakdowns(report.model);
    for (const b of elsewhere) out.push(...againstTotalElsewhere(b, b.totalElsewhere!));
    for (const b of breakdowns) {
      const total = b.total;
      if (!total) continue;
      const sum = b.parts.reduce((a, p) => a + p.figure.value, 0);
      if (sum === total.value) continue;
      const over = sum > total.value;
      // a 其中 list far below its total names a few parts on purpose: only a near miss is worth a look
      if (!over && !b.complete && sum < 0.9 * total.value) continue;
      // parts above the whole cannot be; below it, a 其中 list may name only some parts
      const severity = over ? 'error' : b.complete ? 'warning' : 'information';
      const u = total.unit;
      const terms = b.parts.map((p) => numberText(p.figure.value)).join('+');
      out.push({
        severity,
        message: over
          ? localized(
              `列出的各项之和 ${terms} = ${numberText(sum)} ${u}，超过了总数 ${numberText(total.value)} ${u}`,
              `The listed parts add up to ${terms} = ${numberText(sum)}, more than the total ${numberText(total.value)}`,
            )
          : b.complete
            ? localized(
                `列出的各项之和 ${terms} = ${numberText(sum)} ${u}，与总数 ${numberText(total.value)} ${u}不符`,
                `The listed parts add up to ${terms} = ${numberText(sum)}, not the total ${numberText(total.value)}`,
              )
            : localized(
                `列出的各项之和为 ${numberText(sum)} ${u}，比总数 ${numberText(total.value)} ${u}少 ${numberText(total.value - sum)} ${u}；若已列全，请核对`,
                `The listed parts add up to ${numberText(sum)}, ${numberText(total.value - sum)} short of the total ${numberText(total.value)}; if the list is meant to be complete, check it`,
              ),
        start: total.start,
        end: total.end,
        related: b.parts.map((p) => ({
          message: localized(`一项：${numberText(p.figure.value)} ${u}`, `part: ${numberText(p.figure.value)}`),
          start: p.figure.start,
          end: p.figure.end,
        })),
        arithmetic: listArithmetic(b.parts, sum, total.value),
      });
    }
    return out;
  },
};

/**
 * A list whose total is stated in an earlier sentence (主动公开政府信息2543条。…主要类别有：…): the total was
 * found by its words, not by the list's own syntax, so a mismatch is a warning, not an error; a list that
 * may be partial and falls short says nothing.
 */
function againstTotalElsewhere(b: Breakdown, total: ProseFigure): RuleFinding[] {
  const sum = b.parts.reduce((a, p) => a + p.figure.value, 0);
  if (sum === total.value || (sum < total.value && !b.complete)) return [];
  const u = total.unit;
  const terms = b.parts.map((p) => numberText(p.figure.value)).join('+');
  const first = b.parts[0].figure;
  const last = b.parts[b.parts.length - 1].figure;
  const over = sum > total.value;
  return [
    {
      severity: 'warning',
      message: over
        ? localized(
            `列出的各项之和 ${terms} = ${numberText(sum)} ${u}，超过了前文所说的总数 ${numberText(total.value)} ${u}`,
            `The listed parts add up to ${terms} = ${numberText(sum)}, more than the total ${numberText(total.value)} stated before them`,
          )
        : localized(
            `列出的各项之和 ${terms} = ${numberText(sum)} ${u}，与前文所说的总数 ${numberText(total.value)} ${u}不符`,
            `The listed parts add up to ${terms} = ${numberText(sum)}, not the total ${numberText(total.value)} stated before them`,
          ),
      start: first.start,
      end: last.end,
      related: [
        {
          message: localized(`总数：${numberText(total.value)} ${u}`, `total: ${numberText(total.value)}`),
          start: total.start,
          end: total.end,
        },
      ],
      arithmetic: listArithmetic(b.parts, sum, total.value),
    },
  ];
}

/** The parts listed, what they add up to and the total they were set against, for hovers and JSON. */
function listArithmetic(parts: readonly { figure: ProseFigure }[], sum: number, total: number) {
  return {
    operands: parts.map((p) => ({
      label: localized(p.figure.clauseBefore, p.figure.clauseBefore),
      value: p.figure.value,
      start: p.figure.start,
      end: p.figure.end,
    })),
    expected: sum,
    actual: total,
  };
}
