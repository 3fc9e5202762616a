import { localized, type RuleFinding, type Rule } from '../finding';
import type { Localized } from '../schema';
import { refParts, restatements } from '../statements';
import { numberText, shortLabel } from './tableText';

/** 正文中复述的数字（收到申请、办结、结转、行政复议、行政诉讼、规范性文件……）与统计表一致。 */
export const proseTable: Rule = {
  id: 'prose-table',
  severity: 'warning',
  fixable: true,
  description: localized('正文中复述的数字与统计表一致', 'Figures restated in the text agree with the tables'),
  check(report) {
    const out: RuleFinding[] = [];
    // 「（一）予以公开」「总计」: how a cell is named to the reader; a report that restates wrongly does so often, of the same cells
    const labels = new Map<string, Localized>();
    const cellLabel = (ref: string) => {
      let label = labels.get(ref);
      if (label) return label;
      const [t, r, col] = refParts(ref);
      const table = report.schema.tables.find((x) => x.id === t)!;
      const row = shortLabel(table.rows.find((x) => x.id === r)!);
      const column = table.columns.find((x) => x.id === col)!.label;
      labels.set(ref, (label = localized(`「${row}」「${column}」`, `“${row}”, “${column}”`)));
      return label;
    };
    for (const r of restatements(report)) {
      const f = r.figure;
      // the same tolerance as the numbers are written with (numberText: 6 decimals), or a fix to 90 would leave “90, the table says 90”
      if (r.readings.some((x) => Math.abs(x.total - f.value) < 1e-6)) continue;
      const main = r.readings[0];
      const table = report.schema.tables.find((t) => t.id === refParts(main.cells[0].ref)[0])!;
      const parts = main.cells.filter((c) => c.value !== 0);
      const sumZh = parts.length > 1 ? `（${parts.map((c) => numberText(c.value)).join('+')}）` : '';
      const sumEn = parts.length > 1 ? ` (${parts.map((c) => numberText(c.value)).join('+')})` : '';
      const unit = f.unit;
      // another scope (备案 cases, one office on behalf of the government) makes a different figure possible:
      // say it softly, and offer no edit, since the text may well be right
      const soft = /备案|代表/.test(f.sentenceBefore + f.clauseAfter);
      const raw = report.model.text.slice(f.start, f.numberEnd);
      out.push({
        severity: soft ? 'information' : 'warning',
        message: localized(
          `正文说${r.statement.label.zh} ${raw.trim()} ${unit}，${table.name.zh}中为 ${numberText(main.total)} ${unit}${sumZh}${soft ? '；两者口径可能不同，请核对' : ''}`,
          `The text gives ${raw.trim()} ${r.statement.label.en}; ${table.name.en} has ${numberText(main.total)}${sumEn}${soft ? '. They may count different things: check' : ''}`,
        ),
        start: f.start,
        end: f.end,
        related: main.cells.map((c) => ({
          message: localized(`${cellLabel(c.ref).zh}：${numberText(c.value)}`, `${cellLabel(c.ref).en}: ${numberText(c.value)}`),
          start: c.cell.start,
          end: c.cell.end,
        })),
        arithmetic: {
          operands: main.cells.map((c) => ({ label: cellLabel(c.ref), value: c.value, start: c.cell.start, end: c.cell.end })),
          expected: main.total,
          actual: f.value,
        },
        fix: soft
          ? undefined
          : {
              title: localized(`改为表中的 ${numberText(main.total)}`, `Change to ${numberText(main.total)} as in the table`),
              edits: [{ start: f.start, end: f.numberEnd, newText: numberText(main.total) }],
            },
      });
    }
    return out;
  },
};
