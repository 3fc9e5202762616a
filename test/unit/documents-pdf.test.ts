import assert from 'node:assert/strict';
import { boundCells, findingsOf } from './reports';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { build } from 'esbuild';
import { TextDecoder } from 'node:util';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { readPdf, pdfReader, PDF_BUNDLE, PDF_LIMITS } from '../../server/src/documents/pdf';
import { extractPdfText, type PdfExtraction } from '../../server/src/documents/pdfExtract';
import { DecompressionStream as InflateNow } from '../../server/src/documents/pdfInflate';
import { layoutPages, withoutRadicals, type PdfPageText, type PdfTextRun } from '../../server/src/documents/pdfLayout';
import { DocumentProblem } from '../../server/src/documents/types';
import { checkReport } from '../../server/src/engine';

// The published PDFs of 洪泽区 (2023, 2024) and 淮安市 (2024) against their text in the corpus; PDFs that cannot be
// read (a scan, an encrypted file, a broken one); and the layout rules on glyph runs made by hand.

// the runtime's own functions before any PDF is read in this process (pdf.js is loaded with the first)
const ownFunctions = { push: Array.prototype.push, parse: JSON.parse, toString: Function.prototype.toString };

const fixtures = join(__dirname, '..', 'fixtures');
const pdfBytes = (name: string) => new Uint8Array(readFileSync(join(fixtures, 'pdf', name)));
const corpusText = (name: string) => readFileSync(join(fixtures, 'corpus', name), 'utf8');

async function problemOf(promise: Promise<unknown>): Promise<DocumentProblem> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof DocumentProblem, `a DocumentProblem, not ${e}`);
    return e;
  }
  assert.fail('the PDF was read');
}

// ---------- small PDFs written by hand ----------

/** A PDF file from its objects (numbered from 1; the first is the catalog), with a correct xref table. */
function pdfFile(objects: string[], trailer = ''): Uint8Array {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

const stream = (content: string, dict = '') =>
  `<< ${dict} /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;

/** pages of Latin text in Helvetica, each line [x, y from the bottom, text] */
function textPdf(pages: [number, number, string][][], trailer = '', extra: string[] = []): Uint8Array {
  const first = 4; // 1 catalog, 2 pages, 3 font; then a page and its contents for each page
  const kids = pages.map((_, i) => `${first + 2 * i} 0 R`).join(' ');
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`];
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (const [i, lines] of pages.entries()) {
    const content = lines.map(([x, y, t]) => `BT /F1 12 Tf ${x} ${y} Td (${t}) Tj ET`).join('\n');
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${first + 2 * i + 1} 0 R >>`,
    );
    objects.push(stream(content));
  }
  return pdfFile([...objects, ...extra], trailer);
}

const paragraph = (page: number): [number, number, string][] => [
  [72, 800, 'Annual Report of the County Office'],
  [72, 700, `This is the text of page ${page}, long enough to be checked.`],
  [290, 40, `- ${page} -`],
];

describe('PDF reader: published reports', () => {
  for (const name of ['huaian-hongze-district-2023', 'huaian-hongze-district-2024', 'huaian-city-2024'])
    test(`${name}.pdf: the same findings and table figures as its corpus text`, async () => {
      const doc = await readPdf(pdfBytes(`${name}.pdf`));
      const fromPdf = checkReport(doc.text);
      const fromText = checkReport(corpusText(`${name}.txt`));
      assert.equal(fromPdf.detection.schema?.id, 'gov-2021');
      assert.deepEqual(findingsOf(fromPdf), findingsOf(fromText));
      assert.deepEqual([...(fromPdf.bound?.sections.keys() ?? [])], [...(fromText.bound?.sections.keys() ?? [])]);
      const cells = boundCells(fromPdf);
      assert.ok(cells.length >= 30, `${cells.length} rows bound`);
      assert.deepEqual(cells, boundCells(fromText));
    });

  test('2023: the two table 四 总计 printed as 0, on page 4', async () => {
    const doc = await readPdf(pdfBytes('huaian-hongze-district-2023.pdf'));
    const sums = checkReport(doc.text).findings.filter((f) => f.rule === 'table-sum');
    assert.deepEqual(
      sums.map((f) => [f.severity, f.arithmetic?.expected, f.arithmetic?.actual, doc.locate(f.start)]),
      [
        ['error', 11, 0, { kind: 'pdf', page: 4, line: 21 }],
        ['error', 5, 0, { kind: 'pdf', page: 4, line: 21 }],
      ],
    );
    const line = doc.text.slice(doc.text.lastIndexOf('\n', sums[0].start) + 1, doc.text.indexOf('\n', sums[0].start));
    assert.match(line, /^10 +1 +0 +0 +0 +0 +0 +0 +0 +0 +5 +0 +0 +0 +0$/);
  });

  test('2024: the prose figure is on page 1; page numbers are gone', async () => {
    const doc = await readPdf(pdfBytes('huaian-hongze-district-2024.pdf'));
    const [finding] = checkReport(doc.text).findings;
    assert.deepEqual(doc.locate(finding.start), { kind: 'pdf', page: 1, line: 24 });
    assert.ok(!/^\s*-\s*\d+\s*-\s*$/m.test(doc.text), 'no "- 3 -" lines');
    assert.deepEqual(doc.locate(0), { kind: 'pdf', page: 1, line: 1 });
    assert.equal(doc.locate(doc.text.length + 1), undefined);
  });

  test('20 pages: every page read, the last line located on page 20', async () => {
    const doc = await readPdf(pdfBytes('huaian-hongze-20-pages.pdf'));
    assert.deepEqual(doc.locate(doc.text.length - 1), { kind: 'pdf', page: 20, line: 7 });
    assert.equal(doc.text.split('洪泽区人民政府\n').length - 1, 4, 'the title of each copy');
  });

  test('PDFs read at the same time (the editor reading last year’s while one is opened) are all read whole', async () => {
    const names = ['huaian-hongze-district-2023', 'huaian-hongze-district-2024', 'huaian-city-2024', 'huaian-hongze-20-pages'];
    const alone: string[] = [];
    for (const name of names) alone.push((await readPdf(pdfBytes(`${name}.pdf`))).text);
    const together = await Promise.all(names.map((name) => readPdf(pdfBytes(`${name}.pdf`))));
    assert.deepEqual(
      together.map((d) => d.text),
      alone,
    );
  });

  test('the reader leaves the caller’s bytes whole and can read them again', async () => {
    const bytes = pdfBytes('huaian-hongze-district-2024.pdf');
    const first = await pdfReader.read(bytes);
    assert.equal(bytes.byteLength, readFileSync(join(fixtures, 'pdf', 'huaian-hongze-district-2024.pdf')).length);
    assert.equal((await pdfReader.read(bytes)).text, first.text);
    // a Node Buffer, as fs.readFile gives it, is a Uint8Array too
    assert.equal((await pdfReader.read(readFileSync(join(fixtures, 'pdf', 'huaian-hongze-district-2024.pdf')))).text, first.text);
    assert.deepEqual(pdfReader.extensions, ['.pdf']);
  });
});

describe('PDF reader: loaded only when a PDF is read', () => {
  test('loading pdf.js leaves the runtime’s own functions in place (its core-js replaces push, JSON.parse …)', async () => {
    await pdfReader.read(pdfBytes('huaian-hongze-district-2024.pdf'));
    assert.equal(Array.prototype.push, ownFunctions.push, 'Array.prototype.push');
    assert.equal(JSON.parse, ownFunctions.parse, 'JSON.parse');
    assert.equal(Function.prototype.toString, ownFunctions.toString, 'Function.prototype.toString');
    // what it adds and pdf.js uses stays
    assert.equal(typeof (Promise as { withResolvers?: unknown }).withResolvers, 'function');
  });

  test('bundling the reader does not pull pdf.js in: it is required from dist/pdf-reader.js on the first PDF', async () => {
    const result = await build({
      entryPoints: [join(__dirname, '..', '..', 'server', 'src', 'documents', 'pdf.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].text;
    assert.ok(!code.includes('WorkerMessageHandler') && !code.includes('pdfjs-dist'), 'no pdf.js in the bundle');
    assert.ok(code.includes('pdf-reader.js'));
    assert.ok(code.length < 300_000, `${code.length} bytes`);
  });
});

describe('PDF reader: compressed streams inflated at once (pdfInflate.ts, in the bundle)', () => {
  /** as pdf.js's FlateStream.asyncGetBytes uses a DecompressionStream */
  async function inflated(format: string, parts: Uint8Array[]): Promise<Buffer> {
    const { readable, writable } = new InflateNow(format);
    const writer = writable.getWriter();
    await writer.ready;
    void (async () => {
      for (const p of parts) await writer.write(p);
      await writer.close();
    })();
    const chunks: Uint8Array[] = [];
    for await (const chunk of readable) chunks.push(chunk);
    return Buffer.concat(chunks);
  }
  const text = Buffer.from('BT /F1 12 Tf 72 712 Td (一、总体情况) Tj ET\n'.repeat(200));

  test('deflate in one part or several, deflate-raw, gzip', async () => {
    const packed = deflateSync(text);
    assert.deepEqual(await inflated('deflate', [packed]), text);
    assert.deepEqual(await inflated('deflate', [packed.subarray(0, 7), packed.subarray(7, 100), packed.subarray(100)]), text);
    assert.deepEqual(await inflated('deflate-raw', [deflateRawSync(text)]), text);
    assert.deepEqual(await inflated('gzip', [gzipSync(text)]), text);
    assert.throws(() => new InflateNow('brotli'), TypeError);
  });

  test('a damaged or cut stream fails, so that pdf.js reads it with its own inflater', async () => {
    const packed = deflateSync(text);
    await assert.rejects(inflated('deflate', [packed.subarray(0, packed.length >> 1)]));
    await assert.rejects(inflated('deflate', [Buffer.from('not deflate at all')]));
  });

  test('the bundled reader (with it) reads the same glyph runs as pdf.js from the sources (with the web stream)', async () => {
    // in a process of its own: two copies of pdf.js in one process share its worker module (globalThis.pdfjsWorker)
    const bundle = join(__dirname, '..', '..', 'dist', PDF_BUNDLE);
    for (const name of ['huaian-city-2024.pdf', 'huaian-hongze-district-2023.pdf']) {
      const file = join(fixtures, 'pdf', name);
      const script = `require(${JSON.stringify(bundle)}).extractPdfText(new Uint8Array(require('fs').readFileSync(${JSON.stringify(file)})), ${JSON.stringify(PDF_LIMITS)}).then((r) => process.stdout.write(JSON.stringify(r)))`;
      const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const mine = JSON.parse(child.stdout) as PdfExtraction;
      const theirs = JSON.parse(JSON.stringify(await extractPdfText(pdfBytes(name), PDF_LIMITS))) as PdfExtraction;
      assert.ok(mine.ok && theirs.ok && mine.pages.length > 0, child.stderr);
      assert.deepEqual(mine, theirs, name);
    }
  });
});

describe('PDF reader: files that cannot be checked', () => {
  test('a scan: an image and no text layer', async () => {
    const pixels = 'ff00ff00';
    const scan = pdfFile([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
      stream('q 500 0 0 700 50 70 cm /Im1 Do Q'),
      stream(
        `${pixels}>`,
        '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode',
      ),
    ]);
    const problem = await problemOf(readPdf(scan));
    assert.match(problem.problem.zh, /^PDF 中没有可检查的文字（可能是扫描件）/);
    assert.match(problem.problem.en, /no text to check \(probably a scan\)/);
  });

  test('a scan with only its page numbers as text', async () => {
    const numbered = textPdf([[[290, 40, '- 1 -']], [[290, 40, '- 2 -']]]);
    assert.match((await problemOf(readPdf(numbered))).problem.zh, /扫描件/);
  });

  test('encrypted with a password it does not know', async () => {
    const hex32 = (seed: number) =>
      Array.from({ length: 32 }, (_, i) => ((seed * 31 + i * 17) % 256).toString(16).padStart(2, '0')).join('');
    const encrypt = `<< /Filter /Standard /V 1 /R 2 /O <${hex32(3)}> /U <${hex32(7)}> /P -44 >>`;
    const id = '0123456789abcdef0123456789abcdef';
    const locked = textPdf([paragraph(1)], `/Encrypt 6 0 R /ID [<${id}> <${id}>] `, [encrypt]);
    const problem = await problemOf(readPdf(locked));
    assert.match(problem.problem.zh, /^PDF 已加密，需要密码/);
    assert.match(problem.problem.en, /encrypted/);
  });

  test('broken: truncated, or not a PDF at all', async () => {
    const real = pdfBytes('huaian-hongze-district-2023.pdf');
    for (const bytes of [
      real.slice(0, real.length / 2),
      real.slice(0, 1000),
      new Uint8Array(4096).map((_, i) => (i * 7919) % 256),
      new Uint8Array(0),
    ]) {
      const problem = await problemOf(readPdf(bytes));
      assert.match(problem.problem.zh, /^PDF 文件已损坏或不是 PDF/);
      assert.match(problem.problem.en, /damaged or not a PDF/);
    }
  });

  test('bounded time: a reading that takes too long is abandoned with a message', async () => {
    const started = Date.now();
    const problem = await problemOf(readPdf(pdfBytes('huaian-hongze-district-2023.pdf'), { maxPages: 300, timeoutMs: 1 }));
    assert.match(problem.problem.zh, /秒内未能读完/);
    assert.ok(Date.now() - started < 5000);
  });

  test('bounded work: pages after the cap are not read', async () => {
    const doc = await readPdf(textPdf([1, 2, 3, 4, 5].map(paragraph)), { maxPages: 2, timeoutMs: 60_000 });
    assert.match(doc.text, /page 2,/);
    assert.doesNotMatch(doc.text, /page 3,/);
  });
});

/** GBK bytes as hex, read back from the platform's GB18030 decoder */
function gbkHex(text: string): string {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, string>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++)
      if (trail !== 0x7f) table.set(decoder.decode(Uint8Array.of(lead, trail)), lead.toString(16) + trail.toString(16));
  return [...text].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0).toString(16).padStart(2, '0') : table.get(c))).join('');
}

describe('PDF reader: Chinese fonts named, not embedded', () => {
  test('宋体 as STSong-Light in GBK-EUC-H: read through the GB character maps', async () => {
    const lines = ['2023年政府信息公开工作年度报告', '本报告由某某区人民政府办公室编制。'];
    const content = lines.map((l, i) => `BT /F1 16 Tf 72 ${760 - 30 * i} Td <${gbkHex(l)}> Tj ET`).join('\n');
    const pdf = pdfFile([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
      '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [6 0 R] >>',
      stream(content),
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
      '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    ]);
    const doc = await readPdf(pdf);
    assert.equal(doc.text.replace(/ /g, ''), lines.join('\n') + '\n');
  });
});

describe('PDF reader: lines from glyph positions', () => {
  test('hand-made PDF: running head and page numbers dropped, lines counted on their page', async () => {
    const doc = await readPdf(textPdf([1, 2, 3].map(paragraph)));
    assert.equal(doc.text, [1, 2, 3].map((p) => `This is the text of page ${p}, long enough to be checked.\n`).join('\n'));
    assert.deepEqual(doc.locate(doc.text.indexOf('page 3')), { kind: 'pdf', page: 3, line: 1 });
  });

  const run = (text: string, x: number, y: number, size = 10, width = text.length * size): PdfTextRun => ({ text, x, y, width, size });
  const page = (runs: PdfTextRun[]): PdfPageText => ({ width: 595, height: 842, runs });

  test('a wide gap is a column break of two or more spaces, a narrow one a space, touching runs join', () => {
    const { text } = layoutPages([
      page([
        run('行政许可', 70, 200),
        run('550', 300, 200.4, 10, 18),
        run('2023', 70, 230, 10, 20),
        run('年', 93, 230),
        run('报', 103, 230),
        run('告', 113.5, 230),
      ]),
    ]);
    const [row, prose] = text.split('\n');
    assert.match(row, /^行政许可 {2,}550$/);
    assert.equal(prose, '2023 年报告');
  });

  test('the figures of a row whose label wraps come after both lines of the label', () => {
    const { text } = layoutPages([
      page([
        run('（二）部分公开（区分处理的，只计这一情形，不', 100, 300, 9),
        ...[320, 350, 380].map((x) => run('4', x, 306, 14, 7)),
        run('计其他情形）', 100, 311, 9),
        run('1.属于国家秘密', 150, 330, 9),
        run('1', 320, 330, 14, 7),
      ]),
    ]);
    assert.deepEqual(
      text.split('\n').map((l) => l.trim().replace(/ +/g, ' ')),
      ['（二）部分公开（区分处理的，只计这一情形，不', '计其他情形）', '4 4 4', '1.属于国家秘密 1', ''],
    );
  });

  test('characters written as look-alike radicals read as the characters', () => {
    assert.equal(withoutRadicals('⼀、总体情况：坚持⼈⺠⾄上，⼯作⻓效'), '一、总体情况：坚持人民至上，工作长效');
    const { text } = layoutPages([page([run('⼀、总体情况', 70, 100)])]);
    assert.equal(text, '一、总体情况\n');
  });

  test('a label set vertically is a line of its own', () => {
    const vertical: PdfTextRun = { ...run('三、本年', 90, 500, 10, 10), vertical: true };
    const { text } = layoutPages([page([vertical, run('1.属于国家秘密', 150, 500), run('0', 320, 500, 10, 5)])]);
    const [label, row] = text.trimEnd().split('\n');
    assert.equal(label, '三、本年');
    assert.match(row, /^ *1\.属于国家秘密 {2,}0$/);
  });

  test('page furniture: "— 1 —", "第2页/共12页", "3/12" and a running head go; a figure in the body stays', () => {
    const body = (n: number) => [run(`第${n}页正文`, 70, 400), run(`${n}`, 300, 500)];
    const furniture = ['— 1 —', '第2页/共12页', '3/12'];
    const pages = furniture.map((foot, i) => page([run('某某区人民政府文件', 70, 40), ...body(i + 1), run(foot, 280, 800)]));
    const { text, lines } = layoutPages(pages);
    assert.equal(text, '第1页正文\n  1\n\n第2页正文\n  2\n\n第3页正文\n  3\n');
    assert.deepEqual(
      lines.map((l) => [l.page, l.line]),
      [
        [1, 1],
        [1, 2],
        [2, 1],
        [2, 2],
        [3, 1],
        [3, 2],
      ],
    );
  });
});
