import type { TextDocument } from 'vscode-languageserver-textdocument';
import { offsetAt, type Position } from '../engine';
import type { Checked } from './checker';
import type { ServerContext } from './context';

/** The checked report behind a request, when the document is one; and an LSP position as an offset in it. */
export function reportAt(context: ServerContext, uri: string): (Checked & { doc: TextDocument; offset(p: Position): number }) | undefined {
  const doc = context.documents.get(uri);
  if (!doc || !context.reports.isReport(doc)) return undefined;
  const checked = context.checker.check(doc);
  const length = doc.getText().length;
  return { doc, ...checked, offset: (p) => offsetAt(checked.starts, p, length) };
}
