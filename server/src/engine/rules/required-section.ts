import type { BoundReport } from '../bind';
import { localized, type Finding, type Rule } from '../finding';

/** 格式规定的章节齐全（如 2021 年格式的六个部分）。 */
export const requiredSection: Rule = {
  id: 'required-section',
  severity: 'warning',
  fixable: false,
  description: localized('格式要求的章节齐全', 'Every section the format requires is present'),
  check(report) {
    const out: Finding[] = [];
    const misplaced = new Set(report.misplaced.map((m) => m.schema.id));
    const order = report.schema.sections;
    order.forEach((s, i) => {
      if (!s.required || report.sections.has(s.id) || misplaced.has(s.id)) return;
      const where = anchor(report, i);
      out.push({
        rule: 'required-section',
        severity: 'warning',
        message: localized(`缺少必需的章节「${s.title}」`, `Missing required section “${s.title}”`),
        start: where.start,
        end: where.end,
        related: [],
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
