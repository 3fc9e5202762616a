import type { Finding, TextEdit } from '../finding';

type Span = { start: number; end: number };

// two insertions at one point do not overlap; a replacement overlaps what lies strictly inside it
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const same = (a: TextEdit, b: TextEdit) => a.start === b.start && a.end === b.end && a.newText === b.newText;

/** The figures a finding's fix was computed from: a fix that changes one of them makes it stale. */
function inputs(f: Finding): Span[] {
  return [...(f.arithmetic?.operands ?? []), ...f.related.filter((r) => !r.inPrevious)];
}

/**
 * 修复全部, one round: the fixes of all findings as one set of edits. A finding's edits are taken
 * together or not at all. A fix is left for the next round when it overlaps a fix already taken,
 * or when either fix changes a figure the other was computed from: with （七）总计「自然人」 written
 * 9 instead of 10, the row's 总计 computed from that 9 would be wrong once the 9 is fixed. Identical
 * edits proposed twice are made once. Nothing outside the fixes' own ranges is touched.
 */
export function fixAllEdits(findings: readonly Finding[]): { edits: TextEdit[]; fixed: Finding[] } {
  const taken: TextEdit[] = [];
  const fixed: Finding[] = [];
  for (const f of findings) {
    if (!f.fix?.edits.length) continue;
    const fresh = f.fix.edits.filter((e) => !taken.some((t) => same(t, e)));
    const clash =
      fresh.some((e) => taken.some((t) => overlaps(t, e)) || fresh.some((o) => o !== e && overlaps(o, e))) ||
      fresh.some((e) => fixed.some((g) => inputs(g).some((i) => overlaps(i, e)))) ||
      inputs(f).some((i) => taken.some((t) => overlaps(t, i)));
    if (clash) continue;
    taken.push(...fresh);
    fixed.push(f);
  }
  // in document order; insertions at one point keep the order of their findings
  const order = new Map(taken.map((e, i) => [e, i]));
  taken.sort((a, b) => a.start - b.start || a.end - b.end || order.get(a)! - order.get(b)!);
  return { edits: taken, fixed };
}

/** The text with the edits applied (edits in document order, not overlapping). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}
