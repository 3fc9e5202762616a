import { MarkupKind } from 'vscode-languageserver';
import { rangeOf } from '../engine';
import { definitionTargets, hoverAt } from '../engine/editor';
import type { Feature } from './context';
import { reportAt } from './reportAt';

// Hover on a figure or a finding (the arithmetic), and going from a total to its parts.

export const hover: Feature = (context) => {
  context.connection.onHover(async (params, token) => {
    const r = await reportAt(context, params.textDocument.uri, token);
    if (!r) return null;
    const h = hoverAt(r.result, r.offset(params.position), { lang: context.lang(), uri: r.doc.uri });
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: rangeOf(r.starts, h.start, h.end) } : null;
  });
};

export const definition: Feature = (context) => {
  context.connection.onDefinition(async (params, token) => {
    const r = await reportAt(context, params.textDocument.uri, token);
    if (!r) return null;
    return definitionTargets(r.result, r.offset(params.position)).map((t) => ({
      uri: r.doc.uri,
      range: rangeOf(r.starts, t.start, t.end),
    }));
  });
};
