import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportUri, serverFlags, serverJs, startServer, type Server } from './lsp';
import { corpus, MB, report20k, root, synthetic, tableDigit, type Sample } from './reports';
import { memoryOf, mib, ms, size, summarize, timeAsync } from './timing';

// Section 4 of `npm run bench`: the language server as the editor uses it. Also runs on its own, after
// `npm run build -- --production` (the server as packaged), then `node --import tsx bench/editor.ts [--quick]`.

export interface Bench {
  out(line?: string): void;
  target(target: string, measured: string, ok: boolean): void;
  quick: boolean;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

/** The fields of /proc/PID/stat after the command's name (the 3rd field of the line is the first). */
const statOf = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');

/** The processes the server started: the one that checks large reports in the background. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(statOf(Number(entry))[1]) === pid) children.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return children;
}

/** CPU time the server and the processes it started (all their threads) have used so far, in ms, from /proc. */
function cpuOf(pid: number): number {
  let ticks = 0;
  for (const p of [pid, ...childrenOf(pid)]) {
    try {
      const fields = statOf(p);
      // utime and stime, fields 14 and 15 of the line; cutime and cstime (16, 17) for processes ended
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // ended meanwhile: counted in cutime
    }
  }
  return (ticks * 1000) / 100; // clock ticks, 100 a second on Linux
}

/** Resident memory of the processes the server started, summed. */
function childMemory(pid: number): { rss: number; peak: number } {
  const mems = childrenOf(pid).map((p) => memoryOf(p));
  return { rss: mems.reduce((a, m) => a + m.rss, 0), peak: mems.reduce((a, m) => a + m.peak, 0) };
}

export async function server(
  samples: { corpus: Sample[]; r20k: Sample; r1mb: Sample },
  bench: Bench,
): Promise<{ initialize: number; firstInitialize: number }> {
  const { out, target, quick } = bench;
  const budget = (msBudget: number) => (quick ? msBudget / 4 : msBudget);
  out();
  out(
    `4. Language server: node ${[...serverFlags, serverJs.replace(root + '/', '')].join(' ')} --stdio (the Node options the extension uses),`,
  );
  out('   a real LSP connection (vscode-jsonrpc), driven as VS Code drives it');
  // initialize: fresh processes. The first start of the extension compiles the server, and writes V8's code cache
  // of it into the extension's storage when the server ends; the later starts run from that cache
  const cacheDir = mkdtempSync(join(tmpdir(), 'nianbao-bench-code-cache-'));
  const firstStarts: number[] = [];
  const laterStarts: number[] = [];
  try {
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const s = await startServer(0, serverFlags, i === 0 ? cacheDir : undefined);
      firstStarts.push(s.initializeMs);
      if (i === 0) await s.shutdown();
      else s.close();
    }
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const s = await startServer(0, serverFlags, cacheDir);
      laterStarts.push(s.initializeMs);
      s.close();
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const first = summarize(firstStarts);
  const init = summarize(laterStarts);
  out(
    `  spawn → initialize response, first start (no code cache yet) ${pad(ms(first.median), 7)} ms   (median of ${first.n}, min ${ms(first.min)})`,
  );
  out(
    `  spawn → initialize response, later starts (code cache)       ${pad(ms(init.median), 7)} ms   (median of ${init.n}, min ${ms(init.min)})`,
  );

  const s = await startServer(0);
  try {
    const doc = samples.r20k;
    const uri = reportUri(doc.name);
    const t = performance.now();
    await s.open(uri, doc.text);
    await s.diagnostics(uri);
    out(`  didOpen → first diagnostics, 20 KB report (code still cold)  ${pad(ms(performance.now() - t), 8)} ms`);

    // 19 more reports open, each checked once, as in a workspace with 20 reports open
    const others = samples.corpus.slice(0, 19);
    for (const o of others) {
      await s.open(reportUri(o.name), o.text);
      await s.diagnostics(reportUri(o.name));
    }

    // one-character edits of a table cell, back and forth, each followed by a pull, as VS Code does
    const edits = new Editor(s, uri, doc.text);
    const [withError, without] = [await edits.edit(), await edits.edit()];
    const timed = await timeAsync(() => edits.edit(), { warmup: 100, warmupMs: 2000, minRuns: 200, budgetMs: budget(3000), maxRuns: 2000 });
    out(
      `  didChange (1 character, table cell) → diagnostics, 20 KB   ${pad(ms(timed.median), 8)} ms   (p95 ${ms(timed.p95)}, n ${timed.n}; debounceMs 0; ${withError} / ${without} diagnostics)`,
    );
    const same = await timeAsync(() => s.diagnostics(uri), { warmup: 50, minRuns: 200, budgetMs: budget(1000) });
    out(`  diagnostics again, document unchanged (cached result)       ${pad(ms(same.median), 8)} ms   (p95 ${ms(same.p95)}, n ${same.n})`);
    target(
      'Editor: edit → diagnostics, 20 KB report, < 20 ms',
      `${ms(timed.median)} ms median, ${ms(timed.p95)} ms p95`,
      timed.median < 20,
    );
    const mem = memoryOf(s.proc.pid!);

    // the default settings: the pull waits for a pause in typing (debounceMs 150) where checking is slow
    await s.setDebounce(150);
    const dflt = await timeAsync(() => edits.edit(), { warmup: 5, minRuns: quick ? 5 : 20, budgetMs: 0 });
    out(`  same, default settings (debounceMs 150)                     ${pad(ms(dflt.median), 8)} ms   (p95 ${ms(dflt.p95)}, n ${dflt.n})`);
    const typed = await typing(edits, 20, 60);
    out(
      `  typing 20 keys 60 ms apart, 20 KB: ${typed.pulls} pulls, ${typed.cancelled} cancelled, last diagnostics ${ms(typed.afterLast)} ms after the last key${typed.stale}`,
    );

    const big = samples.r1mb;
    const bigUri = reportUri(big.name);
    let cpu = cpuOf(s.proc.pid!);
    const opened = performance.now();
    await s.open(bigUri, big.text);
    await s.diagnostics(bigUri);
    out(
      `  1 MB report: didOpen → first diagnostics                    ${pad(ms(performance.now() - opened), 8)} ms   (checked in the background process, started for it; CPU ${ms(cpuOf(s.proc.pid!) - cpu)} ms)`,
    );
    const bigEdits = new Editor(s, bigUri, big.text);
    const bigDflt = await timeAsync(() => bigEdits.edit(), { warmup: 2, minRuns: quick ? 3 : 10, budgetMs: 0 });
    out(
      `  1 MB report, default settings: didChange → diagnostics      ${pad(ms(bigDflt.median), 8)} ms   (p95 ${ms(bigDflt.p95)}, n ${bigDflt.n}; no pause waited for: the check holds nothing up)`,
    );
    const rounds: number[] = [];
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      cpu = cpuOf(s.proc.pid!);
      const r = await typing(bigEdits, 20, 60);
      rounds.push(r.afterLast);
      out(
        `  typing 20 keys 60 ms apart into the 1 MB report: ${r.pulls} pulls, ${r.cancelled} cancelled, last diagnostics ${pad(ms(r.afterLast), 5)} ms after the last key${r.stale}; CPU ${ms(cpuOf(s.proc.pid!) - cpu)} ms`,
      );
    }
    const afterLast = summarize(rounds);
    out(
      '    (pulls as vscode-languageclient 11 and 9 make them; a cancelled pull keeps the diagnostics shown in 11, showed none until the next answer in 9;\n' +
        '     CPU: the server and the process checking in the background, during the round)',
    );
    target(
      'Editor: typing into a 1 MB report, diagnostics ≤ 300 ms after the last key',
      `${ms(afterLast.median)} ms median of ${afterLast.n} rounds (max ${ms(rounds.reduce((a, b) => Math.max(a, b)))})`,
      afterLast.median <= 300,
    );
    const withBig = memoryOf(s.proc.pid!);
    const checking = childMemory(s.proc.pid!);
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: bigUri } });
    await s.diagnostics(uri); // the close is handled: the background thread ends with the last large report
    await new Promise((r) => setTimeout(r, 200));
    const closed = memoryOf(s.proc.pid!);

    out(
      `  server memory, 20 reports open (${size(doc.bytes + others.reduce((a, o) => a + o.bytes, 0))} of text), after the edits above: VmRSS ${mib(mem.rss)} MB, peak VmHWM ${mib(mem.peak)} MB`,
    );
    out(
      `  with the 1 MB report open too, after typing into it: VmRSS ${mib(withBig.rss)} MB (peak ${mib(withBig.peak)} MB), and ${mib(checking.rss)} MB (peak ${mib(checking.peak)} MB) the process checking it; after closing it: ${mib(closed.rss)} MB and ${childrenOf(s.proc.pid!).length} other processes`,
    );
    target('Editor: server memory, 20 reports open, ≤ 100 MB', `${mib(mem.rss)} MB (peak ${mib(mem.peak)} MB)`, mem.peak <= 100 * MB);
    if (serverFlags.length) {
      const plain = await withoutFlags(doc, others, timed.n + 100);
      out(
        `  the same without ${serverFlags.join(' ')}: VmRSS ${mib(plain.rss)} MB, peak ${mib(plain.peak)} MB; didChange → diagnostics ${ms(plain.edit.median)} ms (p95 ${ms(plain.edit.p95)})`,
      );
    }
  } finally {
    s.close();
  }
  return { initialize: init.median, firstInitialize: first.median };
}

/** The memory and edit latency of a server started with Node's defaults, for comparison. */
async function withoutFlags(doc: Sample, others: Sample[], edits: number) {
  const s = await startServer(0, []);
  try {
    const uri = reportUri(doc.name);
    for (const o of [doc, ...others]) {
      await s.open(reportUri(o.name), o.text);
      await s.diagnostics(reportUri(o.name));
    }
    const editor = new Editor(s, uri, doc.text);
    const edit = await timeAsync(() => editor.edit(), { warmup: 0, minRuns: edits, maxRuns: edits, budgetMs: 0 });
    return { ...memoryOf(s.proc.pid!), edit };
  } finally {
    s.close();
  }
}

/** One-character edits of a table cell (上年结转 总计), back and forth, each followed by a pull. */
class Editor {
  private version = 1;
  private readonly at: { line: number; character: number; digit: string };
  private readonly other: string;
  constructor(
    readonly server: Server,
    readonly uri: string,
    text: string,
  ) {
    this.at = tableDigit(text);
    this.other = this.at.digit === '9' ? '8' : String(Number(this.at.digit) + 1);
  }
  /** sends the next edit; the text is back as it was after every second one */
  async change(): Promise<void> {
    this.version++;
    const { line, character } = this.at;
    await this.server.change(
      this.uri,
      this.version,
      { start: { line, character }, end: { line, character: character + 1 } },
      this.version % 2 ? this.at.digit : this.other,
    );
  }
  /** an edit and the diagnostics for it; resolves to their number */
  async edit(): Promise<number> {
    await this.change();
    return (await this.server.diagnostics(this.uri)).length;
  }
}

/**
 * Keystrokes `gap` ms apart, each followed by a pull made the way vscode-languageclient makes them
 * (lib/common/diagnostic.js, the same in 9.0.1 and 11.0.0): one pull at a time for a document; a
 * keystroke cancels the pull still open and, once that is answered, pulls again. 11 drops the answer
 * to a cancelled pull and keeps showing the diagnostics it had; 9 showed a cancelled pull as no
 * diagnostics until the next answer (microsoft/vscode-languageserver-node#1471), a flicker of the
 * underlines at every cancelled pull. The last answer is compared with a pull made once all is quiet:
 * a difference would be diagnostics shown for a text that is no longer there.
 */
async function typing(editor: Editor, keys: number, gap: number) {
  const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
  let pulls = 0;
  let cancelled = 0;
  let lastAnswer = 0;
  let lastItems: unknown[] = [];
  let open: { source: InstanceType<typeof CancellationTokenSource>; again: boolean; done: Promise<void> } | undefined;
  const start = (): void => {
    pulls++;
    const source = new CancellationTokenSource();
    const req = { source, again: false, done: Promise.resolve() };
    req.done = editor.server.conn
      .sendRequest<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri: editor.uri } }, source.token)
      .then(
        (r) => {
          if (source.token.isCancellationRequested) cancelled++;
          else [lastAnswer, lastItems] = [performance.now(), r.items];
        },
        () => void cancelled++,
      )
      .then(() => {
        open = undefined;
        if (req.again) start();
      });
    open = req;
  };
  const pull = () => {
    if (!open) return start();
    open.source.cancel();
    open.again = true;
  };
  let lastKey = 0;
  for (let i = 0; i < keys; i++) {
    await editor.change();
    lastKey = performance.now();
    pull();
    await new Promise((r) => setTimeout(r, gap));
  }
  while (open) await open.done;
  const quiet = await editor.server.diagnostics(editor.uri);
  const stale =
    JSON.stringify(quiet) === JSON.stringify(lastItems) ? '' : ' (STALE: the last answer differs from the diagnostics of the text)';
  return { pulls, cancelled, afterLast: lastAnswer - lastKey, stale };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const out = (line = '') => process.stdout.write(line + '\n');
  const targets: { target: string; measured: string; ok: boolean }[] = [];
  out(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const c = corpus();
  await server(
    { corpus: c.filter((x) => x.name !== 'suqian-city-2024'), r20k: report20k(), r1mb: synthetic(1 * MB, 'synthetic-1mb') },
    { out, quick, target: (target, measured, ok) => targets.push({ target, measured, ok }) },
  );
  out();
  out(
    `Targets; load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const width = Math.max(...targets.map((t) => t.target.length));
  for (const t of targets) out(`  ${t.ok ? 'met   ' : 'MISSED'}  ${t.target.padEnd(width)} ${t.measured}`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  });
}
