import { bindReport, type BoundReport, type BoundTable } from '../bind';
import type { CheckResult } from '../index';
import { lineIndexAt, type Line, type ValueRow } from '../model';
import type { Schema } from '../schema';
import { escapeSnippet, sectionHeading } from '../template';
import { pick, type Lang } from './l10n';

// Completion while writing a report: the next section heading on an empty line, the missing rows
// of the table the cursor stands in, the schema ids after `schema:` in the front matter.

export interface Completion {
  kind: 'section' | 'row' | 'schema';
  label: string;
  detail?: string;
  documentation?: string;
  /** plain text replacing [start, end) */
  insertText: string;
  /** the same as a snippet, with tab stops in the cells */
  snippet?: string;
  filterText: string;
  sortText: string;
  preselect?: boolean;
  start: number;
  end: number;
}

export interface CompletionOptions {
  lang: Lang;
  /** Markdown (or nianbao) rather than plain text: headings get # marks when the report has none yet */
  markdown: boolean;
  /** the schemas a report may name; the first is proposed when none is detected */
  schemas: readonly Schema[];
}

function lineAt(lines: Line[], offset: number): Line {
  return lines[lineIndexAt(lines, offset)];
}

export function completionsAt(result: CheckResult, offset: number, options: CompletionOptions): Completion[] {
  const { model } = result;
  const line = lineAt(model.lines, offset);
  const before = model.text.slice(line.start, Math.min(offset, line.end));
  const after = model.text.slice(Math.min(offset, line.end), line.end);
  if (after.trim()) return []; // only at the end of what is written on the line
  const fm = frontMatterState(model.lines, line.index);
  if (fm === 'inside') return schemaCompletions(line, before, options);
  if (fm === 'fence') return [];
  const schema = result.detection.schema ?? options.schemas[0];
  if (!schema) return [];
  const bound = result.bound ?? bindReport(model, schema);
  const rows = rowCompletions(bound, line, before, options);
  const sections = sectionCompletions(bound, line, before, offset, options, rows.length > 0);
  return [...rows, ...sections];
}

// ---------- front matter ----------

/** Whether a line is inside the front matter; an unclosed front matter near the top counts too. */
function frontMatterState(lines: Line[], index: number): 'inside' | 'fence' | 'outside' {
  if (!/^(---|\+\+\+)\s*$/.test(lines[0]?.text ?? '')) return 'outside';
  if (index === 0) return 'fence';
  const fence = lines[0].text.trim();
  for (let i = 1; i < lines.length && i < 200; i++) {
    if (lines[i].text.trim() === fence || (fence === '---' && lines[i].text.trim() === '...'))
      return index < i ? 'inside' : index === i ? 'fence' : 'outside';
  }
  return index < 30 ? 'inside' : 'outside';
}

function schemaCompletions(line: Line, before: string, options: CompletionOptions): Completion[] {
  const value = /^(\s*schema\s*[:=]\s*)([\w-]*)$/.exec(before);
  const key = /^\s*[A-Za-z]*$/.test(before);
  if (!value && !key) return [];
  const from = value ? line.start + value[1].length : line.start;
  return options.schemas.map((s, i) => {
    const text = value ? s.id : `schema: ${s.id}`;
    return {
      kind: 'schema' as const,
      label: text,
      detail: s.name[options.lang],
      documentation: s.description?.[options.lang],
      insertText: text,
      filterText: text,
      sortText: String(i).padStart(3, '0'),
      preselect: i === 0,
      start: from,
      end: line.end,
    };
  });
}

// ---------- section headings ----------

// what may stand on the line already: # marks, a numeral, 三、 and the start of a title ("一是…" is prose)
const HEADING_PREFIX = /^\s{0,3}(#{1,6}\s*)?([一二三四五六七八九十]{1,3}([、.．][\u3400-\u9fff（）()、]{0,30})?)?$/;

function headingMarks(bound: BoundReport, before: string, markdown: boolean): string {
  const typed = /^\s*(#{1,6})/.exec(before);
  if (typed) return typed[1] + ' ';
  const first = [...bound.sections.values()][0]?.heading;
  if (first) return first.mdLevel ? '#'.repeat(first.mdLevel) + ' ' : '';
  // no section yet: under a "# title", sections are "## "
  const md = bound.model.headings.find((h) => h.mdLevel > 1);
  if (md) return '#'.repeat(md.mdLevel) + ' ';
  return markdown || bound.model.headings.some((h) => h.mdLevel === 1) ? '## ' : '';
}

function sectionCompletions(
  bound: BoundReport,
  line: Line,
  before: string,
  offset: number,
  options: CompletionOptions,
  afterRows: boolean,
): Completion[] {
  if (before.trim() && !HEADING_PREFIX.test(before)) return [];
  const { schema } = bound;
  const present = new Set([...bound.sections.keys(), ...bound.misplaced.map((m) => m.schema.id)]);
  // the sections written above the cursor tell which one comes next
  let last = -1;
  schema.sections.forEach((s, i) => {
    const b = bound.sections.get(s.id);
    if (b && b.heading.start < offset) last = i;
  });
  const marks = headingMarks(bound, before, options.markdown);
  const missing = schema.sections.map((s, i) => ({ s, i })).filter((x) => !present.has(x.s.id));
  // after the ones that follow, the ones that belong further up, nearest first
  const ranked = [...missing.filter((x) => x.i > last), ...missing.filter((x) => x.i < last).reverse()];
  // the heading only: the section's template, body and tables, is a snippet of its own
  return ranked.map(({ s }, rank) => {
    const title = sectionHeading(schema, s);
    const heading = marks + title;
    return {
      kind: 'section' as const,
      label: title,
      detail: pick(
        options.lang,
        rank === 0 ? `下一章（${schema.id}）` : `缺少的章节（${schema.id}）`,
        rank === 0 ? `next section (${schema.id})` : `missing section (${schema.id})`,
      ),
      insertText: heading,
      filterText: /^\s*#/.test(before) ? heading : title,
      sortText: `${afterRows ? 1 : 0}${String(rank).padStart(3, '0')}`,
      preselect: rank === 0 && !afterRows,
      start: line.start,
      end: line.end,
    };
  });
}

// ---------- table rows ----------

/**
 * A row label being typed: after white space and an optional pipe, at most 40 characters with no cell
 * separator or figure yet. (Written without a regular expression: /^\s*\|?\s*[^|\d\t]{0,40}$/ backtracks
 * for minutes over a long blank line with a figure in it.)
 */
function rowPrefix(before: string): boolean {
  let rest = before.trimStart();
  if (rest.startsWith('|')) rest = rest.slice(1).trimStart();
  return rest.length <= 40 && !/[|\d\t]/.test(rest);
}

/** The table whose row stands just above or below the cursor's line. */
function tableAround(bound: BoundReport, index: number): { table: BoundTable; neighbour: ValueRow; above: boolean } | undefined {
  // the row above tells best what comes next; the row below when the cursor opens the table
  for (const above of [true, false])
    for (const table of bound.tables.values()) {
      const rows = [...table.rows.values()];
      if (new Set(rows).size < rows.length) continue; // all rows on one line (table 四 written flat)
      const r = rows.find((x) => x.line === index + (above ? -1 : 1));
      if (r) return { table, neighbour: r, above };
    }
  return undefined;
}

function rowCompletions(bound: BoundReport, line: Line, before: string, options: CompletionOptions): Completion[] {
  if (!rowPrefix(before)) return [];
  const around = tableAround(bound, line.index);
  if (!around) return [];
  const { table, neighbour } = around;
  const t = table.schema;
  const present = (id: string) => table.rows.has(id);
  const missing = t.rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => !present(r.id) && table.resolveRows([r.id])[0] === r.id && !(r.standsFor.length && r.standsFor.some(present)));
  if (!missing.length) return [];
  // rows that belong between the neighbours come first, in the format's order
  const indexOf = (row: ValueRow) => t.rows.findIndex((r) => table.rows.get(r.id) === row);
  const here = indexOf(neighbour);
  const ranked = around.above
    ? [...missing.filter((x) => x.i > here), ...missing.filter((x) => x.i < here)]
    : [...missing.filter((x) => x.i < here).reverse(), ...missing.filter((x) => x.i > here)];
  const layout = neighbour.layout;
  const gfm = layout === 'pipe' && /^\s*\|/.test(bound.model.lines[neighbour.line].text);
  const width = t.columns.length;
  const format = (label: string, cell: (k: number) => string) => {
    const cells = Array.from({ length: width }, (_, k) => cell(k));
    if (gfm) return `| ${label} | ${cells.join(' | ')} |`;
    if (layout === 'pipe') return `${label} | ${cells.join(' | ')}`;
    if (layout === 'tab') return `${label}\t${cells.join('\t')}`;
    return `${label}    ${cells.join('    ')}`;
  };
  return ranked.map(({ r }, rank) => {
    const text = format(r.label, () => '0');
    return {
      kind: 'row' as const,
      label: r.label,
      detail: pick(options.lang, `${t.name.zh}：缺少的行（${width} 个数）`, `${t.name.en}: missing row (${width} figures)`),
      insertText: text,
      snippet: format(escapeSnippet(r.label), (k) => `\${${k + 1}:0}`),
      filterText: /^\s*\|/.test(before) ? text : r.label,
      sortText: `0${String(rank).padStart(3, '0')}`,
      preselect: rank === 0,
      start: line.start,
      end: line.end,
    };
  });
}
