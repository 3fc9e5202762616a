import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule, type TextEdit } from '../finding';
import type { Heading } from '../model';
import type { SectionSchema } from '../schema';
import { bestGramScore, codeAt, codeTable, labelBigrams, labelsOf, toHalfWidth } from '../text';
import { chineseNumeral, proseLines } from './reportText';

/**
 * 标题序号连续：一、二、三……和每一章下的（一）（二）（三）……不跳号、不重号；
 * 也找出写错的序号（“—、”当成“一、”、漏了序号的标题、全角半角括号混用）。
 */
export const sectionNumbering: Rule = {
  id: 'section-numbering',
  severity: 'warning',
  fixable: true,
  description: localized(
    '标题序号一、二、三和（一）（二）（三）连续，不跳号、不重号',
    'Heading numbers 一、二、三 and （一）（二）（三） run in sequence, without gaps or repeats',
  ),
  check(report) {
    const items = collect(report);
    const out: RuleFinding[] = [];
    const top = items.filter((i) => i.level === 'chinese');
    out.push(...walk(report, top));
    // （一）（二）… count afresh under every 一、二、…
    const groups = new Map<number, Item[]>();
    let parent = -1;
    for (const it of items) {
      if (it.level === 'chinese') {
        parent = it.line;
        continue;
      }
      if (!groups.has(parent)) groups.set(parent, []);
      groups.get(parent)!.push(it);
    }
    for (const g of groups.values()) out.push(...walk(report, g));
    out.push(...parentheses(report, items));
    return out;
  },
};

type Level = 'chinese' | 'parenChinese';

interface Item {
  level: Level;
  line: number;
  /** the numeral as written; undefined when it is missing or mistyped */
  value?: number;
  /** where the numeral stands, or where it belongs when it is missing */
  numStart: number;
  numEnd: number;
  /** the whole mark: 一、 or （一） */
  markStart: number;
  markEnd: number;
  typo?: 'dash' | 'missing';
  /** a section of the format this line should head (a heading written without its numeral) */
  formatValue?: number;
  heading?: Heading;
}

const NUMERAL = /[一二三四五六七八九十]+/;
const MAX_FINDINGS = 20;
const DASHES = '—－―─-';
/** a dash written for 一 (—、 and （—）), made once rather than at every line */
const DASH_MARK = new RegExp(`^([${DASHES}])\\s*[、，.．](?=\\s*[\\u4e00-\\u9fa5])`);
const DASH_PAREN_MARK = new RegExp(`^[（(]\\s*([${DASHES}])\\s*[）)](?=\\s*[\\u4e00-\\u9fa5])`);

function collect(report: BoundReport): Item[] {
  const { model } = report;
  const text = model.text;
  const skip = tableSpans(report);
  const items: Item[] = [];
  const headingLines = new Set<number>();
  for (const h of model.headings) {
    headingLines.add(h.line);
    const n = h.numbering;
    if (!n || (n.kind !== 'chinese' && n.kind !== 'parenChinese') || inSpans(skip, h.start)) continue;
    const mark = text.slice(n.start, n.end);
    const num = NUMERAL.exec(mark);
    if (!num) continue;
    items.push({
      level: n.kind,
      line: h.line,
      value: n.value,
      numStart: n.start + num.index,
      numEnd: n.start + num.index + num[0].length,
      markStart: n.start,
      markEnd: n.end,
      heading: h,
    });
  }
  for (const l of proseLines(model)) {
    if (headingLines.has(l.index) || inSpans(skip, l.start)) continue;
    // most lines start with a word: no white space or # to step over, and no pattern tried to find none
    const lead = LEADS.test(l.text) ? /^[\s\u3000]*(?:#{1,6}[ \t]+)?/.exec(l.text)![0].length : 0;
    const rest = l.text.slice(lead);
    const at = l.start + lead;
    let m: RegExpExecArray | null;
    // each mark below starts with a dash, a bracket or 、: a line starting otherwise can only be an unnumbered heading
    if (!MARK_FIRST_CODE[codeAt(rest, 0)]) {
      const f = unnumberedSectionHeading(report, rest);
      if (f !== undefined) items.push(unnumbered(l.index, at, f));
    } else if ((m = DASH_MARK.exec(rest)))
      items.push({ level: 'chinese', line: l.index, numStart: at, numEnd: at + 1, markStart: at, markEnd: at + m[0].length, typo: 'dash' });
    else if ((m = DASH_PAREN_MARK.exec(rest))) {
      const d = m[0].indexOf(m[1]);
      items.push({
        level: 'parenChinese',
        line: l.index,
        numStart: at + d,
        numEnd: at + d + 1,
        markStart: at,
        markEnd: at + m[0].length,
        typo: 'dash',
      });
    } else if ((m = /^、(?=\s*[\u4e00-\u9fa5])/.exec(rest)) && rest.length <= 60)
      items.push({ level: 'chinese', line: l.index, numStart: at, numEnd: at, markStart: at, markEnd: at + 1, typo: 'missing' });
    else if ((m = /^[（(](\s*)[）)](?=\s*[\u4e00-\u9fa5])/.exec(rest)))
      items.push({
        level: 'parenChinese',
        line: l.index,
        numStart: at + 1,
        numEnd: at + 1 + m[1].length,
        markStart: at,
        markEnd: at + m[0].length,
        typo: 'missing',
      });
    else {
      const f = unnumberedSectionHeading(report, rest);
      if (f !== undefined) items.push(unnumbered(l.index, at, f));
    }
  }
  return items.sort((a, b) => a.numStart - b.numStart);
}

/** what the marks collect() looks for start with: a dash (—、, （—）), a bracket (（）) or 、 */
const MARK_FIRST_CODE = codeTable(DASHES + '（(、');

/** A line that reads as the title of the format's section formatValue, without its numeral. */
function unnumbered(line: number, at: number, formatValue: number): Item {
  return { level: 'chinese', line, numStart: at, numEnd: at, markStart: at, markEnd: at, typo: 'missing', formatValue };
}

/**
 * A line that reads as the title of a section of the format that the report lacks, written
 * without its numeral ("主动公开政府信息情况" between 一、 and 三、): the numeral it should have.
 */
function unnumberedSectionHeading(report: BoundReport, line: string): number | undefined {
  if (!mayBeTitle(line)) return undefined; // most lines are sentences: no section's title is scored against them
  for (const s of report.schema.sections) {
    if (s.content || report.sections.has(s.id)) continue;
    const m = /^([一二三四五六七八九十]+)、/.exec(s.title);
    if (m && readsAsTitleOf(line, s)) return numeralValue(m[1]);
  }
  return undefined;
}

/**
 * The sections of the format this rule reports as headings written without their numeral: required-section
 * does not report them missing as well.
 */
export function sectionsWithoutNumeral(report: BoundReport): Set<string> {
  const out = new Set<string>();
  const missing = report.schema.sections.filter(
    (s) => !s.content && !report.sections.has(s.id) && /^[一二三四五六七八九十]+、/.test(s.title),
  );
  if (!missing.length) return out;
  const skip = tableSpans(report);
  const headingLines = new Set(report.model.headings.map((h) => h.line));
  for (const l of proseLines(report.model)) {
    if (headingLines.has(l.index) || inSpans(skip, l.start)) continue;
    const rest = l.text.replace(/^[\s\u3000]*(?:#{1,6}[ \t]+)?/, '');
    // as collect() reads a line: one that opens with a mark of its own is not an unnumbered heading
    if (/^(?:[一二三四五六七八九十]+|[—－―─-])?\s*、|^[（(]/.test(rest)) continue;
    for (const s of missing) if (readsAsTitleOf(rest, s)) out.add(s.id);
  }
  return out;
}

/** A short line without punctuation that reads as the section's title (its numeral left out). */
export function readsAsTitleOf(line: string, section: SectionSchema): boolean {
  return mayBeTitle(line) && bestGramScore(labelBigrams(line.trim()), labelsOf(section, section.title, section.aliases)) >= 0.8;
}

/** Short and without punctuation: what any title is. */
function mayBeTitle(line: string): boolean {
  const t = line.trim();
  return !!t && t.length <= 30 && !/[。，；,;：:]/.test(t);
}

function numeralValue(s: string): number {
  const d: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + d[s[1]];
  if (s.includes('十')) return d[s[0]] * 10 + (s[2] ? d[s[2]] : 0);
  return d[s] ?? 0;
}

/** Table rows with their label lines: their 一、（一） are labels of rows, not headings. */
function tableSpans(report: BoundReport): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const lines = report.model.lines;
  for (const t of report.tables.values()) {
    const rows = [...t.rows.values()];
    if (!rows.length) continue;
    const first = rows.reduce((a, r) => (r.start < a.start ? r : a));
    const last = rows.reduce((a, r) => (r.end > a.end ? r : a));
    const from = first.label !== first.ownLabel ? Math.max(0, first.line - 3) : first.line;
    spans.push({ start: lines[from].start, end: last.end });
  }
  return spans;
}

function inSpans(spans: { start: number; end: number }[], at: number): boolean {
  for (const s of spans) if (at >= s.start && at <= s.end) return true;
  return false;
}

/** a line starting with white space or # (a Markdown heading) */
const LEADS = /^[\s#]/;

function written(report: BoundReport, it: Item): string {
  return report.model.text.slice(it.markStart, it.markEnd).trim() || '（无序号）';
}

function markFor(it: Item, value: number): string {
  return it.level === 'chinese' ? `${chineseNumeral(value)}、` : `（${chineseNumeral(value)}）`;
}

/** The edits that give items[from…] the numbers value, value + 1, … up to the next list that starts afresh. */
function renumber(items: Item[], from: number, value: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let k = from, v = value; k < items.length; k++, v++) {
    const it = items[k];
    if (k > from && it.value === 1 && !it.typo) break;
    if (it.value === v && !it.typo) continue;
    const numeral = chineseNumeral(v);
    if (it.typo === 'missing' && it.markStart === it.markEnd) edits.push({ start: it.numStart, end: it.numEnd, newText: `${numeral}、` });
    else edits.push({ start: it.numStart, end: it.numEnd, newText: numeral });
  }
  return edits;
}

/** Is this heading numbered as the format numbers its section (四、政府信息公开行政复议…)? Then a gap before it is a missing section. */
function formatNumbered(report: BoundReport, it: Item): boolean {
  if (!it.heading || it.value === undefined) return false;
  for (const b of report.sections.values())
    if (b.heading === it.heading) {
      const m = /^([一二三四五六七八九十]+)、/.exec(b.schema.title);
      return !!m && numeralValue(m[1]) === it.value;
    }
  return false;
}

function walk(report: BoundReport, items: Item[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  let prev = 0;
  items.forEach((it, k) => {
    // a text numbered at random says nothing more after a while; and renumbering stays linear
    if (out.length >= MAX_FINDINGS) return;
    const expected = it.formatValue ?? prev + 1;
    const mark = written(report, it);
    if (it.typo) {
      const right = markFor(it, expected);
      out.push({
        message:
          it.typo === 'dash'
            ? localized(`标题序号「${mark}」写错了，应为「${right}」`, `The heading number “${mark}” is mistyped; it should be “${right}”`)
            : localized(`这个标题缺少序号，应为「${right}」`, `This heading has no number; it should be “${right}”`),
        start: it.markStart,
        end: Math.max(it.markEnd, lineEnd(report, it)),
        related: [],
        fix: { title: localized(`改为「${right}」`, `Change to “${right}”`), edits: renumber(items, k, expected) },
      });
      prev = expected;
      return;
    }
    const v = it.value!;
    if (v === prev + 1 || v === 1 || prev === 0 || formatNumbered(report, it)) {
      prev = v;
      return;
    }
    const want = markFor(it, prev + 1);
    const before = chineseNumeral(prev);
    // 一、三、三、: the next goes on from the number this one should have, so only this one is wrong
    const typo = items[k + 1]?.value === prev + 2;
    const message =
      v > prev + 1
        ? localized(
            `标题序号不连续：「${before}」之后应为「${want}」，这里是「${mark}」，中间缺了${Array.from({ length: v - prev - 1 }, (_, i) => `「${chineseNumeral(prev + 1 + i)}」`).join('')}`,
            `Heading numbers skip: after “${before}” comes “${want}”, here it is “${mark}”`,
          )
        : v === prev
          ? localized(`标题序号「${mark}」重复了，应为「${want}」`, `The heading number “${mark}” is repeated; it should be “${want}”`)
          : localized(
              `标题序号「${mark}」排在「${before}」之后，应为「${want}」`,
              `The heading number “${mark}” comes after “${before}”; it should be “${want}”`,
            );
    out.push({
      message,
      start: it.markStart,
      end: lineEnd(report, it),
      related: previous(report, items, k),
      fix: typo
        ? {
            title: localized(`改为「${want}」`, `Change to “${want}”`),
            edits: [{ start: it.numStart, end: it.numEnd, newText: chineseNumeral(prev + 1) }],
          }
        : { title: localized(`从这里起重新编号（${want}……）`, `Renumber from here (${want} …)`), edits: renumber(items, k, prev + 1) },
    });
    prev = typo ? prev + 1 : v;
  });
  return out;
}

function previous(report: BoundReport, items: Item[], k: number): RuleFinding['related'] {
  const p = items[k - 1];
  if (!p) return [];
  return [
    {
      message: localized(`上一个标题「${written(report, p)}」在此`, `The heading before, “${written(report, p)}”, is here`),
      start: p.markStart,
      end: lineEnd(report, p),
    },
  ];
}

/** The heading's text up to its first sentence end: findings underline the heading, not its paragraph. */
function lineEnd(report: BoundReport, it: Item): number {
  const line = report.model.lines[it.line];
  const rest = report.model.text.slice(it.markStart, line.end);
  const stop = rest.search(/[。．.；;]/);
  return it.markStart + (stop >= 0 ? stop : rest.trimEnd().length);
}

/** （一) and (一）: one half-width, one full-width; (二) among （一）（三）: another style than the other headings. */
function parentheses(report: BoundReport, items: Item[]): RuleFinding[] {
  const text = report.model.text;
  const out: RuleFinding[] = [];
  const styles = items
    .filter((it) => it.level === 'parenChinese')
    .map((it) => {
      const mark = text.slice(it.markStart, it.markEnd);
      const close = Math.max(mark.lastIndexOf('）'), mark.lastIndexOf(')'));
      return { it, open: mark[0], close: mark[close], closeAt: it.markStart + close };
    })
    .filter((s) => (s.open === '（' || s.open === '(') && (s.close === '）' || s.close === ')'));
  const full = styles.filter((s) => s.open === '（' && s.close === '）').length;
  const half = styles.filter((s) => s.open === '(' && s.close === ')').length;
  const useFull = full >= half;
  const [o, c] = useFull ? ['（', '）'] : ['(', ')'];
  for (const s of styles) {
    const mixed = (s.open === '（') !== (s.close === '）');
    const other = !mixed && (s.open === '（') !== useFull;
    if (!mixed && !other) continue;
    const mark = text.slice(s.it.markStart, s.it.markEnd);
    const right = `${o}${toHalfWidth(mark)
      .slice(1, s.closeAt - s.it.markStart)
      .trim()}${c}`;
    out.push({
      severity: mixed ? 'warning' : 'information',
      message: mixed
        ? localized(
            `标题序号「${mark}」的括号一个全角、一个半角，应为「${right}」`,
            `The heading number “${mark}” mixes full-width and half-width parentheses; write “${right}”`,
          )
        : localized(
            `标题序号「${mark}」用的是${useFull ? '半角' : '全角'}括号，其他标题用${useFull ? '全角' : '半角'}括号「${right}」`,
            `The heading number “${mark}” uses ${useFull ? 'half' : 'full'}-width parentheses, the other headings ${useFull ? 'full' : 'half'}-width ones: “${right}”`,
          ),
      start: s.it.markStart,
      end: s.it.markEnd,
      related: [],
      fix: {
        title: localized(`改为「${right}」`, `Change to “${right}”`),
        edits: [
          ...(s.open !== o ? [{ start: s.it.markStart, end: s.it.markStart + 1, newText: o }] : []),
          ...(s.close !== c ? [{ start: s.closeAt, end: s.closeAt + 1, newText: c }] : []),
        ],
      },
    });
  }
  return out;
}
