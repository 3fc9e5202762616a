import { localized, type RuleFinding, type Rule } from '../finding';

/** 章节按格式规定的顺序排列。 */
export const sectionOrder: Rule = {
  id: 'section-order',
  severity: 'warning',
  fixable: false,
  description: localized('章节按格式规定的顺序排列', 'Sections stand in the order the format gives'),
  check(report) {
    const order = report.schema.sections;
    return report.misplaced.map((m): RuleFinding => {
      const i = order.indexOf(m.schema);
      const before = order
        .slice(0, i)
        .reverse()
        .find((s) => report.sections.has(s.id));
      return {
        message: before
          ? localized(
              `章节「${m.schema.title}」位置不对：应在「${before.title}」之后`,
              `Section “${m.schema.title}” is out of order: it belongs after “${before.title}”`,
            )
          : localized(
              `章节「${m.schema.title}」位置不对：应在其他章节之前`,
              `Section “${m.schema.title}” is out of order: it belongs before the other sections`,
            ),
        start: m.heading.start,
        end: m.heading.end,
        related: before
          ? [
              {
                message: localized(`「${before.title}」在此`, `“${before.title}” is here`),
                start: report.sections.get(before.id)!.heading.start,
                end: report.sections.get(before.id)!.heading.end,
              },
            ]
          : [],
      };
    });
  },
};
