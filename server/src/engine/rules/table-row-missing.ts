import { localized, type RuleFinding, type Rule } from '../finding';

/** 统计表中找不到某些行：可能漏了行，或行名与格式相差太远；涉及这些行的核对被跳过。 */
export const tableRowMissing: Rule = {
  id: 'table-row-missing',
  severity: 'information',
  fixable: false,
  description: localized('统计表的行齐全、可识别', 'Every row of a statistical table is present and recognisable'),
  check(report) {
    const out: RuleFinding[] = [];
    for (const t of report.tables.values()) {
      if (t.rows.size === 0) continue; // the whole table is missing: required-table says so
      // a row summed up by another row standing for it (the 2019 single （六）) is not missing
      const missing = t.schema.rows.filter((r) => !r.optional && !t.rows.has(r.id) && t.resolveRows([r.id])[0] === r.id);
      if (!missing.length) continue;
      const first = [...t.rows.values()].sort((a, b) => a.start - b.start)[0];
      const list = missing.map((r) => r.label).join('、');
      out.push({
        message: localized(
          `${t.schema.name.zh}中找不到 ${missing.length} 行（${list}），涉及这些行的核对未进行。请检查行名和每行的数字个数（应为 ${t.schema.columns.length} 个）`,
          `${t.schema.name.en}: ${missing.length} row(s) not found (${list}); checks involving them were skipped. Check the row labels and that each row has ${t.schema.columns.length} figures`,
        ),
        start: first.start,
        end: first.end,
        related: [],
      });
    }
    return out;
  },
};
