import { parseArgs } from 'util';
import { checkReport, lineStarts, rangeOf, type Finding, type Range, type Schema } from '../engine';
import { expandInputs, looksLikeReport, readReport } from './files';
import { computeKeys, pairKeyed, type OfficeKeys } from '../previous';
import { loadSchemaArg } from './schemaFile';

// nianbao check [--format text|json] [--schema ID|PATH] [--deadline department|government] [--lang zh|en] PATH...
// Exit 0: no errors; 1: errors found; 2: bad usage or an input that could not be read.

type Lang = 'zh' | 'en';
type Deadline = 'department' | 'government';

interface FileResult {
  path: string;
  schema: string | null;
  diagnostics: {
    rule: string;
    severity: Finding['severity'];
    message: string;
    range: Range;
    related: { message: string; range: Range }[];
  }[];
}

const HELP = {
  zh: `用法：nianbao check [选项] 路径...

检查政府信息公开工作年度报告（.md、.txt）：统计表的合计与勾稽关系、必需的章节和表格。
路径可以是文件、文件夹（查找其中的年度报告）或通配符（如 "reports/**/*.txt"）。

选项：
  --format text|json   输出格式（默认 text）
  --schema ID|PATH     使用的格式：gov-2021、gov-2019、gov-2008，或自定义格式文件（.json/.yaml）；默认按报告自动判断
  --deadline department|government
                       报告是部门的（1月31日前公布）还是本级政府的（3月31日前公布）；默认按报告标题判断
  --lang zh|en         消息语言（默认按环境变量 LANG，中文优先）
  -h, --help           显示帮助
  -v, --version        显示版本

退出码：0 无错误；1 发现错误；2 用法错误或有文件无法读取。`,
  en: `Usage: nianbao check [options] PATH...

Checks government information-disclosure annual reports (.md, .txt): totals and balances of the
statistical tables, required sections and tables.
PATH may be a file, a folder (searched for reports) or a glob (e.g. "reports/**/*.txt").

Options:
  --format text|json   output format (default text)
  --schema ID|PATH     format to use: gov-2021, gov-2019, gov-2008, or a schema file (.json/.yaml); detected by default
  --deadline department|government
                       whose report it is: a department's (due 31 January) or a government's own (due 31 March); read from the title by default
  --lang zh|en         message language (default from LANG; Chinese unless it says English)
  -h, --help           show this help
  -v, --version        show the version

Exit code: 0 no errors; 1 errors found; 2 bad usage or an input could not be read.`,
};

function defaultLang(): Lang {
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^en/i.test(env) ? 'en' : 'zh';
}

function toResult(path: string, text: string, schema: Schema | undefined, lang: Lang, previous?: string, deadline?: Deadline): FileResult {
  const r = checkReport(text, { schema, previous, deadline });
  const starts = lineStarts(text);
  return {
    path,
    schema: r.detection.schema?.id ?? null,
    diagnostics: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message[lang],
      range: rangeOf(starts, f.start, f.end),
      related: f.related.map((x) => ({ message: x.message[lang], range: rangeOf(starts, x.start, x.end) })),
    })),
  };
}

const SEVERITY_WORD = {
  zh: { error: '错误', warning: '警告', information: '提示', hint: '提示' },
  en: { error: 'error', warning: 'warning', information: 'info', hint: 'hint' },
};

function printText(results: FileResult[], lang: Lang, out: (s: string) => void): void {
  let errors = 0;
  let warnings = 0;
  let others = 0;
  for (const f of results) {
    const schema = f.schema ?? (lang === 'zh' ? '未识别格式' : 'no schema');
    if (!f.diagnostics.length && f.schema) continue;
    out(`${f.path}  (${schema})`);
    if (!f.schema)
      out(
        lang === 'zh'
          ? '  未识别出报告格式，未检查；可用 --schema 指定'
          : '  the report format was not recognised, so it was not checked; name one with --schema',
      );
    for (const d of f.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else others++;
      const pos = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
      out(`  ${pos.padEnd(8)} ${SEVERITY_WORD[lang][d.severity].padEnd(lang === 'zh' ? 2 : 7)}  ${d.message}  [${d.rule}]`);
    }
    out('');
  }
  out(
    lang === 'zh'
      ? `检查了 ${results.length} 个文件：${errors} 个错误，${warnings} 个警告，${others} 个提示`
      : `${results.length} file(s) checked: ${errors} error(s), ${warnings} warning(s), ${others} info`,
  );
}

export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  err: (s: string) => void = (s) => process.stderr.write(s + '\n'),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        schema: { type: 'string' },
        deadline: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    err(`nianbao: ${(e as Error).message}\n\n${HELP[defaultLang()]}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const lang: Lang = values.lang === 'en' || values.lang === 'zh' ? values.lang : defaultLang();
  if (values.lang && values.lang !== 'en' && values.lang !== 'zh') {
    err(`nianbao: --lang ${values.lang}: 应为 zh 或 en / must be zh or en`);
    return 2;
  }
  if (values.version) {
    out(VERSION);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || !command) {
    (values.help ? out : err)(HELP[lang]);
    return values.help ? 0 : 2;
  }
  if (command !== 'check') {
    err(lang === 'zh' ? `nianbao: 未知命令「${command}」，可用：check\n` : `nianbao: unknown command "${command}"; available: check\n`);
    err(HELP[lang]);
    return 2;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    err(
      lang === 'zh' ? `nianbao: --format ${values.format}：应为 text 或 json` : `nianbao: --format ${values.format}: must be text or json`,
    );
    return 2;
  }
  const deadline = values.deadline as Deadline | undefined;
  if (deadline !== undefined && deadline !== 'department' && deadline !== 'government') {
    err(
      lang === 'zh'
        ? `nianbao: --deadline ${deadline}：应为 department（部门）或 government（本级政府）`
        : `nianbao: --deadline ${deadline}: must be department or government`,
    );
    return 2;
  }
  if (!paths.length) {
    err(
      lang === 'zh'
        ? 'nianbao: 请给出要检查的文件或文件夹，例如：nianbao check 报告.md'
        : 'nianbao: name the files or folders to check, e.g. nianbao check report.md',
    );
    return 2;
  }
  let schema: Schema | undefined;
  if (values.schema) {
    const loaded = await loadSchemaArg(values.schema);
    if (loaded.error) {
      err(`nianbao: ${loaded.error}`);
      return 2;
    }
    schema = loaded.schema;
  }
  let failed = false;
  const { inputs, missing, problems } = await expandInputs(paths);
  for (const m of missing) {
    err(lang === 'zh' ? `nianbao: ${m}：找不到该文件或文件夹` : `nianbao: ${m}: no such file or folder`);
    failed = true;
  }
  for (const p of problems) {
    err(`nianbao: ${p.path}${lang === 'zh' ? '：' : ': '}${p.problem[lang]}`);
    failed = true;
  }
  const results: FileResult[] = [];
  // Texts are not kept from one file to the next, so that a folder of thousands of reports takes the
  // memory of a few: each report is read once for its office and year, and again to be checked.
  const reports: { path: string; keys: OfficeKeys | undefined }[] = [];
  const read = async (input: { path: string; explicit: boolean }): Promise<string | undefined> => {
    const r = await readReport(input.path);
    if (!('problem' in r)) return r.text;
    // a file met while searching a folder that is not a text report is passed over quietly; one that cannot be read is told
    if (input.explicit || !r.quiet) {
      err(`nianbao: ${input.path}${lang === 'zh' ? '：' : ': '}${r.problem[lang]}`);
      failed = true;
    }
    return undefined;
  };
  for (const input of inputs) {
    const text = await read(input);
    if (text === undefined || (!input.explicit && !looksLikeReport(input.path, text))) continue;
    reports.push({ path: input.path, keys: computeKeys({ path: input.path, text }) });
  }
  // last year's report of the same office, when it is among the inputs, feeds the checks across years
  const previous = pairKeyed(reports);
  for (const r of reports) {
    const text = await read({ path: r.path, explicit: true });
    if (text === undefined) continue;
    const last = previous.get(r.path);
    const lastText = last === undefined ? undefined : await read({ path: last, explicit: true });
    // a file the checker fails on is told, and the others are still checked
    try {
      results.push(toResult(r.path, text, schema, lang, lastText, deadline));
    } catch (e) {
      err(
        lang === 'zh'
          ? `nianbao: ${r.path}：检查时出错，请报告此问题：${(e as Error).message}`
          : `nianbao: ${r.path}: the checker failed on this file, please report it: ${(e as Error).message}`,
      );
      failed = true;
    }
  }
  if (values.format === 'json') out(JSON.stringify({ version: 1, files: results }, null, 2));
  else printText(results, lang, out);
  if (failed) return 2;
  return results.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

declare const NIANBAO_VERSION: string;
const VERSION = typeof NIANBAO_VERSION === 'string' ? NIANBAO_VERSION : 'dev';

/** Entry point of bin/nianbao.js. */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`nianbao: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
