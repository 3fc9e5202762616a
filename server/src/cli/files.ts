import { isUtf8, transcode } from 'buffer';
import * as fsc from 'fs';
import type { Stats } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { DocumentProblem, isReportFileName, readDocument, readerFor, type DocumentReader, type SourceLocation } from '../documents';

// Which files a command line names, and their text. Reading is the CLI's job; the engine sees text only.

// fs's callback functions as promises: lighter for each of thousands of files than fs/promises, and they
// spare a check of one report from loading fs/promises at all
const fs = {
  stat: promisify(fsc.stat),
  realpath: promisify(fsc.realpath.native),
  readdir: (dir: string) => promisify(fsc.readdir)(dir, { withFileTypes: true }),
  readFile: promisify(fsc.readFile) as (file: string) => Promise<Buffer>,
  open: promisify(fsc.open),
  read: promisify(fsc.read),
  close: promisify(fsc.close),
};

export interface Input {
  path: string;
  explicit: boolean;
}
export type Problem = { zh: string; en: string };
/**
 * A problem is `quiet` when the file is simply no text report (binary, another encoding, a Word file):
 * met while searching a folder, it is passed over. A file that could not be read at all is never quiet.
 */
export type ReadResult =
  | {
      text: string;
      encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'document';
      locate?: (offset: number) => SourceLocation | undefined;
    }
  | { problem: Problem; quiet?: boolean };

/** Larger files are not read: no report is that long, and reading one would take the memory of many. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Word files and PDFs carry pictures and fonts: a report in one may be larger than its text, not this large. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

const GLOB_CHARS = /[*?[\]{}]/;

/** Why a path cannot be used, from the error of stat or readdir. */
function pathProblem(code: string | undefined): Problem {
  if (code === 'ELOOP') return { zh: '符号链接形成了循环，无法打开', en: 'its symbolic links form a loop' };
  if (code === 'EACCES' || code === 'EPERM') return { zh: `没有读取权限（${code}）`, en: `permission denied (${code})` };
  return { zh: `无法打开（${code ?? '未知错误'}）`, en: `cannot be opened (${code ?? 'unknown error'})` };
}

/**
 * Files, folders (searched for reports) and globs, in the order given, each once. `missing`: paths
 * that do not exist (or a symbolic link to nothing); `problems`: paths or folders that cannot be read.
 */
export async function expandInputs(
  args: string[],
): Promise<{ inputs: Input[]; missing: string[]; problems: { path: string; problem: Problem }[] }> {
  const inputs: Input[] = [];
  const missing: string[] = [];
  const problems: { path: string; problem: Problem }[] = [];
  const seen = new Set<string>();
  const add = (p: string, explicit: boolean) => {
    const key = path.resolve(p);
    if (!seen.has(key)) (inputs.push({ path: p, explicit }), seen.add(key));
  };
  for (const arg of args) {
    let code: string | undefined;
    const stat = await fs.stat(arg).catch((e: NodeJS.ErrnoException) => void (code = e.code));
    if (stat?.isDirectory()) for (const f of await walk(arg, problems)) add(f, false);
    else if (stat) add(arg, true);
    else if (GLOB_CHARS.test(arg)) {
      const { glob } = require('tinyglobby') as typeof import('tinyglobby');
      const found = (await glob(arg, { dot: false, ignore: ['**/node_modules/**'] })).sort();
      if (!found.length) missing.push(arg);
      for (const f of found) add(f, true);
    } else if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(arg);
    else problems.push({ path: arg, problem: pathProblem(code) });
  }
  return { inputs, missing, problems };
}

/**
 * The report files under a folder, sorted. Symbolic links are followed, to files and to folders, each
 * real folder once: a link back up the tree (a loop) ends there. Folders that cannot be read are told.
 */
async function walk(
  dir: string,
  problems: { path: string; problem: Problem }[],
  depth = 0,
  out: string[] = [],
  visited = new Set<string>(),
): Promise<string[]> {
  if (depth > 32) return out; // absurd nesting ends here
  const real = await fs.realpath(dir).catch(() => dir);
  if (visited.has(real)) return out;
  visited.add(real);
  let entries;
  try {
    entries = await fs.readdir(dir);
  } catch (e) {
    problems.push({ path: dir, problem: pathProblem((e as NodeJS.ErrnoException).code) });
    return out;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    // a link is taken for what it points to; a link to nothing, or in a loop, is passed over
    const target = e.isSymbolicLink() ? await fs.stat(p).catch(() => undefined) : e;
    if (!target) continue;
    if (target.isDirectory()) await walk(p, problems, depth + 1, out, visited);
    else if (target.isFile() && isReportFileName(e.name)) out.push(p);
  }
  return out;
}

const NOT_A_REPORT = /^(readme|changelog|changes|license|licence|contributing|authors|notice)\b/i;

/**
 * A file found in a folder is checked when it may be a report: not a project's README and the like,
 * and it speaks of government information disclosure or calls itself an annual report.
 */
export function looksLikeReport(file: string, text: string): boolean {
  const name = path.basename(file);
  if (/年度报告|年报/.test(name)) return true;
  if (NOT_A_REPORT.test(name)) return false;
  return /^---[\s\S]{0,4000}?^schema\s*:/m.test(text.slice(0, 4100)) || /政府信息公开|年度报告|年报/.test(text);
}

// What a binary file starts with, for a message that says what it is.
const SIGNATURES: { bytes: number[]; what: Problem }[] = [
  {
    bytes: [0x25, 0x50, 0x44, 0x46],
    what: {
      zh: '这是 PDF 文件：请先把文字复制或导出为 .txt 再检查',
      en: 'it is a PDF file: copy or export its text to a .txt file and check that',
    },
  },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: {
      zh: '这是压缩包或 Word（.docx）文件：请另存为 .txt 或 .md 后再检查',
      en: 'it is a zip archive or a Word (.docx) file: save it as .txt or .md and check that',
    },
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0],
    what: {
      zh: '这是旧版 Word/Excel 文件：请另存为 .txt 或 .md 后再检查',
      en: 'it is an old Word/Excel file: save it as .txt or .md and check that',
    },
  },
];

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

export async function readReport(file: string): Promise<ReadResult> {
  if (/\.doc$/i.test(file))
    return {
      problem: {
        zh: '这是旧版 Word 文件（.doc）：请在 Word 或 WPS 中另存为 .docx 后再检查',
        en: 'it is an old Word file (.doc): save it as .docx in Word or WPS and check that',
      },
      quiet: true,
    };
  const reader = readerFor(file);
  if (reader) return readDocumentFile(file, reader);
  let stat: Stats;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    return cannotRead(e);
  }
  return readTextReport(file, stat);
}

const cannotRead = (e: unknown): { problem: Problem } => {
  const code = (e as NodeJS.ErrnoException).code ?? String(e);
  return { problem: { zh: `无法读取（${code}）`, en: `cannot be read (${code})` } };
};

/** A text report whose stat is known: read whole, if it is a plain file and not too large, and decoded. */
async function readTextReport(file: string, stat: Stats): Promise<ReadResult> {
  // a pipe or a device would block or never end: only plain files are read, and only up to a size
  if (!stat.isFile())
    return {
      problem: {
        zh: '不是普通文件（可能是管道、设备或套接字），未读取',
        en: 'not a regular file (a pipe, a device or a socket), not read',
      },
    };
  if (stat.size > MAX_FILE_BYTES) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return {
      problem: {
        zh: `文件太大（${mb(stat.size)} MB），超过 ${mb(MAX_FILE_BYTES)} MB 的文件不检查：年度报告通常不到 1 MB，请确认是否选错了文件`,
        en: `too large (${mb(stat.size)} MB): files over ${mb(MAX_FILE_BYTES)} MB are not checked; a report is usually under 1 MB, is it the right file?`,
      },
    };
  }
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    return cannotRead(e);
  }
  return decodeReport(buf);
}

/** A text report's bytes as text: UTF-8, UTF-16 with its byte order mark, or GBK/GB18030; other files are told apart. */
function decodeReport(buf: Buffer): ReadResult {
  // Windows Notepad's "Unicode": UTF-16 with its byte order mark
  if (startsWith(buf, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(buf), encoding: 'utf-16le' };
  if (startsWith(buf, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(buf), encoding: 'utf-16be' };
  for (const s of SIGNATURES) if (startsWith(buf, s.bytes)) return { problem: s.what, quiet: true };
  if (buf.subarray(0, 8192).includes(0))
    return { problem: { zh: '不是文本文件（含有二进制内容）', en: 'not a text file (it has binary content)' }, quiet: true };
  const text = utf8Text(buf);
  if (text !== undefined) return { text, encoding: 'utf-8' };
  // reports saved by older Chinese Windows tools are GBK/GB18030
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(buf), encoding: 'gb18030' };
  } catch {
    return {
      problem: {
        zh: '编码无法识别（既不是 UTF-8、UTF-16，也不是 GBK/GB18030）：请另存为 UTF-8',
        en: 'unknown encoding (neither UTF-8, UTF-16 nor GBK/GB18030): save it as UTF-8',
      },
      quiet: true,
    };
  }
}

/**
 * Bytes that are UTF-8 as text (a leading byte order mark left out, as TextDecoder leaves it out); undefined when
 * they are none. ICU transcodes them to UTF-16, taken as it is: for Chinese, three bytes a character, several
 * times faster than reading UTF-8 into a string (1,012 reports, 11 MB: 5 ms instead of 43).
 */
export function utf8Text(buf: Buffer): string | undefined {
  if (!isUtf8(buf)) return undefined;
  let text: string;
  try {
    text = transcode(buf, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    text = buf.toString('utf8'); // a Node built without ICU
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** How much of a file tells its office, year and kind: the title and the first paragraphs. */
const HEAD_BYTES = 32 * 1024;

/**
 * The beginning of a text report, for pairing it with last year's and for telling whether a file met in
 * a folder is a report. A file no larger than `wholeUpTo` bytes (or than the beginning looked at) is read
 * whole, and its text, when it can be read, is given as `whole`, to be kept for its check: a folder of a
 * thousand reports is then read once. What is told from the beginning is the same either way.
 */
export async function readHead(
  file: string,
  wholeUpTo = 0,
): Promise<{ text: string; document?: boolean; whole?: string } | { problem: Problem; quiet?: boolean }> {
  if (isDocument(file)) return { text: '', document: true };
  let fd: number | undefined;
  try {
    const stat = await fs.stat(file);
    // not a plain file, too large, or no larger than the beginning: the full reader says why or reads it
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES || stat.size <= HEAD_BYTES) {
      const read = await (/\.doc$/i.test(file) ? readReport(file) : readTextReport(file, stat));
      return 'text' in read ? { text: read.text, whole: read.text } : read;
    }
    let head: Buffer;
    let whole: Buffer | undefined;
    if (stat.size <= wholeUpTo) {
      whole = await fs.readFile(file);
      head = whole.subarray(0, HEAD_BYTES);
    } else {
      fd = await fs.open(file, 'r');
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await fs.read(fd, buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    }
    if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return readReport(file);
    for (const s of SIGNATURES) if (startsWith(head, s.bytes)) return { problem: s.what, quiet: true };
    if (head.subarray(0, 8192).includes(0))
      return { problem: { zh: '不是文本文件（含有二进制内容）', en: 'not a text file (it has binary content)' }, quiet: true };
    // the cut may fall inside a character: the last few bytes are left to the full read
    const body = head.subarray(0, Math.max(0, head.length - 4));
    const text = utf8Text(body) ?? new TextDecoder('gb18030').decode(body);
    const read = whole && decodeReport(whole);
    return read && 'text' in read ? { text, whole: read.text } : { text };
  } catch (e) {
    return cannotRead(e);
  } finally {
    if (fd !== undefined) await fs.close(fd);
  }
}

/** A report in Word, PDF or a web page: its text, and the way back to places in the file. */
async function readDocumentFile(file: string, reader: DocumentReader): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { problem: { zh: '不是普通文件，未读取', en: 'not a regular file, not read' } };
    if (stat.size > MAX_DOCUMENT_BYTES) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      return {
        problem: {
          zh: `文件太大（${mb(stat.size)} MB），超过 ${mb(MAX_DOCUMENT_BYTES)} MB 的文件不检查：请确认是否选错了文件，或把报告另存为不含图片的版本`,
          en: `too large (${mb(stat.size)} MB): files over ${mb(MAX_DOCUMENT_BYTES)} MB are not checked; is it the right file? Save the report without pictures and check that`,
        },
      };
    }
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return { problem: { zh: `无法读取（${code}）`, en: `cannot be read (${code})` } };
  }
  // pdf.js takes a plain Uint8Array, not a Buffer
  const read = await readDocument(reader, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if ('problem' in read) return { problem: read.problem };
  return { text: read.text, encoding: 'document', locate: read.locate };
}

/** A Word file, a PDF or a web page: its beginning is not text, and it is read whole when it is checked. */
export const isDocument = (file: string) => readerFor(file) !== undefined;

/** The text of a report to start from: a Markdown draft of a document, or a text report as it is. */
export async function readStartingText(file: string): Promise<{ text: string } | { problem: Problem }> {
  if (readerFor(file)) {
    try {
      const { draftOf } = require('../documents/draft') as typeof import('../documents/draft');
      return { text: await draftOf(file, new Uint8Array(await fs.readFile(file))) };
    } catch (e) {
      if (e instanceof DocumentProblem) return { problem: e.problem };
      const why = (e as Error).message;
      return { problem: { zh: `无法读取：${why}`, en: `cannot be read: ${why}` } };
    }
  }
  const read = await readReport(file);
  return 'problem' in read ? { problem: read.problem } : { text: read.text };
}
