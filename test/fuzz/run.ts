import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseDocuments, docOf, docSpec, root, type DocSpec } from './documents';
import { Checker, DEFAULT_OPTIONS, PROPERTIES, Tally, Violation } from './properties';
import { shapes } from './shapes';

// The fuzz run. `npm run test:fuzz`: bounded (under a minute here), seeded, the same documents every
// time; fails on the first broken property. `npm run fuzz:long`: as long as asked, a new seed each
// time unless given, keeps going after a failure and writes each failing case into test/fixtures/fuzz/.
//
//   node --import tsx test/fuzz/run.ts [--seed N] [--runs N] [--seconds S] [--long] [--no-shapes]
//
// To replay a failure: the same --seed (and --runs) as printed, or the saved fixture (test/fixtures/fuzz/).

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const long = args.includes('--long');
const seed = Number(opt('seed') ?? (long ? Date.now() % 2 ** 31 : 20261126));
const seconds = Number(opt('seconds') ?? (long ? 600 : 35));
const runs = Number(opt('runs') ?? (long ? 1_000_000 : 400));
const fixturesDir = join(root, 'test', 'fixtures', 'fuzz');
const currentFile = join(tmpdir(), 'nianbao-fuzz-current.json');
const out = (s = '') => process.stdout.write(s + '\n');

// A check that never ends cannot be caught from inside: it holds the only thread. So the run is a child
// process, and this one watches the file where the child writes what it is checking: when that file has
// not changed for HANG_SECONDS, the child is ended, and the document it hung on is shown (and, in a long
// run, saved as a fixture).
const HANG_SECONDS = 120;
if (!args.includes('--child')) watch();

function watch(): void {
  writeFileSync(currentFile, '{}\n');
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...args, '--seed', String(seed), '--child'], {
    stdio: 'inherit',
  });
  const timer = setInterval(() => {
    if (Date.now() - statSync(currentFile).mtimeMs < HANG_SECONDS * 1000) return;
    clearInterval(timer);
    child.kill('SIGKILL');
    const current = JSON.parse(readFileSync(currentFile, 'utf8')) as { spec?: DocSpec; what?: string };
    out(
      `FAIL bounded-time: a check did not end within ${HANG_SECONDS} s, on ${current.what ?? 'a document'}: ${JSON.stringify(current).slice(0, 2000)}`,
    );
    if (long && current.spec) save(current.spec, new Violation('bounded-time', `the check never ended (${HANG_SECONDS} s)`), 'hang');
    process.exitCode = 1;
  }, 5000);
  child.on('exit', (code) => {
    clearInterval(timer);
    if (process.exitCode === undefined) process.exitCode = code ?? 1;
  });
}

/** Written before each check: what the watching process shows if the check never ends. */
function current(what: string, spec?: DocSpec): void {
  writeFileSync(currentFile, JSON.stringify({ what, seed, spec }) + '\n');
}

const tally = new Tally();
const checker = new Checker(tally, long ? { ...DEFAULT_OPTIONS, fixesPerDoc: 20, editorProbes: 8 } : DEFAULT_OPTIONS);
const started = performance.now();
const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
let failures = 0;

// ---------- 1. the failing cases found before, kept as fixtures ----------

function replayFixtures(): void {
  let files: string[] = [];
  try {
    files = readdirSync(fixturesDir).filter((f) => /\.(txt|md)$/.test(f) && f !== 'README.md');
  } catch (e) {
    // the fixtures are the failures found before: a run that cannot read them must not pass as if they held
    failures++;
    out(`FAIL fixtures: ${fixturesDir} cannot be read (${(e as Error).message})`);
  }
  if (!files.length && !failures) {
    failures++;
    out(`FAIL fixtures: none in ${fixturesDir}; the failing cases found before are kept there`);
  }
  for (const f of files.sort()) {
    try {
      current(`fixture ${f}`);
      const text = readFileSync(join(fixturesDir, f), 'utf8');
      // a text that once took too long is timed and checked once; the rest get every property
      if (f.startsWith('bounded-time')) checker.checkLarge(text);
      else checker.checkDocument(text);
    } catch (e) {
      failures++;
      out(`FAIL fixture ${f}: ${(e as Error).message}`);
    }
  }
  out(`fixtures: ${files.length} replayed from test/fixtures/fuzz/ (${elapsed()} s)`);
}

// ---------- 2. pathological shapes at growing sizes: no hang, cost about linear ----------

function runShapes(): void {
  const sizes = long ? [250_000, 1_000_000, 4_000_000] : [50_000, 200_000];
  for (const shape of shapes) {
    const times: number[] = [];
    for (const size of sizes) {
      current(`shape ${shape.name} at ${size}`);
      const text = shape.make(size);
      try {
        times.push(checker.checkLarge(text));
        // the whole set of properties, fixes included, on the smallest of each shape
        if (size === sizes[0]) checker.checkDocument(text);
      } catch (e) {
        failures++;
        out(`FAIL shape ${shape.name} at ${size}: ${(e as Error).message.slice(0, 2000)}`);
        if (long) save({ madeUp: text }, e as Error, `shape-${shape.name}`);
        break;
      }
    }
    // four times the text may cost about four times the time; twelve times means it is not linear. The
    // machine may be busy with other work: a bad ratio is measured again before it counts.
    const growth = sizes[sizes.length - 1] / sizes[0];
    const bad = () =>
      times.length === sizes.length && times[times.length - 1] > 1000 && times[times.length - 1] / Math.max(20, times[0]) > growth * 3;
    if (bad()) {
      times[0] = Math.min(times[0], checker.checkLarge(shape.make(sizes[0])));
      times[times.length - 1] = Math.min(times[times.length - 1], checker.checkLarge(shape.make(sizes[sizes.length - 1])));
    }
    const ratio = times[times.length - 1] / Math.max(20, times[0]);
    if (bad()) {
      failures++;
      out(
        `FAIL shape ${shape.name}: ${growth}× the text took ${ratio.toFixed(1)}× the time (${times.map((t) => t.toFixed(0)).join(' → ')} ms): not linear`,
      );
    }
    out(`shape ${shape.name.padEnd(24)} ${sizes.map((s, i) => `${(s / 1000).toFixed(0)}k: ${times[i]?.toFixed(0) ?? '-'} ms`).join(', ')}`);
  }
}

// ---------- 3. generated and mutated documents ----------

const previousOf = (i: number) => baseDocuments()[i % baseDocuments().length].text;

/** Fails the same property? (checked with a checker of its own, so the figures stay those of the run) */
function failsAs(text: string, property: string): boolean {
  try {
    new Checker(new Tally(), checker.options).checkDocument(text);
    return false;
  } catch (e) {
    return e instanceof Violation ? e.property === property : property === 'error';
  }
}

/** The failing text with as many of its lines removed as keep it failing the same way (at most 30 s). */
function minimize(text: string, property: string): string {
  const until = performance.now() + 30_000;
  let lines = text.split(/(?<=\n)/);
  for (let chunk = Math.max(1, lines.length >> 1); chunk >= 1 && performance.now() < until; chunk >>= 1)
    for (let i = 0; i < lines.length && performance.now() < until;) {
      const shorter = [...lines.slice(0, i), ...lines.slice(i + chunk)];
      if (shorter.length && failsAs(shorter.join(''), property)) lines = shorter;
      else i += chunk;
    }
  return lines.join('');
}

function save(spec: DocSpec, error: Error, name?: string): void {
  mkdirSync(fixturesDir, { recursive: true });
  const doc = docOf(spec as DocSpec);
  const property = error instanceof Violation ? error.property : 'error';
  const id = `${name ?? property}-${seed}-${Date.now().toString(36)}`;
  const small = property === 'bounded-time' ? doc.text : minimize(doc.text, property);
  writeFileSync(join(fixturesDir, `${id}.txt`), small);
  const meta = {
    seed,
    base: doc.base,
    mutations: doc.mutations,
    error: error.message.slice(0, 4000),
    found: 'npm run fuzz:long',
    replayed: 'npm run test:fuzz (every fixture here)',
  };
  writeFileSync(join(fixturesDir, `${id}.json`), JSON.stringify(meta, null, 2) + '\n');
  out(`  saved as test/fixtures/fuzz/${id}.txt (${small.length} of ${doc.text.length} UTF-16 units kept)`);
}

function generated(): { ran: number; interrupted: boolean } {
  const property = fc.property(docSpec(long ? 8 : 5), (spec) => {
    const doc = docOf(spec);
    current(`${doc.base} with ${doc.mutations.length} mutation(s), ${doc.text.length} UTF-16 units`, spec);
    // one document in five is checked with a "last year's report" too (another base document)
    checker.checkDocument(doc.text, 'from' in spec && spec.from % 5 === 0 ? previousOf(spec.from + 1) : undefined);
  });
  const deadline = performance.now() + seconds * 1000;
  let ran = 0;
  let interrupted = false;
  // one fast-check run per seed; the long run starts a new one after each failure, so it goes on
  for (let round = 0; performance.now() < deadline && ran < runs; round++) {
    const result = fc.check(property, {
      seed: seed + round,
      numRuns: runs - ran,
      interruptAfterTimeLimit: Math.max(1, deadline - performance.now()),
      markInterruptAsFailure: false,
      // no shrinking by fast-check (it is not bounded in time); a long run cuts the failing text down itself (minimize)
      endOnFailure: true,
    });
    ran += result.numRuns;
    interrupted = result.interrupted;
    if (!result.failed) break;
    failures++;
    const error = result.errorInstance as Error;
    const counterexample = result.counterexample?.[0] as DocSpec | undefined;
    out(`FAIL (seed ${seed + round}, path ${result.counterexamplePath}): ${error?.message?.slice(0, 3000)}`);
    if (counterexample) {
      const doc = docOf(counterexample);
      out(`  document: ${doc.base} with ${JSON.stringify(doc.mutations).slice(0, 1500)}`);
      if (long) save(counterexample, error);
    }
    if (!long) break;
  }
  return { ran, interrupted };
}

if (args.includes('--child')) runAll();

function runAll(): void {
  out(
    `nianbao fuzz run: ${long ? 'long' : 'bounded'}, seed ${seed}, up to ${runs} documents or ${seconds} s, ${baseDocuments().length} base documents`,
  );
  replayFixtures();
  if (!args.includes('--no-shapes')) runShapes();
  const { ran, interrupted } = generated();

  out('');
  out(`generated documents checked: ${ran}${interrupted ? ' (time limit reached)' : ''}`);
  out(`documents checked in all (with fixtures, shapes and fixed texts not counted): ${tally.documents}`);
  out(
    `engine runs: ${tally.checkRuns}, fixes applied one by one: ${tally.fixesApplied} (${tally.exempt} of them into an unclosed fence or comment, not asserted), findings seen: ${tally.findings}, text checked: ${(tally.bytes / 1e6).toFixed(1)} M UTF-16 units`,
  );
  out(`slowest check for its size: ${tally.slowest.ms.toFixed(0)} ms for ${tally.slowest.length} UTF-16 units`);
  out(`properties (${PROPERTIES.length}), times each held:`);
  for (const p of PROPERTIES) out(`  ${p.padEnd(22)} ${tally.checks.get(p)}`);
  out('findings (and fixes applied) by rule:');
  out(
    [...tally.rules]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(
        ([id, r]) =>
          `  ${id} ${r.findings}${r.fixes ? ` (${r.fixes} fixed; after ${tally.fixSideEffects.get(id) ?? 0} of them a new error elsewhere)` : ''}`,
      )
      .join('\n'),
  );
  out(`failures: ${failures}; ${elapsed()} s`);
  process.exitCode = failures ? 1 : 0;
}
