import type { BoundTable } from '../bind';
import type { Cell } from '../model';
import { localized, type RuleFinding, type Operand, type Rule } from '../finding';
import type { Identity } from '../schema';
import { cellNumber, identityLines, numberText, shortLabel } from './tableText';

type Balance = Extract<Identity, { kind: 'balance' }>;

/** 表三勾稽关系：第一项加第二项之和，等于第三项加第四项之和。 */
export const tableBalance: Rule = {
  id: 'table-balance',
  severity: 'error',
  fixable: false,
  description: localized(
    '统计表的勾稽关系成立（如表三：一 + 二 = 三（七）+ 四）',
    'Balance identities of a statistical table hold (table 3: 1 + 2 = 3(7) + 4)',
  ),
  check(report) {
    const out: RuleFinding[] = [];
    for (const t of report.tables.values())
      for (const idn of t.schema.identities) if (idn.kind === 'balance') out.push(...checkBalance(t, idn));
    return out;
  },
};

function checkBalance(t: BoundTable, idn: Balance): RuleFinding[] {
  const table = t.schema;
  const out: RuleFinding[] = [];
  for (const { other, at, line } of identityLines(t, idn.each)) {
    const side = (ids: string[]): { cells: Cell[]; values: number[]; sum: number; blanks: number } | undefined => {
      const cells: Cell[] = [];
      const values: number[] = [];
      let sum = 0;
      let blanks = 0;
      for (const id of ids) {
        const c = at(id);
        const n = cellNumber(c);
        if (!c || !n) return undefined;
        if (n.blank) blanks++;
        cells.push(c);
        values.push(n.value);
        sum += n.value;
      }
      return { cells, values, sum, blanks };
    };
    const left = side(idn.left);
    const right = side(idn.right);
    if (!left || !right) continue;
    const l = left.sum;
    const r = right.sum;
    // with blank cells the author's numbers are unknown: the blanks are reported, the balance is not
    if (Math.abs(l - r) < 1e-6 || left.blanks + right.blanks > 0) continue;
    // named only for a balance that fails: most hold
    const operandsOf = (ids: string[], s: { cells: Cell[]; values: number[] }) =>
      ids.map((id, k): Operand => {
        const label = shortLabel(line(id));
        return { label: { zh: label, en: label }, value: s.values[k], start: s.cells[k].start, end: s.cells[k].end };
      });
    const leftOperands = operandsOf(idn.left, left);
    const rightOperands = operandsOf(idn.right, right);
    const text = (operands: Operand[]) => operands.map((o) => `${o.label.zh}`).join(' + ');
    const nums = (operands: Operand[]) => operands.map((o) => numberText(o.value)).join(' + ');
    const col = shortLabel(other);
    const last = right.cells[right.cells.length - 1];
    out.push({
      message: localized(
        `${table.name.zh}：「${col}」列 ${text(leftOperands)} = ${nums(leftOperands)} = ${numberText(l)}，而${text(rightOperands)} = ${nums(rightOperands)} = ${numberText(r)}，两者应相等`,
        `${table.name.en}, “${col}”: ${text(leftOperands)} = ${nums(leftOperands)} = ${numberText(l)}, but ${text(rightOperands)} = ${nums(rightOperands)} = ${numberText(r)}; they must be equal`,
      ),
      start: last.start,
      end: last.end,
      related: [...leftOperands, ...rightOperands].map((o) => ({
        message: localized(`${o.label.zh}：${numberText(o.value)}`, `${o.label.en}: ${numberText(o.value)}`),
        start: o.start,
        end: o.end,
      })),
      arithmetic: { operands: [...leftOperands, ...rightOperands], expected: l, actual: r },
    });
  }
  return out;
}
