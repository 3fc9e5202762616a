import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DraftRequestMethod,
  ExportWordRequestMethod,
  NextYearRequestMethod,
  ReadDocumentRequestMethod,
  type BytesResult,
  type TextResult,
} from '../../server/src/protocol';

// Reports as they travel: a Word file, a PDF or a web page opens as its checked text, read-only, with
// every finding underlined and saying where it is in the file; it can be imported as a Markdown draft.
// A report is exported as a Word file in the official layout; next year's report is started from it.

export const SOURCE_SCHEME = 'nianbao-source';
export const OPEN_CHECKED_TEXT = 'nianbao.openCheckedText';
export const IMPORT_MARKDOWN = 'nianbao.importMarkdown';
export const EXPORT_WORD = 'nianbao.exportWord';
export const NEW_FROM_LAST_YEAR = 'nianbao.newFromLastYear';
// Word files open this way by default; PDFs and web pages when chosen (Open With…), as other viewers may claim them
const DOCUMENT_PREVIEWS = ['nianbao.documentPreview', 'nianbao.documentPreviewOption'];

const DOCUMENT = /\.(docx|pdf|html?)$/i;

/** The checked text of a file: nianbao-source:/path/报告.pdf.md, the file's own URI in the query. */
export function checkedTextUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: SOURCE_SCHEME, path: file.path + '.md', query: file.toString() });
}

const fileOf = (uri: vscode.Uri) => (uri.scheme === SOURCE_SCHEME ? vscode.Uri.parse(uri.query) : uri);

export function registerDocuments(context: vscode.ExtensionContext, client: LanguageClient): void {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const r = await client.sendRequest<TextResult>(ReadDocumentRequestMethod, { uri: uri.query, textUri: uri.toString() });
      return 'text' in r ? r.text : vscode.l10n.t('This file could not be read: {0}', r.problem);
    },
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_SCHEME, provider),
    ...DOCUMENT_PREVIEWS.map((view) =>
      vscode.window.registerCustomEditorProvider(view, documentPreview(), { supportsMultipleEditorsPerDocument: true }),
    ),
    vscode.commands.registerCommand(OPEN_CHECKED_TEXT, (uri?: vscode.Uri) => openCheckedText(uri ?? activeUri())),
    vscode.commands.registerCommand(IMPORT_MARKDOWN, (uri?: vscode.Uri, target?: vscode.Uri) =>
      importMarkdown(client, uri ?? activeUri(), target),
    ),
    vscode.commands.registerCommand(EXPORT_WORD, (uri?: vscode.Uri, target?: vscode.Uri) => exportWord(client, uri ?? activeUri(), target)),
    vscode.commands.registerCommand(NEW_FROM_LAST_YEAR, (uri?: vscode.Uri, target?: vscode.Uri) => newFromLastYear(client, uri, target)),
  );
}

function activeUri(): vscode.Uri | undefined {
  return vscode.window.activeTextEditor?.document.uri;
}

async function openCheckedText(file: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  if (!file || !DOCUMENT.test(fileOf(file).path)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Choose a Word file, a PDF or a web page of a report'));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(checkedTextUri(fileOf(file)));
  const shown = await vscode.languages.setTextDocumentLanguage(doc, 'nianbao');
  await vscode.window.showTextDocument(shown, { preview: false });
  return shown;
}

/** Opening a Word file (or, when chosen, a PDF or a web page) opens its checked text; the tab says so. */
function documentPreview(): vscode.CustomReadonlyEditorProvider {
  return {
    openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
    async resolveCustomEditor(document, panel) {
      const name = document.uri.path.split('/').pop() ?? '';
      panel.webview.options = { enableScripts: false };
      panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"></head>
<body style="font-family: var(--vscode-font-family); padding: 1em"><p>${escape(vscode.l10n.t('{0} is checked as text: its checked text is open beside, read-only, with every problem found.', name))}</p>
<p>${escape(vscode.l10n.t('To edit the report, run “nianbao: Import as Markdown draft”.'))}</p></body></html>`;
      await openCheckedText(document.uri);
    },
  };
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Writes a new file beside the source (asking before replacing one) and opens it; its URI, or undefined. */
async function writeAndOpen(target: vscode.Uri, text: string): Promise<vscode.Uri | undefined> {
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} exists already. Replace it?', vscode.workspace.asRelativePath(target)),
      { modal: true },
      replace,
    );
    if (answer !== replace) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
  return target;
}

function problem(r: { problem: string }): undefined {
  void vscode.window.showErrorMessage(r.problem);
  return undefined;
}

async function importMarkdown(client: LanguageClient, uri: vscode.Uri | undefined, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const file = uri && fileOf(uri);
  if (!file || !DOCUMENT.test(file.path)) return problem({ problem: vscode.l10n.t('Choose a Word file, a PDF or a web page of a report') });
  const r = await client.sendRequest<TextResult>(DraftRequestMethod, { uri: file.toString() });
  if ('problem' in r) return problem(r);
  return writeAndOpen(target ?? file.with({ path: file.path.replace(/\.[^./]+$/, '.md') }), r.text);
}

async function exportWord(client: LanguageClient, uri: vscode.Uri | undefined, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : undefined;
  if (!doc || DOCUMENT.test(fileOf(doc.uri).path))
    return problem({ problem: vscode.l10n.t('Open the report to export (Markdown or text) first') });
  const r = await client.sendRequest<BytesResult>(ExportWordRequestMethod, { text: doc.getText() });
  if ('problem' in r) return problem(r);
  const suggested = doc.uri.with({ path: doc.uri.path.replace(/(\.nianbao)?\.[^./]+$/, '') + '.docx' });
  const chosen = target ?? (await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { Word: ['docx'] } }));
  if (!chosen) return undefined;
  await vscode.workspace.fs.writeFile(chosen, Buffer.from(r.base64, 'base64'));
  const reveal = vscode.l10n.t('Show in folder');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('Exported to {0} in the official document layout', vscode.workspace.asRelativePath(chosen)),
      reveal,
    )
    .then((a) => a === reveal && vscode.commands.executeCommand('revealFileInOS', chosen));
  return chosen;
}

async function newFromLastYear(client: LanguageClient, uri: vscode.Uri | undefined, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked =
    uri ??
    (
      await vscode.window.showOpenDialog({
        title: vscode.l10n.t("New report from last year's: choose last year's report"),
        filters: { [vscode.l10n.t('Reports')]: ['docx', 'pdf', 'html', 'htm', 'md', 'txt'] },
      })
    )?.[0];
  if (!picked) return undefined;
  const file = fileOf(picked);
  const r = await client.sendRequest<TextResult>(NextYearRequestMethod, { uri: file.toString() });
  if ('problem' in r) return problem(r);
  const year = r.year!;
  const name = file.path
    .split('/')
    .pop()!
    .replace(/\.[^.]+$/, '');
  const renamed = name.includes(String(year - 1)) ? name.split(String(year - 1)).join(String(year)) : `${name}-${year}`;
  const written = await writeAndOpen(target ?? file.with({ path: file.path.replace(/[^/]+$/, `${renamed}.md`) }), r.text);
  if (written)
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        "Draft for {0}: fill in the XX of the tables; paragraphs still as in last year's report are marked until rewritten",
        year,
      ),
    );
  return written;
}
