import { bindReport, type BoundReport } from './bind';
import { builtinSchemas } from './builtins';
import { detectSchema, type Detection } from './detect';
import { applyDirectives } from './directives';
import type { Finding, Rule, RuleFinding, RuleMeta, Severity } from './finding';
import { parseReport, type ReportModel } from './model';
import { internalError, internalErrorFinding, rules, schemaUnknown } from './rules';
import type { Schema } from './schema';

export * from './finding';
export * from './schema';
export * from './text';
export { parseReport, titleAndYear, type ReportModel } from './model';
export { extractFigures, parseChineseNumeral, parseCell, type Figure } from './numbers';
export { builtinSchemas, builtinSchema } from './builtins';
export { rules, ruleRegistry, ruleIds } from './rules';
export { parseDirectives, type Directive } from './directives';
export { repeatedText, type RepeatedText, type RepeatedPassage, type RepeatedTextOptions } from './repeated';

export interface CheckOptions {
  /** the schema to use unless the report's front matter names one */
  schema?: Schema;
  /** schemas the report may name or be detected as; the built-in ones by default */
  schemas?: readonly Schema[];
  /** the text of last year's report of the same office, for the checks across years */
  previous?: string;
  /** per-rule severity; 'off' silences a rule */
  severities?: Record<string, Severity | 'off'>;
  /** whose report it is (部门 or 本级政府), which sets its legal deadline; told by the user, else read from the report */
  deadline?: 'department' | 'government';
  /** the office's own name, from the configuration; else read from the report's title */
  office?: string;
  /** the rules to run; all of them by default */
  rules?: readonly Rule[];
  /**
   * The share (0..1) of this year's prose repeated word for word from last year's report from which
   * repeated-text warns; below it, from 0.3, it only informs. 0.6 by default (assessments deduct above 0.5,
   * counted their own way: a margin keeps the warning for reports that plainly repeat most of last year's).
   */
  repeatedTextWarnAt?: number;
  /**
   * This report is last year's of a report checked after it (a reviewer's folder is checked in order): its
   * parse is kept, among the few last years' reports kept, and not made again when the later report names it.
   */
  keepAsPrevious?: boolean;
}

/** One rule on its own: a rule that throws costs its own findings only, and says so. */
function runRule(rule: Rule, bound: BoundReport, severities: CheckOptions['severities']): Finding[] {
  if (severities?.[rule.id] === 'off') return [];
  try {
    return stamp(rule, rule.check(bound), severities);
  } catch (error) {
    return stamp(internalError, [internalErrorFinding(rule.id, error)], severities);
  }
}

/**
 * The rule's id and severity on each finding: the user's level for the rule, else the finding's own, else the rule's
 * default. Written into the objects the rule made for this check (their keys in the order a copy would have them):
 * copying each with its own set of keys cost more than some rules' work.
 */
function stamp(rule: RuleMeta, found: RuleFinding[], severities: CheckOptions['severities']): Finding[] {
  const level = severities?.[rule.id];
  if (level === 'off') return [];
  for (const f of found as (RuleFinding & { rule?: string })[]) {
    f.rule = rule.id;
    f.severity = level ?? f.severity ?? rule.severity;
  }
  return found as Finding[];
}

export interface CheckResult {
  model: ReportModel;
  detection: Detection;
  bound?: BoundReport;
  findings: Finding[];
}

// Last year's report does not change while this year's is being typed: it is parsed and bound once,
// not at every keystroke. A few are kept (a reviewer's folder pairs many); rules only read them.
const previousCache = new Map<string, { schemas: readonly Schema[]; bound: BoundReport | undefined }>();

function bindPrevious(text: string, schemas: readonly Schema[]): BoundReport | undefined {
  const hit = previousCache.get(text);
  if (hit && hit.schemas === schemas) return hit.bound;
  const model = parseReport(text);
  const schema = detectSchema(model, schemas).schema;
  const bound = schema && bindReport(model, schema);
  keepPrevious(text, schemas, bound);
  return bound;
}

function keepPrevious(text: string, schemas: readonly Schema[], bound: BoundReport | undefined): void {
  if (previousCache.size >= 8) previousCache.delete(previousCache.keys().next().value!);
  previousCache.set(text, { schemas, bound });
}

/** The whole engine: text in, findings out. Pure: no I/O, no editor, no protocol. */
export function checkReport(text: string, options: CheckOptions = {}): CheckResult {
  const model = parseReport(text);
  const schemas = options.schemas ?? builtinSchemas();
  const detection = detectSchema(model, schemas, options.schema);
  const findings: Finding[] = [];
  // not subject to `rules` settings: until the name is corrected, nothing else is checked, and that must show
  findings.push(...stamp(schemaUnknown, schemaUnknown.check(detection, schemas), undefined)); // one at the most
  if (!detection.schema) return { model, detection, findings: applyDirectives(findings, model) };
  const bound = bindReport(model, detection.schema);
  // as bindPrevious would bind it: by what the text itself says, with no schema given, and nothing of this year's check
  if (options.keepAsPrevious && !options.schema) {
    const { schema, sections, misplaced, tables } = bound;
    keepPrevious(text, schemas, { model, schema, sections, misplaced, tables, memo: new Map() });
  }
  if (options.previous !== undefined) bound.previous = bindPrevious(options.previous, schemas);
  if (options.deadline) bound.deadline = options.deadline;
  if (options.repeatedTextWarnAt !== undefined) bound.repeatedTextWarnAt = options.repeatedTextWarnAt;
  if (options.office) bound.office = options.office;
  // one by one, not spread into push: a rule may find more mistakes than a call takes arguments (150,000 repeated lines)
  for (const rule of options.rules ?? rules) for (const f of runRule(rule, bound, options.severities)) findings.push(f);
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  // <!-- nianbao-disable … --> comments in the report silence what they name
  return { model, detection, bound, findings: applyDirectives(findings, model) };
}
