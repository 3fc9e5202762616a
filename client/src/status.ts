import * as vscode from 'vscode';
import { NotificationType, type LanguageClient } from 'vscode-languageclient/node';
import { StatusNotificationMethod, type SchemaReason, type StatusParams } from '../../server/src/protocol';

// The language status item of a report: the format it is checked against, how that format was
// chosen, and the findings counted. Clicking it switches the format.

export const SELECT_SCHEMA = 'nianbao.selectSchema';

const StatusNotification = new NotificationType<StatusParams>(StatusNotificationMethod);

function reasonText(reason: SchemaReason): string {
  switch (reason) {
    case 'frontMatter':
      return vscode.l10n.t('chosen by `schema:` in the front matter');
    case 'option':
      return vscode.l10n.t('chosen by the setting nianbao.schema');
    case 'markers':
      return vscode.l10n.t("recognised from the tables' columns");
    case 'year':
      return vscode.l10n.t("recognised from the report's year");
    default:
      return vscode.l10n.t('the format could not be recognised; the report is not checked');
  }
}

function countsText(c: StatusParams['counts']): string {
  if (!c.error && !c.warning && !c.information && !c.hint) return vscode.l10n.t('No problems found');
  return vscode.l10n.t('{0} errors, {1} warnings, {2} notes', c.error, c.warning, c.information + c.hint);
}

export function registerStatus(context: vscode.ExtensionContext, client: LanguageClient): void {
  const statuses = new Map<string, StatusParams>();
  let item: vscode.LanguageStatusItem | undefined;

  const refresh = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const status = doc && statuses.get(doc.uri.toString());
    if (!doc || !status?.report) {
      item?.dispose();
      item = undefined;
      return;
    }
    // the item shows for the active report only: other Markdown files are no reports
    item ??= vscode.languages.createLanguageStatusItem('nianbao.status', { language: doc.languageId });
    item.selector = { language: doc.languageId };
    item.name = vscode.l10n.t('Report format (nianbao)');
    const c = status.counts;
    const problems = c.error ? `$(error) ${c.error}` : c.warning ? `$(warning) ${c.warning}` : '$(check)';
    item.text = status.schema ? `${status.schema.id} ${problems}` : vscode.l10n.t('No format');
    item.detail = `${status.schema ? status.schema.name + ' — ' : ''}${reasonText(status.reason)}. ${countsText(c)}`;
    item.severity = status.schema ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
    item.command = { title: vscode.l10n.t('Change format'), command: SELECT_SCHEMA, arguments: [doc.uri.toString()] };
  };

  context.subscriptions.push(
    client.onNotification(StatusNotification, (p) => {
      statuses.set(p.uri, p);
      refresh();
    }),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidCloseTextDocument((d) => statuses.delete(d.uri.toString())),
    vscode.commands.registerCommand(SELECT_SCHEMA, (uri?: string) => selectSchema(statuses, uri)),
    { dispose: () => item?.dispose() },
  );
}

/**
 * Switches the format: in the front matter when the report names one there (it wins over the
 * setting), else in the setting nianbao.schema (workspace when a folder is open, else user).
 */
async function selectSchema(statuses: Map<string, StatusParams>, uri?: string): Promise<void> {
  const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : vscode.window.activeTextEditor?.document;
  const status = doc && statuses.get(doc.uri.toString());
  const current = status?.frontMatterSchema
    ? status.schema?.id
    : vscode.workspace.getConfiguration('nianbao').get<string>('schema', 'auto');
  const available = status?.available ?? [];
  type Item = vscode.QuickPickItem & { id: string };
  const items: Item[] = [
    { id: 'auto', label: 'auto', description: vscode.l10n.t('Recognise the format from the report') },
    ...available.map((s) => ({ id: s.id, label: s.id, description: s.name })),
  ].map((i) => (i.id === current ? { ...i, label: `$(check) ${i.label}` } : i));
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Check this report against which format?'),
    placeHolder: status?.frontMatterSchema
      ? vscode.l10n.t('The report names its format in the front matter; the choice is written there')
      : vscode.l10n.t('The choice is saved in the setting nianbao.schema'),
  });
  if (!pick || pick.id === current) return;
  const fm = status?.frontMatterSchema;
  if (doc && fm) {
    const edit = new vscode.WorkspaceEdit();
    if (pick.id === 'auto') edit.delete(doc.uri, new vscode.Range(fm.line, 0, fm.line + 1, 0));
    else edit.replace(doc.uri, new vscode.Range(fm.start.line, fm.start.character, fm.end.line, fm.end.character), pick.id);
    await vscode.workspace.applyEdit(edit);
    return;
  }
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('nianbao').update('schema', pick.id, target);
}
