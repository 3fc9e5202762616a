// Editor features over the engine, pure like it: offsets in, offsets and text out. The language
// server turns offsets into positions; the tests call these directly.

export { pick, type Lang } from './l10n';
export { completionsAt, type Completion, type CompletionOptions } from './completion';
export { fixAllEdits, applyEdits } from './fixAll';
export { disableActions, type DisableAction } from './disable';
export { hoverAt, type HoverResult, type HoverOptions } from './hover';
export { totalHints, type TotalHint } from './inlayHints';
export { documentSymbols, foldingRanges, type OutlineSymbol, type Fold } from './outline';
export { definitionTargets } from './definition';
export { reportStatus, type ReportStatus } from './status';
