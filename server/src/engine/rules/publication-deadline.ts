import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule } from '../finding';
import { FACT, halfLineOf, lineFacts } from '../prose';
import { dateText, datesIn, halfWidthText, ownOffice, proseLines, type DateMention } from './reportText';

/**
 * 成文日期、发布日期不晚于法定期限：2019 年以后，部门的年度报告在每年 1月31日前公布，县级以上地方人民政府
 * 的本级年度报告在 3月31日前公布（《条例》第四十九条）；此前的报告一律在 3月31日前（2007 年《条例》第三十一条）。
 * 只有知道是哪一种报告时才核对：报告标题写明了，或用户设置了。成文日期早于报告年度结束的，多半是上一年的日期。
 */
export const publicationDeadline: Rule = {
  id: 'publication-deadline',
  severity: 'warning',
  fixable: false,
  description: localized(
    '成文日期、发布日期在法定期限之内（部门 1月31日，本级政府 3月31日）',
    'The date of the report is within the legal deadline (departments 31 January, a government’s own report 31 March)',
  ),
  check(report) {
    const year = report.model.year;
    if (year === undefined) return [];
    const out: RuleFinding[] = [];
    const deadline = deadlineOf(report, year);
    for (const d of reportDates(report)) {
      if (d.year === undefined || d.month === undefined) continue;
      const what = d.kind === 'published' ? { zh: '发布日期', en: 'publication date' } : { zh: '成文日期', en: 'date of the report' };
      if (d.year <= year) {
        out.push({
          message: localized(
            `${what.zh}「${dateText(d)}」在${year}年度结束之前，年度报告只能在次年写成：是否是上一年报告的日期？`,
            `The ${what.en}, ${dateText(d)}, falls before the end of ${year}, and a report on ${year} can only be written after it: is it last year’s date?`,
          ),
          start: d.start,
          end: d.end,
          related: [],
        });
        continue;
      }
      if (!deadline) continue;
      const late =
        d.year > year + 1 || d.month > deadline.month || (d.month === deadline.month && d.day !== undefined && d.day > deadline.day);
      if (!late) continue;
      out.push({
        message: localized(
          `${what.zh}「${dateText(d)}」晚于法定期限${year + 1}年${deadline.month}月${deadline.day}日（${deadline.why.zh}）`,
          `The ${what.en}, ${dateText(d)}, is past the legal deadline of ${deadline.month}/${deadline.day}/${year + 1} (${deadline.why.en})`,
        ),
        start: d.start,
        end: d.end,
        related: [],
      });
    }
    return out;
  },
};

interface Deadline {
  month: number;
  day: number;
  why: { zh: string; en: string };
}

function deadlineOf(report: BoundReport, year: number): Deadline | undefined {
  // the 2007 条例 (reports on 2018 and before, published before the 2019 revision took effect)
  if (year <= 2018)
    return {
      month: 3,
      day: 31,
      why: localized('2007 年《政府信息公开条例》第三十一条：每年3月31日前公布', 'article 31 of the 2007 Regulations: by 31 March'),
    };
  const kind = report.deadline ?? kindOf(report);
  if (kind === 'government')
    return {
      month: 3,
      day: 31,
      why: localized(
        '《条例》第四十九条：县级以上地方人民政府的本级年度报告在每年3月31日前公布',
        'article 49: a local government’s own report by 31 March',
      ),
    };
  if (kind === 'department')
    return {
      month: 1,
      day: 31,
      why: localized('《条例》第四十九条：政府部门的年度报告在每年1月31日前公布', 'article 49: a department’s report by 31 January'),
    };
  return undefined;
}

/** Whose report it is, when its title says so: XX人民政府 (its own report) or a department (XX局, XX办公室 …). */
export function kindOf(report: BoundReport): 'department' | 'government' | undefined {
  const own = ownOffice(report.model)?.name;
  if (!own) return undefined;
  if (/人民政府$/.test(own)) return 'government';
  if (/(?:局|厅|办公室|办公厅|(?<!管理)委员会|(?<!管)委)$/.test(own) && !/管委会$/.test(own)) return 'department';
  return undefined;
}

interface ReportDate extends DateMention {
  kind: 'published' | 'written';
}

/**
 * The dates of the report itself: a labelled publication date (日期：2017-03-07, 发布时间 …) and a
 * date standing alone on its line (the 成文日期 under the signature, or under the title).
 */
function reportDates(report: BoundReport): ReportDate[] {
  const { model } = report;
  const out: ReportDate[] = [];
  const prose = proseLines(model).filter((l) => l.text.trim());
  const titleLine = model.title ? model.lines.findIndex((l) => l.end >= model.title!.end) : -1;
  const half = halfWidthText(model.text);
  const halfLine = halfLineOf(model);
  const facts = lineFacts(model);
  prose.forEach((l, k) => {
    if (l.text.length > 60) return;
    // a date is written with 月 or as 2024-01-31 (DATE): a line with neither has none
    if (!(facts[l.index] & (FACT.月 | FACT.dateMark))) return;
    const t = halfLine(l.index).trim();
    if (t.length > 40) return;
    const labelled = /^(?:发布|成文|印发|公开)?(?:日期|时间)\s*[:：]/.test(t);
    const dates = datesIn(model.text, l.start, l.end);
    if (dates.length !== 1 || dates[0].year === undefined) return;
    const d = dates[0];
    const rest = (half.slice(l.start, d.start) + half.slice(d.end, l.end)).replace(/\s+/g, '');
    if (!labelled) {
      // alone on its line, or after the name of the office that signs: 平潭综合实验区管委会办公室 二〇一三年一月
      if (rest !== '' && !isOffice(rest)) return;
      // …and where a report's date stands: under its title, or under the signature at the end of the text
      const next = prose[k + 1];
      const underTitle = titleLine >= 0 && l.index > titleLine && l.index - titleLine <= 3;
      const signed = isOffice(rest) || (k > 0 && isOffice(prose[k - 1].text.replace(/[\s\u3000]+/g, '')));
      const last = !next || /^(?:附件|附表)|统计表/.test(next.text.trim()) || next.index > l.index + 3;
      if (!underTitle && !signed && !last) return;
    }
    out.push({ ...d, kind: labelled && !/^成文/.test(t) ? 'published' : 'written' });
  });
  return out;
}

function isOffice(s: string): boolean {
  return /^[\u4e00-\u9fa5]{2,30}$/.test(s) && /(?:政府|办公室|办公厅|局|委员会|管委会|委|厅|办|中心)$/.test(s);
}
