import type { Severity } from '../finding';
import type { CheckResult } from '../index';
import type { Localized } from '../schema';

// What the status item shows: the schema in use, how it was chosen, and the findings counted.

export interface ReportStatus {
  schema: { id: string; name: Localized } | null;
  reason: CheckResult['detection']['reason'];
  counts: Record<Severity, number>;
  /** the `schema:` value in the front matter, to change it in place */
  frontMatterSchema?: { start: number; end: number; line: number };
}

export function reportStatus(result: CheckResult): ReportStatus {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of result.findings) counts[f.severity]++;
  const s = result.detection.schema;
  const fm = result.model.frontMatter?.schema;
  const line = fm ? result.model.lines.findIndex((l) => l.start <= fm.start && fm.start <= l.end) : -1;
  return {
    schema: s ? { id: s.id, name: s.name } : null,
    reason: result.detection.reason,
    counts,
    ...(fm ? { frontMatterSchema: { start: fm.start, end: fm.end, line } } : {}),
  };
}
