import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule } from '../finding';
import { countedChars, repeatedInModels } from '../repeated';
import { proseLines, previousIfLastYear } from './reportText';

/** A paragraph shorter than this (counted without digits and spaces) is a heading or a formula, not prose to rewrite. */
const MIN_CHARS = 20;
/** The share of a paragraph repeated for it to count as unchanged: a changed figure or two does not make it new. */
const UNCHANGED_AT = 0.9;

/**
 * Lines whose words the format prescribes, the same every year by design: the opening paragraph before the
 * first section, and the statistical tables with their headers and notes (PDF text lays them out as lines).
 */
function prescribedLines(report: BoundReport): (line: number) => boolean {
  // sections found by their content (reports before 2019) have no heading that ends an opening
  const headings = [...report.sections.values()].filter((s) => !s.schema.content).map((s) => s.heading.line);
  const firstSection = headings.length ? Math.min(...headings) : 0;
  const spans = [...report.tables.values()]
    .map((t) => [...t.rows.values()].map((r) => r.line))
    .filter((l) => l.length)
    .map((l) => [Math.min(...l) - TABLE_HEADER_LINES, Math.max(...l)]);
  return (line) => line < firstSection || spans.some(([a, b]) => line >= a && line <= b);
}

/** how many lines above a table's first row its header may take (PDF text breaks a header cell over several) */
const TABLE_HEADER_LINES = 8;

/**
 * 仍与上年报告相同的段落：从上年报告改写本年报告时，还没有改写的每一段。与 repeated-text 用同一套比对
 * （不计数字）：repeated-text 说全文重复了多少，这条规则指出是哪几段。
 */
export const unchangedParagraph: Rule = {
  id: 'unchanged-paragraph',
  severity: 'information',
  fixable: false,
  description: localized(
    '正文段落仍与上年报告逐字相同（需要上年报告）',
    'A paragraph is still word for word last year’s (needs last year’s report)',
  ),
  check(report) {
    const previous = previousIfLastYear(report);
    if (!previous) return [];
    const { passages } = repeatedInModels(report.model, previous.model);
    if (!passages.length) return [];
    const out: RuleFinding[] = [];
    const text = report.model.text;
    const prescribed = prescribedLines(report);
    // lines and passages are both in text order: the passages before a line end before the next one too
    let first = 0;
    for (const line of proseLines(report.model)) {
      if (prescribed(line.index)) continue;
      if (line.text.includes('勾稽关系')) continue; // the note under table 三's header
      const counted = countedChars(text, line.start, line.end);
      if (counted < MIN_CHARS) continue;
      while (first < passages.length && passages[first].end <= line.start) first++;
      let repeated = 0;
      for (let i = first; i < passages.length && passages[i].start < line.end; i++) {
        const p = passages[i];
        const from = Math.max(p.start, line.start);
        const to = Math.min(p.end, line.end);
        if (to > from) repeated += countedChars(text, from, to);
      }
      if (repeated < counted * UNCHANGED_AT) continue;
      const lead = /^[\s\u3000]*/.exec(line.text)![0].length;
      out.push({
        message: localized(
          '本段仍与上年报告相同：请按本年的情况改写',
          'This paragraph is still the same as in last year’s report: rewrite it for this year',
        ),
        start: line.start + lead,
        end: line.start + line.text.trimEnd().length,
        related: [],
      });
    }
    return out;
  },
};
