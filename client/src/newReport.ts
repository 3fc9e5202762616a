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

/**
 * Answers given with the command, for tests and keybindings (`"args": { "office": "某某区人民政府", "year": 2024 }`):
 * a question answered here is not asked. `schema` is a format id, for years that several formats fit.
 */
export interface NewReportArgs {
  office?: string;
  year?: number;
  schema?: string;
}

/** The arguments when they are such an object (a menu may pass a URI or nothing). */
function answers(arg: unknown): NewReportArgs {
  if (!arg || typeof arg !== 'object' || arg instanceof vscode.Uri) return {};
  const a = arg as Record<string, unknown>;
  return {
    office: typeof a.office === 'string' ? a.office : undefined,
    year: typeof a.year === 'number' ? a.year : undefined,
    schema: typeof a.schema === 'string' ? a.schema : undefined,
  };
}

async function newReport(arg?: unknown): Promise<void> {
  const given = answers(arg);
  const office =
    given.office ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('New annual report (1/2): office'),
      prompt: vscode.l10n.t('The office publishing the report, as it is named in the title. Leave it empty to fill it in later.'),
      placeHolder: vscode.l10n.t('e.g. 某某区人民政府'),
      ignoreFocusOut: true,
    }));
  if (office === undefined) return;

  const lastYear = new Date().getFullYear() - 1;
  const yearText =
    given.year !== undefined
      ? String(given.year)
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('New annual report (2/2): year'),
          prompt: vscode.l10n.t('The year the report is on: its statistics cover that calendar year.'),
          value: String(lastYear),
          ignoreFocusOut: true,
          validateInput: (v) =>
            parseYear(v) === undefined ? vscode.l10n.t('Type a year between 2000 and {0}, e.g. {1}', lastYear + 1, lastYear) : undefined,
        });
  if (yearText === undefined) return;
  const year = parseYear(yearText);
  if (year === undefined) return;

  const fits = schemasForYear(builtinSchemaData, year);
  const named = given.schema === undefined ? undefined : builtinSchemaData.find((s) => s.id === given.schema);
  const schema = named ?? (await pickSchema(fits, year));
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
