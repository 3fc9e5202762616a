import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinSchema, checkReport, lineStarts, type CheckOptions, type CheckResult, type Schema } from '../engine';
import { pathToFileURL } from 'url';
import type { Lang } from '../config';
import type { ReportConfig } from './configFiles';
import type { PreviousPlace } from './convert';
import type { Named } from '../previous';
import { backgroundChecks, type BackgroundChecks } from './checkWorker';
import { diagnosed, type Diagnosed } from './diagnosed';

// One check per version of a document and settings: diagnostics, hover, outline and the rest of one
// keystroke share it. How long the last check took tells whether waiting for a pause in typing is worth it.
// The diagnostics of a large report are found in a background process (checkWorker.ts), so that typing,
// cancelling and hovering go on while it is checked; they are only ever given for the text as it is now.

export interface Checked {
  result: CheckResult;
  starts: number[];
  /** last year's report it was checked with, for related places in it */
  previous?: PreviousPlace;
}

export interface Checker {
  /** the full result for the document as it is now, checked here (hover, code actions, outline…) */
  check(doc: TextDocument): Checked;
  /**
   * The diagnostics of the document as it is when the promise settles: a large report is checked in the
   * background, its newest text first, and a result for a text that has changed since is never given.
   * Undefined when the request is cancelled or the document closed meanwhile.
   */
  diagnose(doc: TextDocument, lang: Lang, token: CancellationToken): Promise<Diagnosed | undefined>;
  /** whether the document's diagnostics are found in the background process */
  inBackground(doc: TextDocument): boolean;
  /** CPU time in ms the last check of this document took */
  lastCheckMs(uri: string): number;
  forget(uri: string): void;
  clear(): void;
  /** ends the background process */
  dispose(): void;
}

/**
 * From this length (UTF-16 code units, ~250 KB of a Chinese report) a report is checked in the
 * background: it takes the engine 20 ms and more. A usual report (20 KB) is checked at once, here:
 * copying it to another process and back would cost more than it saves.
 */
export const BACKGROUND_CHARS = 100_000;

export interface CheckerOptions {
  /** the background checks to use (tests pass their own); false: every check in the server */
  background?: BackgroundChecks | false;
  backgroundChars?: number;
  log?: (message: string) => void;
}

export function checkOptions(report: ReportConfig, previous: Named | undefined, schema?: Schema): CheckOptions {
  const { config } = report;
  return {
    previous: previous?.text,
    schema: schema ?? (config.schema === 'auto' ? undefined : builtinSchema(config.schema)),
    severities: config.rules,
    // whose report it is sets its legal deadline; 'auto': read from the report
    deadline: config.deadline === 'auto' ? undefined : config.deadline,
    office: report.office,
    repeatedTextWarnAt: config.repeatedTextWarnAt,
  };
}

/** Settles with the promise, or with undefined as soon as the request is cancelled. */
function unlessCancelled<T>(promise: Promise<T>, token: CancellationToken): Promise<T | undefined> {
  if (token.isCancellationRequested) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const sub = token.onCancellationRequested(() => {
      sub.dispose();
      resolve(undefined);
    });
    promise.then((v) => {
      sub.dispose();
      resolve(v);
    });
  });
}

export function createChecker(
  configOf: (doc: TextDocument) => ReportConfig,
  previous: (doc: TextDocument) => Named | undefined,
  /** the schema a setting names that is no built-in id: a user's schema file */
  schemaFor?: (doc: TextDocument, setting: string) => Schema | undefined,
  options: CheckerOptions = {},
): Checker {
  const log = options.log ?? (() => {});
  const backgroundChars = options.backgroundChars ?? BACKGROUND_CHARS;
  let background = options.background === false ? undefined : options.background;
  const cache = new Map<string, Checked & { version: number; key: string }>();
  const found = new Map<string, { diagnosed: Diagnosed; version: number; key: string; lang: Lang }>();
  const checkMs = new Map<string, number>();
  /** counts each document's closings: a check of a document closed (and maybe opened again) since it was asked for is not kept */
  const closings = new Map<string, number>();
  /** pulls waiting for the checking process, woken when the same text is checked here first (for an outline, say) */
  const waiting = new Map<string, Set<() => void>>();
  const checkedHere = (uri: string) => {
    let stop = () => {};
    const promise = new Promise<{ kind: 'checked here' }>((resolve) => {
      const wake = () => resolve({ kind: 'checked here' });
      const set = waiting.get(uri) ?? waiting.set(uri, new Set()).get(uri)!;
      set.add(wake);
      stop = () => {
        set.delete(wake);
        if (!set.size) waiting.delete(uri);
      };
    });
    return { promise, stop };
  };

  /** what a check of the document depends on besides its text, and its options */
  const inputs = (doc: TextDocument) => {
    const last = previous(doc);
    const report = configOf(doc);
    const c = report.config;
    const key = JSON.stringify([c.schema, c.rules, c.deadline, c.repeatedTextWarnAt, report.office, last?.path, last?.text.length]);
    return { key, last, options: () => checkOptions(report, last, schemaFor?.(doc, c.schema)) };
  };

  const inBackground = (doc: TextDocument) => options.background !== false && doc.getText().length >= backgroundChars;

  const checker: Checker = {
    check(doc) {
      const { key, last, options } = inputs(doc);
      const hit = cache.get(doc.uri);
      if (hit && hit.version === doc.version && hit.key === key) return hit;
      const text = doc.getText();
      // CPU time, not the clock: other work on the machine does not make a small report look slow
      const cpu = process.cpuUsage();
      const result = checkReport(text, options());
      const used = process.cpuUsage(cpu);
      checkMs.set(doc.uri, (used.user + used.system) / 1000);
      const lastPlace = last && { uri: pathToFileURL(last.path).href, starts: lineStarts(last.text) };
      const entry = { version: doc.version, key, result, starts: lineStarts(text), previous: lastPlace };
      cache.set(doc.uri, entry);
      for (const wake of waiting.get(doc.uri) ?? []) wake();
      return entry;
    },

    async diagnose(doc, lang, token) {
      const uri = doc.uri;
      const closed = closings.get(uri) ?? 0;
      for (;;) {
        if (token.isCancellationRequested || (closings.get(uri) ?? 0) !== closed) return undefined;
        const version = doc.version;
        const { key, last, options } = inputs(doc);
        const hit = found.get(uri);
        if (hit && hit.version === version && hit.key === key && hit.lang === lang) return hit.diagnosed;
        const keep = (d: Diagnosed) => (found.set(uri, { diagnosed: d, version, key, lang }), d);
        const here = cache.get(uri);
        if (!inBackground(doc)) {
          // checked here at once, its diagnostics made from the check kept (not kept twice: 20 reports
          // open stay under 100 MB); cut down below the size, the checking process is not kept for it
          found.delete(uri);
          background?.forget(uri);
          const c = checker.check(doc);
          return diagnosed(c.result, c.starts, uri, lang, c.previous);
        }
        if (here && here.version === version && here.key === key)
          return keep(diagnosed(here.result, here.starts, uri, lang, here.previous));
        background ??= backgroundChecks(log);
        const job = {
          uri,
          key: `${version} ${lang} ${key}`,
          text: doc.getText(),
          options: options(),
          lang,
          previousUri: last && pathToFileURL(last.path).href,
        };
        const meanwhile = checkedHere(uri);
        const outcome = await unlessCancelled(Promise.race([background.check(job), meanwhile.promise]), token);
        meanwhile.stop();
        if (!outcome || (closings.get(uri) ?? 0) !== closed) return undefined;
        if (outcome.kind === 'failed') {
          // no process to check in: checked here, as a smaller report is (the text as it is now)
          const c = checker.check(doc);
          return diagnosed(c.result, c.starts, uri, lang, c.previous);
        }
        if (outcome.kind === 'done') {
          checkMs.set(uri, outcome.ms);
          // a result for a text typed over since is dropped: the loop checks the text as it is now
          if (doc.version === version && inputs(doc).key === key) return keep(outcome.diagnosed);
        }
      }
    },

    inBackground,
    lastCheckMs: (uri) => checkMs.get(uri) ?? 0,
    forget(uri) {
      cache.delete(uri);
      found.delete(uri);
      checkMs.delete(uri);
      closings.set(uri, (closings.get(uri) ?? 0) + 1);
      background?.forget(uri);
    },
    clear: () => {
      cache.clear();
      found.clear();
    },
    dispose: () => background?.dispose(),
  };
  return checker;
}
