import { bindReport, type BoundReport } from './bind';
import { builtinSchemas } from './builtins';
import { detectSchema, type Detection } from './detect';
import { localized, type Finding, type Severity } from './finding';
import { parseReport, type ReportModel } from './model';
import { rules } from './rules';
import type { Schema } from './schema';

export * from './finding';
export * from './schema';
export * from './text';
export { parseReport, type ReportModel } from './model';
export { extractFigures, parseChineseNumeral, parseCell, type Figure } from './numbers';
export { builtinSchemas, builtinSchema } from './builtins';
export { rules } from './rules';

export interface CheckOptions {
  /** the schema to use unless the report's front matter names one */
  schema?: Schema;
  /** schemas the report may name or be detected as; the built-in ones by default */
  schemas?: readonly Schema[];
  /** per-rule severity; 'off' silences a rule */
  severities?: Record<string, Severity | 'off'>;
}

export interface CheckResult {
  model: ReportModel;
  detection: Detection;
  bound?: BoundReport;
  findings: Finding[];
}

/** The whole engine: text in, findings out. Pure: no I/O, no editor, no protocol. */
export function checkReport(text: string, options: CheckOptions = {}): CheckResult {
  const model = parseReport(text);
  const schemas = options.schemas ?? builtinSchemas();
  const detection = detectSchema(model, schemas, options.schema);
  const findings: Finding[] = [];
  if (detection.unknownId) {
    const ids = schemas.map((s) => s.id).join(', ');
    findings.push({
      rule: 'schema-unknown',
      severity: 'error',
      message: localized(`未知的格式「${detection.unknownId.id}」，可用：${ids}`, `Unknown schema “${detection.unknownId.id}”; known: ${ids}`),
      start: detection.unknownId.start,
      end: detection.unknownId.end,
      related: [],
    });
  }
  if (!detection.schema) return { model, detection, findings };
  const bound = bindReport(model, detection.schema);
  for (const rule of rules) {
    const level = options.severities?.[rule.id];
    if (level === 'off') continue;
    for (const f of rule.check(bound)) findings.push(level ? { ...f, severity: level } : f);
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { model, detection, bound, findings };
}
