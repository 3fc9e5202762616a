import { previousIfLastYear } from './reportText';
import { localized, type RuleFinding, type Rule } from '../finding';
import { repeatedInModels } from '../repeated';

/** From this share of repeated prose the rule says something at all: below it, a report is its own. */
const INFORM_FROM = 0.3;
/** The default share from which it warns (CheckOptions.repeatedTextWarnAt). */
export const REPEATED_TEXT_WARN_AT = 0.6;
/** How many of the longest repeated passages are pointed out. */
const SHOWN = 5;

/**
 * 与上年报告重复（照抄上年报告）：正文（不计数字、表格和标题）中与上年报告逐字相同的比例。
 * 考核中重复超过一半会扣分；达到设定的比例（默认 60%）时为警告，30% 起为提示。
 */
export const repeatedText: Rule = {
  id: 'repeated-text',
  severity: 'information',
  fixable: false,
  description: localized('正文与上年报告逐字相同的比例', 'How much of the prose repeats last year’s report word for word'),
  check(report) {
    const previous = previousIfLastYear(report);
    if (!previous) return [];
    const r = repeatedInModels(report.model, previous.model);
    if (r.share < INFORM_FROM || r.proseLength === 0) return [];
    const warnAt = report.repeatedTextWarnAt ?? REPEATED_TEXT_WARN_AT;
    const percent = Math.floor(r.share * 100);
    const longest = [...r.passages].sort((a, b) => b.length - a.length || a.start - b.start).slice(0, SHOWN);
    const title = report.model.title;
    const at = title ?? { start: 0, end: Math.min(report.model.text.length, report.model.lines[0]?.end ?? 0) };
    const warn = r.share >= warnAt;
    const finding: RuleFinding = {
      message: localized(
        `正文有 ${percent}% 与上年报告逐字相同（${r.repeatedLength} / ${r.proseLength} 字，不计数字、表格和标题）${warn ? '：考核中与上年重复超过一半会扣分，请按本年情况改写' : ''}`,
        `${percent}% of the prose repeats last year's report word for word (${r.repeatedLength} of ${r.proseLength} characters, digits, tables and the title not counted)${warn ? ': assessments deduct points where more than half repeats the previous year, so rewrite it for this year' : ''}`,
      ),
      start: at.start,
      end: at.end,
      related: longest.map((p) => ({
        message: localized(`与上年报告相同（${p.length} 字）`, `the same as in last year's report (${p.length} characters)`),
        start: p.start,
        end: p.end,
      })),
    };
    if (warn) finding.severity = 'warning';
    return [finding];
  },
};
