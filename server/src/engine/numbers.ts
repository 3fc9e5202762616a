import { codeAt, codeTable, firstNonSpace, toHalfWidth, trimmedEnd } from './text';

// ---------- table cells ----------

export type CellValue =
  | { kind: 'number'; value: number; unit: string }
  | { kind: 'blank' }
  | { kind: 'placeholder' } // —, /, 无, ×: something written where a count belongs
  | { kind: 'unfilled' } // XX, （请填写）: a template's blank, still to be filled (a draft of next year's report)
  | { kind: 'text' };

const CELL_NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万元|元|件|条|个|项|%)?$/;
const UNFILLED = /^(?:[xX×]{2,}|[(（]请填写[)）])$/;
const PLACEHOLDER = /^(?:[-—–－―~～\/／\\×xX*＊]+|无|空|暂无|\/)$/;

// the values of cells without a number, one object each for all cells (never changed): a table holds thousands
const BLANK: CellValue = Object.freeze({ kind: 'blank' });
const PLACEHOLDER_VALUE: CellValue = Object.freeze({ kind: 'placeholder' });
const UNFILLED_VALUE: CellValue = Object.freeze({ kind: 'unfilled' });
const TEXT: CellValue = Object.freeze({ kind: 'text' });

// and of plain small counts, the most common cells (0, 1, 12): one object per count
const SMALL_COUNTS: readonly CellValue[] = Array.from({ length: 1000 }, (_, value) => Object.freeze({ kind: 'number', value, unit: '' }));

export function parseCell(raw: string): CellValue {
  // most cells are a plain count (0, 12, 386): read without the patterns below
  if (raw.length > 0 && raw.length <= 15 && isAsciiDigits(raw)) {
    const value = Number(raw);
    return value < SMALL_COUNTS.length ? SMALL_COUNTS[value] : { kind: 'number', value, unit: '' };
  }
  const s = toHalfWidth(raw).trim();
  if (s === '') return BLANK;
  const m = CELL_NUMBER.exec(s);
  if (m) {
    const value = Number((m[1] === '-' ? '-' : '') + m[2].replace(/,/g, '') + (m[3] ?? ''));
    // beyond 2^53 sums are no longer exact (and would be written 1e+23): not a count to check
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return TEXT;
    return { kind: 'number', value, unit: m[4] ?? '' };
  }
  if (UNFILLED.test(s)) return UNFILLED_VALUE;
  if (PLACEHOLDER.test(s)) return PLACEHOLDER_VALUE;
  return TEXT;
}

function isAsciiDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

// ---------- Chinese numerals ----------

// the value of each numeral character by code unit: digits 0–9 (-1: none), then 十百千 and 万亿 as multipliers (0: none)
const DIGIT_VALUE = new Int8Array(65536).fill(-1);
for (const [c, v] of Object.entries({ 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }))
  DIGIT_VALUE[c.charCodeAt(0)] = v;
const SMALL_UNIT_VALUE = (c: number) => (c === 0x5341 ? 10 : c === 0x767e ? 100 : c === 0x5343 ? 1000 : 0); // 十 百 千
const BIG_UNIT_VALUE = (c: number) => (c === 0x4e07 ? 1e4 : c === 0x4ebf ? 1e8 : 0); // 万 亿

/** 十三 → 13, 一百二十 → 120, 三千零五 → 3005, 一万二千 → 12000, 二〇二四 → 2024; undefined if not a numeral. */
export function parseChineseNumeral(s: string): number | undefined {
  if (!s) return undefined;
  // read by code unit from tables: a numeral is parsed for every Chinese figure and heading
  let units = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (DIGIT_VALUE[c] < 0 && !SMALL_UNIT_VALUE(c) && !BIG_UNIT_VALUE(c)) return undefined;
    if (DIGIT_VALUE[c] < 0) units = true;
  }
  if (!units) {
    // digit by digit, as in years: 二〇二四
    let v = 0;
    for (let i = 0; i < s.length; i++) v = v * 10 + DIGIT_VALUE[s.charCodeAt(i)];
    return v;
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  let seenDigit = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (DIGIT_VALUE[c] >= 0) {
      digit = DIGIT_VALUE[c];
      seenDigit = true;
    } else if (SMALL_UNIT_VALUE(c)) {
      section += (seenDigit ? digit : 1) * SMALL_UNIT_VALUE(c);
      digit = 0;
      seenDigit = false;
    } else {
      section += digit;
      total += (section || 1) * BIG_UNIT_VALUE(c);
      section = 0;
      digit = 0;
      seenDigit = false;
    }
  }
  return total + section + digit;
}

// ---------- figures in prose ----------

export interface Figure {
  start: number;
  end: number;
  value: number;
  /** the measure word or unit after it: 件, 条, 个, 万元, 年, 月, 日, 号 … ('' if none) */
  unit: string;
  percent: boolean;
  /** 余, 多, 近, 约, 以上, 左右, a range: never to be checked as exact */
  approximate: boolean;
  /** preceded by 第: an ordinal, not a quantity */
  ordinal: boolean;
  /** written in Chinese numerals (十三件) */
  chinese: boolean;
}

const UNITS = [
  '万元',
  '亿元',
  '元',
  '件',
  '条',
  '个',
  '项',
  '次',
  '人次',
  '人',
  '家',
  '份',
  '篇',
  '期',
  '场',
  '名',
  '批',
  '宗',
  '起',
  '户',
  '年',
  '月',
  '日',
  '号',
  '天',
  '小时',
  '分钟',
  '倍',
];
const UNIT_ALT = UNITS.sort((a, b) => b.length - a.length).join('|');
const CN = '[零〇一二两三四五六七八九十百千万亿]';
// Arabic (half- or full-width, thousands separators, decimals) or Chinese numerals, then optional
// multiplier, approximation marker and unit. White space (a PDF line break) may sit between parts.
export const FIGURE = new RegExp(
  `(百分之\\s*)?(?:(\\d{1,3}(?:[,，]\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)|(${CN}+))` +
    `(?:\\s*([万亿])(?![元]))?` +
    `(?:\\s*(余|多))?` +
    `(?:\\s*(%|${UNIT_ALT}))?` +
    `(?:\\s*(以上|左右|多|余))?`,
  'g',
);
const APPROX_BEFORE = /(?:约|近|逾|超过|将近|大约|接近|累计超)\s*$/;
// the upper end of a range (3-5件, 3至5件, 三到五件); 收到、截至 before a figure are no range
const RANGE_BEFORE = /(?:[-~～]|[\d零〇一二两三四五六七八九十百千万亿][^\s\d]?\s*[至到])$/;

/** Every figure between start and end of text; offsets index text itself. */
export function extractFigures(text: string, start = 0, end = text.length): Figure[] {
  return figuresInHalfWidth(toHalfWidth(text.slice(start, end)), start);
}

/** The same pattern tried at one position only: figuresInHalfWidth finds where a figure can start itself. */
const FIGURE_AT = new RegExp(FIGURE.source, 'y');

/** what a figure starts with: a digit, or a Chinese numeral (百 also begins 百分之) */
const FIGURE_FIRST = codeTable('0123456789零〇一二两三四五六七八九十百千万亿');

export const DIGIT_CODE = codeTable('0123456789');
const CHINESE_NUMERAL_CODE = codeTable('零〇一二两三四五六七八九十百千万亿');
/** what must follow a Chinese numeral (after white space) for FIGURE to find a figure in it: 万亿, 余多, % or a unit's first character */
const AFTER_CHINESE_NUMERAL_CODE = codeTable('万亿余多%' + UNITS.map((u) => u[0]).join(''));

/**
 * extractFigures of a stretch already made half-width (src), which starts at offset start of the text. The
 * pattern is tried only where a figure can start, as a global search would find the same matches: most of the
 * prose is words, and a table lookup skips them faster than the search does.
 */
export function figuresInHalfWidth(src: string, start: number): Figure[] {
  const out: Figure[] = [];
  for (let at = 0; at < src.length;) {
    if (!FIGURE_FIRST[src.charCodeAt(at)]) {
      at++;
      continue;
    }
    // a Chinese numeral is a figure only with a unit, a multiplier or 百分之: most are words (统一, 进一步), passed over whole
    if (!DIGIT_CODE[src.charCodeAt(at)] && !src.startsWith('百分之', at)) {
      let end = at + 1;
      while (CHINESE_NUMERAL_CODE[codeAt(src, end)]) end++;
      if (!AFTER_CHINESE_NUMERAL_CODE[codeAt(src, firstNonSpace(src, end))]) {
        at = end;
        continue;
      }
    }
    let match: FigureMatch;
    if (DIGIT_CODE[src.charCodeAt(at)]) match = digitsAt(src, at);
    else {
      FIGURE_AT.lastIndex = at;
      const m = FIGURE_AT.exec(src);
      if (!m) {
        at++;
        continue;
      }
      match = matchOf(m);
    }
    at = match.index + match.length;
    const figure = figureOf(src, start, match);
    if (figure) out.push(figure);
  }
  return out;
}

/** FIGURE's match as figureOf reads it: where it stands, and its groups (undefined for those that matched nothing) */
interface FigureMatch {
  index: number;
  length: number;
  /** 百分之 */
  percentWord?: string;
  /** the value of the number in digits, thousands separators left out */
  arabic?: number;
  chinese?: string;
  /** 万 or 亿 */
  multiplier?: string;
  /** 余 or 多 before the unit, and 以上, 左右, 多, 余 after it */
  approximateBefore?: string;
  unit?: string;
  approximateAfter?: string;
}

const matchOf = (m: RegExpExecArray): FigureMatch => ({
  index: m.index,
  length: m[0].length,
  percentWord: m[1],
  arabic: m[2] === undefined ? undefined : numberOfDigits(m[2]),
  chinese: m[3],
  multiplier: m[4],
  approximateBefore: m[5],
  unit: m[6],
  approximateAfter: m[7],
});

/** the words a pattern's alternation tries, in its order, by their first code unit: the others cannot match there */
function byFirstCode(words: string[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const w of words) map.set(w.charCodeAt(0), [...(map.get(w.charCodeAt(0)) ?? []), w]);
  return map;
}
const UNITS_BY_FIRST = byFirstCode(['%', ...UNIT_ALT.split('|')]);
const AFTER_UNIT_BY_FIRST = byFirstCode(['以上', '左右', '多', '余']);

/** the first of the words (in order) that stands at `at` */
function wordAt(src: string, at: number, byFirst: Map<number, string[]>): string | undefined {
  const words = byFirst.get(codeAt(src, at));
  if (words) for (const w of words) if (src.startsWith(w, at)) return w;
  return undefined;
}
const MULTIPLIER_CODE = codeTable('万亿');
const COMMA_CODE = codeTable(',，');

/**
 * FIGURE's match at a digit, read without the pattern: what follows the number is optional parts, each greedy,
 * that nothing after them needs, so reading each in turn as far as it goes is the match. (Most figures start
 * with a digit; the pattern's match object and substrings cost more than the figure.)
 */
function digitsAt(src: string, at: number): FigureMatch {
  let end = at;
  while (DIGIT_CODE[codeAt(src, end)]) end++;
  // \d{1,3}(?:[,，]\d{3})+ first: thousands separated
  if (end - at <= 3) {
    let p = end;
    while (COMMA_CODE[codeAt(src, p)] && DIGIT_CODE[codeAt(src, p + 1)] && DIGIT_CODE[codeAt(src, p + 2)] && DIGIT_CODE[codeAt(src, p + 3)])
      p += 4;
    end = p;
  }
  if (codeAt(src, end) === 0x2e && DIGIT_CODE[codeAt(src, end + 1)]) {
    end += 2;
    while (DIGIT_CODE[codeAt(src, end)]) end++;
  }
  const arabic = valueAt(src, at, end);
  let multiplier: string | undefined;
  let p = firstNonSpace(src, end);
  if (MULTIPLIER_CODE[codeAt(src, p)] && codeAt(src, p + 1) !== 0x5143 /* 元 */) {
    multiplier = src.charCodeAt(p) === 0x4e07 ? '万' : '亿';
    end = p + 1;
  }
  let approximateBefore: string | undefined;
  p = firstNonSpace(src, end);
  const more = codeAt(src, p);
  if (more === 0x4f59 /* 余 */ || more === 0x591a /* 多 */) {
    approximateBefore = more === 0x4f59 ? '余' : '多';
    end = p + 1;
  }
  p = firstNonSpace(src, end);
  const unit = wordAt(src, p, UNITS_BY_FIRST);
  if (unit) end = p + unit.length;
  p = firstNonSpace(src, end);
  const approximateAfter = wordAt(src, p, AFTER_UNIT_BY_FIRST);
  if (approximateAfter) end = p + approximateAfter.length;
  // every field set, in matchOf's order: one shape of match object wherever it comes from
  return {
    index: at,
    length: end - at,
    percentWord: undefined,
    arabic,
    chinese: undefined,
    multiplier,
    approximateBefore,
    unit,
    approximateAfter,
  };
}

/** what Number() reads of the digits without their thousands separators */
function numberOfDigits(digits: string): number {
  return Number(digits.includes(',') || digits.includes('，') ? digits.replace(/[,，]/g, '') : digits);
}

/**
 * numberOfDigits of src[from, to), without slicing it for a whole number of up to 15 digits (exact in a double,
 * as Number() reads it); others are sliced and read by Number().
 */
function valueAt(src: string, from: number, to: number): number {
  if (to - from <= 15 + 4) {
    let value = 0;
    let digits = 0;
    for (let i = from; i < to; i++) {
      const c = src.charCodeAt(i);
      if (c === 0x2e) return numberOfDigits(src.slice(from, to)); // a decimal point: read as Number() reads it
      if (COMMA_CODE[c]) continue;
      value = value * 10 + (c - 0x30);
      digits++;
    }
    if (digits <= 15) return value;
  }
  return numberOfDigits(src.slice(from, to));
}

/** The figure a match of FIGURE stands for, or undefined when it is none (a code, a 文号's year, a bare numeral). */
function figureOf(src: string, start: number, m: FigureMatch): Figure | undefined {
  const pctWord = m.percentWord;
  const arabic = m.arabic;
  const inDigits = arabic !== undefined;
  const mult = m.multiplier;
  const unitOrPct = m.unit;
  // a Chinese numeral counts only as a quantity when a unit follows it, or after 百分之 (asked first: most are words, 统一)
  if (!inDigits && !unitOrPct && !pctWord && !mult) return undefined;
  if (inDigits && CODE_CHAR[codeAt(src, m.index - 1)]) return undefined; // part of a code, phone number, address or URL
  const next = codeAt(src, m.index + m.length);
  if (!unitOrPct && (next === 0x5d || next === 0x3015 || next === 0x3011)) return undefined; // the year of a 文号: 〔2019〕
  // the six characters before it are read by patterns only when the last one not white space can end one of them
  const windowStart = Math.max(0, m.index - 6);
  const last = trimmedEnd(src, m.index, windowStart) - 1;
  const before = last >= windowStart && BEFORE_LAST_CODE[src.charCodeAt(last)] ? src.slice(windowStart, m.index) : '';
  let value: number;
  if (inDigits) value = arabic;
  else {
    const v = parseChineseNumeral(m.chinese + (mult ?? ''));
    if (v === undefined) return undefined;
    value = v;
  }
  if (inDigits && mult) value *= mult === '万' ? 1e4 : 1e8;
  if (value > Number.MAX_SAFE_INTEGER) return undefined; // a run of digits no count reaches: nothing exact to say about it
  const percent = !!pctWord || unitOrPct === '%';
  // the match without the white space it ends with (what trimEnd removes)
  const length = trimmedEnd(src, m.index + m.length, m.index) - m.index;
  return {
    start: start + m.index,
    end: start + m.index + length,
    value,
    unit: percent ? '%' : (unitOrPct ?? ''),
    percent,
    approximate:
      !!m.approximateBefore || !!m.approximateAfter || (before !== '' && (APPROX_BEFORE.test(before) || RANGE_BEFORE.test(before.trim()))),
    ordinal: before !== '' && /第\s*$/.test(before),
    chinese: !inDigits,
  };
}

/** what stands right before a number that is part of a code, a phone number, an address or a URL */
const CODE_CHAR = codeTable('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@.-/:');
/** the last characters (white space aside) that APPROX_BEFORE, RANGE_BEFORE and 第 can end with */
const BEFORE_LAST_CODE = codeTable('约近逾过超-~～至到第');

/** A figure as a message writes it: whole numbers as they are, others without float noise (0.1+0.2 → 0.3). */
export function numberText(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
}
