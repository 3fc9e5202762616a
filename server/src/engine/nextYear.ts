import type { BoundReport } from './bind';
import { builtinSchemas } from './builtins';
import { checkReport } from './index';
import type { Schema } from './schema';
import { tableBlocks } from './tableBlocks';
import { tableTemplate } from './template';

// 从上年报告新建: this year's draft from last year's report, as drafters really start. The prose stays
// (rewriting it is the drafter's work, and unchanged-paragraph points at what is still last year's);
// the title and the statistics period move to the new year; every table figure becomes XX, which the
// placeholder rule keeps pointing at, except what this year inherits: 二、上年结转 is last year's
// 四、结转下年度继续办理, and the 现行有效件数 start from last year's.

/** What a drafter is asked to write in a table cell of the new year. */
export const UNFILLED_CELL = 'XX';

export type NextYearDraft = { text: string; year: number; schema: Schema } | { problem: { zh: string; en: string } };

export function nextYearDraft(lastYearsText: string, schemas: readonly Schema[] = builtinSchemas()): NextYearDraft {
  const last = checkReport(lastYearsText, { schemas });
  const year = last.model.year;
  if (!last.bound || year === undefined)
    return {
      problem: {
        zh: '认不出这份报告的年度或格式：请确认它是一份政府信息公开工作年度报告，标题中写有年度',
        en: 'The year or the format of this report cannot be told: is it an annual disclosure report with the year in its title?',
      },
    };
  const schema = schemaFor(year + 1, schemas) ?? last.bound.schema;
  const lines = last.model.lines.map((l) => l.text);
  const titleLines = lineRange(last.bound, last.model.title);
  for (const i of titleLines) lines[i] = moveYear(lines[i], year);
  const period = lines.findIndex((l) => /统计(?:期限|时限|期间|时间|区间)/.test(l));
  if (period >= 0) lines[period] = moveYear(lines[period], year);
  const cells = inherited(last.bound, schema);
  // tables last first, so that the line numbers of those above stay right
  const blocks = tableBlocks(last.bound).sort((a, b) => b.first - a.first);
  for (const block of blocks) {
    const tableId = schema.tables.some((t) => t.id === block.table.schema.id) ? block.table.schema.id : undefined;
    const written = tableId
      ? tableTemplate(schema, tableId, { cell: (t, r, c) => cells.get(`${t}.${r}.${c}`) ?? UNFILLED_CELL }).trimEnd()
      : '';
    lines.splice(block.first, block.last - block.first + 1, ...(written ? ['', written, ''] : []));
  }
  let text = lines.join('\n').replace(/\n{3,}/g, '\n\n');
  if (last.model.frontMatter?.schema) text = text.replace(/^(schema\s*:\s*)\S+/m, `$1${schema.id}`);
  return { text, year: year + 1, schema };
}

/** The built-in schema of a report year (the 2021 format from the 2021 report on). */
function schemaFor(year: number, schemas: readonly Schema[]): Schema | undefined {
  return schemas.find((s) => s.years && (s.years.from ?? -Infinity) <= year && year <= (s.years.to ?? Infinity));
}

/** 2023 → 2024 in a line, in Arabic or Chinese digits (二〇二三), full width or half; other years left alone. */
function moveYear(line: string, year: number): string {
  const chinese = (n: number) => [...String(n)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('');
  const fullWidth = (n: number) => [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
  return line
    .replace(new RegExp(`(?<!\\d)${year}(?!\\d)`, 'g'), String(year + 1))
    .replace(new RegExp(fullWidth(year), 'g'), fullWidth(year + 1))
    .replace(new RegExp(`${chinese(year)}|${chinese(year).replace(/〇/g, '零')}`, 'g'), chinese(year + 1));
}

function lineRange(bound: BoundReport, span: { start: number; end: number } | undefined): number[] {
  if (!span) return [];
  return bound.model.lines.filter((l) => l.end >= span.start && l.start <= span.end).map((l) => l.index);
}

/** Cells this year's tables take from last year's: the chains of the schema, read from last year's tables. */
function inherited(last: BoundReport, schema: Schema): Map<string, string> {
  const out = new Map<string, string>();
  for (const chain of schema.chains) {
    const [tableId, row, column] = chain.cell.split('.');
    const table = schema.tables.find((t) => t.id === tableId);
    if (!table) continue;
    const rows = row === '*' ? table.rows.map((r) => r.id) : [row];
    const columns = column === '*' ? table.columns.map((c) => c.id) : [column];
    for (const r of rows)
      for (const c of columns) {
        const refs = chain.previous.map((p) => p.replace(/\.\*(?=\.)/, `.${r}`).replace(/\.\*$/, `.${c}`));
        const values = refs.map((ref) => cellValue(last, ref));
        if (values.every((v) => v !== undefined)) out.set(`${tableId}.${r}.${c}`, String(values.reduce((a, v) => a! + v!, 0)));
      }
  }
  return out;
}

function cellValue(report: BoundReport, ref: string): number | undefined {
  const [tableId, row, column] = ref.split('.');
  const cell = report.tables.get(tableId)?.cell(row, column);
  return cell?.value.kind === 'number' ? cell.value.value : undefined;
}
