import { TextDecoder } from 'node:util';

// The bytes of a saved web page to text. Government sites still serve many pages in GBK/GB2312, and
// a page saved from the browser may keep the old <meta charset> while its bytes were re-encoded as
// UTF-8. The order: a byte-order mark; bytes that are valid UTF-8 (a GBK text of any length almost
// never is); the declared charset; else GB18030, which reads GBK and GB2312 as well.

/** how far into the file a <meta> declaring the charset is looked for (browsers look at 1,024 bytes; saved pages put more before it) */
const META_WINDOW = 8192;

const GB_FAMILY = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'ms936', 'windows-936', 'csgb2312', 'euc-cn', 'hz-gb-2312']);

function fromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** <meta charset="gb2312"> or <meta http-equiv="Content-Type" content="text/html; charset=gb2312"> */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_WINDOW)).toString('latin1');
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  return meta?.[1].toLowerCase();
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(GB_FAMILY.has(label) ? 'gb18030' : label);
  } catch {
    return undefined; // a label TextDecoder does not know
  }
}

function asUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export interface DecodedPage {
  text: string;
  /** the encoding the text was read in, as TextDecoder names it */
  encoding: string;
}

export function decodePage(bytes: Uint8Array): DecodedPage {
  const bom = fromBom(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), encoding: bom };
  const utf8 = asUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  const declared = declaredCharset(bytes);
  const decoder = (declared && declared !== 'utf-8' && declared !== 'utf8' && decoderFor(declared)) || new TextDecoder('gb18030');
  return { text: decoder.decode(bytes), encoding: decoder.encoding };
}
