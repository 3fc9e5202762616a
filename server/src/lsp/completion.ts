import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { builtinSchemas, rangeOf } from '../engine';
import { completionsAt, type Completion } from '../engine/editor';
import type { Feature } from './context';
import { reportAt } from './reportAt';

// The next section's heading on an empty line, a table's missing rows, schema ids after `schema:`.

const COMPLETION_KIND: Record<Completion['kind'], CompletionItemKind> = {
  section: CompletionItemKind.Module,
  row: CompletionItemKind.Field,
  schema: CompletionItemKind.EnumMember,
};

export const completion: Feature = (context) => {
  context.connection.onCompletion(async (params, token): Promise<CompletionItem[]> => {
    const r = await reportAt(context, params.textDocument.uri, token);
    if (!r) return [];
    const options = { lang: context.lang(), markdown: context.reports.isMarkdown(r.doc), schemas: builtinSchemas() };
    return completionsAt(r.result, r.offset(params.position), options).map((c) => {
      const snippet = context.client.snippets && c.snippet !== undefined;
      return {
        label: c.label,
        kind: COMPLETION_KIND[c.kind],
        detail: c.detail,
        documentation: c.documentation,
        filterText: c.filterText,
        sortText: c.sortText,
        preselect: c.preselect,
        insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: rangeOf(r.starts, c.start, c.end), newText: snippet ? c.snippet! : c.insertText },
      };
    });
  });
};
