import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import {
  CancellationTokenSource,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { CancellationToken, createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaults } from '../../server/src/config';
import { checkReport, lineStarts } from '../../server/src/engine';
import { startServer } from '../../server/src/lsp';
import { backgroundChecks, type BackgroundChecks, type CheckJob, type CheckOutcome } from '../../server/src/lsp/checkWorker';
import { checkOptions, createChecker } from '../../server/src/lsp/checker';
import type { ServerContext } from '../../server/src/lsp/context';
import { diagnosed, type Diagnosed } from '../../server/src/lsp/diagnosed';
import { checkedNow } from '../../server/src/lsp/reportAt';

// Large reports are checked in a background process while the drafter types: the diagnostics given are
// always those of the text as it is now, exactly as a direct checkReport finds them; a result for a
// text typed over is never given; a report of usual length is checked at once, as before.

const corpus = join(__dirname, '..', 'fixtures', 'corpus');
const names = readdirSync(corpus)
  .filter((f) => f.endsWith('.txt'))
  .sort((a, b) => Number(b.includes('2024')) - Number(a.includes('2024')) || a.localeCompare(b));

/** The corpus reports one after another, a 2024 report first, to at least `chars` characters: a long report. */
function longReport(chars: number): string {
  const parts: string[] = [];
  for (let i = 0, length = 0; length < chars; i++) {
    const text = readFileSync(join(corpus, names[i % names.length]), 'utf8');
    parts.push(text);
    length += text.length + 1;
  }
  return parts.join('\n');
}

const report = { config: defaults, ignored: false };
const tick = () => new Promise((r) => setImmediate(r));
const mark = (name: string): Diagnosed => ({
  items: [],
  offsets: [],
  summary: { schema: { id: name, name }, reason: 'markers', counts: { error: 0, warning: 0, information: 0, hint: 0 } },
});

/** Background checks the test settles by hand, to order what a checking process would do. */
function manualChecks() {
  const jobs: { job: CheckJob; settle(o: CheckOutcome): void }[] = [];
  const forgotten: string[] = [];
  const checks: BackgroundChecks = {
    check: (job) => new Promise((settle) => jobs.push({ job, settle })),
    forget: (uri) => void forgotten.push(uri),
    dispose: () => {},
  };
  return { jobs, checks, forgotten };
}

/** a checker of the reports of one configuration, with no last year's reports and no schema files */
const checkerWith = (options: Parameters<typeof createChecker>[3]) =>
  createChecker(
    () => report,
    () => undefined,
    undefined,
    options,
  );

describe('checking large reports in the background', () => {
  test('a result for a text typed over while it was checked is dropped; the newest text is checked and given', async () => {
    const { jobs, checks, forgotten } = manualChecks();
    const checker = checkerWith({ background: checks, backgroundChars: 10 });
    const doc = TextDocument.create('file:///r/a-年度报告.txt', 'plaintext', 1, '一、总体情况 第一稿');
    const answer = checker.diagnose(doc, 'zh', CancellationToken.None);
    await tick();
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0].job.text, '一、总体情况 第一稿');
    TextDocument.update(doc, [{ text: '一、总体情况 第二稿' }], 2);
    jobs[0].settle({ kind: 'done', diagnosed: mark('first'), ms: 1 });
    await tick();
    assert.equal(jobs.length, 2, 'the text as it is now is checked next');
    assert.equal(jobs[1].job.text, '一、总体情况 第二稿');
    // a third text arrives while the second is checked, and a pull asks for it: the second is superseded
    TextDocument.update(doc, [{ text: '一、总体情况 第三稿' }], 3);
    jobs[1].settle({ kind: 'superseded' });
    await tick();
    assert.equal(jobs.length, 3);
    jobs[2].settle({ kind: 'done', diagnosed: mark('third'), ms: 1 });
    assert.equal((await answer)?.summary.schema?.id, 'third');
    // asked again for the same text: the result kept is given, nothing is checked again
    assert.equal((await checker.diagnose(doc, 'zh', CancellationToken.None))?.summary.schema?.id, 'third');
    assert.equal(jobs.length, 3);
    // cut down below the size: checked at once in the server, and the checking process no longer keeps it
    TextDocument.update(doc, [{ text: '一' }], 4);
    assert.ok(await checker.diagnose(doc, 'zh', CancellationToken.None));
    assert.equal(jobs.length, 3);
    assert.deepEqual(forgotten, [doc.uri]);
  });

  test('a cancelled pull, or one for a document closed meanwhile, is given nothing, even when its check ends later', async () => {
    const { jobs, checks } = manualChecks();
    const checker = checkerWith({ background: checks, backgroundChars: 10 });
    const doc = TextDocument.create('file:///r/b-年度报告.txt', 'plaintext', 1, '一、总体情况 第一稿');
    const cancel = new CancellationTokenSource();
    const cancelled = checker.diagnose(doc, 'zh', cancel.token);
    await tick();
    cancel.cancel();
    assert.equal(await cancelled, undefined, 'answered at the cancellation, not when the check ends');
    const closing = checker.diagnose(doc, 'zh', CancellationToken.None);
    await tick();
    checker.forget(doc.uri);
    jobs.at(-1)!.settle({ kind: 'done', diagnosed: mark('closed'), ms: 1 });
    assert.equal(await closing, undefined);
    // opened again with the same version number and another text: the old result is not taken for it
    const reopened = TextDocument.create(doc.uri, 'plaintext', 1, '一、总体情况 重新打开');
    const again = checker.diagnose(reopened, 'zh', CancellationToken.None);
    await tick();
    assert.equal(jobs.at(-1)!.job.text, '一、总体情况 重新打开');
    jobs.at(-1)!.settle({ kind: 'done', diagnosed: mark('reopened'), ms: 1 });
    assert.equal((await again)?.summary.schema?.id, 'reopened');
  });

  test('a pull waiting for the checking process takes the check made in the server of the same text (for an outline or a hover) at once', async () => {
    const { jobs, checks } = manualChecks();
    const checker = checkerWith({ background: checks, backgroundChars: 10 });
    const text = readFileSync(join(corpus, 'suqian-city-2024.txt'), 'utf8');
    const doc = TextDocument.create('file:///r/suqian-city-2024.txt', 'plaintext', 1, text);
    const answer = checker.diagnose(doc, 'zh', CancellationToken.None);
    await tick();
    assert.equal(jobs.length, 1);
    const here = checker.check(doc);
    assert.deepEqual(await answer, diagnosed(here.result, here.starts, doc.uri, 'zh'));
    jobs[0].settle({ kind: 'done', diagnosed: mark('late'), ms: 1 });
    assert.notEqual((await checker.diagnose(doc, 'zh', CancellationToken.None))?.summary.schema?.id, 'late');
  });

  test('a hover, an outline or a quick fix on a large report waits for its diagnostics; cancelled meanwhile, it checks nothing', async () => {
    const { jobs, checks } = manualChecks();
    const checker = checkerWith({ background: checks, backgroundChars: 10 });
    let checkedHere = 0;
    const check = checker.check;
    checker.check = (d) => (checkedHere++, check(d));
    const text = readFileSync(join(corpus, 'suqian-city-2024.txt'), 'utf8');
    const doc = TextDocument.create('file:///r/suqian-city-2024.txt', 'plaintext', 1, text);
    const context = { checker, documents: { get: () => doc }, lang: () => 'zh' } as unknown as ServerContext;
    const cancel = new CancellationTokenSource();
    const cancelled = checkedNow(context, doc, cancel.token);
    await tick();
    cancel.cancel();
    assert.equal(await cancelled, undefined);
    assert.equal(checkedHere, 0, 'the next keystroke cancelled it: no check on the main loop');
    const hover = checkedNow(context, doc, CancellationToken.None);
    await tick();
    assert.equal(checkedHere, 0, 'the diagnostics come first');
    jobs.at(-1)!.settle({ kind: 'done', diagnosed: mark('diagnostics'), ms: 1 });
    const checked = await hover;
    assert.equal(checkedHere, 1);
    assert.deepEqual(checked?.result.findings, checkReport(text, checkOptions(report, undefined)).findings);
  });

  test('a report of usual length is checked at once in the server; without a checking process, a large one is too', async () => {
    const text = readFileSync(join(corpus, 'suqian-city-2024.txt'), 'utf8');
    const never: BackgroundChecks = {
      check: () => assert.fail('a report of usual length is not sent to the checking process'),
      forget: () => {},
      dispose: () => {},
    };
    const small = checkerWith({ background: never });
    const doc = TextDocument.create('file:///r/suqian-city-2024.txt', 'plaintext', 1, text);
    assert.equal(small.inBackground(doc), false);
    const expected = diagnosed(checkReport(text, checkOptions(report, undefined)), lineStarts(text), doc.uri, 'zh');
    assert.ok(expected.items.length > 0);
    assert.deepEqual(await small.diagnose(doc, 'zh', CancellationToken.None), expected);

    const failing: BackgroundChecks = {
      check: async () => ({ kind: 'failed', reason: 'no checking process' }),
      forget: () => {},
      dispose: () => {},
    };
    const large = checkerWith({ background: failing, backgroundChars: 10 });
    assert.equal(large.inBackground(doc), true);
    assert.deepEqual(await large.diagnose(doc, 'zh', CancellationToken.None), expected);
  });

  test('the checking process checks the newest text of each document: a text waiting behind a check is replaced by a newer one', async () => {
    const checks = backgroundChecks(() => {});
    try {
      const text = longReport(40_000);
      const texts = [text, `${text}\n2O23年`, `${text}\n共收到申请XX件`];
      const uri = 'file:///r/c-年度报告.txt';
      const options = checkOptions(report, undefined);
      const outcomes = await Promise.all(texts.map((t, i) => checks.check({ uri, key: String(i), text: t, options, lang: 'zh' })));
      assert.deepEqual(
        outcomes.map((o) => o.kind),
        ['done', 'superseded', 'done'],
      );
      const last = outcomes[2] as Extract<CheckOutcome, { kind: 'done' }>;
      assert.deepEqual(last.diagnosed, diagnosed(checkReport(texts[2], options), lineStarts(texts[2]), uri, 'zh'));
    } finally {
      checks.dispose();
    }
  });
});

describe('typing into a long report, over a connection, in process', () => {
  const uri = 'file:///reports/long-年度报告.txt';
  let client: MessageConnection;
  let context: ServerContext;

  before(async () => {
    const up = new PassThrough();
    const down = new PassThrough();
    context = startServer(createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)), {
      readDir: () => [],
      readFile: () => undefined,
    });
    client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    client.onRequest('workspace/configuration', () => [{ ...defaults }]);
    client.onRequest('workspace/diagnostic/refresh', () => null);
    client.onNotification('window/logMessage', () => undefined);
    client.onNotification('nianbao/status', () => undefined);
    client.listen();
    await client.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      locale: 'zh-cn',
      capabilities: { workspace: { configuration: true } },
    });
    await client.sendNotification('initialized', {});
  });
  after(() => {
    context.checker.dispose();
    client.dispose();
  });

  test('after a burst of keystrokes, the diagnostics given are those of the last text, exactly as checkReport finds them', async () => {
    let text = longReport(150_000);
    const original = text;
    // typed at the end of the title's line, a character at a time: a year mistyped and a placeholder
    const line = 1;
    let character = text.split('\n')[line].length;
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    for (let i = 0; i < 100 && !context.documents.get(uri); i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(context.checker.inBackground(context.documents.get(uri)!), true);

    // pulls as vscode-languageclient 11 makes them: one at a time; a keystroke cancels the one open,
    // and once it is answered it is made again; an answer to a cancelled pull is dropped
    const answers: { items: unknown[] }[] = [];
    let open: { source: CancellationTokenSource; again: boolean; done: Promise<void> } | undefined;
    const start = (): void => {
      const source = new CancellationTokenSource();
      const request = { source, again: false, done: Promise.resolve() };
      request.done = client
        .sendRequest<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } }, source.token)
        .then(
          (r) => void (source.token.isCancellationRequested || answers.push(r)),
          () => undefined,
        )
        .then(() => {
          open = undefined;
          if (request.again) start();
        });
      open = request;
    };
    const pull = () => (open ? (open.source.cancel(), (open.again = true)) : start());

    for (const key of '共收到申请2O23年XX件') {
      const range = { start: { line, character }, end: { line, character } };
      await client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: character + 2 },
        contentChanges: [{ range, text: key }],
      });
      text = TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, text), [{ range, newText: key }]);
      character++;
      pull();
      await new Promise((r) => setTimeout(r, 15));
    }
    while (open) await open.done;

    const expected = (t: string) => {
      const options = checkOptions(context.configOf(context.documents.get(uri)!), undefined);
      return JSON.parse(JSON.stringify(diagnosed(checkReport(t, options), lineStarts(t), uri, 'zh').items));
    };
    assert.equal(context.documents.get(uri)!.getText(), text);
    assert.notDeepEqual(expected(text), expected(original), 'the keystrokes change what is found');
    assert.ok(answers.length >= 1);
    assert.deepEqual(answers.at(-1)!.items, expected(text));
    // pulled again without a change: the same, at once
    const again = await client.sendRequest<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(again.items, expected(text));
    await client.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });
});
