import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp';
import type { ServerContext } from '../../server/src/lsp/context';
import type { FileSystem } from '../../server/src/lsp/reportFiles';

// The language server's parts from source, in this process, over an in-memory connection: no build,
// no child process. The disk is a map, so last year's report is found without touching one.

const corpus = join(__dirname, '..', 'fixtures', 'corpus');
const read = (name: string) => readFileSync(join(corpus, name), 'utf8');
const dir = '/reports';
const thisYear = `file://${dir}/suqian-city-2024.txt`;
const disk: Record<string, string> = { [`${dir}/suqian-city-2023.txt`]: read('suqian-city-2023.txt') };
const reads: string[] = [];
const fakeDisk: FileSystem = {
  readDir: (d) => (d === dir ? ['suqian-city-2023.txt', 'notes.txt'] : []),
  readFile: (f) => (reads.push(f), disk[f]),
};

/** A server from the sources on an in-memory connection, initialized, with a client that answers what it asks. */
async function inProcess(disk: FileSystem, locale: string, settings: () => unknown, logged: string[] = []) {
  const up = new PassThrough();
  const down = new PassThrough();
  const context = startServer(createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)), disk);
  const conn = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  conn.onRequest('workspace/configuration', () => [settings()]);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onNotification('window/logMessage', (p: { message: string }) => logged.push(p.message));
  conn.onNotification('nianbao/status', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', { processId: null, rootUri: null, locale, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  return { context, conn };
}

let client: MessageConnection;
let context: ServerContext;
const logged: string[] = [];
let settings: unknown = { schema: 'auto', debounceMs: 0, rules: { 'other-office': 'off', 'no-such-rule': 'error' }, deadline: 'sometime' };

describe('language server parts, in process', () => {
  before(async () => {
    ({ context, conn: client } = await inProcess(fakeDisk, 'zh-cn', () => settings, logged));
    await client.sendNotification('textDocument/didOpen', {
      textDocument: { uri: thisYear, languageId: 'nianbao', version: 1, text: read('suqian-city-2024.txt') },
    });
  });
  after(() => client.dispose());

  const diagnostics = () =>
    client.sendRequest<{ items: { code: string; message: string; relatedInformation: unknown[] }[] }>('textDocument/diagnostic', {
      textDocument: { uri: thisYear },
    });

  test('wrong settings are logged and keep their defaults; the valid ones apply', async () => {
    // the settings are asked for after `initialized`: wait until they are in
    for (let i = 0; i < 100 && !context.config().rules['other-office']; i++) await new Promise((r) => setTimeout(r, 10));
    const { items } = await diagnostics();
    assert.ok(!items.some((d) => d.code === 'other-office'), 'rules: other-office off applies');
    assert.equal(context.config().deadline, 'auto');
    assert.ok(
      logged.some((m) => /nianbao\.rules\.no-such-rule: unknown rule/.test(m)),
      logged.join('\n'),
    );
    assert.ok(logged.some((m) => /nianbao\.deadline: deadline must be auto, department or government/.test(m)));
  });

  test("last year's report is found on the (passed-in) disk beside this one, and the checks across years run", async () => {
    const { items } = await diagnostics();
    assert.ok(reads.includes(`${dir}/suqian-city-2023.txt`));
    assert.ok(!reads.includes(`${dir}/notes.txt`), 'only files named for last year are read');
    assert.ok(
      items.some((d) => d.code === 'cross-year' || d.code === 'growth-rate'),
      items.map((d) => d.code).join(' '),
    );
  });

  test('one check per version: diagnostics, hover and outline share it', async () => {
    const doc = context.documents.get(thisYear)!;
    const first = context.checker.check(doc);
    await client.sendRequest('textDocument/documentSymbol', { textDocument: { uri: thisYear } });
    await client.sendRequest('textDocument/hover', { textDocument: { uri: thisYear }, position: { line: 3, character: 2 } });
    assert.equal(context.checker.check(doc), first);
  });

  test('a change of settings checks again', async () => {
    settings = { rules: {} };
    await client.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(context.config().rules, {});
  });
});

describe('configuration file in the editor', () => {
  const configDir = '/office';
  const report = `file://${configDir}/reports/pingtan-zhqsyq-2020.txt`;
  const configUri = `file://${configDir}/.nianbao.yaml`;
  const files: Record<string, string> = { [`${configDir}/.nianbao.yaml`]: 'rules:\n  table-sum: off\n' };
  const disk: FileSystem = { readDir: () => [], readFile: (f) => files[f] };
  let conn: MessageConnection;

  before(async () => {
    ({ conn } = await inProcess(disk, 'en', () => ({ debounceMs: 0 })));
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: report, languageId: 'nianbao', version: 1, text: read('pingtan-zhqsyq-2020.txt') },
    });
  });
  after(() => conn.dispose());

  const codes = async (uri: string) =>
    (
      await conn.sendRequest<{ items: { code?: string; message: string; range: { start: { line: number; character: number } } }[] }>(
        'textDocument/diagnostic',
        { textDocument: { uri } },
      )
    ).items;

  test('the file on the disk, found upward, turns a rule off', async () => {
    assert.ok(!(await codes(report)).some((d) => d.code === 'table-sum'));
  });

  test('opened and edited in the editor: its own mistakes at their places, and the report checked with what it now says', async () => {
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: configUri, languageId: 'yaml', version: 1, text: 'rules:\n  table-sum: error\n  no-such-rule: off\n' },
    });
    const own = await codes(configUri);
    assert.deepEqual(
      own.map((d) => [d.range.start.line, d.range.start.character, d.message]),
      [[2, 2, 'unknown rule “no-such-rule”; the rules are listed in docs/rules']],
    );
    assert.ok(
      (await codes(report)).some((d) => d.code === 'table-sum'),
      'the unsaved edit applies',
    );
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: configUri, version: 2 },
      contentChanges: [{ text: 'ignore: ["reports/**"]\n' }],
    });
    assert.deepEqual(await codes(report), [], 'an ignored report is not checked');
  });
});

describe("a finding across years points into last year's report", () => {
  test('cross-year: related information in last year’s file, at the cell it read', async () => {
    const files: Record<string, string> = { '/p/pingtan-zhqsyq-2012.txt': read('pingtan-zhqsyq-2012.txt') };
    const disk = { readDir: (d: string) => (d === '/p' ? ['pingtan-zhqsyq-2012.txt'] : []), readFile: (f: string) => files[f] };
    const { conn } = await inProcess(disk, 'zh-cn', () => ({ debounceMs: 0 }));
    const uri = 'file:///p/pingtan-zhqsyq-2013.txt';
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'nianbao', version: 1, text: read('pingtan-zhqsyq-2013.txt') },
    });
    type Related = { location: { uri: string; range: { start: { line: number } } }; message: string };
    const { items } = await conn.sendRequest<{ items: { code: string; relatedInformation: Related[] }[] }>('textDocument/diagnostic', {
      textDocument: { uri },
    });
    const cross = items.filter((d) => d.code === 'cross-year');
    assert.ok(cross.length > 0);
    const inLastYear = cross.flatMap((d) => d.relatedInformation).filter((r) => r.location.uri === 'file:///p/pingtan-zhqsyq-2012.txt');
    assert.ok(inLastYear.length > 0);
    const line = read('pingtan-zhqsyq-2012.txt').split('\n')[inLastYear[0].location.range.start.line];
    assert.match(inLastYear[0].message, /上年报告：4359/);
    assert.ok(line.includes('4359'), line);
    conn.dispose();
  });
});
