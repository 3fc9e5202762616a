import type { Worksheet } from 'exceljs';
import { ruleRegistry } from '../../engine';
import type { FileResult } from '../results';
import { FINDING_COLUMNS, WORDS, countsOf, findingCells, findingRows, ruleHref, type Counts, type SummaryOptions } from './summary-words';

// --summary FILE.xlsx: the workbook a reviewer files and forwards. Sheet 1 one row a report, sheet 2
// every finding (filter it by office, rule or severity), sheet 3 the totals by rule. Each sheet's
// header stays in view and carries a filter.

/** How wide a text shows: a Chinese character takes two columns of a Latin one. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch)
      ? 2
      : 1;
  return w;
}

type Cell = string | number | { text: string; hyperlink: string };

/** A sheet with a header row kept in view, a filter on it, and columns as wide as what they hold (within reason). */
function table(sheet: Worksheet, header: string[], rows: Cell[][], wide: readonly number[] = []): void {
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: header.length } };
  header.forEach((h, i) => {
    const texts = [h, ...rows.map((r) => r[i]).map((c) => (typeof c === 'object' ? c.text : String(c ?? '')))];
    const column = sheet.getColumn(i + 1);
    // + 4: room for the filter's button
    // the widest by a loop: a column of every finding may hold more than a call takes arguments
    column.width = Math.min(texts.reduce((w, t) => Math.max(w, displayWidth(t)), 0) + 4, wide.includes(i) ? 80 : 40);
    if (wide.includes(i)) column.alignment = { wrapText: true, vertical: 'top' };
  });
}

function reportsSheet(sheet: Worksheet, results: readonly FileResult[], options: SummaryOptions): void {
  const w = WORDS[options.lang];
  const header = [w.office, w.year, w.schema, w.errors, w.warnings, w.information, w.firstError, w.previous, w.file];
  const rows = results.map((f) => {
    const c = countsOf(f.diagnostics);
    return [
      f.report.office ?? '',
      f.report.year ?? '',
      f.schema ?? w.notRecognised,
      c.errors,
      c.warnings,
      c.information,
      f.diagnostics.find((d) => d.severity === 'error')?.message ?? '',
      f.previous ?? '',
      f.path,
    ];
  });
  table(sheet, header, rows, [6]);
}

function findingsSheet(sheet: Worksheet, results: readonly FileResult[], options: SummaryOptions): void {
  const w = WORDS[options.lang];
  const rows: Cell[][] = findingRows(results).map((r) => findingCells(r, options.lang));
  const rule = FINDING_COLUMNS.indexOf('rule');
  if (options.docsBase) for (const r of rows) r[rule] = { text: String(r[rule]), hyperlink: ruleHref(options.docsBase, String(r[rule])) };
  table(
    sheet,
    FINDING_COLUMNS.map((k) => w[k]),
    rows,
    [FINDING_COLUMNS.indexOf('message')],
  );
}

function rulesSheet(sheet: Worksheet, results: readonly FileResult[], options: SummaryOptions): void {
  const w = WORDS[options.lang];
  const byRule = new Map<string, { counts: Counts; files: number }>();
  for (const f of results) {
    const mine = new Map<string, FileResult['diagnostics']>();
    for (const d of f.diagnostics) mine.set(d.rule, [...(mine.get(d.rule) ?? []), d]);
    for (const [rule, ds] of mine) {
      const entry = byRule.get(rule) ?? { counts: { errors: 0, warnings: 0, information: 0 }, files: 0 };
      const c = countsOf(ds);
      entry.counts.errors += c.errors;
      entry.counts.warnings += c.warnings;
      entry.counts.information += c.information;
      entry.files++;
      byRule.set(rule, entry);
    }
  }
  const sum = (c: Counts) => c.errors + c.warnings + c.information;
  const found = [...byRule].sort((a, b) => sum(b[1].counts) - sum(a[1].counts) || a[0].localeCompare(b[0]));
  const describe = (rule: string) => ruleRegistry.find((r) => r.id === rule)?.description[options.lang] ?? '';
  const rows: Cell[][] = found.map(([rule, { counts, files }]) => [
    options.docsBase ? { text: rule, hyperlink: ruleHref(options.docsBase, rule) } : rule,
    describe(rule),
    counts.errors,
    counts.warnings,
    counts.information,
    sum(counts),
    files,
  ]);
  const total = countsOf(results.flatMap((f) => f.diagnostics));
  const reports = results.filter((f) => f.diagnostics.length).length;
  table(sheet, [w.rule, w.description, w.errors, w.warnings, w.information, w.total, w.reports], rows, [1]);
  // the totals by severity, below the filtered range so that sorting leaves them at the bottom
  const last = sheet.addRow([w.total, '', total.errors, total.warnings, total.information, sum(total), reports]);
  last.font = { bold: true };
}

/** The workbook's bytes. exceljs is loaded on first use: a run without --summary FILE.xlsx never pays for it. */
export async function summaryXlsx(results: readonly FileResult[], options: SummaryOptions): Promise<Uint8Array> {
  // require, not import(): a dynamic import of this CommonJS package gives its exports under `default` only
  const { Workbook } = require('exceljs') as typeof import('exceljs');
  const book = new Workbook();
  book.creator = 'nianbao';
  const zh = options.lang === 'zh';
  reportsSheet(book.addWorksheet(zh ? '报告' : 'Reports'), results, options);
  findingsSheet(book.addWorksheet(zh ? '问题' : 'Findings'), results, options);
  rulesSheet(book.addWorksheet(zh ? '规则' : 'Rules'), results, options);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
