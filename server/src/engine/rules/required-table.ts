import { localized, type RuleFinding, type Rule } from '../finding';

/** 格式规定的统计表都在（表二、表三、表四）。 */
export const requiredTable: Rule = {
  id: 'required-table',
  severity: 'warning',
  fixable: false,
  description: localized('格式要求的统计表齐全', 'Every statistical table the format requires is present'),
  check(report) {
    const out: RuleFinding[] = [];
    for (const t of report.tables.values()) {
      if (!t.schema.required || t.rows.size > 0) continue;
      // a missing section is reported once, by required-section, not again for its table
      const section = report.sections.get(t.schema.section);
      if (!section) continue;
      out.push({
        message: localized(`未找到${t.schema.name.zh}`, `${t.schema.name.en} was not found`),
        start: section.heading.start,
        end: section.heading.end,
        related: [],
      });
    }
    return out;
  },
};
