import { fstatSync, promises as fs } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Lang } from '../config';
import type { Schema } from '../engine';
import { HELP, parseCommandLine, UsageError, type CheckArgs } from './args';
import type { JobOptions } from './checkFile';
import { jsonWriter } from './formats/json';
import { summary, summaryKind, summaryNeedsTables, type SummaryKind } from './formats/summary-kinds';
import type { FileResult } from './results';
import { printFile } from './formats/printed';
import { textTotal, type TextCounts } from './formats/text';
import { defaultThreads, runJobs, runOf, serveJobs, WORKER_FLAG, WorkerPool } from './pool';
import { progressBar } from './progress';
import { fdOutput } from './output';
import { planRun, type Plan } from './run';
import { LONG_RUN_FILES, tuneForLongRun } from './tuning';

// What a plain check of text reports does not use is required where it is used (SARIF, the summaries,
// convert and new, schema files), so that it costs nothing at start-up.
const lazy = {
  sarif: () => require('./formats/sarif') as typeof import('./formats/sarif'),
  schemaFile: () => require('./schemaFile') as typeof import('./schemaFile'),
  writeCommands: () => require('./writeCommands') as typeof import('./writeCommands'),
};

// nianbao check [--format text|json] [--schema ID|PATH] [--deadline department|government] [--lang zh|en] PATH...
// Exit 0: no errors; 1: errors found; 2: bad usage or an input that could not be read.

type Out = (s: string) => void;

export async function main(
  argv: string[],
  out: Out = (s) => process.stdout.write(s + '\n'),
  err: Out = (s) => process.stderr.write(s + '\n'),
): Promise<number> {
  let args;
  try {
    args = parseCommandLine(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const help = HELP[langOf(argv)];
    err(e.message ? (e.showHelp ? `${e.message}\n${e.message.endsWith('\n') ? '' : '\n'}${help}` : e.message) : help);
    return 2;
  }
  if (args.command === 'convert') return lazy.writeCommands().convert(args, out, err);
  if (args.command === 'new') return lazy.writeCommands().newFromLastYear(args, out, err);
  if (args.command !== 'check') {
    out(args.command === 'version' ? VERSION : HELP[args.lang]);
    return 0;
  }
  return check(args, out, err);
}

/** The language of the help after a usage error: --lang if it was given right, else the environment's. */
function langOf(argv: string[]): Lang {
  const i = argv.indexOf('--lang');
  const given = i >= 0 ? argv[i + 1] : undefined;
  if (given === 'zh' || given === 'en') return given;
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^en/i.test(env) ? 'en' : 'zh';
}

async function check(args: CheckArgs, out: Out, err: Out): Promise<number> {
  const { lang } = args;
  let schema: Schema | undefined;
  if (args.schema) {
    const loaded = await lazy.schemaFile().loadSchemaArg(args.schema);
    if (loaded.error) {
      err(`nianbao: ${loaded.error}`);
      return 2;
    }
    schema = loaded.schema;
  }
  const flags = { ...(args.schema ? { schema: args.schema } : {}), ...(args.deadline ? { deadline: args.deadline } : {}) };
  const kind = args.summary ? summaryKind(args.summary) : undefined;
  // a worker thread sends back a file's output, or its findings where the run keeps them for SARIF or a summary
  const print = kind || args.format === 'sarif' ? undefined : args.format;
  const options: JobOptions = { schema, lang, fix: args.fix, withTables: kind ? summaryNeedsTables(kind) : false, print };
  // worker threads, where the run has files enough for them, start while it is planned, and help plan it
  let workers: WorkerPool | undefined;
  const script = workerScript();
  const keysOf = (run: { files: number; documents: number }) => {
    // told how many files the run has, before any worker thread starts: V8's flags are the whole process's
    // (worker threads then compile the checker without the code cache, made with the flags as they start)
    if (run.files >= LONG_RUN_FILES) tuneForLongRun();
    const threads = args.jobs ?? defaultThreads(run);
    if (threads <= 1 || !script) return undefined;
    // this thread checks too: the others are worker threads
    const pool = (workers = new WorkerPool(script, threads - 1, options));
    return (file: string, text: string) => pool.keysOf(file, text);
  };
  try {
    return await checkPlanned(
      args,
      out,
      err,
      await planRun(args.paths, { flags, previous: args.previous, configFiles: args.configFiles, keysOf }),
      options,
      kind,
      workers,
    );
  } finally {
    workers?.close();
  }
}

async function checkPlanned(
  args: CheckArgs,
  out: Out,
  err: Out,
  plan: Plan,
  options: JobOptions,
  kind: SummaryKind | undefined,
  started: WorkerPool | undefined,
): Promise<number> {
  const { lang } = args;
  const colon = lang === 'zh' ? '：' : ': ';
  let failed = plan.problems.length > 0;
  for (const p of plan.problems) err(`nianbao: ${p.path}${colon}${p.problem[lang]}`);
  // SARIF and the summaries are written once the run is over: they keep each report's findings, not its text
  const kept: FileResult[] = [];
  let fixedCount = 0;
  let fixedFiles = 0;
  // process.stderr (a stream object, with the modules it needs) is made only where a bar may be drawn: on a terminal
  const maybeTerminal = !args.quiet && plan.jobs.length > 1 && isCharacterDevice(2);
  const progress = progressBar(plan.jobs.length, maybeTerminal ? process.stderr : { isTTY: false, write: () => true }, lang, args.quiet);
  const counts: TextCounts = { files: 0, errors: 0, warnings: 0, others: 0 };
  let errors = false;
  const json = jsonWriter(out);
  // as many threads as the jobs found are worth (fewer than the files may be): those started already, or none
  const threads = args.jobs ?? defaultThreads(runOf(plan.jobs));
  if (started && threads <= 1) started.close();
  const pool = { threads, workerScript: workerScript(), texts: plan.texts, started: threads > 1 ? started : undefined };
  await runJobs(plan.jobs, options, pool, (index, outcome) => {
    progress.tick();
    if ('skipped' in outcome) return;
    if ('problem' in outcome) {
      err(`nianbao: ${plan.jobs[index].path}${colon}${outcome.problem[lang]}`);
      failed = true;
      return;
    }
    if (outcome.fixProblem) {
      err(`nianbao: ${plan.jobs[index].path}${colon}${outcome.fixProblem[lang]}`);
      failed = true;
    }
    if (outcome.diff) out(outcome.diff.trimEnd());
    if (outcome.fixed) ((fixedCount += outcome.fixed), fixedFiles++);
    const result = 'result' in outcome ? outcome.result : undefined;
    const printed = 'printed' in outcome ? outcome.printed : args.format === 'sarif' ? undefined : printFile(result!, args.format, lang);
    errors ||= printed ? printed.hasError : result!.diagnostics.some((d) => d.severity === 'error');
    // --fix-dry-run prints the diff alone, so that it can be saved and applied as a patch
    if (args.fix === 'dry-run') return;
    if (result && (args.format === 'sarif' || kind)) kept.push(result);
    if (!printed) return;
    if (args.format === 'json') json.addBlock(printed.lines[0]);
    else for (const line of printed.lines) out(line);
    counts.files += printed.counts.files;
    counts.errors += printed.counts.errors;
    counts.warnings += printed.counts.warnings;
    counts.others += printed.counts.others;
  });
  progress.done();
  if (args.fix)
    err(
      lang === 'zh'
        ? args.fix === 'dry-run'
          ? `可以修复 ${fixedFiles} 个文件中的 ${fixedCount} 处问题（未修改文件）`
          : `已修复 ${fixedFiles} 个文件中的 ${fixedCount} 处问题；下面是剩下的问题`
        : args.fix === 'dry-run'
          ? `Would fix ${fixedCount} problem(s) in ${fixedFiles} file(s) (no file changed)`
          : `Fixed ${fixedCount} problem(s) in ${fixedFiles} file(s); what is left follows`,
    );
  if (args.fix === 'dry-run') return failed ? 2 : 0;
  if (args.format === 'json') json.end();
  else if (args.format === 'sarif')
    out(lazy.sarif().sarif(kept, { lang, version: VERSION, docsBase: packageRoot(), root: pathToFileURL(process.cwd() + path.sep).href }));
  else if (args.format === 'text') out(textTotal(counts, lang));
  if (kind && args.summary) {
    try {
      await fs.writeFile(args.summary, await summary(kind, kept, { lang, docsBase: packageRoot() }));
    } catch (e) {
      err(
        `nianbao: ${args.summary}${colon}${lang === 'zh' ? '无法写入汇总' : 'the summary could not be written'} (${(e as Error).message})`,
      );
      failed = true;
    }
  }
  if (failed) return 2;
  return errors ? 1 : 0;
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

/** The folder the package is installed in (dist/ is one level below), where docs/rules/ is, as a file URI. */
function packageRoot(): string {
  return pathToFileURL(path.join(__dirname, '..') + path.sep).href;
}

/**
 * The bundle itself runs the worker threads, loaded as bin/nianbao.js loads it (with its code cache); from
 * the TypeScript sources (tests), everything runs in one thread.
 */
function workerScript(): string | undefined {
  return __filename.endsWith('.js') ? path.join(__dirname, '..', 'bin', 'nianbao.js') : undefined;
}

declare const NIANBAO_VERSION: string;
const VERSION = typeof NIANBAO_VERSION === 'string' ? NIANBAO_VERSION : 'dev';

/** Entry point of bin/nianbao.js. */
export function run(): void {
  // output piped into a program that stops reading (| head): stop quietly, as other tools do
  const output = fdOutput(() => process.exit(process.exitCode ?? 0));
  process.on('exit', () => output.flush());
  main(process.argv.slice(2), output.out, output.err).then(
    (code) => {
      output.flush();
      process.exitCode = code;
    },
    (e) => {
      output.err(`nianbao: ${(e as Error).stack ?? e}`);
      process.exitCode = 2;
    },
  );
}

// a worker thread of a run (pool.ts) is started with this flag; worker_threads is loaded only there
if (process.argv.includes(WORKER_FLAG)) {
  const { isMainThread, parentPort, workerData } = require('worker_threads') as typeof import('worker_threads');
  if (!isMainThread && workerData?.nianbaoWorker && parentPort) {
    if (workerData.tuned) tuneForLongRun();
    serveJobs(parentPort, workerData.options as JobOptions);
  }
}
