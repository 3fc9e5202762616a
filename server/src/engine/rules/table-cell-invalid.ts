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
      for (const [rowId, row] of t.rows) {
        if (seen.has(row)) continue;
        seen.add(row);
        // a row of marks only (规章 | / | / | /): the item may not apply to the office, which is said once, softly
        if (t.schema.rowMayNotApply && row.cells.length && row.cells.every((c) => c.value.kind === 'placeholder')) {
          const first = row.cells[0];
          const last = row.cells[row.cells.length - 1];
          const marks = [...new Set(row.cells.map((c) => c.raw.trim()))].join('」「');
          const label = t.schema.rows.find((r) => r.id === rowId)?.label ?? row.ownLabel.trim();
          out.push({
            severity: 'information',
            message: localized(
              `${t.schema.name.zh}：「${label}」一行都填的是「${marks}」：本单位没有这一项的，可在正文中说明；有这一项而数量为零的，应填 0`,
              `${t.schema.name.en}: the row “${label}” holds only “${marks}”: if the item does not apply to the office, say so in the text; if it does and the count is none, write 0`,
            ),
            start: first.start,
            end: last.end,
            related: [],
          });
          continue;
        }
        for (const c of row.cells) {
          const v = c.value;
          // XX left to fill in a draft: the placeholder rule says so once for the table
          if (v.kind === 'unfilled') continue;
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
