import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckResult } from '../engine';
import { disableActions, fixAllEdits, pick } from '../engine/editor';
import type { Feature, ServerContext } from './context';
import { toDiagnostic, toEdits } from './convert';
import { checkedNow } from './reportAt';

// Quick fixes, 修复全部 (also on save, as source.fixAll.nianbao), and the comments that silence a finding.

export const FIX_ALL = `${CodeActionKind.SourceFixAll}.nianbao`;

/** Whether a code action request asks for actions of this kind (`only` lists kinds or their parents). */
function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  if (!only) return kind === CodeActionKind.QuickFix;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export const codeActions: Feature = (context) => {
  const { connection, documents, reports } = context;
  connection.onCodeAction(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !reports.isReport(doc)) return [];
    const lang = context.lang();
    const checked = await checkedNow(context, doc, token);
    if (!checked) return [];
    const { result, starts } = checked;
    const actions: CodeAction[] = [];
    const fixable = result.findings.filter((f) => f.fix).length;
    if (wants(params, FIX_ALL) && fixable) actions.push(fixAllAction(context, doc, result, starts, FIX_ALL));
    if (!wants(params, CodeActionKind.QuickFix)) return actions;
    const from = doc.offsetAt(params.range.start);
    const to = doc.offsetAt(params.range.end);
    const here = result.findings.filter((f) => f.end >= from && f.start <= to);
    for (const f of here) {
      if (!f.fix) continue;
      actions.push({
        title: f.fix.title[lang],
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(f, doc.uri, starts, lang)],
        isPreferred: true,
        edit: { changes: { [doc.uri]: toEdits(f.fix.edits, starts) } },
      });
    }
    // 修复全部 in the light bulb too, when there is more than the fix at hand
    if (here.some((f) => f.fix) && fixable > 1) actions.push(fixAllAction(context, doc, result, starts, CodeActionKind.QuickFix));
    // the comments that silence a finding are Markdown: offered in Markdown reports only, not in .txt ones
    if (reports.isMarkdown(doc))
      for (const f of here)
        for (const a of disableActions(result.model, f, lang)) {
          // two findings of one rule on a line: one comment silences both
          if (actions.some((x) => x.title === a.title)) continue;
          actions.push({
            title: a.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [toDiagnostic(f, doc.uri, starts, lang)],
            edit: { changes: { [doc.uri]: toEdits(a.edits, starts) } },
          });
        }
    return actions;
  });
};

/**
 * 修复全部: every fix at once, but for those that clash with another (see fixAllEdits); what is left
 * shows as diagnostics still, and 修复全部 may be run again. One round only: a guess such as
 * "a blank cell is 0" is never carried on into a total the author wrote.
 */
function fixAllAction(context: ServerContext, doc: TextDocument, result: CheckResult, starts: number[], kind: string): CodeAction {
  const { edits, fixed } = fixAllEdits(result.findings);
  return {
    title: pick(context.lang(), `修复全部可自动修复的问题（${fixed.length} 处）`, `Fix all auto-fixable problems (${fixed.length})`),
    kind,
    edit: { changes: { [doc.uri]: toEdits(edits, starts) } },
  };
}
