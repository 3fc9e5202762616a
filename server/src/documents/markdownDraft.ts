import { checkReport, type Schema } from '../engine';
import type { BoundTable } from '../engine/bind';
import { tableBlocks } from '../engine/tableBlocks';
import { tableTemplate, type TemplateTable } from '../engine/template';

// 导入为 Markdown 草稿: a report read from a PDF or a web page, written as a Markdown draft to edit:
// the title a heading, paragraphs whole again (a PDF breaks its lines inside sentences), and each
// statistical table the checker recognised written anew as a pipe table with the official rows and
// columns and the report's own figures. A figure the report lacks is left blank, for the checker to
// point at, never made up.

const SENTENCE_END = /[。！？；!?;]$/;
const OPENING = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)|[一二三四五六七八九十]是)/;

export interface DraftOptions {
  /** the schema to read the report with; detected by default */
  schema?: Schema;
}

export function markdownDraft(text: string, options: DraftOptions = {}): string {
  const checked = checkReport(text, { schema: options.schema });
  const bound = checked.bound;
  const lines = checked.model.lines;
  const out: string[] = [];
  if (bound) out.push('---', `schema: ${bound.schema.id}`, '---', '');
  const tables = bound ? tableBlocks(bound) : [];
  const headingLines = new Set(checked.model.headings.map((h) => h.line));
  const title = checked.model.title;
  const inTitle = (i: number) => !!title && lines[i].end >= title.start && lines[i].start <= title.end;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(paragraph.join(''), '');
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const block = tables.find((t) => t.first === i);
    if (block) {
      flush();
      const options = { cell: cellsOf(block.table), rows: rowsOf(block.table) };
      out.push(tableTemplate(bound!.schema, block.table.schema.id, options).trimEnd(), '');
      i = block.last;
      continue;
    }
    const line = lines[i].text.replace(/^[\s\u3000]+|\s+$/g, '');
    // a blank line ends a paragraph, but not one a page break cut in the middle of a sentence
    if (!line) {
      if (!paragraph.length || SENTENCE_END.test(paragraph[paragraph.length - 1])) flush();
      continue;
    }
    if (inTitle(i)) {
      // a title broken over two lines is written once, whole
      if (i === 0 || !inTitle(i - 1)) (flush(), out.push(`# ${title!.text.trim()}`, ''));
      continue;
    }
    // a heading, or a line opening a new paragraph (indented, numbered), starts afresh
    if (headingLines.has(i) || OPENING.test(line) || /^[\s\u3000]{2}/.test(lines[i].text)) flush();
    paragraph.push(line);
    // a heading ends its line, unless the text run in after it goes on below (（一）主动公开情况。主要通过…)
    if (SENTENCE_END.test(line) || (headingLines.has(i) && line.length <= 25)) flush();
  }
  flush();
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

/** The official rows, but for a row the report sums up on one line (（六）其他处理), written as the report has it. */
function rowsOf(table: BoundTable) {
  return (schema: TemplateTable) =>
    schema.rows.filter((r) => {
      if (r.optional && r.standsFor?.length) return table.rows.has(r.id) && !r.standsFor.some((id) => table.rows.has(id));
      const standing = schema.rows.find((x) => x.optional && x.standsFor?.includes(r.id));
      return !(standing && table.rows.has(standing.id) && !standing.standsFor!.some((id) => table.rows.has(id)));
    });
}

/** The report's figure of each cell, as written (1,234 and 5.6 kept); blank where it has none. */
function cellsOf(table: BoundTable) {
  return (_table: string, rowId: string, columnId: string) => {
    const c = table.cell(rowId, columnId);
    return c ? c.raw.trim() || ' ' : ' ';
  };
}
