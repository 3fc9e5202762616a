import type { Localized } from '../engine';

// A report travels as Word, PDF or a web page; the engine reads only text. A reader turns a file's bytes
// into that text and keeps the way back: for an offset in the text, the place in the source file.

/** Where a piece of the checked text came from in the source file. Numbers are 1-based, as people count. */
export type SourceLocation =
  | { kind: 'docx'; paragraph: number }
  | { kind: 'docx'; table: number; row: number; column: number }
  | { kind: 'pdf'; page: number; line: number }
  | { kind: 'html'; line: number };

export interface ReadDocument {
  /** the report as text the engine understands (headings, prose, tables as pipe rows) */
  text: string;
  /** the place in the source of the text at this offset (UTF-16 offset into `text`) */
  locate(offset: number): SourceLocation | undefined;
}

export interface DocumentReader {
  /** lower-case, with the dot: ['.docx'] */
  extensions: readonly string[];
  /** rejects with a DocumentProblem when the file cannot be read as a report */
  read(bytes: Uint8Array): Promise<ReadDocument>;
}

/** A file that cannot be read as a report: what is wrong and what to do, in both languages. */
export class DocumentProblem extends Error {
  constructor(readonly problem: Localized) {
    super(problem.en);
  }
}

/** "第 3 页第 14 行" / "page 3, line 14": how the text output and the editor name a source place. */
export function describeSource(where: SourceLocation): Localized {
  switch (where.kind) {
    case 'pdf':
      return { zh: `第 ${where.page} 页第 ${where.line} 行`, en: `page ${where.page}, line ${where.line}` };
    case 'html':
      return { zh: `网页源文件第 ${where.line} 行`, en: `line ${where.line} of the page’s source` };
    case 'docx':
      return 'paragraph' in where
        ? { zh: `第 ${where.paragraph} 段`, en: `paragraph ${where.paragraph}` }
        : {
            // counted among the file's tables: 表二's four small tables come first, so the report's 表三 is often the fifth
            zh: `第 ${where.table} 个表格第 ${where.row} 行第 ${where.column} 列`,
            en: `table ${where.table} of the file, row ${where.row}, column ${where.column}`,
          };
  }
}
