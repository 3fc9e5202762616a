import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule } from '../finding';
import type { Chain } from '../schema';
import { readCells, type Reading } from '../statements';
import { numberText } from './tableText';

/** 与上年报告衔接：本年“上年结转”= 上年“结转下年度”，现行有效件数 = 上年 + 本年制发 − 本年废止。 */
export const crossYear: Rule = {
  id: 'cross-year',
  severity: 'warning',
  fixable: false,
  description: localized('统计表与上年报告衔接', 'The tables carry on from last year’s report'),
  check(report) {
    const previous = report.previous;
    if (!previous) return [];
    return report.schema.chains.flatMap((chain) => columnsOf(report, chain).flatMap((col) => checkChain(report, previous, chain, col)));
  },
};

function columnsOf(report: BoundReport, chain: Chain): string[] {
  const [tableId, , col] = chain.cell.split('.');
  if (col !== '*') return [col];
  return report.tables.get(tableId)?.schema.columns.map((c) => c.id) ?? [];
}

const withColumn = (refs: string[], col: string) => refs.map((r) => r.replace(/\.\*$/, `.${col}`));

function checkChain(report: BoundReport, previous: BoundReport, chain: Chain, col: string): RuleFinding[] {
  const [cell] = withColumn([chain.cell], col);
  const now = readCells(report, [cell]);
  const before = readCells(previous, withColumn(chain.previous, col));
  const plus = chain.plus.length ? readCells(report, withColumn(chain.plus, col)) : zero;
  const minus = chain.minus.length ? readCells(report, withColumn(chain.minus, col)) : zero;
  if (!now || now.cells.length !== 1 || !before || !plus || !minus) return [];
  const expected = before.total + plus.total - minus.total;
  if (Math.abs(expected - now.total) < 1e-6) return []; // as table-sum: differences the messages could not show are none
  const table = report.schema.tables.find((t) => t.id === cell.split('.')[0])!;
  const column = table.columns.find((c) => c.id === col)!.label;
  const carried = chain.plus.length + chain.minus.length > 0;
  const terms = [
    numberText(before.total),
    ...(chain.plus.length ? [`+ ${numberText(plus.total)}`] : []),
    ...(chain.minus.length ? [`− ${numberText(minus.total)}`] : []),
  ].join(' ');
  const target = now.cells[0].cell;
  const label = chain.label.en[0].toUpperCase() + chain.label.en.slice(1);
  return [
    {
      message: localized(
        carried
          ? `${chain.label.zh}（${column}）与上年报告不衔接：上年 ${terms} = ${numberText(expected)}，表中为 ${numberText(now.total)}`
          : `${chain.label.zh}（${column}）与上年报告不衔接：上年报告中为 ${numberText(expected)}，本年表中为 ${numberText(now.total)}`,
        carried
          ? `${label} (${column}): last year's ${terms} = ${numberText(expected)}, but the table has ${numberText(now.total)}`
          : `${label} (${column}): ${numberText(expected)} in last year's report, ${numberText(now.total)} in this year's table`,
      ),
      start: target.start,
      end: target.end,
      related: [...plus.cells, ...minus.cells].map((c) => ({
        message: localized(`本年：${numberText(c.value)}`, `this year: ${numberText(c.value)}`),
        start: c.cell.start,
        end: c.cell.end,
      })),
      arithmetic: { operands: [], expected, actual: now.total },
    },
  ];
}

const zero: Reading = { refs: [], cells: [], total: 0 };
