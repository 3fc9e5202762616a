import * as vscode from 'vscode';
import { builtinSchemaData } from '../../server/src/engine/builtinData';
import { reportSkeleton } from '../../server/src/engine/template';
import { parseYear, schemasForYear, type ReportFormat } from './reportYear';

// 新建年度报告: asks for the office and the year, then opens an untitled report holding the whole
// skeleton of the format for that year, as a snippet so that Tab goes from one blank to the next.

export const NEW_REPORT = 'nianbao.newReport';

export function registerNewReport(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(NEW_REPORT, newReport));
}

async function newReport(): Promise<void> {
  const office = await vscode.window.showInputBox({
    title: vscode.l10n.t('New annual report (1/2): office'),
    prompt: vscode.l10n.t('The office publishing the report, as it is named in the title. Leave it empty to fill it in later.'),
    placeHolder: vscode.l10n.t('e.g. 某某区人民政府'),
    ignoreFocusOut: true,
  });
  if (office === undefined) return;

  const lastYear = new Date().getFullYear() - 1;
  const yearText = await vscode.window.showInputBox({
    title: vscode.l10n.t('New annual report (2/2): year'),
    prompt: vscode.l10n.t('The year the report is on: its statistics cover that calendar year.'),
    value: String(lastYear),
    ignoreFocusOut: true,
    validateInput: (v) => (parseYear(v) === undefined ? vscode.l10n.t('Type a year between 2000 and {0}, e.g. {1}', lastYear + 1, lastYear) : undefined),
  });
  if (yearText === undefined) return;
  const year = parseYear(yearText);
  if (year === undefined) return;

  const schema = await pickSchema(schemasForYear(builtinSchemaData, year), year);
  if (!schema) return;

  const document = await vscode.workspace.openTextDocument({ language: 'nianbao' });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(reportSkeleton(schema, { snippet: true, office, year })));
}

async function pickSchema<S extends ReportFormat>(schemas: S[], year: number): Promise<S | undefined> {
  if (schemas.length === 1) return schemas[0];
  const zh = vscode.env.language.toLowerCase().startsWith('zh');
  const items = schemas.map((schema) => ({
    label: zh ? schema.name.zh : schema.name.en,
    description: schema.id,
    detail: schema.description ? (zh ? schema.description.zh : schema.description.en) : undefined,
    schema,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Which format is the report on {0} in?', year),
    placeHolder: vscode.l10n.t('Choose the format of the report'),
    ignoreFocusOut: true,
  });
  return picked?.schema;
}
