import type { FileResult } from '../results';

// --format json: the contract of DESIGN.md, version 1. Only the fields it names, and `source` (optional,
// for a report read from Word, PDF or a web page); the fixes and the arithmetic stay out of it.
// Written file by file, laid out exactly as JSON.stringify(document, null, 2) would.

export function jsonFile(f: FileResult): object {
  return {
    path: f.path,
    schema: f.schema,
    diagnostics: f.diagnostics.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      range: d.range,
      related: d.related,
      ...(d.source ? { source: d.source } : {}),
    })),
  };
}

/**
 * A file's entry of the document, indented as it stands in it: stringified two arrays deep, where
 * JSON.stringify itself indents it by four, and taken out of `[\n  [\n` … `\n  ]\n]` (rather than
 * indenting every line of it again).
 */
export function jsonBlock(f: FileResult): string {
  return JSON.stringify([[jsonFile(f)]], null, 2).slice(6, -6);
}

/**
 * Writes the document entry by entry: one entry is held back until the next arrives, because its
 * comma comes before the line break that `out` adds.
 */
export function jsonWriter(out: (s: string) => void): { add(f: FileResult): void; addBlock(block: string): void; end(): void } {
  let held: string | undefined;
  let started = false;
  const addBlock = (block: string) => {
    if (!started) out('{\n  "version": 1,\n  "files": [');
    started = true;
    if (held !== undefined) out(held + ',');
    held = block;
  };
  return {
    add: (f) => addBlock(jsonBlock(f)),
    addBlock,
    end() {
      if (!started) return out('{\n  "version": 1,\n  "files": []\n}');
      if (held !== undefined) out(held);
      out('  ]\n}');
    },
  };
}
