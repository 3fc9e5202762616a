import * as fs from 'fs';
import * as path from 'path';
import { defaults, type Config } from '../config';
import type { ConfigFile } from '../configFile';
import { computeKeys, nameKeys, pairKeyed, type OfficeKeys } from '../previous';
import type { CheckJob } from './checkFile';
import { expandInputs, looksLikeReport, readHead, type Problem } from './files';
import { runOf } from './pool';

// Which reports a command line names, the configuration of each, and which report is last year's of
// which: the jobs of a run. Files are read concurrently, each once: a text report read whole here is
// kept for its check (and for the check of next year's report), within a bound on memory.

export interface Plan {
  jobs: CheckJob[];
  /** paths that could not be used, each with why */
  problems: { path: string; problem: Problem }[];
  /** the texts read while planning, for the checks that use them */
  texts: TextStore;
}

/**
 * Texts read while planning, each kept until the last check that uses it (its own, and next year's
 * report's) takes it. Beyond a bound the rest are not kept, and are read again when they are checked.
 */
export class TextStore {
  private readonly texts = new Map<string, { text: string; uses: number }>();
  private room: number;
  constructor(bytes = KEPT_BYTES) {
    this.room = bytes;
  }
  /** whether a file of this many bytes may still be kept */
  hasRoomFor(bytes: number): boolean {
    return bytes <= this.room;
  }
  keep(file: string, text: string): void {
    if (this.texts.has(file) || text.length * 2 > this.room) return;
    this.room -= text.length * 2;
    this.texts.set(file, { text, uses: 0 });
  }
  /** how many checks will ask for a file's text: then it is let go */
  use(file: string): void {
    const kept = this.texts.get(file);
    if (kept) kept.uses++;
  }
  drop(file: string): void {
    const kept = this.texts.get(file);
    if (kept) (this.texts.delete(file), (this.room += kept.text.length * 2));
  }
  take(file: string | undefined): string | undefined {
    const kept = file === undefined ? undefined : this.texts.get(file);
    if (!kept) return undefined;
    if (--kept.uses <= 0) this.drop(file!);
    return kept.text;
  }
}

/** What the texts kept between planning and checking may take (UTF-16, two bytes a character): a thousand reports of 10 KB fit. */
const KEPT_BYTES = 32 * 1024 * 1024;

export interface PlanOptions {
  /** what the command line's flags set, over every configuration file */
  flags: Partial<Pick<Config, 'schema' | 'deadline'>>;
  /** --previous: last year's reports, files or folders, to pair with when names or titles alone don't tell */
  previous?: string[];
  /** false: no configuration file is looked for (--no-config) */
  configFiles?: boolean;
  /**
   * Told how many files the run has once they are found (and how many of them are documents: PDFs, Word files,
   * web pages), it may give back another way to work out the keys of a report for pairing (computeKeys in worker
   * threads), used while the files are read
   */
  keysOf?: (run: { files: number; documents: number }) => ((path: string, text: string) => Promise<OfficeKeys | undefined>) | undefined;
}

const CONCURRENT_READS = 32;

/** map over items with at most `limit` promises at a time, results in input order */
async function mapLimited<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

type Keyed = { path: string; keys: OfficeKeys | undefined; explicit?: boolean };

export async function planRun(paths: string[], options: PlanOptions): Promise<Plan> {
  const { inputs, missing, problems } = await expandInputs(paths);
  const texts = new TextStore();
  const out: Plan = { jobs: [], problems: [...missing.map((p) => ({ path: p, problem: notFound })), ...problems], texts };
  const configs = configLookup(options.configFiles !== false, out.problems);
  // one file named on the command line, no --previous: nothing to pair it with or to tell about it before its check
  if (inputs.length === 1 && inputs[0].explicit && !options.previous?.length) {
    const [r] = inputs;
    if (!isIgnored(r.path, configs(path.dirname(r.path)))) out.jobs.push(jobOf(r.path, true, undefined, configs, options));
    return out;
  }
  const keysOf = options.keysOf?.(runOf(inputs));
  const heads = await mapLimited(inputs, CONCURRENT_READS, async (input) => {
    const head = await readHead(input.path, texts.hasRoomFor(MAX_KEPT_FILE) ? MAX_KEPT_FILE : 0);
    if ('whole' in head && head.whole !== undefined) texts.keep(input.path, head.whole);
    return { input, head };
  });
  const reports: Keyed[] = [];
  const working: Promise<void>[] = [];
  for (const { input, head } of heads) {
    if (!('text' in head)) {
      // a file met while searching a folder that is not a text report is passed over quietly; one that cannot be read is told
      if (input.explicit || !head.quiet) out.problems.push({ path: input.path, problem: head.problem });
      continue;
    }
    // a Word file, PDF or web page found in a folder is told a report or not once it is read (checkFile)
    if (!input.explicit && !head.document && !looksLikeReport(input.path, head.text)) continue;
    if (isIgnored(input.path, configs(path.dirname(input.path)))) continue;
    const report: Keyed = { path: input.path, keys: undefined, explicit: input.explicit };
    if (head.document) report.keys = nameKeys(input.path);
    else if (keysOf) working.push(keysOf(input.path, head.text).then((keys) => void (report.keys = keys)));
    else report.keys = computeKeys({ path: input.path, text: head.text });
    reports.push(report);
  }
  await Promise.all(working);
  const previous = await pairPrevious(reports, options.previous ?? [], out.problems);
  out.jobs = reports.map((r) => jobOf(r.path, r.explicit ?? true, previous.get(r.path), configs, options));
  const checked = new Set(out.jobs.map((j) => j.path));
  for (const { input } of heads) if (!checked.has(input.path)) texts.drop(input.path);
  const lastYears = new Set(previous.values());
  for (const job of out.jobs) {
    if (lastYears.has(job.path)) job.keepAsPrevious = true;
    texts.use(job.path);
    if (job.previous) texts.use(job.previous);
  }
  return out;
}

function jobOf(
  file: string,
  explicit: boolean,
  previous: string | undefined,
  configs: (dir: string) => ConfigFile | undefined,
  options: PlanOptions,
): CheckJob {
  const configFile = configs(path.dirname(file));
  const config = { ...(configFile?.config ?? defaults), ...options.flags };
  return {
    path: file,
    explicit,
    previous,
    config: {
      schema: config.schema,
      rules: config.rules,
      deadline: config.deadline,
      repeatedTextWarnAt: config.repeatedTextWarnAt,
      ...(configFile?.office ? { office: configFile.office } : {}),
    },
  };
}

/** A text report up to this size is kept from planning to its check; a larger one is read again. */
const MAX_KEPT_FILE = 4 * 1024 * 1024;

/** isIgnored of configFile.ts, which is loaded only when a configuration file was found */
function isIgnored(report: string, file: ConfigFile | undefined): boolean {
  return file !== undefined && configFileModule().isIgnored(report, file);
}

const configFileModule = () => require('../configFile') as typeof import('../configFile');

/**
 * Last year's report of each: among the inputs and the --previous reports, by title or file name with
 * the year taken out; one --previous file for one report is paired whatever their names.
 */
async function pairPrevious(reports: Keyed[], given: string[], problems: Plan['problems']): Promise<Map<string, string>> {
  if (!given.length) return pairKeyed(reports);
  const expanded = await expandInputs(given);
  for (const m of expanded.missing) problems.push({ path: m, problem: notFound });
  problems.push(...expanded.problems);
  if (reports.length === 1 && expanded.inputs.length === 1 && given.length === 1 && !fs.statSync(given[0]).isDirectory())
    return new Map([[reports[0].path, expanded.inputs[0].path]]);
  const candidates: Keyed[] = [];
  for (const input of expanded.inputs) {
    const head = await readHead(input.path);
    if ('text' in head) candidates.push({ path: input.path, keys: computeKeys({ path: input.path, text: head.text }) });
    else if (input.explicit) problems.push({ path: input.path, problem: head.problem });
  }
  const pairs = pairKeyed([...reports, ...candidates]);
  // a report of the inputs is paired with its own year's predecessor first, then with a given one
  return new Map([...pairs].filter(([p]) => reports.some((r) => r.path === p)));
}

/** The configuration file of each folder, found upward once per folder and read once per file; its problems told once. */
function configLookup(enabled: boolean, problems: Plan['problems']): (dir: string) => ConfigFile | undefined {
  const byDir = new Map<string, ConfigFile | undefined>();
  const byFile = new Map<string, ConfigFile>();
  const disk = {
    readFile: (file: string) => (fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined),
  };
  const anyAbove = configFileAbove();
  return (dir) => {
    if (!enabled) return undefined;
    if (byDir.has(dir)) return byDir.get(dir);
    // configFile.ts (and the YAML parser) is loaded only where there is a configuration file to read
    const configFile = anyAbove(dir) ? configFileModule() : undefined;
    const found = configFile?.findConfigFile(dir, disk);
    let parsed = found && byFile.get(found.path);
    if (configFile && found && !parsed) {
      parsed = configFile.parseConfigFile(found.path, found.text, defaults);
      byFile.set(found.path, parsed);
      for (const p of parsed.problems) problems.push({ path: `${found.path}:${p.line + 1}:${p.character + 1}`, problem: p.message });
    }
    byDir.set(dir, parsed);
    return parsed;
  };
}

/** The names findConfigFile looks for (configFile.ts's CONFIG_FILE_NAMES; a test keeps them the same). */
export const CONFIG_NAMES = ['.nianbao.yaml', '.nianbao.yml', '.nianbao.json'];

/** Whether a folder or one above it has something by a configuration file's name; each folder looked at once. */
function configFileAbove(): (dir: string) => boolean {
  const known = new Map<string, boolean>();
  const above = (dir: string, depth: number): boolean => {
    let hit = known.get(dir);
    if (hit !== undefined) return hit;
    const up = path.dirname(dir);
    hit = CONFIG_NAMES.some((name) => fs.existsSync(path.join(dir, name))) || (up !== dir && depth < 64 && above(up, depth + 1));
    known.set(dir, hit);
    return hit;
  };
  return (dir) => above(path.resolve(dir), 0);
}

const notFound: Problem = { zh: '找不到该文件或文件夹', en: 'no such file or folder' };
