import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule } from '../finding';
import { parseChineseNumeral } from '../numbers';
import { halfWidthText, toHalfWidth } from '../text';

/** “本报告包括……六个部分”与正文实际的部分数一致。 */
export const partsCount: Rule = {
  id: 'parts-count',
  severity: 'warning',
  fixable: true,
  description: localized('报告自述的部分数与正文一致', 'The number of parts the report announces matches its body'),
  check(report) {
    const text = report.model.text;
    const m = STATED.exec(halfWidthText(text).slice(0, 20000));
    if (!m) return [];
    const stated = /\d/.test(m[1]) ? Number(m[1]) : parseChineseNumeral(m[1]);
    const named = stated === undefined ? undefined : namedParts(report, m, stated);
    const present = partsPresent(report);
    // the sentence names another number of parts than it says: unless the body agrees with the names (then the
    // comparison with the body below says it, with a fix), that is the finding
    if (named && named.count !== present.length) return [named.finding];
    // an appended 统计表 named among the parts is a part without a numbered heading
    const withTable = present.length + (/统计表/.test(m[0]) && report.model.rows.some((r) => r.start > (present.at(-1)?.end ?? 0)) ? 1 : 0);
    // fewer than three numbered parts: the body is not numbered by parts, nothing to compare
    if (stated === undefined || present.length < 3 || present.length === stated || withTable === stated) return [];
    const start = m.index + m[0].length - m[1].length - (m[2] ?? '').length - m[3].length; // 个 may be left out
    const end = start + m[1].length;
    const names = present.map((h) => h.text).join('；');
    const word = CN[present.length] ?? String(present.length);
    return [
      {
        message: localized(
          `报告说有${m[1]}个部分，正文有 ${present.length} 个部分：${names}`,
          `The report announces ${stated} parts, the body has ${present.length}: ${names}`,
        ),
        start,
        end,
        related: present.map((h) => ({ message: localized(h.text, h.text), start: h.start, end: h.end })),
        fix: {
          title: localized(`改为“${/\d/.test(m[1]) ? present.length : word}”`, `Change to “${/\d/.test(m[1]) ? present.length : word}”`),
          edits: [{ start, end, newText: /\d/.test(m[1]) ? String(present.length) : word }],
        },
      } satisfies RuleFinding,
    ];
  },
};

const STATED = /(?:本报告|报告)(?:由|包括|包含|分为|共分为?|共分成)[^。]{0,160}?(?:共|等)?([一二三四五六七八九十]|\d{1,2})(个)?(部分)/;
const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The top-level parts of the body: 一、二、… headings outside the tables, each counted once. */
function partsPresent(report: BoundReport): { text: string; start: number; end: number }[] {
  const rowLines = new Set(report.model.rows.map((r) => r.line));
  const seen = new Set<number>();
  const out: { text: string; start: number; end: number }[] = [];
  for (const h of report.model.headings) {
    if (h.numbering?.kind !== 'chinese' || rowLines.has(h.line) || seen.has(h.numbering.value)) continue;
    const title = h.title.replace(/\s+/g, '');
    if (title.length < 2 || title.length > 40 || h.numbering.value !== seen.size + 1) continue;
    seen.add(h.numbering.value);
    out.push({ text: report.model.text.slice(h.start, h.end).replace(/\s+/g, '').slice(0, 30), start: h.start, end: h.end });
  }
  return out;
}

// the words a part's name ends with: 概述, ……情况, ……统计表, 其他需要报告的事项, ……改进措施
const NAME_END = /(?:概述|情况|统计表|事项|措施|问题|说明|附表)$/;
// where two names may be joined by 和 (…改进情况和政府信息公开情况统计表), the first ends so
const JOINED_END = /(?:概述|情况|统计表|事项|措施)$/;

/**
 * The parts the outline sentence itself names (本报告由A、B、C和D共N个部分组成 / 共分N个部分：A、B、C) against
 * its N. A name may hold 、 (因……行政复议、提起行政诉讼的情况) or 和 (收到和处理……申请情况): a piece that
 * does not end as a name goes on into the next, and only the last two names are split at 和.
 */
function namedParts(report: BoundReport, m: RegExpExecArray, stated: number): { count: number; finding: RuleFinding } | undefined {
  const sentence = m[0];
  const at = m.index;
  // only the rest of the sentence's line is read: that much is made half-width, not the whole report
  const text = report.model.text;
  const from = at + sentence.length;
  const lineEnd = text.indexOf('\n', from);
  const after = toHalfWidth(text.slice(from, lineEnd < 0 ? text.length : lineEnd)).match(/^[^。\n]*/)![0];
  // the names stand between 由/包括 and 共N, or after 共分N个部分：
  const list = /^[：:]/.test(after)
    ? after.slice(1)
    : sentence
        .replace(/^(?:本报告|报告)(?:由|包括|包含|分为|共分为?|共分成)/, '')
        .replace(/(?:共|等)?[一二三四五六七八九十\d]{1,2}个?部分$/, '');
  const pieces = list
    .split('、')
    .map((x) => x.trim())
    .filter(Boolean);
  if (pieces.length < 2) return undefined;
  const names: string[] = [];
  let current = '';
  for (const p of pieces) {
    current = current ? `${current}、${p}` : p;
    if (NAME_END.test(current)) {
      names.push(current);
      current = '';
    }
  }
  if (current) return undefined; // a name that does not end as one: the list is not read with certainty
  const last = names[names.length - 1];
  const join = last.lastIndexOf('和');
  if (join > 0 && JOINED_END.test(last.slice(0, join)) && NAME_END.test(last.slice(join + 1)))
    names.splice(names.length - 1, 1, last.slice(0, join), last.slice(join + 1));
  if (names.length === stated) return undefined;
  const numberStart = at + sentence.length - m[1].length - (m[2] ?? '').length - m[3].length; // 个 may be left out
  return {
    count: names.length,
    finding: {
      message: localized(
        `这句话说共${m[1]}个部分，列出的却是 ${names.length} 个：${names.join('；')}`,
        `The sentence announces ${stated} parts but names ${names.length}: ${names.join('; ')}`,
      ),
      start: numberStart,
      end: numberStart + m[1].length,
      related: [],
    },
  };
}
