// Offsets everywhere in the engine are UTF-16 code-unit indices into the source text,
// which is what LSP positions count, so no conversion is ever needed except line/character.

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * The last of `count` items, in order of where they start, that starts at or before an offset (0 when
 * none does): the line, segment or mark that holds the offset, by binary search.
 */
export function lastStartingAtOrBefore(count: number, startOf: (index: number) => number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (startOf(mid) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function positionAt(starts: number[], offset: number): Position {
  const line = lastStartingAtOrBefore(starts.length, (i) => starts[i], offset);
  return { line, character: offset - starts[line] };
}

export function offsetAt(starts: number[], pos: Position, textLength: number): number {
  if (pos.line >= starts.length) return textLength;
  return Math.min(starts[pos.line] + pos.character, textLength);
}

export function rangeOf(starts: number[], start: number, end: number): Range {
  return { start: positionAt(starts, start), end: positionAt(starts, end) };
}

/** A table of code units: 1 for each of `chars`, 0 for the rest; read where a pattern per character would cost too much. */
export function codeTable(chars: string): Uint8Array {
  const table = new Uint8Array(65536);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** The bits `table` gives the code units of text[from, to), OR-ed together: which classes of characters it holds. */
export function bitsIn(text: string, table: Uint32Array, from = 0, to = text.length): number {
  let bits = 0;
  for (let i = from; i < to; i++) bits |= table[text.charCodeAt(i)];
  return bits;
}

/**
 * The code unit at i, or 0 (which no code table marks) before the start or past the end. Optimized code that
 * meets charCodeAt out of range for the first time is thrown away and compiled again: readers that look one
 * past a word or a line read through this instead.
 */
export function codeAt(t: string, i: number): number {
  return i >= 0 && i < t.length ? t.charCodeAt(i) : 0;
}

// plain loops, not some/every with a function made at each call: asked of every line for every section found by its
// content, and of every count for every statement

/** Does the text hold one of the words? */
export function holdsAny(text: string, words: readonly string[]): boolean {
  for (const w of words) if (text.includes(w)) return true;
  return false;
}

/** Does the text hold one word of every group? */
export function holdsAll(text: string, groups: readonly (readonly string[])[]): boolean {
  for (const group of groups) if (!holdsAny(text, group)) return false;
  return true;
}

/** the characters /\s/ matches */
export const WHITE_SPACE_CHARS =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** the code units of WHITE_SPACE_CHARS (what trim() removes) */
export const WHITE_SPACE_CODE = codeTable(WHITE_SPACE_CHARS);

/** where the first character of t[from, to) that is not white space (/\s/) stands; `to` if there is none */
export function firstNonSpace(t: string, from = 0, to = t.length): number {
  let i = from;
  while (i < to && WHITE_SPACE_CODE[t.charCodeAt(i)]) i++;
  return i;
}

/** where t[start, end) ends without the white space (/\s/) it ends with; `start` if it is all white space */
export function trimmedEnd(t: string, end = t.length, start = 0): number {
  let i = end;
  while (i > start && WHITE_SPACE_CODE[t.charCodeAt(i - 1)]) i--;
  return i;
}

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const EVERY_FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const HALF_WIDTH_OF = new Map(
  Array.from({ length: 0xff5e - 0xff01 + 1 }, (_, i) => [String.fromCharCode(0xff01 + i), String.fromCharCode(0x21 + i)] as const),
).set('\u3000', ' ');

/** Full-width ASCII (Ａ-Ｚ, ０-９, punctuation) to half-width, same length, so offsets survive. */
export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s; // most cells and many lines have none: no copy made
  // a cell or a heading: the few full-width characters spliced in; a paragraph or a whole report: replaced by
  // the engine's own string building, which measured twice as fast as code units gathered in an array
  if (s.length <= 256) return spliceHalfWidth(s);
  return s.replace(EVERY_FULL_WIDTH, (c) => HALF_WIDTH_OF.get(c)!);
}

function halfWidthCode(c: number): number {
  return c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c === 0x3000 ? 32 : c;
}

function spliceHalfWidth(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const half = halfWidthCode(c);
    if (half === c) continue;
    out += s.slice(from, i) + String.fromCharCode(half);
    from = i + 1;
  }
  return out + s.slice(from);
}

// The half-width texts of the last two reports asked for (a report and last year's, read in turns by one
// check): same length, so their offsets are the sources'.
let halfOf: { text: string; half: string } | undefined;
let halfBefore: { text: string; half: string } | undefined;

/** The report's text with full-width digits and punctuation made half-width, computed once per text. */
export function halfWidthText(text: string): string {
  if (halfOf?.text === text) return halfOf.half;
  if (halfBefore?.text === text) [halfOf, halfBefore] = [halfBefore, halfOf];
  else [halfOf, halfBefore] = [{ text, half: toHalfWidth(text) }, halfOf];
  return halfOf!.half;
}

/** what /[\u3400-\u9fff\uf900-\ufaffA-Za-z]/ matches, by code unit */
const CJK_OR_ALPHA_CODE = (() => {
  const table = new Uint8Array(65536);
  table.fill(1, 0x3400, 0x9fff + 1);
  table.fill(1, 0xf900, 0xfaff + 1);
  table.fill(1, 0x41, 0x5a + 1);
  table.fill(1, 0x61, 0x7a + 1);
  return table;
})();

/** What a label says, without numbering, digits, punctuation or spacing: only words are compared. */
export function normalizeLabel(s: string): string {
  const half = toHalfWidth(s);
  // the runs of word characters, joined
  let out = '';
  let from = -1;
  for (let i = 0; i <= half.length; i++) {
    const word = i < half.length && CJK_OR_ALPHA_CODE[half.charCodeAt(i)] === 1;
    if (word && from < 0) from = i;
    else if (!word && from >= 0) {
      out += half.slice(from, i);
      from = -1;
    }
  }
  return out;
}

export function bigrams(s: string): Set<string> {
  const set = new Set<string>();
  if (s.length === 1) set.add(s);
  for (let i = 0; i + 1 < s.length; i++) set.add(s.slice(i, i + 2));
  return set;
}

// Binding scores every row label against every label of the schema: the bigrams of each label are
// computed once and kept (the schema's labels across checks too). Bounded, so that editing a report
// for hours or reading a strange one cannot make it grow: long labels are not kept, and it is emptied when full.
// A bigram is kept as a small whole number, which sets and maps look up faster than two-character strings
// (or numbers too large to be small integers for the engine): each character a label keeps has a number
// below WORD_CHARS, a bigram is (first + 1) × WORD_CHARS + second, a one-character label its
// character's number (wordIndex); the two correspond one to one.
const WORD_CHARS = 52 + (0x9fff - 0x3400 + 1) + (0xfaff - 0xf900 + 1);
/** the number of a character normalizeLabel keeps: A–Z, a–z, then the two ranges of Chinese characters */
const wordIndex = (c: number) =>
  c <= 0x5a ? c - 0x41 : c <= 0x7a ? c - 0x61 + 26 : c <= 0x9fff ? c - 0x3400 + 52 : c - 0xf900 + 52 + 27648;

export interface LabelGrams {
  set: Set<number>;
  list: number[];
}
const labelCache = new Map<string, LabelGrams>();
const LABEL_CACHE_ENTRIES = 2000;
const LABEL_CACHE_LENGTH = 200;

/** bigrams(normalizeLabel(s)) as numbers, memoised; what is returned is shared and must not be changed. */
export function labelBigrams(s: string): LabelGrams {
  let grams = labelCache.get(s);
  if (grams) return grams;
  const n = normalizeLabel(s);
  const set = new Set<number>();
  if (n.length === 1) set.add(wordIndex(n.charCodeAt(0)));
  for (let i = 0; i + 1 < n.length; i++) set.add((wordIndex(n.charCodeAt(i)) + 1) * WORD_CHARS + wordIndex(n.charCodeAt(i + 1)));
  grams = { set, list: [...set] };
  if (s.length <= LABEL_CACHE_LENGTH) {
    if (labelCache.size >= LABEL_CACHE_ENTRIES) labelCache.clear();
    labelCache.set(s, grams);
  }
  return grams;
}

/**
 * How well a label written in a report matches a label of the format: mostly how much of the
 * format's words are found (recall), a little how little else is there (precision). Tolerates
 * abbreviations, typos and stray words that PDF extraction glues onto a label.
 */
export function labelScore(written: string, official: string): number {
  return gramScore(labelBigrams(written), labelBigrams(official));
}

/** labelScore of two labels' bigrams (labelBigrams), for a caller that scores the same labels many times */
export function gramScore(a: LabelGrams, b: LabelGrams): number {
  if (a.list.length === 0 || b.list.length === 0) return 0;
  let shared = 0;
  for (const g of b.list) if (a.set.has(g)) shared++;
  return 0.8 * (shared / b.list.length) + 0.2 * (shared / a.list.length);
}

// the bigrams of each label of a schema's sections and rows, kept with the schema: its labels are scored at every check
const entryGrams = new WeakMap<object, LabelGrams[]>();

/** The bigrams of a schema entry's label and its aliases (a section's title, a row's label), made once per entry. */
export function labelsOf(entry: object, label: string, aliases: readonly string[]): LabelGrams[] {
  let grams = entryGrams.get(entry);
  if (!grams) entryGrams.set(entry, (grams = [label, ...aliases].map(labelBigrams)));
  return grams;
}

export function bestGramScore(written: LabelGrams, officials: readonly LabelGrams[]): number {
  let best = 0;
  for (const o of officials) best = Math.max(best, gramScore(written, o));
  return best;
}

/** Scores of items (rows) against slots (columns), in one array: score(i, j) = values[i * slots + j]. */
export interface ScoreMatrix {
  values: Float64Array;
  items: number;
  slots: number;
}

/** The slots' labels by bigram, for scoring many items against them. */
export interface LabelIndex {
  /** bigram → the labels (numbered across all slots) that hold it */
  postings: Map<number, number[]>;
  /** by label: its slot and its number of bigrams */
  slotOf: Int32Array;
  length: Int32Array;
  slots: number;
}

const labelIndexes = new WeakMap<object, LabelIndex>();

/** The index of the slots' labels, made once for `key` (the schema part the slots are of). */
export function labelIndex(key: object, slots: readonly LabelGrams[][]): LabelIndex {
  let index = labelIndexes.get(key);
  if (index) return index;
  const labels = slots.flatMap((labelsOfSlot, slot) => labelsOfSlot.map((grams) => ({ slot, grams })));
  const postings = new Map<number, number[]>();
  labels.forEach(({ grams }, l) => {
    for (const g of grams.list) {
      const list = postings.get(g);
      if (list) list.push(l);
      else postings.set(g, [l]);
    }
  });
  index = {
    postings,
    slotOf: Int32Array.from(labels, (x) => x.slot),
    length: Int32Array.from(labels, (x) => x.grams.list.length),
    slots: slots.length,
  };
  labelIndexes.set(key, index);
  return index;
}

/**
 * bestGramScore of each item against each slot's labels, the same figures: an item's bigrams are looked up in
 * the index once, instead of every slot's bigrams in each item (a table's candidate rows are many).
 */
export function gramScores(items: readonly LabelGrams[], index: LabelIndex): ScoreMatrix {
  const slots = index.slots;
  const values = new Float64Array(items.length * slots);
  const shared = new Int32Array(index.length.length);
  // the labels sharing a bigram with the item: the others score 0, what the new array holds already
  const touched: number[] = [];
  items.forEach((a, i) => {
    for (const l of touched) shared[l] = 0;
    touched.length = 0;
    if (a.list.length === 0) return;
    for (const g of a.list) {
      const labels = index.postings.get(g);
      if (labels) for (const l of labels) if (shared[l]++ === 0) touched.push(l);
    }
    for (const l of touched) {
      const b = index.length[l];
      // gramScore's own expression, so that the figures are the same to the last bit
      const score = 0.8 * (shared[l] / b) + 0.2 * (shared[l] / a.list.length);
      const at = i * slots + index.slotOf[l];
      values[at] = Math.max(values[at], score);
    }
  });
  return { values, items: items.length, slots };
}
