import { analyseBreakdowns } from '../breakdowns';
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
    for (const b of analyseBreakdowns(report.model).breakdowns) {
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
        arithmetic: {
          operands: b.parts.map((p) => ({
            label: localized(p.figure.clauseBefore, p.figure.clauseBefore),
            value: p.figure.value,
            start: p.figure.start,
            end: p.figure.end,
          })),
          expected: sum,
          actual: total.value,
        },
      });
    }
    return out;
  },
};
