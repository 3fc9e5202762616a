import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import { parse as parseYaml } from 'yaml';
import { checkReport, validateSchema } from '../../server/src/engine';
import { startServer } from '../../server/src/lsp';
import type { FileSystem } from '../../server/src/lsp/reportFiles';
import { readSchemaText } from '../../server/src/lsp/schemaProblems';

// Users' own schemas, Workspace Trust, virtual files and reports opened in the wrong encoding: the
// worked example of docs/schema-language.md checks its sample; a schema file's mistakes are placed on
// their lines; the language server over an in-memory connection, its disk a map.

const root = join(__dirname, '..', '..');
const example = join(root, 'schemas', 'examples', 'fazhi-zhengfu.nianbao.yaml');
const sample = join(root, 'test', 'fixtures', 'schemas', 'fazhi-zhengfu-2023.md');
const corpus = (name: string) => readFileSync(join(root, 'test', 'fixtures', 'corpus', name), 'utf8');

describe('the worked example: 法治政府建设年度报告', () => {
  const schema = validateSchema(parseYaml(readFileSync(example, 'utf8'))).schema!;

  test('the schema is valid, with the five items of article 25 in order, the fifth optional', () => {
    assert.equal(schema.id, 'fazhi-zhengfu');
    assert.deepEqual(
      schema.sections.map((s) => [s.id, s.required]),
      [
        ['measures', true],
        ['shortcomings', true],
        ['leaders', true],
        ['plans', true],
        ['other', false],
      ],
    );
  });

  test('the sample report passes; with a section taken out, that section is missing', () => {
    const text = readFileSync(sample, 'utf8');
    assert.deepEqual(
      checkReport(text, { schema }).findings.map((f) => f.rule),
      [],
    );
    const without = text.replace(/## 二、存在的不足和原因\n[\s\S]*?(?=## 三、)/, '');
    const found = checkReport(without, { schema }).findings;
    assert.deepEqual(
      found.map((f) => [f.rule, f.message.zh]),
      [['required-section', '缺少必需的章节「二、存在的不足和原因」']],
    );
  });

  test('the command line: nianbao check --schema FILE SAMPLE', () => {
    const cli = join(root, 'bin', 'nianbao.js');
    const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--no-config', '--schema', example, sample], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.files[0].schema, 'fazhi-zhengfu');
    assert.deepEqual(out.files[0].diagnostics, []);
  });
});

describe('a schema file: every mistake at its place, with how to fix it', () => {
  const broken = [
    'id: demo', //                         0
    'name: { zh: 演示, en: Demo }', //      1
    'sections:', //                        2
    '  - id: overview', //                 3
    '    title: 一、总体情况', //           4
    '    aliasses: [概况]', //              5  unknown key
    'tables:', //                          6
    '  - id: t', //                        7
    '    name: { zh: 表, en: Table }', //   8
    '    section: nowhere', //             9  no such section
    '    columns:', //                     10
    '      - { id: total, label: 总计 }', // 11
    '      - { id: a, label: 甲 }', //       12
    '    rows:', //                        13
    '      - { id: r1, label: 一, standsFor: [r2] }', // 14
    '      - { id: r2, label: 二, standsFor: [r1] }', // 15 cycle r1 → r2 → r1
    '    identities:', //                  16
    '      - { kind: sum, id: s, each: row, total: total, parts: [a, b] }', // 17  no column b
    'statements:', //                      18
    '  - id: st', //                       19
    '    label: { zh: 甲, en: A }', //      20
    '    cells: [t.r1.nope]', //            21 no column nope
    '    words: [[收到]]', //               22
    'chains:', //                          23
    '  - { id: c, label: { zh: 结转, en: carried }, cell: t.r9.total, previous: [t.r1.total] }', // 24 no row r9
  ].join('\n');
  const lineOf = (offset: number) => broken.slice(0, offset).split('\n').length - 1;

  test('zod and the cross-reference check, each on its line, with the text it points at', () => {
    const { schema, problems } = readSchemaText(broken);
    assert.equal(schema, undefined);
    const placed = problems.map((p) => [lineOf(p.start), broken.slice(p.start, p.end)]);
    assert.deepEqual(placed, [
      [5, 'aliasses'],
      [9, 'nowhere'],
      [14, 'standsFor'],
      [17, 'b'],
      [21, 't.r1.nope'],
      [24, 't.r9.total'],
    ]);
  });

  test('the messages say what to write instead', () => {
    const messages = readSchemaText(broken).problems.map((p) => p.message.zh);
    assert.match(messages[0], /未知的字段「aliasses」：检查拼写/);
    assert.match(messages[1], /没有 id 为「nowhere」的章节：改为 sections 中某一章节的 id（overview）/);
    assert.match(messages[2], /standsFor 成环（r1 → r2 → r1）/);
    assert.match(messages[3], /没有 id 为「b」的列.*改为 columns 中的 id（total、a）/);
    assert.match(messages[4], /没有 id 为「nope」的列；列 id 为 total、a/);
    assert.match(messages[5], /没有 id 为「r9」的行；行 id 为 r1、r2/);
  });

  test('a missing field, a wrong kind and a value of the wrong type, in English too', () => {
    const text = 'id: demo\nname: { zh: 演示 }\nsections:\n  - id: a\n    title: 一、甲\n    required: yes please\n';
    const problems = readSchemaText(text).problems;
    assert.deepEqual(
      problems.map((p) => [text.slice(0, p.start).split('\n').length - 1, p.message.en]),
      [
        [1, 'the field “en” is required (a string): add it'],
        [5, '“required” must be true or false'],
      ],
    );
  });

  test('a file that is no YAML at all: the parser’s message at its place', () => {
    const problems = readSchemaText('id: demo\nsections: [\n').problems;
    assert.ok(problems.length >= 1);
    assert.match(problems[0].message.en, /^cannot be parsed: /);
  });
});

/** A language server in this process, with a disk of its own and the settings and trust given. */
async function server(options: {
  files: Record<string, string>;
  settings: unknown;
  trusted?: boolean;
  folder: string;
  folders?: string[];
}) {
  const up = new PassThrough();
  const down = new PassThrough();
  const disk: FileSystem = { readDir: () => [], readFile: (f) => options.files[f] };
  const context = startServer(createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)), disk);
  const conn: MessageConnection = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const shown: string[] = [];
  conn.onRequest('workspace/configuration', () => [options.settings]);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('window/showMessage', (p: { message: string }) => shown.push(p.message));
  conn.onNotification('nianbao/status', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    workspaceFolders: (options.folders ?? [`file://${options.folder}`]).map((uri) => ({ uri, name: 'office' })),
    locale: 'zh-cn',
    capabilities: { workspace: { configuration: true } },
    ...(options.trusted === undefined ? {} : { initializationOptions: { trusted: options.trusted } }),
  });
  await conn.sendNotification('initialized', {});
  for (let i = 0; i < 100 && context.config().debounceMs !== 0; i++) await new Promise((r) => setTimeout(r, 10));
  type Item = { code?: string; message: string; severity: number; range: { start: { line: number; character: number } } };
  const diagnostics = async (uri: string) =>
    (await conn.sendRequest<{ items: Item[] }>('textDocument/diagnostic', { textDocument: { uri } })).items;
  const open = (uri: string, text: string, languageId = 'nianbao') =>
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return { conn, context, shown, diagnostics, open };
}

describe('the language server and a schema file named by the setting nianbao.schema', () => {
  const folder = '/office';
  const schemaFile = `${folder}/schemas/fazhi.nianbao.yaml`;
  const schemaUri = `file://${schemaFile}`;
  const report = `file://${folder}/fazhi-2023年度报告.md`;
  const good = readFileSync(example, 'utf8');
  const broken = good.replace('  - id: shortcomings\n', '  - id: shortcomings\n    titel: 二、存在的不足\n');
  const files: Record<string, string> = { [schemaFile]: broken };
  let s: Awaited<ReturnType<typeof server>>;

  before(async () => {
    s = await server({ files, folder, settings: { debounceMs: 0, schema: 'schemas/fazhi.nianbao.yaml' } });
    await s.open(report, readFileSync(sample, 'utf8'));
  });
  after(() => s.conn.dispose());

  test('broken: the report is checked against the built-in formats, and the user is told once why', async () => {
    const codes = (await s.diagnostics(report)).map((d) => d.code);
    assert.ok(codes.includes('required-section'), `checked against gov-2021: ${codes.join(' ')}`);
    await s.diagnostics(report);
    assert.deepEqual(
      s.shown.filter((m) => /fazhi\.nianbao\.yaml/.test(m)),
      ['格式文件 fazhi.nianbao.yaml 有 1 处错误（打开它可以看到），报告暂按内置格式检查'],
    );
  });

  test('opened, the schema file shows its mistake on its line, as it is typed', async () => {
    await s.open(schemaUri, broken, 'yaml');
    const own = await s.diagnostics(schemaUri);
    const line = broken.split('\n').findIndex((l) => l.includes('titel:'));
    assert.deepEqual(
      own.map((d) => [d.range.start.line, d.code, d.message]),
      [[line, 'schema-file', '未知的字段「titel」：检查拼写，或删去它（各处可用的字段见 docs/schema-language.md）']],
    );
  });

  test('fixed and saved: the report is checked again, against the schema file', async () => {
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: schemaUri, version: 2 },
      contentChanges: [{ text: good }],
    });
    assert.deepEqual(await s.diagnostics(schemaUri), []);
    files[schemaFile] = good;
    await s.conn.sendNotification('textDocument/didSave', { textDocument: { uri: schemaUri } });
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(await s.diagnostics(report), []);
  });
});

describe('Workspace Trust: a schema file outside the workspace is read only when the folder is trusted', () => {
  const folder = '/office';
  const outside = '/elsewhere/fazhi.nianbao.yaml';
  const report = `file://${folder}/fazhi-2023年度报告.md`;
  let s: Awaited<ReturnType<typeof server>>;

  before(async () => {
    s = await server({
      files: { [outside]: readFileSync(example, 'utf8') },
      folder,
      trusted: false,
      settings: { debounceMs: 0, schema: outside },
    });
    await s.open(report, readFileSync(sample, 'utf8'));
  });
  after(() => s.conn.dispose());

  test('not trusted: the report is still checked, with the built-in formats, and the user told why', async () => {
    assert.ok((await s.diagnostics(report)).some((d) => d.code === 'required-section'));
    assert.ok(
      s.shown.some((m) => m.startsWith('此文件夹未受信任：不读取工作区以外的格式文件 /elsewhere/fazhi.nianbao.yaml')),
      s.shown.join('\n'),
    );
  });

  test('trust granted: the schema file is read and the report checked against it', async () => {
    await s.conn.sendNotification('nianbao/workspaceTrust', { trusted: true });
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(await s.diagnostics(report), []);
  });
});

describe('reports from elsewhere: a virtual file system, and a GBK file opened as UTF-8', () => {
  let s: Awaited<ReturnType<typeof server>>;
  before(async () => {
    s = await server({
      files: {},
      folder: '/office',
      folders: ['file:///office', 'vscode-vfs://github/office'],
      settings: { debounceMs: 0 },
    });
  });
  after(() => s.conn.dispose());

  test('a report on a virtual file system is checked from its text; what needs the disk is said once, as a message', async () => {
    const text = corpus('pingtan-zhqsyq-2020.txt');
    const told = () => s.shown.filter((m) => /虚拟文件系统/.test(m)).length;
    // an old version in a diff is no report of a virtual folder: nothing said about it
    const old = 'git:/office/pingtan-2020年度报告.txt?%7B%22ref%22%3A%22HEAD%22%7D';
    await s.open(old, text);
    assert.ok((await s.diagnostics(old)).length > 0, 'checked all the same');
    assert.equal(told(), 0);
    const uri = 'vscode-vfs://github/office/reports/pingtan-2020年度报告.txt';
    await s.open(uri, text);
    const items = await s.diagnostics(uri);
    const local = `file:///office/pingtan-2020年度报告.txt`;
    await s.open(local, text);
    assert.deepEqual(
      items.map((d) => [d.code, d.range.start]),
      (await s.diagnostics(local)).map((d) => [d.code, d.range.start]),
    );
    await s.open('vscode-vfs://github/office/reports/huaian-2024年度报告.txt', corpus('huaian-city-2024.txt'));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(told(), 1, s.shown.join('\n'));
  });

  test('replacement characters (GBK read as UTF-8): one information diagnostic with the way out, not a flood', async () => {
    const gbk = readFileSync(join(root, 'test', 'fixtures', 'encoding', 'pingtan-zhqsyq-2020.gb18030.txt'));
    const garbled = new TextDecoder('utf-8').decode(gbk);
    const uri = 'file:///office/gbk-2020年度报告.txt';
    await s.open(uri, garbled);
    const items = await s.diagnostics(uri);
    assert.equal(items.length, 1);
    assert.equal(items[0].code, 'encoding');
    assert.equal(items[0].severity, 3);
    assert.match(items[0].message, /通过编码重新打开.*GB18030/);
  });

  test('a stray replacement character or two does not stop the check', async () => {
    const uri = 'file:///office/stray-2020年度报告.txt';
    await s.open(uri, corpus('pingtan-zhqsyq-2020.txt').replace('平潭', '平\uFFFD'));
    assert.ok((await s.diagnostics(uri)).some((d) => d.code === 'table-sum'));
  });
});
