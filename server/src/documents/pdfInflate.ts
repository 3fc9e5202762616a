import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

// What pdf.js gets for `DecompressionStream` in dist/pdf-reader.js (scripts/build.mjs injects it there): the
// compressed streams of a PDF (its pages' contents, fonts, character maps) inflated at once by zlib, in this
// thread. Node's web stream runs each one through zlib's thread pool and a chain of stream objects, and a PDF
// has hundreds of small ones: reading the 淮安市 report took ~125 ms with it, ~100 ms with this. pdf.js uses
// only the writer's write and close and the readable's iteration; when inflating fails (a damaged stream) it
// reads the stream again with its own inflater, as it does when the web stream fails.

/** bigger than any page's contents or font, far smaller than what a deflate bomb would ask for */
const MAX_INFLATED = 128 * 1024 * 1024;

const INFLATERS = new Map([
  ['deflate', inflateSync],
  ['deflate-raw', inflateRawSync],
  ['gzip', gunzipSync],
]);

export class DecompressionStream {
  readonly writable: { getWriter(): { ready: Promise<void>; write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
  readonly readable: AsyncIterable<Uint8Array>;

  constructor(format: string) {
    const inflate = INFLATERS.get(format);
    if (!inflate) throw new TypeError(`no ${format} inflater`);
    const parts: Uint8Array[] = [];
    let close = () => {};
    const closed = new Promise<void>((resolve) => (close = resolve));
    const writer = {
      ready: Promise.resolve(),
      write: async (chunk: Uint8Array) => void parts.push(chunk),
      close: async () => close(),
    };
    this.writable = { getWriter: () => writer };
    this.readable = {
      async *[Symbol.asyncIterator]() {
        await closed;
        yield inflate(parts.length === 1 ? parts[0] : Buffer.concat(parts), { maxOutputLength: MAX_INFLATED });
      },
    };
  }
}
