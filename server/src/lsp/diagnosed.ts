import type { Diagnostic } from 'vscode-languageserver';
import { rangeOf, type CheckResult } from '../engine';
import { reportStatus } from '../engine/editor';
import type { Lang } from '../config';
import type { StatusParams } from '../protocol';
import { toDiagnostic, type PreviousPlace } from './convert';

// A check's result as the editor receives it: the diagnostics and what the status item shows. Made from
// a check on the server's main loop or in the background process alike, so both say exactly the same.

/** What the status item shows of a checked report (the rest of StatusParams is the server's). */
export type ReportSummary = Pick<StatusParams, 'schema' | 'reason' | 'counts' | 'frontMatterSchema'>;

export interface Diagnosed {
  items: Diagnostic[];
  /** where each item's finding starts in the checked text: a Word file's or a PDF's place is looked up from it */
  offsets: number[];
  summary: ReportSummary;
}

export function diagnosed(result: CheckResult, starts: number[], uri: string, lang: Lang, previous?: PreviousPlace): Diagnosed {
  const s = reportStatus(result);
  const fm = s.frontMatterSchema;
  return {
    items: result.findings.map((f) => toDiagnostic(f, uri, starts, lang, previous)),
    offsets: result.findings.map((f) => f.start),
    summary: {
      schema: s.schema && { id: s.schema.id, name: s.schema.name[lang] },
      reason: s.reason,
      counts: s.counts,
      ...(fm ? { frontMatterSchema: { line: fm.line, ...rangeOf(starts, fm.start, fm.end) } } : {}),
    },
  };
}
