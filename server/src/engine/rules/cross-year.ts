import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule } from '../finding';
import type { Chain, Schema } from '../schema';
import { readCells, refParts, type Reading } from '../statements';
import { previousIfLastYear } from './reportText';
import { numberText, shortLabel } from './tableText';

/**
 * 与上年报告衔接：本年“上年结转”= 上年“结转下年度”，现行有效件数 = 上年 + 本年制发 − 本年废止，
 * 历年累计 = 上年历年累计 + 本年度（给出的是更早年份的报告时，历年累计至少为那年的累计 + 本年度）。
 */
export const crossYear: Rule = {
  id: 'cross-year',
  severity: 'warning',
  fixable: false,
  description: localized('统计表与上年报告衔接', 'The tables carry on from last year’s report'),
  check(report) {
    const previous = report.previous;
    if (!previous) return [];
    // the report given as the previous one may be older than last year's (a year missing from the series):
    // then only figures that never shrink can be checked, and only as “at least”
    const older = !previousIfLastYear(report);
    return report.schema.chains
      .filter((chain) => !older || chain.olderReport === 'atLeast')
      .flatMap((chain) =>
        cellsOf(report.schema, chain).flatMap((c) => checkChain(report, previous, chain, c, older ? previous : undefined)),
      );
  },
};

/** One cell a chain stands for, with the references of its terms made for it. */
interface ChainCell {
  row: string;
  col: string;
  cell: string;
  previous: string[];
  plus: string[];
  minus: string[];
}

const chainCells = new WeakMap<Chain, ChainCell[]>();

/** The cells a chain stands for (row * is every row of the table, column * every column), made once per schema. */
function cellsOf(schema: Schema, chain: Chain): ChainCell[] {
  let cells = chainCells.get(chain);
  if (cells) return cells;
  const [tableId, row, col] = chain.cell.split('.');
  const table = schema.tables.find((t) => t.id === tableId);
  const rows = !table ? [] : row === '*' ? table.rows.map((r) => r.id) : [row];
  const cols = !table ? [] : col === '*' ? table.columns.map((c) => c.id) : [col];
  cells = rows.flatMap((r) =>
    cols.map((c) => ({
      row: r,
      col: c,
      cell: instantiate([chain.cell], r, c)[0],
      previous: instantiate(chain.previous, r, c),
      plus: instantiate(chain.plus, r, c),
      minus: instantiate(chain.minus, r, c),
    })),
  );
  chainCells.set(chain, cells);
  return cells;
}

const instantiate = (refs: string[], row: string, col: string) =>
  refs.map((r) => {
    const [t, rr, c] = refParts(r);
    return `${t}.${rr === '*' ? row : rr}.${c === '*' ? col : c}`;
  });

function checkChain(report: BoundReport, previous: BoundReport, chain: Chain, c: ChainCell, older: BoundReport | undefined): RuleFinding[] {
  const { row, col, cell } = c;
  const now = readCells(report, [cell]);
  const before = readCells(previous, c.previous);
  const plus = c.plus.length ? readCells(report, c.plus) : zero;
  const minus = c.minus.length ? readCells(report, c.minus) : zero;
  if (!now || now.cells.length !== 1 || !before || !plus || !minus) return [];
  const expected = before.total + plus.total - minus.total;
  // as table-sum: differences the messages could not show are none
  if (older ? now.total > expected - 1e-6 : Math.abs(expected - now.total) < 1e-6) return [];
  const table = report.schema.tables.find((t) => t.id === cell.split('.')[0])!;
  const column = table.columns.find((c) => c.id === col)!.label;
  // a chain over every row names the row; one over every column (or one cell) names the column
  const where = chain.cell.split('.')[1] === '*' ? shortLabel(table.rows.find((r) => r.id === row)!) : column;
  const carried = chain.plus.length + chain.minus.length > 0;
  const terms = [
    numberText(before.total),
    ...(chain.plus.length ? [`+ ${numberText(plus.total)}`] : []),
    ...(chain.minus.length ? [`− ${numberText(minus.total)}`] : []),
  ].join(' ');
  const target = now.cells[0].cell;
  const label = chain.label.en[0].toUpperCase() + chain.label.en.slice(1);
  const was = older?.model.year;
  const message = older
    ? localized(
        `${chain.label.zh}（${where}）比 ${was} 年报告还少：${was} 年 ${terms} = ${numberText(expected)}，此后只增不减，表中却为 ${numberText(now.total)}`,
        `${label} (${where}) is below the ${was} report's: ${was}'s ${terms} = ${numberText(expected)}, and it only grows, but the table has ${numberText(now.total)}`,
      )
    : localized(
        carried
          ? `${chain.label.zh}（${where}）与上年报告不衔接：上年 ${terms} = ${numberText(expected)}，表中为 ${numberText(now.total)}`
          : `${chain.label.zh}（${where}）与上年报告不衔接：上年报告中为 ${numberText(expected)}，本年表中为 ${numberText(now.total)}`,
        carried
          ? `${label} (${where}): last year's ${terms} = ${numberText(expected)}, but the table has ${numberText(now.total)}`
          : `${label} (${where}): ${numberText(expected)} in last year's report, ${numberText(now.total)} in this year's table`,
      );
  return [
    {
      message,
      start: target.start,
      end: target.end,
      related: [
        // last year's cells, in last year's report: the editor links to them there
        ...before.cells.map((c) => ({
          message: localized(`${was ?? '上'}年报告：${numberText(c.value)}`, `${was ?? "last year's"} report: ${numberText(c.value)}`),
          start: c.cell.start,
          end: c.cell.end,
          inPrevious: true,
        })),
        ...[...plus.cells, ...minus.cells].map((c) => ({
          message: localized(`本年：${numberText(c.value)}`, `this year: ${numberText(c.value)}`),
          start: c.cell.start,
          end: c.cell.end,
        })),
      ],
      arithmetic: { operands: [], expected, actual: now.total },
    },
  ];
}

const zero: Reading = { refs: [], cells: [], total: 0 };
