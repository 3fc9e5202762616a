import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule, type TextEdit } from '../finding';
import { sectionBody, sectionHeading } from '../template';
import { sectionsWithoutNumeral } from './section-numbering';

/** 格式规定的章节齐全（如 2021 年格式的六个部分）。 */
export const requiredSection: Rule = {
  id: 'required-section',
  severity: 'warning',
  fixable: true,
  description: localized('格式要求的章节齐全', 'Every section the format requires is present'),
  check(report) {
    const out: RuleFinding[] = [];
    const misplaced = new Set(report.misplaced.map((m) => m.schema.id));
    // a heading written without its numeral is section-numbering's (缺少序号), once, not a missing section too
    const unnumbered = sectionsWithoutNumeral(report);
    const order = report.schema.sections;
    order.forEach((s, i) => {
      // a section found by its content (reports before 2019) is required-content's, which says what was looked for
      if (!s.required || s.content || report.sections.has(s.id) || misplaced.has(s.id) || unnumbered.has(s.id)) return;
      const where = anchor(report, i);
      out.push({
        message: localized(`缺少必需的章节「${s.title}」`, `Missing required section “${s.title}”`),
        start: where.start,
        end: where.end,
        related: [],
        fix: insertion(report, i),
      });
    });
    return out;
  },
};

/** Where a missing section is reported: the heading it should stand before, else the title. */
function anchor(report: BoundReport, index: number): { start: number; end: number } {
  for (const s of report.schema.sections.slice(index + 1)) {
    const b = report.sections.get(s.id);
    if (b) return { start: b.heading.start, end: b.heading.end };
  }
  const t = report.model.title;
  if (t) return { start: t.start, end: t.end };
  const first = report.model.lines.find((l) => l.text.trim()) ?? report.model.lines[0];
  return { start: first.start, end: first.end };
}

/** How deep the report's section headings are: 2 for "## 一、…", 0 for plain-text numbering. */
function headingLevel(report: BoundReport): number {
  const first = [...report.sections.values()][0]?.heading;
  return first?.mdLevel ?? report.model.headings.find((h) => h.mdLevel > 1)?.mdLevel ?? 0;
}

/** The section's template body, its sub-headings one level below the report's section headings. */
function body(report: BoundReport, sectionId: string, level: number): string {
  const text = sectionBody(report.schema, sectionId);
  return text.replace(/^#{1,6} /gm, level ? '#'.repeat(Math.min(6, level + 1)) + ' ' : '');
}

/**
 * The missing section written where it belongs, from the format's template (heading, sub-items,
 * tables with 0 in every cell, 「（请填写）」 where text is to be written): before the next section
 * present, else at the end. When its table is there without the heading, only the heading, above
 * the table, so that the table stays in its section.
 */
function insertion(report: BoundReport, index: number): NonNullable<RuleFinding['fix']> {
  const section = report.schema.sections[index];
  const level = headingLevel(report);
  const title = sectionHeading(report.schema, section);
  const heading = (level ? '#'.repeat(level) + ' ' : '') + title;
  const onlyHeading = (edit: TextEdit) => ({
    title: localized(`插入章节标题「${title}」`, `Insert the section heading “${title}”`),
    edits: [edit],
  });
  const whole = (edit: TextEdit) => ({
    title: localized(`按格式模板插入章节「${title}」`, `Insert the section “${title}” from the format's template`),
    edits: [edit],
  });
  const { lines, text } = report.model;
  const headingLines = new Set(report.model.headings.map((h) => h.line));
  const floor = previousHeadingLine(report, index);
  const firstRow = [...report.tables.values()]
    .filter((t) => t.schema.section === section.id)
    .flatMap((t) => [...t.rows.values()])
    .sort((a, b) => a.start - b.start)[0];
  if (firstRow) {
    // the block the table starts: its header and caption lines, up to a blank line or a heading
    let k = firstRow.line;
    while (k - 1 > floor && lines[k - 1].text.trim() && !headingLines.has(k - 1)) k--;
    return onlyHeading({ start: lines[k].start, end: lines[k].start, newText: `${heading}\n\n` });
  }
  const content = `${heading}\n\n${body(report, section.id, level)}`;
  for (const s of report.schema.sections.slice(index + 1)) {
    const b = report.sections.get(s.id);
    if (b) {
      const at = lines[b.heading.line].start;
      return whole({ start: at, end: at, newText: `${content}\n` });
    }
  }
  const sep = text.endsWith('\n\n') || !text ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return whole({ start: text.length, end: text.length, newText: `${sep}${content}` });
}

function previousHeadingLine(report: BoundReport, index: number): number {
  for (const s of report.schema.sections.slice(0, index).reverse()) {
    const b = report.sections.get(s.id);
    if (b) return b.heading.line;
  }
  return -1;
}
