// End-to-end tests of what makes nianbao at home in VS Code: the walkthrough and its buttons (clicked in the
// workbench), a user's schema file with its mistakes shown and corrected, and a report saved in GBK.
// Runs after nianbao.test and editor.test (suite/index.ts), in the workspace prepare-workspace.js lays out
// (fixtures/workspace/: fazhi/ with a broken schema file and its configuration, a GB18030 copy of a report).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { diagsOf, ruleOf, show, sleep, waitFor } from './common';

const EXT_ID = 'nianbao.nianbao';
const WALKTHROUGH = `${EXT_ID}#nianbao.start`;
const ANSWER_MS = 30000;
const UTF8_REPORT = 'pingtan-zhqsyq-2020-年度报告.txt';
const GBK_REPORT = 'pingtan-zhqsyq-2020-gbk-年度报告.txt';
const FAZHI_SCHEMA = 'fazhi/fazhi.nianbao.yaml';
const FAZHI_REPORT = 'fazhi/示例县2023年法治政府建设年度报告.md';

const zh = () => (process.env.NIANBAO_E2E_LOCALE ?? 'en').startsWith('zh');

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The walkthrough's manifest strings, in the language VS Code shows them in. */
function manifestText(key: string): string {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext);
  const nls = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, zh() ? 'package.nls.zh-cn.json' : 'package.nls.json'), 'utf8'));
  // packageJSON comes localized already in some versions, with the %key% in others
  return /^%[\w.-]+%$/.test(key) ? nls[key.slice(1, -1)] : key;
}

/** Opens the walkthrough, opens one of its steps and clicks the step's n-th button, as a user would. */
async function clickButton(step: string, n: number): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
  await sleep(1500); // the page lays out its steps before they can be clicked
  const id = `${WALKTHROUGH}#${step}`;
  // the first step is open already; a click on its title would close it
  if (step !== 'newReport') {
    console.log(`[click] button.getting-started-step[data-step-id="${id}"]:visible`);
    await sleep(1000);
  }
  console.log(`[click] [x-step-description-for="${id}"] .monaco-button:visible >> nth=${n}`);
}

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** An untitled copy of the sample report, active, once the click has opened it. */
async function sampleOpened(): Promise<vscode.TextEditor> {
  const ext = vscode.extensions.getExtension(EXT_ID)!;
  const sample = fs.readFileSync(path.join(ext.extensionPath, 'media', 'sample-report.txt'), 'utf8');
  return waitFor(
    'the sample report opened by the button',
    () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.scheme === 'untitled' && e.document.languageId === 'nianbao' && e.document.getText() === sample
        ? e
        : undefined;
    },
    ANSWER_MS,
  );
}

suite('Walkthrough, schema files and encodings', () => {
  suiteSetup(async function () {
    this.timeout(120000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the walkthrough opens at its five steps, and each button runs its command', async function () {
    this.timeout(240000);
    const ext = vscode.extensions.getExtension(EXT_ID)!;
    const [walkthrough] = (ext.packageJSON as { contributes: { walkthroughs: { steps: { id: string; description: string }[] }[] } })
      .contributes.walkthroughs;
    const commands = await vscode.commands.getCommands(true);
    const buttons = walkthrough.steps.flatMap((s) =>
      [...manifestText(s.description).matchAll(/\]\(command:([\w.]+)/g)].map((m) => ({ step: s.id, command: m[1] })),
    );
    for (const b of buttons) assert.ok(commands.includes(b.command), `${b.step}: the button's command ${b.command} is registered`);

    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
    await sleep(2000);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab && !(tab.input instanceof vscode.TabInputText), `the walkthrough is the active tab, not a text editor: ${tab?.label}`);
    console.log('[screenshot] walkthrough');
    await sleep(500);

    // 新建年度报告: its two input boxes answered with Enter, then the draft
    await clickButton('newReport', 0);
    const draft = await waitFor(
      'the draft of 新建年度报告',
      async () => {
        const e = vscode.window.activeTextEditor;
        if (e?.document.uri.scheme === 'untitled' && /^# .*年政府信息公开工作年度报告$/.test(e.document.lineAt(0).text)) return e;
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return undefined;
      },
      ANSWER_MS,
    );
    assert.strictEqual(draft.document.languageId, 'nianbao');
    await closeAllEditors();

    // 看懂问题 and 大纲与模板: the sample opens, with its problems listed
    for (const step of ['problems', 'outline']) {
      await clickButton(step, 0);
      const editor = await sampleOpened();
      await waitFor(
        `the sample's table-sum errors (${step})`,
        () => (diagsOf(editor.document.uri, 'table-sum').length ? true : undefined),
        ANSWER_MS,
      );
      await closeAllEditors();
    }

    // 快速修复: the sample opens with its first error selected and the quick fixes offered there
    await clickButton('quickFix', 0);
    const editor = await sampleOpened();
    const error = await waitFor(
      'the selection on the first error',
      () => {
        const first = diagsOf(editor.document.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error);
        return first && editor.selection.isEqual(new vscode.Selection(first.range.start, first.range.end)) ? first : undefined;
      },
      ANSWER_MS,
    );
    await sleep(800);
    console.log('[screenshot] walkthrough-quick-fix');
    await sleep(500);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      error.range,
    );
    assert.ok(
      actions.some((a) => a.kind?.value === 'quickfix' && a.edit),
      `a quick fix at the selected error: ${actions.map((a) => a.title).join(' | ')}`,
    );
    await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);
    await closeAllEditors();

    // 导出 / 检查整个文件夹: the second button checks every report in the workspace, a closed GBK file written just now included
    const fresh = fileUri('walkthrough-gbk-2020年度报告.txt');
    fs.copyFileSync(fileUri(GBK_REPORT).fsPath, fresh.fsPath);
    await clickButton('export', 1);
    await waitFor(
      'the workspace check of a closed GBK report',
      () => (diagsOf(fresh, 'table-sum').length === 2 ? true : undefined),
      ANSWER_MS * 2,
      () => show(diagsOf(fresh)),
    );
    await sleep(3000); // the check goes on through the remaining reports; let it end before the next test
  });

  test('a broken schema file: its mistakes on their lines; corrected and saved, the report using it is checked against it', async function () {
    this.timeout(120000);
    // the configuration file that names the schema for the reports of fazhi/, written here rather than laid out
    // with the workspace: a .nianbao.yaml there from the start would activate nianbao before any report is opened
    fs.writeFileSync(
      fileUri('fazhi/.nianbao.yaml').fsPath,
      '# 这个文件夹中的报告按法治政府建设年度报告的格式检查\nschema: fazhi.nianbao.yaml\n',
    );
    await sleep(3500); // the server looks at a folder's files again after 3 s at most (a workspace check has just read this one)
    const report = await vscode.workspace.openTextDocument(fileUri(FAZHI_REPORT));
    await vscode.window.showTextDocument(report, { preview: false });
    // while the schema file cannot be used, the report is checked against the built-in formats
    await waitFor(
      'the report checked against the built-in formats',
      () => (diagsOf(report.uri, 'required-section').length ? true : undefined),
      ANSWER_MS,
    );

    const schema = await vscode.workspace.openTextDocument(fileUri(FAZHI_SCHEMA));
    await vscode.window.showTextDocument(schema, { preview: false });
    const lineOf = (text: string) =>
      schema
        .getText()
        .split('\n')
        .findIndex((l) => l.includes(text));
    const mistakes = await waitFor('the schema file’s own diagnostics', () => {
      const ds = diagsOf(schema.uri);
      return ds.length >= 2 ? ds : undefined;
    });
    assert.deepStrictEqual(
      mistakes.map((d) => [d.range.start.line, schema.getText(d.range), ruleOf(d)]).sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [lineOf('titel:'), 'titel', 'schema-file'],
        [lineOf('required: maybe'), 'maybe', 'schema-file'],
      ],
    );
    const unknown = mistakes.find((d) => schema.getText(d.range) === 'titel')!;
    assert.strictEqual(
      unknown.message,
      zh()
        ? '未知的字段「titel」：检查拼写，或删去它（各处可用的字段见 docs/schema-language.md）'
        : 'unknown field “titel”: check its spelling or remove it (the fields each place takes are in docs/schema-language.md)',
    );
    vscode.window.activeTextEditor?.revealRange(unknown.range, vscode.TextEditorRevealType.InCenter);
    await sleep(300);
    console.log('[screenshot] schema-file-mistakes');
    await sleep(500);

    const edit = new vscode.WorkspaceEdit();
    edit.delete(schema.uri, schema.lineAt(lineOf('titel:')).rangeIncludingLineBreak);
    const maybe = schema.lineAt(lineOf('required: maybe'));
    edit.replace(schema.uri, maybe.range, maybe.text.replace('maybe', 'false'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('no mistakes left in the schema file', () => (diagsOf(schema.uri).length === 0 ? true : undefined));
    assert.ok(diagsOf(report.uri, 'required-section').length > 0, 'the report waits for the schema file to be saved');
    assert.ok(await schema.save());
    await waitFor(
      'the report checked against the corrected schema file',
      () => (diagsOf(report.uri).length === 0 ? true : undefined),
      ANSWER_MS,
      () => show(diagsOf(report.uri)),
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a report saved in GB18030 opens with its encoding guessed, and gets exactly the diagnostics of its UTF-8 copy', async function () {
    this.timeout(120000);
    const utf8 = await vscode.workspace.openTextDocument(fileUri(UTF8_REPORT));
    await vscode.window.showTextDocument(utf8, { preview: false });
    const gbk = await vscode.workspace.openTextDocument(fileUri(GBK_REPORT));
    await vscode.window.showTextDocument(gbk, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    assert.strictEqual(gbk.languageId, 'nianbao');
    assert.strictEqual(gbk.getText(), utf8.getText(), 'the GB18030 file reads as the same text');
    const key = (d: vscode.Diagnostic) =>
      `${ruleOf(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
    // each diagnostic once: a report loaded before (not in a tab) may still have the workspace check's copy beside the server's
    const distinct = (ds: vscode.Diagnostic[]) => [...new Set(ds.map(key))].sort();
    const expected = await waitFor('the UTF-8 copy checked', () => {
      const ds = distinct(diagsOf(utf8.uri));
      return ds.length ? ds : undefined;
    });
    const actual = await waitFor(
      'the GBK copy checked as its UTF-8 copy',
      () => {
        const ds = distinct(diagsOf(gbk.uri));
        return ds.length === expected.length ? ds : undefined;
      },
      20000,
      () => `GBK:\n${show(diagsOf(gbk.uri))}\nUTF-8:\n${show(diagsOf(utf8.uri))}`,
    );
    assert.deepStrictEqual(actual, expected);
    assert.ok(!actual.some((k) => k.startsWith('encoding ')));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a GBK report still opened as UTF-8 gets one note with Reopen with Encoding, not a flood of missing sections', async function () {
    this.timeout(60000);
    const garbled = new TextDecoder('utf-8').decode(fs.readFileSync(fileUri(GBK_REPORT).fsPath));
    const doc = await vscode.workspace.openTextDocument({ language: 'nianbao', content: garbled });
    await vscode.window.showTextDocument(doc, { preview: false });
    const [note] = await waitFor('the encoding note', () => {
      const ds = diagsOf(doc.uri);
      return ds.length ? ds : undefined;
    });
    assert.deepStrictEqual(diagsOf(doc.uri).map(ruleOf), ['encoding']);
    assert.strictEqual(note.severity, vscode.DiagnosticSeverity.Information);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, note.range);
    const reopen = actions.find((a) => a.command?.command === 'workbench.action.editor.changeEncoding');
    assert.ok(reopen, `a quick fix to reopen with an encoding: ${actions.map((a) => a.title).join(' | ')}`);
    assert.strictEqual(reopen.title, zh() ? '通过编码重新打开…（GB18030）' : 'Reopen with Encoding… (GB18030)');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
