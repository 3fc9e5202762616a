import * as path from 'path';
import { fileURLToPath } from 'url';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { readDocument, readerFor } from '../documents';
import { readDocxSync } from '../documents/docx';
import { readHtml } from '../documents/html';
import { pdfReader } from '../documents/pdf';
import { MAX_DOCUMENT_BYTES } from '../cli/files';
import { lastYearsReport, type Named } from '../previous';

// Which open documents are reports, and where last year's report of the same office is: among the open
// documents, else on the disk beside this one. The disk is passed in, so that this is tested without one.

export interface FileSystem {
  readDir(dir: string): string[];
  /** the text of a report file, or undefined when it cannot be read as one */
  readFile(file: string): string | undefined;
  /** forgets what was read: files changed on the disk */
  forget?(): void;
}

// Longer texts are not checked: no report comes near, and checking one at every pause in typing would
// hold the server up for seconds and take a gigabyte.
export const MAX_CHECKED_LENGTH = 5_000_000;

export interface ReportFiles {
  /** a report to check: the nianbao language, or Markdown/text named like a report or naming a schema, and not too long */
  isReport(doc: TextDocument): boolean;
  /** a report by its kind, whatever its length */
  isReportKind(doc: TextDocument): boolean;
  tooLarge(doc: TextDocument): boolean;
  /** Markdown, where headings take # and HTML comments are hidden; a .txt report is plain text */
  isMarkdown(doc: TextDocument): boolean;
  /** last year's report of the same office, for the checks across years */
  previous(doc: TextDocument): Named | undefined;
}

export function reportFiles(documents: TextDocuments<TextDocument>, disk: FileSystem): ReportFiles {
  const tooLarge = (doc: TextDocument) => doc.getText().length > MAX_CHECKED_LENGTH;
  const isReport = (doc: TextDocument) => !tooLarge(doc) && isReportKind(doc);
  const previous = (doc: TextDocument): Named | undefined => {
    if (!doc.uri.startsWith('file:')) return undefined;
    const me = { path: fileURLToPath(doc.uri), text: doc.getText() };
    const open = documents
      .all()
      .filter((d) => d.uri.startsWith('file:') && d.uri !== doc.uri && isReport(d))
      .map((d) => ({ path: fileURLToPath(d.uri), text: d.getText() }));
    return lastYearsReport(me, open, disk.readDir, disk.readFile);
  };
  return { isReport, isReportKind, tooLarge, isMarkdown, previous };
}

function isReportKind(doc: TextDocument): boolean {
  if (doc.languageId === 'nianbao') return true;
  if (doc.languageId !== 'markdown' && doc.languageId !== 'plaintext') return false;
  const name = decodeURIComponent(doc.uri.split('/').pop() ?? '');
  if (/年度报告|年报/.test(name)) return true;
  return /^(---|\+\+\+)\s*\r?\n[\s\S]{0,4000}?^schema\s*[:=]/m.test(
    doc.getText({ start: { line: 0, character: 0 }, end: { line: 60, character: 0 } }),
  );
}

function isMarkdown(doc: TextDocument): boolean {
  return doc.languageId === 'markdown' || (doc.languageId === 'nianbao' && !/\.txt$/i.test(doc.uri));
}

/**
 * The real disk, looked at again at most every few seconds rather than on every keystroke; failures are
 * logged. Last year's report may be a Word file or a web page (read at once) or a PDF (read in the
 * background: `onLateText` is called when its text is there, so that the reports are checked again).
 */
export function cachedDisk(
  fs: {
    readdirSync(dir: string): string[];
    statSync(file: string): { size: number; mtimeMs: number };
    readFileSync(file: string): Uint8Array;
  },
  log: (message: string) => void,
  onLateText: () => void = () => undefined,
  ttlMs = 3000,
): FileSystem {
  const dirs = new Map<string, { at: number; names: string[] }>();
  const files = new Map<string, { at: number; text: string | undefined }>();
  const documents = new Map<string, { mtimeMs: number; text: string | undefined }>();
  const fresh = (at: number) => Date.now() - at < ttlMs;
  const documentText = (file: string): string | undefined => {
    const { mtimeMs, size } = fs.statSync(file);
    const hit = documents.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.text;
    if (size > MAX_DOCUMENT_BYTES) return undefined;
    const reader = readerFor(file)!;
    documents.set(file, { mtimeMs, text: undefined });
    const bytes = new Uint8Array(fs.readFileSync(file));
    // a PDF is read in the background (pdf.js works asynchronously); Word files and web pages at once
    if (reader === pdfReader) {
      void readDocument(reader, bytes).then((r) => {
        documents.set(file, { mtimeMs, text: 'text' in r ? r.text : undefined });
        if ('text' in r) onLateText();
        else log(`cannot read ${path.basename(file)} as last year's report: ${r.problem.en}`);
      });
      return undefined;
    }
    try {
      const text = /\.docx$/i.test(file) ? readDocxSync(bytes).text : readHtml(bytes).text;
      documents.set(file, { mtimeMs, text });
      return text;
    } catch (e) {
      log(`cannot read ${path.basename(file)} as last year's report: ${(e as Error).message}`);
      return undefined;
    }
  };
  return {
    forget() {
      dirs.clear();
      files.clear();
    },
    readDir(dir) {
      const hit = dirs.get(dir);
      if (hit && fresh(hit.at)) return hit.names;
      let names: string[] = [];
      try {
        names = fs.readdirSync(dir);
      } catch (e) {
        log(`cannot list ${dir} for last year's report: ${(e as Error).message}`);
      }
      dirs.set(dir, { at: Date.now(), names });
      return names;
    },
    readFile(file) {
      const hit = files.get(file);
      if (hit && fresh(hit.at)) return hit.text;
      let text: string | undefined;
      try {
        if (readerFor(file)) text = documentText(file);
        else if (fs.statSync(file).size <= MAX_CHECKED_LENGTH)
          text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
      } catch (e) {
        // unreadable or not UTF-8: the checks across years are skipped (a file that is not there is no news)
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log(`cannot read ${path.basename(file)}: ${(e as Error).message}`);
      }
      files.set(file, { at: Date.now(), text });
      return text;
    },
  };
}
