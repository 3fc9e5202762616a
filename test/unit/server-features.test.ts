import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { builtinSchemas } from '../../server/src/engine';
import { report2021, withCell } from './reports';

// The editor features of the bundled language server (dist/server.js, made by `npm run build`)
// over a real LSP connection: completion, hover, definition, outline, folding, inlay hints,
// code actions (quick fixes, fix-all, disable comments), the status notification, the settings,
// and the server's strings in the client's language.

const root = join(__dirname, '..', '..');

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface Diag {
  code: string;
  range: Range;
  message: string;
}
interface Action {
  title: string;
  kind: string;
  edit?: { changes: Record<string, TextEdit[]> };
  diagnostics?: Diag[];
}
interface Symbol {
  name: string;
  detail: string;
  kind: number;
  range: Range;
  selectionRange: Range;
  children: Symbol[];
}
interface Status {
  uri: string;
  report: boolean;
  schema: { id: string; name: string } | null;
  reason: string;
  counts: Record<string, number>;
  available: { id: string }[];
}

/** （七）总计「自然人」 written 9 instead of 10, and 五 missing: a report with a bit of everything. */
const wrongText = report2021({ applicationRows: withCell('（七）总计', 0, 9), omitSections: ['五、存在的主要问题及改进情况'] });
const lines = wrongText.split('\n');
const lineOf = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
const TOTAL_ROW = lineOf('| （七）总计');
const TOTAL_CELL: Position = { line: TOTAL_ROW, character: lines[TOTAL_ROW].indexOf('| 9 |') + 2 };

function offsetAt(text: string, p: Position): number {
  const ls = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += ls[i].length + 1;
  return o + p.character;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

class Server {
  proc!: ChildProcess;
  conn!: MessageConnection;
  statuses: Status[] = [];
  config: Record<string, unknown> = { schema: 'auto', debounceMs: 0, rules: {}, deadline: 'auto', inlayHints: { totals: true } };
  capabilities!: Record<string, unknown>;

  async start(locale: string): Promise<void> {
    this.proc = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onRequest('workspace/configuration', () => [this.config]);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onNotification('nianbao/status', (p: Status) => this.statuses.push(p));
    this.conn.listen();
    const init = await this.conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: null,
      locale,
      capabilities: {
        workspace: { configuration: true, inlayHint: { refreshSupport: true } },
        textDocument: { diagnostic: {}, completion: { completionItem: { snippetSupport: true } } },
      },
    });
    this.capabilities = init.capabilities;
    await this.conn.sendNotification('initialized', {});
  }

  stop(): void {
    this.conn.dispose();
    this.proc.kill();
  }

  open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  async diagnostics(uri: string): Promise<Diag[]> {
    return (await this.conn.sendRequest<{ items: Diag[] }>('textDocument/diagnostic', { textDocument: { uri } })).items;
  }

  request<T>(method: string, uri: string, extra: Record<string, unknown> = {}): Promise<T> {
    return this.conn.sendRequest<T>(method, { textDocument: { uri }, ...extra });
  }

  actions(uri: string, range: Range, only?: string[]): Promise<Action[]> {
    return this.request<Action[]>('textDocument/codeAction', uri, { range, context: { diagnostics: [], ...(only ? { only } : {}) } });
  }
}

const ours = (ds: Diag[]) => ds.filter((d) => ['table-sum', 'table-balance', 'required-section'].includes(d.code)).map((d) => d.code);

describe('language server editor features (zh)', () => {
  const s = new Server();
  const uri = 'file:///tmp/%E6%9F%90%E6%9F%90%E5%8C%BA2024%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.md'; // 某某区2024年度报告.md
  const txtUri = 'file:///tmp/%E6%9F%90%E6%9F%90%E5%8C%BA2024%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.txt';
  let version = 1;

  before(async () => {
    await s.start('zh-cn');
    await s.open(uri, wrongText);
    await s.open(txtUri, wrongText, 'plaintext');
  });
  after(() => s.stop());

  test('advertises the features', () => {
    const c = s.capabilities;
    for (const k of [
      'completionProvider',
      'hoverProvider',
      'definitionProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'inlayHintProvider',
    ])
      assert.ok(c[k], k);
    assert.deepEqual((c.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.nianbao']);
  });

  test('diagnostics, then the status notification: schema, how chosen, counts', async () => {
    assert.deepEqual(ours(await s.diagnostics(uri)), ['table-sum', 'table-sum', 'table-balance', 'required-section']);
    const status = s.statuses.filter((x) => x.uri === uri).at(-1)!;
    assert.equal(status.report, true);
    assert.deepEqual(status.schema, { id: 'gov-2021', name: '政府信息公开工作年度报告（2021 年格式）' });
    assert.equal(status.reason, 'markers');
    assert.ok(status.counts.error >= 3 && status.counts.warning >= 1, JSON.stringify(status.counts));
    assert.ok(status.available.some((a) => a.id === 'gov-2019'));
  });

  test('completion on the empty line where 五 belongs: its heading first, as a text edit of that line', async () => {
    const line = lineOf('## 六、') - 1;
    const items = await s.request<{ label: string; textEdit: TextEdit; preselect?: boolean; kind: number }[]>(
      'textDocument/completion',
      uri,
      { position: { line, character: 0 } },
    );
    assert.equal(items[0].label, '五、存在的主要问题及改进情况');
    assert.equal(items[0].textEdit.newText, '## 五、存在的主要问题及改进情况');
    assert.deepEqual(items[0].textEdit.range, { start: { line, character: 0 }, end: { line, character: 0 } });
    assert.equal(items[0].preselect, true);
  });

  test('completion of a missing row in the table: a snippet with a tab stop per cell', async () => {
    const text = report2021({ applicationRows: withCell('（七）总计', 0, 10).filter(([l]) => l !== '2.重复申请') });
    const u = 'file:///tmp/%E8%A1%8C2024%E5%B9%B4%E6%8A%A5.md';
    const ls = text.split('\n');
    const line = ls.findIndex((l) => l.includes('1.信访举报投诉类申请')) + 1;
    await s.open(u, ls.slice(0, line).join('\n') + '\n| \n' + ls.slice(line).join('\n'));
    const items = await s.request<{ label: string; textEdit: TextEdit; insertTextFormat: number }[]>('textDocument/completion', u, {
      position: { line, character: 2 },
    });
    assert.equal(items[0].label, '2.重复申请');
    assert.equal(items[0].insertTextFormat, 2);
    assert.equal(items[0].textEdit.newText, '| 2.重复申请 | ${1:0} | ${2:0} | ${3:0} | ${4:0} | ${5:0} | ${6:0} | ${7:0} |');
  });

  test('hover on the wrong total: the cell, the arithmetic, links to the lines', async () => {
    const h = await s.request<{ contents: { kind: string; value: string }; range: Range }>('textDocument/hover', uri, {
      position: TOTAL_CELL,
    });
    assert.equal(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /行：（七）总计 {2}\n列：自然人/);
    assert.match(h.contents.value, /各项之和为 \*\*10\*\*，报告中为 \*\*9\*\*/);
    const link = new RegExp(
      `\\[第 ${lineOf('| 三、本年度办理结果') + 1} 行\\]\\(${uri.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#L${lineOf('| 三、本年度办理结果') + 1}\\)`,
    );
    assert.match(h.contents.value, link);
    assert.deepEqual(h.range.start.line, TOTAL_ROW);
  });

  test('go to definition from the wrong total: the figures it should add up', async () => {
    const locs = await s.request<{ uri: string; range: Range }[]>('textDocument/definition', uri, { position: TOTAL_CELL });
    assert.ok(locs.length >= 4);
    assert.ok(locs.every((l) => l.uri === uri && l.range.start.line < TOTAL_ROW));
  });

  test('outline: sections with their tables and status; folding ranges', async () => {
    const symbols = await s.request<Symbol[]>('textDocument/documentSymbol', uri);
    const sections = symbols[0].children;
    assert.deepEqual(
      sections.map((x) => x.name),
      [
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '六、其他需要报告的事项',
      ],
    );
    const three = sections[2];
    assert.match(three.detail, /^\d+ 个问题$/);
    assert.equal(three.children[0].name, '表三 收到和处理政府信息公开申请情况');
    assert.equal(sections[0].detail, '✓');
    const folds = await s.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', uri);
    assert.ok(folds.some((f) => f.startLine === three.range.start.line && f.endLine === three.range.end.line));
  });

  test('inlay hint: the computed total after the wrong one, not after a total computed from it', async () => {
    const hints = await s.request<{ position: Position; label: string; tooltip: string }[]>('textDocument/inlayHint', uri, {
      range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    });
    const here = hints.filter((h) => h.position.line === TOTAL_ROW).map((h) => h.label);
    assert.deepEqual(here, ['= 10']);
    assert.match(hints[0].tooltip, /应为 10/);
  });

  test('quick fixes at the wrong total: the fix, fix-all, and the comments that silence it (Markdown only)', async () => {
    const range = { start: TOTAL_CELL, end: TOTAL_CELL };
    const titles = (await s.actions(uri, range)).map((a) => a.title);
    assert.ok(
      titles.some((t) => /^将「（七）总计」行「自然人」列改为 10$/.test(t)),
      titles.join('\n'),
    );
    assert.ok(
      titles.some((t) => /^修复全部可自动修复的问题（\d+ 处）$/.test(t)),
      titles.join('\n'),
    );
    assert.ok(
      titles.some((t) => t.startsWith('在本表中关闭规则 table-sum')),
      titles.join('\n'),
    );
    assert.ok(
      titles.some((t) => t.startsWith('在整个文件中关闭规则 table-sum')),
      titles.join('\n'),
    );
    assert.equal(new Set(titles).size, titles.length, 'no action twice, though two table-sum findings share the row');
    const plain = (await s.actions(txtUri, range)).map((a) => a.title);
    assert.ok(plain.some((t) => t.startsWith('将')) && !plain.some((t) => t.includes('关闭规则')), plain.join('\n'));
    // a .txt report in the nianbao language is still plain text: no HTML comments written into it
    const nianbaoTxt = txtUri.replace('.txt', '-nianbao.txt');
    await s.open(nianbaoTxt, wrongText, 'nianbao');
    const inTxt = (await s.actions(nianbaoTxt, range)).map((a) => a.title);
    assert.ok(inTxt.some((t) => t.startsWith('将')) && !inTxt.some((t) => t.includes('关闭规则')), inTxt.join('\n'));
  });

  test('a disable comment applied: that finding is gone, the others stay', async () => {
    const actions = await s.actions(uri, { start: TOTAL_CELL, end: TOTAL_CELL });
    const table = actions.find((a) => a.title.startsWith('在本表中关闭规则 table-sum'))!;
    const text = applyEdits(wrongText, table.edit!.changes[uri]);
    const u = 'file:///tmp/%E5%85%B3%E9%97%AD2024%E5%B9%B4%E6%8A%A5.md';
    await s.open(u, text);
    assert.deepEqual(ours(await s.diagnostics(u)), ['table-balance', 'required-section']);
  });

  test('fix-all (source.fixAll, as on save): the table is right afterwards, the rest of the file unchanged', async () => {
    const all = await s.actions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.fixAll']);
    assert.deepEqual(
      all.map((a) => a.kind),
      ['source.fixAll.nianbao'],
    );
    const fixed = applyEdits(wrongText, all[0].edit!.changes[uri]);
    // 五 is put back from its template (its text is the drafter's to write), the total fixed, nothing else touched
    assert.equal(fixed, report2021().replace('一是公开内容还不够全面；二是解读形式较为单一。下一步将加强培训。', '（请填写）'));
    version++;
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: fixed }] });
    assert.deepEqual(ours(await s.diagnostics(uri)), []);
    assert.deepEqual(
      await s.actions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.fixAll']),
      [],
      'nothing left to fix',
    );
    assert.deepEqual(await s.actions(uri, { start: TOTAL_CELL, end: TOTAL_CELL }, ['source.organizeImports']), [], 'other kinds: none');
  });

  test('settings: nianbao.rules turns a rule off or changes its level; inlay hints can be off', async () => {
    const u = 'file:///tmp/%E8%AE%BE%E7%BD%AE2024%E5%B9%B4%E6%8A%A5.md';
    await s.open(u, wrongText);
    s.config = {
      ...s.config,
      rules: { 'table-balance': 'off', 'required-section': 'error', 'table-sum': 'bogus' },
      inlayHints: { totals: false },
    };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await new Promise((r) => setTimeout(r, 100));
    const ds = await s.diagnostics(u);
    assert.deepEqual(ours(ds), ['table-sum', 'table-sum', 'required-section']);
    assert.equal((ds.find((d) => d.code === 'required-section') as unknown as { severity: number }).severity, 1);
    const hints = await s.request<unknown[]>('textDocument/inlayHint', u, {
      range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    });
    assert.deepEqual(hints, []);
  });
});

describe('language server editor features (en)', () => {
  const s = new Server();
  const uri = 'file:///tmp/en-2024-%E5%B9%B4%E6%8A%A5.md';

  before(async () => {
    await s.start('en');
    await s.open(uri, wrongText);
  });
  after(() => s.stop());

  test('hover, code actions and outline speak English', async () => {
    const h = await s.request<{ contents: { value: string } }>('textDocument/hover', uri, { position: TOTAL_CELL });
    assert.match(h.contents.value, /Row: （七）总计 {2}\nColumn: 自然人/);
    assert.match(h.contents.value, /The items add up to \*\*10\*\*; the report says \*\*9\*\*/);
    const titles = (await s.actions(uri, { start: TOTAL_CELL, end: TOTAL_CELL })).map((a) => a.title);
    assert.ok(
      titles.some((t) => /^Fix all auto-fixable problems \(\d+\)$/.test(t)),
      titles.join('\n'),
    );
    assert.ok(
      titles.some((t) => t.startsWith('Disable table-sum for this table')),
      titles.join('\n'),
    );
    const symbols = await s.request<Symbol[]>('textDocument/documentSymbol', uri);
    const three = symbols[0].children[2];
    assert.equal(three.children[0].name, 'Table 3: applications received and handled');
    assert.match(three.detail, /^\d+ findings?$/);
    await s.diagnostics(uri);
    assert.equal(s.statuses.at(-1)!.schema!.name, 'Government information disclosure annual report (2021 format)');
  });

  test('SILENT: a Markdown file that is no report gets nothing', async () => {
    const notes = 'file:///tmp/notes.md';
    await s.open(notes, wrongText);
    assert.deepEqual(await s.request('textDocument/hover', notes, { position: TOTAL_CELL }), null);
    assert.deepEqual(await s.request('textDocument/documentSymbol', notes), []);
    assert.deepEqual(await s.request('textDocument/completion', notes, { position: { line: 1, character: 0 } }), []);
    assert.deepEqual(await s.actions(notes, { start: TOTAL_CELL, end: TOTAL_CELL }), []);
    await s.diagnostics(notes);
    assert.ok(!s.statuses.some((x) => x.uri === notes), 'no status for it');
  });
});

describe('settings and client strings', () => {
  const json = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'));
  const pkg = json('package.json');
  const nls = [json('package.nls.json'), json('package.nls.zh-cn.json')];

  test('settings in titled sections, each described in both languages', () => {
    const groups = pkg.contributes.configuration as {
      title: string;
      properties: Record<string, { markdownDescription: string; enumDescriptions?: string[] }>;
    }[];
    assert.ok(Array.isArray(groups));
    const props = Object.assign({}, ...groups.map((g) => g.properties));
    assert.deepEqual(Object.keys(props).sort(), [
      'nianbao.deadline',
      'nianbao.debounceMs',
      'nianbao.inlayHints.totals',
      'nianbao.repeatedTextWarnAt',
      'nianbao.rules',
      'nianbao.schema',
    ]);
    const keys = JSON.stringify(pkg.contributes).match(/%[\w.-]+%/g)!;
    for (const g of groups) assert.match(g.title, /^%config\.section\.\w+%$/);
    for (const p of Object.values(props) as { markdownDescription: string }[]) assert.match(p.markdownDescription, /^%config\.[\w.-]+%$/);
    for (const k of keys) for (const n of nls) assert.ok(n[k.slice(1, -1)], `${k} in both package.nls files`);
  });

  test('the schema setting offers every built-in schema, or takes a schema file’s path; rule levels are the engine’s', () => {
    const props = Object.assign({}, ...pkg.contributes.configuration.map((g: { properties: object }) => g.properties));
    const [ids, file] = props['nianbao.schema'].anyOf;
    assert.deepEqual(ids.enum, ['auto', ...builtinSchemas().map((x) => x.id)]);
    assert.equal(ids.enumDescriptions.length, ids.enum.length);
    assert.ok(new RegExp(file.pattern).test('schemas/fazhi.nianbao.yaml') && !new RegExp(file.pattern).test('gov-2021'));
    assert.deepEqual(props['nianbao.rules'].additionalProperties.enum, ['off', 'error', 'warning', 'information', 'hint']);
    assert.deepEqual(props['nianbao.deadline'].enum, ['auto', 'department', 'government']);
    assert.equal(props['nianbao.inlayHints.totals'].default, false);
  });

  test('every string of the status item is in both l10n bundles', () => {
    const source = readFileSync(join(root, 'client', 'src', 'status.ts'), 'utf8');
    const strings = [...source.matchAll(/l10n\.t\((['"])(.*?)\1/g)].map((m) => m[2]);
    assert.ok(strings.length >= 10);
    const bundles = [json('l10n/bundle.l10n.json'), json('l10n/bundle.l10n.zh-cn.json')];
    for (const s of strings) for (const b of bundles) assert.ok(b[s], s);
    assert.equal(pkg.l10n, './l10n');
  });
});
