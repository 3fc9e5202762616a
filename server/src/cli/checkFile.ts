import { checkReport, type Schema } from '../engine';
import type { Deadline, Lang } from '../config';
import { readReport, type Problem } from './files';
import { fileResult, type FileResult } from './results';

// One report checked: read it (and last year's, when paired), check it, make its FileResult. The same
// in the main thread and in a worker thread, where the job arrives as plain data.

export interface CheckJob {
  path: string;
  /** last year's report of the same office, for the checks across years */
  previous?: string;
}

export interface JobOptions {
  schema?: Schema;
  deadline?: Deadline;
  lang: Lang;
}

export type JobOutcome = { result: FileResult } | { problem: Problem };

export async function checkFile(job: CheckJob, options: JobOptions): Promise<JobOutcome> {
  const read = await readReport(job.path);
  if ('problem' in read) return { problem: read.problem };
  let previousText: string | undefined;
  if (job.previous) {
    const last = await readReport(job.previous);
    // last year's report unreadable: this year's is checked without the checks across years
    if ('text' in last) previousText = last.text;
  }
  try {
    const checked = checkReport(read.text, { schema: options.schema, previous: previousText, deadline: options.deadline });
    return {
      result: fileResult(job.path, read.text, checked, {
        lang: options.lang,
        previous: previousText !== undefined ? job.previous : undefined,
      }),
    };
  } catch (e) {
    const why = (e as Error).message;
    return { problem: { zh: `检查时出错，请报告此问题：${why}`, en: `the checker failed on this file, please report it: ${why}` } };
  }
}
