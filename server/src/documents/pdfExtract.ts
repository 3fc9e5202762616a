import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PdfPageText, PdfTextRun } from './pdfLayout';

// The only module that touches pdf.js. It is built into a file of its own (dist/pdf-reader.js) and
// loaded by pdf.ts the first time a PDF is read, so the extension starts without it. It returns
// plain data and plain failure codes, never objects of classes shared with the main bundle: the two
// bundles each have their own copy of every class.

export type PdfFailure = 'encrypted' | 'broken' | 'timeout';

export type PdfExtraction =
  { ok: true; pages: PdfPageText[]; pageCount: number } | { ok: false; failure: PdfFailure; detail: string; pageCount?: number };

export interface PdfLimits {
  /** pages after this many are not read (a report has a dozen; a 2,000-page gazette is not one) */
  maxPages: number;
  /** the whole extraction gives up after this long */
  timeoutMs: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let pdfjs: Promise<PdfJs> | undefined;

/**
 * The character maps of Chinese fonts that a PDF names without embedding them (宋体 as STSong with
 * GBK-EUC-H, UniGB-UCS2-H …): without them their text cannot be read. scripts/build.mjs copies the GB
 * ones beside the bundle; run from the sources, pdf.js's own are used.
 */
function cMapDirectory(): string | undefined {
  const dirs = [join(__dirname, 'pdf-cmaps'), join(__dirname, '..', '..', '..', 'node_modules', 'pdfjs-dist', 'cmaps')];
  const found = dirs.find((d) => existsSync(d));
  return found && found + '/';
}

/** reads the maps itself: pdf.js's own reader for Node needs process.getBuiltinModule, which older Electrons lack */
class CMapFiles {
  constructor(private readonly options: { baseUrl: string | null }) {}

  async fetch({ name }: { name: string }): Promise<{ cMapData: Uint8Array; isCompressed: boolean }> {
    if (!this.options.baseUrl || !/^[\w.-]+$/.test(name)) throw new Error(`no character map ${name}`);
    return { cMapData: new Uint8Array(await readFile(this.options.baseUrl + name + '.bcmap')), isCompressed: true };
  }
}

/**
 * While pdf.js loads, it makes one DOMMatrix for drawing and warns that it has no canvas. Neither is
 * needed for text, and outside a browser there is no DOMMatrix: a stand-in is lent for the load and
 * taken back, and the warnings are dropped (in the language server the console may be its channel).
 */
async function withoutCanvas<T>(load: () => Promise<T>): Promise<T> {
  const scope = globalThis as { DOMMatrix?: unknown };
  const lent = scope.DOMMatrix === undefined;
  if (lent) scope.DOMMatrix = class DOMMatrixStandIn {};
  const { log, warn } = console;
  const quiet =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (!(typeof args[0] === 'string' && args[0].startsWith('Warning: Cannot'))) write(...args);
    };
  console.log = quiet(log);
  console.warn = quiet(warn);
  try {
    return await load();
  } finally {
    console.log = log;
    console.warn = warn;
    if (lent) delete scope.DOMMatrix;
  }
}

const TypedArray = Object.getPrototypeOf(Uint8Array) as object;
const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object;

/** the runtime's own objects, whose functions the whole process shares */
const BUILT_INS: readonly object[] = [
  globalThis,
  Object,
  Object.prototype,
  Function.prototype,
  Array,
  Array.prototype,
  String,
  String.prototype,
  Number,
  Number.prototype,
  Symbol,
  Math,
  JSON,
  Reflect,
  Promise,
  Promise.prototype,
  Map,
  Map.prototype,
  Set,
  Set.prototype,
  WeakMap.prototype,
  RegExp,
  RegExp.prototype,
  Date.prototype,
  Error,
  ArrayBuffer,
  ArrayBuffer.prototype,
  DataView.prototype,
  TypedArray,
  (TypedArray as { prototype: object }).prototype,
  Uint8Array,
  Uint8Array.prototype,
  iteratorPrototype,
];

const sameDescriptor = (a: PropertyDescriptor, b: PropertyDescriptor) => Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;

/**
 * pdf.js's build for older runtimes carries core-js, which, as it loads, replaces functions of the runtime for the
 * whole process wherever it finds them short of the newest standard: in Node 20 Array.prototype.push (three times
 * slower, and with it every check made after the first PDF: the 1 MB report ~20 % slower), JSON.parse and
 * Function.prototype.toString. What it adds (Promise.withResolvers, the new Set methods, …) pdf.js uses and stays;
 * what it replaced is put back once pdf.js has loaded.
 */
async function keepingBuiltIns<T>(load: () => Promise<T>): Promise<T> {
  const before = BUILT_INS.map((o) => [o, Object.getOwnPropertyDescriptors(o)] as const);
  try {
    return await load();
  } finally {
    for (const [o, descriptors] of before)
      for (const key of Reflect.ownKeys(descriptors)) {
        const was = descriptors[key as keyof typeof descriptors];
        const now = Object.getOwnPropertyDescriptor(o, key);
        if (now?.configurable && !sameDescriptor(now, was)) Object.defineProperty(o, key, was);
      }
  }
}

/** pdf.js runs in this thread: its worker module is handed to it instead of being started as a worker */
function loadPdfJs(): Promise<PdfJs> {
  return keepingBuiltIns(() =>
    withoutCanvas(async () => {
      const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return import('pdfjs-dist/legacy/build/pdf.mjs');
    }),
  );
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  dir?: string;
}

function isTextItem(item: object): item is TextItemLike {
  return 'str' in item && 'transform' in item;
}

async function pageText(page: PdfPage): Promise<PdfPageText> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const runs: PdfTextRun[] = [];
  for (const item of content.items) {
    if (!isTextItem(item) || !item.str) continue;
    const [a, b, c, d, e, f] = item.transform;
    // the viewport turns PDF space (y up, any origin, maybe rotated) into the page as seen (y down)
    const [x, y] = viewport.convertToViewportPoint(e, f);
    const size = Math.hypot(c, d) || Math.hypot(a, b) || 1;
    runs.push({ text: item.str, x, y, width: item.width, size, ...(item.dir === 'ttb' ? { vertical: true } : {}) });
  }
  page.cleanup();
  return { width: viewport.width, height: viewport.height, runs };
}

function failureOf(error: unknown): PdfExtraction {
  const name = (error as { name?: string })?.name ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return { ok: false, failure: 'encrypted', detail };
  return { ok: false, failure: 'broken', detail };
}

async function readPages(doc: PdfDocument, maxPages: number): Promise<PdfPageText[]> {
  const pages: PdfPageText[] = [];
  for (let n = 1; n <= Math.min(doc.numPages, maxPages); n++) pages.push(await pageText(await doc.getPage(n)));
  return pages;
}

/** The glyph runs of every page (up to the page limit), or why there are none. */
export async function extractPdfText(bytes: Uint8Array, limits: PdfLimits): Promise<PdfExtraction> {
  const { getDocument } = await (pdfjs ??= loadPdfJs());
  // pdf.js takes the buffer over (detaches it) and refuses a Node Buffer: give it a plain copy
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: cMapDirectory(),
    cMapPacked: true,
    CMapReaderFactory: CMapFiles,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PdfExtraction>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, failure: 'timeout', detail: `${limits.timeoutMs} ms` }), limits.timeoutMs);
  });
  const work = (async (): Promise<PdfExtraction> => {
    const doc = await task.promise;
    return { ok: true, pages: await readPages(doc, limits.maxPages), pageCount: doc.numPages };
  })().catch(failureOf);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    // stops pdf.js wherever it is (after a timeout) and frees the document
    await task.destroy().catch(() => undefined);
  }
}
