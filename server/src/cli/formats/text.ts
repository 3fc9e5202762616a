import type { Lang } from '../../config';
import { describeSource } from '../../documents/types';
import type { FileResult } from '../results';

// The text output: a block per file with findings, then a count. Written file by file, so that a run
// over a thousand reports shows its first results at once and keeps none of them.

const SEVERITY_WORD = {
  zh: { error: '错误', warning: '警告', information: '提示', hint: '提示' },
  en: { error: 'error', warning: 'warning', information: 'info', hint: 'hint' },
};

export interface TextCounts {
  files: number;
  errors: number;
  warnings: number;
  others: number;
}

export function textFile(f: FileResult, lang: Lang, counts: TextCounts): string[] {
  counts.files++;
  for (const d of f.diagnostics) {
    if (d.severity === 'error') counts.errors++;
    else if (d.severity === 'warning') counts.warnings++;
    else counts.others++;
  }
  if (!f.diagnostics.length && f.schema) return [];
  const schema = f.schema ?? (lang === 'zh' ? '未识别格式' : 'no schema');
  const lines = [`${f.path}  (${schema})`];
  if (!f.schema)
    lines.push(
      lang === 'zh'
        ? '  未识别出报告格式，未检查；可用 --schema 指定'
        : '  the report format was not recognised, so it was not checked; name one with --schema',
    );
  for (const d of f.diagnostics) {
    const pos = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
    const where = d.source ? (lang === 'zh' ? `（${describeSource(d.source).zh}）` : ` (${describeSource(d.source).en})`) : '';
    lines.push(`  ${pos.padEnd(8)} ${SEVERITY_WORD[lang][d.severity].padEnd(lang === 'zh' ? 2 : 7)}  ${d.message}${where}  [${d.rule}]`);
  }
  lines.push('');
  return lines;
}

export function textTotal(counts: TextCounts, lang: Lang): string {
  return lang === 'zh'
    ? `检查了 ${counts.files} 个文件：${counts.errors} 个错误，${counts.warnings} 个警告，${counts.others} 个提示`
    : `${counts.files} file(s) checked: ${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.others} info`;
}
