import type { Memoized } from './memo';
import type { Cell, Heading, ReportModel, ValueRow } from './model';
import type { Schema, SectionSchema, TableSchema } from './schema';
import { findContents } from './content';
import { gramScores, labelBigrams, labelIndex, labelsOf, type LabelGrams, type ScoreMatrix } from './text';

// Binding: which heading is which section of the schema, which line is which row of which table.
// Reports keep the official order almost always, while their labels are abbreviated, mistyped or
// broken by PDF extraction; so labels are scored by shared words and then aligned in order.

const SECTION_THRESHOLD = 0.6;
const ROW_THRESHOLD = 0.55;

export interface BoundSection {
  schema: SectionSchema;
  heading: Heading;
}

export interface BoundTable {
  schema: TableSchema;
  /** the report's rows that were recognised, by schema row id */
  rows: Map<string, ValueRow>;
  /** start and end offsets of the part of the report searched for the table */
  region: { start: number; end: number };
  cell(rowId: string, columnId: string): Cell | undefined;
  /** row ids as the report wrote them: rows absent but summed up by a row standing for them are replaced by it */
  resolveRows(ids: readonly string[]): string[];
}

export interface BoundReport extends Memoized {
  model: ReportModel;
  schema: Schema;
  sections: Map<string, BoundSection>;
  /** headings that match a section but stand out of order */
  misplaced: BoundSection[];
  tables: Map<string, BoundTable>;
  /** last year's report of the same office, when the caller has it */
  previous?: BoundReport;
  /** whose report it is, when the caller knows: a department's is due by 1月31日, a government's own by 3月31日 */
  deadline?: 'department' | 'government';
  /** the office's own name (本单位名称), when the user has told it: where the report names itself, it must name this */
  office?: string;
  /** the share of prose repeated from last year's report (0..1) from which repeated-text warns */
  repeatedTextWarnAt?: number;
}

/**
 * Monotone alignment of items to slots maximising the summed score (both in document/schema order), with
 * the scores of `s`. The table of best sums is one array ((items + 1) × (slots + 1)), not one per row.
 */
function align(s: ScoreMatrix, threshold: number): Map<number, number> {
  const n = s.items;
  const m = s.slots;
  const w = m + 1;
  const best = new Float64Array((n + 1) * w);
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) {
      let v = Math.max(best[(i - 1) * w + j], best[i * w + j - 1]);
      const sc = s.values[(i - 1) * m + j - 1];
      if (sc >= threshold) v = Math.max(v, best[(i - 1) * w + j - 1] + sc);
      best[i * w + j] = v;
    }
  const pairs = new Map<number, number>(); // slot index → item index
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const sc = s.values[(i - 1) * m + j - 1];
    if (sc >= threshold && best[i * w + j] === best[(i - 1) * w + j - 1] + sc) {
      pairs.set(j - 1, i - 1);
      i--;
      j--;
    } else if (best[i * w + j] === best[(i - 1) * w + j]) i--;
    else j--;
  }
  return pairs;
}

// The bigrams of the labels of each section and row of a schema, made once per schema (labelsOf), and those
// of the report's headings and rows once per binding: the pairs scored are many, the labels few.
const sectionLabels = (s: SectionSchema) => labelsOf(s, s.title, s.aliases);

/** the bigrams of each item's label, computed on first use */
function gramsBy<T>(label: (item: T) => string): (item: T) => LabelGrams {
  const seen = new Map<T, LabelGrams>();
  return (item) => {
    let g = seen.get(item);
    if (!g) seen.set(item, (g = labelBigrams(label(item))));
    return g;
  };
}

function bindSections(model: ReportModel, schema: Schema): { sections: Map<string, BoundSection>; misplaced: BoundSection[] } {
  // Top-level candidates: 一、… lines and Markdown headings.
  const candidates = model.headings.filter((h) => h.numbering?.kind === 'chinese' || (h.mdLevel > 0 && !h.numbering));
  const title = gramsBy((h: Heading) => h.title);
  // sections found by their content (reports before 2019) have no place in an order
  const ordered = schema.sections.filter((s) => !s.content);
  const index = labelIndex(schema, ordered.map(sectionLabels));
  const scores = gramScores(candidates.map(title), index);
  const pairs = align(scores, SECTION_THRESHOLD);
  const sections = new Map<string, BoundSection>();
  const used = new Set<Heading>();
  for (const [j, i] of pairs) {
    sections.set(ordered[j].id, { schema: ordered[j], heading: candidates[i] });
    used.add(candidates[i]);
  }
  for (const [s, heading] of findContents(model, schema)) sections.set(s.id, { schema: s, heading });
  const misplaced: BoundSection[] = [];
  ordered.forEach((s, j) => {
    if (sections.has(s.id)) return;
    let found: Heading | undefined;
    let foundScore = 0.75; // out of order needs a clear match
    for (let i = 0; i < candidates.length; i++) {
      const h = candidates[i];
      const sc = used.has(h) ? 0 : scores.values[i * scores.slots + j];
      if (sc > foundScore) {
        found = h;
        foundScore = sc;
      }
    }
    if (found) misplaced.push({ schema: s, heading: found });
  });
  return { sections, misplaced };
}

/**
 * The stretch of text where a section's table should be: from its heading (found in order or out of it)
 * to the next section heading; for a section not found, the gap where it belongs.
 */
function regionOf(
  sectionId: string,
  schema: Schema,
  sections: Map<string, BoundSection>,
  misplaced: BoundSection[],
  textLength: number,
): { start: number; end: number } {
  const headings = [...sections.values(), ...misplaced]
    .filter((b) => !b.schema.content)
    .map((b) => b.heading.start)
    .sort((a, b) => a - b);
  const own = sections.get(sectionId) ?? misplaced.find((m) => m.schema.id === sectionId);
  if (own && !own.schema.content) return { start: own.heading.start, end: headings.find((h) => h > own.heading.start) ?? textLength };
  const order = schema.sections.filter((s) => !s.content).map((s) => s.id);
  const k = order.indexOf(sectionId);
  const before = order
    .slice(0, k)
    .reverse()
    .map((id) => sections.get(id))
    .find((b) => b);
  const after = order
    .slice(k + 1)
    .map((id) => sections.get(id))
    .find((b) => b);
  return { start: before?.heading.start ?? 0, end: after?.heading.start ?? textLength };
}

const rowLabels = (r: { label: string; aliases: string[] }) => labelsOf(r, r.label, r.aliases);

function bindTable(table: TableSchema, rows: ValueRow[]): Map<string, ValueRow> {
  const width = table.columns.length;
  const bound = new Map<string, ValueRow>();
  if (table.flattened && table.rows.length > 1) {
    const whole = rows.find((r) => r.cells.length === width * table.rows.length);
    if (whole) {
      for (const r of table.rows) bound.set(r.id, whole);
      return bound;
    }
  }
  const candidates = rows.filter((r) => r.cells.length === width);
  // Rows written without labels (the blocks of table 四 under their own headers) are taken in order.
  if (table.flattened && candidates.length === table.rows.length && candidates.every((r) => !r.ownLabel)) {
    table.rows.forEach((r, i) => bound.set(r.id, candidates[i]));
    return bound;
  }
  const label = gramsBy((r: ValueRow) => r.label);
  const pairs = align(gramScores(candidates.map(label), labelIndex(table.rows, table.rows.map(rowLabels))), ROW_THRESHOLD);
  for (const [j, i] of pairs) bound.set(table.rows[j].id, candidates[i]);
  return bound;
}

export function bindReport(model: ReportModel, schema: Schema): BoundReport {
  const { sections, misplaced } = bindSections(model, schema);
  const tables = new Map<string, BoundTable>();
  for (const t of schema.tables) {
    // a section found by its content is no stretch of text: its table may stand anywhere
    const byContent = schema.sections.some((s) => s.id === t.section && s.content);
    const region = byContent ? { start: 0, end: model.text.length } : regionOf(t.section, schema, sections, misplaced, model.text.length);
    const inRegion = model.rows.filter((r) => r.start >= region.start && r.end <= region.end);
    const rows = bindTable(t, inRegion);
    const colIndex = new Map(t.columns.map((c, i) => [c.id, i]));
    const rowIndex = new Map(t.rows.map((r, i) => [r.id, i]));
    tables.set(t.id, {
      schema: t,
      rows,
      region,
      resolveRows(ids) {
        const out: string[] = [];
        for (const id of ids) {
          const standIn = rows.has(id)
            ? undefined
            : t.rows.find((r) => r.standsFor.includes(id) && rows.has(r.id) && r.standsFor.every((x) => !rows.has(x)));
          const use = standIn ? standIn.id : id;
          if (!out.includes(use)) out.push(use);
        }
        return out;
      },
      cell(rowId, columnId) {
        const row = rows.get(rowId);
        const c = colIndex.get(columnId);
        if (!row || c === undefined) return undefined;
        if (row.cells.length === t.columns.length) return row.cells[c];
        return row.cells[rowIndex.get(rowId)! * t.columns.length + c];
      },
    });
  }
  return { model, schema, sections, misplaced, tables, memo: new Map() };
}
