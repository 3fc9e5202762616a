// End-to-end tests of the packaged nianbao extension (installed from nianbao.vsix) in a real VS Code.
// The workspace is laid out by prepare-workspace.js from test/fixtures/corpus (see fixtures/workspace.json).
// Waits are event driven (onDidChangeDiagnostics, with polling as a fallback), never fixed sleeps, except
// to let the workbench paint before a screenshot and to watch that something does NOT happen.
import * as assert from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { diagsOf, ruleOf, show, sleep, waitFor } from './common';

const EXT_ID = 'nianbao.nianbao';
const RULE_IDS = [
  'table-sum',
  'table-balance',
  'table-blank-cell',
  'table-cell-invalid',
  'required-section',
  'section-order',
  'required-table',
  'table-row-missing',
];
/** How fast an edit must be reflected in the diagnostics ("within a second or two", with room for a busy CI). */
const EDIT_LATENCY_MS = 5000;
/** Longest wait for the first diagnostics after the extension starts (activation, server start-up). */
const FIRST_ANSWER_MS = 60000;
/** Longest wait for the diagnostics of a document once the server runs. */
const ANSWER_MS = 20000;

const REPORT_2020 = 'pingtan-zhqsyq-2020-年度报告.txt';
const HONGZE_2023 = 'huaian-hongze-district-2023-年报.txt';
const HUAIAN_2024 = 'huaian-city-2024-年度报告.txt';
const PINGTAN_2022 = 'pingtan-zhqsyq-2022-年报.txt';

// ---------------------------------------------------------------------------------------------- helpers

function workspaceUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}

function fileUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceUri(), name);
}

function nianbao(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `extension ${EXT_ID} is installed`);
  return ext;
}

async function open(name: string, show = true): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The message mentions the number n on its own (not as part of a longer number). */
function mentions(message: string, n: number): boolean {
  return new RegExp(`(^|[^0-9.])${n}([^0-9.]|$)`).test(message);
}

interface Cell {
  value: number;
  start: number;
  end: number;
}
function numberCells(text: string): Cell[] {
  const cells: Cell[] = [];
  const re = /-?\d+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) cells.push({ value: Number(m[0]), start: m.index, end: m.index + m[0].length });
  return cells;
}

/** Cells of the table row on `line`, counting only numbers after the row label `label` (if given). */
function rowCells(doc: vscode.TextDocument, line: number, label?: string): Cell[] {
  const text = doc.lineAt(line).text;
  const from = label ? text.indexOf(label) + label.length : 0;
  return numberCells(text.slice(from)).map((c) => ({ ...c, start: c.start + from, end: c.end + from }));
}

function findLine(doc: vscode.TextDocument, test: (trimmed: string) => boolean, what: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (test(doc.lineAt(i).text.trim())) return i;
  assert.fail(`${doc.fileName}: no line ${what}`);
}

/** The diagnostic's range touches the cell (a range spanning the whole line counts too). */
function touches(d: vscode.Diagnostic, line: number, cell: Cell): boolean {
  const r = d.range;
  const startsBeforeEnd = r.start.line < line || (r.start.line === line && r.start.character <= cell.end);
  const endsAfterStart = r.end.line > line || (r.end.line === line && r.end.character >= cell.start);
  return startsBeforeEnd && endsAfterStart;
}

function onLine(d: vscode.Diagnostic, line: number): boolean {
  return d.range.start.line === line;
}

async function replaceCell(doc: vscode.TextDocument, line: number, cell: Cell, value: number): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(line, cell.start, line, cell.end), String(value));
  assert.ok(await vscode.workspace.applyEdit(edit), 'the WorkspaceEdit was applied');
}

async function restore(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the restoring WorkspaceEdit was applied');
  }
  if (doc.isDirty) await doc.save();
  assert.strictEqual(doc.getText(), text, 'document restored');
}

/** pids of running language servers of the installed extension (node processes running its dist/server.js) */
function serverPids(extensionPath: string): number[] {
  const server = path.join(extensionPath, 'dist', 'server.js');
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmd = '';
    try {
      cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmd.split('\0').includes(server)) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Proves that the server has analysed a report and found no error: puts a wrong total into its
 * （七）总计 row, waits for the table-sum error there, puts the right value back, waits for the error to go,
 * and only then looks at the diagnostics (which are then those of the original text).
 */
async function assertNoErrorsAfterAnalysis(name: string): Promise<void> {
  const doc = await open(name);
  const original = doc.getText();
  const line = findLine(doc, (t) => t.startsWith('（七）总计'), 'starting with （七）总计');
  const cells = rowCells(doc, line, '（七）');
  const total = cells[cells.length - 1];
  const tableSumOnLine = () => diagsOf(doc.uri).filter((d) => ruleOf(d) === 'table-sum' && onLine(d, line));
  try {
    await replaceCell(doc, line, total, total.value + 1);
    await waitFor(
      `a table-sum error on line ${line + 1} of ${name} after changing its total ${total.value} to ${total.value + 1}`,
      () => (tableSumOnLine().some((d) => d.severity === vscode.DiagnosticSeverity.Error) ? true : undefined),
      ANSWER_MS,
      () => show(diagsOf(doc.uri)),
    );
    await replaceCell(doc, line, { ...total, end: total.start + String(total.value + 1).length }, total.value);
    await waitFor(
      `the table-sum error on line ${line + 1} of ${name} to go once the total is ${total.value} again`,
      () => (tableSumOnLine().length === 0 ? true : undefined),
      ANSWER_MS,
      () => show(diagsOf(doc.uri)),
    );
    assert.strictEqual(doc.getText(), original, 'text is the original again');
    const errors = diagsOf(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(
      errors.map((d) => `${ruleOf(d)} line ${d.range.start.line + 1}: ${d.message}`),
      [],
      `${name} has no diagnostics of Error severity; all nianbao diagnostics:\n${show(diagsOf(doc.uri))}`,
    );
    console.log(`  ${name}: ${diagsOf(doc.uri).length} diagnostics, none of Error severity`);
  } finally {
    await restore(doc, original);
  }
}

// ---------------------------------------------------------------------------------------------- tests

suite('nianbao e2e (packaged .vsix in VS Code ' + vscode.version + ')', () => {
  suiteSetup(() => {
    console.log(
      `  vscode ${vscode.version}, ${vscode.env.appName}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, ` +
        `remote ${vscode.env.remoteName ?? '-'}, language ${vscode.env.language}, workspace ${workspaceUri().fsPath}`,
    );
  });

  test('opening notes.md and notes.txt does not activate the extension', async () => {
    const ext = nianbao();
    const events = JSON.stringify((ext.packageJSON as { activationEvents?: string[] }).activationEvents);
    assert.strictEqual(
      ext.isActive,
      false,
      `nianbao is not active before any document is opened (activationEvents: ${events}; the extension host log ` +
        `in the user data dir's logs/ names the event that activated it)`,
    );
    const md = await open('notes.md');
    const txt = await open('notes.txt');
    assert.strictEqual(md.languageId, 'markdown');
    assert.strictEqual(txt.languageId, 'plaintext');
    // Markdown's own extension activates on onLanguage:markdown: once it is active, that event has been
    // handled, and nianbao would be activating too if it listened to it.
    const markdownExt = vscode.extensions.getExtension('vscode.markdown-language-features');
    if (markdownExt) {
      await waitFor('vscode.markdown-language-features to activate', () => (markdownExt.isActive ? true : undefined), 30000);
    }
    // and watch for 2 s more, to give an (unwanted) activation time to finish
    const until = Date.now() + 2000;
    while (Date.now() < until) {
      assert.strictEqual(ext.isActive, false, `nianbao must not activate for notes.md / notes.txt (activationEvents: ${events})`);
      await sleep(100);
    }
  });

  test('the extension under test is the packaged .vsix, installed', () => {
    const ext = nianbao();
    const extensionsDir = process.env.NIANBAO_E2E_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'NIANBAO_E2E_EXTENSIONS_DIR is passed to the extension host');
    const real = (p: string) => fs.realpathSync(p);
    assert.ok(
      real(ext.extensionPath).startsWith(real(extensionsDir) + path.sep),
      `${ext.extensionPath} is inside the extensions dir ${extensionsDir} (installed from the .vsix, not a dev folder)`,
    );
    assert.strictEqual(ext.extensionKind, vscode.ExtensionKind.Workspace, 'runs in the (Node) workspace extension host');
    const pkg = ext.packageJSON as { main?: string; activationEvents?: string[] };
    assert.strictEqual(pkg.main, './dist/client.js');
    for (const f of ['dist/client.js', 'dist/server.js', 'dist/server-main.js', 'package.json']) {
      assert.ok(fs.existsSync(path.join(ext.extensionPath, f)), `${f} is in the package`);
    }
    const missing = RULE_IDS.filter((id) => !fs.existsSync(path.join(ext.extensionPath, 'docs', 'rules', `${id}.md`)));
    assert.deepStrictEqual(missing, [], 'every rule has its page docs/rules/<id>.md in the package');
    console.log(`  installed at ${ext.extensionPath}; activationEvents ${JSON.stringify(pkg.activationEvents)}`);
  });

  test('report file names get the nianbao language, and opening one activates the extension', async () => {
    const ext = nianbao();
    const reports = [
      REPORT_2020,
      HONGZE_2023,
      'suqian-city-2024-年度报告.md',
      'suqian-city-2023-年报.md',
      'pingtan-zhqsyq-2021.nianbao.md',
    ];
    const first = await open(REPORT_2020);
    await waitFor('nianbao to activate after a report is opened', () => (ext.isActive ? true : undefined), FIRST_ANSWER_MS);
    for (const name of reports) {
      const doc = name === REPORT_2020 ? first : await open(name, false);
      assert.strictEqual(doc.languageId, 'nianbao', `${name} has the nianbao language`);
    }
    const md = await vscode.workspace.openTextDocument(fileUri('notes.md'));
    assert.strictEqual(md.languageId, 'markdown', 'notes.md is still markdown');
  });

  test(`${REPORT_2020}: table-sum errors on the （七）总计 row (自然人 20 should be 26, 总计 21 should be 27)`, async () => {
    const ext = nianbao();
    const doc = await open(REPORT_2020);
    const line = findLine(doc, (t) => t.startsWith('（七）总计'), 'starting with （七）总计');
    const cells = rowCells(doc, line, '（七）');
    assert.deepStrictEqual(
      cells.map((c) => c.value),
      [20, 0, 0, 0, 0, 1, 21],
      'fixture row as expected',
    );
    const natural = cells[0];
    const total = cells[6];
    const sums = () => diagsOf(doc.uri).filter((d) => ruleOf(d) === 'table-sum' && onLine(d, line));
    const found = await waitFor(
      `table-sum diagnostics mentioning 26 and 27 on line ${line + 1}`,
      () => {
        const ds = sums();
        const d26 = ds.find((d) => mentions(d.message, 26) && touches(d, line, natural));
        const d27 = ds.find((d) => mentions(d.message, 27) && touches(d, line, total));
        return d26 && d27 ? { d26, d27 } : undefined;
      },
      FIRST_ANSWER_MS,
      () => show(diagsOf(doc.uri)),
    );
    for (const d of [found.d26, found.d27]) {
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, `${d.message}: severity Error`);
      assert.strictEqual(d.source, 'nianbao');
      assert.ok(d.code && typeof d.code === 'object', `code is { value, target }: ${JSON.stringify(d.code)}`);
      const code = d.code as { value: string | number; target: vscode.Uri };
      assert.strictEqual(code.value, 'table-sum');
      assert.ok(code.target instanceof vscode.Uri, 'code.target is a Uri');
      assert.strictEqual(code.target.scheme, 'file', `rule page is a file: URI (${code.target.toString()})`);
      assert.strictEqual(path.normalize(code.target.fsPath), path.join(ext.extensionPath, 'docs', 'rules', 'table-sum.md'));
      assert.ok(fs.existsSync(code.target.fsPath), 'the rule page exists');
    }
    console.log(`  ${show([found.d26, found.d27])}`);
  });

  test(`${HONGZE_2023}: table-sum errors on table 四 (行政复议 总计 0 should be 11, 复议后起诉 总计 0 should be 5)`, async () => {
    const doc = await open(HONGZE_2023);
    const line = findLine(doc, (t) => /^-?\d+(\s+-?\d+){14}$/.test(t), 'of 15 numbers (table 四)');
    const cells = rowCells(doc, line);
    assert.deepStrictEqual(
      cells.map((c) => c.value),
      [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
      'fixture row as expected',
    );
    const review = cells[4];
    const suitAfterReview = cells[14];
    const found = await waitFor(
      `table-sum errors mentioning 11 and 5 on line ${line + 1}`,
      () => {
        const ds = diagsOf(doc.uri).filter((d) => ruleOf(d) === 'table-sum' && onLine(d, line));
        const d11 = ds.find((d) => mentions(d.message, 11) && touches(d, line, review));
        const d5 = ds.find((d) => mentions(d.message, 5) && touches(d, line, suitAfterReview));
        return d11 && d5 ? { d11, d5 } : undefined;
      },
      ANSWER_MS,
      () => show(diagsOf(doc.uri)),
    );
    for (const d of [found.d11, found.d5]) {
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, `${d.message}: severity Error`);
    }
    console.log(`  ${show([found.d11, found.d5])}`);
  });

  test(`${HUAIAN_2024}: no diagnostics of Error severity`, async () => {
    await assertNoErrorsAfterAnalysis(HUAIAN_2024);
  });

  test(`${PINGTAN_2022}: no diagnostics of Error severity`, async () => {
    await assertNoErrorsAfterAnalysis(PINGTAN_2022);
  });

  test('screenshot: Problems panel for the 2020 pingtan report', async () => {
    const doc = await open(REPORT_2020);
    const line = findLine(doc, (t) => t.startsWith('（七）总计'), 'starting with （七）总计');
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
    await waitFor(
      'table-sum errors on the （七）总计 row',
      () => (diagsOf(doc.uri).some((d) => ruleOf(d) === 'table-sum' && onLine(d, line)) ? true : undefined),
      ANSWER_MS,
    );
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    // the panel's "Show Active File Only" filter, so that the picture is about this report
    await vscode.commands.executeCommand('workbench.actions.workbench.panel.markers.view.toggleActiveFile');
    await sleep(1500); // let the workbench paint the panel
    console.log('[screenshot] problems-pingtan-2020');
    await sleep(2000); // keep the window still while the picture is taken
  });

  test(`${REPORT_2020}: correcting the wrong cells clears their table-sum errors within ${EDIT_LATENCY_MS} ms`, async () => {
    const doc = await open(REPORT_2020);
    const original = doc.getText();
    const line = findLine(doc, (t) => t.startsWith('（七）总计'), 'starting with （七）总计');
    const onRow = () => diagsOf(doc.uri).filter((d) => ruleOf(d) === 'table-sum' && onLine(d, line));
    const before = await waitFor(
      'the two table-sum errors of the （七）总计 row',
      () => {
        const cells = rowCells(doc, line, '（七）');
        const d26 = onRow().find((d) => mentions(d.message, 26) && touches(d, line, cells[0]));
        const d27 = onRow().find((d) => mentions(d.message, 27) && touches(d, line, cells[6]));
        return d26 && d27 ? { d26, d27 } : undefined;
      },
      ANSWER_MS,
      () => show(diagsOf(doc.uri)),
    );
    try {
      // 1. the 总计 cell: 21 -> 27. Its error (identified by its exact message) goes; the 自然人 one stays.
      let t0 = Date.now();
      await replaceCell(doc, line, rowCells(doc, line, '（七）')[6], 27);
      await waitFor(
        `"${before.d27.message}" to go after 21 -> 27`,
        () => (diagsOf(doc.uri).some((d) => d.message === before.d27.message) ? undefined : true),
        EDIT_LATENCY_MS,
        () => show(diagsOf(doc.uri)),
      );
      const t1 = Date.now() - t0;
      const naturalCell = rowCells(doc, line, '（七）')[0];
      assert.ok(
        onRow().some((d) => mentions(d.message, 26) && touches(d, line, naturalCell)),
        `the 自然人 error (20 should be 26) is still there:\n${show(diagsOf(doc.uri))}`,
      );
      // 2. the 自然人 cell: 20 -> 26. Now the row adds up (26+1 = 27) and every column sums to its total.
      t0 = Date.now();
      await replaceCell(doc, line, rowCells(doc, line, '（七）')[0], 26);
      await waitFor(
        `no table-sum error on line ${line + 1} after 20 -> 26`,
        () => (onRow().length === 0 ? true : undefined),
        EDIT_LATENCY_MS,
        () => show(diagsOf(doc.uri)),
      );
      const t2 = Date.now() - t0;
      console.log(`  21 -> 27: its error gone after ${t1} ms; 20 -> 26: row clean after ${t2} ms`);
      // 3. 一 (20 | 21) + 二 (0 | 0) no longer equals 三（七） (26 | 27) + 四 (0 | 0): table-balance errors
      await waitFor(
        'table-balance errors (一+二 ≠ 三（七）+四 for 自然人 and 总计)',
        () => {
          const bal = diagsOf(doc.uri).filter((d) => ruleOf(d) === 'table-balance' && d.severity === vscode.DiagnosticSeverity.Error);
          return bal.length ? bal : undefined;
        },
        EDIT_LATENCY_MS,
        () => show(diagsOf(doc.uri)),
      );
    } finally {
      await restore(doc, original);
    }
    // and back to the original text: both errors return
    await waitFor(
      'the original two table-sum errors to return after restoring the text',
      () =>
        diagsOf(doc.uri).some((d) => d.message === before.d26.message) && diagsOf(doc.uri).some((d) => d.message === before.d27.message)
          ? true
          : undefined,
      EDIT_LATENCY_MS,
      () => show(diagsOf(doc.uri)),
    );
  });

  test('the server survives a 10 MB report and a binary file, and keeps serving', async () => {
    const ext = nianbao();
    const pidsBefore = serverPids(ext.extensionPath);
    assert.ok(pidsBefore.length >= 1, `the language server process (${path.join(ext.extensionPath, 'dist', 'server.js')}) is running`);

    // 10 MB: the 2020 report (which has table-sum errors) repeated. Shown in an editor, so that the client
    // asks the server for its diagnostics (a pull-model client asks for the documents in editors).
    const unit = fs.readFileSync(fileUri(REPORT_2020).fsPath, 'utf8') + '\n';
    const copies = Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(unit));
    fs.writeFileSync(fileUri('big-年报.txt').fsPath, unit.repeat(copies));
    let t0 = Date.now();
    const big = await open('big-年报.txt');
    assert.strictEqual(big.languageId, 'nianbao');
    assert.ok(Buffer.byteLength(big.getText()) >= 10 * 1024 * 1024, `the big document has ${big.getText().length} chars`);
    const bigDiags = await waitFor(
      'diagnostics for the 10 MB report',
      () => {
        const ds = diagsOf(big.uri);
        return ds.length ? ds : undefined;
      },
      90000,
    );
    console.log(
      `  10 MB report (${copies} copies): ${bigDiags.length} diagnostics after ${Date.now() - t0} ms ` +
        `(${[...new Set(bigDiags.map(ruleOf))].join(', ')})`,
    );

    // Random bytes with many NULs. VS Code refuses to open a file as text when its first 512 bytes hold a
    // NUL (it shows the binary-file placeholder, and no document reaches extensions), so those bytes are
    // NUL-free; VS Code then opens it as text and the NULs and invalid UTF-8 after them reach the server.
    const bytes = crypto.randomBytes(256 * 1024);
    for (let i = 0; i < bytes.length; i += 7) bytes[i] = 0;
    for (let i = 0; i < 512; i++) if (bytes[i] === 0) bytes[i] = 0x41;
    fs.writeFileSync(fileUri('binary年报.txt').fsPath, bytes);
    const binUri = fileUri('binary年报.txt');
    // the server's answer for it shows as a diagnostics change for its URI (even when it finds nothing)
    let binAnswered = false;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === binUri.toString())) binAnswered = true;
    });
    let bin: vscode.TextDocument;
    try {
      t0 = Date.now();
      bin = await open('binary年报.txt');
      assert.strictEqual(bin.languageId, 'nianbao');
      assert.ok(bin.getText().includes('\u0000'), 'the binary document holds NULs');
      await waitFor('the server to answer for the binary document', () => (binAnswered ? true : undefined), ANSWER_MS);
    } finally {
      sub.dispose();
    }
    console.log(`  binary file: ${diagsOf(bin.uri).length} diagnostics after ${Date.now() - t0} ms`);

    // a fresh edit on a report still gets diagnostics
    const doc = await open(PINGTAN_2022);
    const original = doc.getText();
    const line = findLine(doc, (t) => t.startsWith('（七）总计'), 'starting with （七）总计');
    const total = rowCells(doc, line, '（七）').slice(-1)[0];
    try {
      t0 = Date.now();
      await replaceCell(doc, line, total, total.value + 1);
      await waitFor(
        `a table-sum error on line ${line + 1} of ${PINGTAN_2022} after the big and binary documents`,
        () => (diagsOf(doc.uri).some((d) => ruleOf(d) === 'table-sum' && onLine(d, line)) ? true : undefined),
        ANSWER_MS,
        () => show(diagsOf(doc.uri)),
      );
      console.log(`  fresh edit on ${PINGTAN_2022}: its table-sum error after ${Date.now() - t0} ms`);
    } finally {
      await restore(doc, original);
    }
    const pidsAfter = serverPids(ext.extensionPath);
    assert.ok(
      pidsBefore.some((p) => pidsAfter.includes(p)),
      `the same language server process is still running (before: ${pidsBefore}, after: ${pidsAfter}): it did not crash and restart`,
    );
  });
});
