import type { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinSchema, checkReport, lineStarts, type CheckOptions, type CheckResult, type Schema } from '../engine';
import { pathToFileURL } from 'url';
import type { ReportConfig } from './configFiles';
import type { PreviousPlace } from './convert';
import type { Named } from '../previous';

// One check per version of a document and settings: diagnostics, hover, outline and the rest of one
// keystroke share it. How long the last check took tells whether waiting for a pause in typing is worth it.

export interface Checked {
  result: CheckResult;
  starts: number[];
  /** last year's report it was checked with, for related places in it */
  previous?: PreviousPlace;
}

export interface Checker {
  check(doc: TextDocument): Checked;
  /** CPU time in ms the last check of this document took */
  lastCheckMs(uri: string): number;
  forget(uri: string): void;
  clear(): void;
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

export function createChecker(
  configOf: (doc: TextDocument) => ReportConfig,
  previous: (doc: TextDocument) => Named | undefined,
  /** the schema a setting names that is no built-in id: a user's schema file */
  schemaFor?: (doc: TextDocument, setting: string) => Schema | undefined,
): Checker {
  const cache = new Map<string, Checked & { version: number; key: string }>();
  const checkMs = new Map<string, number>();
  return {
    check(doc) {
      const last = previous(doc);
      const report = configOf(doc);
      const c = report.config;
      const key = JSON.stringify([c.schema, c.rules, c.deadline, c.repeatedTextWarnAt, report.office, last?.path, last?.text.length]);
      const hit = cache.get(doc.uri);
      if (hit && hit.version === doc.version && hit.key === key) return hit;
      const text = doc.getText();
      // CPU time, not the clock: other work on the machine does not make a small report look slow
      const cpu = process.cpuUsage();
      const result = checkReport(text, checkOptions(report, last, schemaFor?.(doc, c.schema)));
      const used = process.cpuUsage(cpu);
      checkMs.set(doc.uri, (used.user + used.system) / 1000);
      const lastPlace = last && { uri: pathToFileURL(last.path).href, starts: lineStarts(last.text) };
      const entry = { version: doc.version, key, result, starts: lineStarts(text), previous: lastPlace };
      cache.set(doc.uri, entry);
      return entry;
    },
    lastCheckMs: (uri) => checkMs.get(uri) ?? 0,
    forget(uri) {
      cache.delete(uri);
      checkMs.delete(uri);
    },
    clear: () => cache.clear(),
  };
}
