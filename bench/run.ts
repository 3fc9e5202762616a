import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { server } from './editor';
import { corpus, KB, MB, report20k, root, synthetic, type Sample } from './reports';
import { mib, ms, size, summarize, time, type Timing, type TimeOptions } from './timing';
import { markdownlint, markdownlintVersion, nianbao, stages } from './tools';
import { wholeProcess } from './wholeProcess';

// `npm run bench`: how fast the checker is, stage by stage, in the language server, and next to
// markdownlint on the same texts. Prints figures; asserts nothing (a benchmark, not a timed test).

const quick = process.argv.includes('--quick'); // fewer and shorter runs, for trying the script out
const budget = (msBudget: number) => (quick ? msBudget / 4 : msBudget);

const out = (s = '') => process.stdout.write(s + '\n');
const pad = (s: string | number, n: number) => String(s).padStart(n);
const padEnd = (s: string | number, n: number) => String(s).padEnd(n);
const mbps = (bytes: number, t: Timing) => (bytes / MB / (t.median / 1000)).toFixed(1);

interface Result {
  target: string;
  measured: string;
  ok: boolean;
}
const targets: Result[] = [];
const target = (t: string, measured: string, ok: boolean) => targets.push({ target: t, measured, ok });

function machine(): void {
  const cpu = cpus();
  out(`nianbao benchmark, ${new Date().toISOString()}`);
  out(
    `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? '?'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${process.platform} ${process.arch}, Node ${process.version}`,
  );
  out(
    `load average before the run: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (1, 5, 15 min; other work on the machine slows every figure below)`,
  );
  out(`compared with: markdownlint ${markdownlintVersion()} (all default rules, synchronous API)`);
  out('sizes: KB = 1024 bytes, MB = 1024 × 1024 bytes of UTF-8 text; MB/s likewise; times in ms, median of n runs after warm-up');
}

// ---------- 1. time per check ----------

/** Options by text size: small texts run many times, the 10 MB ones a few. */
function runsFor(bytes: number, slowTool = false): TimeOptions {
  if (bytes >= 5 * MB)
    return slowTool ? { warmup: 1, minRuns: quick ? 1 : 3, budgetMs: 0 } : { warmup: 2, minRuns: quick ? 2 : 7, budgetMs: budget(3000) };
  if (bytes >= 500 * KB) return { warmup: 3, minRuns: quick ? 3 : 7, budgetMs: budget(slowTool ? 2000 : 3000) };
  return { warmup: 30, warmupMs: 300, minRuns: 20, budgetMs: budget(slowTool ? 250 : 400) };
}

interface Row {
  sample: Sample;
  schema?: string;
  mine: Timing;
  theirs: Timing;
}

function checkRow(sample: Sample): Row {
  const mine = time(() => nianbao(sample.text), runsFor(sample.bytes));
  const theirs = time(() => markdownlint(sample.text), runsFor(sample.bytes, true));
  return { sample, schema: stages(sample.text).schema, mine, theirs };
}

function printRow(label: string, bytes: number, schema: string | undefined, mine: Timing, theirs: Timing): void {
  out(
    `${padEnd(label, 44)}${pad(size(bytes), 10)}  ${padEnd(schema ?? '-', 9)}${pad(ms(mine.median), 9)}${pad(ms(mine.min), 9)}${pad(ms(mine.p95), 9)}${pad(ms(mine.cpu), 9)}${pad(mbps(bytes, mine), 8)}${pad(mine.n, 6)}` +
      `${pad(ms(theirs.median), 10)}${pad(mbps(bytes, theirs), 8)}${pad(theirs.n, 5)}${pad((theirs.median / mine.median).toFixed(1) + '×', 9)}`,
  );
}

function checks(samples: { corpus: Sample[]; big: Sample[] }): Row[] {
  out();
  out('1. Time per check: nianbao engine (checkReport: parse, detect, bind, all rules) and markdownlint on the same text');
  out('   median, min, p95 of n runs (ms); cpu = median CPU time of the process per run; MB/s from the median;');
  out("   mdlint = markdownlint's median; mdlint÷ = how many times longer markdownlint takes");
  out(
    `${padEnd('text', 44)}${pad('size', 10)}  ${padEnd('schema', 9)}${pad('median', 9)}${pad('min', 9)}${pad('p95', 9)}${pad('cpu', 9)}${pad('MB/s', 8)}${pad('n', 6)}${pad('mdlint', 10)}${pad('MB/s', 8)}${pad('n', 5)}${pad('mdlint÷', 9)}`,
  );
  const rows: Row[] = [];
  // the code is compiled and optimised on all kinds of report first, so that the first rows are not the slow ones
  for (let i = 0; i < 20; i++) for (const s of samples.corpus) nianbao(s.text);
  for (const s of samples.corpus) {
    const r = checkRow(s);
    rows.push(r);
    printRow(`corpus/${s.name}`, s.bytes, r.schema, r.mine, r.theirs);
  }
  // the whole corpus as a reviewer checks it: every report once, in one pass
  const all = samples.corpus;
  const bytes = all.reduce((a, s) => a + s.bytes, 0);
  const mine = time(() => all.forEach((s) => nianbao(s.text)), { warmup: 5, minRuns: 10, budgetMs: budget(1000) });
  const theirs = time(() => all.forEach((s) => markdownlint(s.text)), { warmup: 3, minRuns: 5, budgetMs: budget(1000) });
  printRow(`corpus, all ${all.length} reports in one pass`, bytes, 'mixed', mine, theirs);
  for (const s of samples.big) {
    const r = checkRow(s);
    rows.push(r);
    printRow(s.name, s.bytes, r.schema, r.mine, r.theirs);
  }
  return rows;
}

// ---------- 2. stages ----------

function stageCosts(samples: Sample[], totals: Timing[]): void {
  out();
  out("2. Cost of each stage (median ms, each stage timed alone on the previous stage's output)");
  out('   prose = the figures of the prose with their clauses, shared by the prose rules (also inside "rules");');
  out("   rules = all rules, with the analyses they share; rest = the check's median minus the stages (sorting, directives, noise)");
  out(
    `${padEnd('text', 20)}${pad('parse', 9)}${pad('detect', 9)}${pad('bind', 9)}${pad('prose', 9)}${pad('rules', 9)}${pad('rest', 9)}${pad('check', 9)}   lines   rows headings`,
  );
  const perRule = new Map<string, number[]>();
  samples.forEach((s, k) => {
    const st = stages(s.text);
    const o = runsFor(s.bytes);
    const parse = time(st.parse, o).median;
    const detect = time(st.detect, o).median;
    const bind = st.bind ? time(st.bind, o).median : 0;
    const prose = time(st.prose, o).median;
    const rules = st.rules ? time(st.rules, o).median : 0;
    const total = totals[k].median;
    const m = st.model;
    out(
      `${padEnd(s.name, 20)}${pad(ms(parse), 9)}${pad(ms(detect), 9)}${pad(ms(bind), 9)}${pad(ms(prose), 9)}${pad(ms(rules), 9)}${pad(ms(Math.max(0, total - parse - detect - bind - rules)), 9)}${pad(ms(total), 9)}   ${pad(m.lines.length, 6)} ${pad(m.rows.length, 6)} ${pad(m.headings.length, 7)}`,
    );
    for (const r of st.rule) {
      const t = time(r.run, { ...o, budgetMs: (o.budgetMs ?? 0) / 4 }).median;
      perRule.set(r.id, [...(perRule.get(r.id) ?? []), t]);
    }
  });
  out(`  each rule alone, with the analyses it needs (median ms), costliest first: ${samples.map((s) => s.name).join(' / ')}`);
  const sorted = [...perRule].sort((a, b) => b[1][b[1].length - 1] - a[1][a[1].length - 1]);
  for (const [id, v] of sorted) out(`    ${padEnd(id, 26)}${v.map((x) => pad(ms(x), 9)).join('')}`);
}

// ---------- 3. memory ----------

function memoryChild(tool: string, which: string): { baseline: number; peak: number; heap: number } {
  const json = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'memory.ts'), tool, which], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(json.trim().split('\n').pop()!);
}

function memory(): void {
  out();
  out('3. Peak memory of one check (fresh process each; resident memory, /proc VmHWM, above the process before the check)');
  out(`${padEnd('text', 20)}${pad('nianbao peak', 14)}${pad('+ over base', 13)}${pad('mdlint peak', 14)}${pad('+ over base', 13)}`);
  const kinds: [string, string][] = [
    ['report-20k', '20k'],
    ['synthetic-1mb', '1mb'],
    ['synthetic-10mb', '10mb'],
  ];
  for (const [name, which] of kinds) {
    const a = memoryChild('nianbao', which);
    const b = memoryChild('markdownlint', which);
    out(
      `${padEnd(name, 20)}${pad(mib(a.peak) + ' MB', 14)}${pad('+' + mib(a.peak - a.baseline) + ' MB', 13)}${pad(mib(b.peak) + ' MB', 14)}${pad('+' + mib(b.peak - b.baseline) + ' MB', 13)}`,
    );
  }
  out('  (the base, ~100 MB, is Node with the TypeScript loader used to run the benchmark, plus the text)');
}

// ---------- 4. language server: bench/editor.ts ----------

// ---------- 5. activation and package ----------

function clientLoad(): number {
  // Loads the client bundle in a fresh Node with a stand-in for the `vscode` module: the cost of
  // reading and compiling dist/client.js, not VS Code's own activation work.
  const script = `
    const Module = require('module'); const load = Module._load;
    const stub = new Proxy(function () {}, { get: (t, k) => (k === 'prototype' ? {} : stub), apply: () => stub, construct: () => stub });
    Module._load = function (req, ...rest) { return req === 'vscode' ? stub : load.call(this, req, ...rest); };
    const t = performance.now(); const ext = require(process.argv[1]);
    if (typeof ext.activate !== 'function') throw new Error('no activate');
    process.stdout.write(String(performance.now() - t));`;
  const runs: number[] = [];
  for (let i = 0; i < 5; i++)
    runs.push(Number(execFileSync(process.execPath, ['-e', script, join(root, 'dist', 'client.js')], { encoding: 'utf8' })));
  return summarize(runs).median;
}

function activation(initialize: number, firstInitialize: number): void {
  out();
  out('5. Activation (measured without VS Code: what the extension itself costs)');
  const load = clientLoad();
  out(`  load dist/client.js (fresh Node, vscode module stubbed)    ${pad(ms(load), 8)} ms   (median of 5)`);
  out(
    `  spawn server → initialize response                         ${pad(ms(initialize), 8)} ms   (from its code cache; the first start ${ms(firstInitialize)} ms)`,
  );
  out(
    `  sum: the extension's share of activation                   ${pad(ms(load + initialize), 8)} ms   (VS Code's extension host and the client handshake add to it)`,
  );
  target('activation < 200 ms (client load + server initialize)', `${ms(load + initialize)} ms`, load + initialize < 200);
  for (const f of ['client.js', 'server-main.js']) {
    const p = join(root, 'dist', f);
    if (existsSync(p)) out(`  dist/${f}: ${size(statSync(p).size)}`);
  }
  const vsix = join(root, 'nianbao.vsix');
  if (existsSync(vsix)) {
    const st = statSync(vsix);
    out(`  nianbao.vsix: ${size(st.size)} (made by npm run package at ${st.mtime.toISOString()})`);
    target('packaged .vsix < 1.5 MB', size(st.size), st.size < 1.5 * MB);
  } else out('  nianbao.vsix: not built (npm run package)');
}

// ---------- 6. command line ----------

/** A reviewer's folder: the corpus copied into `copies` sub-folders (made here, removed after), checked by bin/nianbao.js. */
function commandLine(samples: Sample[], copies: number): void {
  out();
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
  try {
    let bytes = 0;
    for (let i = 0; i < copies; i++) {
      const sub = join(dir, `office-${String(i).padStart(3, '0')}`);
      mkdirSync(sub);
      for (const s of samples) {
        writeFileSync(join(sub, `${s.name}.txt`), s.text);
        bytes += s.bytes;
      }
    }
    const files = copies * samples.length;
    const runs: number[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [join(root, 'bin', 'nianbao.js'), 'check', '--format', 'json', dir], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      runs.push(performance.now() - t);
      if (r.status !== 0 && r.status !== 1) throw new Error(`nianbao check failed (${r.status}): ${r.stderr}`);
    }
    const t = summarize(runs);
    out(
      `6. Command line: nianbao check --format json on a folder of ${files} reports (${size(bytes)}; the corpus ×${copies}), a fresh process each time`,
    );
    out(
      `  ${ms(t.median)} ms (median of ${t.n}): ${((files / t.median) * 1000).toFixed(0)} reports/s, ${(bytes / MB / (t.median / 1000)).toFixed(1)} MB/s, Node's start and the reading of the files included`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- main ----------

async function main(): Promise<void> {
  machine();
  const c = corpus();
  const r20k = report20k();
  const big = [r20k, synthetic(1 * MB, 'synthetic-1mb'), synthetic(10 * MB, 'synthetic-10mb')];
  out(
    `texts: ${c.length} corpus reports (${size(c.reduce((a, s) => a + s.bytes, 0))}); report-20k = suqian-city-2024 + prose of its 2023 report; synthetic-* = the corpus reports one after another, cut at a line end`,
  );

  const rows = checks({ corpus: c, big });
  const [t20, t1, t10] = big.map((s) => rows.find((r) => r.sample === s)!);
  const largestCorpus = rows.filter((r) => c.includes(r.sample)).sort((a, b) => b.mine.median - a.mine.median)[0];
  target(
    '20 KB report checked in < 2 ms',
    `${ms(t20.mine.median)} ms (cpu ${ms(t20.mine.cpu)}; slowest corpus report ${ms(largestCorpus.mine.median)}, ${largestCorpus.sample.name})`,
    t20.mine.median < 2,
  );
  const cpuMbps = (r: Row) => (r.sample.bytes / MB / (r.mine.cpu / 1000)).toFixed(1);
  target(
    'Engine: ≥ 40 MB/s on the synthetic 1 MB and 10 MB reports',
    `${mbps(t1.sample.bytes, t1.mine)} / ${mbps(t10.sample.bytes, t10.mine)} MB/s (by cpu time ${cpuMbps(t1)} / ${cpuMbps(t10)})`,
    Number(mbps(t1.sample.bytes, t1.mine)) >= 40 && Number(mbps(t10.sample.bytes, t10.mine)) >= 40,
  );
  const ratio = t10.mine.median / t1.mine.median;
  target(
    'Engine: linear, 10 MB within 12× the time of 1 MB',
    `${ratio.toFixed(1)}× (by cpu time ${(t10.mine.cpu / t1.mine.cpu).toFixed(1)}×; ${(t10.sample.bytes / t1.sample.bytes).toFixed(1)}× the text)`,
    ratio <= 12,
  );

  stageCosts(big, [t20.mine, t1.mine, t10.mine]);
  memory();
  const { initialize, firstInitialize } = await server(
    { corpus: c.filter((s) => s.name !== 'suqian-city-2024'), r20k, r1mb: big[1] },
    { out, target, quick },
  );
  activation(initialize, firstInitialize);
  commandLine(c, quick ? 5 : 46);
  out();
  wholeProcess(c, { r20k, r1mb: big[1], r10mb: big[2] }, quick, out, target);

  out();
  out(
    `Targets (issue 12's: engine, editor, whole process, start-up; the others from issue 7); load average after the run: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const width = Math.max(...targets.map((t) => t.target.length));
  for (const t of targets) out(`  ${t.ok ? 'met   ' : 'MISSED'}  ${padEnd(t.target, width)} ${t.measured}`);
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
