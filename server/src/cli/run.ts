import * as fs from 'fs';
import * as path from 'path';
import { defaults, type Config } from '../config';
import { findConfigFile, isIgnored, parseConfigFile, type ConfigFile } from '../configFile';
import { computeKeys, nameKeys, pairKeyed, type OfficeKeys } from '../previous';
import type { CheckJob } from './checkFile';
import { expandInputs, looksLikeReport, readHead, type Problem } from './files';

// Which reports a command line names, the configuration of each, and which report is last year's of
// which: the jobs of a run. Files are looked at concurrently, and only their beginnings are read here.

export interface Plan {
  jobs: CheckJob[];
  /** paths that could not be used, each with why */
  problems: { path: string; problem: Problem }[];
}

export interface PlanOptions {
  /** what the command line's flags set, over every configuration file */
  flags: Partial<Pick<Config, 'schema' | 'deadline'>>;
  /** --previous: last year's reports, files or folders, to pair with when names or titles alone don't tell */
  previous?: string[];
  /** false: no configuration file is looked for (--no-config) */
  configFiles?: boolean;
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
  const out: Plan = { jobs: [], problems: [...missing.map((p) => ({ path: p, problem: notFound })), ...problems] };
  const configs = configLookup(options.configFiles !== false, out.problems);
  const heads = await mapLimited(inputs, CONCURRENT_READS, async (input) => ({ input, head: await readHead(input.path) }));
  const reports: Keyed[] = [];
  for (const { input, head } of heads) {
    if (!('text' in head)) {
      // a file met while searching a folder that is not a text report is passed over quietly; one that cannot be read is told
      if (input.explicit || !head.quiet) out.problems.push({ path: input.path, problem: head.problem });
      continue;
    }
    // a Word file, PDF or web page found in a folder is told a report or not once it is read (checkFile)
    if (!input.explicit && !head.document && !looksLikeReport(input.path, head.text)) continue;
    if (isIgnored(input.path, configs(path.dirname(input.path)))) continue;
    const keys = head.document ? nameKeys(input.path) : computeKeys({ path: input.path, text: head.text });
    reports.push({ path: input.path, keys, explicit: input.explicit });
  }
  const previous = await pairPrevious(reports, options.previous ?? [], out.problems);
  out.jobs = reports.map((r) => {
    const file = configs(path.dirname(r.path));
    const config = { ...(file?.config ?? defaults), ...options.flags };
    return {
      path: r.path,
      explicit: r.explicit ?? true,
      previous: previous.get(r.path),
      config: {
        schema: config.schema,
        rules: config.rules,
        deadline: config.deadline,
        repeatedTextWarnAt: config.repeatedTextWarnAt,
        ...(file?.office ? { office: file.office } : {}),
      },
    };
  });
  return out;
}

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
  return (dir) => {
    if (!enabled) return undefined;
    if (byDir.has(dir)) return byDir.get(dir);
    const found = findConfigFile(dir, disk);
    let parsed = found && byFile.get(found.path);
    if (found && !parsed) {
      parsed = parseConfigFile(found.path, found.text, defaults);
      byFile.set(found.path, parsed);
      for (const p of parsed.problems) problems.push({ path: `${found.path}:${p.line + 1}:${p.character + 1}`, problem: p.message });
    }
    byDir.set(dir, parsed);
    return parsed;
  };
}

const notFound: Problem = { zh: '找不到该文件或文件夹', en: 'no such file or folder' };
