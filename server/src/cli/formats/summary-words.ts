import type { Lang } from '../../config';
import { ruleDocsPath, type Severity } from '../../engine';
import type { FileDiagnostic, FileResult } from '../results';

// What the summaries (.csv, .xlsx, .html) share: their words in both languages, the counts of a
// report, and the findings as rows. Chinese first: the reviewers and the offices they write to read it.

export interface SummaryOptions {
  lang: Lang;
  /** an absolute URI ending in "/" under which `docs/rules/<id>.md` is each rule's page */
  docsBase?: string;
}

export const SEVERITY_WORD: Record<Lang, Record<Severity, string>> = {
  zh: { error: '错误', warning: '警告', information: '提示', hint: '提示' },
  en: { error: 'error', warning: 'warning', information: 'information', hint: 'hint' },
};

export const WORDS = {
  zh: {
    file: '文件',
    line: '行',
    column: '列',
    rule: '规则',
    severity: '级别',
    message: '问题',
    office: '单位',
    year: '年度',
    title: '标题',
    schema: '格式',
    errors: '错误',
    warnings: '警告',
    information: '提示',
    total: '合计',
    firstError: '第一个错误',
    previous: '与上年报告对比',
    description: '检查什么',
    reports: '涉及报告数',
    notRecognised: '未识别',
  },
  en: {
    file: 'File',
    line: 'Line',
    column: 'Column',
    rule: 'Rule',
    severity: 'Severity',
    message: 'Message',
    office: 'Office',
    year: 'Year',
    title: 'Title',
    schema: 'Format',
    errors: 'Errors',
    warnings: 'Warnings',
    information: 'Information',
    total: 'Total',
    firstError: 'First error',
    previous: "Compared with last year's report",
    description: 'What it checks',
    reports: 'Reports',
    notRecognised: 'not recognised',
  },
} satisfies Record<Lang, Record<string, string>>;

export interface Counts {
  errors: number;
  warnings: number;
  /** information and hints: worth a look, never wrong for sure */
  information: number;
}

export function countsOf(diagnostics: readonly FileDiagnostic[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, information: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') c.errors++;
    else if (d.severity === 'warning') c.warnings++;
    else c.information++;
  }
  return c;
}

/** One finding as a row of the findings sheet; lines and columns from 1, as people and Excel count. */
export interface FindingRow {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: Severity;
  message: string;
  office?: string;
  year?: number;
}

export function findingRows(results: readonly FileResult[]): FindingRow[] {
  return results.flatMap((f) =>
    f.diagnostics.map((d) => ({
      file: f.path,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      office: f.report.office,
      year: f.report.year,
    })),
  );
}

/** The columns of the findings sheet, the same in the .csv and the .xlsx. */
export const FINDING_COLUMNS = ['file', 'line', 'column', 'rule', 'severity', 'message', 'office', 'year'] as const;

export function findingCells(row: FindingRow, lang: Lang): (string | number)[] {
  return FINDING_COLUMNS.map((k) => (k === 'severity' ? SEVERITY_WORD[lang][row.severity] : (row[k] ?? '')));
}

export const ruleHref = (docsBase: string, rule: string) => new URL(ruleDocsPath(rule), docsBase).href;
