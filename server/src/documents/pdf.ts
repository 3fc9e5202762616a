import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runWithCodeCache } from '../codeCache';
import type { PdfExtraction, PdfLimits } from './pdfExtract';
import { layoutPages, pdfDocument } from './pdfLayout';
import { DocumentProblem, type DocumentReader, type ReadDocument } from './types';

// Reading a published PDF (its text layer; no OCR). pdf.js is large, so it lives in a file of its own
// beside the bundle, dist/pdf-reader.js, required the first time a PDF is read; run from the
// TypeScript sources (tests, tsx) the same module is required from here.

/** the file scripts/build.mjs writes pdfExtract.ts and pdf.js into */
export const PDF_BUNDLE = 'pdf-reader.js';

export const PDF_LIMITS: PdfLimits = { maxPages: 300, timeoutMs: 60_000 };

/** fewer letters than this on every page together: nothing to check, as in a scan with a page number stamped on */
const MIN_TEXT = 20;

type Extractor = { extractPdfText(bytes: Uint8Array, limits: PdfLimits): Promise<PdfExtraction> };

let extractor: Extractor | undefined;

function loadExtractor(): Extractor {
  if (extractor) return extractor;
  const bundled = join(__dirname, PDF_BUNDLE);
  // a computed path: the main bundle must not pull pdf.js in
  const path = existsSync(bundled) ? bundled : join(__dirname, 'pdfExtract');
  // compiled from V8's code cache of it, made by the first run that reads a PDF: in the language server's folder
  // (the editor's storage), for the command line beside the bundle. Loading it and reading the first PDF took
  // ~300 ms, ~190 ms from the cache.
  if (path === bundled) runWithCodeCache(bundled, process.env.NIANBAO_CODE_CACHE_DIR || __dirname);
  extractor = require(path) as Extractor;
  return extractor;
}

const problems = {
  missing: {
    zh: '无法读取 PDF：缺少 PDF 读取组件（pdf-reader.js），请重新安装 nianbao，或将 PDF 另存为文本后检查。',
    en: 'Cannot read the PDF: the PDF reader (pdf-reader.js) is missing; reinstall nianbao, or save the PDF as text and check that.',
  },
  encrypted: {
    zh: 'PDF 已加密，需要密码才能打开：请提供未加密的版本，或在 PDF 阅读器中去除密码后再检查。',
    en: 'The PDF is encrypted and needs a password: provide an unencrypted copy, or remove the password in a PDF viewer, then check it.',
  },
  broken: (detail: string) => ({
    zh: `PDF 文件已损坏或不是 PDF（${detail}）：请重新下载或重新导出该文件。`,
    en: `The PDF is damaged or not a PDF (${detail}): download or export it again.`,
  }),
  timeout: (ms: number) => ({
    zh: `PDF 在 ${ms / 1000} 秒内未能读完，已放弃：文件可能过大或结构异常，请另存为文本后检查。`,
    en: `Reading the PDF took longer than ${ms / 1000} s and was abandoned: the file may be too large or malformed; save it as text and check that.`,
  }),
  noText: {
    zh: 'PDF 中没有可检查的文字（可能是扫描件）：本工具不做文字识别（OCR），请提供带文字层的 PDF，或 Word、网页版本。',
    en: 'The PDF has no text to check (probably a scan): nianbao does no OCR; provide a PDF with a text layer, or the Word or web version.',
  },
};

function problemOf(result: Exclude<PdfExtraction, { ok: true }>, limits: PdfLimits): DocumentProblem {
  switch (result.failure) {
    case 'encrypted':
      return new DocumentProblem(problems.encrypted);
    case 'timeout':
      return new DocumentProblem(problems.timeout(limits.timeoutMs));
    case 'broken':
      return new DocumentProblem(problems.broken(result.detail));
  }
}

function letterCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

// pdf.js fails on a PDF read while another is ('Invalid page request'): in a thread, one at a time
let pdfsRead: Promise<unknown> = Promise.resolve();

/**
 * Reads a PDF's text layer within the given limits (tests pass small ones): its text and the way back to its
 * pages and lines. PDFs asked for together are read in turn.
 */
export function readPdf(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<ReadDocument> {
  const read = pdfsRead.then(
    () => readPdfNow(bytes, limits),
    () => readPdfNow(bytes, limits),
  );
  pdfsRead = read.catch(() => undefined);
  return read;
}

async function readPdfNow(bytes: Uint8Array, limits: PdfLimits): Promise<ReadDocument> {
  let load: Extractor;
  try {
    load = loadExtractor();
  } catch {
    throw new DocumentProblem(problems.missing);
  }
  const result = await load.extractPdfText(bytes, limits);
  if (!result.ok) throw problemOf(result, limits);
  const layout = layoutPages(result.pages);
  if (letterCount(layout.text) < MIN_TEXT) throw new DocumentProblem(problems.noText);
  return pdfDocument(layout);
}

export const pdfReader: DocumentReader = {
  extensions: ['.pdf'],
  read: (bytes) => readPdf(bytes),
};
