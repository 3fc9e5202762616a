import { localized, type RuleFinding, type Rule } from '../finding';
import type { ValueRow } from '../model';
import { replaceCell, shortLabel } from './tableText';

/** 统计表中应填数字的单元格留空：没有的数量应填 0（评议时空格会被扣分）。 */
export const tableBlankCell: Rule = {
  id: 'table-blank-cell',
  severity: 'warning',
  fixable: true,
  description: localized('统计表中不留空白单元格，数量为零时填 0', 'No blank cells in a statistical table: write 0 for none'),
  check(report) {
    const out: RuleFinding[] = [];
    const seen = new Set<ValueRow>();
    for (const t of report.tables.values()) {
      for (const [rowId, row] of t.rows) {
        if (seen.has(row)) continue; // table 四 may put all its rows on one line
        seen.add(row);
        const names: string[] = [];
        const blanks = row.cells.filter((c, i) => {
          if (c.value.kind !== 'blank') return false;
          const col = t.schema.columns[i % t.schema.columns.length];
          const block = t.schema.rows[Math.floor(i / t.schema.columns.length)];
          names.push(row.cells.length > t.schema.columns.length ? `${block.label}-${col.label}` : col.label);
          return true;
        });
        if (!blanks.length) continue;
        const label = row.cells.length > t.schema.columns.length ? '' : shortLabel(t.schema.rows.find((r) => r.id === rowId)!);
        const list = names.join('、');
        out.push({
          message: localized(
            `${t.schema.name.zh}：${label ? `「${label}」行` : ''}有 ${blanks.length} 个空白单元格（${list}）：数量为零时应填 0`,
            `${t.schema.name.en}${label ? `, row “${label}”,` : ''} has ${blanks.length} blank cell(s) (${list}): write 0 where there is none`,
          ),
          start: row.start,
          end: row.end,
          related: [],
          fix: {
            title: localized('空白单元格填 0', 'Fill blank cells with 0'),
            edits: blanks.map((c) => replaceCell(report.model.text, c, 0)),
          },
        });
      }
    }
    return out;
  },
};
