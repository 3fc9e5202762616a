import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinSchemas, checkReport, parseReport, rules } from '../server/src/engine';
import { bindReport, type BoundReport } from '../server/src/engine/bind';
import { detectSchema } from '../server/src/engine/detect';
import type { ReportModel } from '../server/src/engine/model';
import { analyseProse } from '../server/src/engine/prose';
import { root } from './reports';

// The two checkers compared: nianbao's engine, stage by stage, and markdownlint as drafters run it
// (all its default rules, synchronous API, one document at a time).

export const nianbao = (text: string) => checkReport(text).findings.length;

interface MarkdownlintSync {
  lint(options: { strings: Record<string, string> }): Record<string, unknown[]>;
}
// markdownlint is an ES module; Node 20.19+ loads it with require()
// eslint-disable-next-line @typescript-eslint/no-require-imports
const markdownlintSync = (): MarkdownlintSync => require('markdownlint/sync') as MarkdownlintSync;
let ml: MarkdownlintSync | undefined;
export const markdownlint = (text: string) => (ml ??= markdownlintSync()).lint({ strings: { report: text } }).report.length;
export const markdownlintVersion = (): string =>
  (JSON.parse(readFileSync(join(root, 'node_modules', 'markdownlint', 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The engine's stages as checkReport runs them, each callable on its own with the previous stage's output.
 * The analyses rules share (figures in the prose, breakdowns, restatements) are kept in the report's `memo`;
 * the rule stages get fresh shallow copies of the model and the bound report, each with a memo of its own, so
 * that they are done again on every run, as in a real check.
 */
export function stages(text: string) {
  const schemas = builtinSchemas();
  const model = parseReport(text);
  const detection = detectSchema(model, schemas);
  const schema = detection.schema;
  const bound = schema && bindReport(model, schema);
  const freshModel = (m: ReportModel): ReportModel => ({ ...m, memo: new Map() });
  const fresh = (b: BoundReport): BoundReport => ({ ...b, model: freshModel(b.model), memo: new Map() });
  return {
    schema: schema?.id,
    model,
    parse: () => parseReport(text),
    detect: () => detectSchema(model, schemas),
    bind: schema ? () => bindReport(model, schema) : undefined,
    prose: () => analyseProse(freshModel(model)),
    rules: bound
      ? () => {
          const b = fresh(bound);
          return rules.map((r) => r.check(b).length);
        }
      : undefined,
    rule: bound ? rules.map((r) => ({ id: r.id, run: () => r.check(fresh(bound)) })) : [],
  };
}
