import type { Finding, Operand } from '../finding';
import type { CheckResult } from '../index';
import { numberText } from '../numbers';
import { lineStarts, positionAt } from '../text';
import { placeAt, type CellPlace } from './cells';
import { pick, type Lang } from './l10n';

// Hover: the arithmetic behind a finding, with links to the figures it adds up, and which official
// row and column a table cell is. The finding's message itself is shown by the editor already.

export interface HoverOptions {
  lang: Lang;
  /** the document's URI, for links to lines; plain line numbers without it */
  uri?: string;
}

export interface HoverResult {
  start: number;
  end: number;
  markdown: string;
}

/** Markdown-escaped text for a table cell or a sentence. */
export function md(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|#]/g, '\\$&');
}

const contains = (x: { start: number; end: number }, offset: number) => x.start <= offset && offset <= x.end;

export function hoverAt(result: CheckResult, offset: number, options: HoverOptions): HoverResult | undefined {
  const starts = lineStarts(result.model.text);
  const link = linker(starts, options);
  const parts: string[] = [];
  let range: { start: number; end: number } | undefined;
  const place = placeAt(result.bound, offset);
  if (place) {
    parts.push(placeText(place, options.lang));
    range = place;
  }
  // figures found wrong themselves (totals, not the operands a balance finding sits on)
  const wrong = result.findings.filter((f) => f.arithmetic && !f.arithmetic.operands.some((o) => o.start === f.start && o.end === f.end));
  for (const f of result.findings) {
    if (!contains(f, offset) || (!f.arithmetic && !f.related.length)) continue;
    const suspect = (o: Operand) => wrong.some((g) => g !== f && g.start < o.end && o.start < g.end);
    parts.push(findingText(f, link, options.lang, suspect));
    range = range ? { start: Math.min(range.start, f.start), end: Math.max(range.end, f.end) } : f;
  }
  // a figure that is a part of a wrong total: say where that total is
  if (place?.cell) {
    const totals = result.findings.filter(
      (f) => !contains(f, offset) && f.arithmetic?.operands.some((o) => o.start === place.start && o.end === place.end),
    );
    if (totals.length)
      parts.push(
        pick(options.lang, '这个数参与的核对未通过：', 'This figure is part of a check that fails:') +
          '\n\n' +
          totals.map((f) => `- ${link(f.start)} ${md(f.message[options.lang])}`).join('\n'),
      );
  }
  if (!parts.length || !range) return undefined;
  return { start: range.start, end: range.end, markdown: parts.join('\n\n---\n\n') };
}

function linker(starts: number[], options: HoverOptions): (offset: number) => string {
  return (offset) => {
    const line = positionAt(starts, offset).line + 1;
    const text = pick(options.lang, `第 ${line} 行`, `line ${line}`);
    return options.uri ? `[${text}](${options.uri}#L${line})` : text;
  };
}

function placeText(p: CellPlace, lang: Lang): string {
  const t = p.table.schema;
  const lines = [`**${md(t.name[lang])}**`, pick(lang, `行：${md(p.row.label)}`, `Row: ${md(p.row.label)}`)];
  if (p.column) lines.push(pick(lang, `列：${md(p.column.label)}`, `Column: ${md(p.column.label)}`));
  return lines.join('  \n');
}

const sum = (ops: readonly Operand[]) => ops.reduce((a, o) => a + o.value, 0);
const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * The arithmetic as a small table: the figures with their labels and lines, then the sum. When the
 * figures split into two sides adding up to the expected and the actual value (a balance), each
 * side is summed on its own.
 */
function findingText(f: Finding, link: (offset: number) => string, lang: Lang, suspect: (o: Operand) => boolean): string {
  const out: string[] = [];
  const a = f.arithmetic;
  if (a) {
    const head = pick(lang, '| 项目 | 数 | 位置 |\n|---|---:|---|', '| Item | Figure | Where |\n|---|---:|---|');
    // zeros only lengthen the table: they are counted, not listed
    const rows = (ops: readonly Operand[]) => {
      const shown = ops.filter((o) => o.value !== 0);
      const zeros = ops.length - shown.length;
      const out = shown.map((o) => `| ${md(o.label[lang])}${suspect(o) ? ' ⚠' : ''} | ${numberText(o.value)} | ${link(o.start)} |`);
      if (zeros) out.push(pick(lang, `| 其余 ${zeros} 项 | 0 | |`, `| ${zeros} other item(s) | 0 | |`));
      return out;
    };
    const total = (label: string, v: number) => `| **${label}** | **${numberText(v)}** | |`;
    let split = -1;
    for (let k = 1; k < a.operands.length && !near(sum(a.operands), a.expected); k++)
      if (near(sum(a.operands.slice(0, k)), a.expected) && near(sum(a.operands.slice(k)), a.actual)) {
        split = k;
        break;
      }
    if (near(sum(a.operands), a.expected) && a.operands.length) {
      out.push(pick(lang, '**算式**', '**The arithmetic**'));
      out.push([head, ...rows(a.operands), total(pick(lang, '合计', 'Sum'), a.expected)].join('\n'));
      // a fact, not a verdict: a list after 其中 may be partial, the finding's message says how sure it is
      out.push(
        pick(
          lang,
          `各项之和为 **${numberText(a.expected)}**，报告中为 **${numberText(a.actual)}**（相差 ${numberText(Math.abs(a.expected - a.actual))}）。`,
          `The items add up to **${numberText(a.expected)}**; the report says **${numberText(a.actual)}** (a difference of ${numberText(Math.abs(a.expected - a.actual))}).`,
        ),
      );
    } else if (split > 0) {
      const left = a.operands.slice(0, split);
      const right = a.operands.slice(split);
      out.push(pick(lang, '**算式**：两边应相等', '**The arithmetic**: both sides must be equal'));
      out.push(
        [
          head,
          ...rows(left),
          total(pick(lang, '左边合计', 'Left side'), a.expected),
          ...rows(right),
          total(pick(lang, '右边合计', 'Right side'), a.actual),
        ].join('\n'),
      );
      out.push(
        pick(
          lang,
          `左边 **${numberText(a.expected)}**，右边 **${numberText(a.actual)}**（相差 ${numberText(Math.abs(a.expected - a.actual))}）。`,
          `Left **${numberText(a.expected)}**, right **${numberText(a.actual)}** (a difference of ${numberText(Math.abs(a.expected - a.actual))}).`,
        ),
      );
    } else {
      out.push(pick(lang, '**算式**', '**The arithmetic**'));
      if (a.operands.length) out.push([head, ...rows(a.operands)].join('\n'));
      out.push(
        pick(
          lang,
          `按这些数算得 **${numberText(a.expected)}**，报告中为 **${numberText(a.actual)}**。`,
          `From these figures: **${numberText(a.expected)}**; the report says **${numberText(a.actual)}**.`,
        ),
      );
    }
  }
  if (a?.operands.some(suspect))
    out.push(
      pick(
        lang,
        '标 ⚠ 的数本身也被指出有误；改正它之后，上面的结果也会变。',
        'The figure marked ⚠ is itself reported wrong; once it is fixed, the result above changes too.',
      ),
    );
  // the related places that are not already rows of the table above
  const listed = new Set(a?.operands.map((o) => `${o.start}:${o.end}`) ?? []);
  // a place in last year's report has no link in this one: its words say which it is
  const others = f.related.filter((r) => !listed.has(`${r.start}:${r.end}`));
  if (others.length) {
    out.push(pick(lang, '**相关位置**', '**Related places**'));
    out.push(
      others
        .map((r) => (r.inPrevious ? `- ${md(r.message[lang])}` : `- ${link(r.start)}${pick(lang, '：', ': ')}${md(r.message[lang])}`))
        .join('\n'),
    );
  }
  return out.join('\n\n');
}
