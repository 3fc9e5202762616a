import type { Lang } from '../../config';
import type { FileResult } from '../results';
import { compactFile } from './compact';
import { jsonBlock } from './json';
import { textFile, type TextCounts } from './text';

// A file's part of the output, made where the file was checked: a worker thread sends these few strings
// back rather than the file's findings as objects, which are slow to copy between threads and then to
// format on the main thread, the one that every other thread waits for.

export type PrintedFormat = 'text' | 'json' | 'compact';

export interface Printed {
  /** json: the file's entry of the document; text and compact: the file's lines */
  lines: string[];
  /** what the file adds to the text output's count */
  counts: TextCounts;
  /** whether an error was found: the exit code */
  hasError: boolean;
}

export function printFile(result: FileResult, format: PrintedFormat, lang: Lang): Printed {
  const counts: TextCounts = { files: 0, errors: 0, warnings: 0, others: 0 };
  const lines = format === 'json' ? [jsonBlock(result)] : format === 'compact' ? compactFile(result) : textFile(result, lang, counts);
  return { lines, counts, hasError: result.diagnostics.some((d) => d.severity === 'error') };
}
