import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { rangeOf } from '../engine';
import { documentSymbols, foldingRanges, type OutlineSymbol } from '../engine/editor';
import type { Feature } from './context';
import { reportAt } from './reportAt';

// The outline (sections, their tables, each with ✓ or its number of findings) and folding.

const SYMBOL_KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  section: SymbolKind.Module,
  heading: SymbolKind.String,
  table: SymbolKind.Struct,
};

export const outline: Feature = (context) => {
  context.connection.onDocumentSymbol(async (params, token) => {
    const r = await reportAt(context, params.textDocument.uri, token);
    if (!r) return [];
    const convert = (s: OutlineSymbol): DocumentSymbol => ({
      name: s.name,
      detail: s.detail,
      kind: SYMBOL_KIND[s.kind],
      range: rangeOf(r.starts, s.start, s.end),
      selectionRange: rangeOf(r.starts, s.selectionStart, s.selectionEnd),
      children: s.children.map(convert),
    });
    return documentSymbols(r.result, context.lang()).map(convert);
  });
};

export const folding: Feature = (context) => {
  context.connection.onFoldingRanges(async (params, token) => {
    const r = await reportAt(context, params.textDocument.uri, token);
    return r ? foldingRanges(r.result) : [];
  });
};
