import type { Finding } from './finding';
import { hiddenLines, lineIndexAt, type ReportModel } from './model';

// Inline switches written in the report itself, as HTML comments (invisible once rendered):
//   <!-- nianbao-disable-next-line table-sum -->   the next line
//   <!-- nianbao-disable table-sum -->  …  <!-- nianbao-enable table-sum -->   a stretch of text
//   <!-- nianbao-disable-file table-sum -->   the whole file
// Rule ids are separated by spaces or commas; none means every rule. Text after " -- " is a reason.

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** empty: every rule */
  rules: string[];
  /** the comment */
  start: number;
  end: number;
  line: number;
}

const COMMENT = /<!--\s*nianbao-(disable-next-line|disable-file|disable|enable)(?![\w-])([\s\S]*?)-->/g;

function ruleList(s: string): string[] {
  const body = s.split(/\s--\s/)[0];
  return body.split(/[\s,，、]+/).filter(Boolean);
}

/** The directives of a report, in order; those in front matter and code blocks are only text. */
export function parseDirectives(model: ReportModel): Directive[] {
  const out: Directive[] = [];
  if (!model.text.includes('nianbao-')) return out;
  const inCode = hiddenLines({ comments: false });
  for (const line of model.lines) {
    if (model.frontMatter && line.start <= model.frontMatter.end) continue;
    const t = line.text;
    if (inCode(t) || !t.includes('nianbao-')) continue;
    COMMENT.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = COMMENT.exec(t)))
      out.push({
        kind: m[1] as DirectiveKind,
        rules: ruleList(m[2]),
        start: line.start + m.index,
        end: line.start + m.index + m[0].length,
        line: line.index,
      });
  }
  return out;
}

interface State {
  /** every rule is off, except those in `except` */
  all: boolean;
  except: Set<string>;
  /** rules that are off while `all` is false */
  off: Set<string>;
}

const isOff = (s: State, rule: string) => (s.all ? !s.except.has(rule) : s.off.has(rule));

/**
 * Which findings the directives silence. A finding belongs to the line it starts on;
 * disable/enable take effect after their comment.
 */
export function suppressor(model: ReportModel, directives: readonly Directive[]): (f: Pick<Finding, 'rule' | 'start'>) => boolean {
  if (!directives.length) return () => false;
  const fileAll = directives.some((d) => d.kind === 'disable-file' && !d.rules.length);
  const fileRules = new Set(directives.filter((d) => d.kind === 'disable-file').flatMap((d) => d.rules));
  // disable-next-line: the next line that is not itself only directives, so that they may be stacked
  const lineRules = new Map<number, { all: boolean; rules: Set<string> }>();
  const onlyDirectives = new Set<number>();
  for (const l of new Set(directives.map((d) => d.line))) {
    const rest = model.lines[l].text.replace(COMMENT, '').trim();
    if (!rest) onlyDirectives.add(l);
  }
  for (const d of directives) {
    if (d.kind !== 'disable-next-line') continue;
    let target = d.line + 1;
    while (onlyDirectives.has(target)) target++;
    const entry = lineRules.get(target) ?? { all: false, rules: new Set<string>() };
    if (!d.rules.length) entry.all = true;
    for (const r of d.rules) entry.rules.add(r);
    lineRules.set(target, entry);
  }
  // disable/enable: the state after each switch, to look up by offset
  const changes: { at: number; state: State }[] = [];
  let state: State = { all: false, except: new Set(), off: new Set() };
  for (const d of directives) {
    if (d.kind !== 'disable' && d.kind !== 'enable') continue;
    const next: State = { all: state.all, except: new Set(state.except), off: new Set(state.off) };
    if (!d.rules.length) {
      next.all = d.kind === 'disable';
      next.except.clear();
      next.off.clear();
    } else
      for (const r of d.rules) {
        if (d.kind === 'disable') next.all ? next.except.delete(r) : next.off.add(r);
        else next.all ? next.except.add(r) : next.off.delete(r);
      }
    changes.push({ at: d.end, state: next });
    state = next;
  }
  const lineOf = (offset: number) => lineIndexAt(model.lines, offset);
  return (f) => {
    if (fileAll || fileRules.has(f.rule)) return true;
    const l = lineRules.get(lineOf(f.start));
    if (l && (l.all || l.rules.has(f.rule))) return true;
    let s: State | undefined;
    for (const c of changes) {
      if (c.at > f.start) break;
      s = c.state;
    }
    return !!s && isOff(s, f.rule);
  };
}

/** The findings the report's own comments do not silence. */
export function applyDirectives<F extends Pick<Finding, 'rule' | 'start'>>(findings: F[], model: ReportModel): F[] {
  const directives = parseDirectives(model);
  if (!directives.length) return findings;
  const silenced = suppressor(model, directives);
  return findings.filter((f) => !silenced(f));
}
