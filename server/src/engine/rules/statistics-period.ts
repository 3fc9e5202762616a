import { localized, type RuleFinding, type Rule } from '../finding';
import { FACT, halfLineOf, lineFacts } from '../prose';
import { citedSpans, dateText, datesIn, halfWidthText, inside, proseLines, realDate } from './reportText';

/**
 * 统计期限是报告年度的整个自然年：自 YYYY年1月1日 至 YYYY年12月31日，日期写全、是真实的日期；
 * 正文中“截至12月14日”这样早于年底的数据截止日，提示核对。
 */
export const statisticsPeriod: Rule = {
  id: 'statistics-period',
  severity: 'warning',
  fixable: false,
  description: localized(
    '统计期限是报告年度的 1月1日至12月31日，写完整',
    'The statistics period is the whole report year, 1 January to 31 December, written in full',
  ),
  check(report) {
    const { model } = report;
    const text = model.text;
    const year = model.year;
    const out: RuleFinding[] = [];
    const cited = citedSpans(text);
    const facts = lineFacts(model);
    const halfLine = halfLineOf(model);
    for (const l of proseLines(model)) {
      // the period may run over a PDF line break: look at this line and the next. It begins with 统计 (on this
      // line) and a cut-off with 截: lines with neither are not searched
      let m: RegExpExecArray | null;
      const has = facts[l.index];
      if (has & FACT.统 && l.text.includes('统计')) {
        const src = halfWidthText(text).slice(l.start, Math.min(text.length, l.end + 80));
        PERIOD.lastIndex = 0;
        while ((m = PERIOD.exec(src))) {
          if (m.index >= l.end - l.start) break;
          const f = checkPeriod(text, m, l.start, year);
          if (f) out.push(f);
        }
      }
      if (has & FACT.截) {
        CUTOFF.lastIndex = 0;
        const own = halfLine(l.index);
        while ((m = CUTOFF.exec(own))) {
          const start = l.start + m.index;
          const end = start + m[0].length;
          if (inside(cited, start, end)) continue;
          const y = m[1] ? Number(m[1]) : undefined;
          const month = Number(m[2]);
          const day = Number(m[3]);
          if (year === undefined || (y !== undefined && y !== year) || !realDate(y, month, day) || (month === 12 && day === 31)) continue;
          out.push({
            severity: 'information',
            message: localized(
              `这里的数据截至${month}月${day}日，早于统计期限的终止日${year}年12月31日：是否漏了此后的数字？`,
              `These figures stop at ${month}/${day}, before the end of the statistics period on 31 December ${year}: are later ones missing?`,
            ),
            start,
            end,
            related: [],
          });
        }
      }
    }
    return out;
  },
};

// 统计期限自2016年1月1日起至2016年12月31日止 / 统计时限为…至… / 统计期限从…到… / 统计期限自至
const PERIOD =
  /统计(?:期限|时限|期间|时间|区间|周期|范围)[^。\n]{0,12}?(?:自|从|为|是)([^。；;，,至到~～—]{0,30})(?:至|到|~|～|—)([^。；;，,]{0,30})/dg;
const CUTOFF = /截[至止](?:到)?\s*(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;

function checkPeriod(text: string, m: RegExpExecArray, offset: number, year: number | undefined): RuleFinding | undefined {
  const [s1, e1] = m.indices![1];
  const [s2, e2] = m.indices![2];
  const fromDate = datesIn(text, offset + s1, offset + e1)[0];
  const toDate = datesIn(text, offset + s2, offset + e2)[0];
  const start = offset + m.index;
  // the statement ends with its last date, or with 至 when the dates are missing
  const end = toDate ? toDate.end : fromDate ? offset + e2 - (m[2].length - m[2].trimEnd().length) : offset + s2;
  const from = { year: fromDate?.year, month: fromDate?.month, day: fromDate?.day };
  // the end may leave out the year: 自2019年1月1日到12月31日止
  const to = { year: toDate?.year ?? from.year, month: toDate?.month, day: toDate?.day };
  const y = year ?? from.year;
  const right = y !== undefined ? `自${y}年1月1日至${y}年12月31日` : '自某年1月1日至同年12月31日';
  const rightEn = y !== undefined ? `1 January ${y} to 31 December ${y}` : '1 January to 31 December of the report year';
  const say = (zh: string, en: string): RuleFinding => ({
    message: localized(`${zh}，应为「${right}」`, `${en}; it should be ${rightEn}`),
    start,
    end: Math.max(end, start + 4),
    related: [],
  });
  if (!fromDate && !toDate) return say('统计期限没有写日期', 'The statistics period has no dates');
  if (from.year === undefined || from.month === undefined || from.day === undefined || to.month === undefined || to.day === undefined)
    return say(
      `统计期限没有写全（${dateText(fromDate ?? {}) || '？'}至${dateText(toDate ?? {}) || '？'}）`,
      'The statistics period is incomplete',
    );
  if (!realDate(from.year, from.month, from.day) || !realDate(to.year, to.month, to.day)) {
    const bad = !realDate(from.year, from.month, from.day) ? from : to;
    return say(`统计期限中的「${dateText(bad)}」不是真实的日期`, `“${dateText(bad)}” in the statistics period is no real date`);
  }
  const wholeYear = from.month === 1 && from.day === 1 && to.month === 12 && to.day === 31 && from.year === to.year;
  if (wholeYear && (year === undefined || from.year === year)) return undefined;
  if (year !== undefined && (from.year !== year || to.year !== year))
    return say(
      `统计期限写的是${dateText(from)}至${dateText(to)}，与报告年度${year}年不符`,
      `The statistics period, ${dateText(from)} to ${dateText(to)}, is not the report year ${year}`,
    );
  return say(
    `统计期限${dateText(from)}至${dateText(to)}不是完整的自然年`,
    `The statistics period, ${dateText(from)} to ${dateText(to)}, is not a whole calendar year`,
  );
}
