import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { checkReport, type Schema } from '../engine';
import type { BoundReport } from '../engine/bind';
import type { ReportModel, ValueRow } from '../engine/model';
import { templateLayouts } from '../engine/templateLayouts';

// Export to Word (导出为 Word): the report text as an official document in the layout of 党政机关公文格式
// (GB/T 9704-2012), the statistical tables drawn with the merged header cells of the national template.
// Each line of the text is one paragraph, so that reading the document back gives the text again.

export interface ExportOptions {
  /** the schema to read the report with, as for checking; detected from the report when absent */
  schema?: Schema;
  schemas?: readonly Schema[];
}

// ---------- the page and the type (GB/T 9704-2012) ----------

const MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * MM);
/** A4, margins 37 / 35 / 28 / 26 mm: a type area of 156 × 225 mm */
export const PAGE = { width: 11906, height: 16838, top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) };
const TYPE_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** 22 lines to the type area: a fixed line pitch of 225 mm / 22 */
const LINE = Math.round(twips(225) / 22);

/** sizes in half-points: 2号 22pt, 3号 16pt, 4号 14pt, 五号 10.5pt */
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 };

/**
 * The fonts of official documents and what a computer without them should use: Word reads w:altName,
 * WPS and LibreOffice match by name, panose and family, so each is named in full in the font table.
 */
const FONTS = {
  title: { name: '方正小标宋简体', altName: '宋体', panose: '02000000000000000000', family: 'auto', pitch: 'variable' },
  body: { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  heading1: { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  heading2: { name: '楷体_GB2312', altName: '楷体', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  pageNumber: { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', family: 'auto', pitch: 'variable' },
} as const;
const LATIN = { name: 'Times New Roman', panose: '02020603050405020304', family: 'roman', pitch: 'variable' };

type FontRole = keyof typeof FONTS;

function runFont(role: FontRole): { eastAsia: string; ascii: string; hAnsi: string; cs: string; hint: string } {
  const latin = role === 'pageNumber' ? FONTS.pageNumber.name : LATIN.name;
  return { eastAsia: FONTS[role].name, ascii: latin, hAnsi: latin, cs: latin, hint: 'eastAsia' };
}

function fontTableXml(): string {
  const font = (f: { name: string; altName?: string; panose: string; family: string; pitch: string }, charset: string) =>
    `<w:font w:name="${f.name}">${f.altName ? `<w:altName w:val="${f.altName}"/>` : ''}<w:panose1 w:val="${f.panose}"/>` +
    `<w:charset w:val="${charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    Object.values(FONTS)
      .map((f) => font(f, '86'))
      .join('') +
    font(LATIN, '00') +
    '</w:fonts>'
  );
}

// ---------- paragraphs ----------

/** XML 1.0 cannot carry control characters (form feeds left by PDF extraction) */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

function runs(text: string, role: FontRole, size: number): TextRun[] {
  return [
    new TextRun({
      children: clean(text)
        .split('\t')
        .flatMap((part, i) => (i ? [new Tab(), part] : [part])),
      font: runFont(role),
      size,
    }),
  ];
}

const bodySpacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
/** two characters of 3号 */
const INDENT = { firstLine: 2 * SIZE.body * 10 };

function titleParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: Math.round(LINE * 1.2), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: runs(text, 'title', SIZE.title),
  });
}

function bodyParagraph(text: string, role: FontRole = 'body', alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]): Paragraph {
  return new Paragraph({
    // a heading is in the document's outline (Word's navigation pane) and stays on the page of what follows it
    ...(role === 'heading1' ? { outlineLevel: 0, keepNext: true } : {}),
    spacing: bodySpacing,
    indent: alignment ? undefined : INDENT,
    alignment: alignment ?? AlignmentType.JUSTIFIED,
    children: runs(text, role, SIZE.body),
  });
}

/**
 * （一）主动公开方面。坚持公开为常态…: the heading is set in 楷体 and the paragraph it opens runs on in 仿宋,
 * as offices write run-in second-level headings.
 */
function secondLevelParagraph(text: string): Paragraph {
  const stop = text.search(/[。：:]/);
  // the heading is the words up to its full stop; a long paragraph without one has only its number for a heading
  const head =
    stop > 0 && stop < 40 && stop < text.length - 1
      ? text.slice(0, stop + 1)
      : text.length <= 40
        ? text
        : (/^\s*[（(][^）)]{1,4}[）)]/.exec(text)?.[0] ?? '');
  return new Paragraph({
    // a heading standing alone is in the document's outline and stays on the page of what follows it
    ...(head.length === text.length ? { outlineLevel: 1, keepNext: true } : {}),
    spacing: bodySpacing,
    indent: INDENT,
    alignment: AlignmentType.JUSTIFIED,
    children: [
      ...(head ? runs(head, 'heading2', SIZE.body) : []),
      ...(head.length < text.length ? runs(text.slice(head.length), 'body', SIZE.body) : []),
    ],
  });
}

// ---------- tables ----------

/** an empty paragraph a few points high between two tables */
function tableGap(): Paragraph {
  return new Paragraph({ spacing: { line: 120, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, children: [] });
}

interface CellSpec {
  text: string;
  columnSpan?: number;
  rowSpan?: number;
  /** row labels read from the left; figures and headers are centred */
  left?: boolean;
}

function tableCell(spec: CellSpec, width: number): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: spec.left ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { before: 0, after: 0 },
        children: runs(spec.text, 'body', SIZE.table),
      }),
    ],
    verticalAlign: VerticalAlignTable.CENTER,
    width: { size: width, type: WidthType.DXA },
    ...(spec.columnSpan && spec.columnSpan > 1 ? { columnSpan: spec.columnSpan } : {}),
    ...(spec.rowSpan && spec.rowSpan > 1 ? { rowSpan: spec.rowSpan } : {}),
  });
}

function wordTable(rows: CellSpec[][], columnWidths: number[], headerRows = 0): Table {
  // columns still covered by a cell merged down from a row above: the writer library fills them in
  const covered: number[] = columnWidths.map(() => 0);
  return new Table({
    width: { size: TYPE_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    rows: rows.map((cells, r) => {
      const coveredHere = covered.map((n) => n > 0);
      let grid = 0;
      const children = cells.map((c) => {
        while (coveredHere[grid]) grid++;
        const span = c.columnSpan ?? 1;
        // a row longer than the table's grid (a stray line among the rows) still gets a width
        const width = columnWidths.slice(grid, grid + span).reduce((a, b) => a + b, 0) || columnWidths[columnWidths.length - 1];
        for (let k = grid; k < grid + span && k < covered.length; k++) if ((c.rowSpan ?? 1) > 1) covered[k] = c.rowSpan!;
        grid += span;
        return tableCell(c, width);
      });
      covered.forEach((n, k) => (covered[k] = Math.max(0, n - 1)));
      return new TableRow({ tableHeader: r < headerRows, cantSplit: true, children });
    }),
  });
}

function evenWidths(count: number, labelShare = 0.3, labels = 1): number[] {
  if (count <= labels || labels === 0) return Array.from({ length: count }, () => Math.floor(TYPE_WIDTH / count));
  const label = Math.round((TYPE_WIDTH * labelShare) / labels);
  const figure = Math.floor((TYPE_WIDTH - label * labels) / (count - labels));
  return [...Array.from({ length: labels }, () => label), ...Array.from({ length: count - labels }, () => figure)];
}

/** the cells of a ` | ` line, as the engine splits them */
function lineCells(line: string): string[] {
  const cells = line.split('|').map((c) => c.trim());
  // GFM's outer pipes enclose nothing; a row that only ends with a pipe keeps its last, blank cell
  if (/^\s*\|/.test(line)) {
    cells.shift();
    if (/\|\s*$/.test(line) && cells.length && cells[cells.length - 1] === '') cells.pop();
  }
  return cells;
}

type RowKind = 'bound' | 'figures' | 'words';

/**
 * A table the template has no drawing for: its rows as written. A row of words in its first cell only
 * (第二十条第（一）项) spans the table; a row bound to the schema keeps its blank cells, which are findings.
 */
function plainTable(lines: string[], kinds: RowKind[]): Table {
  // a line of pipes alone has no cell; it keeps its row, empty
  const rows = lines.map((line) => {
    const cells = lineCells(line);
    return cells.length ? cells : [''];
  });
  const width = Math.max(...rows.map((r) => r.length));
  const specs = rows.map((cells, i) => {
    if (kinds[i] !== 'bound' && cells.slice(1).every((c) => !c)) return [{ text: cells[0], columnSpan: width, left: true }];
    const padded = [...cells, ...Array.from({ length: width - cells.length }, () => '')];
    return padded.map((text, k) => ({ text, left: k === 0 && width > 1 && kinds[i] !== 'words' }));
  });
  return wordTable(specs, evenWidths(width, width > 4 ? 0.3 : 0.4));
}

// 表三 (收到和处理政府信息公开申请情况) as the national template draws it: three label columns, the header
// over three rows, 三、本年度办理结果 one cell down its result rows and （三）不予公开 … beside theirs.

const APPLICATION_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

function applicationHeader(note: string): CellSpec[][] {
  return [
    [
      { text: note, columnSpan: 3, rowSpan: 3 },
      { text: '申请人情况', columnSpan: 7 },
    ],
    [
      { text: '自然人', rowSpan: 2 },
      { text: '法人或其他组织', columnSpan: 5 },
      { text: '总计', rowSpan: 2 },
    ],
    APPLICATION_COLUMNS.slice(1, 6).map((text) => ({ text })),
  ];
}

interface LabelledRow {
  id: string | undefined;
  row: ValueRow;
}

/** what is left of a label once the group labels it begins with are taken off (三、本年度办理结果 / （三）不予公开 / …) */
function stripGroups(label: string, groups: string[]): string {
  let rest = label.trim();
  for (const g of groups) if (rest.startsWith(g)) rest = rest.slice(g.length).replace(/^[\s/／]+/, '');
  return rest || label.trim();
}

function applicationBody(rows: LabelledRow[], layout: (typeof templateLayouts)[string]['tables'][string] | undefined): CellSpec[][] {
  const groups = layout?.rowGroups ?? [];
  const outer = groups[0];
  const inner = groups.slice(1);
  const groupOf = (id: string | undefined) => inner.find((g) => id && g.rows.includes(id));
  const inOuter = (id: string | undefined) => !!(id && outer?.rows.includes(id));
  return rows.map(({ id, row }, i) => {
    const cells: CellSpec[] = [];
    const labels = [outer?.label ?? '', ...inner.map((g) => g.label)];
    const item = stripGroups(row.ownLabel, labels);
    const run = (test: (x: LabelledRow) => boolean) => {
      let n = 0;
      while (i + n < rows.length && test(rows[i + n])) n++;
      return n;
    };
    if (!inOuter(id)) cells.push({ text: row.ownLabel, columnSpan: 3, left: true });
    else {
      if (!inOuter(rows[i - 1]?.id)) cells.push({ text: outer!.label, rowSpan: run((x) => inOuter(x.id)) });
      const group = groupOf(id);
      if (!group) cells.push({ text: item, columnSpan: 2, left: true });
      else {
        if (groupOf(rows[i - 1]?.id) !== group) cells.push({ text: group.label, rowSpan: run((x) => groupOf(x.id) === group) });
        cells.push({ text: item, left: true });
      }
    }
    return [...cells, ...row.cells.map((c) => ({ text: c.raw }))];
  });
}

function applicationTable(
  rows: LabelledRow[],
  note: string,
  layout: (typeof templateLayouts)[string]['tables'][string] | undefined,
): Table {
  const labelWidths = [twips(10), twips(16), twips(36)];
  const figure = Math.floor((TYPE_WIDTH - labelWidths.reduce((a, b) => a + b, 0)) / 7);
  return wordTable([...applicationHeader(note), ...applicationBody(rows, layout)], [...labelWidths, ...Array(7).fill(figure)], 3);
}

// 表四 (行政复议、行政诉讼): three blocks of five columns under two rows of merged headers, one row of figures.
const REVIEW_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

function reviewTable(row: ValueRow): Table {
  const header: CellSpec[][] = [
    [
      { text: '行政复议', columnSpan: 5, rowSpan: 2 },
      { text: '行政诉讼', columnSpan: 10 },
    ],
    [
      { text: '未经复议直接起诉', columnSpan: 5 },
      { text: '复议后起诉', columnSpan: 5 },
    ],
    [...REVIEW_COLUMNS, ...REVIEW_COLUMNS, ...REVIEW_COLUMNS].map((text) => ({ text })),
  ];
  return wordTable([...header, row.cells.map((c) => ({ text: c.raw }))], evenWidths(15, 0, 0), 3);
}

// ---------- the report, block by block ----------

interface Plan {
  /** lines written as they stand, by index, or consumed by a table */
  consumed: Set<number>;
  /** tables to write, by the index of their first line */
  tables: Map<number, Table>;
}

const isTableLine = (text: string) => text.includes('|');
const isDelimiter = (text: string) => /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(text);
const NOTE = /^[（(]本列数据的勾稽关系为[^）)]*[）)]$/;
const CAPTION = /^第二十条第[（(][一二三四五六七八九十]+[）)]项$/;

/** the index of the nearest line before `index` with something on it */
function previousLine(model: ReportModel, index: number): number | undefined {
  for (let i = index - 1; i >= 0; i--) if (model.lines[i].text.trim()) return i;
  return undefined;
}

function rowIdsByLine(bound: BoundReport | undefined): Map<number, { table: string; id: string }> {
  const byLine = new Map<number, { table: string; id: string }>();
  for (const [table, t] of bound?.tables ?? [])
    for (const [id, row] of t.rows) if (!byLine.has(row.line)) byLine.set(row.line, { table, id });
  return byLine;
}

function planTables(model: ReportModel, bound: BoundReport | undefined): Plan {
  const plan: Plan = { consumed: new Set(), tables: new Map() };
  const rowsByLine = new Map(model.rows.filter((r) => r.layout !== 'aligned').map((r) => [r.line, r]));
  const ids = rowIdsByLine(bound);
  const layout = bound && templateLayouts[bound.schema.id];
  const lines = model.lines;
  for (let i = 0; i < lines.length; i++) {
    if (!isTableLine(lines[i].text) || isDelimiter(lines[i].text)) continue;
    let end = i;
    while (end + 1 < lines.length && isTableLine(lines[end + 1].text)) end++;
    const indexes = Array.from({ length: end - i + 1 }, (_, k) => i + k).filter((k) => !isDelimiter(lines[k].text));
    const valueLines = indexes.filter((k) => rowsByLine.has(k));
    const tableIds = new Set(valueLines.map((k) => ids.get(k)?.table).filter((t) => t));
    const only = tableIds.size === 1 ? [...tableIds][0] : undefined;
    let table: Table | undefined;
    const before = previousLine(model, i);
    const beforeText = before === undefined ? '' : lines[before].text.trim();
    if (only === 'applicationTable' && valueLines.length) {
      const body = indexes.filter((k) => k >= valueLines[0]);
      const note = NOTE.test(beforeText) ? beforeText : (layout?.tables.applicationTable?.corner ?? '');
      if (NOTE.test(beforeText)) plan.consumed.add(before!);
      const labelled = body.map((k) => ({ id: ids.get(k)?.id, row: rowsByLine.get(k) ?? textRow(lines[k].text, k) }));
      table = applicationTable(labelled, note, layout?.tables.applicationTable);
      for (const k of indexes) if (k < valueLines[0]) plan.consumed.add(k);
    } else if (only === 'reviewLitigationTable' && valueLines.length === 1 && rowsByLine.get(valueLines[0])!.cells.length === 15) {
      table = reviewTable(rowsByLine.get(valueLines[0])!);
    } else {
      // 表二's small tables: the caption line above the rows becomes the table's first row, as in the template
      const caption = CAPTION.test(beforeText) && only ? before : undefined;
      if (caption !== undefined) plan.consumed.add(caption);
      const all = caption !== undefined ? [caption, ...indexes] : indexes;
      const kinds = all.map((k): RowKind => (ids.has(k) ? 'bound' : valueLines.includes(k) ? 'figures' : 'words'));
      table = plainTable(
        all.map((k) => lines[k].text),
        kinds,
      );
    }
    for (const k of indexes) plan.consumed.add(k);
    plan.tables.set(i, table);
    i = end;
  }
  return plan;
}

/** a line inside a table that carries no figures, kept as a row with its words as the label */
function textRow(text: string, line: number): ValueRow {
  const cells = lineCells(text);
  return {
    line,
    start: 0,
    end: 0,
    label: cells[0] ?? '',
    ownLabel: cells[0] ?? '',
    cells: cells.slice(1).map((raw) => ({ start: 0, end: 0, raw, value: { kind: 'text' as const } })),
    layout: 'pipe',
  };
}

type Role = 'title' | 'heading1' | 'heading2' | 'body' | 'closing';

function roles(model: ReportModel): Map<number, Role> {
  const role = new Map<number, Role>();
  if (model.title)
    for (const l of model.lines) if (l.end > model.title.start && l.start < model.title.end && l.text.trim()) role.set(l.index, 'title');
  for (const h of model.headings) {
    if (role.has(h.line)) continue;
    if (h.numbering?.kind === 'chinese' || (h.mdLevel > 0 && !h.numbering)) role.set(h.line, 'heading1');
    else if (h.numbering?.kind === 'parenChinese') role.set(h.line, 'heading2');
  }
  // the office and the date that close the report stand at the right
  const filled = model.lines.filter((l) => l.text.trim());
  const last = filled[filled.length - 1];
  if (last && /^\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年.{1,3}月.{1,3}日\s*$/.test(last.text)) {
    role.set(last.index, 'closing');
    const office = filled[filled.length - 2];
    if (office && office.text.trim().length <= 30 && !/[。；，]/.test(office.text) && !role.has(office.index))
      role.set(office.index, 'closing');
  }
  return role;
}

function paragraphFor(text: string, role: Role | undefined): Paragraph {
  const plain = text.replace(/^ {0,3}#{1,6}[ \t]+/, '').replace(/[ \t]+#+\s*$/, '');
  switch (role) {
    case 'title':
      return titleParagraph(plain.trim());
    case 'heading1':
      return bodyParagraph(plain, 'heading1');
    case 'heading2':
      return secondLevelParagraph(plain);
    case 'closing':
      return bodyParagraph(plain.trim(), 'body', AlignmentType.RIGHT);
    default:
      return bodyParagraph(plain);
  }
}

function pageNumberFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  // 单页码居右空一字，双页码居左空一字: "— 1 —" in 4号 宋体
  const indent = alignment === AlignmentType.RIGHT ? { right: SIZE.pageNumber * 10 } : { left: SIZE.pageNumber * 10 };
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        indent,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: runFont('pageNumber'), size: SIZE.pageNumber })],
      }),
    ],
  });
}

function documentOf(text: string, options: ExportOptions): Document {
  const { model, bound } = checkReport(text, {
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.schemas ? { schemas: options.schemas } : {}),
  });
  const plan = planTables(model, bound);
  const role = roles(model);
  const hidden = hiddenLineIndexes(model);
  const children: (Paragraph | Table)[] = [];
  for (const line of model.lines) {
    const table = plan.tables.get(line.index);
    if (table) {
      // Word runs two tables that touch into one (表二's four small tables would become one of four columns)
      if (children[children.length - 1] instanceof Table) children.push(tableGap());
      children.push(table);
    }
    if (plan.consumed.has(line.index) || hidden.has(line.index) || !line.text.trim()) continue;
    children.push(paragraphFor(line.text, role.get(line.index)));
  }
  return new Document({
    creator: 'nianbao',
    title: model.title?.text ?? '',
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: runFont('body'), size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: twips(20), header: twips(15) },
          },
          grid: { linePitch: LINE },
        },
        footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
        children,
      },
    ],
  });
}

/** front matter and the GFM delimiter rows: Markdown's, not the report's */
function hiddenLineIndexes(model: ReportModel): Set<number> {
  const hidden = new Set<number>();
  if (model.frontMatter) for (const l of model.lines) if (l.end <= model.frontMatter.end) hidden.add(l.index);
  for (const l of model.lines) if (isDelimiter(l.text) && l.text.includes('-')) hidden.add(l.index);
  return hidden;
}

/** The report text as a .docx in the official layout. */
export async function reportToDocx(text: string, options: ExportOptions = {}): Promise<Uint8Array> {
  const bytes = new Uint8Array(await Packer.toBuffer(documentOf(text, options)));
  const files = unzipSync(bytes);
  files['word/fontTable.xml'] = strToU8(fontTableXml());
  return zipSync(files);
}
