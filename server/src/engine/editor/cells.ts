import type { BoundReport, BoundTable } from '../bind';
import type { Cell, ValueRow } from '../model';
import type { TableSchema } from '../schema';

// Which official row and column a place in the report is, for hovers.

export interface CellPlace {
  table: BoundTable;
  row: TableSchema['rows'][number];
  /** undefined: the row's label, not one of its cells */
  column?: TableSchema['columns'][number];
  cell?: Cell;
  start: number;
  end: number;
}

function placesOf(table: BoundTable, rowId: string, row: ValueRow): CellPlace[] {
  const t = table.schema;
  const width = t.columns.length;
  const flat = row.cells.length > width; // every row of the table on this line, block after block
  const rowIndex = t.rows.findIndex((r) => r.id === rowId);
  const out: CellPlace[] = [];
  row.cells.forEach((cell, i) => {
    const block = flat ? Math.floor(i / width) : rowIndex;
    if (block !== rowIndex) return;
    out.push({ table, row: t.rows[rowIndex], column: t.columns[i % width], cell, start: cell.start, end: cell.end });
  });
  // the label written on the row's own line, before its first cell
  if (!flat && row.ownLabel && row.cells.length) out.push({ table, row: t.rows[rowIndex], start: row.start, end: row.cells[0].start });
  return out;
}

/** The bound cell (or row label) at an offset. */
export function placeAt(bound: BoundReport | undefined, offset: number): CellPlace | undefined {
  if (!bound) return undefined;
  let label: CellPlace | undefined;
  for (const table of bound.tables.values())
    for (const [rowId, row] of table.rows) {
      if (offset < row.start || offset > row.end) continue;
      for (const p of placesOf(table, rowId, row)) {
        if (offset < p.start || offset > p.end) continue;
        if (p.cell) return p;
        label ??= p;
      }
    }
  return label;
}
