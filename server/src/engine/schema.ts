import { z } from 'zod';

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

const Sum = z
  .object({
    kind: z.literal('sum'),
    id: Id,
    /** 'row': in every row, the total column = the part columns; 'column': in every column, the total row = the part rows */
    each: z.enum(['row', 'column']),
    total: Id,
    parts: z.array(Id).min(1),
  })
  .strict();

const Balance = z
  .object({
    kind: z.literal('balance'),
    id: Id,
    each: z.enum(['row', 'column']),
    left: z.array(Id).min(1),
    right: z.array(Id).min(1),
  })
  .strict();

/**
 * 其中 rows: parts of a total that may leave some out (主动公开信息数, 其中：网站公开、政府公报公开).
 * Parts above the total are certainly wrong; parts below it may be right.
 */
const Breakdown = z
  .object({
    kind: z.literal('breakdown'),
    id: Id,
    each: z.enum(['row', 'column']),
    total: Id,
    parts: z.array(Id).min(1),
  })
  .strict();

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
  .superRefine((s, ctx) => {
    const sectionIds = new Set(s.sections.map((x) => x.id));
    s.statements.forEach((st, si) => {
      for (const ref of [...st.cells, ...st.alternatives.flat()]) {
        const [tableId, rowId, colId] = ref.split('.');
        const t = s.tables.find((x) => x.id === tableId);
        if (!t || !t.rows.some((r) => r.id === rowId) || !t.columns.some((c) => c.id === colId))
          ctx.addIssue({ code: 'custom', path: ['statements', si], message: `no cell "${ref}" (table.row.column)` });
      }
    });
    unique(
      s.sections.map((x) => x.id),
      ['sections'],
      ctx,
    );
    unique(
      s.tables.map((x) => x.id),
      ['tables'],
      ctx,
    );
    s.tables.forEach((t, ti) => {
      if (!sectionIds.has(t.section))
        ctx.addIssue({ code: 'custom', path: ['tables', ti, 'section'], message: `no section has id "${t.section}"` });
      const rowIds = new Set(t.rows.map((r) => r.id));
      const colIds = new Set(t.columns.map((c) => c.id));
      unique(
        t.rows.map((r) => r.id),
        ['tables', ti, 'rows'],
        ctx,
      );
      unique(
        t.columns.map((c) => c.id),
        ['tables', ti, 'columns'],
        ctx,
      );
      t.rows.forEach((r, ri) => {
        for (const id of r.standsFor)
          if (!rowIds.has(id))
            ctx.addIssue({
              code: 'custom',
              path: ['tables', ti, 'rows', ri, 'standsFor'],
              message: `no row of table "${t.id}" has id "${id}"`,
            });
      });
      t.identities.forEach((idn, ii) => {
        // an identity "each row" relates columns of that row; "each column" relates rows
        const ids = idn.each === 'row' ? colIds : rowIds;
        const what = idn.each === 'row' ? 'column' : 'row';
        const refs = idn.kind === 'balance' ? [...idn.left, ...idn.right] : [idn.total, ...idn.parts];
        for (const r of refs)
          if (!ids.has(r))
            ctx.addIssue({
              code: 'custom',
              path: ['tables', ti, 'identities', ii],
              message: `no ${what} of table "${t.id}" has id "${r}"`,
            });
      });
    });
  });

function unique(ids: string[], path: (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `duplicate id "${id}"` });
    seen.add(id);
  });
}

export type Schema = z.output<typeof SchemaDefinition>;
export type TableSchema = Schema['tables'][number];
export type SectionSchema = Schema['sections'][number];
export type Identity = TableSchema['identities'][number];
export type Localized = z.output<typeof Localized>;
export type Statement = Schema['statements'][number];
export type Chain = Schema['chains'][number];

export interface SchemaProblem {
  path: (string | number)[];
  message: string;
}

/** Validates parsed JSON/YAML as a schema; never throws. */
export function validateSchema(data: unknown): { schema?: Schema; problems: SchemaProblem[] } {
  const r = SchemaDefinition.safeParse(data);
  if (r.success) return { schema: r.data, problems: [] };
  return {
    problems: r.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
  };
}
