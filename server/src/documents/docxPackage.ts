import { Inflate } from 'fflate';
import { DocumentProblem } from './types';

// A .docx is a zip of XML parts. Only the few parts the text needs are inflated, each through a
// streaming inflater that stops at a size cap: a zip may declare small sizes and inflate to gigabytes.

/** Larger files are refused before anything is inflated: a report of 30 pages is well under 1 MB without its pictures. */
export const MAX_DOCX_BYTES = 64 * 1024 * 1024;
/** One XML part, inflated: the body of a 300-page report is a few MB. */
export const MAX_PART_BYTES = 32 * 1024 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface DocxPackage {
  /** the text of a part (path inside the zip, no leading slash), or undefined when absent */
  part(path: string): string | undefined;
  /** the path of the main document part (word/document.xml unless the package says otherwise) */
  mainPath: string;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function problem(zh: string, en: string): DocumentProblem {
  return new DocumentProblem({ zh, en });
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** whether the bytes hold a name as a compound file directory writes it (UTF-16LE) */
function holdsUtf16Name(bytes: Uint8Array, name: string): boolean {
  const pattern = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(pattern);
}

// Word saves a password-protected .docx as an OLE compound file holding the encrypted zip; the old
// .doc format is the same kind of file. Both begin D0 CF 11 E0; their stream names tell them apart.
function oleProblem(bytes: Uint8Array): DocumentProblem {
  if (holdsUtf16Name(bytes, 'EncryptedPackage') || holdsUtf16Name(bytes, 'EncryptionInfo'))
    return problem(
      '文件设有打开密码（已加密），无法读取。请在 Word 或 WPS 中打开，取消密码后另存为 .docx（不加密）再检查。',
      'The file is password-protected (encrypted) and cannot be read. Open it in Word or WPS, remove the password and save it as .docx (unencrypted), then check it again.',
    );
  if (holdsUtf16Name(bytes, 'WordDocument'))
    return problem(
      '这是旧版 Word 97-2003 文档（.doc），不是 .docx。请在 Word 或 WPS 中打开，另存为 .docx（不加密）再检查。',
      'This is an old Word 97-2003 document (.doc), not a .docx. Open it in Word or WPS and save it as .docx (unencrypted), then check it again.',
    );
  return problem(
    '文件是 OLE 复合文档（旧版 Office 格式或已加密的文件），不是 .docx。请在 Word 或 WPS 中打开，另存为 .docx（不加密）再检查。',
    'The file is an OLE compound file (an old Office format or an encrypted file), not a .docx. Open it in Word or WPS and save it as .docx (unencrypted), then check it again.',
  );
}

/** What a file that is no zip at all really is, when it says so in its first bytes. */
function notZipProblem(bytes: Uint8Array): DocumentProblem {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('{\\rtf'))
    return problem(
      '文件实际是 RTF 格式，只是扩展名为 .docx。请在 Word 或 WPS 中打开，另存为 .docx 再检查。',
      'The file is really RTF with a .docx name. Open it in Word or WPS and save it as .docx, then check it again.',
    );
  if (head.startsWith('<') && /<html|<!doctype html|<\?xml/.test(head))
    return problem(
      '文件实际是网页或 XML 格式，只是扩展名为 .docx。请在 Word 或 WPS 中打开，另存为 .docx 再检查。',
      'The file is really a web page or XML with a .docx name. Open it in Word or WPS and save it as .docx, then check it again.',
    );
  return problem(
    '文件不是有效的 .docx（不是 zip 压缩包，可能已损坏或不是 Word 文档）。请在 Word 或 WPS 中打开，另存为 .docx 再检查。',
    'The file is not a valid .docx (not a zip archive: damaged, or not a Word document). Open it in Word or WPS and save it as .docx, then check it again.',
  );
}

function corruptProblem(detail: string): DocumentProblem {
  return problem(
    `文件已损坏，无法解压（${detail}）。请在 Word 或 WPS 中打开（它们会尝试修复），另存为 .docx 再检查。`,
    `The file is damaged and cannot be unzipped (${detail}). Open it in Word or WPS (they try to repair it), save it as .docx, then check it again.`,
  );
}

const megabytes = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);

function fileTooLargeProblem(bytes: number): DocumentProblem {
  return problem(
    `文件过大（${megabytes(bytes)} MB，上限 ${megabytes(MAX_DOCX_BYTES)} MB），未读取。请删去图片后另存为 .docx，或另存为 .txt 再检查。`,
    `The file is too large (${megabytes(bytes)} MB, the limit is ${megabytes(MAX_DOCX_BYTES)} MB) and was not read. Remove its pictures and save it again as .docx, or save it as .txt, then check it again.`,
  );
}

// A body that inflates past the cap is no report: a zip bomb or a broken file. Reading stops there.
function partTooLargeProblem(part: string, bytes: number): DocumentProblem {
  return problem(
    `Word 文件中的 ${part} 解压后过大（超过 ${megabytes(MAX_PART_BYTES)} MB，已读到 ${megabytes(bytes)} MB 时停止），可能是压缩炸弹或已损坏的文件。如确是报告，请另存为 .txt 再检查。`,
    `${part} in the Word file is too large unzipped (over ${megabytes(MAX_PART_BYTES)} MB; reading stopped at ${megabytes(bytes)} MB): a zip bomb or a damaged file. If it is a report, save it as .txt, then check it again.`,
  );
}

// ---------- the zip's central directory ----------

function findEndOfCentralDirectory(view: DataView): number {
  // the record is 22 bytes, followed by a comment of at most 65535 bytes
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 65535; at--) if (view.getUint32(at, true) === 0x06054b50) return at;
  throw corruptProblem('no end of central directory');
}

function readEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw corruptProblem('bad central directory');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)).replace(/\\/g, '/');
    entries.set(name.toLowerCase(), {
      name,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function compressedData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw corruptProblem(`bad local header of ${entry.name}`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw corruptProblem(`${entry.name} is cut short`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** Inflates one entry, stopping as soon as the output passes the cap, whatever the zip declares. */
function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  if (entry.size > MAX_PART_BYTES) throw partTooLargeProblem(entry.name, entry.size);
  const data = compressedData(bytes, entry);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw corruptProblem(`${entry.name} uses compression method ${entry.method}`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > MAX_PART_BYTES) throw partTooLargeProblem(entry.name, total);
    chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length; at += 65536) inflater.push(data.subarray(at, at + 65536), at + 65536 >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof DocumentProblem) throw e;
    throw corruptProblem(`${entry.name}: ${(e as Error).message}`);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

// ---------- the package ----------

/** the main document's path, as the package relationships name it */
function mainDocumentPath(rels: string | undefined): string {
  const m = rels && /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rels);
  const target = m && /\bTarget="([^"]+)"/.exec(m[0]);
  return target ? target[1].replace(/^\//, '') : 'word/document.xml';
}

function missingBodyProblem(entries: Map<string, ZipEntry>): DocumentProblem {
  const other = entries.has('xl/workbook.xml') ? 'Excel' : entries.has('ppt/presentation.xml') ? 'PowerPoint' : undefined;
  if (other)
    return problem(
      `这是 ${other} 文件，不是 Word 文档（压缩包中没有 word/document.xml）。请把报告另存为 .docx 再检查。`,
      `This is a ${other} file, not a Word document (there is no word/document.xml in it). Save the report as .docx, then check it again.`,
    );
  return problem(
    '压缩包中没有 Word 正文（word/document.xml），不是 Word 文档或已损坏。请在 Word 或 WPS 中打开，另存为 .docx 再检查。',
    'The zip holds no Word body (word/document.xml): not a Word document, or damaged. Open it in Word or WPS, save it as .docx, then check it again.',
  );
}

/** Opens a .docx: checks what kind of file it is and that its body is there; parts are inflated on demand. */
export function openDocx(bytes: Uint8Array): DocxPackage {
  if (bytes.length > MAX_DOCX_BYTES) throw fileTooLargeProblem(bytes.length);
  if (startsWith(bytes, OLE_SIGNATURE)) throw oleProblem(bytes);
  if (!startsWith(bytes, [0x50, 0x4b])) throw notZipProblem(bytes);
  const entries = readEntries(bytes);
  const decoder = new TextDecoder('utf-8');
  const part = (path: string): string | undefined => {
    const entry = entries.get(path.replace(/^\//, '').toLowerCase());
    return entry && decoder.decode(inflateEntry(bytes, entry));
  };
  let mainPath = mainDocumentPath(part('_rels/.rels'));
  if (!entries.has(mainPath.toLowerCase())) mainPath = 'word/document.xml';
  if (!entries.has(mainPath.toLowerCase())) throw missingBodyProblem(entries);
  return { part, mainPath };
}
