import { readFileSync } from 'fs';
import { builtinSchema, checkReport, type Schema } from '../engine';
import type { Config, Lang } from '../config';
import { looksLikeReport, readReport, type Problem, type ReadResult } from './files';
import type { Printed, PrintedFormat } from './formats/printed';
import { fileResult, type FileResult } from './results';
import { LONG_RUN_CHARS, tuneForLongRun } from './tuning';

// --fix and schema files named in configuration files are loaded when a run asks for them
const fixModule = () => require('./fix') as typeof import('./fix');
const schemaFileModule = () => require('./schemaFile') as typeof import('./schemaFile');

// One report checked: read it (and last year's, when paired), check it, make its FileResult. The same
// in the main thread and in a worker thread, where the job arrives as plain data.

export interface CheckJob {
  path: string;
  /** named on the command line, not met in a folder: checked even when it does not look like a report */
  explicit?: boolean;
  /** last year's report of the same office, for the checks across years */
  previous?: string;
  /** the configuration for this report: its configuration file's, with the command line's flags over it */
  config: Pick<Config, 'schema' | 'rules' | 'deadline' | 'repeatedTextWarnAt'> & { office?: string };
  /** the text of a text report, when it was read already (while planning the run): it is not read again */
  text?: string;
  /** the text of last year's report, likewise */
  previousText?: string;
  /** this report is last year's of another in the run: the engine keeps its parse for that one's check */
  keepAsPrevious?: boolean;
}

export interface JobOptions {
  /** a schema given with --schema, read once for the whole run */
  schema?: Schema;
  lang: Lang;
  /** --fix: write the fixes; --fix-dry-run: show them as a diff */
  fix?: 'write' | 'dry-run';
  /** the report's tables in each result, for the summary page */
  withTables?: boolean;
  /** a worker thread sends each file's output in this format instead of its result (no SARIF, no summary) */
  print?: PrintedFormat;
}

type Fixing = { fixed?: number; diff?: string; fixProblem?: Problem };

export type JobOutcome = ({ result: FileResult } & Fixing) | ({ printed: Printed } & Fixing) | { problem: Problem } | { skipped: true };

// a schema file named in a configuration file is read once per thread
const schemaFiles = new Map<string, Schema | Problem>();

function schemaOf(id: string): Schema | Problem | undefined {
  if (id === 'auto') return undefined;
  const builtin = builtinSchema(id);
  if (builtin) return builtin;
  let hit = schemaFiles.get(id);
  if (!hit) {
    hit = loadSchemaFile(id);
    schemaFiles.set(id, hit);
  }
  return hit;
}

function loadSchemaFile(file: string): Schema | Problem {
  try {
    const text = readFileSync(file, 'utf8');
    const { schema, problems } = schemaFileModule().schemaFromText(file, text);
    if (schema) return schema;
    const first = problems[0];
    const where = `${first.path.join('.') || '(root)'}: ${first.message}`;
    return {
      zh: `配置文件指定的格式文件 ${file} 有误：${where}`,
      en: `the schema file ${file} named in the configuration is wrong: ${where}`,
    };
  } catch (e) {
    const why = (e as Error).message;
    return {
      zh: `无法读取配置文件指定的格式文件 ${file}：${why}`,
      en: `cannot read the schema file ${file} named in the configuration: ${why}`,
    };
  }
}

export async function checkFile(job: CheckJob, options: JobOptions): Promise<JobOutcome> {
  const schema = options.schema ?? schemaOf(job.config.schema);
  if (schema && !('sections' in schema)) return { problem: schema };
  const read: ReadResult = job.text !== undefined ? { text: job.text, encoding: 'utf-8' } : await readReport(job.path);
  if ('problem' in read) return { problem: read.problem };
  // a document met in a folder is checked when what it says is a report's
  if (job.explicit === false && read.encoding === 'document' && !looksLikeReport(job.path, read.text)) return { skipped: true };
  let previousText = job.previousText;
  if (job.previous && previousText === undefined) {
    const last = await readReport(job.previous);
    // last year's report unreadable: this year's is checked without the checks across years
    if ('text' in last) previousText = last.text;
  }
  try {
    const checkOptions = {
      schema,
      previous: previousText,
      severities: job.config.rules,
      deadline: job.config.deadline === 'auto' ? undefined : job.config.deadline,
      office: job.config.office,
      repeatedTextWarnAt: job.config.repeatedTextWarnAt,
      keepAsPrevious: job.keepAsPrevious,
    };
    const resultOptions = {
      lang: options.lang,
      previous: previousText !== undefined ? job.previous : undefined,
      withTables: options.withTables,
      locate: read.locate,
    };
    if (read.text.length >= LONG_RUN_CHARS) tuneForLongRun();
    const checked = checkReport(read.text, checkOptions);
    if (!options.fix) return { result: fileResult(job.path, read.text, checked, resultOptions) };
    const { FIXABLE_FILE, fixedText, unifiedDiff, writeAtomically } = fixModule();
    if (!FIXABLE_FILE.test(job.path)) return { result: fileResult(job.path, read.text, checked, resultOptions) };
    // fixed: what is left is found by checking the fixed text again
    const after = fixedText(read.text, checked, (text) => checkReport(text, checkOptions));
    if (!after.fixed) return { result: fileResult(job.path, read.text, checked, resultOptions), fixed: 0 };
    const rechecked = fileResult(job.path, after.text, checkReport(after.text, checkOptions), resultOptions);
    if (options.fix === 'dry-run') return { result: rechecked, fixed: after.fixed, diff: unifiedDiff(job.path, read.text, after.text) };
    const fixProblem = await writeAtomically(job.path, after.text);
    if (fixProblem) return { result: fileResult(job.path, read.text, checked, resultOptions), fixed: 0, fixProblem };
    return { result: rechecked, fixed: after.fixed };
  } catch (e) {
    const why = (e as Error).message;
    return { problem: { zh: `检查时出错，请报告此问题：${why}`, en: `the checker failed on this file, please report it: ${why}` } };
  }
}
