import { promises as fs } from 'fs';
import { fileURLToPath } from 'url';
import { describeSource, readDocument, readerFor, type ReadDocument } from '../documents';
import { nextYearDraft } from '../engine/nextYear';
import { readReport, readStartingText } from '../cli/files';
import {
  DraftRequestMethod,
  ExportWordRequestMethod,
  NextYearRequestMethod,
  ReadDocumentRequestMethod,
  type BytesResult,
  type DocumentParams,
  type ExportWordParams,
  type TextResult,
} from '../protocol';
import type { Feature, ServerContext } from './context';

// Reports as they travel, in the editor: a Word file, a PDF or a web page read into the text that is
// checked (shown read-only, each finding saying where it is in the file), drafted as Markdown, started
// from for next year's report; and a report exported as a Word file in the official layout.

/** The scheme of a document's checked text: nianbao-source:/path/报告.pdf.md?file:///path/报告.pdf */
export const SOURCE_SCHEME = 'nianbao-source';

/** The places in the original file of the checked texts opened, by the URI of the text. */
const opened = new Map<string, ReadDocument>();

/** Where an offset of a checked text is in its file, said in the user's language; undefined for other documents. */
export function sourcePlace(uri: string, offset: number, lang: 'zh' | 'en'): string | undefined {
  const where = opened.get(uri)?.locate(offset);
  return where && describeSource(where)[lang];
}

async function fileText(context: ServerContext, uri: string): Promise<{ read: ReadDocument } | { problem: string }> {
  const lang = context.lang();
  if (!uri.startsWith('file:')) return { problem: lang === 'zh' ? '只能读取本机上的文件' : 'only files on this machine can be read' };
  const file = fileURLToPath(uri);
  const reader = readerFor(file);
  if (!reader) {
    const r = await readReport(file);
    return 'problem' in r ? { problem: r.problem[lang] } : { read: { text: r.text, locate: () => undefined } };
  }
  try {
    const read = await readDocument(reader, new Uint8Array(await fs.readFile(file)));
    return 'problem' in read ? { problem: read.problem[lang] } : { read };
  } catch (e) {
    return { problem: (e as Error).message };
  }
}

const problemOf = (e: unknown, context: ServerContext): { problem: string } => {
  const p = (e as { problem?: { zh: string; en: string } }).problem;
  return { problem: p ? p[context.lang()] : (e as Error).message };
};

export const documentFiles: Feature = (context) => {
  const { connection } = context;
  connection.onRequest(ReadDocumentRequestMethod, async (params: DocumentParams & { textUri?: string }): Promise<TextResult> => {
    const r = await fileText(context, params.uri);
    if ('problem' in r) return r;
    if (params.textUri) opened.set(params.textUri, r.read);
    return { text: r.read.text };
  });
  context.documents.onDidClose((e) => opened.delete(e.document.uri));

  connection.onRequest(DraftRequestMethod, async (params: DocumentParams): Promise<TextResult> => {
    const r = await readStartingText(fileURLToPath(params.uri));
    return 'text' in r ? r : { problem: r.problem[context.lang()] };
  });

  connection.onRequest(NextYearRequestMethod, async (params: DocumentParams): Promise<TextResult> => {
    const r = await readStartingText(fileURLToPath(params.uri));
    if ('problem' in r) return { problem: r.problem[context.lang()] };
    const draft = nextYearDraft(r.text);
    if ('problem' in draft) return { problem: draft.problem[context.lang()] };
    return { text: draft.text, year: draft.year };
  });

  connection.onRequest(ExportWordRequestMethod, async (params: ExportWordParams): Promise<BytesResult> => {
    try {
      const { reportToDocx } = await import('../documents/docxWriter');
      return { base64: Buffer.from(await reportToDocx(params.text)).toString('base64') };
    } catch (e) {
      return problemOf(e, context);
    }
  });
};
