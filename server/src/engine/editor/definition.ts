import type { CheckResult } from '../index';

// Go to definition: from a figure a finding is about (a prose figure, a total) to the places the
// finding relates it to (the table cell, the parts of the total).

export function definitionTargets(result: CheckResult, offset: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const seen = new Set<string>();
  for (const f of result.findings) {
    if (offset < f.start || offset > f.end) continue;
    for (const r of f.related) {
      if (r.inPrevious) continue; // in last year's report, not this one
      const key = `${r.start}:${r.end}`;
      if (seen.has(key) || (r.start <= offset && offset <= r.end)) continue;
      seen.add(key);
      out.push({ start: r.start, end: r.end });
    }
  }
  return out;
}
