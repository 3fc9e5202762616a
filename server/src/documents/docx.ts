import { lastStartingAtOrBefore } from '../engine/text';
import { parseCell } from '../engine';
import { NumberingCounter, parseNumbering } from './docxNumbering';
import { openDocx } from './docxPackage';
import { child, children, intOf, isOn, parseXml, valueOf, type XmlElement } from './docxXml';
import type { DocumentReader, ReadDocument, SourceLocation } from './types';

// Reading a Word report: the body's paragraphs one to a line, with the numbers Word draws for its
// automatic lists; tables as ` | `-separated rows, merged cells written once. Headers, footers,
// footnotes and comments live in other parts and are never read; tracked changes are read as accepted.

interface Paragraph {
  /** the text as Word shows it, its list number included */
  text: string;
  /** the paragraph mark is a tracked deletion: accepting it joins the paragraph to the next */
  markDeleted: boolean;
}

interface TableCell {
  paragraphs: string[];
  text: string;
  /** first grid column (0-based) and how many it covers (w:gridSpan) */
  gridStart: number;
  span: number;
  /** a cell merged into the one above (w:vMerge) or to its left (legacy w:hMerge): its text is that cell's */
  continuation: boolean;
  /** 1-based position among the row's cells, as a person counts them across the row */
  column: number;
}

type Block = { kind: 'paragraph'; paragraph: Paragraph } | { kind: 'table'; rows: TableCell[][] };

interface Styles {
  /** paragraph style id → numbering it carries (through w:basedOn) */
  numbering(styleId: string | undefined): { numId?: string; ilvl?: number };
  /** paragraph style id → its outline level (0 for 标题 1), through w:basedOn; built-in heading styles by name */
  outlineLevel(styleId: string | undefined): number | undefined;
}

// ---------- styles ----------

function parseStyles(root: XmlElement | undefined): Styles {
  const byId = new Map<string, XmlElement>();
  let defaultId: string | undefined;
  for (const s of children(child(root, 'styles'), 'style')) {
    if (s.attrs.type !== 'paragraph') continue;
    byId.set(s.attrs.styleId ?? '', s);
    if (['1', 'true', 'on'].includes(s.attrs.default ?? '')) defaultId = s.attrs.styleId;
  }
  return {
    numbering(styleId) {
      const seen = new Set<string>();
      let id = styleId ?? defaultId;
      const found: { numId?: string; ilvl?: number } = {};
      while (id !== undefined && !seen.has(id)) {
        seen.add(id);
        const style = byId.get(id);
        const numPr = child(child(style, 'pPr'), 'numPr');
        found.numId ??= valueOf(numPr, 'numId');
        found.ilvl ??= intOf(valueOf(numPr, 'ilvl'));
        id = valueOf(style, 'basedOn');
      }
      return found;
    },
    outlineLevel(styleId) {
      const seen = new Set<string>();
      for (let id = styleId; id !== undefined && !seen.has(id); id = valueOf(byId.get(id), 'basedOn')) {
        seen.add(id);
        const style = byId.get(id);
        const level = intOf(valueOf(child(style, 'pPr'), 'outlineLvl')) ?? headingLevelOfName(valueOf(style, 'name'));
        if (level !== undefined) return level;
      }
      return undefined;
    },
  };
}

/** Word's built-in heading styles are named "heading 1" … whatever their id in a Chinese Word (1, 2 …) */
function headingLevelOfName(name: string | undefined): number | undefined {
  const m = name && /^heading ([1-9])$/i.exec(name);
  return m ? Number(m[1]) - 1 : undefined;
}

// ---------- paragraphs ----------

/** inline containers whose content shows as it stands; w:del and w:moveFrom are what accepting the changes removes */
const INLINE_CONTAINERS = new Set([
  'ins',
  'moveTo',
  'hyperlink',
  'smartTag',
  'customXml',
  'sdt',
  'sdtContent',
  'fldSimple',
  'dir',
  'bdo',
  'mc:AlternateContent',
  'mc:Fallback',
]);

function runText(run: XmlElement, out: string[]): void {
  const props = child(run, 'rPr');
  // hidden text (隐藏文字) is not on the page
  if (isOn(props, 'vanish') || isOn(props, 'specVanish')) return;
  for (const c of run.children) {
    if (c.name === 't') out.push(c.text ?? '');
    else if (c.name === 'tab' || c.name === 'ptab') out.push('\t');
    else if (c.name === 'br') out.push(c.attrs.type === 'page' || c.attrs.type === 'column' ? '' : '\n');
    else if (c.name === 'cr') out.push('\n');
    else if (c.name === 'noBreakHyphen') out.push('-');
    else if (c.name === 'sym') out.push(symbolText(c.attrs.char));
  }
}

/** w:sym: a character by code; codes in the symbol fonts' private area have no text meaning */
function symbolText(code: string | undefined): string {
  const n = code ? Number.parseInt(code, 16) : NaN;
  return Number.isFinite(n) && n > 0x1f && (n < 0xe000 || n > 0xf8ff) ? String.fromCodePoint(n) : '';
}

function inlineText(el: XmlElement, out: string[]): void {
  for (const c of el.children) {
    if (c.name === 'r') runText(c, out);
    else if (INLINE_CONTAINERS.has(c.name)) inlineText(c, out);
  }
}

class ParagraphReader {
  constructor(
    private readonly styles: Styles,
    private readonly counter: NumberingCounter,
  ) {}

  read(p: XmlElement, inCell = false): Paragraph {
    const props = child(p, 'pPr');
    const markProps = child(props, 'rPr');
    const out: string[] = [];
    inlineText(p, out);
    const text = (this.number(props) ?? '') + out.join('');
    return {
      text: (inCell ? '' : this.headingMark(props, text)) + text,
      markDeleted: !!(child(markProps, 'del') || child(markProps, 'moveFrom')),
    };
  }

  /**
   * A heading in Word's outline (标题 1, 标题 2) whose text carries no number of its own (总体情况) is marked
   * as a Markdown heading, the way the engine recognises a section without 一、.
   */
  private headingMark(props: XmlElement | undefined, text: string): string {
    const level = intOf(valueOf(props, 'outlineLvl')) ?? this.styles.outlineLevel(valueOf(props, 'pStyle'));
    if (level === undefined || level > 2 || !text.trim() || text.length > 40) return '';
    if (/^[\s\u3000]*(?:[一二三四五六七八九十]+\s*[、，.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、.．])/.test(text)) return '';
    return '#'.repeat(level + 1) + ' ';
  }

  private number(props: XmlElement | undefined): string | undefined {
    const styleId = valueOf(props, 'pStyle');
    const own = child(props, 'numPr');
    const fromStyle = this.styles.numbering(styleId);
    const numId = valueOf(own, 'numId') ?? fromStyle.numId;
    if (numId === undefined || numId === '0') return undefined;
    const ilvl = intOf(valueOf(own, 'ilvl')) ?? fromStyle.ilvl ?? (styleId ? this.counter.levelOfStyle(numId, styleId) : undefined) ?? 0;
    return this.counter.next(numId, ilvl);
  }
}

// ---------- tables ----------

/** block containers whose content is part of the body as it stands */
const BLOCK_CONTAINERS = new Set(['sdt', 'sdtContent', 'customXml', 'ins', 'moveTo', 'mc:AlternateContent', 'mc:Fallback']);

function cellText(paragraphs: string[]): string {
  return paragraphs
    .map((t) => t.replace(/[\t\n]+/g, ' ').trim())
    .filter((t) => t)
    .join(' ')
    .replace(/\|/g, '｜');
}

class BodyReader {
  constructor(private readonly paragraphs: ParagraphReader) {}

  /** the paragraphs and tables of the body, or of a cell (whose headings are no sections) */
  blocks(container: XmlElement, inCell = false, out: Block[] = []): Block[] {
    for (const c of container.children) {
      if (c.name === 'p') out.push({ kind: 'paragraph', paragraph: this.paragraphs.read(c, inCell) });
      else if (c.name === 'tbl') out.push({ kind: 'table', rows: this.table(c) });
      else if (BLOCK_CONTAINERS.has(c.name)) this.blocks(c, inCell, out);
    }
    return out;
  }

  private table(tbl: XmlElement): TableCell[][] {
    return this.rowsOf(tbl)
      .filter((tr) => !child(child(tr, 'trPr'), 'del'))
      .map((tr) => this.row(tr));
  }

  private rowsOf(el: XmlElement, out: XmlElement[] = []): XmlElement[] {
    for (const c of el.children) {
      if (c.name === 'tr') out.push(c);
      else if (BLOCK_CONTAINERS.has(c.name)) this.rowsOf(c, out);
    }
    return out;
  }

  private cellsOf(el: XmlElement, out: XmlElement[] = []): XmlElement[] {
    for (const c of el.children) {
      if (c.name === 'tc') out.push(c);
      else if (BLOCK_CONTAINERS.has(c.name)) this.cellsOf(c, out);
    }
    return out;
  }

  private row(tr: XmlElement): TableCell[] {
    let grid = intOf(valueOf(child(tr, 'trPr'), 'gridBefore')) ?? 0;
    return this.cellsOf(tr).map((tc, i) => {
      const props = child(tc, 'tcPr');
      const span = Math.max(1, intOf(valueOf(props, 'gridSpan')) ?? 1);
      const vMerge = child(props, 'vMerge');
      const hMerge = child(props, 'hMerge');
      const paragraphs = this.cellParagraphs(tc);
      const cell: TableCell = {
        paragraphs,
        text: cellText(paragraphs),
        gridStart: grid,
        span,
        continuation: (!!vMerge && vMerge.attrs.val !== 'restart') || (!!hMerge && hMerge.attrs.val !== 'restart'),
        column: i + 1,
      };
      grid += span;
      return cell;
    });
  }

  /** a cell's paragraphs, those of a table nested in it flattened into them */
  private cellParagraphs(tc: XmlElement): string[] {
    const out: string[] = [];
    for (const b of this.blocks(tc, true)) {
      if (b.kind === 'paragraph') out.push(b.paragraph.text);
      else for (const r of b.rows) out.push(r.map((c) => c.text).join(' '));
    }
    return out;
  }
}

// ---------- text and the way back ----------

interface Segment {
  start: number;
  end: number;
  where: SourceLocation;
}

class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly segments: Segment[] = [];

  add(text: string, where?: SourceLocation): void {
    if (where && text) this.segments.push({ start: this.length, end: this.length + text.length, where });
    this.parts.push(text);
    this.length += text.length;
  }

  /** marks what was written since `start` as coming from one place */
  mark(start: number, where: SourceLocation): void {
    if (this.length > start) this.segments.push({ start, end: this.length, where });
  }

  get offset(): number {
    return this.length;
  }

  get text(): string {
    return this.parts.join('');
  }
}

/** the 计量单位 column of the 统计表 of reports before 2019 (条, 件): the engine reads it between label and figures */
const UNIT_CELL = /^(?:条|件|个|项|次|人次|份|家|篇|期|元|万元)$/;

function isText(cell: TableCell): boolean {
  return !cell.continuation && parseCell(cell.text).kind === 'text' && !UNIT_CELL.test(cell.text);
}

/**
 * The first grid column of the figures: in every row that carries a number, the cells after its last
 * words are figures (blank or not); what stands before them, over however many merged columns, is the label.
 */
function labelWidth(rows: TableCell[][]): number {
  let width = Infinity;
  for (const row of rows) {
    if (!row.some((c) => !c.continuation && parseCell(c.text).kind === 'number')) continue;
    let first = row.length;
    while (first > 0 && !isText(row[first - 1])) first--;
    width = Math.min(width, first < row.length ? row[first].gridStart : Infinity);
  }
  return width === Infinity ? 0 : width;
}

function gridWidth(rows: TableCell[][]): number {
  return Math.max(0, ...rows.map((r) => (r.length ? r[r.length - 1].gridStart + r[r.length - 1].span : 0)));
}

/** a piece of a row's text and the cell it comes from */
interface Part {
  text: string;
  where: SourceLocation;
}

/** a row as text: lines standing alone (a cell across the table), or a label and the cells after it */
type RowText = { kind: 'lines'; lines: Part[] } | { kind: 'cells'; label?: Part[]; cells: Part[] };

function tableRows(rows: TableCell[][], table: number): RowText[] {
  const width = gridWidth(rows);
  const labels = labelWidth(rows);
  return rows.map((row, r): RowText => {
    const at = (cell: TableCell): SourceLocation => ({ kind: 'docx', table, row: r + 1, column: cell.column });
    const shown = row.filter((c) => !c.continuation);
    // a row that is one cell across the table (第二十条第（一）项, or a table used as a frame): its lines as they stand
    if (shown.length === 1 && shown[0].span >= width && row.length === 1)
      return { kind: 'lines', lines: shown[0].paragraphs.map((p) => ({ text: p.replace(/\|/g, '｜'), where: at(shown[0]) })) };
    const label =
      labels > 0
        ? row.filter((c) => c.gridStart < labels && !c.continuation && c.text).map((c) => ({ text: c.text, where: at(c) }))
        : undefined;
    // A merged cell is written once. In a header row blank cells hold the place of the columns it covers,
    // so that 法人或其他组织 stands over its five; a row of figures keeps one cell per figure (行政许可 | 2293
    // in a table of four columns), as the engine counts a row's figures.
    const figures = row.some((c) => !c.continuation && parseCell(c.text).kind === 'number');
    const cells = row
      .filter((c) => c.gridStart >= labels)
      .flatMap((c) => Array.from({ length: figures ? 1 : c.span }, (_, k) => ({ text: k || c.continuation ? '' : c.text, where: at(c) })));
    return { kind: 'cells', ...(label ? { label } : {}), cells };
  });
}

/** ` | `-separated rows, as the engine reads tables in plain text */
function writeRows(out: TextBuilder, rows: RowText[]): void {
  for (const row of rows) {
    if (row.kind === 'lines') {
      row.lines.forEach((p, i) => {
        if (i) out.add('\n');
        out.add(p.text, p.where);
      });
      out.add('\n');
      continue;
    }
    row.label?.forEach((p, i) => out.add((i ? ' ' : '') + p.text, p.where));
    row.cells.forEach((p, i) => {
      // the cell's stretch of the line points to it from just after the pipe, where the engine starts a blank cell
      const start = out.offset + (i || row.label ? 2 : 0);
      if (i || row.label) out.add(' | ');
      out.add(p.text);
      out.mark(start, p.where);
    });
    out.add('\n');
  }
}

/** a GFM pipe table: outer pipes, every row as wide as the widest, a delimiter row under the first */
function writeMarkdownTable(out: TextBuilder, rows: RowText[]): void {
  const width = Math.max(1, ...rows.map((r) => (r.kind === 'lines' ? 1 : r.cells.length + (r.label ? 1 : 0))));
  rows.forEach((row, r) => {
    const cells: Part[][] = row.kind === 'lines' ? [row.lines] : [...(row.label ? [row.label] : []), ...row.cells.map((c) => [c])];
    out.add('|');
    for (let k = 0; k < width; k++) {
      const parts = cells[k] ?? [];
      const start = out.offset + 1;
      out.add(' ');
      parts.forEach((p, i) => out.add((i ? ' ' : '') + p.text));
      out.add(' |');
      const where = parts[0]?.where ?? cells[cells.length - 1]?.[0]?.where;
      if (where) out.mark(start, where);
    }
    out.add('\n');
    if (r === 0) out.add(`|${' --- |'.repeat(width)}\n`);
  });
}

function locator(segments: readonly Segment[], textLength: number): (offset: number) => SourceLocation | undefined {
  return (offset) => {
    if (!segments.length || offset < 0 || offset > textLength) return undefined;
    return segments[lastStartingAtOrBefore(segments.length, (i) => segments[i].start, offset)].where;
  };
}

export interface DocxTextOptions {
  /**
   * 'text' (the default): one paragraph a line and tables as ` | `-separated rows, as the engine reads them;
   * 'markdown': a Markdown draft, paragraphs apart by a blank line and tables as GFM pipe tables
   */
  layout?: 'text' | 'markdown';
}

function assemble(blocks: Block[], options: DocxTextOptions): ReadDocument {
  const markdown = options.layout === 'markdown';
  const out = new TextBuilder();
  let paragraph = 0;
  let table = 0;
  let joined: string | undefined;
  let written = false;
  const gap = () => {
    if (markdown && written) out.add('\n');
    written = true;
  };
  const paragraphText = (text: string) => {
    gap();
    writeParagraph(out, text, ++paragraph);
  };
  for (const b of blocks) {
    if (b.kind === 'table') {
      if (joined !== undefined) paragraphText(joined);
      joined = undefined;
      const rows = tableRows(b.rows, ++table);
      gap();
      if (markdown) writeMarkdownTable(out, rows);
      else writeRows(out, rows);
      continue;
    }
    const text = (joined ?? '') + b.paragraph.text;
    joined = undefined;
    // accepting a deleted paragraph mark runs this paragraph into the next
    if (b.paragraph.markDeleted) {
      joined = text;
      continue;
    }
    if (text.trim()) paragraphText(text);
    else if (!markdown) out.add(text.replace(/[^\n]/g, '') + '\n');
  }
  if (joined?.trim()) paragraphText(joined);
  const text = out.text.replace(/\n$/, '');
  return { text, locate: locator(out.segments, text.length) };
}

function writeParagraph(out: TextBuilder, text: string, paragraph: number): void {
  out.add(text, { kind: 'docx', paragraph });
  out.add('\n');
}

/** Reads a .docx into report text; throws a DocumentProblem when the file cannot be read. */
export function readDocxSync(bytes: Uint8Array, options: DocxTextOptions = {}): ReadDocument {
  const pkg = openDocx(bytes);
  const base = pkg.mainPath.replace(/[^/]*$/, '');
  const rels = pkg.part(`${base}_rels/${pkg.mainPath.slice(base.length)}.rels`);
  const target = (type: string, fallback: string) => {
    const m = rels && new RegExp(`<Relationship\\b[^>]*Type="[^"]*/${type}"[^>]*>`).exec(rels);
    const t = m && /\bTarget="([^"]+)"/.exec(m[0]);
    return t ? (t[1].startsWith('/') ? t[1].slice(1) : base + t[1]) : base + fallback;
  };
  const stylesXml = pkg.part(target('styles', 'styles.xml'));
  const numberingXml = pkg.part(target('numbering', 'numbering.xml'));
  const styles = parseStyles(stylesXml ? parseXml(stylesXml, 'styles.xml') : undefined);
  const numbering = parseNumbering(numberingXml ? parseXml(numberingXml, 'numbering.xml') : undefined);
  const document = parseXml(pkg.part(pkg.mainPath)!, pkg.mainPath);
  const body = child(child(document, 'document'), 'body');
  const reader = new BodyReader(new ParagraphReader(styles, new NumberingCounter(numbering)));
  return assemble(body ? reader.blocks(body) : [], options);
}

export const docxReader: DocumentReader = {
  extensions: ['.docx'],
  read: async (bytes) => readDocxSync(bytes),
};
