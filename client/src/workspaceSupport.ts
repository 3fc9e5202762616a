import * as vscode from 'vscode';
import type { DocumentFilter, LanguageClient } from 'vscode-languageclient/node';
import { TrustNotificationMethod, type InitializationOptions, type TrustParams } from '../../server/src/lsp/trustProtocol';

// What the client tells the server about the workspace: whether the user trusts it, and which files are
// users' own schemas (their mistakes shown in them); and the way out for a report opened in the wrong
// encoding.

/** Schema files by their names, and the one the setting nianbao.schema names when the window opens. */
export function schemaFileSelector(): DocumentFilter[] {
  const filters: DocumentFilter[] = [{ scheme: 'file', pattern: '**/*.{nianbao,nianbao-schema}.{yaml,yml,json}' }];
  const setting = vscode.workspace.getConfiguration('nianbao').get<string>('schema', 'auto');
  if (/\.(json|ya?ml)$/i.test(setting))
    filters.push({ scheme: 'file', pattern: setting.replace(/^\.\//, '**/').replace(/^(?![/*])/, '**/') });
  return filters;
}

/** A schema file changed on the disk (another program, a checkout): the reports are checked again. */
export const schemaFileWatcher = () => vscode.workspace.createFileSystemWatcher('**/*.{nianbao,nianbao-schema}.{yaml,yml,json}');

export const initializationOptions = (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted });

const ENCODING_CODE = 'encoding';
const CHANGE_ENCODING = 'workbench.action.editor.changeEncoding';

export function registerWorkspaceSupport(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      client.sendNotification(TrustNotificationMethod, { trusted: true } satisfies TrustParams).catch(() => undefined);
    }),
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'nianbao' }, { language: 'markdown' }, { language: 'plaintext' }],
      { provideCodeActions: (_doc, _range, ctx) => ctx.diagnostics.filter(isEncodingDiagnostic).map(reopenWithEncoding) },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
}

function isEncodingDiagnostic(d: vscode.Diagnostic): boolean {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return d.source === 'nianbao' && code === ENCODING_CODE;
}

function reopenWithEncoding(d: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(vscode.l10n.t('Reopen with Encoding… (GB18030)'), vscode.CodeActionKind.QuickFix);
  action.diagnostics = [d];
  action.isPreferred = true;
  action.command = { title: action.title, command: CHANGE_ENCODING };
  return action;
}
