import type { BoundReport, BoundTable } from './bind';
import { toHalfWidth } from './text';

/**
 * The lines each recognised table takes in a report: its rows, and the header lines just above them
 * (PDF text breaks one header cell over several lines), in document order. For writing a table anew.
 */
export function tableBlocks(bound: BoundReport): { table: BoundTable; first: number; last: number }[] {
  const lines = bound.model.lines;
  const headings = new Set(bound.model.headings.map((h) => h.line));
  const rowLines = (t: BoundTable) => [...t.rows.values()].map((r) => r.line);
  const tables = [...bound.tables.values()].filter((t) => t.rows.size).sort((a, b) => Math.min(...rowLines(a)) - Math.min(...rowLines(b)));
  const blocks: { table: BoundTable; first: number; last: number }[] = [];
  for (const table of tables) {
    let first = Math.min(...rowLines(table));
    const last = Math.max(...rowLines(table));
    // a table of 表二 follows another: the header lines between them are the second one's
    const taken = (l: number) => blocks.some((b) => l >= b.first && l <= b.last);
    while (first > 0 && !taken(first - 1) && !headings.has(first - 1) && headerLike(lines[first - 1].text)) first--;
    blocks.push({ table, first, last });
  }
  return blocks;
}

function headerLike(line: string): boolean {
  const t = toHalfWidth(line).trim();
  return t === '' || (t.length <= 80 && !/[。；！？]/.test(t) && !/^#/.test(t) && !/^---/.test(t));
}
