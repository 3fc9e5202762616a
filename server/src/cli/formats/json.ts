import type { Range } from '../../engine';
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
 * A file's entry of the document, indented as it stands in it (at the depth of the `files` array), exactly as
 * JSON.stringify(document, null, 2) lays it out. Written out field by field: JSON.stringify with indentation
 * took a third of the time a folder's results took to print; `source` alone, of several shapes, is left to it.
 */
export function jsonBlock(f: FileResult): string {
  let out = `    {\n      "path": ${JSON.stringify(f.path)},\n      "schema": ${JSON.stringify(f.schema)},\n      "diagnostics": `;
  if (!f.diagnostics.length) return out + '[]\n    }';
  out += '[';
  f.diagnostics.forEach((d, i) => {
    out += `${i ? ',' : ''}\n        {\n          "rule": ${JSON.stringify(d.rule)},\n          "severity": ${JSON.stringify(d.severity)},\n          "message": ${JSON.stringify(d.message)},\n          "range": ${rangeBlock(d.range, '          ')},\n          "related": `;
    if (!d.related.length) out += '[]';
    else {
      out += '[';
      d.related.forEach((r, k) => {
        out += `${k ? ',' : ''}\n            {\n              "message": ${JSON.stringify(r.message)},\n              "range": ${rangeBlock(r.range, '              ')}\n            }`;
      });
      out += '\n          ]';
    }
    if (d.source) out += `,\n          "source": ${JSON.stringify(d.source, null, 2).replaceAll('\n', '\n          ')}`;
    out += '\n        }';
  });
  return out + '\n      ]\n    }';
}

/** a range as JSON.stringify(range, null, 2) writes it, its lines after the first indented by `indent` */
function rangeBlock(r: Range, indent: string): string {
  const position = (p: Range['start']) => `{\n${indent}    "line": ${p.line},\n${indent}    "character": ${p.character}\n${indent}  }`;
  return `{\n${indent}  "start": ${position(r.start)},\n${indent}  "end": ${position(r.end)}\n${indent}}`;
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
