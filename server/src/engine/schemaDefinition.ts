import * as z from 'zod';
import type { Localized, Schema, SchemaProblem } from './schema';

// A schema is data: the sections a kind of report must have, its statistical tables and the
// arithmetic between their cells. Built-in schemas are JSON files beside this one; users may write
// their own in the same shape. Nothing in a schema is executed: labels are compared as words.

const Id = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'an id: a letter, then letters, digits, - or _');
const Localized = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const Labels = z.array(z.string().min(1).max(200)).max(50);

const Keywords = z.array(z.string().min(1).max(40)).max(60);

/**
 * How a section is found by what it says rather than by its heading (reports before 2019 were free
 * prose with headings of their own choosing): a paragraph, or a clause, holding one word of every group.
 */
const Content = z
  .object({
    /** every group must be matched by one of its words, in the same paragraph or clause */
    all: z.array(Keywords.min(1)).min(1).max(8),
    /** a paragraph or clause holding one of these words does not count (the outline 本报告由……组成) */
    not: Keywords.default([]),
    /** paragraph: one line of the report; clause: a stretch between ，。；：！？ */
    within: z.enum(['paragraph', 'clause']).default('paragraph'),
    /** how sure a report without it is wrong: 其他需要报告的事项 is often left out when there is none */
    whenMissing: z.enum(['warning', 'information']).default('warning'),
    /**
     * Rows of a table (table.row) that report the item when all of them hold a figure (行政复议数 | 0,
     * 行政诉讼数 | 0): the item is then reported, in the table only, and that is said softly.
     */
    tableRows: z
      .array(z.string().regex(/^[A-Za-z][\w-]*\.[A-Za-z][\w-]*$/, 'a row: table.row'))
      .max(20)
      .default([]),
  })
  .strict();

const Section = z
  .object({
    id: Id,
    title: z.string().min(1), // the official heading, numbering included: 一、总体情况
    aliases: Labels.default([]), // other headings seen for the same section
    required: z.boolean().default(true),
    /** found by its content anywhere in the report, in any order, instead of by an ordered heading */
    content: Content.optional(),
  })
  .strict();

const Line = z.object({ id: Id, label: z.string().min(1), aliases: Labels.default([]) }).strict();

const Row = Line.extend({
  /** a row reports may leave out without being told */
  optional: z.boolean().default(false),
  /** this row may be written instead of these rows, as their sum (the 2019 single （六）其他处理 row in a 2021 table) */
  standsFor: z.array(Id).default([]),
}).strict();

/** 'row': in every row, the total column = the part columns; 'column': in every column, the total row = the part rows */
const Each = z.enum(['row', 'column']);

/** a total and the cells that make it up, in each row or in each column */
const totalOfParts = { id: Id, each: Each, total: Id, parts: z.array(Id).min(1) };

const Sum = z.object({ kind: z.literal('sum'), ...totalOfParts }).strict();

const Balance = z
  .object({
    kind: z.literal('balance'),
    id: Id,
    each: Each,
    left: z.array(Id).min(1),
    right: z.array(Id).min(1),
  })
  .strict();

/**
 * 其中 rows: parts of a total that may leave some out (主动公开信息数, 其中：网站公开、政府公报公开).
 * Parts above the total are certainly wrong; parts below it may be right.
 */
const Breakdown = z.object({ kind: z.literal('breakdown'), ...totalOfParts }).strict();

const Identity = z.discriminatedUnion('kind', [Sum, Balance, Breakdown]);

const Table = z
  .object({
    id: Id,
    name: Localized,
    section: Id,
    required: z.boolean().default(true),
    /** count: whole numbers ≥ 0; amount: any number ≥ 0 (money); signed: whole numbers, may be negative */
    cells: z.enum(['count', 'amount', 'signed']).default('count'),
    /** all rows may be written on one line, row after row (the single row of table 四) */
    flattened: z.boolean().default(false),
    /**
     * A row written all in marks (/, —) may say the item does not apply to the office (规章 where it has no
     * power to make rules): one information for the row instead of a warning for each cell.
     */
    rowMayNotApply: z.boolean().default(false),
    columns: z.array(Line).min(1).max(50),
    rows: z.array(Row).min(1).max(200),
    identities: z.array(Identity).default([]),
  })
  .strict();

const Words = z.array(z.string().min(1).max(40)).min(1).max(60);
const CellRef = z.string().regex(/^[A-Za-z][\w-]*\.[A-Za-z][\w-]*\.[A-Za-z][\w-]*$/, 'a cell: table.row.column');

/**
 * How the prose restates a cell of a table (收到申请 N 件 → 表三 一、本年新收 总计): the words that must
 * stand in the figure's clause, and the cells whose sum the figure must equal.
 */
const Statement = z
  .object({
    id: Id,
    label: Localized,
    /** the figure must equal the sum of these cells … */
    cells: z.array(CellRef).min(1),
    /** … or of one of these other sets (the same words may count something a little different) */
    alternatives: z.array(z.array(CellRef).min(1)).default([]),
    /** each group: one of its words must stand in the figure's clause */
    words: z.array(Words).min(1),
    /** each group: one of its words must stand in the sentence up to the figure … */
    context: z.array(Words).default([]),
    /** … or, for words said once before a list of figures (申请 … 予以公开 7 件，不予公开 1 件), in the paragraph */
    contextScope: z.enum(['sentence', 'paragraph']).default('sentence'),
    /** the last of these words before the figure in its sentence must be one of `topic.words`, not of `topic.rivals` */
    topic: z.object({ words: Words, rivals: Words }).strict().optional(),
    /** none of these may stand in the clause */
    not: z.array(z.string().min(1)).default([]),
    units: z.array(z.string().min(1)).default(['件']),
  })
  .strict();

const AnyColumnRef = z
  .string()
  .regex(
    /^[A-Za-z][\w-]*\.(?:[A-Za-z][\w-]*|\*)\.(?:[A-Za-z][\w-]*|\*)$/,
    'a cell: table.row.column (row * for every row, column * for every column)',
  );

/** A figure carried from last year's report: this year's cell = last year's cells + this year's plus − minus. */
const Chain = z
  .object({
    id: Id,
    label: Localized,
    cell: AnyColumnRef,
    previous: z.array(AnyColumnRef).min(1),
    plus: z.array(AnyColumnRef).default([]),
    minus: z.array(AnyColumnRef).default([]),
    /**
     * When the report given as the previous one is older than last year's: 'skip' the chain, or, for a figure
     * that only grows (历年累计), check that it is 'atLeast' the older report's plus this year's.
     */
    olderReport: z.enum(['skip', 'atLeast']).default('skip'),
  })
  .strict();

export const SchemaDefinition = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    name: Localized,
    description: Localized.optional(),
    /** report years this schema is for, used when the report names no schema */
    years: z.object({ from: z.number().int().optional(), to: z.number().int().optional() }).strict().default({}),
    /** words whose presence marks a report of this format, e.g. a column only this format has */
    markers: Labels.default([]),
    sections: z.array(Section).min(1).max(100),
    tables: z.array(Table).max(50).default([]),
    statements: z.array(Statement).max(200).default([]),
    chains: z.array(Chain).max(50).default([]),
  })
  .strict()
  .superRefine((s, ctx) => crossReferences(s, ctx));

type Definition = z.output<typeof SchemaDefinition>;
type Path = (string | number)[];

/**
 * What ids must agree on across the schema: a table's section, the rows and columns an identity or a
 * statement names, the rows a row stands for (without a cycle), the cells a chain carries. Each issue
 * points at the very id that is wrong and says, in both languages, how to put it right.
 */
function crossReferences(s: Definition, ctx: z.RefinementCtx): void {
  const issue = (path: Path, zh: string, en: string) => ctx.addIssue({ code: 'custom', path, message: en, params: { zh, en } });
  const sectionIds = s.sections.map((x) => x.id);
  unique(sectionIds, ['sections'], issue);
  unique(
    s.tables.map((x) => x.id),
    ['tables'],
    issue,
  );
  s.sections.forEach((section, i) =>
    section.content?.tableRows.forEach((ref, k) => checkRowRef(s, ref, ['sections', i, 'content', 'tableRows', k], issue)),
  );
  s.tables.forEach((t, ti) => checkTable(t, ti, sectionIds, issue));
  s.statements.forEach((st, si) => {
    st.cells.forEach((ref, k) => checkCellRef(s, ref, ['statements', si, 'cells', k], issue));
    st.alternatives.forEach((set, a) => set.forEach((ref, k) => checkCellRef(s, ref, ['statements', si, 'alternatives', a, k], issue)));
  });
  s.chains.forEach((c, ci) => {
    for (const key of ['previous', 'plus', 'minus'] as const)
      c[key].forEach((ref, k) => checkCellRef(s, ref, ['chains', ci, key, k], issue));
    checkCellRef(s, c.cell, ['chains', ci, 'cell'], issue);
  });
}

type Issue = (path: Path, zh: string, en: string) => void;
type TableDef = Definition['tables'][number];

function checkTable(t: TableDef, ti: number, sectionIds: string[], issue: Issue): void {
  if (!sectionIds.includes(t.section))
    issue(
      ['tables', ti, 'section'],
      `没有 id 为「${t.section}」的章节：改为 sections 中某一章节的 id（${sectionIds.join('、')}）`,
      `no section has id "${t.section}": use the id of one of the sections (${sectionIds.join(', ')})`,
    );
  const rowIds = t.rows.map((r) => r.id);
  const colIds = t.columns.map((c) => c.id);
  unique(rowIds, ['tables', ti, 'rows'], issue);
  unique(colIds, ['tables', ti, 'columns'], issue);
  t.rows.forEach((r, ri) =>
    r.standsFor.forEach((id, k) => {
      if (!rowIds.includes(id))
        issue(
          ['tables', ti, 'rows', ri, 'standsFor', k],
          `表「${t.id}」没有 id 为「${id}」的行：standsFor 只能列出本表的行（${rowIds.join('、')}）`,
          `no row of table "${t.id}" has id "${id}": standsFor lists rows of this table (${rowIds.join(', ')})`,
        );
    }),
  );
  const cycle = standsForCycle(t);
  if (cycle)
    issue(
      ['tables', ti, 'rows', cycle.index, 'standsFor'],
      `standsFor 成环（${cycle.ids.join(' → ')}）：一行不能直接或间接代替它自己，删去其中一处`,
      `standsFor goes round in a cycle (${cycle.ids.join(' → ')}): a row cannot stand for itself, directly or not; remove one link`,
    );
  t.identities.forEach((idn, ii) => {
    // an identity "each row" relates columns of that row; "each column" relates rows
    const ids = idn.each === 'row' ? colIds : rowIds;
    const what = idn.each === 'row' ? { zh: '列', en: 'column', list: 'columns' } : { zh: '行', en: 'row', list: 'rows' };
    const keys = idn.kind === 'balance' ? (['left', 'right'] as const) : (['parts'] as const);
    const refs: [Path, string][] = keys.flatMap((key) =>
      ((idn as Record<string, unknown>)[key] as string[]).map((id, k): [Path, string] => [[key, k], id]),
    );
    if (idn.kind !== 'balance') refs.unshift([['total'], idn.total]);
    for (const [where, id] of refs)
      if (!ids.includes(id))
        issue(
          ['tables', ti, 'identities', ii, ...where],
          `表「${t.id}」没有 id 为「${id}」的${what.zh}（each: ${idn.each} 的等式关联的是${what.zh}）：改为 ${what.list} 中的 id（${ids.join('、')}）`,
          `no ${what.en} of table "${t.id}" has id "${id}" (an identity with each: ${idn.each} relates ${what.list}): use one of ${ids.join(', ')}`,
        );
    if (idn.kind !== 'balance' && idn.parts.includes(idn.total))
      issue(
        ['tables', ti, 'identities', ii, 'parts', idn.parts.indexOf(idn.total)],
        `合计「${idn.total}」不能又是它自己的一部分：从 parts 中删去`,
        `the total "${idn.total}" cannot be one of its own parts: remove it from parts`,
      );
  });
}

/** The first cycle of standsFor links among a table's rows, with the row it starts from. */
function standsForCycle(t: TableDef): { index: number; ids: string[] } | undefined {
  const links = new Map(t.rows.map((r) => [r.id, r.standsFor]));
  const done = new Set<string>();
  const visit = (id: string, trail: string[]): string[] | undefined => {
    if (trail.includes(id)) return [...trail.slice(trail.indexOf(id)), id];
    if (done.has(id)) return undefined;
    for (const next of links.get(id) ?? []) {
      const found = visit(next, [...trail, id]);
      if (found) return found;
    }
    done.add(id);
    return undefined;
  };
  for (const r of t.rows) {
    const ids = visit(r.id, []);
    if (ids) return { index: t.rows.findIndex((x) => x.id === ids[0]), ids };
  }
  return undefined;
}

function checkRowRef(s: Definition, ref: string, path: Path, issue: Issue): void {
  const [tableId, rowId] = ref.split('.');
  const t = s.tables.find((x) => x.id === tableId);
  if (!t) issue(path, noTable(s, tableId).zh, noTable(s, tableId).en);
  else if (!t.rows.some((r) => r.id === rowId))
    issue(
      path,
      `表「${t.id}」没有 id 为「${rowId}」的行：写成 表.行，行 id 为 ${t.rows.map((r) => r.id).join('、')} 之一`,
      `no row of table "${t.id}" has id "${rowId}": write table.row, the row one of ${t.rows.map((r) => r.id).join(', ')}`,
    );
}

/** table.row.column; in a chain, row or column * stands for every one. */
function checkCellRef(s: Definition, ref: string, path: Path, issue: Issue): void {
  const [tableId, rowId, colId] = ref.split('.');
  const t = s.tables.find((x) => x.id === tableId);
  if (!t) return issue(path, noTable(s, tableId).zh, noTable(s, tableId).en);
  if (rowId !== '*' && !t.rows.some((r) => r.id === rowId))
    return issue(
      path,
      `「${ref}」：表「${t.id}」没有 id 为「${rowId}」的行；行 id 为 ${t.rows.map((r) => r.id).join('、')}`,
      `"${ref}": no row of table "${t.id}" has id "${rowId}"; the rows are ${t.rows.map((r) => r.id).join(', ')}`,
    );
  if (colId !== '*' && !t.columns.some((c) => c.id === colId))
    issue(
      path,
      `「${ref}」：表「${t.id}」没有 id 为「${colId}」的列；列 id 为 ${t.columns.map((c) => c.id).join('、')}`,
      `"${ref}": no column of table "${t.id}" has id "${colId}"; the columns are ${t.columns.map((c) => c.id).join(', ')}`,
    );
}

function noTable(s: Definition, tableId: string): Localized {
  const ids = s.tables.map((t) => t.id);
  return ids.length
    ? {
        zh: `没有 id 为「${tableId}」的表：改为 tables 中某一表的 id（${ids.join('、')}）`,
        en: `no table has id "${tableId}": use one of ${ids.join(', ')}`,
      }
    : { zh: `没有 id 为「${tableId}」的表：先在 tables 中定义它`, en: `no table has id "${tableId}": define it under tables first` };
}

function unique(ids: string[], path: Path, issue: Issue): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) issue([...path, i, 'id'], `id「${id}」重复：改为另一个 id`, `duplicate id "${id}": choose another id`);
    seen.add(id);
  });
}

/** What schema.ts's validateSchema does, once zod is loaded. */
export function validateNow(data: unknown): { schema?: Schema; problems: SchemaProblem[] } {
  const r = SchemaDefinition.safeParse(data);
  if (r.success) return { schema: r.data, problems: [] };
  return {
    problems: r.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
      issue: i,
    })),
  };
}
