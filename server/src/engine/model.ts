import { PerReport, type Memoized } from './memo';
import { parseCell, parseChineseNumeral, type CellValue } from './numbers';
import { codeAt, codeTable, firstNonSpace, halfWidthText, lastStartingAtOrBefore, toHalfWidth, trimmedEnd, WHITE_SPACE_CODE } from './text';

/** One line of the source; start/end exclude the line break. */
export interface Line {
  index: number;
  start: number;
  end: number;
  text: string;
}

export interface Cell {
  start: number;
  end: number;
  raw: string;
  value: CellValue;
}

/**
 * A line (or GFM/pipe/tab row) that carries figures in cells: a candidate row of a statistical table.
 * Its label is the text before the cells plus the label fragments on the lines just above it,
 * because PDF extraction often breaks a row label over several lines.
 */
export interface ValueRow {
  line: number;
  start: number;
  end: number;
  label: string;
  /** label text on the row's own line */
  ownLabel: string;
  cells: Cell[];
  layout: 'pipe' | 'tab' | 'aligned';
  /** a 计量单位 cell between the label and the figures (统计表 of reports before 2019) */
  unit?: string;
}

export type NumberingKind = 'chinese' | 'parenChinese' | 'arabic' | 'parenArabic';

export interface Heading {
  line: number;
  start: number;
  end: number;
  /** Markdown # depth, 0 for plain-text numbering */
  mdLevel: number;
  numbering?: { kind: NumberingKind; value: number; start: number; end: number };
  title: string;
}

export interface ReportModel extends Memoized {
  text: string;
  lines: Line[];
  frontMatter?: { start: number; end: number; schema?: { value: string; start: number; end: number } };
  title?: { text: string; start: number; end: number };
  year?: number;
  headings: Heading[];
  rows: ValueRow[];
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  // most texts break lines with \n alone: indexOf finds those faster than the pattern below
  if (!text.includes('\r')) {
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      lines.push({ index: lines.length, start, end, text: text.slice(start, end) });
      start = end + 1;
    }
    lines.push({ index: lines.length, start, end: text.length, text: text.slice(start) });
    return lines;
  }
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    lines.push({ index: lines.length, start, end: m.index, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ index: lines.length, start, end: text.length, text: text.slice(start) });
  return lines;
}

// ---------- headings ----------

const CN_NUM = '[一二三四五六七八九十]{1,3}';
const HEADING_PATTERNS: { kind: NumberingKind; re: RegExp }[] = [
  { kind: 'chinese', re: new RegExp(`^(${CN_NUM})\\s*[、，.．]`) },
  { kind: 'parenChinese', re: new RegExp(`^[（(]\\s*(${CN_NUM})\\s*[）)]`) },
  { kind: 'arabic', re: /^(\d{1,2})\s*[、.．](?!\d)/ },
  { kind: 'parenArabic', re: /^[（(]\s*(\d{1,2})\s*[）)]/ },
];
const PAREN_PATTERNS = HEADING_PATTERNS.filter((p) => p.kind === 'parenChinese' || p.kind === 'parenArabic');
const ARABIC_PATTERNS = HEADING_PATTERNS.filter((p) => p.kind === 'arabic');
const CHINESE_PATTERNS = HEADING_PATTERNS.filter((p) => p.kind === 'chinese');
/** what a numbered heading can start with, before half-width conversion: the first characters HEADING_PATTERNS accept */
const HEADING_FIRST_CODE = codeTable('一二三四五六七八九十（(0123456789０１２３４５６７８９');

const NUMERAL_CODE = codeTable('一二三四五六七八九十0123456789０１２３４５６７８９');
const MARK_CODE = codeTable('、，.．,');

/** Do up to three numerals stand at `at`, followed (after white space) by a mark 、，.．? What HEADING_PATTERNS ask of a line without brackets, and more. */
function markAfterNumeral(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && i - at < 3 && NUMERAL_CODE[text.charCodeAt(i)]) i++;
  return MARK_CODE[codeAt(text, firstNonSpace(text, i))] === 1;
}

function parseHeading(line: Line): Heading | undefined {
  let text = line.text;
  let offset = 0;
  let mdLevel = 0;
  // most lines have no #: the pattern is not tried on them
  const md = text.includes('#') ? /^ {0,3}(#{1,6})[ \t]+/.exec(text) : null;
  if (md) {
    mdLevel = md[1].length;
    offset = md[0].length;
  } else {
    offset = firstNonSpace(text); // what /^[\s\u3000]*/ matches
    // most lines are prose: one that cannot start a numbered heading is none, and is not converted and matched
    const first = codeAt(text, offset);
    if (!HEADING_FIRST_CODE[first]) return undefined;
    // 一、 2. ３．: a numeral then its mark, looked at before the line is converted and matched (prose often starts with a figure)
    if (first !== 0xff08 /* （ */ && first !== 0x28 /* ( */ && !markAfterNumeral(text, offset)) return undefined;
  }
  text = trimEndWith(text.slice(offset), '#');
  const half = toHalfWidth(text);
  // the patterns start with different characters: only those that can match the first are tried
  const first = half.charCodeAt(0);
  const patterns = first === 0x28 /* ( */ ? PAREN_PATTERNS : first >= 0x30 && first <= 0x39 ? ARABIC_PATTERNS : CHINESE_PATTERNS;
  for (const { kind, re } of patterns) {
    const m = re.exec(half);
    if (!m) continue;
    const value = kind === 'chinese' || kind === 'parenChinese' ? parseChineseNumeral(m[1]) : Number(m[1]);
    if (value === undefined) continue;
    return {
      line: line.index,
      start: line.start + offset,
      end: line.start + offset + text.length,
      mdLevel,
      numbering: { kind, value, start: line.start + offset, end: line.start + offset + m[0].length },
      title: text.slice(m[0].length).trim(),
    };
  }
  if (mdLevel) return { line: line.index, start: line.start + offset, end: line.start + offset + text.length, mdLevel, title: text.trim() };
  return undefined;
}

/** what .replace(/[\s#]+$/, '') does, without trying the pattern at every position of the line */
function trimEndWith(text: string, also: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === also || WHITE_SPACE_CODE[text.charCodeAt(end - 1)])) end--;
  return end === text.length ? text : text.slice(0, end);
}

// ---------- value rows ----------

function cellsOfDelimited(line: Line, sep: '|' | '\t'): Cell[] {
  const cells: Cell[] = [];
  let from = 0;
  const t = line.text;
  for (;;) {
    const at = t.indexOf(sep, from);
    const stop = at < 0 ? t.length : at;
    // the cell's text without the white space around it, measured rather than trimmed twice
    const first = firstNonSpace(t, from, stop);
    const last = trimmedEnd(t, stop, first);
    const trimmed = t.slice(first, last);
    // a blank cell spans its white space but the first, so that writing into it keeps "| x |" spacing
    const start = trimmed ? first : from + Math.min(1, stop - from);
    const end = trimmed ? last : stop;
    cells.push({ start: line.start + start, end: line.start + end, raw: trimmed, value: parseCell(trimmed) });
    if (at < 0) break;
    from = at + 1;
  }
  // GFM: "| a | b |" — the outer pipes enclose nothing. A row that only ends with a pipe keeps
  // its last (blank) cell: that is how a blank cell at the end of a ` | ` row is written.
  if (sep === '|' && /^\s*\|/.test(t)) {
    cells.shift();
    if (/\|\s*$/.test(t) && cells.length && cells[cells.length - 1].raw === '') cells.pop();
  }
  return cells;
}

const GFM_DELIMITER = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function isValueCell(c: Cell): boolean {
  return c.value.kind !== 'text';
}

const UNIT_CELL = /^(?:条|件|个|项|次|人次|份|家|篇|期|元|万元)$/;

function delimitedRow(line: Line, sep: '|' | '\t'): ValueRow | undefined {
  const cells = cellsOfDelimited(line, sep);
  if (cells.length < 2) return undefined;
  const first = cells[0];
  const labelled = first.value.kind === 'text';
  // the 统计表 of reports before 2019: 指标名称 | 计量单位 | 本年度 | 历年累计 — the unit is no figure
  const unit = labelled && cells.length > 2 && UNIT_CELL.test(cells[1].raw) ? cells[1].raw : undefined;
  const values = cells.slice(unit ? 2 : labelled ? 1 : 0);
  // a header row or prose with a stray pipe: some other cell has words in it
  if (!values.every(isValueCell)) return undefined;
  // all blank: a row of an empty table (Shanghai leaves whole rows blank), not a header such as "| 第二十条第（六）项 | |"
  if (
    !values.some((c) => c.value.kind === 'number' || c.value.kind === 'placeholder' || c.value.kind === 'unfilled') &&
    (!labelled || values.length < 2)
  )
    return undefined;
  return {
    line: line.index,
    start: line.start,
    end: line.end,
    label: labelled ? first.raw : '',
    ownLabel: labelled ? first.raw : '',
    cells: values,
    layout: sep === '|' ? 'pipe' : 'tab',
    ...(unit ? { unit } : {}),
  };
}

// A number standing alone between spaces, as PDF text aligns table columns: a word (between white space)
// that is all of [+-]?digits[digits,.．]*(万元|元)?
const NUMBER_WORD = /^[+-]?(?:\d|[\uFF10-\uFF19])[\d\uFF10-\uFF19,.．]*(?:万元|元)?$/;

/** what a number word can end with: a line ending otherwise is prose, not a row */
const TOKEN_LAST_CODE = codeTable('0123456789０１２３４５６７８９,.．元');

/** The run of number words that ends the line, with only white space between them (spans within the line). */
export function trailingNumbers(t: string): { start: number; end: number }[] {
  const run: { start: number; end: number }[] = [];
  let end = trimmedEnd(t);
  while (end > 0) {
    let start = end;
    while (start > 0 && !WHITE_SPACE_CODE[t.charCodeAt(start - 1)]) start--;
    if (!NUMBER_WORD.test(t.slice(start, end))) break;
    run.push({ start, end });
    end = trimmedEnd(t, start);
  }
  return run.reverse();
}

function alignedRow(line: Line): ValueRow | undefined {
  const t = line.text;
  // the last character but white space (/[\s\u3000]+$/), read without trimming the line
  const last = trimmedEnd(t);
  if (last === 0 || !TOKEN_LAST_CODE[t.charCodeAt(last - 1)]) return undefined;
  const run = trailingNumbers(t);
  if (!run.length) return undefined;
  const ownLabel = t.slice(0, run[0].start).trim();
  // prose that happens to end in a number ("地址：洪泽湖大道 90") has no gap before it
  const gap = t.slice(ownLabel.length + (t.length - t.trimStart().length), run[0].start);
  if (ownLabel && run.length === 1 && gap.length < 2 && !/[\u3000]/.test(gap)) return undefined;
  const cells = run.map((r) => {
    const raw = t.slice(r.start, r.end);
    return { start: line.start + r.start, end: line.start + r.end, raw, value: parseCell(raw) };
  });
  return { line: line.index, start: line.start, end: line.end, label: ownLabel, ownLabel, cells, layout: 'aligned' };
}

/** The row a line is, if any; `delimiter`: the | or tab it holds (| first), 0 for none (see delimitedLines) */
function valueRow(line: Line, delimiter: number): ValueRow | undefined {
  if (delimiter === PIPE) return GFM_DELIMITER.test(line.text) ? undefined : delimitedRow(line, '|');
  if (delimiter === TAB) return delimitedRow(line, '\t');
  return alignedRow(line);
}

const PIPE = 1;
const TAB = 2;
const delimitedCache = new PerReport<ReportModel, Uint8Array>();

/** PIPE, TAB or 0: what a line holds of | and tabs */
const delimiterOf = (t: string) => (t.includes('|') ? PIPE : t.includes('\t') ? TAB : 0);

/**
 * By line index, not 0 for a line with a | or a tab (a row of a pipe or tab table): neither prose nor content.
 * Noted by parseReport as it reads the lines.
 */
export function delimitedLines(model: ReportModel): Uint8Array {
  let delimited = delimitedCache.get(model);
  if (!delimited) {
    delimited = new Uint8Array(model.lines.length);
    for (const l of model.lines) delimited[l.index] = delimiterOf(l.text);
    delimitedCache.set(model, delimited);
  }
  return delimited;
}

// ---------- front matter, title, year ----------

function frontMatter(lines: Line[]): ReportModel['frontMatter'] {
  if (!/^(---|\+\+\+)\s*$/.test(lines[0]?.text ?? '')) return undefined;
  const fence = lines[0].text.trim();
  for (let i = 1; i < lines.length && i < 200; i++) {
    if (lines[i].text.trim() !== fence && !(fence === '---' && lines[i].text.trim() === '...')) continue;
    const fm: NonNullable<ReportModel['frontMatter']> = { start: lines[0].start, end: lines[i].end };
    for (let j = 1; j < i; j++) {
      const m = /^(schema\s*[:=]\s*)(["']?)([^"'#\s][^"'#]*?)\2\s*(?:#.*)?$/.exec(lines[j].text);
      if (m) {
        const start = lines[j].start + m[1].length + m[2].length;
        fm.schema = { value: m[3].trim(), start, end: start + m[3].trim().length };
      }
    }
    return fm;
  }
  return undefined;
}

const TITLE = /((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年.{0,40}?(?:报告|年报)/;

function findTitle(lines: Line[], from: number): ReportModel['title'] {
  // The title is near the top, names the year and says 报告; PDF text may split it over two lines
  // ("洪泽区人民政府" / "2023 年政府信息公开工作年度报告").
  const limit = Math.min(lines.length, from + 12);
  // nothing in a code block or an HTML comment is the title, as nothing there is a heading or a row
  const hidden = hiddenLines({ comments: true });
  for (let i = from; i < limit; i++) {
    const t = lines[i].text;
    if (hidden(t)) continue;
    const text = t.replace(/^[\s#]+/, '').trim();
    if (!text || text.length > 80 || !TITLE.test(toHalfWidth(text))) continue;
    let start = lines[i].start + lines[i].text.indexOf(text);
    let full = text;
    const prev = i > from ? lines[i - 1].text.trim() : '';
    if (prev && prev.length <= 30 && /^[\u3400-\u9fff]+$/.test(prev) && /(?:政府|办公厅|办公室|局|委员会|委|厅|区|县|市)$/.test(prev)) {
      full = prev + text;
      start = lines[i - 1].start + lines[i - 1].text.indexOf(prev);
    }
    return { text: full.replace(/\s+/g, ''), start, end: lines[i].start + lines[i].text.indexOf(text) + text.length };
  }
  return undefined;
}

const STATISTICS_PERIOD = /统计[^。]{0,12}?自\s*((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/;
const OPENING_YEAR = /(?:^|\n)[\s\u3000]*((?:19|20)\d{2})\s*年[，,]/;

/** how much of the report's beginning the year is looked for in, when the title does not say it */
const YEAR_HEAD = 20000;

/**
 * The year reported on: from the title, else the statistics period, else a paragraph opening with it, in
 * `head()`: the half-width text of the report's first YEAR_HEAD characters.
 */
function yearOf(title: string | undefined, head: () => string): number | undefined {
  const m = title && TITLE.exec(toHalfWidth(title));
  if (m) return /^\d/.test(m[1]) ? Number(m[1]) : parseChineseNumeral(m[1]);
  const text = head();
  const p = STATISTICS_PERIOD.exec(text) ?? OPENING_YEAR.exec(text);
  return p ? Number(p[1]) : undefined;
}

// ---------- the model ----------

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * A filter for the lines of Markdown code blocks (and, when asked, of HTML comments), called on every line
 * in order: nothing in them is a title, a heading, a table row or a directive.
 */
export function hiddenLines(options: { comments: boolean }): (text: string) => boolean {
  let fence: string | undefined;
  let comment = false;
  return (t) => {
    if (fence) {
      if (t.trim().startsWith(fence)) fence = undefined;
      return true;
    }
    // a fence opens with ` or ~ after at most three spaces: other lines are not matched
    const f = fenceFirst(t) && FENCE.exec(t);
    if (f) {
      fence = f[1];
      return true;
    }
    if (options.comments && (comment || (codeAt(t, firstNonSpace(t)) === LESS_THAN && /^\s*<!--/.test(t)))) {
      comment = !t.includes('-->');
      return true;
    }
    return false;
  };
}

const LESS_THAN = 0x3c;

/** Whether the line, after at most three spaces, begins with ` or ~: what FENCE needs to match. */
function fenceFirst(t: string): boolean {
  let i = 0;
  while (i < 3 && codeAt(t, i) === 32) i++;
  const c = codeAt(t, i);
  return c === 0x60 || c === 0x7e;
}

/** The index of the line that holds an offset. */
export function lineIndexAt(lines: readonly Line[], offset: number): number {
  return lastStartingAtOrBefore(lines.length, (i) => lines[i].start, offset);
}

/**
 * The title and the year of a report as parseReport reads them, from its first lines only (front matter,
 * then the title within 12 lines): what pairing reports with last year's needs of each file.
 */
export function titleAndYear(text: string): Pick<ReportModel, 'title' | 'year'> {
  // the title is within 12 lines of the top, or of the end of the front matter (at most 200 lines)
  const upTo = text.startsWith('---') || text.startsWith('+++') ? 220 : 12;
  let cut = -1;
  for (let n = 0; n < upTo; n++) if ((cut = text.indexOf('\n', cut + 1)) < 0) break;
  const lines = splitLines(cut < 0 ? text : text.slice(0, cut));
  const { first } = opening(lines);
  const title = findTitle(lines, first);
  // only the beginning made half-width: pairing reads the title and year of every report of a folder
  return { title, year: yearOf(title?.text, () => toHalfWidth(text.slice(0, YEAR_HEAD))) };
}

/** The front matter, and the first line after it. */
function opening(lines: Line[]): { fm: ReportModel['frontMatter']; first: number } {
  const fm = frontMatter(lines);
  let first = 0;
  if (fm) while (first < lines.length && lines[first].end <= fm.end) first++;
  return { fm, first };
}

export function parseReport(text: string): ReportModel {
  const lines = splitLines(text);
  const { fm, first } = opening(lines);
  const headings: Heading[] = [];
  const rows: ValueRow[] = [];
  let pending: string[] = [];
  const hidden = hiddenLines({ comments: true });
  const delimited = new Uint8Array(lines.length);
  for (let i = 0; i < first; i++) delimited[i] = delimiterOf(lines[i].text);
  for (let i = first; i < lines.length; i++) {
    const line = lines[i];
    const t = line.text;
    const delimiter = (delimited[i] = delimiterOf(t));
    if (hidden(t)) continue;
    if (firstNonSpace(t) === t.length) continue; // blank
    if (t.length > 2000) {
      pending = [];
      continue; // not a table row nor a heading; keeps huge pasted lines cheap
    }
    const row = valueRow(line, delimiter);
    if (row) {
      // the last three lines above it of at most 60 characters (a header cell PDF text broke over lines)
      let above = '';
      for (let k = pending.length - 1, taken = 0; k >= 0 && taken < 3; k--) {
        const p = pending[k].trim();
        if (p.length > 60) continue;
        above = p + above;
        taken++;
      }
      row.label = above + row.ownLabel;
      rows.push(row);
      pending = [];
      continue;
    }
    const h = parseHeading(line);
    if (h) headings.push(h);
    pending.push(t); // trimmed when a row takes it as its label: most lines are none's
    if (pending.length > 6) pending.shift();
  }
  const title = findTitle(lines, first);
  // the whole report made half-width, once per text: the checks read it too
  const year = yearOf(title?.text, () => halfWidthText(text).slice(0, YEAR_HEAD));
  const model: ReportModel = { text, lines, frontMatter: fm, title, year, headings, rows, memo: new Map() };
  delimitedCache.set(model, delimited);
  return model;
}
