import { FINDING_COLUMNS, WORDS, findingCells, findingRows, type SummaryOptions } from './summary-words';
import type { FileResult } from '../results';

// --summary FILE.csv: the findings sheet, one row a finding. UTF-8 with a byte-order mark, because
// Excel reads a CSV without one in the machine's code page and garbles the Chinese; RFC 4180 quoting
// and CRLF line ends, which Excel and every CSV reader take.

/** A field quoted when it must be; text Excel would run as a formula (=, +, -, @) is kept as text. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function summaryCsv(results: readonly FileResult[], options: SummaryOptions): string {
  const words = WORDS[options.lang];
  const lines = [FINDING_COLUMNS.map((k) => csvField(words[k])).join(',')];
  for (const row of findingRows(results)) lines.push(findingCells(row, options.lang).map(csvField).join(','));
  return '\uFEFF' + lines.map((l) => l + '\r\n').join('');
}
