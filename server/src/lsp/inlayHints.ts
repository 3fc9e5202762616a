import type { InlayHint } from 'vscode-languageserver';
import { rangeOf } from '../engine';
import { totalHints } from '../engine/editor';
import type { Feature } from './context';
import { reportAt } from './reportAt';

// Beside each total, the sum of its parts (setting nianbao.inlayHints.totals).

export const inlayHints: Feature = (context) => {
  context.connection.languages.inlayHint.on(async (params, token): Promise<InlayHint[]> => {
    if (!context.config().inlayHints.totals) return [];
    const r = await reportAt(context, params.textDocument.uri, token);
    if (!r) return [];
    const from = r.offset(params.range.start);
    const to = r.offset(params.range.end);
    const lang = context.lang();
    return totalHints(r.result)
      .filter((h) => h.offset >= from && h.offset <= to)
      .map((h) => ({ position: rangeOf(r.starts, h.offset, h.offset).start, label: h.label, paddingLeft: true, tooltip: h.tooltip[lang] }));
  });
};
