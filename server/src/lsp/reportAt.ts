import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { offsetAt, type Position } from '../engine';
import type { Checked } from './checker';
import type { ServerContext } from './context';

/**
 * The full check of a report for a request (hover, outline, a quick fix…), of its text as it is now. A
 * large report's diagnostics are found in the background; the full result is made here, on the main
 * loop, only once they are in: a request the next keystroke cancels meanwhile makes none (undefined).
 */
export async function checkedNow(context: ServerContext, doc: TextDocument, token: CancellationToken): Promise<Checked | undefined> {
  if (context.checker.inBackground(doc)) {
    await context.checker.diagnose(doc, context.lang(), token);
    if (token.isCancellationRequested || context.documents.get(doc.uri) !== doc) return undefined;
  }
  return context.checker.check(doc);
}

/** The checked report behind a request, when the document is one; and an LSP position as an offset in it. */
export async function reportAt(
  context: ServerContext,
  uri: string,
  token: CancellationToken,
): Promise<(Checked & { doc: TextDocument; offset(p: Position): number }) | undefined> {
  const doc = context.documents.get(uri);
  if (!doc || !context.reports.isReport(doc)) return undefined;
  const checked = await checkedNow(context, doc, token);
  if (!checked) return undefined;
  const length = doc.getText().length;
  return { doc, ...checked, offset: (p) => offsetAt(checked.starts, p, length) };
}
