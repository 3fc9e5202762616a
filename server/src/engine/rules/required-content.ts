import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule } from '../finding';

/**
 * 按内容查找的必报事项齐全：2019 年以前的年度报告没有统一格式，《条例》（2007 年）第三十二条规定的
 * 六项内容写在哪里、标题怎么起都可以，但要写到。
 */
export const requiredContent: Rule = {
  id: 'required-content',
  severity: 'warning',
  fixable: false,
  description: localized(
    '必须报告的事项都写到了（按内容查找，不看标题）',
    'Every item the report must cover is there (found by its words, not by a heading)',
  ),
  check(report) {
    const out: RuleFinding[] = [];
    for (const s of report.schema.sections) {
      if (!s.content || !s.required || report.sections.has(s.id)) continue;
      const where = anchor(report);
      // reported in the statistics table only (行政复议数 | 0, 行政诉讼数 | 0): reported, but not in words
      const rows = tableRowsOf(report, s.content.tableRows);
      if (rows) {
        out.push({
          severity: 'information',
          message: localized(
            `「${s.title}」只见于统计表（${rows.map((r) => r.label).join('、')}），正文中没有写到；可在正文中写一句说明`,
            `“${s.title}” is reported in the statistics table only (${rows.map((r) => r.label).join(', ')}), not in the text; a sentence in the text would say it`,
          ),
          start: where.start,
          end: where.end,
          related: rows.map((r) => ({
            message: localized(`统计表：${r.label}`, `statistics table: ${r.label}`),
            start: r.start,
            end: r.end,
          })),
        });
        continue;
      }
      const groups = s.content.all.map(
        (g) =>
          g
            .slice(0, 5)
            .map((w) => `“${w}”`)
            .join('、') + (g.length > 5 ? '等' : ''),
      );
      const scope = s.content.within === 'clause' ? { zh: '同一句', en: 'clause' } : { zh: '同一段', en: 'paragraph' };
      const lookedFor =
        groups.length === 1
          ? localized(
              `标题或段落中都没有${groups[0]}这样的字样`,
              `no heading or paragraph says ${s.content.all[0].map((w) => `“${w}”`).join(', ')}`,
            )
          : localized(
              `没有哪个标题或${scope.zh}中同时出现${groups.map((g) => `（${g}）之一`).join('和')}`,
              `no heading or ${scope.en} holds one word of each of: ${s.content.all.map((g) => `(${g.slice(0, 5).join(', ')}${g.length > 5 ? ' …' : ''})`).join(' and ')}`,
            );
      out.push({
        severity: s.content.whenMissing,
        message: localized(
          `没有找到应当报告的「${s.title}」：${lookedFor.zh}。确实没有这方面的情况，也应写一句说明`,
          `Could not find the required item “${s.title}”: ${lookedFor.en}. If there was nothing of the kind, say so in a sentence`,
        ),
        start: where.start,
        end: where.end,
        related: [],
      });
    }
    return out;
  },
};

/** Missing content has no place of its own: it is reported on the report's title. */
function anchor(report: BoundReport): { start: number; end: number } {
  const t = report.model.title;
  if (t) return { start: t.start, end: t.end };
  const first = report.model.lines.find((l) => l.text.trim()) ?? report.model.lines[0];
  return { start: first.start + (first.text.length - first.text.trimStart().length), end: first.end };
}

/** The rows (table.row) that report an item, each with a figure in some column; undefined unless all of them do. */
function tableRowsOf(report: BoundReport, refs: readonly string[]): { label: string; start: number; end: number }[] | undefined {
  if (!refs.length) return undefined;
  const out: { label: string; start: number; end: number }[] = [];
  for (const ref of refs) {
    const [tableId, rowId] = ref.split('.');
    const table = report.tables.get(tableId);
    const row = table?.schema.rows.find((r) => r.id === rowId);
    if (!table || !row) return undefined;
    const cells = table.schema.columns.map((c) => table.cell(rowId, c.id)).filter((c) => c?.value.kind === 'number');
    if (!cells.length) return undefined;
    out.push({ label: row.label, start: cells[0]!.start, end: cells[0]!.end });
  }
  return out;
}
