import type { BoundReport } from '../bind';
import type { ReportModel } from '../model';
import { parseChineseNumeral } from '../numbers';
import { halfWidthText, toHalfWidth } from '../text';

// What the rules on years, dates, numbering and leftovers share: where the prose is (not tables,
// not front matter), which stretches cite other documents (whose years are theirs, not the
// report's), the dates written in the report, and the office the report is about.

export type Span = { start: number; end: number };

export { proseLines, type ProseLine } from '../prose';

/** re-exported where the text rules have always found it */
export { halfWidthText };

let citedOf: { text: string; spans: Span[] } | undefined;

/**
 * Stretches that cite another document, whose years and dates are that document's: titles in
 * 《》 or 〈〉, and document numbers (黔江府办〔2016〕72号). In order, computed once per text.
 */
export function citedSpans(text: string): Span[] {
  if (citedOf?.text === text) return citedOf.spans;
  const spans: Span[] = [];
  // every alternative starts with its bracket (the document number's Chinese character before it is looked
  // behind the bracket), so that the search skips to the brackets
  const re =
    /《[^《》\n]{0,200}》|〈[^〈〉\n]{0,200}〉|[〔\[［(（【〖{｛](?<=[\u4e00-\u9fa5].)\s*(?:19|20)\d{2}\s*[〕\]］)）】〗}｝]\s*第?\s*\d{1,5}\s*号/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) spans.push({ start: m.index, end: m.index + m[0].length });
  citedOf = { text, spans };
  return spans;
}

/** Does [start, end) overlap one of the spans (in order, not overlapping each other)? */
export function inside(spans: readonly Span[], start: number, end = start + 1): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (s.end <= start) lo = mid + 1;
    else if (s.start >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

// ---------- dates ----------

export interface DateMention {
  start: number;
  end: number;
  year?: number;
  month?: number;
  day?: number;
}

const CN_DIGITS = '〇○零一二三四五六七八九';
const CN_SMALL = '一二三四五六七八九十';
const DATE = new RegExp(
  [
    // 2017年2月27日, 2017 年 2 月, 2月27日
    String.raw`(?<![\d.])(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?`,
    // 2017-03-07, 2017.3.7, 2017/03/07
    String.raw`(?<![\d.])(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?![\d])`,
    // 二〇一三年一月二十日
    `([${CN_DIGITS}]{4})年([${CN_SMALL}]{1,2})月(?:([${CN_SMALL}]{1,3})日)?`,
  ].join('|'),
  'g',
);

function cnNumber(s: string): number | undefined {
  return parseChineseNumeral(s.replace(/○/g, '〇'));
}

/** Every date written between start and end (a year alone is no date). Offsets index text. */
export function datesIn(text: string, start = 0, end = text.length): DateMention[] {
  const src = halfWidthText(text).slice(start, end);
  const out: DateMention[] = [];
  DATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE.exec(src))) {
    let d: DateMention;
    if (m[2] !== undefined)
      d = { start: 0, end: 0, year: m[1] ? Number(m[1]) : undefined, month: Number(m[2]), day: m[3] ? Number(m[3]) : undefined };
    else if (m[5] !== undefined) d = { start: 0, end: 0, year: Number(m[4]), month: Number(m[5]), day: Number(m[6]) };
    else d = { start: 0, end: 0, year: cnNumber(m[7]), month: cnNumber(m[8]), day: m[9] ? cnNumber(m[9]) : undefined };
    const trimmed = m[0].replace(/\s+$/, '');
    d.start = start + m.index;
    d.end = start + m.index + trimmed.length;
    out.push(d);
  }
  return out;
}

/** Is this a day of the calendar (2月30日 is not)? */
export function realDate(year: number | undefined, month: number, day: number | undefined): boolean {
  if (month < 1 || month > 12) return false;
  if (day === undefined) return true;
  const y = year ?? 2000; // a leap year: 2月29日 without a year may be real
  return day >= 1 && day <= new Date(Date.UTC(y, month, 0)).getUTCDate();
}

export function dateText(d: { year?: number; month?: number; day?: number }): string {
  return `${d.year !== undefined ? `${d.year}年` : ''}${d.month !== undefined ? `${d.month}月` : ''}${d.day !== undefined ? `${d.day}日` : ''}`;
}

// ---------- the report's own office ----------

/** The last administrative place in a name: 重庆市黔江区 → 黔江区; 平潭综合实验区地方税务局 → 平潭综合实验区. */
export function placeOf(name: string): string | undefined {
  const re = /[\u4e00-\u9fa5]{1,10}?(?:特别行政区|自治州|自治县|自治旗|实验区|开发区|示范区|新区|街道|省|市|区|县|旗|盟|州|镇|乡)/g;
  let last: string | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(name))) last = m[0];
  return last;
}

export type PlaceLevel = 'province' | 'city' | 'county' | 'town';

export function levelOf(place: string): PlaceLevel {
  if (/(?:省|自治区|特别行政区)$/.test(place)) return 'province';
  if (/(?:市|州|盟)$/.test(place)) return 'city';
  if (/(?:镇|乡|街道)$/.test(place)) return 'town';
  return 'county';
}

/**
 * The office the report is about, as its title names it: the words before the year
 * (平潭县人民政府2012年…) or between the year and 政府信息公开 (2019年上海市人民政府办公厅政府信息公开…).
 */
export function ownOffice(model: ReportModel): { name: string; place?: string } | undefined {
  const t = model.title?.text;
  if (!t) return undefined;
  const half = toHalfWidth(t);
  const m = /^(.*?)((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年度?(.*?)(?:政府)?信息公开/.exec(half);
  if (!m) return undefined;
  const name = (m[1].trim() || m[3].trim()).replace(/[\s·]/g, '');
  if (!name || !/^[\u4e00-\u9fa5]+$/.test(name)) return undefined;
  return { name, place: placeOf(name) };
}

/** The year the report is on, from the model. */
export function reportYear(report: BoundReport): number | undefined {
  return report.model.year;
}

/** The CJK numeral of n for headings: 1 → 一, 12 → 十二. */
export function chineseNumeral(n: number): string {
  const d = '〇一二三四五六七八九';
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  return String(n);
}

/**
 * The report given as the previous one when it is last year's (or its year cannot be told): an older one,
 * given where the series lacks a year, says nothing of this year's growth or of what was copied.
 */
export function previousIfLastYear(report: BoundReport): BoundReport | undefined {
  const previous = report.previous;
  if (!previous) return undefined;
  const gap = report.model.year && previous.model.year ? report.model.year - previous.model.year : 1;
  return gap <= 1 ? previous : undefined;
}
