import type { FileResult } from '../results';
import type { SummaryOptions } from './summary-words';

// --summary FILE: the file's extension picks the kind. The writers are loaded when a summary is written:
// a run without one does not pay for them at start-up.

export type SummaryKind = 'xlsx' | 'csv' | 'html';

/** "省级汇总.XLSX" → 'xlsx'; undefined for an extension no summary is written in */
export function summaryKind(file: string): SummaryKind | undefined {
  const ext = /\.(xlsx|csv|html?)$/i.exec(file)?.[1].toLowerCase();
  return ext === 'htm' ? 'html' : (ext as SummaryKind | undefined);
}

/** Whether the results must be made with `withTables`: only the page shows the tables. */
export const summaryNeedsTables = (kind: SummaryKind) => kind === 'html';

/** The summary's contents: text (UTF-8, the CSV's byte-order mark included) or the workbook's bytes. */
export async function summary(kind: SummaryKind, results: readonly FileResult[], options: SummaryOptions): Promise<string | Uint8Array> {
  if (kind === 'xlsx') return (require('./summary-xlsx') as typeof import('./summary-xlsx')).summaryXlsx(results, options);
  if (kind === 'csv') return (require('./summary-csv') as typeof import('./summary-csv')).summaryCsv(results, options);
  return (require('./summary-html') as typeof import('./summary-html')).summaryHtml(results, options);
}
