import { PerReport } from './memo';
import type { ReportModel } from './model';
import { analyseProse, type ProseFigure } from './prose';

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
  /**
   * For a list with no total of its own whose subject (主动公开) has one total earlier in the paragraph, in another
   * sentence: 2014年主动公开政府信息2543条。…主要类别有：机构职能类信息594条，…其他应主动公开的信息946条。
   */
  totalElsewhere?: ProseFigure;
}

export interface BreakdownAnalysis {
  breakdowns: Breakdown[];
  /** the percentage attached to a count: 35件，占4.34% / 35件（4.34%） */
  percentOf: Map<ProseFigure, ProseFigure>;
  /**
   * Lists read against a total stated in an earlier sentence (see Breakdown.totalElsewhere): lists of categories
   * after 主要类别有：, and shares written one sentence each (县直…2475条，占62.2%。各乡镇…1503条，占37.8%。).
   * Kept apart from `breakdowns`, whose shares and totals other rules read in their own sentence.
   */
  elsewhere: Breakdown[];
  /** runs of shares with no total that split one whole, their shares making 100% (one sentence or one each) */
  wholes: Part[][];
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
    if (!a.count || !b.percent || b.approximate || a.paragraph !== b.paragraph) continue;
    if (PERCENT_LINK.test(gapText(model, a.end, b.start))) map.set(a, b);
  }
  return map;
}

/** Depth of parentheses from `from` to `to`: how many are opened and not closed. */
function parenDepth(text: string): number {
  let d = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_FULL || c === OPEN) d++;
    else if ((c === CLOSE_FULL || c === CLOSE) && d > 0) d--;
  }
  return d;
}

// （ ( ） ): read by code unit, not as one string per character of the text between figures
const OPEN_FULL = 0xff08;
const OPEN = 0x28;
const CLOSE_FULL = 0xff09;
const CLOSE = 0x29;

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
      for (let k = 0; k < gap.length; k++) {
        const c = gap.charCodeAt(k);
        if (c === OPEN_FULL || c === OPEN) level++;
        else if (c === CLOSE_FULL || c === CLOSE) {
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
    if (!f.count || f.unit !== unit) break;
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

const cache = new PerReport<ReportModel, BreakdownAnalysis>();

export function analyseBreakdowns(model: ReportModel): BreakdownAnalysis {
  const hit = cache.get(model);
  if (hit) return hit;
  const { figures } = analyseProse(model);
  const percentOf = attachPercents(model, figures);
  const breakdowns: Breakdown[] = [];
  // by figure index: in a list already, has a share attached (looked up for every figure, more than once)
  const inList = new Uint8Array(figures.length);
  const hasShare = new Uint8Array(figures.length);
  for (const f of percentOf.keys()) hasShare[f.index] = 1;
  for (let i = 0; i + 1 < figures.length; i++) {
    const t = figures[i];
    if (!t.count) continue;
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
    for (const p of parts) inList[p.figure.index] = 1;
  }
  // runs of "X件，占Y%" with no stated total: one whole split into shares
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i];
    if (inList[f.index] || !hasShare[f.index]) continue;
    const parts = collectParts(model, figures, i, f.start, f.unit, false, percentOf);
    if (!parts.length) continue;
    const lastShare = parts[parts.length - 1].percent!;
    const next = figures[lastShare.index + 1]; // a last part written without its share: 其他处理0件
    const tail =
      next &&
      next.count &&
      next.unit === f.unit &&
      next.paragraph === f.paragraph &&
      /其他|其它/.test(next.clauseBefore) &&
      !/[。！？!?]/.test(gapText(model, lastShare.end, next.start));
    breakdowns.push({ parts, complete: !!tail || /其他|其它/.test(parts[parts.length - 1].figure.clauseBefore) });
    for (const p of parts) inList[p.figure.index] = 1;
    i = lastShare.index;
  }
  const elsewhere: Breakdown[] = [];
  // 主要类别有：A类信息594条，B类信息281条，…: a list introduced by a colon after its subject, with no total
  for (let i = 0; i + 1 < figures.length; i++) {
    const f = figures[i];
    if (inList[f.index] || hasShare[f.index] || !f.count) continue;
    const intro = CATEGORY_INTRO.exec(f.sentenceBefore);
    if (!intro || f.sentenceBefore.length - intro.index - intro[0].length > 30) continue;
    const parts = collectParts(model, figures, i, f.start, f.unit, false, percentOf);
    if (parts.length < 3 || parts.some((p) => inList[p.figure.index])) continue;
    elsewhere.push({ parts, complete: /其他|其它/.test(parts[parts.length - 1].figure.clauseBefore) });
    i = parts[parts.length - 1].figure.index;
  }
  // shares one sentence each: runs of shares without a total, each right after the one before, the shares making 100%
  // lists with a stated total whose every part has its share split that whole too
  const wholes: Part[][] = breakdowns.filter((b) => b.total && b.parts.length >= 2 && b.parts.every((p) => p.percent)).map((b) => b.parts);
  const runs = breakdowns.filter((b) => !b.total && b.parts.every((p) => p.percent));
  for (let k = 0; k < runs.length; k++) {
    const joined = [...runs[k].parts];
    const from = k;
    while (k + 1 < runs.length) {
      const lastShare = joined[joined.length - 1].percent!;
      const next = runs[k + 1].parts[0].figure;
      if (next.index !== lastShare.index + 1 || next.paragraph !== lastShare.paragraph || next.unit !== joined[0].figure.unit) break;
      joined.push(...runs[++k].parts);
    }
    const shares = joined.reduce((a, p) => a + p.percent!.value, 0);
    if (joined.length >= 2 && Math.abs(shares - 100) <= 0.5) wholes.push(joined);
    if (k > from && Math.abs(shares - 100) <= 0.5) elsewhere.push({ parts: joined, complete: true });
  }
  for (const b of elsewhere) b.totalElsewhere = totalElsewhere(b, figures);
  const result = { breakdowns, percentOf, elsewhere: elsewhere.filter((b) => b.totalElsewhere), wholes };
  cache.set(model, result);
  return result;
}

// the sentence opens a list of categories: 主动公开政府信息的主要类别有： / 按类别分：
const CATEGORY_INTRO = /(?:类别|类型|分类)(?:有|为|如下|是)?[：:]/;

/** What a list without a total may be about, when its sentence says so: only 主动公开 (proactive disclosure) for now. */
const SUBJECTS = ['主动公开'];
/** Words that make a figure a share of the subject rather than its total: one office's part, one channel, another period. */
const PART_WORDS = /各单位|各乡镇|乡镇|部门|区直|县直|市直|公开办|网站|门户|累计|以来|历年|类|其他|其它|同比|上年|较/;

/**
 * The one total earlier in the paragraph that a list without its own total divides: the list's sentence (or
 * its first part) names the subject, and exactly one value is stated for the subject as a whole before it.
 * Several values, or none, and the list is left alone.
 */
function totalElsewhere(b: Breakdown, figures: ProseFigure[]): ProseFigure | undefined {
  const first = b.parts[0].figure;
  const about = first.sentenceBefore + first.clauseAfter;
  const subject = SUBJECTS.find((w) => about.includes(w));
  if (!subject) return undefined;
  const own = new Set(b.parts.map((p) => p.figure));
  const candidates: ProseFigure[] = [];
  for (let i = first.index - 1; i >= 0 && figures[i].paragraph === first.paragraph; i--) {
    const f = figures[i];
    if (own.has(f) || !f.count || f.unit !== first.unit) continue;
    const clause = f.clauseBefore + f.clauseAfter;
    if (clause.includes(subject) && !PART_WORDS.test(clause)) candidates.push(f);
  }
  // figures of the same sentence as the list are its own business (a stated total is read above)
  const before = candidates.filter((c) => c.sentence < first.sentence);
  const values = new Set(before.map((c) => c.value));
  if (values.size !== 1) return undefined;
  return before[0];
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
    if (f.count && f.unit === part.unit && f.value >= atLeast && f.value > 0 && !exclude.has(f) && !percentOf.has(f)) out.push(f);
  }
  return out;
}
