import * as vscode from 'vscode';

// The walkthrough's buttons for the steps that need a report in front of the user: a sample opens (a
// published report whose table 三 has two wrong totals, as an untitled copy, so nothing on the disk is
// touched), and the step's view is shown on it.

export const OPEN_SAMPLE = 'nianbao.openSample';

type Show = 'problems' | 'quickFix' | 'outline';

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(OPEN_SAMPLE, (show?: Show) => openSample(context, show)));
}

async function openSample(context: vscode.ExtensionContext, show: Show = 'problems'): Promise<vscode.TextEditor> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'media', 'sample-report.txt'));
  const doc = await vscode.workspace.openTextDocument({ language: 'nianbao', content: new TextDecoder().decode(bytes) });
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  if (show === 'problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  if (show === 'outline') await vscode.commands.executeCommand('outline.focus');
  if (show === 'quickFix') {
    const error = await firstError(doc.uri);
    if (error) {
      editor.selection = new vscode.Selection(error.range.start, error.range.end);
      editor.revealRange(error.range, vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('editor.action.quickFix');
    }
  }
  return editor;
}

/** The sample's first error, once the language server has checked it (a few seconds at most). */
function firstError(uri: vscode.Uri): Promise<vscode.Diagnostic | undefined> {
  const find = () =>
    vscode.languages.getDiagnostics(uri).find((d) => d.source === 'nianbao' && d.severity === vscode.DiagnosticSeverity.Error);
  return new Promise((resolve) => {
    const found = find();
    if (found) return resolve(found);
    const timer = setTimeout(() => done(undefined), 10000);
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      const d = find();
      if (d) done(d);
    });
    function done(d: vscode.Diagnostic | undefined) {
      clearTimeout(timer);
      sub.dispose();
      resolve(d);
    }
  });
}
