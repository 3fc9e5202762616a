import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { scratchDir } from './scratch';

// The bundled language server (dist/server.js, made by `npm run build`) over a real LSP connection.

const root = join(__dirname, '..', '..');
const report = readFileSync(join(root, 'test', 'fixtures', 'corpus', 'pingtan-zhqsyq-2020.txt'), 'utf8');
const reportUri = 'file:///tmp/%E5%B9%B3%E6%BD%AD2020%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.txt'; // 平潭2020年度报告.txt

interface Diag {
  code: string;
  source: string;
  severity: number;
  message: string;
  range: { start: { line: number; character: number } };
  codeDescription: { href: string };
  relatedInformation: unknown[];
}

let server: ChildProcess;
let conn: MessageConnection;

async function diagnostics(uri: string): Promise<Diag[]> {
  const r = await conn.sendRequest<{ kind: string; items: Diag[] }>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(r.kind, 'full');
  return r.items;
}

describe('language server', () => {
  before(async () => {
    server = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    conn = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    conn.onRequest('workspace/configuration', () => [{ schema: 'auto', debounceMs: 0 }]);
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    const init = await conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: null,
      locale: 'en',
      capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {} } },
    });
    assert.ok(init.capabilities.diagnosticProvider, 'pull diagnostics');
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: reportUri, languageId: 'plaintext', version: 1, text: report },
    });
  });

  after(() => {
    conn.dispose();
    server.kill();
  });

  test('diagnostics carry source, code, rule page and related cells', async () => {
    const items = await diagnostics(reportUri);
    assert.deepEqual(
      items.map((d) => [d.code, d.severity, d.range.start.line]),
      [
        ['prose-sum', 1, 3],
        ['table-sum', 1, 56],
        ['table-sum', 1, 56],
      ],
    );
    const d = items[2];
    assert.equal(d.source, 'nianbao');
    assert.match(d.codeDescription.href, /^file:\/\/.*\/docs\/rules\/table-sum\.md$/);
    assert.match(d.message, /should be 27 \(7\+6\+4\+3\+3\+4\), the table says 21/); // locale en
    assert.equal(d.relatedInformation.length, 6);
  });

  test('a quick fix, applied, clears its diagnostic', async () => {
    const first = (await diagnostics(reportUri)).find((d) => d.code === 'table-sum')!;
    const actions = await conn.sendRequest<
      {
        title: string;
        edit: {
          changes: Record<
            string,
            { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]
          >;
        };
      }[]
    >('textDocument/codeAction', {
      textDocument: { uri: reportUri },
      range: first.range,
      context: { diagnostics: [] },
    });
    const fix = actions.find((a) => a.title.includes('26'))!;
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const [edit] = fix.edit.changes[reportUri];
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: reportUri, version: 2 },
      contentChanges: [{ range: edit.range, text: edit.newText }],
    });
    const items = await diagnostics(reportUri);
    assert.ok(!items.some((d) => d.message.includes('should be 26')), JSON.stringify(items.map((d) => d.message)));
  });

  test('other Markdown files are left alone', async () => {
    const uri = 'file:///tmp/notes.md';
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: report } });
    assert.deepEqual(await diagnostics(uri), []);
    const named = 'file:///tmp/notes2.md';
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: named, languageId: 'markdown', version: 1, text: '---\nschema: gov-2019\n---\n' + report },
    });
    assert.equal((await diagnostics(named)).length, 3, 'front matter `schema:` makes any Markdown file a report');
  });
});

describe('language server: last year’s report beside this one', () => {
  test('growth-rate and cross-year run in the editor when last year’s report is in the same folder', async () => {
    const { writeFileSync } = await import('node:fs');
    const { pathToFileURL } = await import('node:url');
    const dir = scratchDir('prev');
    const corpus = join(root, 'test', 'fixtures', 'corpus');
    writeFileSync(join(dir, '宿迁市2023年度报告.txt'), readFileSync(join(corpus, 'suqian-city-2023.txt')));
    const uri = pathToFileURL(join(dir, '宿迁市2024年度报告.txt')).toString();
    const s = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const c = createMessageConnection(new StreamMessageReader(s.stdout!), new StreamMessageWriter(s.stdin!));
    c.onRequest('workspace/configuration', () => [{ schema: 'auto', debounceMs: 0 }]);
    c.onRequest('client/registerCapability', () => null);
    c.listen();
    try {
      await c.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        locale: 'zh-cn',
        capabilities: { workspace: { configuration: true } },
      });
      await c.sendNotification('initialized', {});
      await c.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'plaintext', version: 1, text: readFileSync(join(corpus, 'suqian-city-2024.txt'), 'utf8') },
      });
      const r = await c.sendRequest<{ items: Diag[] }>('textDocument/diagnostic', { textDocument: { uri } });
      const growth = r.items.find((d) => d.code === 'growth-rate');
      assert.ok(growth, JSON.stringify(r.items.map((d) => d.code)));
      assert.match(growth.message, /上年为 3607，本年 3646/);
    } finally {
      c.dispose();
      s.kill();
    }
  });
});
