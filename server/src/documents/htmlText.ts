import { lastStartingAtOrBefore } from '../engine/text';
import { parseCell } from '../engine';
import { isFurniture, isLinkList, isSkipped, type Article } from './htmlArticle';
import { elementsOf, type HtmlElement, type HtmlNode } from './htmlTree';

// The article as lines of text: each block element (p, div, h1, li …) and each <br> ends a line;
// white space collapses as a browser shows it; a data table becomes one pipe row per <tr>, the way
// the engine reads tables copied from web pages ("一、本年新收… | 21 | 0 | … | 21").
// Each piece of text keeps the line of the page source it came from.

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** the 计量单位 cell of the statistics tables before 2019, which the engine reads as a cell of its own */
const UNIT_CELL = /^(?:条|件|个|项|次|人次|份|家|篇|期|元|万元)$/;

/** lines made only of the page's buttons: 打印本页, 关闭窗口, 【字体：大 中 小】, 分享到 … */
const BUTTONS =
  /^(?:[【】\[\]（）()|｜:：>›»\s]|打印本页|打印|关闭窗口|关闭本页|关闭|字体|字号|大|中|小|默认|分享到|分享|收藏|返回顶部|顶部|保存本页|扫一扫在手机打开当前页|扫一扫)*$/;

export interface SourceMark {
  /** offset in the output text */
  at: number;
  /** 1-based line of the page source */
  line: number;
}

export interface HtmlLayout {
  text: string;
  marks: SourceMark[];
}

/** The 1-based source line of every offset of the page source, by binary search over line starts. */
export function sourceLines(source: string): (offset: number) => number {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => lastStartingAtOrBefore(starts.length, (i) => starts[i], offset) + 1;
}

const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
const wide = (c: string | undefined) => !!c && WIDE.test(c);

class LineWriter {
  private lines: { text: string; marks: { column: number; line: number }[] }[] = [];
  private text = '';
  private marks: { column: number; line: number }[] = [];

  /** text as the browser shows it: runs of white space are one space; a source line break starts a new mark */
  write(raw: string, line: number): void {
    raw.split('\n').forEach((piece, i) => {
      let shown = (i > 0 ? ' ' : '') + piece.replace(/[\t\r\f \u00a0]+/g, ' ');
      const head = shown.trimStart();
      // a line break in the source between two Chinese characters shows as nothing (CSS Text: segment
      // breaks), elsewhere as a space; Word's HTML wraps its lines anywhere
      if (i > 0 && head && wide(this.text.trimEnd().slice(-1)) && wide(head[0])) {
        this.text = this.text.trimEnd();
        shown = head;
      }
      if (shown.startsWith(' ') && (this.text === '' || this.text.endsWith(' '))) shown = shown.slice(1);
      if (head) this.marks.push({ column: this.text.length + (shown.length - shown.trimStart().length), line: line + i });
      this.text += shown;
    });
  }

  /** a whole line at once (a table row), with the source line of each of its pieces */
  writeLine(text: string, marks: { column: number; line: number }[]): void {
    this.end();
    this.text = text;
    this.marks = marks;
    this.end();
  }

  end(): void {
    const trimmed = this.text.replace(/^[\s\u3000]+/, '');
    const cut = this.text.length - trimmed.length;
    const line = trimmed.replace(/[\s\u3000]+$/, '');
    if (line && !BUTTONS.test(line))
      this.lines.push({ text: line, marks: this.marks.map((m) => ({ ...m, column: Math.max(0, m.column - cut) })) });
    this.text = '';
    this.marks = [];
  }

  layout(): HtmlLayout {
    this.end();
    const marks: SourceMark[] = [];
    let at = 0;
    for (const line of this.lines) {
      for (const m of line.marks) marks.push({ at: at + Math.min(m.column, line.text.length), line: m.line });
      at += line.text.length + 1;
    }
    return { text: this.lines.map((l) => l.text + '\n').join(''), marks };
  }
}

// ---------- tables ----------

function rowsOf(table: HtmlElement): HtmlElement[] | undefined {
  const rows: HtmlElement[] = [];
  for (const e of elementsOf(table)) {
    if (e !== table && e.tag === 'table') return undefined; // a layout table: read its cells as blocks
    if (e.tag === 'tr') rows.push(e);
  }
  return rows;
}

function cellText(cell: HtmlElement): string {
  let text = '';
  const stack: HtmlNode[] = [cell];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === 'text') text += node.text;
    else if (!isSkipped(node)) {
      if (BLOCKS.has(node.tag) || node.tag === 'br') text += ' ';
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return text
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim()
    .replace(/\|/g, '｜');
}

/** One row as the engine reads it: the label cells before the figures joined into one, the figures each a cell. */
export function pipeRow(cells: readonly string[]): string {
  let k = cells.length;
  while (k > 0 && parseCell(cells[k - 1]).kind !== 'text') k--;
  if (k === cells.length) return cells.filter((c) => c).join(' | ');
  // a row of blank cells under a label stays a row: the blank cells are what the engine reports
  if (k === 0 && cells.every((c) => c === '')) return '';
  const labels = cells.slice(0, k).filter((c) => c);
  const unit = labels.length > 1 && UNIT_CELL.test(labels[labels.length - 1]) ? labels.pop() : undefined;
  const head = [labels.join(' '), ...(unit ? [unit] : [])].filter((c) => c);
  return [...head, ...cells.slice(k)].join(' | ');
}

function writeTable(out: LineWriter, rows: HtmlElement[], lineOf: (offset: number) => number): void {
  for (const row of rows) {
    const cells = row.children.filter((c): c is HtmlElement => c.kind === 'element' && (c.tag === 'td' || c.tag === 'th') && !isSkipped(c));
    const texts = cells.map(cellText);
    const text = pipeRow(texts);
    if (!text) continue;
    // each cell's text where the row shows it, so that a finding on a cell names the cell's own line
    const marks = [{ column: 0, line: lineOf(row.start) }];
    let cursor = 0;
    texts.forEach((cell, i) => {
      const at = cell ? text.indexOf(cell, cursor) : -1;
      if (at === -1) return;
      marks.push({ column: at, line: lineOf(cells[i].start) });
      cursor = at + cell.length;
    });
    out.writeLine(text, marks);
  }
}

// ---------- the article ----------

/** a report saved as text and shown in <pre>: its own line breaks are its lines */
function writePreformatted(out: LineWriter, text: string, line: number): void {
  text.split('\n').forEach((piece, i) => {
    if (i > 0) out.end();
    out.write(piece, line + i);
  });
}

export function articleText(article: Article, lineOf: (offset: number) => number): HtmlLayout {
  const out = new LineWriter();
  let started = !article.from;
  let preformatted = 0;
  const stack: { node: HtmlNode; leaving?: boolean }[] = [{ node: article.root }];
  while (stack.length) {
    const { node, leaving } = stack.pop()!;
    if (node.kind === 'text') {
      if (started) preformatted ? writePreformatted(out, node.text, lineOf(node.start)) : out.write(node.text, lineOf(node.start));
      continue;
    }
    if (leaving) {
      if (node.tag === 'pre') preformatted--;
      if (BLOCKS.has(node.tag)) out.end();
      continue;
    }
    if (node === article.from) started = true;
    if (isSkipped(node) || (!article.kept.has(node) && (isFurniture(node) || isLinkList(node, article.weights)))) continue;
    if (BLOCKS.has(node.tag) || node.tag === 'br') out.end();
    const rows = node.tag === 'table' && started ? rowsOf(node) : undefined;
    if (rows) {
      writeTable(out, rows, lineOf);
      continue;
    }
    if (node.tag === 'pre') preformatted++;
    stack.push({ node, leaving: true });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] });
  }
  return out.layout();
}
