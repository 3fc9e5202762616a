import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { checkReport, lineStarts, type CheckOptions } from '../engine';
import type { Lang } from '../config';
import { diagnosed, type Diagnosed } from './diagnosed';

// Large reports are checked in a thread of their own: a 1 MB report takes the engine about 100 ms,
// and on the server's main loop that would hold up every keystroke's notification, the cancellation of
// a pull that is out of date, hovers and completions. The thread runs the same server file
// (dist/server.js, or this module from the sources) and does nothing but check. One check runs at a
// time; of the texts waiting, only the newest of each document is kept.

const WORKER_FLAG = 'nianbaoChecks';

/** A text of a document to check, with what it is checked with (plain data: it is copied to the thread). */
export interface CheckJob {
  uri: string;
  /** what makes two jobs the same check: the document's version and the options it is checked with */
  key: string;
  text: string;
  options: CheckOptions;
  lang: Lang;
  /** last year's report, when options.previous is its text: for related places in it */
  previousUri?: string;
}

export type CheckOutcome =
  | { kind: 'done'; diagnosed: Diagnosed; /** how long the check took in the thread */ ms: number }
  /** a newer text of the document was asked for before this one was started: never checked */
  | { kind: 'superseded' }
  /** the thread could not check it (it failed or is not available): check on the main loop */
  | { kind: 'failed'; reason: string };

export interface BackgroundChecks {
  check(job: CheckJob): Promise<CheckOutcome>;
  /** the document is closed: what waits for it is dropped; the thread ends when no document needs it */
  forget(uri: string): void;
  dispose(): void;
}

/** After this many failures (a thread that ran out of memory, say) the thread is not started again. */
const MAX_FAILURES = 3;

interface Pending {
  job: CheckJob;
  promise: Promise<CheckOutcome>;
  resolve(outcome: CheckOutcome): void;
}

function pending(job: CheckJob): Pending {
  let resolve!: (o: CheckOutcome) => void;
  const promise = new Promise<CheckOutcome>((r) => (resolve = r));
  return { job, promise, resolve };
}

export function backgroundChecks(log: (message: string) => void, start: () => Worker = startWorker): BackgroundChecks {
  let worker: Worker | undefined;
  let running: Pending | undefined;
  let failures = 0;
  /** the newest job of each document, in the order they were asked for */
  const waiting = new Map<string, Pending>();
  /** the documents checked here and still open: the thread is kept while there are any */
  const uris = new Set<string>();

  const fail = (reason: string) => {
    failures++;
    log(
      `checking in the background failed (${reason})${failures >= MAX_FAILURES ? ': large reports are checked on the main thread from now on' : ''}`,
    );
    const was = running;
    running = undefined;
    worker?.removeAllListeners();
    void worker?.terminate();
    worker = undefined;
    was?.resolve({ kind: 'failed', reason });
    next();
  };

  const spawn = (): Worker => {
    const w = start();
    w.unref(); // never what keeps the server's process alive
    w.on('message', (m: { done: Diagnosed; ms: number } | { error: string }) => {
      const was = running;
      running = undefined;
      if ('error' in m) {
        // the engine reports a rule that throws as a finding: this is the rest of it failing
        log(`checking in the background failed: ${m.error}`);
        was?.resolve({ kind: 'failed', reason: m.error });
      } else was?.resolve({ kind: 'done', diagnosed: m.done, ms: m.ms });
      next();
    });
    w.on('error', (e) => fail(String(e?.stack ?? e)));
    w.on('exit', (code) => fail(`the thread exited with code ${code}`));
    return w;
  };

  function next(): void {
    if (running) return;
    const first = waiting.values().next();
    if (first.done) {
      if (!uris.size) stop();
      return;
    }
    const p = first.value;
    waiting.delete(p.job.uri);
    if (failures >= MAX_FAILURES) return (void p.resolve({ kind: 'failed', reason: 'no background thread' }), next());
    try {
      worker ??= spawn();
    } catch (e) {
      failures = MAX_FAILURES;
      log(`no background thread: ${e}`);
      return (void p.resolve({ kind: 'failed', reason: String(e) }), next());
    }
    const { uri, text, options, lang, previousUri } = p.job;
    try {
      worker.postMessage({ uri, text, options, lang, previousUri });
    } catch (e) {
      // options that cannot be copied (a user's schema holding something unusual): checked on the main thread
      log(`not checked in the background: ${e}`);
      return (void p.resolve({ kind: 'failed', reason: String(e) }), next());
    }
    running = p;
  }

  function stop(): void {
    if (!worker) return;
    worker.removeAllListeners();
    void worker.terminate();
    worker = undefined;
  }

  return {
    check(job) {
      uris.add(job.uri);
      if (running?.job.uri === job.uri && running.job.key === job.key) return running.promise;
      const before = waiting.get(job.uri);
      if (before?.job.key === job.key) return before.promise;
      if (before) {
        waiting.delete(job.uri);
        before.resolve({ kind: 'superseded' });
      }
      const p = pending(job);
      waiting.set(job.uri, p);
      next();
      return p.promise;
    },
    forget(uri) {
      uris.delete(uri);
      const before = waiting.get(uri);
      if (before) {
        waiting.delete(uri);
        before.resolve({ kind: 'superseded' });
      }
      if (!uris.size && !running) stop();
    },
    dispose() {
      for (const p of waiting.values()) p.resolve({ kind: 'superseded' });
      waiting.clear();
      uris.clear();
      running?.resolve({ kind: 'superseded' });
      running = undefined;
      stop();
    },
  };
}

/** The thread: this file again, from the bundle or (in the tests) from the sources through tsx. */
function startWorker(): Worker {
  const data = { workerData: { [WORKER_FLAG]: true } };
  return __filename.endsWith('.ts')
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, ...data })
    : new Worker(__filename, data);
}

/** Whether this thread is the one that checks in the background (the server is not started in it). */
export const isCheckThread = !isMainThread && !!(workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG];

if (isCheckThread) {
  parentPort!.on('message', (job: Omit<CheckJob, 'key'>) => {
    try {
      // the clock: process.cpuUsage would count the main thread's time too
      const t = performance.now();
      const result = checkReport(job.text, job.options);
      const previous =
        job.previousUri && job.options.previous !== undefined
          ? { uri: job.previousUri, starts: lineStarts(job.options.previous) }
          : undefined;
      const done = diagnosed(result, lineStarts(job.text), job.uri, job.lang, previous);
      parentPort!.postMessage({ done, ms: performance.now() - t });
    } catch (e) {
      parentPort!.postMessage({ error: String((e as Error)?.stack ?? e) });
    }
  });
}
