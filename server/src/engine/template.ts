import { templateLayouts, type TableLayout, type TemplateLayout } from './templateLayouts';

// Templates written from a schema, so that they never drift from what the checker expects: the
// whole report, one section, one table. The same text serves the snippets (generated at build
// time), the 新建年度报告 command and the quick fix that inserts a missing section.

/**
 * The parts of a schema a template is written from. A validated schema has them, and so has a
 * built-in schema's JSON as it is: the VS Code client writes its skeleton without loading zod.
 */
export interface TemplateSchema {
  id: string;
  name: { zh: string; en: string };
  sections: readonly TemplateSection[];
  tables?: readonly TemplateTable[];
}

export interface TemplateSection {
  id: string;
  title: string;
}

export interface TemplateTable {
  id: string;
  section: string;
  flattened?: boolean;
  columns: readonly { id: string; label: string }[];
  rows: readonly { id: string; label: string; optional?: boolean; standsFor?: readonly string[] }[];
}

export interface TemplateOptions {
  /** write a VS Code snippet: tab stops on the office, the year, each text to write and each cell */
  snippet?: boolean;
  /** the office publishing the report; a placeholder 单位名称 when absent */
  office?: string;
  /** the year reported on; a placeholder 年份 when absent */
  year?: number | string;
  /** what a table cell holds, when known (an imported report, figures carried from last year); 0 when this gives undefined */
  cell?: (tableId: string, rowId: string, columnId: string) => string | undefined;
  /** the rows a table is written with, when not the official ones (a report that sums （六） on one line) */
  rows?: (table: TemplateTable) => TemplateTable['rows'];
}

/** What a drafter is asked to write where the template cannot know the content. */
export const PROMPT = '（请填写）';
const OFFICE = '单位名称';
const YEAR = '年份';

/** Escapes text for a snippet body or placeholder: $ } and \ are syntax there. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** Accumulates plain text or snippet text; numbers tab stops in document order. */
class Writer {
  private out = '';
  private next = 1;
  private readonly fields = new Map<string, number>();

  constructor(
    private readonly snippet: boolean,
    private readonly values: Record<string, string | undefined>,
    private readonly cells: TemplateOptions['cell'] = () => undefined,
    private readonly rowsOf: TemplateOptions['rows'] = templateRows,
  ) {}

  rows(table: TemplateTable): TemplateTable['rows'] {
    return this.rowsOf!(table);
  }

  /** a table cell: its known value, else 0, as a tab stop */
  cell(table: TemplateTable, rowId: string, columnId: string): { stop: string } {
    return { stop: this.cells?.(table.id, rowId, columnId) ?? '0' };
  }

  text(s: string): this {
    this.out += this.snippet ? escapeSnippet(s) : s;
    return this;
  }

  /** a tab stop showing `placeholder`, or the placeholder itself in plain text */
  stop(placeholder: string): this {
    this.out += this.snippet ? `\${${this.next++}:${escapeSnippet(placeholder)}}` : placeholder;
    return this;
  }

  /** office or year: its value when given, else one tab stop that later mentions mirror */
  field(name: 'office' | 'year', placeholder: string): this {
    const value = this.values[name];
    if (value) return this.text(value);
    if (!this.snippet) return this.text(placeholder);
    const n = this.fields.get(name);
    if (n !== undefined) {
      this.out += `\${${n}}`;
      return this;
    }
    this.fields.set(name, this.next);
    return this.stop(placeholder);
  }

  /** text with {office} and {year} filled in */
  fill(s: string): this {
    for (const part of s.split(/(\{office\}|\{year\})/)) {
      if (part === '{office}') this.field('office', OFFICE);
      else if (part === '{year}') this.field('year', YEAR);
      else if (part) this.text(part);
    }
    return this;
  }

  toString(): string {
    return this.out;
  }
}

function writer(options: TemplateOptions): Writer {
  const year = options.year === undefined ? undefined : String(options.year).trim();
  return new Writer(options.snippet ?? false, { office: options.office?.trim(), year }, options.cell, options.rows);
}

/** The layout of a built-in format; a plain one, from the schema alone, for any other. */
export function layoutOf(schema: TemplateSchema): TemplateLayout {
  return (
    templateLayouts[schema.id] ?? {
      title: `{office}{year}年${schema.name.zh.replace(/\s*[（(][^（）()]*[）)]$/, '')}`,
      preamble: [],
      subsections: {},
      prompts: {},
      tables: {},
    }
  );
}

// ---------- the whole report ----------

/** The complete draft of a report: title, opening paragraph, every section with its tables, cells at 0. */
export function reportSkeleton(schema: TemplateSchema, options: TemplateOptions = {}): string {
  const w = writer(options);
  const layout = layoutOf(schema);
  w.text('# ').fill(layout.title).text('\n');
  for (const p of layout.preamble) w.text('\n').fill(p).text('\n');
  for (const section of schema.sections) {
    w.text('\n');
    writeSection(w, schema, layout, section);
  }
  return w.toString();
}

// ---------- sections ----------

/** One section: its official heading (## 一、总体情况) and its body. */
export function sectionTemplate(schema: TemplateSchema, sectionId: string, options: TemplateOptions = {}): string {
  const section = schema.sections.find((s) => s.id === sectionId);
  if (!section) throw new Error(`no section "${sectionId}" in schema ${schema.id}`);
  const w = writer(options);
  writeSection(w, schema, layoutOf(schema), section);
  return w.toString();
}

/** A section's body without its heading: sub-items, tables, or a line to write. */
export function sectionBody(schema: TemplateSchema, sectionId: string, options: TemplateOptions = {}): string {
  const section = schema.sections.find((s) => s.id === sectionId);
  if (!section) throw new Error(`no section "${sectionId}" in schema ${schema.id}`);
  const w = writer(options);
  writeSectionBody(w, schema, layoutOf(schema), section);
  return w.toString();
}

const NUMBERED = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)])/;
const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 20 → 二十 */
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? DIGITS[tens] : ''}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

/** The section's heading as written in a report: numbered 一、二、… when the schema's title is not. */
export function sectionHeading(schema: TemplateSchema, section: TemplateSection): string {
  if (NUMBERED.test(section.title)) return section.title;
  return `${chineseNumber(schema.sections.indexOf(section) + 1)}、${section.title}`;
}

function writeSection(w: Writer, schema: TemplateSchema, layout: TemplateLayout, section: TemplateSection): void {
  w.text(`## ${sectionHeading(schema, section)}\n\n`);
  writeSectionBody(w, schema, layout, section);
}

function writeSectionBody(w: Writer, schema: TemplateSchema, layout: TemplateLayout, section: TemplateSection): void {
  const blocks: ((w: Writer) => void)[] = [];
  for (const sub of layout.subsections[section.id] ?? []) blocks.push((x) => x.text(`### ${sub}\n\n`).stop(PROMPT).text('\n'));
  for (const table of (schema.tables ?? []).filter((t) => t.section === section.id))
    blocks.push((x) => writeTable(x, table, layout.tables[table.id]));
  if (!blocks.length) blocks.push((x) => x.stop(layout.prompts[section.id] ?? PROMPT).text('\n'));
  blocks.forEach((write, i) => {
    if (i) w.text('\n');
    write(w);
  });
}

// ---------- tables ----------

/** One statistical table as a GFM pipe table: every row and column, 0 in every cell. */
export function tableTemplate(schema: TemplateSchema, tableId: string, options: TemplateOptions = {}): string {
  return tablesTemplate(schema, [tableId], options);
}

/** Several tables one after the other (the four small tables of 表二), a blank line between them. */
export function tablesTemplate(schema: TemplateSchema, tableIds: readonly string[], options: TemplateOptions = {}): string {
  const w = writer(options);
  const layout = layoutOf(schema);
  tableIds.forEach((id, i) => {
    const table = schema.tables?.find((t) => t.id === id);
    if (!table) throw new Error(`no table "${id}" in schema ${schema.id}`);
    if (i) w.text('\n');
    writeTable(w, table, layout.tables[table.id]);
  });
  return w.toString();
}

/** The rows a template writes: a row that only stands for others (the 2019 single （六）) gives way to them. */
export function templateRows(table: TemplateTable): TemplateTable['rows'] {
  return table.rows.filter((r) => !(r.optional && (r.standsFor?.length ?? 0) > 0));
}

type Cell = string | { stop: string };

function writeTable(w: Writer, table: TemplateTable, layout: TableLayout = {}): void {
  const { header, body } = table.flattened && table.rows.length > 1 ? flattenedRows(w, table) : plainRows(w, table, layout);
  const line = (cells: Cell[]): void => {
    w.text('|');
    for (const c of cells) {
      w.text(' ');
      if (typeof c === 'string') w.text(c);
      else w.stop(c.stop);
      w.text(' |');
    }
    w.text('\n');
  };
  line(header[0]);
  w.text(`|${'---|'.repeat(header[0].length)}\n`);
  header.slice(1).forEach(line);
  body.forEach(line);
}

/** Row labels in the first column, a header row per level of column groups. */
function plainRows(w: Writer, table: TemplateTable, layout: TableLayout): { header: string[][]; body: Cell[][] } {
  const columns = table.columns;
  const header: string[][] = [];
  if (layout.caption) header.push([layout.caption, ...columns.map(() => '')]);
  const groups = layout.columnGroups ?? [];
  const chains = columns.map((c) => groups.filter((g) => g.columns.includes(c.id)));
  const depth = Math.max(0, ...chains.map((c) => c.length));
  for (let level = 0; level <= depth; level++) {
    const row = [level === 0 ? (layout.corner ?? '项目') : ''];
    columns.forEach((c, i) => {
      const chain = chains[i];
      if (level < chain.length) row.push(columns.find((x) => chain[level].columns.includes(x.id)) === c ? chain[level].label : '');
      else row.push(level === chain.length ? c.label : '');
    });
    header.push(row);
  }
  const rowGroups = layout.rowGroups ?? [];
  let previous: string | undefined;
  const body = w.rows(table).map((r) => {
    // a group's label is written before the first of its rows: 三、本年度办理结果 （一）予以公开
    const opening = rowGroups.filter((g) => g.rows.includes(r.id) && !(previous && g.rows.includes(previous)));
    previous = r.id;
    const label = [...opening.map((g) => g.label), r.label].join(' ');
    return [label, ...columns.map((c) => w.cell(table, r.id, c.id))];
  });
  return { header, body };
}

/** All rows on one line, a block of columns per row under the row's label (table 四). */
function flattenedRows(w: Writer, table: TemplateTable): { header: string[][]; body: Cell[][] } {
  const rows = w.rows(table);
  const blocks = rows.flatMap((r) => table.columns.map((_, i) => (i === 0 ? r.label : '')));
  const labels = rows.flatMap(() => table.columns.map((c) => c.label));
  const cells = rows.flatMap((r) => table.columns.map((c) => w.cell(table, r.id, c.id)));
  return { header: [blocks, labels], body: [cells] };
}
