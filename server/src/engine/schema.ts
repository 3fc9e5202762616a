import { z } from 'zod';

// A schema is data: the sections a kind of report must have, its statistical tables and the
// arithmetic between their cells. Built-in schemas are JSON files beside this one; users may write
// their own in the same shape. Nothing in a schema is executed: labels are compared as words.

const Id = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'an id: a letter, then letters, digits, - or _');
const Localized = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const Labels = z.array(z.string().min(1).max(200)).max(50);

const Section = z
  .object({
    id: Id,
    title: z.string().min(1), // the official heading, numbering included: 一、总体情况
    aliases: Labels.default([]), // other headings seen for the same section
    required: z.boolean().default(true),
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

const Identity = z.discriminatedUnion('kind', [Sum, Balance]);

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
  })
  .strict()
  .superRefine((s, ctx) => {
    const sectionIds = new Set(s.sections.map((x) => x.id));
    unique(s.sections.map((x) => x.id), ['sections'], ctx);
    unique(s.tables.map((x) => x.id), ['tables'], ctx);
    s.tables.forEach((t, ti) => {
      if (!sectionIds.has(t.section)) ctx.addIssue({ code: 'custom', path: ['tables', ti, 'section'], message: `no section has id "${t.section}"` });
      const rowIds = new Set(t.rows.map((r) => r.id));
      const colIds = new Set(t.columns.map((c) => c.id));
      unique(t.rows.map((r) => r.id), ['tables', ti, 'rows'], ctx);
      unique(t.columns.map((c) => c.id), ['tables', ti, 'columns'], ctx);
      t.rows.forEach((r, ri) => {
        for (const id of r.standsFor)
          if (!rowIds.has(id)) ctx.addIssue({ code: 'custom', path: ['tables', ti, 'rows', ri, 'standsFor'], message: `no row of table "${t.id}" has id "${id}"` });
      });
      t.identities.forEach((idn, ii) => {
        // an identity "each row" relates columns of that row; "each column" relates rows
        const ids = idn.each === 'row' ? colIds : rowIds;
        const what = idn.each === 'row' ? 'column' : 'row';
        const refs = idn.kind === 'sum' ? [idn.total, ...idn.parts] : [...idn.left, ...idn.right];
        for (const r of refs)
          if (!ids.has(r)) ctx.addIssue({ code: 'custom', path: ['tables', ti, 'identities', ii], message: `no ${what} of table "${t.id}" has id "${r}"` });
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

export interface SchemaProblem { path: (string | number)[]; message: string }

/** Validates parsed JSON/YAML as a schema; never throws. */
export function validateSchema(data: unknown): { schema?: Schema; problems: SchemaProblem[] } {
  const r = SchemaDefinition.safeParse(data);
  if (r.success) return { schema: r.data, problems: [] };
  return { problems: r.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })) };
}
