import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readPdf, PDF_BUNDLE } from '../server/src/documents/pdf';
import { layoutPages } from '../server/src/documents/pdfLayout';
import type { PdfExtraction, PdfLimits } from '../server/src/documents/pdfExtract';
import { checkReport } from '../server/src/engine';
import { ms, size, timeAsync, type Timing } from './timing';

// `npm run build && node --import tsx bench/documents-pdf.ts`: how long reading a published PDF
// takes (the 5-page 洪泽区 reports, the 淮安市 report, and a 20-page file made of the 洪泽区 pages), from the sources and
// through the bundle the extension ships, and how big that bundle is. Prints figures; asserts nothing.

const root = join(__dirname, '..');
const fixtures = join(root, 'test', 'fixtures', 'pdf');
const bundle = join(root, 'dist', PDF_BUNDLE);
const samples = [
  'huaian-hongze-district-2023.pdf',
  'huaian-hongze-district-2024.pdf',
  'huaian-city-2024.pdf',
  'huaian-hongze-20-pages.pdf',
];
const limits: PdfLimits = { maxPages: 300, timeoutMs: 60_000 };

const out = (s = '') => process.stdout.write(s + '\n');
const line = (what: string, t: Timing) =>
  out(`${what.padEnd(58)} median ${ms(t.median).padStart(7)} ms   p95 ${ms(t.p95).padStart(7)} ms   n=${t.n}`);

/** the first PDF read in a fresh process pays for loading pdf.js: measured in a child process */
function coldStart(): void {
  if (!existsSync(bundle)) return;
  const script = `const t0 = performance.now(); const m = require(${JSON.stringify(bundle)});
    const t1 = performance.now();
    m.extractPdfText(require('fs').readFileSync(${JSON.stringify(join(fixtures, samples[0]))}), { maxPages: 300, timeoutMs: 60000 })
      .then(() => console.log(JSON.stringify({ load: t1 - t0, first: performance.now() - t1 })));`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const figures = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { load?: number; first?: number };
  out(
    `cold start (fresh process): require the bundle ${ms(figures.load ?? NaN)} ms, then the first 5-page PDF ${ms(figures.first ?? NaN)} ms`,
  );
}

async function main(): Promise<void> {
  if (existsSync(bundle)) {
    const bytes = statSync(bundle).size;
    out(
      `PDF bundle dist/${PDF_BUNDLE}: ${size(bytes)} (gzip ${size(gzipSync(readFileSync(bundle)).length)}; loaded only when a PDF is read)`,
    );
  } else out(`dist/${PDF_BUNDLE} is not built: run \`npm run build\` first for the bundle's size and timings`);
  coldStart();
  out();
  const bundled = existsSync(bundle)
    ? (require(bundle) as { extractPdfText(b: Uint8Array, l: PdfLimits): Promise<PdfExtraction> })
    : undefined;
  for (const name of samples) {
    const bytes = new Uint8Array(readFileSync(join(fixtures, name)));
    const doc = await readPdf(bytes, limits);
    const pages = doc.locate(doc.text.length - 1);
    out(`${name}: ${size(bytes.length)}, ${pages?.kind === 'pdf' ? pages.page : '?'} pages, ${doc.text.length} characters of text`);
    line(
      '  read (from the sources, pdf.js unbundled)',
      await timeAsync(() => readPdf(bytes, limits), { warmup: 1, minRuns: 5, budgetMs: 4000 }),
    );
    if (bundled)
      line(
        '  read through dist/pdf-reader.js (as the extension does)',
        await timeAsync(
          async () => {
            const result = await bundled.extractPdfText(bytes, limits);
            if (result.ok) layoutPages(result.pages);
          },
          { warmup: 1, minRuns: 5, budgetMs: 4000 },
        ),
      );
    line(
      '  read and check',
      await timeAsync(async () => checkReport((await readPdf(bytes, limits)).text), { warmup: 1, minRuns: 5, budgetMs: 4000 }),
    );
  }
}

void main();
