import * as os from 'os';
import { checkFile, type CheckJob, type JobOptions, type JobOutcome } from './checkFile';
import { printFile } from './formats/printed';

// The jobs of a run, on the machine's cores: worker threads for many files, this thread for a few.
// Jobs go out in input order and outcomes are handed on in input order, whatever finishes first; no
// more than a few outcomes wait for a slow one, so memory stays that of a few reports.

/** The argument a worker thread is started with: the bundle serves jobs instead of running a command. */
export const WORKER_FLAG = '--nianbao-worker-thread';

export interface PoolOptions {
  /** how many threads; 1: this thread only */
  threads: number;
  /** the script a worker thread runs (bin/nianbao.js, which loads the bundle); without it everything runs in this thread */
  workerScript?: string;
  /** texts read already (while planning), handed to each job's check with it */
  texts?: { take(file: string | undefined): string | undefined };
}

/**
 * Threads worth starting for this many jobs: none below a handful of files, where starting a thread costs
 * more than it gives, and none on two cores, where this thread's garbage collection and compiling already
 * keep the second busy, and each worker thread warms its own copy of the checker up (about a second of
 * CPU time). Measured on 1,012 reports: one thread 2.9 s (3.9 s of CPU), two workers 3.2 s (5.5 s of CPU).
 */
export function defaultThreads(jobCount: number, cores = os.availableParallelism?.() ?? os.cpus().length): number {
  if (jobCount < 8 || cores <= 2) return 1;
  return Math.min(cores, Math.ceil(jobCount / 4));
}

export async function runJobs(
  jobs: readonly CheckJob[],
  options: JobOptions,
  pool: PoolOptions,
  onOutcome: (index: number, outcome: JobOutcome) => void,
): Promise<void> {
  const threads = pool.workerScript ? Math.min(pool.threads, jobs.length) : 1;
  const deliver = inOrder(onOutcome);
  const texts = pool.texts;
  const withTexts = (job: CheckJob): CheckJob => {
    if (!texts) return job;
    const text = texts.take(job.path);
    const previousText = texts.take(job.previous);
    return text === undefined && previousText === undefined ? job : { ...job, text, previousText };
  };
  if (threads <= 1) {
    // read-ahead: the next files are read while this one is checked
    const ahead = 4;
    const pending: Promise<JobOutcome>[] = [];
    for (let i = 0; i < jobs.length; i++) {
      while (pending.length < ahead && i + pending.length < jobs.length)
        pending.push(checkFile(withTexts(jobs[i + pending.length]), options));
      deliver(i, await pending.shift()!);
    }
    return;
  }
  await inWorkers(jobs, withTexts, options, pool.workerScript!, threads, deliver);
}

/** Hands outcomes on in index order, holding those that arrive early. */
function inOrder(onOutcome: (index: number, outcome: JobOutcome) => void) {
  const early = new Map<number, JobOutcome>();
  let next = 0;
  return (index: number, outcome: JobOutcome) => {
    early.set(index, outcome);
    while (early.has(next)) {
      const o = early.get(next)!;
      early.delete(next);
      onOutcome(next++, o);
    }
  };
}

function inWorkers(
  jobs: readonly CheckJob[],
  prepare: (job: CheckJob) => CheckJob,
  options: JobOptions,
  script: string,
  threads: number,
  deliver: (index: number, outcome: JobOutcome) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let dispatched = 0;
    let done = 0;
    const { Worker } = require('worker_threads') as typeof import('worker_threads');
    const workers: InstanceType<typeof Worker>[] = [];
    const finish = (error?: Error) => {
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve();
    };
    const give = (w: InstanceType<typeof Worker>) => {
      if (dispatched < jobs.length) {
        w.postMessage({ index: dispatched, job: prepare(jobs[dispatched]) });
        dispatched++;
      }
    };
    for (let t = 0; t < threads; t++) {
      const w = new Worker(script, { argv: [WORKER_FLAG], workerData: { nianbaoWorker: true, options } });
      workers.push(w);
      w.on('message', (m: { index: number; outcome: JobOutcome }) => {
        deliver(m.index, m.outcome);
        if (++done === jobs.length) finish();
        else give(w);
      });
      w.on('error', (e) => finish(e));
      // two jobs queued per thread, so that a thread never waits for the next one
      give(w);
      give(w);
    }
  });
}

/** The worker thread's side: check each job it is sent and post the outcome back. */
export function serveJobs(
  port: { on(event: 'message', listener: (m: { index: number; job: CheckJob }) => void): void; postMessage(m: unknown): void },
  options: JobOptions,
): void {
  let queue = Promise.resolve();
  port.on('message', ({ index, job }) => {
    queue = queue.then(async () => {
      const outcome = await checkFile(job, options);
      if (!options.print || !('result' in outcome)) return port.postMessage({ index, outcome });
      const { result, ...fixing } = outcome;
      port.postMessage({ index, outcome: { ...fixing, printed: printFile(result, options.print, options.lang) } });
    });
  });
}
