import type { BoundReport, BoundTable } from '../bind';
import { localized, type RuleFinding, type Operand, type Rule } from '../finding';
import type { Identity } from '../schema';
import { cellName, cellNumber, identityLines, numberText, replaceCell, shortLabel } from './tableText';

type Sum = Extract<Identity, { kind: 'sum' }>;

/** 表中合计：每个“总计”等于其各部分之和（表三行合计、（七）总计、表四各栏总计）。 */
export const tableSum: Rule = {
  id: 'table-sum',
  severity: 'error',
  fixable: true,
  description: localized('统计表中的总计等于各部分之和', 'A total in a statistical table equals the sum of its parts'),
  check(report) {
    const out: RuleFinding[] = [];
    for (const t of report.tables.values())
      for (const idn of t.schema.identities) if (idn.kind === 'sum') out.push(...checkSum(report, t, idn));
    return out;
  },
};

function checkSum(report: BoundReport, t: BoundTable, idn: Sum): RuleFinding[] {
  const out: RuleFinding[] = [];
  const table = t.schema;
  // rows the report left out but summed up by a row standing for them read as that row, the same in every column
  const parts = idn.each === 'column' ? t.resolveRows(idn.parts) : idn.parts;
  // "each row": the identity relates columns, so it is checked once in every row, and vice versa
  for (const { other, at, line } of identityLines(t, idn.each)) {
    const totalCell = at(idn.total);
    const total = cellNumber(totalCell);
    if (!totalCell || !total || total.blank) continue; // a blank total is table-blank-cell's
    let blanks = 0;
    let complete = true;
    let expected = 0;
    for (const p of parts) {
      const n = cellNumber(at(p));
      if (!n) {
        complete = false;
        break;
      }
      if (n.blank) blanks++;
      expected += n.value;
    }
    if (!complete) continue;
    // with blank cells the author's numbers are unknown: the blanks are reported, the sum is not
    if (Math.abs(expected - total.value) < 1e-6 || blanks) continue;
    // named only for a total that is wrong: most add up
    const operands: Operand[] = parts.map((part) => {
      const c = at(part)!;
      return { label: { zh: shortLabel(line(part)), en: shortLabel(line(part)) }, value: cellNumber(c)!.value, start: c.start, end: c.end };
    });
    const totalRow = idn.each === 'row' ? other : line(idn.total);
    const totalCol = idn.each === 'row' ? line(idn.total) : other;
    const where = cellName(table, totalRow, totalCol);
    const nonZero = operands.filter((o) => o.value !== 0);
    // many parts: the non-zero ones tell the story; few: all of them, so "11（10+1+0+0）" reads as a sum
    const shown = operands.length <= 6 ? operands : nonZero;
    const sumText = shown.length ? shown.map((o) => numberText(o.value)).join('+') : '0';
    out.push({
      message: localized(
        shown.length
          ? `${table.name.zh}：${where.zh}应为 ${numberText(expected)}（${sumText}），表中为 ${numberText(total.value)}`
          : `${table.name.zh}：${where.zh}应为 0（各项均为 0），表中为 ${numberText(total.value)}`,
        shown.length
          ? `${table.name.en}: ${where.en} should be ${numberText(expected)} (${sumText}), the table says ${numberText(total.value)}`
          : `${table.name.en}: ${where.en} should be 0 (all its parts are 0), the table says ${numberText(total.value)}`,
      ),
      start: totalCell.start,
      end: totalCell.end,
      related: nonZero.map((o) => ({
        message: localized(`${o.label.zh}：${numberText(o.value)}`, `${o.label.en}: ${numberText(o.value)}`),
        start: o.start,
        end: o.end,
      })),
      arithmetic: { operands, expected, actual: total.value },
      fix: {
        title: localized(`将${where.zh}改为 ${numberText(expected)}`, `Change ${where.en} to ${numberText(expected)}`),
        edits: [replaceCell(report.model.text, totalCell, expected)],
      },
    });
  }
  return out;
}
