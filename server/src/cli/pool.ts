import * as os from 'os';
import { checkFile, type CheckJob, type JobOptions, type JobOutcome } from './checkFile';
import { printFile } from './formats/printed';
import { readerFor } from '../documents';
import { computeKeys, type OfficeKeys } from '../previous';
import { isTunedForLongRun } from './tuning';

// The jobs of a run, on the machine's cores: this thread, and worker threads beside it for many files.
// Jobs go out in input order and outcomes are handed on in input order, whatever finishes first; no
// more than a few outcomes wait for a slow one, so memory stays that of a few reports.

/** The argument a worker thread is started with: the bundle serves jobs instead of running a command. */
export const WORKER_FLAG = '--nianbao-worker-thread';

export interface PoolOptions {
  /** how many threads check: this one, and worker threads for the rest; 1: this thread only */
  threads: number;
  /** the script a worker thread runs (bin/nianbao.js, which loads the bundle); without it everything runs in this thread */
  workerScript?: string;
  /** texts read already (while planning), handed to each job's check with it */
  texts?: { take(file: string | undefined): string | undefined };
  /** worker threads started while the run was planned; they end with the run */
  started?: WorkerPool;
}

/** A run's size as defaultThreads weighs it: its files, and how many of them are documents (PDF, Word, web page). */
export function runOf(files: readonly { path: string }[]): { files: number; documents: number } {
  return { files: files.length, documents: files.filter((f) => readerFor(f.path)).length };
}

/** documents from which a run is checked on two threads even on two cores */
const MANY_DOCUMENTS = 32;

/**
 * Threads worth checking on for a run of `files` files, `documents` of them PDFs, Word files or web pages (this
 * thread and worker threads): none beside this one below a handful of files, where starting a thread costs more
 * than it gives. On two cores, none for text reports: this thread's garbage collection and compiling already keep
 * the second half busy, and a worker thread warms its own copy of the checker up (1,012 reports: this thread
 * alone 1.6 s, 2.5 s of CPU; with one worker thread 2.0 s, 3.7 s of CPU). Reading a document takes a hundred
 * times a text report's check, so there a second thread pays once there are a few dozen (two cores: 48 PDFs and
 * Word files 3.5 → 2.9 s, 100 of them 6.4 → 5.2 s; 24 the same either way).
 */
export function defaultThreads(run: { files: number; documents: number }, cores = os.availableParallelism?.() ?? os.cpus().length): number {
  if (run.files < 8) return 1;
  if (cores <= 2 && run.documents < MANY_DOCUMENTS) return 1;
  return Math.min(cores, Math.ceil(run.files / 4));
}

export async function runJobs(
  jobs: readonly CheckJob[],
  options: JobOptions,
  pool: PoolOptions,
  onOutcome: (index: number, outcome: JobOutcome) => void,
): Promise<void> {
  const started = pool.started;
  const threads = started
    ? Math.min(started.size + 1, pool.threads, jobs.length)
    : pool.workerScript
      ? Math.min(pool.threads, jobs.length)
      : 1;
  if (started && threads <= 1) started.close();
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
  const here = (job: CheckJob) => checkFile(withTexts(job), options);
  await (started ?? new WorkerPool(pool.workerScript!, threads - 1, options)).run(jobs, withTexts, threads - 1, deliver, here);
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

type Thread = import('worker_threads').Worker;
type FromWorker = { keysId: number; keys: OfficeKeys | undefined } | { index: number; outcome: JobOutcome };

/**
 * Worker threads, started as soon as a run knows it has many files: while the run is planned, they work out
 * the office and year of reports for pairing them (parsing them, which also warms them up for checking),
 * then they check the jobs. They end with the run, or when it fails.
 */
export class WorkerPool {
  private readonly threads: Thread[];
  private readonly waiting = new Map<number, { resolve(keys: OfficeKeys | undefined): void; reject(e: Error): void }>();
  private asked = 0;
  private failure?: Error;
  private onOutcome?: (thread: Thread, index: number, outcome: JobOutcome) => void;
  private onFailure?: (e: Error) => void;

  constructor(script: string, count: number, options: JobOptions) {
    const { Worker } = require('worker_threads') as typeof import('worker_threads');
    this.threads = Array.from({ length: count }, () => {
      const thread = new Worker(script, { argv: [WORKER_FLAG], workerData: { nianbaoWorker: true, options, tuned: isTunedForLongRun() } });
      thread.on('message', (m: FromWorker) => {
        if ('keysId' in m) {
          this.waiting.get(m.keysId)?.resolve(m.keys);
          this.waiting.delete(m.keysId);
        } else this.onOutcome?.(thread, m.index, m.outcome);
      });
      thread.on('error', (e) => this.fail(e));
      return thread;
    });
  }

  get size(): number {
    return this.threads.length;
  }

  /** computeKeys of a report's beginning, in a worker thread */
  keysOf(path: string, text: string): Promise<OfficeKeys | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.asked++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.threads[id % this.threads.length].postMessage({ keysId: id, path, text });
    });
  }

  /**
   * Checks the jobs on the first `count` worker threads, two queued on each so that none waits, and in this thread
   * with `here`, one at a time; then the worker threads all end.
   */
  run(
    jobs: readonly CheckJob[],
    prepare: (job: CheckJob) => CheckJob,
    count: number,
    deliver: (index: number, outcome: JobOutcome) => void,
    here: (job: CheckJob) => Promise<JobOutcome>,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      let dispatched = 0;
      let done = 0;
      const finished = (index: number, outcome: JobOutcome) => {
        deliver(index, outcome);
        if (++done === jobs.length) resolve();
      };
      const give = (thread: Thread) => {
        if (dispatched >= jobs.length) return;
        thread.postMessage({ index: dispatched, job: prepare(jobs[dispatched]) });
        dispatched++;
      };
      this.onFailure = reject;
      this.onOutcome = (thread, index, outcome) => {
        finished(index, outcome);
        give(thread);
      };
      if (!jobs.length) return resolve();
      for (const thread of this.threads.slice(0, count)) (give(thread), give(thread));
      const checkHere = async () => {
        while (dispatched < jobs.length && !this.failure) {
          const index = dispatched++;
          finished(index, await here(jobs[index]));
          // the worker threads' outcomes, and their next jobs, wait for this thread to let the event loop turn
          await new Promise(setImmediate);
        }
      };
      checkHere().catch(reject);
    }).finally(() => this.close());
  }

  close(): void {
    for (const thread of this.threads) void thread.terminate();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
    this.onFailure?.(e);
    this.close();
  }
}

/** The worker thread's side: work out the keys of each report it is asked about, check each job it is sent, post back. */
export function serveJobs(
  port: {
    on(event: 'message', listener: (m: { index: number; job: CheckJob } | { keysId: number; path: string; text: string }) => void): void;
    postMessage(m: unknown): void;
  },
  options: JobOptions,
): void {
  let queue = Promise.resolve();
  port.on('message', (m) => {
    if ('keysId' in m) return port.postMessage({ keysId: m.keysId, keys: computeKeys({ path: m.path, text: m.text }) });
    const { index, job } = m;
    queue = queue.then(async () => {
      const outcome = await checkFile(job, options);
      if (!options.print || !('result' in outcome)) return port.postMessage({ index, outcome });
      const { result, ...fixing } = outcome;
      port.postMessage({ index, outcome: { ...fixing, printed: printFile(result, options.print, options.lang) } });
    });
  });
}
