import { DiagnosticSeverity, DocumentDiagnosticReportKind, type DocumentDiagnosticReport } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../config';
import { pick } from '../engine/editor';

// A report saved in GBK and opened as UTF-8 arrives full of U+FFFD: checking it would only say that
// every section is missing. Instead it is said once, at the first of them, with the way out (the
// client offers “Reopen with Encoding” on this diagnostic).

/** the diagnostic's code, which the client's quick fix looks for */
export const ENCODING_CODE = 'encoding';

// a stray replacement character in a real report is no reason to stop checking it
const MIN_REPLACEMENTS = 3;

/** One information diagnostic when the text was decoded with the wrong encoding; undefined when it reads well. */
export function garbledReport(doc: TextDocument, lang: Lang): DocumentDiagnosticReport | undefined {
  const text = doc.getText();
  const first = text.indexOf('\uFFFD');
  if (first < 0) return undefined;
  let count = 0;
  for (let i = first; i >= 0 && count < MIN_REPLACEMENTS; i = text.indexOf('\uFFFD', i + 1)) count++;
  if (count < MIN_REPLACEMENTS) return undefined;
  const at = doc.positionAt(first);
  const message = pick(
    lang,
    '此文件不是按 UTF-8 保存的（可能是 GBK/GB18030），打开后出现乱码，因此未检查。请用“通过编码重新打开”（Reopen with Encoding）选择 GBK 或 GB18030：点击状态栏中的编码，或使用此处的快速修复。',
    'This file is not saved in UTF-8 (perhaps GBK/GB18030) and reads as garbled text, so it is not checked. Reopen it with the encoding GBK or GB18030: click the encoding in the status bar and choose “Reopen with Encoding”, or use the quick fix here.',
  );
  return {
    kind: DocumentDiagnosticReportKind.Full,
    items: [
      {
        source: 'nianbao',
        code: ENCODING_CODE,
        severity: DiagnosticSeverity.Information,
        message,
        range: { start: at, end: { line: at.line, character: at.character + 1 } },
      },
    ],
  };
}
