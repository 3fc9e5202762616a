import { computeKeys, pairKeyed, type OfficeKeys } from '../previous';
import type { CheckJob } from './checkFile';
import { expandInputs, looksLikeReport, readHead, type Problem } from './files';

// Which reports a command line names, and which of them is last year's report of which: the jobs of a
// run. The files are looked at concurrently and only their beginnings are read here.

export interface Plan {
  jobs: CheckJob[];
  /** paths that could not be used, each with why */
  problems: { path: string; problem: Problem }[];
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

export async function planRun(paths: string[]): Promise<Plan> {
  const { inputs, missing, problems } = await expandInputs(paths);
  const out: Plan = { jobs: [], problems: [...missing.map((path) => ({ path, problem: notFound })), ...problems] };
  const heads = await mapLimited(inputs, CONCURRENT_READS, async (input) => ({ input, head: await readHead(input.path) }));
  const reports: { path: string; keys: OfficeKeys | undefined }[] = [];
  for (const { input, head } of heads) {
    if (!('text' in head)) {
      // a file met while searching a folder that is not a text report is passed over quietly; one that cannot be read is told
      if (input.explicit || !head.quiet) out.problems.push({ path: input.path, problem: head.problem });
      continue;
    }
    if (!input.explicit && !looksLikeReport(input.path, head.text)) continue;
    reports.push({ path: input.path, keys: computeKeys({ path: input.path, text: head.text }) });
  }
  // last year's report of the same office, when it is among the inputs, feeds the checks across years
  const previous = pairKeyed(reports);
  out.jobs = reports.map((r) => ({ path: r.path, previous: previous.get(r.path) }));
  return out;
}

const notFound: Problem = { zh: '找不到该文件或文件夹', en: 'no such file or folder' };
