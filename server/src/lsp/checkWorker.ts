import { fork, type ChildProcess } from 'child_process';
import { checkReport, lineStarts, type CheckOptions } from '../engine';
import type { Lang } from '../config';
import { diagnosed, type Diagnosed } from './diagnosed';

// Large reports are checked in a process of their own: a 1 MB report takes the engine about 100 ms,
// and on the server's main loop that would hold up every keystroke's notification, the cancellation of
// a pull that is out of date, hovers and completions. It is a process, not a worker thread, because
// the server runs with --optimize-for-size (it keeps 20 open reports under 100 MB), which is the whole
// process's and makes the engine three times slower; the checking process runs without it. It runs the
// same server file (dist/server.js, or this module from the sources), does nothing but check, and lives
// while a large report is open. One check runs at a time; of the texts waiting, only the newest of each
// document is kept.

/** Set in the environment of the checking process: the server file started as one. */
const CHECKS_ENV = 'NIANBAO_BACKGROUND_CHECKS';

/** A text of a document to check, with what it is checked with (plain data: it is copied to the checking process). */
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
  | { kind: 'done'; diagnosed: Diagnosed; /** how long the check took in the checking process (CPU time) */ ms: number }
  /** a newer text of the document was asked for before this one was started: never checked */
  | { kind: 'superseded' }
  /** the checking process could not check it (it failed or is not available): check it in the server */
  | { kind: 'failed'; reason: string };

export interface BackgroundChecks {
  check(job: CheckJob): Promise<CheckOutcome>;
  /** the document is closed: what waits for it is dropped; the checking process ends when no document needs it */
  forget(uri: string): void;
  dispose(): void;
}

/** After this many failures (a process that ran out of memory, say) none is started again. */
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

export function backgroundChecks(log: (message: string) => void, start: () => ChildProcess = startProcess): BackgroundChecks {
  let child: ChildProcess | undefined;
  let running: Pending | undefined;
  let failures = 0;
  /** the newest job of each document, in the order they were asked for */
  const waiting = new Map<string, Pending>();
  /** the documents checked here and still open: the process is kept while there are any */
  const uris = new Set<string>();

  const fail = (reason: string) => {
    failures++;
    log(
      `checking in the background failed (${reason})${failures >= MAX_FAILURES ? ': large reports are checked in the server from now on' : ''}`,
    );
    const was = running;
    running = undefined;
    stop();
    was?.resolve({ kind: 'failed', reason });
    next();
  };

  const spawn = (): ChildProcess => {
    const w = start();
    w.unref();
    w.channel?.unref();
    w.on('message', (m: { done: Diagnosed; ms: number } | { error: string }) => {
      const was = running;
      running = undefined;
      w.channel?.unref();
      if ('error' in m) {
        // the engine reports a rule that throws as a finding: this is the rest of it failing
        log(`checking in the background failed: ${m.error}`);
        was?.resolve({ kind: 'failed', reason: m.error });
      } else was?.resolve({ kind: 'done', diagnosed: m.done, ms: m.ms });
      next();
    });
    w.on('error', (e) => fail(String(e?.stack ?? e)));
    w.on('exit', (code, signal) => fail(`the checking process exited (${signal ?? code})`));
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
    if (failures >= MAX_FAILURES) return (void p.resolve({ kind: 'failed', reason: 'no checking process' }), next());
    try {
      child ??= spawn();
    } catch (e) {
      failures = MAX_FAILURES;
      log(`no checking process: ${e}`);
      return (void p.resolve({ kind: 'failed', reason: String(e) }), next());
    }
    const { uri, text, options, lang, previousUri } = p.job;
    try {
      child.send({ uri, text, options, lang, previousUri });
      // waited for while it checks; otherwise never what keeps the server's process alive
      child.channel?.ref();
    } catch (e) {
      // options that cannot be copied (a user's schema holding something unusual): checked in the server
      log(`not checked in the background: ${e}`);
      return (void p.resolve({ kind: 'failed', reason: String(e) }), next());
    }
    running = p;
  }

  function stop(): void {
    if (!child) return;
    child.removeAllListeners();
    child.kill();
    child = undefined;
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

/** The checking process: this file again, from the bundle or (in the tests) from the sources through tsx. */
function startProcess(): ChildProcess {
  return fork(__filename, [], {
    env: { ...process.env, [CHECKS_ENV]: '1' },
    // not the debugger's port the server was started with (the extension's debug launch), which is taken; a young
    // generation that holds most of what a check of a long report makes, which then dies there instead of being
    // copied at every scavenge (a 1 MB report ~25 % faster; the process ~185 MB instead of ~140 MB while it runs)
    execArgv: [...process.execArgv.filter((a) => a !== '--optimize-for-size' && !/^--inspect/.test(a)), '--max-semi-space-size=32'],
    // the server's stdout is its connection to the editor: nothing else may write there
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
}

/** Whether this process is the one that checks in the background (the server is not started in it). */
export const isCheckProcess = process.env[CHECKS_ENV] === '1' && typeof process.send === 'function';

if (isCheckProcess) {
  // the server is gone: so is this
  process.on('disconnect', () => process.exit(0));
  process.on('message', (job: Omit<CheckJob, 'key'>) => {
    try {
      const cpu = process.cpuUsage();
      const result = checkReport(job.text, job.options);
      const previous =
        job.previousUri && job.options.previous !== undefined
          ? { uri: job.previousUri, starts: lineStarts(job.options.previous) }
          : undefined;
      const done = diagnosed(result, lineStarts(job.text), job.uri, job.lang, previous);
      const used = process.cpuUsage(cpu);
      process.send!({ done, ms: (used.user + used.system) / 1000 });
    } catch (e) {
      process.send!({ error: String((e as Error)?.stack ?? e) });
    }
  });
}
