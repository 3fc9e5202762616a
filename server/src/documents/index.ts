import * as path from 'path';
import { pdfReader } from './pdf';
import { DocumentProblem, type DocumentReader, type ReadDocument } from './types';

// The readers of the forms a report travels in, passed to the command line and the language server
// alike. The engine never learns of them: it gets the text, and a finding's place is mapped back.
// The Word and web-page readers (with their XML, zip and HTML parsers) are loaded the first time a file
// of theirs is read, so that checking text reports does not pay for them; pdf.ts loads pdf.js itself.

/** A reader loaded on first use; `extensions` are its own (a test compares them). */
function onFirstRead(extensions: readonly string[], load: () => DocumentReader): DocumentReader {
  return { extensions, read: (bytes) => load().read(bytes) };
}

export const readers: readonly DocumentReader[] = [
  onFirstRead(['.docx'], () => (require('./docx') as typeof import('./docx')).docxReader),
  pdfReader,
  onFirstRead(['.html', '.htm'], () => (require('./html') as typeof import('./html')).htmlReader),
];

/** The reader for a file name, by its extension; undefined for a text report (.md, .txt). */
export function readerFor(file: string): DocumentReader | undefined {
  const ext = path.extname(file).toLowerCase();
  return readers.find((r) => r.extensions.includes(ext));
}

/** A report's file, by its name: a text report (.md, .txt) or one of the forms a reader takes. */
export const isReportFileName = (name: string) => /\.(md|markdown|txt)$/i.test(name) || readerFor(name) !== undefined;

/** A document's text and map, or the problem that stops it being read (anything else it throws is a fault, said as one). */
export async function readDocument(
  reader: DocumentReader,
  bytes: Uint8Array,
): Promise<ReadDocument | { problem: { zh: string; en: string } }> {
  try {
    return await reader.read(bytes);
  } catch (e) {
    if (e instanceof DocumentProblem) return { problem: e.problem };
    const why = (e as Error).message;
    return {
      problem: {
        zh: `读取时出错：${why}。请将此文件反馈给 nianbao 的开发者`,
        en: `reading it failed: ${why}. Please report this file to the nianbao developers`,
      },
    };
  }
}

export { describeSource, DocumentProblem, type DocumentReader, type ReadDocument, type SourceLocation } from './types';
