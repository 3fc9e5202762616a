import type { BoundTable } from '../bind';
import type { Cell } from '../model';
import type { Localized, TableSchema } from '../schema';

// Shared wording of table findings: how a row, column or cell of an official table is named.

type Line = { label: string };

/** 「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」 reads better as 「（二）部分公开」. */
export function shortLabel(line: Line): string {
  const l = line.label.replace(/^(.{4,}?)[（(][^）)]{6,}[）)]$/, '$1');
  return l.length > 18 ? l.slice(0, 17) + '…' : l;
}

export function tableName(t: BoundTable): Localized {
  return t.schema.name;
}

export function cellName(t: TableSchema, row: Line, column: Line): Localized {
  const onlyRow = t.rows.length === 1;
  const onlyCol = t.columns.length === 1;
  if (onlyCol) return { zh: `「${shortLabel(row)}」`, en: `“${shortLabel(row)}”` };
  if (onlyRow) return { zh: `「${shortLabel(column)}」`, en: `“${shortLabel(column)}”` };
  return { zh: `「${shortLabel(row)}」行「${shortLabel(column)}」列`, en: `row “${shortLabel(row)}”, column “${shortLabel(column)}”` };
}

import { numberText } from '../numbers';

export { numberText };

/** A number cell's value; blanks count as 0 and are reported; undefined when not a number. */
export function cellNumber(c: Cell | undefined): { readonly value: number; readonly blank?: boolean } | undefined {
  if (!c) return undefined;
  // the cell's own value object, or one shared for all blanks: the sums read every cell of every table
  if (c.value.kind === 'number') return c.value;
  if (c.value.kind === 'blank') return BLANK_NUMBER;
  return undefined;
}

const BLANK_NUMBER = Object.freeze({ value: 0, blank: true });

/** The edit that writes a number into a cell; a blank pipe cell keeps its "| x |" spacing. */
export function replaceCell(text: string, c: Cell, v: number): { start: number; end: number; newText: string } {
  const n = numberText(v);
  if (c.value.kind !== 'blank') return { start: c.start, end: c.end, newText: n };
  const before = text[c.start - 1] === '|' ? ' ' : '';
  const after = text[c.end] === '|' ? ' ' : '';
  return { start: c.start, end: c.end, newText: before + n + after };
}

/**
 * The lines an identity is checked along, with cell access: an identity "each row" relates the columns of
 * every row, "each column" the rows of every column.
 */
export function identityLines(
  t: BoundTable,
  each: 'row' | 'column',
): { other: Line & { id: string }; at: (id: string) => Cell | undefined; line: (id: string) => Line & { id: string } }[] {
  const table = t.schema;
  const across = each === 'row' ? table.rows : table.columns;
  const lines = each === 'row' ? table.columns : table.rows;
  const line = (id: string) => lines.find((l) => l.id === id)!;
  return across.map((other) => ({ other, line, at: (id: string) => (each === 'row' ? t.cell(other.id, id) : t.cell(id, other.id)) }));
}
