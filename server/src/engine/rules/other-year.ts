import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule } from '../finding';
import { halfLineOf } from '../prose';
import { citedSpans, halfWidthText, inside, proseLines, type Span } from './reportText';

/**
 * 正文里指向别的年度的年份：2016 年度报告里写“2016年，我们将采取以下措施加以改进”（打算是下一年的），
 * 统计表表头写着上一年，或者一句话以上一年开头、报的却像本年的数字——多半是照抄上一年报告留下的。
 * 引用文件的年份、文号年份、下一年的打算、同比和“较2015年”这样的比较都不报。
 */
export const otherYear: Rule = {
  id: 'other-year',
  severity: 'warning',
  fixable: false,
  description: localized(
    '正文中的年份与报告年度一致（没有留下上一年报告的年份）',
    'Years in the text belong to the report year (none left over from last year’s report)',
  ),
  check(report) {
    const year = report.model.year;
    if (year === undefined) return [];
    return [...plans(report, year), ...tableHeaders(report, year), ...lastYearTopics(report, year)];
  },
};

// ---------- a plan for the report year itself ----------

// 将 as a future, not as 把: 将继续…, 将采取…, 将从以下方面…
const FUTURE =
  /(?:将|要|拟|计划|准备|打算|力争|争取)(?:继续|进一步|重点|着力|着重|采取|加大|加强|围绕|从以下|从|以|持续|不断|全面|切实|努力|坚持|深入|大力|积极|认真|严格|聚焦|紧紧|做好|抓好|推进|推动|完善|健全|提升|提高|强化|深化|在以下)/;
const PLAN_WORDS = /以下|下一步|措施|改进|工作要点|工作计划|工作打算|努力方向/;

function plans(report: BoundReport, year: number): RuleFinding[] {
  const { model } = report;
  const out: RuleFinding[] = [];
  const problems = problemsRegion(report);
  const yearText = String(year);
  const halfLine = halfLineOf(model);
  for (const l of proseLines(model)) {
    if (!l.text.includes(yearText)) continue;
    const t = halfLine(l.index);
    // the report's year opening a sentence or what follows a colon
    const re = /(?:^|[。；;！？!?：:])[\s\u3000]*((?:19|20)\d{2})\s*年度?/g;
    let y: RegExpExecArray | null;
    while ((y = re.exec(t))) {
      if (Number(y[1]) !== year) continue;
      const at = y.index + y[0].indexOf(y[1]);
      const yearEnd = y.index + y[0].length;
      // the sentence the year opens, up to its end
      const stop = t.slice(yearEnd, yearEnd + 300).search(/[。！？!?]/);
      const sentence = t.slice(at, stop >= 0 ? yearEnd + stop : yearEnd + 300);
      const head = t.slice(yearEnd, yearEnd + 24);
      if (!FUTURE.test(head)) continue;
      const start = l.start + at;
      if (!PLAN_WORDS.test(sentence) && !(problems && start >= problems.start && start < problems.end)) continue;
      out.push({
        message: localized(
          `这是对下一年工作的打算，年份应为「${year + 1}年」，这里写的是「${y[1]}年」（本报告是${year}年度报告）`,
          `This is the plan for the next year, so the year should be ${year + 1}, not ${y[1]} (this report is on ${year})`,
        ),
        start,
        end: l.start + yearEnd,
        related: [],
      });
    }
  }
  return out;
}

/** Where the report says what it will improve: from the problems section's heading to the next heading of its level. */
function problemsRegion(report: BoundReport): Span | undefined {
  const b = report.sections.get('problems');
  if (!b) return undefined;
  const h = b.heading;
  const next = report.model.headings.find((x) => x.start > h.start && x.numbering?.kind === h.numbering?.kind && x.mdLevel === h.mdLevel);
  return { start: h.start, end: next ? next.start : report.model.text.length };
}

// ---------- the header of a statistics table names another year ----------

function tableHeaders(report: BoundReport, year: number): RuleFinding[] {
  const out: RuleFinding[] = [];
  const { lines } = report.model;
  for (const t of report.tables.values()) {
    const rows = [...t.rows.values()];
    if (!rows.length) continue;
    const first = rows.reduce((a, r) => (r.start < a.start ? r : a));
    // the caption and the header row just above the first row
    for (let k = Math.max(0, first.line - 3); k < first.line; k++) {
      const line = lines[k];
      const cited = citedSpans(report.model.text);
      const re = /((?:19|20)\d{2})\s*年度?/g;
      let m: RegExpExecArray | null;
      const half = halfWidthText(report.model.text).slice(line.start, line.end);
      while ((m = re.exec(half))) {
        const y = Number(m[1]);
        if (y === year || inside(cited, line.start + m.index, line.start + m.index + m[0].length)) continue;
        // a header or caption names the year its figures are for
        if (!/本年|年度|统计表|指标名称|\|/.test(line.text)) continue;
        out.push({
          message: localized(
            `${t.schema.name.zh}的表头写的是「${m[0].trim()}」，本报告是${year}年度报告：是否是上一年的表格没有改？`,
            `The header of ${t.schema.name.en} says “${m[0].trim()}”, but this report is on ${year}: was last year’s table left unchanged?`,
          ),
          start: line.start + m.index,
          end: line.start + m.index + m[0].trim().length,
          related: [],
        });
      }
    }
  }
  return out;
}

// ---------- a sentence about last year, reporting figures as this year's ----------

const COMPARISON = /同比|相比|比上年|较上年|上年|上一年|去年|增长|下降|减少|增加|提高|以来|至今|截至|截止|底|末|起|分别|较|比/;
const FIGURE = /\d+\s*(?:件|条|个|项|次|人次|万元|元|期|篇)/;
const REPORTING = /主动公开|公开|收到|受理|办结|答复|发布|申请/;

function lastYearTopics(report: BoundReport, year: number): RuleFinding[] {
  const out: RuleFinding[] = [];
  const lastYear = String(year - 1);
  const halfLine = halfLineOf(report.model);
  for (const l of proseLines(report.model)) {
    if (!l.text.includes(lastYear)) continue;
    const t = halfLine(l.index);
    const re = /(?:^|[。；;！？!?])[\s\u3000]*((?:19|20)\d{2})\s*年度?\s*[，,]?/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t))) {
      const y = Number(m[1]);
      if (y !== year - 1) continue;
      const at = m.index + m[0].indexOf(m[1]);
      const rest = t.slice(at);
      const stop = rest.search(/[。！？!?]/);
      const sentence = stop >= 0 ? rest.slice(0, stop) : rest;
      // 2015年12月…: a date, an event of last year; 2016 in the same sentence: a comparison
      if (/^\d{4}\s*年\s*\d{1,2}\s*月/.test(sentence) || sentence.includes(String(year)) || COMPARISON.test(sentence)) continue;
      if (!FIGURE.test(sentence) || !REPORTING.test(sentence)) continue;
      const yearText = /^\d{4}\s*年度?/.exec(sentence)![0];
      out.push({
        message: localized(
          `这句话讲的是「${yearText}」的数字，本报告是${year}年度报告：是否是上一年报告留下的？`,
          `This sentence gives figures for ${y}, but this report is on ${year}: is it left over from last year’s report?`,
        ),
        start: l.start + at,
        end: l.start + at + yearText.length,
        related: [],
      });
    }
  }
  return out;
}
