import type { BoundTable } from '../bind';
import { localized, type RuleFinding, type Operand, type Rule } from '../finding';
import type { Identity } from '../schema';
import { cellName, cellNumber, identityLines, numberText, shortLabel } from './tableText';

type Breakdown = Extract<Identity, { kind: 'breakdown' }>;

/**
 * 统计表中“其中”各项不超过合计（如 2019 年以前的统计表：主动公开信息数，其中：网站公开、政府公报公开）。
 * “其中”可以只列一部分，所以各项之和小于合计只是提示；大于合计则肯定有错。
 */
export const tableBreakdown: Rule = {
  id: 'table-breakdown',
  severity: 'error',
  fixable: false,
  description: localized('统计表中“其中”各项之和不超过合计', 'The parts listed under 其中 do not add up to more than their total'),
  check(report) {
    const out: RuleFinding[] = [];
    for (const t of report.tables.values())
      for (const idn of t.schema.identities) if (idn.kind === 'breakdown') out.push(...checkBreakdown(t, idn));
    return out;
  },
};

function checkBreakdown(t: BoundTable, idn: Breakdown): RuleFinding[] {
  const table = t.schema;
  const out: RuleFinding[] = [];
  for (const { other, at, line } of identityLines(t, idn.each)) {
    const totalCell = at(idn.total);
    const total = cellNumber(totalCell);
    if (!totalCell || !total || total.blank) continue;
    const operands: Operand[] = [];
    let unsure = false;
    for (const p of idn.parts) {
      if (idn.each === 'column' && !t.rows.has(p)) continue; // a part the report does not list
      const c = at(p);
      const n = cellNumber(c);
      // a blank or a mark in a part: the author's figure is unknown, so nothing is said
      if (!c || !n || n.blank) {
        unsure = true;
        break;
      }
      const label = shortLabel(line(p));
      operands.push({ label: { zh: label, en: label }, value: n.value, start: c.start, end: c.end });
    }
    if (unsure || !operands.length) continue;
    const sum = operands.reduce((a, o) => a + o.value, 0);
    if (Math.abs(sum - total.value) < 1e-6) continue;
    const over = sum > total.value;
    const where = idn.each === 'row' ? cellName(table, other, line(idn.total)) : cellName(table, line(idn.total), other);
    const parts = operands.map((o) => numberText(o.value)).join('+');
    const names = operands.map((o) => o.label.zh).join('、');
    out.push({
      severity: over ? 'error' : 'information',
      message: over
        ? localized(
            `${table.name.zh}：“其中”各项（${names}）之和 ${parts} = ${numberText(sum)}，超过了合计${where.zh} ${numberText(total.value)}`,
            `${table.name.en}: the parts (${names}) add up to ${parts} = ${numberText(sum)}, more than their total ${where.en}, ${numberText(total.value)}`,
          )
        : localized(
            `${table.name.zh}：“其中”各项（${names}）之和 ${parts} = ${numberText(sum)}，比合计${where.zh} ${numberText(total.value)} 少 ${numberText(total.value - sum)}；若已列全，请核对`,
            `${table.name.en}: the parts (${names}) add up to ${parts} = ${numberText(sum)}, ${numberText(total.value - sum)} less than their total ${where.en}, ${numberText(total.value)}; if every part is listed, check the figures`,
          ),
      start: totalCell.start,
      end: totalCell.end,
      related: operands.map((o) => ({
        message: localized(`${o.label.zh}：${numberText(o.value)}`, `${o.label.en}: ${numberText(o.value)}`),
        start: o.start,
        end: o.end,
      })),
      arithmetic: { operands, expected: sum, actual: total.value },
    });
  }
  return out;
}
