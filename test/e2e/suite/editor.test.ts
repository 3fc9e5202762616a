// End-to-end tests of the editor features of the packaged extension, through the VS Code API in a real
// VS Code: the new-report command and the snippets, completion, a quick fix and fix-all applied, hover,
// outline and folding, the format setting and its status command; and the pictures of them for the README.
// run.sh runs the suite once in English and once in Chinese (VS Code's --locale): every message, title and
// hover text is asserted in the language VS Code runs in, which the language server follows.
// Waits are event driven (onDidChangeDiagnostics, with polling as a fallback), never fixed sleeps, except
// to let the workbench paint before a screenshot.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagsOf, ruleOf, show, sleep, waitFor } from './common';

const EXT_ID = 'nianbao.nianbao';
/** Longest wait for the first diagnostics after the extension starts (activation, server start-up). */
const FIRST_ANSWER_MS = 60000;
/** Longest wait for the server's answer once it runs. */
const ANSWER_MS = 20000;

/** Copies of corpus reports for these tests only (fixtures/workspace.json): they are edited and restored. */
const PINGTAN_2020 = '平潭综合实验区2020年度报告.txt'; // pingtan-zhqsyq-2020: the （七）总计 row adds up wrong
const PINGTAN_2022 = '平潭综合实验区2022年报.md'; // pingtan-zhqsyq-2022: no error, 2021 format
const HONGZE_2023 = '淮安市洪泽区2023年报.txt'; // huaian-hongze-district-2023: two 总计 of table 四 printed 0

const ZH = vscode.env.language.toLowerCase().startsWith('zh');
/** The text in the language VS Code runs in (the language server speaks Chinese, or English otherwise). */
const t = (zh: string, en: string) => (ZH ? zh : en);

const SECTIONS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

// ---------------------------------------------------------------------------------------------- helpers

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  assert.strictEqual(doc.languageId, 'nianbao', `${name} has the nianbao language`);
  return { doc, editor };
}

function findLine(doc: vscode.TextDocument, test: (text: string) => boolean, what: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (test(doc.lineAt(i).text)) return i;
  assert.fail(`${doc.uri.path}: no line ${what}`);
}

/** The range of the last number on a line: the 总计 cell of a table row. */
function lastNumber(doc: vscode.TextDocument, line: number): vscode.Range {
  const text = doc.lineAt(line).text;
  const m = /(\d+)\D*$/.exec(text);
  assert.ok(m, `line ${line + 1} ends with a number: ${text}`);
  const start = text.lastIndexOf(m[1]);
  return new vscode.Range(line, start, line, start + m[1].length);
}

async function replace(doc: vscode.TextDocument, range: vscode.Range, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the WorkspaceEdit was applied');
}

/** Puts the original text back and saves it, so that the next test (and the next run) starts from it. */
async function restore(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() !== text) await replace(doc, new vscode.Range(0, 0, doc.lineCount, 0), text);
  if (doc.isDirty) await doc.save();
  assert.strictEqual(doc.getText(), text, 'document restored');
}

/** The table-sum error of the （七）总计 row of the 2020 pingtan report on its 总计 cell (21, should be 27). */
function totalError(doc: vscode.TextDocument): { line: number; cell: vscode.Range; diagnostic: () => vscode.Diagnostic | undefined } {
  const line = findLine(doc, (s) => s.startsWith('（七）总计'), 'starting with （七）总计');
  const cell = lastNumber(doc, line);
  assert.strictEqual(doc.getText(cell), '21', 'the 总计 cell of the （七）总计 row says 21 in the fixture');
  const diagnostic = () => diagsOf(doc.uri, 'table-sum').find((d) => d.range.isEqual(cell));
  return { line, cell, diagnostic };
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The completion items in the order the suggest widget shows them (by sortText, then label). */
async function completionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  const key = (i: vscode.CompletionItem) => i.sortText ?? labelOf(i);
  return [...list.items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The language server's items (sections, rows, format ids), not the snippets' or the words of the text. */
const SERVER_KINDS = [vscode.CompletionItemKind.Module, vscode.CompletionItemKind.Field, vscode.CompletionItemKind.EnumMember];
const fromNianbao = (i: vscode.CompletionItem) => i.kind !== undefined && SERVER_KINDS.includes(i.kind);

/** Inserts a completion item as the editor does when it is accepted: its snippet or text over its range. */
async function accept(editor: vscode.TextEditor, item: vscode.CompletionItem, at: vscode.Position): Promise<void> {
  const range =
    item.range === undefined ? new vscode.Range(at, at) : item.range instanceof vscode.Range ? item.range : item.range.replacing;
  const text = item.insertText ?? labelOf(item);
  const snippet = typeof text === 'string' ? new vscode.SnippetString().appendText(text) : text;
  assert.ok(await editor.insertSnippet(snippet, range), 'the completion was inserted');
  await vscode.commands.executeCommand('leaveSnippet');
}

function codeActions(list: (vscode.CodeAction | vscode.Command)[] | undefined): vscode.CodeAction[] {
  return (list ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n\n');
}

function symbolTree(symbols: vscode.DocumentSymbol[], depth = 0): string {
  return symbols
    .map((s) => `${'  '.repeat(depth)}${vscode.SymbolKind[s.kind]} ${s.name} [${s.detail}]\n${symbolTree(s.children ?? [], depth + 1)}`)
    .join('');
}

async function documentSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  return waitFor('the document symbols', async () => {
    const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    return s?.length ? s : undefined;
  });
}

/** A new untitled report is open: waits until the server has checked it (its placeholders are pointed out). */
async function checkedDraft(doc: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  return waitFor(
    'the placeholder warnings of the draft (the server has checked it)',
    () => (diagsOf(doc.uri, 'placeholder').length ? diagsOf(doc.uri) : undefined),
    ANSWER_MS,
    () => show(diagsOf(doc.uri)),
  );
}

async function closeActiveWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** Lets the workbench paint, asks the test host for a picture, and keeps the window still while it is taken. */
async function screenshot(name: string): Promise<void> {
  await sleep(1500);
  console.log(`[screenshot] ${name}`);
  await sleep(1500);
}

// ---------------------------------------------------------------------------------------------- tests

suite(`nianbao editor features (VS Code in ${vscode.env.language})`, () => {
  suiteSetup(async () => {
    const wanted = process.env.NIANBAO_E2E_LOCALE;
    if (wanted)
      assert.strictEqual(vscode.env.language, wanted.toLowerCase(), `VS Code runs in the language asked for (--locale ${wanted})`);
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `extension ${EXT_ID} is installed`);
    // a window of its own: without the 10 MB report of nianbao.test, whose re-check after each change of
    // the settings would keep the server busy for seconds
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const { doc } = await open(PINGTAN_2020);
    await waitFor(
      'nianbao to activate and check a report',
      () => (ext.isActive && diagsOf(doc.uri).length ? true : undefined),
      FIRST_ANSWER_MS,
    );
    console.log(`  language ${vscode.env.language}: messages expected in ${ZH ? 'Chinese' : 'English'}`);
  });

  test('新建年度报告 (New annual report): the office and year input boxes, then a complete draft of the 2021 format', async () => {
    const lastYear = new Date().getFullYear() - 1;
    const office = '某某区人民政府';
    let finished = false;
    let failure: unknown;
    const run = Promise.resolve(vscode.commands.executeCommand('nianbao.newReport')).then(
      () => {
        finished = true;
      },
      (e) => {
        failure = e;
        finished = true;
      },
    );
    // Enter in each input box, as a user would: the office left empty (the draft's first blank), the
    // year as proposed (last year). The boxes are not visible to the API: Enter is pressed until the command returns.
    const until = Date.now() + ANSWER_MS;
    while (!finished) {
      assert.ok(Date.now() < until, `nianbao.newReport did not return within ${ANSWER_MS} ms of pressing Enter in its input boxes`);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await sleep(200);
    }
    await run;
    if (failure) throw failure;
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    const doc = editor.document;
    try {
      assert.strictEqual(doc.uri.scheme, 'untitled', 'the draft is a new untitled document');
      assert.strictEqual(doc.languageId, 'nianbao');
      assert.strictEqual(
        doc.lineAt(0).text,
        `# 单位名称${lastYear}年政府信息公开工作年度报告`,
        'the title, with the office still to fill in',
      );
      // the snippet's first blank is the office, selected: typing replaces it
      assert.strictEqual(editor.document.getText(editor.selection), '单位名称', 'the office placeholder is selected');
      await vscode.commands.executeCommand('type', { text: office });
      assert.strictEqual(doc.lineAt(0).text, `# ${office}${lastYear}年政府信息公开工作年度报告`, 'the office typed into the title');
      const text = doc.getText();
      assert.ok(
        text.includes(`本报告中所列数据的统计期限自${lastYear}年1月1日起至${lastYear}年12月31日止`),
        'the statistics period of that year',
      );
      const lines = text.split('\n');
      for (const s of SECTIONS) assert.ok(lines.includes(`## ${s}`), `the section heading ## ${s}`);
      // the three tables of the 2021 format: 表二 (its four parts), 表三, 表四
      for (const row of [
        '| 第二十条第（一）项 |',
        '| 规章 | 0 | 0 | 0 |',
        '| 第二十条第（八）项 |',
        '| 一、本年新收政府信息公开申请数量 | 0 |',
        '| （六）其他处理 1.申请人无正当理由逾期不补正',
        '| （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
        '| 行政复议 |',
        '| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
      ]) {
        assert.ok(text.includes(row), `the draft holds ${row}`);
      }
      const diags = await checkedDraft(doc);
      const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepStrictEqual(
        errors.map((d) => d.message),
        [],
        `a fresh draft has no error:\n${show(diags)}`,
      );
      // its outline: the six sections, every table found and in order
      const symbols = await documentSymbols(doc.uri);
      // the Markdown title (#) holds the sections (##)
      assert.deepStrictEqual(
        symbols.map((s) => s.name),
        [`${office}${lastYear}年政府信息公开工作年度报告`],
        `the outline:\n${symbolTree(symbols)}`,
      );
      const sections = symbols[0].children;
      assert.deepStrictEqual(
        sections.map((s) => s.name),
        SECTIONS,
        `the outline:\n${symbolTree(symbols)}`,
      );
      const tables = sections.flatMap((s) => s.children).filter((c) => c.kind === vscode.SymbolKind.Struct);
      assert.strictEqual(tables.length, 6, `six tables (表二's four parts, 表三, 表四):\n${symbolTree(symbols)}`);
      assert.ok(
        tables.every((c) => c.detail === '✓'),
        `every table of the draft adds up (✓):\n${symbolTree(symbols)}`,
      );
      console.log(`  draft of ${doc.lineCount} lines; ${diags.length} diagnostics: ${[...new Set(diags.map(ruleOf))].join(', ')}`);
    } finally {
      await closeActiveWithoutSaving();
    }
  });

  test('新建年度报告 with arguments { office, year: 2020 }: a draft of the 2019 format, no question asked', async () => {
    await vscode.commands.executeCommand('nianbao.newReport', { office: '某某县人民政府', year: 2020 });
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.uri.scheme === 'untitled' && doc.languageId === 'nianbao', 'an untitled nianbao draft is open');
    try {
      assert.strictEqual(doc.lineAt(0).text, '# 某某县人民政府2020年政府信息公开工作年度报告');
      const text = doc.getText();
      assert.ok(text.includes('国办公开办函〔2019〕60号'), 'the 2019 format is named in the opening paragraph');
      assert.ok(text.includes('| 第二十条第（九）项 |'), 'the 2019 format has a table for art. 20 (9), government procurement');
      for (const s of SECTIONS) assert.ok(text.split('\n').includes(`## ${s}`), `the section heading ## ${s}`);
      const diags = await checkedDraft(doc);
      assert.deepStrictEqual(
        diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message),
        [],
        show(diags),
      );
    } finally {
      await closeActiveWithoutSaving();
    }
  });

  test('snippet 表三 (editor.action.insertSnippet by name) inserts table 3 with all its rows and columns', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'nianbao' });
    await vscode.window.showTextDocument(doc);
    try {
      await vscode.commands.executeCommand('editor.action.insertSnippet', {
        langId: 'nianbao',
        name: '表三 收到和处理政府信息公开申请情况',
      });
      await vscode.commands.executeCommand('leaveSnippet');
      const lines = doc.getText().split('\n');
      assert.ok(
        lines[0].startsWith('| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |'),
        `the table's head: ${lines[0]}`,
      );
      assert.ok(lines.includes('|  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |'), 'the applicant columns');
      const rows = lines.filter((l) => /^\| \S.* \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \|$/.test(l));
      assert.strictEqual(rows.length, 25, `25 rows of seven 0 cells:\n${lines.join('\n')}`);
      assert.ok(
        rows[rows.length - 2].startsWith('| （七）总计 |') && rows[rows.length - 1].startsWith('| 四、结转下年度继续办理 |'),
        'the rows end with （七）总计 and 四、结转下年度继续办理',
      );
    } finally {
      await closeActiveWithoutSaving();
    }
  });

  test('completion: on an empty line where section 五 was deleted, 五、存在的主要问题及改进情况 comes first; accepting it clears required-section', async () => {
    const { doc, editor } = await open(PINGTAN_2022);
    const original = doc.getText();
    try {
      const five = findLine(doc, (s) => s.startsWith('五、存在的主要问题及改进情况'), 'of section 五');
      const six = findLine(doc, (s) => s.startsWith('六、其他需要报告的事项'), 'of section 六');
      await replace(doc, new vscode.Range(five, 0, six, 0), '\n'); // section 五 gone, an empty line in its place
      await waitFor(
        'the required-section finding for the deleted section 五',
        () => (diagsOf(doc.uri, 'required-section').some((d) => d.message.includes('五、存在的主要问题及改进情况')) ? true : undefined),
        ANSWER_MS,
        () => show(diagsOf(doc.uri)),
      );
      const at = new vscode.Position(five, 0);
      const items = (await completionsAt(doc.uri, at)).filter(fromNianbao);
      assert.ok(items.length, 'nianbao offers completions on the empty line');
      const first = items[0];
      assert.strictEqual(labelOf(first), '五、存在的主要问题及改进情况', `the first item: ${items.map(labelOf).join(' / ')}`);
      assert.strictEqual(first.detail, t('下一章（gov-2021）', 'next section (gov-2021)'));
      assert.strictEqual(first.kind, vscode.CompletionItemKind.Module);
      await accept(editor, first, at);
      assert.strictEqual(
        doc.lineAt(five).text,
        '五、存在的主要问题及改进情况',
        'the heading is written on the line (no # marks: the report has none)',
      );
      await waitFor(
        'the required-section finding to go once the heading is there',
        () => (diagsOf(doc.uri, 'required-section').length ? undefined : true),
        ANSWER_MS,
        () => show(diagsOf(doc.uri)),
      );
    } finally {
      await restore(doc, original);
    }
  });

  test('completion: in table 三, a deleted row is offered on its empty line, and accepting it writes the row back as it was', async () => {
    const { doc, editor } = await open(PINGTAN_2022);
    const original = doc.getText();
    const label = '2.其他法律行政法规禁止公开';
    try {
      const line = findLine(doc, (s) => s.startsWith(label), `starting with ${label}`);
      const row = doc.lineAt(line).text;
      assert.strictEqual(row, `${label} | 0 | 0 | 0 | 0 | 0 | 0 | 0`, 'the fixture row');
      await replace(doc, doc.lineAt(line).range, '');
      const missing = await waitFor(
        'the table-row-missing finding for the deleted row',
        () => diagsOf(doc.uri, 'table-row-missing').find((d) => d.message.includes(label)),
        ANSWER_MS,
        () => show(diagsOf(doc.uri)),
      );
      assert.strictEqual(missing.severity, vscode.DiagnosticSeverity.Information, 'a missing row is information: its checks are skipped');
      const at = new vscode.Position(line, 0);
      const rows = (await completionsAt(doc.uri, at)).filter((i) => fromNianbao(i) && i.kind === vscode.CompletionItemKind.Field);
      assert.deepStrictEqual(rows.map(labelOf), [label], 'the one missing row is offered');
      assert.strictEqual(
        rows[0].detail,
        t('表三 收到和处理政府信息公开申请情况：缺少的行（7 个数）', 'Table 3: applications received and handled: missing row (7 figures)'),
      );
      await accept(editor, rows[0], at);
      assert.strictEqual(doc.lineAt(line).text, row, "the row is written in the table's layout, 0 in each cell");
      assert.strictEqual(doc.getText(), original, 'and the text is the original again');
      await waitFor(
        'the table-row-missing finding to go',
        () => (diagsOf(doc.uri, 'table-row-missing').length ? undefined : true),
        ANSWER_MS,
        () => show(diagsOf(doc.uri)),
      );
    } finally {
      await restore(doc, original);
    }
  });

  test('completion: after "schema: " in the front matter, the format ids gov-2021 and gov-2019 are offered', async () => {
    const { doc } = await open(PINGTAN_2022);
    const original = doc.getText();
    try {
      await replace(doc, new vscode.Range(0, 0, 0, 0), '---\nschema: \n---\n');
      const items = await waitFor('schema completions in the front matter', async () => {
        const all = (await completionsAt(doc.uri, new vscode.Position(1, 8))).filter(
          (i) => i.kind === vscode.CompletionItemKind.EnumMember,
        );
        return all.length ? all : undefined;
      });
      const labels = items.map(labelOf);
      assert.ok(labels.includes('gov-2021') && labels.includes('gov-2019'), `offered: ${labels.join(', ')}`);
      assert.strictEqual(labels[0], 'gov-2021', 'the newest format first');
      const item = items.find((i) => labelOf(i) === 'gov-2021')!;
      assert.strictEqual(
        item.detail,
        t('政府信息公开工作年度报告（2021 年格式）', 'Government information disclosure annual report (2021 format)'),
      );
    } finally {
      await restore(doc, original);
    }
  });

  test(`quick fix end to end: ${HONGZE_2023}, table 四 行政复议 总计 0 → 11; its diagnostic goes, the others stay, nothing else in the file changes`, async () => {
    const { doc } = await open(HONGZE_2023);
    const original = doc.getText();
    // table 四 written flat: one line of 15 figures, 行政复议 总计 the 5th
    const line = findLine(doc, (s) => /^\s*10\s+1\s+0\s+0\s+0(\s+\d+){10}\s*$/.test(s), 'of table 四 (15 figures, 10 1 0 0 0 …)');
    const m = /^(\s*10\s+1\s+0\s+0\s+)0/.exec(doc.lineAt(line).text)!;
    const cell = new vscode.Range(line, m[1].length, line, m[1].length + 1);
    const before = await waitFor(
      'the table-sum error on the 行政复议 总计 cell',
      () => diagsOf(doc.uri, 'table-sum').find((d) => d.range.isEqual(cell)),
      ANSWER_MS,
      () => show(diagsOf(doc.uri)),
    );
    assert.strictEqual(
      before.message,
      t(
        '表四 政府信息公开行政复议、行政诉讼情况：「行政复议」行「总计」列应为 11（10+1+0+0），表中为 0',
        'Table 4: administrative reconsideration and litigation: row “行政复议”, column “总计” should be 11 (10+1+0+0), the table says 0',
      ),
    );
    const others = diagsOf(doc.uri)
      .filter((d) => d !== before)
      .map((d) => d.message)
      .sort();
    assert.strictEqual(others.length, 1, `the other error of the table (复议后起诉 总计 0, should be 5):\n${show(diagsOf(doc.uri))}`);
    try {
      const actions = codeActions(await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, cell));
      const titles = actions.map((a) => a.title);
      console.log(`  code actions on the cell: ${JSON.stringify(titles)}`);
      const title = t('将「行政复议」行「总计」列改为 11', 'Change row “行政复议”, column “总计” to 11');
      const fix = actions.find((a) => a.title === title);
      assert.ok(fix, `the fix "${title}" is offered; offered: ${JSON.stringify(titles)}`);
      assert.strictEqual(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.strictEqual(fix.isPreferred, true, 'it is the preferred fix (the one Shift+Alt+. applies)');
      // (vscode.executeCodeActionProvider leaves out the actions' diagnostics: the title and the edit identify the fix)
      assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)), "the fix's edit was applied");
      const expected = original.slice(0, doc.offsetAt(cell.start)) + '11' + original.slice(doc.offsetAt(cell.end));
      assert.strictEqual(doc.getText(), expected, 'the text is the original with only that cell changed');
      await waitFor(
        `"${before.message}" to go`,
        () => (diagsOf(doc.uri).some((d) => d.message === before.message) ? undefined : true),
        ANSWER_MS,
        () => show(diagsOf(doc.uri)),
      );
      assert.deepStrictEqual(
        diagsOf(doc.uri)
          .map((d) => d.message)
          .sort(),
        others,
        'the other diagnostics are those of before; none is added',
      );
    } finally {
      await restore(doc, original);
    }
  });

  test(`quick fix on a row with two wrong cells: ${PINGTAN_2020}, （七）总计 21 → 27 changes only that cell, and its diagnostic goes`, async () => {
    const { doc } = await open(PINGTAN_2020);
    const original = doc.getText();
    const { cell, diagnostic } = totalError(doc);
    const before = await waitFor('the table-sum error on the 总计 cell of （七）总计', diagnostic, ANSWER_MS, () => show(diagsOf(doc.uri)));
    assert.strictEqual(before.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(
      before.message,
      t(
        '表三 收到和处理政府信息公开申请情况：「（七）总计」行「总计」列应为 27（7+6+4+3+3+4），表中为 21',
        'Table 3: applications received and handled: row “（七）总计”, column “总计” should be 27 (7+6+4+3+3+4), the table says 21',
      ),
    );
    try {
      const actions = codeActions(await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, cell));
      const titles = actions.map((a) => a.title);
      console.log(`  code actions on the cell: ${JSON.stringify(titles)}`);
      const title = t('将「（七）总计」行「总计」列改为 27', 'Change row “（七）总计”, column “总计” to 27');
      const fix = actions.find((a) => a.title === title);
      assert.ok(fix, `the fix "${title}" is offered; offered: ${JSON.stringify(titles)}`);
      assert.strictEqual(fix.isPreferred, true);
      // the row's other error (自然人 20, should be 26) has a fix too: fix-all is offered in the light bulb as well
      assert.ok(
        titles.includes(t('修复全部可自动修复的问题（2 处）', 'Fix all auto-fixable problems (2)')),
        `fix-all among ${JSON.stringify(titles)}`,
      );
      assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)), "the fix's edit was applied");
      const expected = original.slice(0, doc.offsetAt(cell.start)) + '27' + original.slice(doc.offsetAt(cell.end));
      assert.strictEqual(doc.getText(), expected, 'the text is the original with only that cell changed');
      await waitFor(
        `"${before.message}" to go`,
        () => (diagsOf(doc.uri).some((d) => d.message === before.message) ? undefined : true),
        ANSWER_MS,
        () => show(diagsOf(doc.uri)),
      );
      // With 自然人 still 20, the row's own sum (20+0+0+0+0+1 = 21) now disagrees with the 27: the findings
      // that follow are logged, not pinned (fix-all, below, fixes both cells at once).
      console.log(`  after the fix:\n${show(diagsOf(doc.uri))}`);
    } finally {
      await restore(doc, original);
    }
  });

  test(`fix-all (source.fixAll): one source.fixAll.nianbao action; no table-sum error remains; only the fixed cells change`, async () => {
    const { doc } = await open(PINGTAN_2020);
    const original = doc.getText();
    const { line, diagnostic } = totalError(doc);
    await waitFor(
      'the table-sum errors of （七）总计',
      () => (diagsOf(doc.uri, 'table-sum').length === 2 && diagnostic() ? true : undefined),
      ANSWER_MS,
      () => show(diagsOf(doc.uri)),
    );
    try {
      const all = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions = codeActions(
        await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, all, vscode.CodeActionKind.SourceFixAll.value),
      );
      assert.deepStrictEqual(
        actions.map((a) => a.kind?.value),
        ['source.fixAll.nianbao'],
        `exactly one fix-all action: ${JSON.stringify(actions.map((a) => a.title))}`,
      );
      const [fixAll] = actions;
      assert.strictEqual(fixAll.title, t('修复全部可自动修复的问题（2 处）', 'Fix all auto-fixable problems (2)'));
      const originalLines = doc.getText().split('\n');
      assert.ok(fixAll.edit && (await vscode.workspace.applyEdit(fixAll.edit)), 'the fix-all edit was applied');
      const lines = doc.getText().split('\n');
      assert.strictEqual(lines.length, originalLines.length, 'no line added or removed');
      const changed = lines.map((l, i) => (l === originalLines[i] ? -1 : i)).filter((i) => i >= 0);
      assert.deepStrictEqual(changed, [line], 'only the （七）总计 line changed');
      assert.strictEqual(
        lines[line],
        '（七）总计 | 26 | 0 | 0 | 0 | 0 | 1 | 27',
        'both of its wrong cells fixed, the rest of the line as it was',
      );
      await waitFor(
        'no table-sum diagnostic left',
        () => (diagsOf(doc.uri, 'table-sum').length ? undefined : true),
        ANSWER_MS,
        () => show(diagsOf(doc.uri)),
      );
      // 一 (20 | 21) + 二 (0 | 0) = 三（七） (now 26 | 27) + 四 (0 | 0) fails: the fix brings the real mistake out
      console.log(`  after fix-all:\n${show(diagsOf(doc.uri))}`);
    } finally {
      await restore(doc, original);
    }
  });

  test('hover on the wrong 总计 cell: its table, row and column, and the arithmetic', async () => {
    const { doc } = await open(PINGTAN_2020);
    const { cell, diagnostic } = totalError(doc);
    await waitFor('the table-sum error on the 总计 cell', diagnostic, ANSWER_MS, () => show(diagsOf(doc.uri)));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, cell.start.translate(0, 1));
    const text = hoverText(hovers);
    for (const part of [
      t('**表三 收到和处理政府信息公开申请情况**', '**Table 3: applications received and handled**'),
      t('行：（七）总计', 'Row: （七）总计'),
      t('列：总计', 'Column: 总计'),
      t('| 项目 | 数 | 位置 |', '| Item | Figure | Where |'),
      t('| （一）予以公开 | 7 | [第 38 行]', '| （一）予以公开 | 7 | [line 38]'),
      t('| 其余 13 项 | 0 | |', '| 13 other item(s) | 0 | |'),
      t('| **合计** | **27** | |', '| **Sum** | **27** | |'),
      t('各项之和为 **27**，报告中为 **21**（相差 6）。', 'The items add up to **27**; the report says **21** (a difference of 6).'),
    ]) {
      assert.ok(text.includes(part), `the hover says ${part}; it says:\n${text}`);
    }
  });

  test('outline: the six sections, the tables under them with their status, and folding ranges for each', async () => {
    const { doc } = await open(PINGTAN_2020);
    await waitFor('the table-sum errors', () => (diagsOf(doc.uri, 'table-sum').length === 2 ? true : undefined), ANSWER_MS);
    const symbols = await documentSymbols(doc.uri);
    const tree = symbolTree(symbols);
    assert.deepStrictEqual(
      symbols.map((s) => s.name),
      SECTIONS,
      `the top level is the six sections:\n${tree}`,
    );
    assert.ok(
      symbols.every((s) => s.kind === vscode.SymbolKind.Module),
      `sections are modules:\n${tree}`,
    );
    const detail = (n: number) => (n ? t(`${n} 个问题`, n === 1 ? '1 finding' : `${n} findings`) : '✓');
    // section 一 holds the prose-sum error of its first paragraph; section 三 table 三's two table-sum errors
    assert.deepStrictEqual(
      symbols.map((s) => s.detail),
      [detail(1), '✓', detail(2), '✓', '✓', '✓'],
      tree,
    );
    const tables = (s: vscode.DocumentSymbol) =>
      s.children.filter((c) => c.kind === vscode.SymbolKind.Struct).map((c) => `${c.name} [${c.detail}]`);
    assert.deepStrictEqual(
      tables(symbols[1]),
      [
        t('表二 第二十条第（一）项 规章和规范性文件', 'Table 2, art. 20 (1): rules and normative documents'),
        t('表二 第二十条第（五）项 行政许可', 'Table 2, art. 20 (5): administrative licensing'),
        t('表二 第二十条第（六）项 行政处罚和行政强制', 'Table 2, art. 20 (6): penalties and coercive measures'),
        t('表二 第二十条第（八）项 行政事业性收费', 'Table 2, art. 20 (8): administrative fees'),
        t('表二 第二十条第（九）项 政府集中采购', 'Table 2, art. 20 (9): government procurement'),
      ].map((n) => `${n} [✓]`),
      tree,
    );
    assert.deepStrictEqual(
      tables(symbols[2]),
      [`${t('表三 收到和处理政府信息公开申请情况', 'Table 3: applications received and handled')} [${detail(2)}]`],
      tree,
    );
    assert.deepStrictEqual(
      tables(symbols[3]),
      [`${t('表四 政府信息公开行政复议、行政诉讼情况', 'Table 4: administrative reconsideration and litigation')} [✓]`],
      tree,
    );
    const table3 = symbols[2].children.find((c) => c.kind === vscode.SymbolKind.Struct)!;
    assert.strictEqual(
      doc.lineAt(table3.selectionRange.start.line).text.split(' | ')[0],
      '一、本年新收政府信息公开申请数量',
      'table 三 is selected at its first row',
    );
    console.log(`  outline:\n${tree.replace(/^/gm, '    ')}`);

    // every section and table folds (VS Code drops ranges that overlap without nesting: the five parts of
    // 表二 follow one another without a blank line)
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    const has = (s: vscode.DocumentSymbol) => folds.some((f) => f.start === s.range.start.line && f.end === s.range.end.line);
    for (const s of [...symbols, ...symbols.flatMap((x) => x.children.filter((c) => c.kind === vscode.SymbolKind.Struct))]) {
      assert.ok(
        has(s),
        `a folding range for ${s.name} (lines ${s.range.start.line + 1}-${s.range.end.line + 1}); ranges: ` +
          JSON.stringify(folds.map((f) => [f.start + 1, f.end + 1])),
      );
    }
  });

  test("the format: nianbao.selectSchema (the status item's command) and the setting nianbao.schema switch the checks", async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['nianbao.selectSchema', 'nianbao.newReport']) assert.ok(commands.includes(c), `${c} is registered`);
    const { doc } = await open(PINGTAN_2020);
    const config = () => vscode.workspace.getConfiguration('nianbao');
    const requiredTables = () => diagsOf(doc.uri, 'required-table');
    await waitFor(
      'the 2019-format report checked as it is',
      () => (diagsOf(doc.uri, 'table-sum').length === 2 ? true : undefined),
      ANSWER_MS,
    );
    assert.deepStrictEqual(
      requiredTables().map((d) => d.message),
      [],
      'checked against its own format (gov-2019), no table is missing',
    );
    try {
      // the status item's command, as a click on it runs it: a quick pick of the formats; the second is gov-2021
      // (auto, gov-2021, gov-2019, gov-2008). Picked with the keyboard commands until the setting changes.
      for (let attempt = 1; config().get('schema') !== 'gov-2021'; attempt++) {
        assert.ok(attempt <= 3, `nianbao.selectSchema did not set nianbao.schema to gov-2021 (it is ${config().get('schema')})`);
        let finished = false;
        const run = Promise.resolve(vscode.commands.executeCommand('nianbao.selectSchema', doc.uri.toString())).finally(() => {
          finished = true;
        });
        const until = Date.now() + ANSWER_MS;
        while (!finished && Date.now() < until) {
          await sleep(300);
          if (finished) break;
          await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        }
        await run;
      }
      assert.strictEqual(config().inspect('schema')?.workspaceValue, 'gov-2021', 'saved in the workspace settings');
      const missing = await waitFor(
        'required-table findings once the report is checked against gov-2021',
        () => {
          const ds = requiredTables();
          return ds.length ? ds : undefined;
        },
        ANSWER_MS,
        () => show(diagsOf(doc.uri)),
      );
      assert.ok(
        missing.some((d) => d.message.includes(t('行政许可', 'administrative licensing'))),
        show(missing),
      );
      // and the setting itself, back to auto: the report's own format again
      await config().update('schema', 'auto', vscode.ConfigurationTarget.Workspace);
      await waitFor(
        'the required-table findings to go with nianbao.schema = auto',
        () => (requiredTables().length ? undefined : true),
        ANSWER_MS,
        () => show(diagsOf(doc.uri)),
      );
    } finally {
      await config().update('schema', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  // ---------------------------------------------------------------------------------- pictures for the README

  test('screenshots: diagnostics, hover, quick fix menu, outline, completion', async () => {
    // only the two reports of the pictures in the window, so that the Problems panel is about them. Their
    // tabs stay open: vscode-languageclient 9.0.1 stops pulling the diagnostics of a document whose tab is
    // closed while a pull for it is in flight and opened again before the answer (seen here after the
    // settings changes of the test before; microsoft/vscode-languageserver-node#1821 is the same bug)
    const keep = [PINGTAN_2020, PINGTAN_2022].map((n) => fileUri(n).toString());
    const others = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((tab) => !(tab.input instanceof vscode.TabInputText && keep.includes(tab.input.uri.toString())));
    await vscode.window.tabGroups.close(others);
    const { doc } = await open(PINGTAN_2020);
    const { line, cell, diagnostic } = totalError(doc);
    await waitFor('the table-sum error on the 总计 cell', diagnostic, ANSWER_MS);
    const section = findLine(doc, (s) => s.startsWith('三、收到和处理政府信息公开申请情况'), 'of section 三');
    // the cursor on the wrong cell, the report scrolled to show `top` as its first line
    const showCell = async (top: number) => {
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      editor.selection = new vscode.Selection(cell.start.translate(0, 1), cell.start.translate(0, 1));
      editor.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
    };

    // 1. squiggles and the Problems panel, one line per problem (the side bar closed: room for the messages)
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.actions.table.workbench.panel.markers.view.viewAsTable');
    await showCell(line - 15);
    await screenshot('editor-diagnostics');
    await vscode.commands.executeCommand('workbench.actions.table.workbench.panel.markers.view.viewAsTree');
    await vscode.commands.executeCommand('workbench.action.closePanel');

    // 2. the hover on the wrong total, scrolled past the diagnostic's own message to the arithmetic
    await showCell(section);
    await vscode.commands.executeCommand('editor.action.showHover', { focus: 'autoFocusImmediately' });
    await sleep(1000);
    await vscode.commands.executeCommand('editor.action.goToBottomHover');
    await screenshot('editor-hover');
    await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);

    // 3. the quick fix menu on it
    await showCell(section);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('editor-quick-fix');
    await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);

    // 4. the Outline view, moved to the secondary side bar to have the window's height: the command shows
    //    its quick pick of places before it returns (new panel entry, new side bar entry, new secondary side bar entry, …)
    await showCell(section);
    await vscode.commands.executeCommand('outline.focus');
    await vscode.commands.executeCommand('workbench.action.moveFocusedView', 'outline');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await showCell(section);
    await screenshot('editor-outline');
    await vscode.commands.executeCommand('workbench.action.resetViewLocations');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');

    // 5. completion: the missing section offered first on an empty line
    const other = await open(PINGTAN_2022);
    const original = other.doc.getText();
    try {
      const five = findLine(other.doc, (s) => s.startsWith('五、存在的主要问题及改进情况'), 'of section 五');
      const six = findLine(other.doc, (s) => s.startsWith('六、其他需要报告的事项'), 'of section 六');
      await replace(other.doc, new vscode.Range(five, 0, six, 0), '\n');
      await waitFor(
        'the required-section finding',
        () => (diagsOf(other.doc.uri, 'required-section').length ? true : undefined),
        ANSWER_MS,
      );
      await vscode.window.showTextDocument(other.doc, { preview: false, selection: new vscode.Range(five, 0, five, 0) });
      other.editor.revealRange(new vscode.Range(five - 16, 0, five - 16, 0), vscode.TextEditorRevealType.AtTop);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await screenshot('editor-completion');
      await vscode.commands.executeCommand('hideSuggestWidget');
    } finally {
      await restore(other.doc, original);
    }
  });
});
