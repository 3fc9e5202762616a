import { PerReport } from './memo';
import { parseReport, type ReportModel } from './model';
import { paragraphsOf } from './prose';
import { codeTable, firstNonSpace, WHITE_SPACE_CHARS } from './text';

// Text repeated verbatim from last year's report (assessments deduct points where more than half of a report
// repeats the previous year's). Only the prose counts: tables are left out, and so are digits and white space,
// so that “2023年全区未收到……” still repeats “2024年全区未收到……”. Linear in the two texts' lengths.

export interface RepeatedPassage {
  /** offsets in this year's text (UTF-16), from the first to just after the last repeated character */
  start: number;
  end: number;
  /** the same passage in last year's text */
  previousStart: number;
  previousEnd: number;
  /** how many characters repeat, digits and white space not counted */
  length: number;
}

export interface RepeatedText {
  /** repeated characters ÷ prose characters of this year's report, 0..1 */
  share: number;
  /** this year's prose, in characters counted (no digits, no white space, no tables) */
  proseLength: number;
  repeatedLength: number;
  /** in this year's text order */
  passages: RepeatedPassage[];
}

export interface RepeatedTextOptions {
  /** the shortest run of characters that counts as repeated: shorter ones are set phrases (政府信息公开工作) */
  minLength?: number;
}

/** The passages of this year's report repeated from last year's, and their share of its prose. */
export function repeatedText(text: string, previous: string, options: RepeatedTextOptions = {}): RepeatedText {
  return repeatedInModels(parseReport(text), parseReport(previous), options);
}

const DEFAULT_MIN = 16;
const cache = new PerReport<ReportModel, { previous: ReportModel; min: number; result: RepeatedText }>();

/** repeatedText on parsed reports; remembered for the last pair asked about. */
export function repeatedInModels(model: ReportModel, previous: ReportModel, options: RepeatedTextOptions = {}): RepeatedText {
  const min = Math.max(4, Math.floor(options.minLength ?? DEFAULT_MIN));
  const hit = cache.get(model);
  if (hit && hit.previous === previous && hit.min === min) return hit.result;
  const now = squeezeProse(model, BREAK_NOW);
  const before = squeezeProse(previous, BREAK_BEFORE);
  const result = compare(now, before, min);
  cache.set(model, { previous, min, result });
  return result;
}

interface Squeezed {
  /** the prose's characters that count, as UTF-16 code units */
  codes: Uint16Array;
  length: number;
  /** the offset in the report's text of each kept code unit */
  at: Int32Array;
  /** the code units that count: all but the breaks */
  counted: number;
}

// digits (the figures change every year), white space, and marks that PDF extraction scatters
const SKIP_CODE = codeTable(`${WHITE_SPACE_CHARS}0123456789０１２３４５６７８９.,．，%％`);

/** how many characters of text[from, to) the comparison counts: what SKIP_CODE leaves */
export function countedChars(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (!SKIP_CODE[text.charCodeAt(i)]) n++;
  return n;
}

/**
 * A line of prose, not of a table or a template: tables laid out with spaces (PDF text) and the format's
 * own labels (第二十条第（一）项, section headings, the title) repeat every year by design, not by copying.
 */
function isProseLine(text: string): boolean {
  const t = text.trim();
  if (/\S[ \t\u3000]{3,}\S/.test(t)) return false; // columns aligned with spaces
  if (/\d[ \t\u3000]+\d+[ \t\u3000]+\d+(?:[ \t\u3000]|$)/.test(t)) return false; // a row of figures
  return /[，,。；;：:！？]/.test(t) || t.length > 30;
}

/**
 * Where the kept lines are not next to each other (a table or a heading left out between them), a mark that
 * matches nothing in the other report ends any repeated run: a passage never spans what was left out.
 */
const BREAK_NOW = 0xfffe;
const BREAK_BEFORE = 0xffff;

// a report of a folder is compared twice: as this year's, then as last year's of the next report
const proseStretchesCache = new PerReport<ReportModel, { start: number; end: number }[]>();

/** The stretches of the report's lines that the comparison reads: its prose lines, within their paragraphs. */
function proseStretches(model: ReportModel): { start: number; end: number }[] {
  const hit = proseStretchesCache.get(model);
  if (hit) return hit;
  const lines: { start: number; end: number }[] = [];
  let li = 0;
  for (const p of paragraphsOf(model))
    for (; li < model.lines.length && model.lines[li].start < p.end; li++) {
      const line = model.lines[li];
      if (line.start < p.start || (model.title && line.start <= model.title.start && model.title.start < line.end + 1)) continue;
      if (isProseLine(line.text)) lines.push({ start: Math.max(line.start, p.start), end: Math.min(line.end, p.end) });
    }
  proseStretchesCache.set(model, lines);
  return lines;
}

function squeezeProse(model: ReportModel, mark: number): Squeezed {
  const lines = proseStretches(model);
  let total = 0;
  for (const l of lines) total += l.end - l.start + 1;
  const codes = new Uint16Array(total);
  const at = new Int32Array(total);
  let n = 0;
  let breaks = 0;
  let lastEnd = -1;
  for (const l of lines) {
    // the next line, or the next but for blank ones, goes on from this one
    if (lastEnd >= 0 && firstNonSpace(model.text, lastEnd, l.start) < l.start) {
      codes[n] = mark;
      at[n++] = l.start;
      breaks++;
    }
    lastEnd = l.end;
    for (let i = l.start; i < l.end; i++) {
      const c = model.text.charCodeAt(i);
      if (SKIP_CODE[c]) continue;
      codes[n] = c;
      at[n++] = i;
    }
  }
  return { codes, length: n, at, counted: n - breaks };
}

// a polynomial rolling hash over `min` code units; equal hashes are verified before they count
const BASE = 1000003;

function compare(now: Squeezed, before: Squeezed, min: number): RepeatedText {
  const passages: RepeatedPassage[] = [];
  let repeated = 0;
  if (now.length >= min && before.length >= min) {
    let power = 1; // BASE^(min-1) mod 2^32
    for (let i = 1; i < min; i++) power = Math.imul(power, BASE);
    const first = new WindowTable(before.length); // hash of a window of last year's prose → where it first stands
    let h = 0;
    for (let i = 0; i < before.length; i++) {
      if (i >= min) h = (h - Math.imul(before.codes[i - min], power)) | 0;
      h = (Math.imul(h, BASE) + before.codes[i]) | 0;
      if (i >= min - 1) first.addFirst(h, i - min + 1);
    }
    h = 0;
    let filled = 0; // code units in the current window
    for (let i = 0; i < now.length; i++) {
      if (filled === min) h = (h - Math.imul(now.codes[i - min], power)) | 0;
      else filled++;
      h = (Math.imul(h, BASE) + now.codes[i]) | 0;
      if (filled < min) continue;
      const start = i - min + 1;
      const p = first.get(h);
      if (p < 0 || !same(now.codes, start, before.codes, p, min)) continue;
      // a repeated window: extend it as far as the two texts go on alike
      let length = min;
      while (start + length < now.length && p + length < before.length && now.codes[start + length] === before.codes[p + length]) length++;
      passages.push({
        start: now.at[start],
        end: now.at[start + length - 1] + 1,
        previousStart: before.at[p],
        previousEnd: before.at[p + length - 1] + 1,
        length,
      });
      repeated += length;
      // start afresh after the passage
      i = start + length - 1;
      h = 0;
      filled = 0;
    }
  }
  return { share: now.counted ? repeated / now.counted : 0, proseLength: now.counted, repeatedLength: repeated, passages };
}

/**
 * Window hash → first position, open addressing in typed arrays: a Map costs several times more per window,
 * and a reviewer's folder compares every report with last year's.
 */
class WindowTable {
  private readonly hashes: Int32Array;
  /** position + 1; 0 for an empty slot */
  private readonly positions: Int32Array;
  private readonly mask: number;
  /** 32 − log2(size): the slot is the top bits of the hash times the golden ratio (Fibonacci hashing) */
  private readonly shift: number;
  constructor(windows: number) {
    let size = 16;
    let shift = 28;
    while (size < windows * 2) {
      size *= 2;
      shift--;
    }
    this.hashes = new Int32Array(size);
    this.positions = new Int32Array(size);
    this.mask = size - 1;
    this.shift = shift;
  }
  private slot(hash: number): number {
    let i = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    while (this.positions[i] !== 0 && this.hashes[i] !== hash) i = (i + 1) & this.mask;
    return i;
  }
  /** remembers where a hash first stands; later positions of the same hash are not kept */
  addFirst(hash: number, position: number): void {
    const i = this.slot(hash);
    if (this.positions[i] === 0) {
      this.hashes[i] = hash;
      this.positions[i] = position + 1;
    }
  }
  /** where the hash first stands, -1 if nowhere */
  get(hash: number): number {
    return this.positions[this.slot(hash)] - 1;
  }
}

function same(a: Uint16Array, i: number, b: Uint16Array, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}
