import type { ReportModel } from './model';
import { figuresInHalfWidth, type Figure } from './numbers';
import { halfWidthText } from './text';

// Figures in the prose, each with the words around it: the clause it stands in (between commas),
// the sentence (between full stops or semicolons) and its paragraph. PDF text breaks lines inside
// sentences, so a paragraph runs over line breaks and ends at a blank line or a table.

export interface ProseFigure extends Figure {
  /** index in ProseAnalysis.figures */
  index: number;
  paragraph: number;
  /** white-space-free, half-width text of the clause before and after the figure (counts only: see isCount) */
  clauseBefore: string;
  clauseAfter: string;
  /** white-space-free text of the sentence up to the figure */
  sentenceBefore: string;
  /** white-space-free text of the paragraph up to the figure, at most its last 300 characters */
  paragraphBefore: string;
  sentence: number;
  /** offset just after the figure's digits (before its unit): where a corrected number ends */
  numberEnd: number;
}

export interface Paragraph {
  start: number;
  end: number;
  text: string;
}

export interface ProseAnalysis {
  paragraphs: Paragraph[];
  figures: ProseFigure[];
  /** the figures of each paragraph, in order */
  byParagraph: ProseFigure[][];
}

const CLAUSE_END = /[，,；;。！？!?：:、（）()【】\[\]]/;
const SENTENCE_END = /[。！？!?；;]/;

/**
 * re.test(character) for one UTF-16 code unit, remembered per code: the prose is scanned character by
 * character, and an array read costs a fraction of a regular-expression call.
 */
function charTest(re: RegExp): (code: number) => boolean {
  const known = new Uint8Array(65536); // 0 not yet known, 1 no, 2 yes
  return (c) => (known[c] ||= re.test(String.fromCharCode(c)) ? 2 : 1) === 2;
}
const isClauseEnd = charTest(CLAUSE_END);
const isSentenceEnd = charTest(SENTENCE_END);

function isTableLine(text: string): boolean {
  return text.includes('|') || text.includes('\t');
}

const paragraphCache = new WeakMap<ReportModel, Paragraph[]>();

/** The paragraphs of the prose, once per model: several rules read them; what is returned is shared and must not be changed. */
export function paragraphsOf(model: ReportModel): Paragraph[] {
  let paragraphs = paragraphCache.get(model);
  if (!paragraphs) paragraphCache.set(model, (paragraphs = findParagraphs(model)));
  return paragraphs;
}

function findParagraphs(model: ReportModel): Paragraph[] {
  const rowLines = new Set(model.rows.map((r) => r.line));
  const out: Paragraph[] = [];
  let start = -1;
  let end = -1;
  const flush = () => {
    if (start >= 0) out.push({ start, end, text: model.text.slice(start, end) });
    start = -1;
  };
  const fmEnd = model.frontMatter?.end ?? -1;
  // code blocks and HTML comments are read as parseReport and the directives read them: a fence is closed
  // by its own mark (``` by ```, ~~~ by ~~~), a comment runs until -->
  let fence: string | undefined;
  let comment = false;
  for (const line of model.lines) {
    if (line.start <= fmEnd) continue;
    const mark = fence ? undefined : /^ {0,3}(`{3,}|~{3,})/.exec(line.text);
    if (fence || mark) {
      if (mark) fence = mark[1];
      else if (line.text.trim().startsWith(fence!)) fence = undefined;
      flush();
      continue;
    }
    if (comment || /^\s*<!--/.test(line.text)) {
      comment = !line.text.includes('-->');
      flush();
      continue;
    }
    if (!line.text.trim() || rowLines.has(line.index) || isTableLine(line.text) || line.text.length > 5000) {
      flush();
      continue;
    }
    if (start < 0) start = line.start;
    end = line.end;
  }
  flush();
  return out;
}

let squeezeMap = new Int32Array(1024);

/**
 * Context is compared as half-width text without white space (PDF text puts spaces anywhere). The
 * paragraph is squeezed once; `at[i]` is where offset i of the paragraph lands in the squeezed text.
 */
function squeezeWithMap(half: string): { text: string; at: Int32Array } {
  // the map is read only while its paragraph is analysed: one array, grown as needed, serves them all
  if (squeezeMap.length < half.length + 1) squeezeMap = new Int32Array(Math.max(half.length + 1, squeezeMap.length * 2));
  const at = squeezeMap;
  // the runs between white space, joined: prose has few spaces, so a few slices rather than a string per character
  const runs: string[] = [];
  let n = 0;
  let from = 0;
  for (let i = 0; i < half.length; i++) {
    at[i] = n;
    const ch = half.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 0x3000 || ch === 0xa0) {
      if (i > from) runs.push(half.slice(from, i));
      from = i + 1;
    } else n++;
  }
  if (from < half.length) runs.push(half.slice(from));
  at[half.length] = n;
  return { text: runs.join(''), at };
}

const cache = new WeakMap<ReportModel, ProseAnalysis>();

const WINDOW = 500; // how far back a clause, a sentence or a paragraph's context is read

/** Computed once per report model; the prose rules share it. Linear in the text's length. */
export function analyseProse(model: ReportModel): ProseAnalysis {
  const hit = cache.get(model);
  if (hit) return hit;
  const paragraphs = paragraphsOf(model);
  const figures: ProseFigure[] = [];
  const byParagraph: ProseFigure[][] = [];
  paragraphs.forEach((p, pi) => {
    const own: ProseFigure[] = [];
    byParagraph.push(own);
    // the report is made half-width once (the text rules read it too): the paragraph is a slice of it
    const half = halfWidthText(model.text).slice(p.start, p.end);
    const found = figuresInHalfWidth(half, p.start);
    if (!found.length) return;
    // squeezed when a count asks for its context first: a paragraph of dates and shares is not
    let squeezed: { text: string; at: Int32Array } | undefined;
    const squeeze = (from: number, to: number) => {
      squeezed ??= squeezeWithMap(half);
      return squeezed.text.slice(squeezed.at[from], squeezed.at[to]);
    };
    // the figures come in order: one walk through the paragraph finds where each one's clause and sentence begin
    let sentence = 0;
    let sentenceStart = 0; // just after the last sentence end before the figure
    let clauseStart = 0;
    let walked = 0;
    for (const f of found) {
      const rel = f.start - p.start;
      const relEnd = f.end - p.start;
      for (; walked < rel; walked++) {
        const c = p.text.charCodeAt(walked);
        if (isClauseEnd(c)) clauseStart = walked + 1;
        if (isSentenceEnd(c)) {
          sentenceStart = walked + 1;
          sentence++;
        }
      }
      let clauseEnd = relEnd;
      // only counts are ever read in their context (years, dates and shares are not): the rest get none
      const counts = isCount(f);
      if (counts)
        while (clauseEnd < p.text.length && clauseEnd - relEnd < WINDOW && !isClauseEnd(p.text.charCodeAt(clauseEnd))) clauseEnd++;
      const raw = model.text.slice(f.start, f.end);
      const digits = /^[百分之\s]*[\d０-９,，.．零〇一二两三四五六七八九十百千万亿]+/.exec(raw);
      // the figure's fields written out rather than spread (...f): several times faster on long reports
      const figure: ProseFigure = {
        start: f.start,
        end: f.end,
        value: f.value,
        unit: f.unit,
        percent: f.percent,
        approximate: f.approximate,
        ordinal: f.ordinal,
        chinese: f.chinese,
        index: figures.length,
        paragraph: pi,
        clauseBefore: counts ? squeeze(Math.max(clauseStart, rel - WINDOW), rel) : '',
        clauseAfter: counts ? squeeze(relEnd, clauseEnd) : '',
        sentenceBefore: counts ? squeeze(Math.max(sentenceStart, rel - WINDOW), rel) : '',
        paragraphBefore: counts ? squeeze(Math.max(0, rel - 300), rel) : '',
        sentence,
        numberEnd: f.start + (digits ? digits[0].replace(/\s+$/, '').length : raw.length),
      };
      figures.push(figure);
      own.push(figure);
    }
  });
  const analysis = { paragraphs, figures, byParagraph };
  cache.set(model, analysis);
  return analysis;
}

/**
 * A whole count written in digits: what a statement about applications, cases or documents can be checked
 * against. Chinese numerals are idiomatic more often than counts (办结一件申请、解决一个问题).
 */
export function isCount(f: Figure): boolean {
  return !f.percent && !f.approximate && !f.ordinal && !f.chinese && Number.isInteger(f.value) && !NOT_COUNTS.has(f.unit);
}

const NOT_COUNTS = new Set(['年', '月', '日', '号', '天', '小时', '分钟', '倍']);
