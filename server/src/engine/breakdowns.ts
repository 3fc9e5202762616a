import type { ReportModel } from './model';
import { analyseProse, isCount, type ProseFigure } from './prose';

// Breakdowns in the prose: a stated total with its listed parts (其中 …, 分别为 …, 3607件（市政府349件、…）),
// and runs of "X件，占Y%" that split one whole. Only lists whose shape is unambiguous are taken:
// parts of one unit, one separator style, no nested totals; anything else ends the list.

export interface Part {
  figure: ProseFigure;
  percent?: ProseFigure;
}

export interface Breakdown {
  total?: ProseFigure;
  parts: Part[];
  /** the list says it is whole: 分别为, or its last part is 其他… */
  complete: boolean;
}

export interface BreakdownAnalysis {
  breakdowns: Breakdown[];
  /** the percentage attached to a count: 35件，占4.34% / 35件（4.34%） */
  percentOf: Map<ProseFigure, ProseFigure>;
}

const TRIGGER = /^[\s，,：:]*[（(]?\s*(其中|分别为|分别是|包括)[\s，,：:]*/;
const PERCENT_LINK = /^[\s，,]*(?:占(?:比|[^，,。；;%％\d]{0,12}?的)?|[（(])\s*$/;
const STOP_WORDS = /其中|另有|此外|合计|总计|共计|同比|较上年|比上年/;

function gapText(model: ReportModel, from: number, to: number): string {
  return model.text.slice(from, to);
}

function attachPercents(model: ReportModel, figs: ProseFigure[]): Map<ProseFigure, ProseFigure> {
  const map = new Map<ProseFigure, ProseFigure>();
  for (let i = 0; i + 1 < figs.length; i++) {
    const a = figs[i];
    const b = figs[i + 1];
    if (!isCount(a) || !b.percent || b.approximate || a.paragraph !== b.paragraph) continue;
    if (PERCENT_LINK.test(gapText(model, a.end, b.start))) map.set(a, b);
  }
  return map;
}

/** Depth of parentheses from `from` to `to`: how many are opened and not closed. */
function parenDepth(text: string): number {
  let d = 0;
  for (const c of text) {
    if (c === '（' || c === '(') d++;
    else if ((c === '）' || c === ')') && d > 0) d--;
  }
  return d;
}

function collectParts(
  model: ReportModel,
  figs: ProseFigure[],
  start: number,
  from: number,
  unit: string,
  paren: boolean,
  percentOf: Map<ProseFigure, ProseFigure>,
): Part[] {
  const parts: Part[] = [];
  let semicolons: boolean | undefined;
  let depth = 0; // parentheses opened inside the list
  let prevEnd = from;
  for (let i = start; i < figs.length; i++) {
    const f = figs[i];
    if (f.paragraph !== figs[start].paragraph) break;
    const gap = gapText(model, prevEnd, f.start);
    if (/[。！？!?]/.test(gap)) break;
    if (paren) {
      // a paren list ends where its parenthesis closes
      let level = depth;
      let closed = false;
      for (const c of gap) {
        if (c === '（' || c === '(') level++;
        else if (c === '）' || c === ')') {
          if (level === 0) {
            closed = true;
            break;
          }
          level--;
        }
      }
      if (closed) break;
      depth = level;
    } else depth += parenDepth(gap);
    prevEnd = f.end;
    if (depth > 0) continue; // a nested breakdown: (政府预决算32条、部门预决算公开165条)
    if (f.percent) continue;
    if (parts.length && STOP_WORDS.test(gap)) break;
    if (!isCount(f) || f.unit !== unit) break;
    if (parts.length === 1) semicolons = /[；;]/.test(gap);
    else if (parts.length > 1 && !semicolons && /[；;]/.test(gap)) break;
    if (!/[\u3400-\u9fff]/.test(f.clauseBefore)) break; // a part is named: 自然人72件
    const percent = percentOf.get(f);
    if (parts.length && !!parts[0].percent !== !!percent) break; // the list changes shape: it has ended
    parts.push({ figure: f, percent });
    const after = percent ?? f;
    prevEnd = after.end;
  }
  return parts;
}

const cache = new WeakMap<ReportModel, BreakdownAnalysis>();

export function analyseBreakdowns(model: ReportModel): BreakdownAnalysis {
  const hit = cache.get(model);
  if (hit) return hit;
  const { figures } = analyseProse(model);
  const percentOf = attachPercents(model, figures);
  const breakdowns: Breakdown[] = [];
  const inList = new Set<ProseFigure>();
  for (let i = 0; i + 1 < figures.length; i++) {
    const t = figures[i];
    if (!isCount(t)) continue;
    const after = model.text.slice(t.end, Math.min(t.end + 14, model.text.length));
    // 在……公开的1853条政府信息中，A条，占x%；B条…: the whole, then its shares
    const trigger = TRIGGER.exec(after) ?? /^[\u3400-\u9fff]{1,10}中[，,：:]/.exec(model.text.slice(t.end, t.end + 14));
    const paren = /^[\s，,]*[（(]/.test(after);
    if (!trigger && !paren) continue;
    // a paren list is read from inside its parenthesis, and ends where it closes
    const from = paren ? t.end + after.search(/[（(]/) + 1 : t.end;
    const parts = collectParts(model, figures, i + 1, from, t.unit, paren, percentOf);
    if (parts.length < 2) continue;
    const last = parts[parts.length - 1].figure;
    const complete = trigger?.[1]?.startsWith('分别') === true || /其他|其它/.test(last.clauseBefore);
    breakdowns.push({ total: t, parts, complete });
    for (const p of parts) inList.add(p.figure);
  }
  // runs of "X件，占Y%" with no stated total: one whole split into shares
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i];
    if (inList.has(f) || !percentOf.has(f)) continue;
    const parts = collectParts(model, figures, i, f.start, f.unit, false, percentOf);
    if (!parts.length) continue;
    const lastShare = parts[parts.length - 1].percent!;
    const next = figures[lastShare.index + 1]; // a last part written without its share: 其他处理0件
    const tail =
      next &&
      isCount(next) &&
      next.unit === f.unit &&
      next.paragraph === f.paragraph &&
      /其他|其它/.test(next.clauseBefore) &&
      !/[。！？!?]/.test(gapText(model, lastShare.end, next.start));
    breakdowns.push({ parts, complete: !!tail || /其他|其它/.test(parts[parts.length - 1].figure.clauseBefore) });
    for (const p of parts) inList.add(p.figure);
    i = lastShare.index;
  }
  const result = { breakdowns, percentOf };
  cache.set(model, result);
  return result;
}

/** Figures earlier in the paragraph that could be the whole a share is taken of, nearest first. */
export function baseCandidates(model: ReportModel, part: ProseFigure, atLeast: number, exclude: Set<ProseFigure>): ProseFigure[] {
  const own = analyseProse(model).byParagraph[part.paragraph];
  const { percentOf } = analyseBreakdowns(model);
  const out: ProseFigure[] = [];
  const first = own[0].index;
  // the nearest 200 figures before it: a whole is stated shortly before its shares
  for (let i = part.index - first - 1; i >= 0 && part.index - first - i <= 200; i--) {
    const f = own[i];
    if (isCount(f) && f.unit === part.unit && f.value >= atLeast && f.value > 0 && !exclude.has(f) && !percentOf.has(f)) out.push(f);
  }
  return out;
}
