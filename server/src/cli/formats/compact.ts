import type { FileResult } from '../results';

// --format compact: one line per finding, file:line:column: severity: message [rule], as compilers
// write; the severity words stay English in every language, so that problem matchers read them.

// a hint is shown as information: problem matchers know no fainter level
const WORD = { error: 'error', warning: 'warning', information: 'info', hint: 'info' } as const;

export function compactFile(f: FileResult): string[] {
  return f.diagnostics.map(
    (d) => `${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${WORD[d.severity]}: ${d.message} [${d.rule}]`,
  );
}
