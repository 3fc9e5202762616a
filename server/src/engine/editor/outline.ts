import type { BoundTable } from '../bind';
import type { Finding } from '../finding';
import type { CheckResult } from '../index';
import { lineIndexAt, type Heading, type Line, type NumberingKind } from '../model';
import { pick, type Lang } from './l10n';

// The outline: the report's headings as a tree (the sections bound to the format, with their
// sub-headings) and the official tables in them, each with its status; and the folding ranges.

export interface OutlineSymbol {
  kind: 'section' | 'heading' | 'table';
  name: string;
  detail: string;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children: OutlineSymbol[];
}

const NUMBERING_DEPTH: Record<NumberingKind, number> = { chinese: 1, parenChinese: 2, arabic: 3, parenArabic: 4 };

/** Markdown headings nest by their # marks; plain-text numbering (一、 （一） 1. （1）) below them. */
function depth(h: Heading): number {
  return h.mdLevel || 6 + (h.numbering ? NUMBERING_DEPTH[h.numbering.kind] : 5);
}

function status(findings: readonly Finding[], start: number, end: number, lang: Lang): string {
  const n = findings.filter((f) => f.start >= start && f.start <= end).length;
  if (!n) return '✓';
  return pick(lang, `${n} 个问题`, n === 1 ? '1 finding' : `${n} findings`);
}

/**
 * The lines a table takes: its rows, and the header lines just above the first, up to a blank line, a
 * heading or a row of another table (tables of PDF text follow one another without a blank line).
 */
function tableLines(t: BoundTable, lines: Line[], stopLines: Set<number>): { first: number; last: number; firstRow: number } {
  const rows = [...t.rows.values()];
  const firstRow = Math.min(...rows.map((r) => r.line));
  const last = Math.max(...rows.map((r) => r.line));
  let first = firstRow;
  while (
    first > 0 &&
    firstRow - first < 8 &&
    lines[first - 1].text.trim() &&
    !stopLines.has(first - 1) &&
    lines[first - 1].text.length <= 200
  )
    first--;
  return { first, last, firstRow };
}

function lastFilledLine(lines: Line[], from: number, to: number): number {
  let k = to;
  while (k > from && !lines[k].text.trim()) k--;
  return k;
}

export function documentSymbols(result: CheckResult, lang: Lang): OutlineSymbol[] {
  const { model, bound, findings } = result;
  const { lines } = model;
  // tables first: headings inside a table (label lines of PDF text, "1." rows) are not headings
  const tables = bound ? [...bound.tables.values()].filter((t) => t.rows.size) : [];
  const allHeadingLines = new Set(model.headings.map((h) => h.line));
  const rowLines = tables.flatMap((t) => [...t.rows.values()].map((r) => r.line));
  const extents = tables.map((t) => ({ t, ...tableLines(t, lines, new Set([...allHeadingLines, ...rowLines])) }));
  const headings = model.headings.filter((h) => !extents.some((e) => h.line > e.firstRow && h.line < e.last));
  const boundBy = new Map<Heading, string>();
  if (bound)
    for (const [, s] of [...bound.sections, ...bound.misplaced.map((m) => [m.schema.id, m] as const)])
      boundBy.set(s.heading, s.schema.title);

  const roots: OutlineSymbol[] = [];
  const stack: { depth: number; symbol: OutlineSymbol }[] = [];
  headings.forEach((h, i) => {
    // a heading's part of the report runs to the next heading at its depth or above
    let endLine = lines.length - 1;
    for (let j = i + 1; j < headings.length; j++)
      if (depth(headings[j]) <= depth(h)) {
        endLine = headings[j].line - 1;
        break;
      }
    endLine = lastFilledLine(lines, h.line, endLine);
    const start = lines[h.line].start;
    const end = lines[endLine].end;
    const official = boundBy.get(h);
    const name = shortName(model.text.slice(h.start, h.end).trim() || h.title);
    let detail = '';
    if (official !== undefined) {
      detail = status(findings, start, end, lang);
      if (official.replace(/\s/g, '') !== name.replace(/\s/g, '')) detail += pick(lang, ` · 格式：${official}`, ` · format: ${official}`);
    }
    const symbol: OutlineSymbol = {
      kind: official !== undefined ? 'section' : 'heading',
      name,
      detail,
      start,
      end,
      selectionStart: h.start,
      selectionEnd: h.end,
      children: [],
    };
    while (stack.length && stack[stack.length - 1].depth >= depth(h)) stack.pop();
    (stack.length ? stack[stack.length - 1].symbol.children : roots).push(symbol);
    stack.push({ depth: depth(h), symbol });
  });

  for (const e of extents) {
    const firstRow = [...e.t.rows.values()].find((r) => r.line === e.firstRow)!;
    const symbol: OutlineSymbol = {
      kind: 'table',
      name: e.t.schema.name[lang],
      detail: status(findings, lines[e.first].start, lines[e.last].end, lang),
      start: lines[e.first].start,
      end: lines[e.last].end,
      selectionStart: firstRow.start,
      selectionEnd: firstRow.end,
      children: [],
    };
    insert(roots, symbol);
  }
  return roots;
}

/** A numbered paragraph of plain text is a heading too; its first phrase names it. */
function shortName(s: string): string {
  if (s.length <= 20) return s;
  const cut = /^(.{4,}?)(?:[。；;！!？?]|\s)/.exec(s)?.[1] ?? s;
  return cut.length > 40 ? cut.slice(0, 39) + '…' : cut;
}

/** Puts a symbol into the deepest symbol that contains it, keeping siblings in document order. */
function insert(siblings: OutlineSymbol[], s: OutlineSymbol): void {
  const parent = siblings.find((p) => p.kind !== 'table' && p.start <= s.start && s.end <= p.end);
  if (parent) return insert(parent.children, s);
  let k = siblings.length;
  while (k > 0 && siblings[k - 1].start > s.start) k--;
  siblings.splice(k, 0, s);
}

export interface Fold {
  startLine: number;
  endLine: number;
}

/** Folding: every section and sub-section, and every table, that spans more than a line. */
export function foldingRanges(result: CheckResult): Fold[] {
  const out: Fold[] = [];
  const lineOf = (offset: number) => lineIndexAt(result.model.lines, offset);
  const walk = (symbols: OutlineSymbol[]) => {
    for (const s of symbols) {
      const startLine = lineOf(s.start);
      const endLine = lineOf(s.end);
      if (endLine > startLine) out.push({ startLine, endLine });
      walk(s.children);
    }
  };
  walk(documentSymbols(result, 'zh'));
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
