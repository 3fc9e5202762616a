import { localized, type RuleFinding, type Rule } from '../finding';
import type { ValueRow } from '../model';

/** 数量单元格只能是不小于 0 的整数：不能是文字、符号、负数或小数。 */
export const tableCellInvalid: Rule = {
  id: 'table-cell-invalid',
  severity: 'error',
  fixable: false,
  description: localized('统计表中的数量是不小于 0 的整数', 'Counts in a statistical table are whole numbers of at least 0'),
  check(report) {
    const out: RuleFinding[] = [];
    const seen = new Set<ValueRow>();
    for (const t of report.tables.values()) {
      const kind = t.schema.cells;
      for (const row of t.rows.values()) {
        if (seen.has(row)) continue;
        seen.add(row);
        for (const c of row.cells) {
          const v = c.value;
          let problem: { zh: string; en: string } | undefined;
          let severity: RuleFinding['severity'] = 'error';
          if (v.kind === 'placeholder' || v.kind === 'text') {
            problem = localized(`「${c.raw}」不是数字：数量为零时应填 0`, `“${c.raw}” is not a number: write 0 where there is none`);
            severity = 'warning';
          } else if (v.kind === 'number' && kind !== 'signed' && v.value < 0) {
            problem = localized(`数量不能为负数：${c.raw}`, `a count cannot be negative: ${c.raw}`);
          } else if (v.kind === 'number' && kind === 'count' && !Number.isInteger(v.value)) {
            problem = localized(`件数应为整数：${c.raw}`, `a count must be a whole number: ${c.raw}`);
          }
          if (problem)
            out.push({
              severity,
              message: localized(`${t.schema.name.zh}：${problem.zh}`, `${t.schema.name.en}: ${problem.en}`),
              start: c.start,
              end: c.end,
              related: [],
            });
        }
      }
    }
    return out;
  },
};
