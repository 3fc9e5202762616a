import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { docxReader } from '../../server/src/documents/docx';
import { MAX_DOCX_BYTES, MAX_PART_BYTES } from '../../server/src/documents/docxPackage';
import { DocumentProblem } from '../../server/src/documents/types';
import { p, rawDocx } from '../fixtures/docx/rawDocx';
import { corpusDocx } from '../fixtures/docx/corpusDocx';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Files that are no readable Word report: a message saying what is wrong and what to do, in both
// languages, quickly; never a crash or a hang.

async function problemOf(bytes: Uint8Array): Promise<{ zh: string; en: string }> {
  const started = Date.now();
  try {
    await docxReader.read(bytes);
  } catch (e) {
    assert.ok(e instanceof DocumentProblem, `not a DocumentProblem: ${String(e)}`);
    assert.ok(Date.now() - started < 5000, 'took too long');
    return e.problem;
  }
  assert.fail('read without complaint');
}

/** an OLE compound file: its signature, then directory names in UTF-16 as a real one holds them */
function compoundFile(...streams: string[]): Uint8Array {
  const head = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const names = Buffer.concat(streams.map((s) => Buffer.from(s, 'utf16le')));
  return new Uint8Array(Buffer.concat([head, Buffer.alloc(504), names, Buffer.alloc(512)]));
}

test('a password-protected .docx (an encrypted OLE package) says so and how to save it without a password', async () => {
  const problem = await problemOf(compoundFile('EncryptionInfo', 'EncryptedPackage'));
  assert.match(problem.zh, /密码/);
  assert.match(problem.zh, /另存为 \.docx（不加密）/);
  assert.match(problem.en, /password-protected/);
});

test('an old .doc renamed .docx is named as such', async () => {
  const problem = await problemOf(compoundFile('WordDocument', 'SummaryInformation'));
  assert.match(problem.zh, /Word 97-2003 文档（\.doc）/);
  assert.match(problem.en, /\.doc\b/);
});

test('RTF, a web page and random bytes under a .docx name', async () => {
  assert.match((await problemOf(strToU8('{\\rtf1\\ansi 报告}'))).zh, /RTF/);
  assert.match((await problemOf(strToU8('<!DOCTYPE html><html><body>报告</body></html>'))).en, /web page/);
  assert.match((await problemOf(Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251))).zh, /不是有效的 \.docx/);
  assert.match((await problemOf(new Uint8Array(0))).zh, /不是有效的 \.docx/);
});

test('a zip cut short or with a damaged body is reported as damaged', async () => {
  const whole = rawDocx({ body: p('正文'.repeat(2000)) });
  assert.match((await problemOf(whole.subarray(0, Math.floor(whole.length / 2)))).zh, /损坏/);
  const flipped = whole.slice();
  // damage the compressed body, keeping the directory at the end intact
  const bodyAt = Buffer.from(flipped).indexOf('word/document.xml') + 40;
  for (let i = bodyAt; i < bodyAt + 60; i++) flipped[i] ^= 0x5a;
  assert.match((await problemOf(flipped)).zh, /损坏/);
  const badXml = zipSync({ 'word/document.xml': strToU8('<w:document xmlns:w="x"><w:body><w:p>') });
  assert.match((await problemOf(badXml)).zh, /word\/document\.xml 已损坏/);
});

test('a zip without word/document.xml: not a Word document, and an Excel file named as such', async () => {
  assert.match((await problemOf(zipSync({ 'readme.txt': strToU8('hello') }))).zh, /没有 Word 正文（word\/document\.xml）/);
  assert.match((await problemOf(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }))).zh, /Excel 文件/);
});

test('a zip bomb: the body inflates past the cap and reading stops there, whatever sizes the zip declares', async () => {
  const body = new Uint8Array(MAX_PART_BYTES + 1024 * 1024).fill(0x20);
  const bomb = zipSync({ 'word/document.xml': body }, { level: 9 });
  assert.ok(bomb.length < 200_000, `${bomb.length} bytes compressed`);
  assert.match((await problemOf(bomb)).zh, /解压后过大.*压缩炸弹/);
  // the same bomb declaring a small size in its central directory
  const lying = bomb.slice();
  const view = new DataView(lying.buffer);
  for (let at = lying.length - 22; at >= 0; at--)
    if (view.getUint32(at, true) === 0x02014b50) {
      view.setUint32(at + 24, 1000, true);
      break;
    }
  assert.match((await problemOf(lying)).en, /too large/);
});

test('a file over the size limit is refused before anything is unzipped', async () => {
  const huge = new Uint8Array(MAX_DOCX_BYTES + 1);
  huge.set([0x50, 0x4b, 0x03, 0x04]);
  const problem = await problemOf(huge);
  assert.match(problem.zh, /文件过大/);
  assert.match(problem.en, /limit is 64 MB/);
});

test('nesting thousands deep (tables in cells, content controls) is cut off, not a stack overflow', async () => {
  const depth = 20000;
  const body = '<w:sdt><w:sdtContent>'.repeat(depth) + p('深处') + '</w:sdtContent></w:sdt>'.repeat(depth) + p('正文');
  const doc = await docxReader.read(rawDocx({ body }));
  assert.equal(doc.text, '正文');
});

test('two hundred damaged copies of a real report: each read, or refused with a message; nothing else', async () => {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'corpus', 'pingtan-zhqsyq-2021.txt'), 'utf8');
  const original = await corpusDocx(text);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let read = 0;
  let refused = 0;
  for (let i = 0; i < 200; i++) {
    const bytes = original.slice();
    for (let k = 1 + Math.floor(random() * 8); k > 0; k--) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    try {
      await docxReader.read(bytes);
      read++;
    } catch (e) {
      assert.ok(e instanceof DocumentProblem, String(e));
      refused++;
    }
  }
  assert.equal(read + refused, 200);
});
