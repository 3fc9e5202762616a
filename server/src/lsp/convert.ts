import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { rangeOf, ruleDocsPath, type Finding, type Severity, type TextEdit } from '../engine';
import type { Lang } from '../config';

// Engine offsets and findings as LSP positions and diagnostics.

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The rule pages ship inside the extension (dist/ is one level below its root), so links work offline. */
export const ruleHref = (rule: string) => pathToFileURL(path.join(__dirname, '..', ruleDocsPath(rule))).toString();

/** Last year's report, when the check had it: where a related place in it is. */
export interface PreviousPlace {
  uri: string;
  starts: number[];
}

export function toDiagnostic(f: Finding, uri: string, starts: number[], lang: Lang, previous?: PreviousPlace): Diagnostic {
  const related = f.related.filter((r) => !r.inPrevious || previous);
  return {
    source: 'nianbao',
    code: f.rule,
    codeDescription: { href: ruleHref(f.rule) },
    severity: SEVERITY[f.severity],
    message: f.message[lang],
    range: rangeOf(starts, f.start, f.end),
    relatedInformation: related.map((r) => ({
      location: r.inPrevious
        ? { uri: previous!.uri, range: rangeOf(previous!.starts, r.start, r.end) }
        : { uri, range: rangeOf(starts, r.start, r.end) },
      message: r.message[lang],
    })),
  };
}

export const toEdits = (edits: readonly TextEdit[], starts: number[]) =>
  edits.map((e) => ({ range: rangeOf(starts, e.start, e.end), newText: e.newText }));
