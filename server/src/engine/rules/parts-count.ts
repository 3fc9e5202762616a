import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule } from '../finding';
import { parseChineseNumeral } from '../numbers';
import { toHalfWidth } from '../text';

/** “本报告包括……六个部分”与正文实际的部分数一致。 */
export const partsCount: Rule = {
  id: 'parts-count',
  severity: 'warning',
  fixable: true,
  description: localized('报告自述的部分数与正文一致', 'The number of parts the report announces matches its body'),
  check(report) {
    const text = report.model.text;
    const m = STATED.exec(toHalfWidth(text.slice(0, 20000)));
    if (!m) return [];
    const stated = /\d/.test(m[1]) ? Number(m[1]) : parseChineseNumeral(m[1]);
    const present = partsPresent(report);
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
