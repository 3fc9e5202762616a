import { lastStartingAtOrBefore } from '../engine/text';
import type { ReadDocument, SourceLocation } from './types';

// A PDF's text layer is a set of glyph runs placed on the page, with no lines, paragraphs or tables.
// The lines are rebuilt here from positions, the way `pdftotext -layout` prints them: runs on one
// baseline form a line, in order of x; a narrow gap is a space, a wide gap (between table columns)
// two or more, which is how the engine tells the cells of a space-aligned table row apart.
// Pure: plain data in, text out, so it is tested without pdf.js.

/** One run of glyphs as pdf.js gives it, in page coordinates with y growing downward (top of page = 0). */
export interface PdfTextRun {
  text: string;
  /** left end of the run's baseline */
  x: number;
  /** the baseline */
  y: number;
  width: number;
  /** font size: the height of an em */
  size: number;
  /** written top to bottom (a merged cell's label set vertically); y is then the top of the column */
  vertical?: boolean;
}

export interface PdfPageText {
  width: number;
  height: number;
  runs: PdfTextRun[];
}

interface PageLine {
  text: string;
  y: number;
}

/** A line of the output text and where it was: page and line on that page, both 1-based. */
interface PlacedLine {
  start: number;
  page: number;
  line: number;
}

// ---------- runs to lines ----------

/** runs whose baselines are this close (in ems) are on one line; superscripts and cell padding differ by less */
const SAME_LINE_EM = 0.35;
/** a gap narrower than this (in ems) is kerning or justification inside a word */
const JOIN_EM = 0.12;
/** a gap wider than this (in ems) separates table columns, not words */
const COLUMN_EM = 1;
const MAX_COLUMN_SPACES = 24;

function isBlank(s: string): boolean {
  return s.trim() === '';
}

function groupLines(runs: readonly PdfTextRun[]): PdfTextRun[][] {
  const sorted = runs.filter((r) => !isBlank(r.text)).sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: PdfTextRun[][] = [];
  let current: PdfTextRun[] = [];
  let baseline = -Infinity;
  for (const run of sorted) {
    // a vertical label is a line of its own, as pdftotext prints it, not a prefix of the row beside its top
    const apart = run.vertical || current[0]?.vertical || Math.abs(run.y - baseline) > SAME_LINE_EM * Math.max(1, run.size);
    if (current.length && apart) {
      lines.push(current);
      current = [];
    }
    if (!current.length) baseline = run.y;
    current.push(run);
  }
  if (current.length) lines.push(current);
  return labelsBeforeFigures(lines.map((line) => line.sort((a, b) => a.x - b.x)));
}

const FIGURE = /^[\s\d.,，．%％-]+$/;

function right(line: readonly PdfTextRun[]): number {
  const last = line[line.length - 1];
  return last.x + last.width;
}

/**
 * A table row whose label wraps over two lines has its figures centred between them, so by baseline
 * the figures come between the label's lines. Put them after the label's last line, as pdftotext
 * does, so that the label's lines stay together above its figures.
 */
function labelsBeforeFigures(lines: PdfTextRun[][]): PdfTextRun[][] {
  for (let i = 1; i + 1 < lines.length; i++) {
    const [above, figures, below] = [lines[i - 1], lines[i], lines[i + 1]];
    if (!figures.every((r) => FIGURE.test(r.text)) || figures[0].vertical || below[0].vertical) continue;
    // a label line may start with its numbering ("5."), but ends in words, left of the figures
    const labelOnly = (line: PdfTextRun[]) => !FIGURE.test(line[line.length - 1].text) && right(line) < figures[0].x;
    const em = Math.max(1, figures[0].size);
    const near = below[0].y - figures[0].y < 1.2 * em && figures[0].y - above[0].y < 1.2 * em;
    if (labelOnly(above) && labelOnly(below) && near && below[0].x >= above[0].x - em) [lines[i], lines[i + 1]] = [below, figures];
  }
  return lines;
}

/** the white space that stands for the gap between two runs of one line */
function gapText(before: PdfTextRun, after: PdfTextRun): string {
  const em = Math.max(1, Math.min(before.size, after.size));
  const gap = after.x - (before.x + before.width);
  if (gap < JOIN_EM * em) return '';
  if (gap < COLUMN_EM * em) return ' ';
  return ' '.repeat(Math.min(MAX_COLUMN_SPACES, Math.max(2, Math.round(gap / (em / 2)))));
}

/** radicals of the supplement block that some fonts map simplified characters to: 人⺠ for 人民 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '⺠': '民',
  '⻅': '见',
  '⻆': '角',
  '⻉': '贝',
  '⻋': '车',
  '⻓': '长',
  '⻔': '门',
  '⻙': '韦',
  '⻚': '页',
  '⻛': '风',
  '⻜': '飞',
  '⻢': '马',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻧': '卤',
  '⻨': '麦',
  '⻩': '黄',
  '⻪': '黾',
  '⻬': '齐',
  '⻮': '齿',
  '⻰': '龙',
  '⻳': '龟',
};

/**
 * PDFs printed from some browsers and converters map common characters to radicals that look the
 * same (⼀ U+2F00 for 一, ⼯ for 工, ⺠ for 民): the engine would not know 「⼀、总体情况」. One
 * character for one, so nothing moves.
 */
export function withoutRadicals(text: string): string {
  return text.replace(/[\u2e80-\u2fdf]/g, (c) => RADICAL_SUPPLEMENT[c] ?? (c >= '\u2f00' ? c.normalize('NFKC') : c));
}

function lineText(runs: readonly PdfTextRun[]): string {
  let text = withoutRadicals(runs[0].text);
  for (let i = 1; i < runs.length; i++) text += gapText(runs[i - 1], runs[i]) + withoutRadicals(runs[i].text);
  return text.replace(/\s+$/, '').replace(/^\s+/, '');
}

/** The page's lines, top to bottom, with the indentation of each from the page's left text edge. */
export function pageLines(page: PdfPageText): PageLine[] {
  const grouped = groupLines(page.runs);
  const left = Math.min(...grouped.map((l) => l[0].x));
  return grouped.map((runs) => {
    const em = Math.max(1, runs[0].size);
    // a paragraph's first line is indented by two characters; keep that much, as pdftotext does
    const indent = runs[0].x - left >= 1.5 * em ? '  ' : '';
    return { text: indent + lineText(runs), y: runs[0].y };
  });
}

// ---------- headers, footers, page numbers ----------

/** "— 3 —", "- 3 -", "3", "第 3 页", "第3页/共12页", "共12页 第3页", "3/12", "Page 3 of 12" */
const PAGE_NUMBER =
  /^(?:[-—–－─\s]*\d{1,4}[-—–－─\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页|\d{1,4}\s*[/／]\s*\d{1,4}|(?:page\s*)?\d{1,4}\s*of\s*\d{1,4})$/i;
/** headers and footers sit in the top and bottom margin of the page (as a share of its height) */
const MARGIN_BAND = 0.12;
/** how many lines at the top and at the bottom of a page may be a running head or foot */
const EDGE_LINES = 2;

function inMarginBand(page: PdfPageText, line: PageLine): boolean {
  return line.y < MARGIN_BAND * page.height || line.y > (1 - MARGIN_BAND) * page.height;
}

function edgeIndices(count: number): number[] {
  const out = new Set<number>();
  for (let i = 0; i < Math.min(EDGE_LINES, count); i++) out.add(i).add(count - 1 - i);
  return [...out];
}

/** a running head with its page number blanked out, so "洪泽区年报 3" and "洪泽区年报 4" compare equal */
function runningKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/\d+/g, '#');
}

/** Running heads and feet: the same edge line (numbers aside) in the margin of most pages. */
function runningLines(pages: readonly PdfPageText[], lines: readonly PageLine[][]): Set<string> {
  const seen = new Map<string, number>();
  lines.forEach((pageLines, p) => {
    const keys = new Set(
      edgeIndices(pageLines.length)
        .filter((i) => inMarginBand(pages[p], pageLines[i]))
        .map((i) => runningKey(pageLines[i].text)),
    );
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  });
  const running = new Set<string>();
  if (pages.length < 2) return running;
  for (const [key, count] of seen) if (count >= 2 && count >= pages.length / 2) running.add(key);
  return running;
}

function withoutPageFurniture(page: PdfPageText, lines: PageLine[], running: Set<string>): PageLine[] {
  const edges = new Set(edgeIndices(lines.length));
  return lines.filter((line, i) => {
    if (!edges.has(i) || !inMarginBand(page, line)) return true;
    return !PAGE_NUMBER.test(line.text.trim()) && !running.has(runningKey(line.text));
  });
}

// ---------- the document ----------

export interface PdfLayout {
  text: string;
  /** the output's lines with their page and line on the page */
  lines: PlacedLine[];
}

/** The pages as one text: page furniture dropped, pages separated by a blank line. */
export function layoutPages(pages: readonly PdfPageText[]): PdfLayout {
  const raw = pages.map(pageLines);
  const running = runningLines(pages, raw);
  const parts: string[] = [];
  const lines: PlacedLine[] = [];
  let offset = 0;
  pages.forEach((page, p) => {
    const kept = withoutPageFurniture(page, raw[p], running);
    if (!kept.length) return;
    if (parts.length) {
      parts.push('');
      offset += 1;
    }
    kept.forEach((line, i) => {
      lines.push({ start: offset, page: p + 1, line: i + 1 });
      parts.push(line.text);
      offset += line.text.length + 1;
    });
  });
  return { text: parts.join('\n') + (parts.length ? '\n' : ''), lines };
}

/** the line holding this offset (the blank line between pages counts as the end of the page before) */
function placedAt(lines: readonly PlacedLine[], offset: number): PlacedLine | undefined {
  if (!lines.length || offset < 0) return undefined;
  return lines[lastStartingAtOrBefore(lines.length, (i) => lines[i].start, offset)];
}

export function pdfDocument(layout: PdfLayout): ReadDocument {
  return {
    text: layout.text,
    locate(offset: number): SourceLocation | undefined {
      if (offset > layout.text.length) return undefined;
      const at = placedAt(layout.lines, offset);
      return at && { kind: 'pdf', page: at.page, line: at.line };
    },
  };
}
