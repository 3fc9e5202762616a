// Messages between the language server and the VS Code client beyond LSP. Types only, so that both
// bundles may import this file without pulling in the other side.

/** Server → client, after each check of a document: what the status item shows. */
export const StatusNotificationMethod = 'nianbao/status';

export type SchemaReason = 'frontMatter' | 'option' | 'markers' | 'year' | 'none';

export interface StatusParams {
  uri: string;
  /** false: the document is not checked (not a report); the client hides the item */
  report: boolean;
  schema: { id: string; name: string } | null;
  /** how the schema was chosen */
  reason: SchemaReason;
  counts: { error: number; warning: number; information: number; hint: number };
  /** the `schema:` line of the front matter, which wins over the setting */
  frontMatterSchema?: { line: number; start: { line: number; character: number }; end: { line: number; character: number } };
  /** the schemas that can be chosen, in the server's language */
  available: { id: string; name: string }[];
}

/** Client → server: check a report file that is not open (检查工作区全部年报), from the disk. */
export const CheckFileRequestMethod = 'nianbao/checkFile';

export interface CheckFileParams {
  uri: string;
}

/** The report's diagnostics (LSP's shape), or why it could not be read; `report: false` when it is no report. */
export interface CheckFileResult {
  report: boolean;
  diagnostics: import('vscode-languageserver-types').Diagnostic[];
  problem?: string;
}

/** Client → server: a report in Word, PDF or a web page, as the text that is checked (opened read-only). */
export const ReadDocumentRequestMethod = 'nianbao/readDocument';
/** Client → server: a report in Word, PDF or a web page as a Markdown draft to edit (导入为 Markdown 草稿). */
export const DraftRequestMethod = 'nianbao/draft';
/** Client → server: this year's draft from last year's report in any form (从上年报告新建). */
export const NextYearRequestMethod = 'nianbao/nextYear';
/** Client → server: a report's text as a Word file in the official layout, base64 (导出为 Word). */
export const ExportWordRequestMethod = 'nianbao/exportWord';

export interface DocumentParams {
  /** the file URI of the report */
  uri: string;
}

export interface ExportWordParams {
  text: string;
}

/** The text asked for, or why there is none, in the server's language. */
export type TextResult = { text: string; year?: number } | { problem: string };
export type BytesResult = { base64: string } | { problem: string };
