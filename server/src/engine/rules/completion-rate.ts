import { localized, type RuleFinding, type Rule } from '../finding';
import { analyseProse, type ProseFigure } from '../prose';
import { numberText } from './tableText';

/**
 * “受理117件，办结171件，办结率100%”：一句中写了受理（收到）数、办结（答复）数和办结率，三者应相符；
 * 办结率 = 办结 ÷ 受理。办结多于受理而办结率写 100%，多半是数字颠倒。
 */
export const completionRate: Rule = {
  id: 'completion-rate',
  severity: 'warning',
  fixable: false,
  description: localized('“受理X件，办结Y件，办结率Z%”三者相符', 'Received, closed and the completion rate stated together agree'),
  check(report) {
    const { figures } = analyseProse(report.model);
    const out: RuleFinding[] = [];
    for (const rate of figures) {
      // only the bare rate: 按时办结率 and 满意率 are shares of something else
      if (!rate.percent || rate.approximate || !/(?:^|[^时])(?:办结率|答复率)$/.test(rateLabel(report.model.text, rate))) continue;
      const closed = nearestBefore(
        figures,
        rate,
        (f) => /办结|答复|办理完毕/.test(f.clauseBefore) && !/按时|及时|超期|逾期/.test(f.clauseBefore),
      );
      if (!closed) continue;
      const received = nearestBefore(figures, closed, (f) => f.unit === closed.unit && /受理|收到|接收|共收/.test(f.clauseBefore));
      if (!received || received.value <= 0) continue;
      // a rate over what was received and what was carried over is another rate
      if (/结转|上年|累计/.test(closed.sentenceBefore + closed.clauseAfter)) continue;
      const decimals = /[.．](\d+)/.exec(report.model.text.slice(rate.start, rate.numberEnd))?.[1].length ?? 0;
      const exact = (closed.value / received.value) * 100;
      if (Math.abs(exact - rate.value) <= 0.5 * 10 ** -decimals + 1e-9) continue;
      const u = received.unit;
      const swapped = closed.value > received.value;
      out.push({
        message: localized(
          `受理 ${numberText(received.value)} ${u}、办结 ${numberText(closed.value)} ${u}，办结率应为 ${numberText(closed.value)} ÷ ${numberText(received.value)} = ${exact.toFixed(decimals + 1)}%，文中为 ${numberText(rate.value)}%${swapped ? '；办结不会多于受理，是否数字颠倒？' : ''}`,
          `${numberText(received.value)} received and ${numberText(closed.value)} closed make a rate of ${numberText(closed.value)} ÷ ${numberText(received.value)} = ${exact.toFixed(decimals + 1)}%, but the text says ${numberText(rate.value)}%${swapped ? '; more closed than received cannot be: are digits swapped?' : ''}`,
        ),
        start: closed.start,
        end: closed.end,
        related: [
          {
            message: localized(`受理：${numberText(received.value)}`, `received: ${numberText(received.value)}`),
            start: received.start,
            end: received.end,
          },
          {
            message: localized(`办结率：${numberText(rate.value)}%`, `rate: ${numberText(rate.value)}%`),
            start: rate.start,
            end: rate.end,
          },
        ],
        arithmetic: {
          operands: [
            { label: localized('办结', 'closed'), value: closed.value, start: closed.start, end: closed.end },
            { label: localized('受理', 'received'), value: received.value, start: received.start, end: received.end },
          ],
          expected: Number(exact.toFixed(decimals)),
          actual: rate.value,
        },
      });
    }
    return out;
  },
};

/** The words just before a percentage, in its own clause: 办结率 in “办结率100%”. */
function rateLabel(text: string, rate: ProseFigure): string {
  const before = text.slice(Math.max(0, rate.start - 12), rate.start).replace(/\s+/g, '');
  return before.split(/[，,；;。：:、]/).pop() ?? '';
}

/** The nearest count before `from` in its sentence that passes `test`. */
function nearestBefore(figures: ProseFigure[], from: ProseFigure, test: (f: ProseFigure) => boolean): ProseFigure | undefined {
  for (let i = from.index - 1; i >= 0; i--) {
    const f = figures[i];
    if (f.paragraph !== from.paragraph || f.sentence !== from.sentence) return undefined;
    if (f.count && test(f)) return f;
  }
  return undefined;
}
