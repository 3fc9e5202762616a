import { parseArgs } from 'util';
import type { Deadline, Lang } from '../config';
import { summaryKind } from './formats/summary-kinds';

// The command line: which command, which options, which paths; and the help that explains them.

export type OutputFormat = 'text' | 'json' | 'sarif' | 'compact';

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: OutputFormat;
  schema?: string;
  deadline?: Deadline;
  lang: Lang;
  /** no progress bar */
  quiet: boolean;
  /** worker threads; undefined: as many as the machine has cores, for large inputs */
  jobs?: number;
  /** --previous: last year's reports to pair with */
  previous: string[];
  /** false with --no-config: configuration files are not looked for */
  configFiles: boolean;
  fix?: 'write' | 'dry-run';
  /** --summary FILE: a workbook, a CSV or a web page of the whole run */
  summary?: string;
}

/** nianbao convert INPUT... [-o OUT | --out-dir DIR] [--force] */
export interface ConvertArgs {
  command: 'convert';
  inputs: string[];
  out?: string;
  outDir?: string;
  force: boolean;
  lang: Lang;
}

/** nianbao new --from LAST_YEAR_REPORT [-o OUT] [--force] */
export interface NewArgs {
  command: 'new';
  from: string;
  out?: string;
  force: boolean;
  lang: Lang;
}

export type Args = CheckArgs | ConvertArgs | NewArgs | { command: 'help' | 'version'; lang: Lang };

export const HELP = {
  zh: `用法：nianbao check [选项] 路径...

检查政府信息公开工作年度报告（.md、.txt）：统计表的合计与勾稽关系、必需的章节和表格。
路径可以是文件、文件夹（查找其中的年度报告）或通配符（如 "reports/**/*.txt"）。
每份报告使用它所在文件夹或上级文件夹中最近的配置文件 .nianbao.yaml（规则开关与级别、格式、期限、本单位名称、忽略的文件）。

选项：
  --format text|json|sarif|compact
                       输出格式（默认 text；sarif：SARIF 2.1.0，供代码扫描服务和 SARIF 查看器使用；
                       compact：每个问题一行“文件:行:列: 级别: 消息 [规则]”，供编辑器的问题匹配器读取）
  --summary 文件       另写一份汇总：.xlsx（每份报告一行、全部问题、按规则合计）、.csv（全部问题）
                       或 .html（可排序的报告列表，每份报告的问题，错误的单元格连同算式标在表中）
  --schema ID|PATH     使用的格式：gov-2021、gov-2019、gov-2008，或自定义格式文件（.json/.yaml）；默认按报告自动判断
  --deadline department|government
                       报告是部门的（1月31日前公布）还是本级政府的（3月31日前公布）；默认按报告标题判断
  --lang zh|en         消息语言（默认按环境变量 LANG，中文优先）
  --previous 文件|文件夹
                       上年的报告：文件名和标题看不出对应关系时，用它与上年报告核对（可多次给出）
  --no-config          不读取配置文件 .nianbao.yaml / .nianbao.json
  --fix                自动修复可修复的问题（只改 .md、.txt 文件），再检查一遍，报告剩下的问题
  --fix-dry-run        不改文件，以 diff 形式显示 --fix 会做的修改
  --jobs N             同时检查的线程数（默认按 CPU 核数，文件多时启用）
  -q, --quiet          不显示进度条
  -h, --help           显示帮助
  -v, --version        显示版本

其他命令：
  nianbao convert 输入... [-o 输出 | --out-dir 文件夹] [--force]
                       .docx、.pdf、.html 转为可编辑的 Markdown 草稿（.md）；.md、.txt 转为公文格式的 Word 文件（.docx）
  nianbao new --from 上年报告 [-o 输出] [--force]
                       从上年的报告（任一格式）生成本年报告的草稿：标题和统计期限改为本年，统计表数字改为待填的 XX，
                       上年结转等沿用上年的数字；仍与上年相同的段落在检查时逐段提示

退出码：0 无错误；1 发现错误；2 用法错误或有文件无法读取。`,
  en: `Usage: nianbao check [options] PATH...

Checks government information-disclosure annual reports (.md, .txt): totals and balances of the
statistical tables, required sections and tables.
PATH may be a file, a folder (searched for reports) or a glob (e.g. "reports/**/*.txt").
Each report takes the nearest configuration file .nianbao.yaml at or above its folder (rules on/off and
their levels, schema, deadline, the office's own name, files to ignore).

Options:
  --format text|json|sarif|compact
                       output format (default text; sarif: SARIF 2.1.0 for code-scanning services and viewers;
                       compact: a line per finding, file:line:column: severity: message [rule], for problem matchers)
  --summary FILE       also write a summary: .xlsx (a row per report, every finding, totals by rule),
                       .csv (every finding) or .html (a sortable list of reports, each report's findings,
                       each wrong cell shown in its table with the arithmetic)
  --schema ID|PATH     format to use: gov-2021, gov-2019, gov-2008, or a schema file (.json/.yaml); detected by default
  --deadline department|government
                       whose report it is: a department's (due 31 January) or a government's own (due 31 March); read from the title by default
  --lang zh|en         message language (default from LANG; Chinese unless it says English)
  --previous FILE|DIR  last year's reports, to compare with when names and titles don't tell (may be repeated)
  --no-config          read no configuration file (.nianbao.yaml / .nianbao.json)
  --fix                apply the fixes findings offer (to .md and .txt files only), check again, report what is left
  --fix-dry-run        change no file: print the changes --fix would make as a unified diff
  --jobs N             threads checking at once (default: one per core, when there are many files)
  -q, --quiet          no progress bar
  -h, --help           show this help
  -v, --version        show the version

Other commands:
  nianbao convert INPUT... [-o OUT | --out-dir DIR] [--force]
                       .docx, .pdf, .html to an editable Markdown draft (.md); .md, .txt to a Word file in the official layout (.docx)
  nianbao new --from LAST_YEARS_REPORT [-o OUT] [--force]
                       this year's draft from last year's report (any format): title and statistics period moved to the new
                       year, table figures XX to fill, 上年结转 and the like carried from last year; paragraphs still last
                       year's pointed out when it is checked

Exit code: 0 no errors; 1 errors found; 2 bad usage or an input could not be read.`,
};

export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(locale) ? 'en' : 'zh';
}

/** A usage error: what is wrong, in the user's language, and whether to show the help after it. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showHelp = false,
  ) {
    super(message);
  }
}

const say = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** --lang zh|en, else the environment's language. */
function langOption(given: string | undefined): Lang {
  if (given && given !== 'en' && given !== 'zh') throw new UsageError(`nianbao: --lang ${given}: 应为 zh 或 en / must be zh or en`);
  return (given as Lang | undefined) ?? defaultLang();
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** parseArgs, its complaint a usage error that shows the help. */
function parsed<O extends Options>(argv: string[], options: O, who: string) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (e) {
    throw new UsageError(`${who}: ${(e as Error).message}`, true);
  }
}

/** The arguments after `nianbao`; throws UsageError. */
export function parseCommandLine(argv: string[]): Args {
  const command = argv.find((a) => !a.startsWith('-'));
  if (command === 'convert' || command === 'new') return parseWriting(argv, command);
  const { values, positionals } = parsed(
    argv,
    {
      format: { type: 'string', default: 'text' },
      schema: { type: 'string' },
      deadline: { type: 'string' },
      lang: { type: 'string' },
      jobs: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      previous: { type: 'string', multiple: true },
      'no-config': { type: 'boolean' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      summary: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    'nianbao',
  );
  const lang = langOption(values.lang);
  if (values.version) return { command: 'version', lang };
  const [, ...paths] = positionals;
  if (values.help) return { command: 'help', lang };
  if (!command) throw new UsageError('', true);
  if (command !== 'check')
    throw new UsageError(
      say(lang, `nianbao: 未知命令「${command}」，可用：check\n`, `nianbao: unknown command "${command}"; available: check\n`),
      true,
    );
  if (values.format !== 'text' && values.format !== 'json' && values.format !== 'sarif' && values.format !== 'compact')
    throw new UsageError(
      say(
        lang,
        `nianbao: --format ${values.format}：应为 text、json 或 sarif`,
        `nianbao: --format ${values.format}: must be text, json or sarif`,
      ),
    );
  if (values.summary !== undefined && !summaryKind(values.summary))
    throw new UsageError(
      say(
        lang,
        `nianbao: --summary ${values.summary}：文件扩展名应为 .xlsx、.csv 或 .html`,
        `nianbao: --summary ${values.summary}: the file must end in .xlsx, .csv or .html`,
      ),
    );
  const deadline = values.deadline;
  if (deadline !== undefined && deadline !== 'department' && deadline !== 'government')
    throw new UsageError(
      say(
        lang,
        `nianbao: --deadline ${deadline}：应为 department（部门）或 government（本级政府）`,
        `nianbao: --deadline ${deadline}: must be department or government`,
      ),
    );
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64))
    throw new UsageError(
      say(
        lang,
        `nianbao: --jobs ${values.jobs}：应为 1 到 64 之间的整数`,
        `nianbao: --jobs ${values.jobs}: must be a whole number from 1 to 64`,
      ),
    );
  if (!paths.length)
    throw new UsageError(
      say(
        lang,
        'nianbao: 请给出要检查的文件或文件夹，例如：nianbao check 报告.md',
        'nianbao: name the files or folders to check, e.g. nianbao check report.md',
      ),
    );
  return {
    command: 'check',
    paths,
    format: values.format,
    schema: values.schema,
    deadline,
    lang,
    quiet: !!values.quiet,
    jobs,
    previous: values.previous ?? [],
    configFiles: !values['no-config'],
    fix: values['fix-dry-run'] ? 'dry-run' : values.fix ? 'write' : undefined,
    summary: values.summary,
  };
}

/** convert and new: commands that write files. */
function parseWriting(argv: string[], command: 'convert' | 'new'): ConvertArgs | NewArgs {
  const { values, positionals } = parsed(
    argv,
    {
      out: { type: 'string', short: 'o' },
      'out-dir': { type: 'string' },
      from: { type: 'string' },
      force: { type: 'boolean', short: 'f' },
      lang: { type: 'string' },
    },
    `nianbao ${command}`,
  );
  const lang = langOption(values.lang);
  const inputs = positionals.slice(1);
  if (command === 'new') {
    if (!values.from || inputs.length)
      throw new UsageError(
        say(
          lang,
          'nianbao new：用 --from 给出上年的报告，例如：nianbao new --from 2023年度报告.docx',
          "nianbao new: name last year's report with --from, e.g. nianbao new --from report-2023.docx",
        ),
      );
    return { command, from: values.from, out: values.out, force: !!values.force, lang };
  }
  if (!inputs.length)
    throw new UsageError(
      say(
        lang,
        'nianbao convert：请给出要转换的文件，例如：nianbao convert 报告.docx',
        'nianbao convert: name the files to convert, e.g. nianbao convert report.docx',
      ),
    );
  if (values.out && values['out-dir'])
    throw new UsageError(say(lang, 'nianbao convert：-o 和 --out-dir 只能用一个', 'nianbao convert: use -o or --out-dir, not both'));
  if (values.out && inputs.length > 1)
    throw new UsageError(
      say(
        lang,
        'nianbao convert：转换多个文件时用 --out-dir 指定输出文件夹',
        'nianbao convert: with several inputs, name an output folder with --out-dir',
      ),
    );
  return { command, inputs, out: values.out, outDir: values['out-dir'], force: !!values.force, lang };
}
