// Reports as they travel and as reviewers handle them, in a real VS Code on the packaged extension:
// a Word report opened (its checked text, read-only, with diagnostics that say where they are in the
// file), imported as a Markdown draft, next year's report started from it, a report exported to Word;
// the configuration file read as the command line reads it; every report of the workspace checked.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagsOf, ruleOf, show, waitFor } from './common';

const WORD_2020 = '平潭综合实验区2020年政府信息公开工作年度报告.docx';
const ANSWER_MS = 60000;
const ZH = vscode.env.language.startsWith('zh');

function workspaceUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}
const fileUri = (name: string) => vscode.Uri.joinPath(workspaceUri(), name);

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

async function remove(...uris: vscode.Uri[]): Promise<void> {
  for (const uri of uris) if (await exists(uri)) await vscode.workspace.fs.delete(uri);
}

/** Runs a command that writes `target`, after removing any old one; asserts it wrote there, and gives what it wrote. */
async function writtenBy(command: string, target: vscode.Uri, ...args: unknown[]): Promise<Uint8Array> {
  await remove(target);
  const written = await vscode.commands.executeCommand<vscode.Uri>(command, ...args);
  assert.strictEqual(written?.toString(), target.toString());
  return vscode.workspace.fs.readFile(target);
}

async function diagnosticsOf(uri: vscode.Uri, what: string, until: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(
    what,
    () => {
      const ds = diagsOf(uri);
      return until(ds) ? ds : undefined;
    },
    ANSWER_MS,
    () => show(diagsOf(uri)),
  );
}

suite(`nianbao documents and reviewers (VS Code in ${vscode.env.language})`, () => {
  suiteSetup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a Word report opens as its checked text, read-only, each finding saying where it is in the file', async () => {
    const word = fileUri(WORD_2020);
    await vscode.commands.executeCommand('vscode.open', word);
    const doc = await waitFor('the checked text of the Word file to open', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'nianbao-source' && d.uri.query === word.toString()),
    );
    assert.strictEqual(doc.languageId, 'nianbao');
    const ds = await diagnosticsOf(
      doc.uri,
      'the table-sum errors of the Word report',
      (d) => d.filter((x) => ruleOf(x) === 'table-sum').length === 2,
    );
    const sums = ds.filter((d) => ruleOf(d) === 'table-sum');
    for (const d of sums)
      assert.match(d.message, ZH ? /（第 \d+ 个表格第 25 行第 \d 列）$/ : /\(table \d+ of the file, row 25, column \d\)$/);
    assert.match(sums[0].message, /26/);
    // read-only: an edit is refused
    const editor = await vscode.window.showTextDocument(doc);
    const applied = await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'x'));
    assert.ok(!applied || doc.getText().startsWith('平潭') || doc.isDirty === false, 'the checked text is not edited');
  });

  test('Import as Markdown draft: an editable .md beside the Word file, with the same findings', async () => {
    const word = fileUri(WORD_2020);
    const target = fileUri('平潭综合实验区2020年政府信息公开工作年度报告.md');
    const text = new TextDecoder().decode(await writtenBy('nianbao.importMarkdown', target, word));
    assert.match(text, /^\| （七）总计 \| 20 \|/m, 'table 三 as a pipe table');
    const ds = await diagnosticsOf(target, 'the findings of the draft', (d) => d.filter((x) => ruleOf(x) === 'table-sum').length === 2);
    assert.ok(ds.some((d) => ruleOf(d) === 'prose-sum'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await remove(target);
  });

  test("New report from last year's: year moved, 上年结转 carried, the table figures XX, unchanged paragraphs marked", async () => {
    const word = fileUri(WORD_2020);
    const target = fileUri('平潭综合实验区2021年政府信息公开工作年度报告.md');
    const text = new TextDecoder().decode(await writtenBy('nianbao.newFromLastYear', target, word));
    assert.match(text, /^平潭综合实验区2021年政府信息公开工作年度报告$/m);
    // last year's 四、结转下年度继续办理 was 0 in every column
    assert.match(text, /\| 二、上年结转政府信息公开申请数量 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \|/);
    assert.match(text, /\| 一、本年新收政府信息公开申请数量 \| XX \| XX /);
    const ds = await diagnosticsOf(
      target,
      "placeholders and the paragraphs still last year's",
      (d) => d.some((x) => ruleOf(x) === 'placeholder') && d.some((x) => ruleOf(x) === 'unchanged-paragraph'),
    );
    assert.ok(ds.filter((d) => ruleOf(d) === 'unchanged-paragraph').every((d) => d.severity === vscode.DiagnosticSeverity.Information));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await remove(target);
  });

  test('Export to Word: a .docx written where asked', async () => {
    const report = fileUri('pingtan-zhqsyq-2022-年报.txt');
    const target = fileUri('导出-2022.docx');
    const bytes = await writtenBy('nianbao.exportWord', target, report, target);
    assert.ok(bytes.length > 5000 && bytes[0] === 0x50 && bytes[1] === 0x4b, 'a zip, as a .docx is');
    await remove(target);
  });

  test('the configuration file: a rule off and an ignore glob apply as on the command line; a broken one is marked in it', async () => {
    const config = fileUri('.nianbao.yaml');
    const report = fileUri('淮安市洪泽区2023年报.txt');
    await vscode.workspace.fs.writeFile(config, Buffer.from('rules:\n  table-sum: warning\n'));
    const doc = await vscode.workspace.openTextDocument(report);
    await vscode.window.showTextDocument(doc);
    await diagnosticsOf(report, 'table-sum as a warning', (d) =>
      d.some((x) => ruleOf(x) === 'table-sum' && x.severity === vscode.DiagnosticSeverity.Warning),
    );
    await vscode.workspace.fs.writeFile(config, Buffer.from('ignore: ["淮安市*"]\n'));
    await diagnosticsOf(report, 'the ignored report to be quiet', (d) => d.length === 0);
    await vscode.workspace.fs.writeFile(config, Buffer.from('rules:\n  table-summ: off\n'));
    const configDoc = await vscode.workspace.openTextDocument(config);
    await vscode.window.showTextDocument(configDoc);
    const own = await waitFor('the mistake of the configuration file', () => {
      const d = vscode.languages.getDiagnostics(config).filter((x) => x.source === 'nianbao');
      return d.length ? d : undefined;
    });
    assert.strictEqual(own[0].range.start.line, 1);
    assert.match(own[0].message, /table-summ/);
    // back to the report (VS Code asks again for the diagnostics of the reports shown)
    await vscode.window.showTextDocument(doc);
    await diagnosticsOf(report, 'the defaults to keep working', (d) =>
      d.some((x) => ruleOf(x) === 'table-sum' && x.severity === vscode.DiagnosticSeverity.Error),
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await remove(config);
  });

  test('Check all reports in the workspace: closed reports fill the Problems panel', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const closed = fileUri('huaian-hongze-district-2023-年报.txt');
    const r = await vscode.commands.executeCommand<{ files: number; problems: number }>('nianbao.checkWorkspace');
    assert.ok(r.files >= 8 && r.problems > 0, JSON.stringify(r));
    const ds = vscode.languages.getDiagnostics(closed).filter((d) => d.source === 'nianbao');
    assert.ok(ds.filter((d) => ruleOf(d) === 'table-sum').length === 2, show(ds));
    // opened, the report is the language server's to show: the workspace entry goes, no duplicates
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(closed));
    await diagnosticsOf(closed, 'one set of diagnostics once opened', (d) => d.filter((x) => ruleOf(x) === 'table-sum').length === 2);
  });
});
