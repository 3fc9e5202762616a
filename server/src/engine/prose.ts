import { PerReport } from './memo';
import { delimitedLines, hiddenLines, type ReportModel } from './model';
import { figuresInHalfWidth, type Figure } from './numbers';
import { bitsIn, codeTable, firstNonSpace, halfWidthText, WHITE_SPACE_CHARS } from './text';

// Figures in the prose, each with the words around it: the clause it stands in (between commas),
// the sentence (between full stops or semicolons) and its paragraph. PDF text breaks lines inside
// sentences, so a paragraph runs over line breaks and ends at a blank line or a table.

export interface ProseFigure extends Figure {
  /** index in ProseAnalysis.figures */
  index: number;
  paragraph: number;
  /** white-space-free, half-width text of the clause before and after the figure (counts only: see isCount) */
  clauseBefore: string;
  clauseAfter: string;
  /** white-space-free text of the sentence up to the figure */
  sentenceBefore: string;
  /** white-space-free text of the paragraph up to the figure, at most its last 300 characters */
  paragraphBefore: string;
  sentence: number;
  /** offset just after the figure's digits (before its unit): where a corrected number ends */
  numberEnd: number;
  /** isCount: a whole count in digits, what statements restate (asked of every figure by several analyses) */
  count: boolean;
}

export interface Paragraph {
  start: number;
  end: number;
  text: string;
}

export interface ProseAnalysis {
  paragraphs: Paragraph[];
  figures: ProseFigure[];
  /** the figures of each paragraph, in order */
  byParagraph: ProseFigure[][];
}

export const CLAUSE_END = /[，,；;。！？!?：:、（）()【】\[\]]/;
export const SENTENCE_END = /[。！？!?；;]/;

// which code units end a clause or a sentence: the prose is scanned character by character, and an array read
// costs a fraction of a regular-expression call (the characters of CLAUSE_END and SENTENCE_END)
const CLAUSE_END_CHARS = '，,；;。！？!?：:、（）()【】[]';
const SENTENCE_END_CHARS = '。！？!?；;';
export const CLAUSE_END_CODE = codeTable(CLAUSE_END_CHARS);
export const SENTENCE_END_CODE = codeTable(SENTENCE_END_CHARS);

// both in one table, for the walk through every paragraph: 1 ends a clause, 2 a sentence (which ends its clause too)
const CLAUSE = 1;
const SENTENCE = 2;
const END_KIND = (() => {
  const kinds = new Uint8Array(65536);
  for (const c of CLAUSE_END_CHARS) kinds[c.charCodeAt(0)] = CLAUSE;
  for (const c of SENTENCE_END_CHARS) kinds[c.charCodeAt(0)] = SENTENCE;
  return kinds;
})();

export type ProseLine = { index: number; start: number; end: number; text: string };

const proseCache = new PerReport<ReportModel, ProseLine[]>();

/** Lines of prose: not front matter, not table rows, not pipe or tab tables, not code fences or comments. */
export function proseLines(model: ReportModel): ProseLine[] {
  const cached = proseCache.get(model);
  if (cached) return cached;
  const rowLines = new Uint8Array(model.lines.length);
  for (const r of model.rows) rowLines[r.line] = 1;
  const delimited = delimitedLines(model);
  const fmEnd = model.frontMatter?.end ?? -1;
  const out: ProseLine[] = [];
  // code blocks and comments as parseReport and the directives read them
  const hidden = hiddenLines({ comments: true });
  for (const l of model.lines) {
    if (l.start <= fmEnd) continue;
    if (hidden(l.text)) continue;
    if (rowLines[l.index] || delimited[l.index] || l.text.length > 5000) continue;
    out.push(l);
  }
  proseCache.set(model, out);
  return out;
}

const halfLineCache = new PerReport<ReportModel, (index: number) => string>();

/**
 * The half-width text of a line by its index, sliced when first asked for and kept for the model: the text
 * rules read prose lines half-width, each only the lines lineFacts leaves it, and would otherwise each slice
 * them again.
 */
export function halfLineOf(model: ReportModel): (index: number) => string {
  let halfLine = halfLineCache.get(model);
  if (!halfLine) {
    const half = halfWidthText(model.text);
    const lines: (string | undefined)[] = new Array(model.lines.length);
    halfLine = (i) => (lines[i] ??= half.slice(model.lines[i].start, model.lines[i].end));
    halfLineCache.set(model, halfLine);
  }
  return halfLine;
}

/**
 * Characters whose presence the text rules ask of a prose line before reading it closely, one bit each: most
 * lines hold none of what a rule looks for, and one pass over the prose answers every rule (in half-width
 * text: full-width digits and marks are read as their half-width forms).
 */
export const FACT = {
  digit: 1 << 0,
  /** X, x, × (a placeholder's letters) */
  letterX: 1 << 1,
  /** ) ） 〕 】 》 ] */
  closingBracket: 1 << 2,
  /** _ ＿ */
  underline: 1 << 3,
  填: 1 << 4,
  条: 1 << 5,
  件: 1 << 6,
  我: 1 << 7,
  本: 1 << 8,
  全: 1 << 9,
  年: 1 << 10,
  月: 1 << 11,
  号: 1 << 12,
  截: 1 << 13,
  统: 1 << 14,
  多: 1 << 15,
  余: 1 << 16,
  信: 1 << 17,
  /** - . / (dates written 2024-1-31, 2024.1.31, 2024/1/31) */
  dateMark: 1 << 18,
} as const;

const FACT_OF = (() => {
  const table = new Uint32Array(65536);
  const set = (chars: string, bit: number) => {
    for (const c of chars) table[c.charCodeAt(0)] |= bit;
  };
  set('0123456789', FACT.digit);
  set('Xx×', FACT.letterX);
  set(')）〕】》]', FACT.closingBracket);
  set('_＿', FACT.underline);
  set('-./', FACT.dateMark);
  for (const c of ['填', '条', '件', '我', '本', '全', '年', '月', '号', '截', '统', '多', '余', '信'] as const) set(c, FACT[c]);
  return table;
})();

const factCache = new PerReport<ReportModel, Uint32Array>();

/** The FACT bits of every prose line, by line index (0 for other lines), from one pass over the half-width text. */
export function lineFacts(model: ReportModel): Uint32Array {
  let facts = factCache.get(model);
  if (!facts) {
    facts = new Uint32Array(model.lines.length);
    const half = halfWidthText(model.text);
    for (const l of proseLines(model)) facts[l.index] = bitsIn(half, FACT_OF, l.start, l.end);
    factCache.set(model, facts);
  }
  return facts;
}

const paragraphCache = new PerReport<ReportModel, Paragraph[]>();

/** The paragraphs of the prose, once per model: several rules read them; what is returned is shared and must not be changed. */
export function paragraphsOf(model: ReportModel): Paragraph[] {
  let paragraphs = paragraphCache.get(model);
  if (!paragraphs) paragraphCache.set(model, (paragraphs = findParagraphs(model)));
  return paragraphs;
}

/**
 * Paragraphs are runs of prose lines (proseLines) without a blank line between them: a table, a code block or a
 * comment ends one as a blank line does.
 */
function findParagraphs(model: ReportModel): Paragraph[] {
  const out: Paragraph[] = [];
  let start = -1;
  let end = -1;
  let lastIndex = -2;
  for (const line of proseLines(model)) {
    const blank = firstNonSpace(line.text) === line.text.length;
    if (start >= 0 && (blank || line.index !== lastIndex + 1)) {
      out.push({ start, end, text: model.text.slice(start, end) });
      start = -1;
    }
    lastIndex = line.index;
    if (blank) continue;
    if (start < 0) start = line.start;
    end = line.end;
  }
  if (start >= 0) out.push({ start, end, text: model.text.slice(start, end) });
  return out;
}

let squeezeMap = new Int32Array(1024);

/**
 * Context is compared as half-width text without white space (PDF text puts spaces anywhere). The
 * paragraph is squeezed once; `at[i]` is where offset i of the paragraph lands in the squeezed text.
 */
function squeezeWithMap(half: string): { text: string; at: Int32Array } {
  // the map is read only while its paragraph is analysed: one array, grown as needed, serves them all
  if (squeezeMap.length < half.length + 1) squeezeMap = new Int32Array(Math.max(half.length + 1, squeezeMap.length * 2));
  const at = squeezeMap;
  // the runs between white space, joined: prose has few spaces, so a few slices rather than a string per character
  const runs: string[] = [];
  let n = 0;
  let from = 0;
  for (let i = 0; i < half.length; i++) {
    at[i] = n;
    const ch = half.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 0x3000 || ch === 0xa0) {
      if (i > from) runs.push(half.slice(from, i));
      from = i + 1;
    } else n++;
  }
  if (from < half.length) runs.push(half.slice(from));
  at[half.length] = n;
  return { text: runs.join(''), at };
}

const cache = new PerReport<ReportModel, ProseAnalysis>();

const WINDOW = 500; // how far back a clause, a sentence or a paragraph's context is read

/** The figures of one paragraph with their clause, sentence and paragraph before them, appended to `figures` and `own`. */
function figuresOfParagraph(
  text: string,
  p: Paragraph,
  pi: number,
  half: string,
  found: Figure[],
  figures: ProseFigure[],
  own: ProseFigure[],
): void {
  // squeezed when a count asks for its context first: a paragraph of dates and shares is not
  let squeezed: { text: string; at: Int32Array } | undefined;
  const squeeze = (from: number, to: number) => {
    squeezed ??= squeezeWithMap(half);
    return squeezed.text.slice(squeezed.at[from], squeezed.at[to]);
  };
  // the figures come in order: one walk through the paragraph finds where each one's clause and sentence begin
  let sentence = 0;
  let sentenceStart = p.start; // just after the last sentence end before the figure
  let clauseStart = p.start;
  let walked = p.start;
  for (const f of found) {
    for (; walked < f.start; walked++) {
      const end = END_KIND[text.charCodeAt(walked)];
      if (end === 0) continue;
      clauseStart = walked + 1;
      if (end === SENTENCE) {
        sentenceStart = walked + 1;
        sentence++;
      }
    }
    const rel = f.start - p.start;
    const relEnd = f.end - p.start;
    // only counts are ever read in their context (years, dates and shares are not): the rest get none
    const counts = isCount(f);
    let clauseEnd = f.end;
    if (counts) while (clauseEnd < p.end && clauseEnd - f.end < WINDOW && !CLAUSE_END_CODE[text.charCodeAt(clauseEnd)]) clauseEnd++;
    // the figure's fields written out rather than spread (...f): several times faster on long reports
    const figure: ProseFigure = {
      start: f.start,
      end: f.end,
      value: f.value,
      unit: f.unit,
      percent: f.percent,
      approximate: f.approximate,
      ordinal: f.ordinal,
      chinese: f.chinese,
      index: figures.length,
      paragraph: pi,
      clauseBefore: counts ? squeeze(Math.max(clauseStart - p.start, rel - WINDOW), rel) : '',
      clauseAfter: counts ? squeeze(relEnd, clauseEnd - p.start) : '',
      sentenceBefore: counts ? squeeze(Math.max(sentenceStart - p.start, rel - WINDOW), rel) : '',
      paragraphBefore: counts ? squeeze(Math.max(0, rel - 300), rel) : '',
      sentence,
      numberEnd: numberEnd(text, f.start, f.end),
      count: counts,
    };
    figures.push(figure);
    own.push(figure);
  }
}

// what /[百分之\s]/ and /[\d０-９,，.．零〇一二两三四五六七八九十百千万亿]/ match
export const NUMBER_PREFIX_CODE = codeTable('百分之' + WHITE_SPACE_CHARS);
export const NUMBER_CHAR_CODE = codeTable('0123456789０１２３４５６７８９,，.．零〇一二两三四五六七八九十百千万亿');

/**
 * Where the number of a figure ends (before its unit): what /^[百分之\s]*[\d０-９,，.．零…亿]+/ matches of the
 * figure's text, found without a match object per figure. The prefix gives back characters as the pattern
 * backtracks: 百 is also a numeral.
 */
export function numberEnd(text: string, start: number, end: number): number {
  let prefix = start;
  while (prefix < end && NUMBER_PREFIX_CODE[text.charCodeAt(prefix)]) prefix++;
  for (let from = prefix; from >= start; from--) {
    if (from === end || !NUMBER_CHAR_CODE[text.charCodeAt(from)]) continue;
    let to = from + 1;
    while (to < end && NUMBER_CHAR_CODE[text.charCodeAt(to)]) to++;
    return to;
  }
  return end;
}

/** Computed once per report model; the prose rules share it. Linear in the text's length. */
export function analyseProse(model: ReportModel): ProseAnalysis {
  const hit = cache.get(model);
  if (hit) return hit;
  const paragraphs = paragraphsOf(model);
  const figures: ProseFigure[] = [];
  const byParagraph: ProseFigure[][] = [];
  const text = model.text;
  // the report is made half-width once (the text rules read it too): a paragraph is a slice of it
  const halfText = halfWidthText(text);
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const p = paragraphs[pi];
    const own: ProseFigure[] = [];
    byParagraph.push(own);
    const half = halfText.slice(p.start, p.end);
    const found = figuresInHalfWidth(half, p.start);
    if (found.length) figuresOfParagraph(text, p, pi, half, found, figures, own);
  }
  const analysis = { paragraphs, figures, byParagraph };
  cache.set(model, analysis);
  return analysis;
}

/**
 * A whole count written in digits: what a statement about applications, cases or documents can be checked
 * against. Chinese numerals are idiomatic more often than counts (办结一件申请、解决一个问题).
 */
export function isCount(f: Figure): boolean {
  return !f.percent && !f.approximate && !f.ordinal && !f.chinese && Number.isInteger(f.value) && !NOT_COUNTS.has(f.unit);
}

const NOT_COUNTS = new Set(['年', '月', '日', '号', '天', '小时', '分钟', '倍']);
