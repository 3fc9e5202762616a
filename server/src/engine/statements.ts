import { PerReport } from './memo';
import type { BoundReport, BoundTable } from './bind';
import type { Cell } from './model';
import { analyseProse, type ProseFigure } from './prose';
import type { Schema, Statement } from './schema';
import { holdsAll } from './text';

// Which prose figures restate which table cells, by the schema's statements (data): the words in the
// figure's clause say what is counted, the statement says which cells hold the same count.

export interface CellValue {
  ref: string;
  cell: Cell;
  value: number;
}

export interface Reading {
  refs: string[];
  cells: CellValue[];
  total: number;
}

export interface Restatement {
  figure: ProseFigure;
  statement: Statement;
  /** the readings of the statement that could be evaluated: each a sum of cells */
  readings: Reading[];
}

function lastTopic(text: string, words: readonly string[]): number {
  return Math.max(...words.map((w) => text.lastIndexOf(w)));
}

/** Does the statement describe this figure? Only the words of its own clause and sentence count. */
export function statementMatches(st: Statement, f: ProseFigure): boolean {
  return f.count && describes(st, f, contextOf(f));
}

// by code unit, the stamp of the last context whose clause holds it: a context's marks hold until the next is made
const CLAUSE_CHARS = new Uint32Array(65536);
let generation = 0;

/**
 * The words around a figure that statements are matched against, joined once for all the statements tried,
 * and the sentence and paragraph only when a statement's own words are in the clause (most are not).
 */
class FigureContext {
  /** the clause (already half-width) */
  readonly clause: string;
  private sentenceText?: string;
  private paragraphText?: string;
  /** this context's stamp in CLAUSE_CHARS */
  readonly mark: number;
  constructor(private readonly f: ProseFigure) {
    this.clause = f.clauseBefore + f.clauseAfter;
    // the clause's characters marked: a word whose first character is not in the clause is not searched for
    if (generation === 0xffffffff) {
      CLAUSE_CHARS.fill(0);
      generation = 0;
    }
    this.mark = ++generation;
    for (let i = 0; i < this.clause.length; i++) CLAUSE_CHARS[this.clause.charCodeAt(i)] = this.mark;
  }
  /** holdsAny(clause, words), asked of the clause of the context made last */
  clauseHas(words: readonly string[]): boolean {
    for (const w of words) if (w.length === 0 || (CLAUSE_CHARS[w.charCodeAt(0)] === this.mark && this.clause.includes(w))) return true;
    return false;
  }
  /** whether the clause holds one of these code units: what a word beginning with one of them needs */
  clauseHasLead(leads: Uint16Array): boolean {
    for (let i = 0; i < leads.length; i++) if (CLAUSE_CHARS[leads[i]] === this.mark) return true;
    return false;
  }
  clauseHasEach(groups: readonly (readonly string[])[]): boolean {
    for (const group of groups) if (!this.clauseHas(group)) return false;
    return true;
  }
  get sentence(): string {
    return (this.sentenceText ??= this.f.sentenceBefore + this.f.clauseAfter);
  }
  get paragraph(): string {
    return (this.paragraphText ??= this.f.paragraphBefore + this.f.clauseAfter);
  }
}

function contextOf(f: ProseFigure): FigureContext {
  return new FigureContext(f);
}

/** statementMatches of a count, with its context */
function describes(st: Statement, f: ProseFigure, c: FigureContext): boolean {
  if (!st.units.includes(f.unit)) return false;
  if (!c.clauseHasEach(st.words)) return false;
  if (c.clauseHas(st.not)) return false;
  // what is being talked about (申请) is said in the sentence, or once before a list of categories
  const around = st.contextScope === 'paragraph' ? c.paragraph : c.sentence;
  if (!holdsAll(around, st.context)) return false;
  if (st.topic) {
    const mine = lastTopic(c.sentence, st.topic.words);
    if (mine < 0 || lastTopic(c.sentence, st.topic.rivals) > mine) return false;
  }
  return true;
}

/** The sum of some cells (table.row.column) of a bound report; undefined if any cannot be read. */
export function readCells(report: BoundReport, refs: string[]): Reading | undefined {
  const cells: CellValue[] = [];
  // one cell, as the chains across years read every cell of a table: no grouping needed
  const groups = refs.length === 1 ? oneRef(refs[0]) : refsByTable(refs);
  for (const [tableId, columns] of groups) {
    const table = report.tables.get(tableId);
    if (!table) return undefined;
    for (const [col, wanted] of columns) {
      // rows left out but summed up by a row standing for them (the 2019 single （六）) read as that row
      const rows = table.resolveRows(wanted);
      for (const row of rows) {
        const cell = table.cell(row, col);
        if (cell?.value.kind === 'number') cells.push({ ref: `${tableId}.${row}.${col}`, cell, value: cell.value.value });
        else if (cell?.value.kind === 'blank') {
          // a blank 总计 is read as the sum of its row, when the row's parts are written
          const parts = rowParts(table, row, col);
          if (!parts) return undefined;
          cells.push(...parts);
        } else return undefined; // unreadable: nothing certain to compare
      }
    }
  }
  return { refs, cells, total: cells.reduce((a, c) => a + c.value, 0) };
}

/** refsByTable of one reference */
function oneRef(ref: string): [string, [string, string[]][]][] {
  const [t, r, c] = refParts(ref);
  return [[t, [[c, [r]]]]];
}

/** table → column → rows, each in the order the refs first name it */
function refsByTable(refs: readonly string[]): Map<string, Map<string, string[]>> {
  const byTable = new Map<string, Map<string, string[]>>();
  for (const ref of refs) {
    const [t, r, c] = refParts(ref);
    let columns = byTable.get(t);
    if (!columns) byTable.set(t, (columns = new Map()));
    const rows = columns.get(c);
    if (rows) rows.push(r);
    else columns.set(c, [r]);
  }
  return byTable;
}

// A check reads the same few thousand references (a schema's cells) again and again, often built anew
// (cross-year): split once each. Bounded, for users' schemas.
const splitRefs = new Map<string, readonly [string, string, string]>();

/** table, row and column of a reference table.row.column */
export function refParts(ref: string): readonly [string, string, string] {
  let parts = splitRefs.get(ref);
  if (!parts) {
    if (splitRefs.size >= 20_000) splitRefs.clear();
    const [t, r, c] = ref.split('.');
    splitRefs.set(ref, (parts = [t, r, c]));
  }
  return parts;
}

function rowParts(table: BoundTable, row: string, col: string): CellValue[] | undefined {
  const sum = table.schema.identities.find((i) => i.kind === 'sum' && i.each === 'row' && i.total === col);
  if (!sum || sum.kind !== 'sum') return undefined;
  const cells: CellValue[] = [];
  for (const part of sum.parts) {
    const cell = table.cell(row, part);
    if (!cell || (cell.value.kind !== 'number' && cell.value.kind !== 'blank')) return undefined;
    if (cell.value.kind === 'number') cells.push({ ref: `${table.schema.id}.${row}.${part}`, cell, value: cell.value.value });
  }
  return cells.length ? cells : undefined;
}

export interface StatementFigures {
  /** the figures each statement describes, in the order of the text */
  byStatement: Map<Statement, ProseFigure[]>;
  /** by figure index: the first statement (in schema order) describing the figure */
  first: (Statement | undefined)[];
}

const matchCache = new PerReport<BoundReport, StatementFigures>();

type Candidate = { st: Statement; leads: Uint16Array };
const unitCache = new WeakMap<Schema, Map<string, Candidate[]>>();

/**
 * A schema's statements by the units they count in, in schema order, made once per schema; each with the first
 * code units of its first group of words (a clause holding none of them is described by none of the group).
 */
function statementsByUnit(schema: Schema): Map<string, Candidate[]> {
  let byUnit = unitCache.get(schema);
  if (byUnit) return byUnit;
  byUnit = new Map();
  for (const st of schema.statements) {
    const leads = Uint16Array.from(st.words[0], (w) => w.charCodeAt(0));
    for (const u of st.units) {
      const list = byUnit.get(u) ?? [];
      if (!list.some((c) => c.st === st)) list.push({ st, leads });
      byUnit.set(u, list);
    }
  }
  unitCache.set(schema, byUnit);
  return byUnit;
}

/**
 * Which statements describe which prose figures, matched once per report: the rules on restated figures
 * (against the tables, against each other) read the same matches. Only counts restate cells, and a statement
 * names the units it counts in: each figure is matched against the statements of its unit only.
 */
export function statementFigures(report: BoundReport): StatementFigures {
  const hit = matchCache.get(report);
  if (hit) return hit;
  const { figures } = analyseProse(report.model);
  const byUnit = statementsByUnit(report.schema);
  const byStatement = new Map<Statement, ProseFigure[]>();
  const first: (Statement | undefined)[] = new Array(figures.length).fill(undefined);
  for (const f of figures) {
    const candidates = f.count && byUnit.get(f.unit);
    if (!candidates) continue;
    const context = contextOf(f);
    for (const { st, leads } of candidates) {
      if (!context.clauseHasLead(leads) || !describes(st, f, context)) continue;
      first[f.index] ??= st;
      const list = byStatement.get(st);
      if (list) list.push(f);
      else byStatement.set(st, [f]);
    }
  }
  const found = { byStatement, first };
  matchCache.set(report, found);
  return found;
}

const cache = new PerReport<BoundReport, Restatement[]>();

/** Every prose figure that restates table cells, with the values those cells hold; once per report. */
export function restatements(report: BoundReport): Restatement[] {
  const hit = cache.get(report);
  if (hit) return hit;
  const { figures } = analyseProse(report.model);
  const { first } = statementFigures(report);
  // the cells of a statement are read once
  const read = new Map<string[], Reading | undefined>();
  const readOnce = (refs: string[]) => {
    if (!read.has(refs)) read.set(refs, readCells(report, refs));
    return read.get(refs);
  };
  const out: Restatement[] = [];
  for (const f of figures) {
    const st = first[f.index];
    if (!st) continue;
    const readings = [st.cells, ...st.alternatives].map(readOnce).filter((r) => r !== undefined);
    if (readings.length) out.push({ figure: f, statement: st, readings });
  }
  cache.set(report, out);
  return out;
}
