import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CheckFileRequestMethod, type CheckFileParams, type CheckFileResult } from '../../server/src/protocol';

// 检查工作区全部年报: every report in the workspace, open or not, in the Problems panel, with progress
// and a cancel button. An open report is the language server's to show; its entry here is dropped.

export const CHECK_WORKSPACE = 'nianbao.checkWorkspace';

/** Report files as the language's file patterns name them. */
const REPORT_GLOB = '**/{*年度报告*,*年报*}.{md,txt}';
const NIANBAO_GLOB = '**/*.nianbao.md';
const EXCLUDE = '**/{node_modules,.git}/**';

export function registerWorkspaceCheck(context: vscode.ExtensionContext, client: LanguageClient): void {
  const collection = vscode.languages.createDiagnosticCollection('nianbao-workspace');
  const dropOpen = (doc: vscode.TextDocument) => collection.delete(doc.uri);
  // shown in a tab, a report is the language server's: a document loaded before is not opened again
  const dropShown = (e: vscode.TabChangeEvent) => {
    for (const tab of e.opened) if (tab.input instanceof vscode.TabInputText) collection.delete(tab.input.uri);
  };
  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(dropOpen),
    vscode.window.tabGroups.onDidChangeTabs(dropShown),
    vscode.commands.registerCommand(CHECK_WORKSPACE, () => checkWorkspace(client, collection)),
  );
}

async function checkWorkspace(
  client: LanguageClient,
  collection: vscode.DiagnosticCollection,
): Promise<{ files: number; problems: number }> {
  const found = [...(await vscode.workspace.findFiles(REPORT_GLOB, EXCLUDE)), ...(await vscode.workspace.findFiles(NIANBAO_GLOB, EXCLUDE))];
  const files = [...new Map(found.map((u) => [u.toString(), u])).values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  // a report shown in a tab has the language server's diagnostics already; one that is merely loaded has none
  const open = new Set(
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.toString()] : [])),
  );
  let problems = 0;
  let unreadable = 0;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the reports of the workspace'), cancellable: true },
    async (progress, token) => {
      collection.clear();
      for (const [i, uri] of files.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({
          message: vscode.l10n.t('{0} of {1}: {2}', i + 1, files.length, vscode.workspace.asRelativePath(uri)),
          increment: 100 / files.length,
        });
        if (open.has(uri.toString())) continue;
        const r = await client.sendRequest<CheckFileResult>(
          CheckFileRequestMethod,
          { uri: uri.toString() } satisfies CheckFileParams,
          token,
        );
        if (r.problem) unreadable++;
        if (!r.report) continue;
        const diagnostics = await client.protocol2CodeConverter.asDiagnostics(r.diagnostics);
        problems += diagnostics.length;
        collection.set(uri, diagnostics);
      }
    },
  );
  const summary = vscode.l10n.t('{0} reports checked: {1} problems, listed in the Problems panel', files.length, problems);
  const extra = unreadable ? ' ' + vscode.l10n.t('({0} files could not be read)', unreadable) : '';
  void vscode.window.showInformationMessage(summary + extra);
  return { files: files.length, problems };
}
