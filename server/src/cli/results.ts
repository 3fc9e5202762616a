import { lineStarts, rangeOf, type CheckResult, type Finding, type Range, type Severity } from '../engine';
import type { BoundReport } from '../engine/bind';
import { placeAt } from '../engine/editor/cells';
import type { Lang } from '../config';
import type { SourceLocation } from '../documents/types';
import { YEAR } from '../previous';

// FileResult: what checking one file gave, in the form every output format reads (text, JSON, SARIF,
// the summaries). Messages are in one language; positions are LSP's (0-based, UTF-16).

export interface FileDiagnostic {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  related: { message: string; range: Range }[];
  /** where it is in the original file, for a report read from Word, PDF or a web page */
  source?: SourceLocation;
  /** the edits that fix it, in the checked text */
  fix?: { title: string; edits: { range: Range; newText: string }[] };
  /** the arithmetic behind it: the parts, what they add up to and what the report says */
  arithmetic?: { operands: { label: string; value: number; range: Range; cell?: CellRef }[]; expected: number; actual: number };
  /** the table cell it stands on (with `withTables`) */
  cell?: CellRef;
}

/** A cell of one of the report's statistical tables, by the schema's ids. */
export interface CellRef {
  table: string;
  row: string;
  column: string;
}

/** A statistical table as the report wrote it, so that a wrong cell can be shown among its neighbours. */
export interface ResultTable {
  id: string;
  name: string;
  columns: { id: string; label: string }[];
  /** the rows found in the report, in the schema's order; a cell the report left out is null */
  rows: { id: string; label: string; cells: ({ text: string; range: Range } | null)[] }[];
}

export interface FileResult {
  path: string;
  /** the schema the report was checked against; null: not recognised, not checked */
  schema: string | null;
  /** what the report says of itself: its title, the office (the title without year and kind) and the year */
  report: { title?: string; office?: string; year?: number };
  /** the path of last year's report it was compared with */
  previous?: string;
  diagnostics: FileDiagnostic[];
  /** the report's statistical tables (with `withTables`) */
  tables?: ResultTable[];
}

/** "平潭综合实验区2022年政府信息公开工作年度报告" → "平潭综合实验区" */
export function officeOf(title: string | undefined): string | undefined {
  const office = title
    ?.replace(/^[#\s]+/, '')
    .replace(YEAR, '')
    .replace(/(关于)?(政府)?信息公开.*$|年度报告.*$|年报.*$/, '')
    .trim();
  return office || undefined;
}

export interface ResultOptions {
  lang: Lang;
  /** the place in the source of an offset, for a converted file */
  locate?: (offset: number) => SourceLocation | undefined;
  previous?: string;
  /** add the report's tables and the cell of each finding, for a summary that shows them (the others stay small) */
  withTables?: boolean;
}

export function fileResult(path: string, text: string, checked: CheckResult, options: ResultOptions): FileResult {
  const { lang, locate } = options;
  // where the lines start, when a finding needs them: the checked model has its lines already
  let starts: number[] | undefined;
  const lineStartsOf = () => (checked.model.text === text ? checked.model.lines.map((l) => l.start) : lineStarts(text));
  const range = (start: number, end: number) => rangeOf((starts ??= lineStartsOf()), start, end);
  const title = checked.model.title?.text;
  const cellAt = (offset: number): { cell?: CellRef } => {
    const cell = options.withTables ? cellRefAt(checked.bound, offset) : undefined;
    return cell ? { cell } : {};
  };
  return {
    path,
    schema: checked.detection.schema?.id ?? null,
    report: { title, office: officeOf(title), year: checked.model.year },
    ...(options.previous ? { previous: options.previous } : {}),
    diagnostics: checked.findings.map((f: Finding): FileDiagnostic => {
      const source = locate?.(f.start);
      return {
        rule: f.rule,
        severity: f.severity,
        message: f.message[lang],
        range: range(f.start, f.end),
        // a place in last year's report is for the editor, which can open it; these outputs speak of this file only
        related: f.related.filter((x) => !x.inPrevious).map((x) => ({ message: x.message[lang], range: range(x.start, x.end) })),
        ...(source ? { source } : {}),
        ...(f.fix
          ? { fix: { title: f.fix.title[lang], edits: f.fix.edits.map((e) => ({ range: range(e.start, e.end), newText: e.newText })) } }
          : {}),
        ...(f.arithmetic
          ? {
              arithmetic: {
                operands: f.arithmetic.operands.map((o) => ({
                  label: o.label[lang],
                  value: o.value,
                  range: range(o.start, o.end),
                  ...cellAt(o.start),
                })),
                expected: f.arithmetic.expected,
                actual: f.arithmetic.actual,
              },
            }
          : {}),
        ...cellAt(f.start),
      };
    }),
    ...(options.withTables && checked.bound ? { tables: tablesOf(checked.bound, lang, range) } : {}),
  };
}

function cellRefAt(bound: BoundReport | undefined, offset: number): CellRef | undefined {
  const place = placeAt(bound, offset);
  return place?.cell && place.column ? { table: place.table.schema.id, row: place.row.id, column: place.column.id } : undefined;
}

function tablesOf(bound: BoundReport, lang: Lang, range: (start: number, end: number) => Range): ResultTable[] {
  const out: ResultTable[] = [];
  for (const table of bound.tables.values()) {
    const t = table.schema;
    const rows = t.rows
      .filter((r) => table.rows.has(r.id))
      .map((r) => ({
        id: r.id,
        label: r.label,
        cells: t.columns.map((c) => {
          const cell = table.cell(r.id, c.id);
          return cell ? { text: cell.raw, range: range(cell.start, cell.end) } : null;
        }),
      }));
    if (rows.length) out.push({ id: t.id, name: t.name[lang], columns: t.columns.map((c) => ({ id: c.id, label: c.label })), rows });
  }
  return out;
}
