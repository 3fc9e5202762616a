import type { z } from 'zod';
import { ruleIds, type Localized, type Severity } from './engine';

// One configuration, read the same way from VS Code's settings, the command line's flags and a
// configuration file: a type, its defaults, and a parse that keeps what is valid and says what is not.

export type Lang = 'zh' | 'en';
/** whose report it is: a department's (due 31 January) or a government's own (due 31 March) */
export type Deadline = 'department' | 'government';
export type Level = Severity | 'off';

export interface Config {
  /** 'auto', a schema id, or (CLI and configuration file) the path of a schema file */
  schema: string;
  /** rule id → its level; a rule not named keeps its default */
  rules: Record<string, Level>;
  deadline: 'auto' | Deadline;
  /** the share of prose repeated from last year's report from which repeated-text warns (0.6: 60%) */
  repeatedTextWarnAt: number;
  /** the editor's: how long to wait for a pause in typing before checking a slow report */
  debounceMs: number;
  /** the editor's: the sum of its parts shown beside each total */
  inlayHints: { totals: boolean };
}

export const defaults: Config = Object.freeze({
  schema: 'auto',
  rules: {},
  deadline: 'auto',
  repeatedTextWarnAt: 0.6,
  debounceMs: 150,
  inlayHints: { totals: false },
});

export interface ConfigProblem {
  /** where in the configuration: ['rules', 'table-sum'] */
  path: (string | number)[];
  message: Localized;
}

const LEVELS = ['off', 'error', 'warning', 'information', 'hint'] as const;

// The zod definitions of the configuration (configSchema.ts) are loaded when a value is first checked:
// zod is large, and a run without settings or a configuration file needs none of it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const definitions = () => require('./configSchema') as typeof import('./configSchema');
let fields: ReturnType<typeof import('./configSchema').fieldSchemas> | undefined;

function describe(field: string, issue: z.core.$ZodIssue): Localized {
  const expected: Record<string, Localized> = {
    schema: {
      zh: '应为格式 ID（如 gov-2021）、auto 或格式文件的路径',
      en: 'must be a schema id (such as gov-2021), auto, or the path of a schema file',
    },
    deadline: { zh: '应为 auto、department（部门）或 government（本级政府）', en: 'must be auto, department or government' },
    debounceMs: { zh: '应为 0 到 5000 之间的毫秒数', en: 'must be a number of milliseconds from 0 to 5000' },
    repeatedTextWarnAt: { zh: '应为 0 到 1 之间的比例，如 0.5 表示 50%', en: 'must be a share from 0 to 1, such as 0.5 for 50%' },
    inlayHints: { zh: '应为 { "totals": true 或 false }', en: 'must be { "totals": true or false }' },
  };
  const e = expected[field];
  return e ? { zh: `${field} ${e.zh}`, en: `${field} ${e.en}` } : { zh: `${field}：${issue.message}`, en: `${field}: ${issue.message}` };
}

function parseRules(value: unknown, problems: ConfigProblem[]): Record<string, Level> {
  const out: Record<string, Level> = {};
  if (value === undefined || value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ path: ['rules'], message: { zh: 'rules 应为“规则 ID: 级别”的对象', en: 'rules must be an object of rule id: level' } });
    return out;
  }
  for (const [id, level] of Object.entries(value)) {
    if (!ruleIds.includes(id))
      problems.push({
        path: ['rules', id],
        message: { zh: `未知的规则「${id}」，可用的规则见 docs/rules`, en: `unknown rule “${id}”; the rules are listed in docs/rules` },
      });
    else if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level))
      problems.push({
        path: ['rules', id],
        message: { zh: `规则 ${id} 的级别应为 ${LEVELS.join('、')} 之一`, en: `the level of ${id} must be one of ${LEVELS.join(', ')}` },
      });
    else out[id] = level as Level;
  }
  return out;
}

/**
 * Any value in (settings, flags, a parsed configuration file): the configuration it gives, the defaults
 * where a field is missing or wrong, and a problem for each wrong field. Unknown fields are problems
 * too, so that a misspelt key does not silently do nothing.
 */
export function parseConfig(input: unknown, base: Config = defaults): { config: Config; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: Config = { ...base, rules: { ...base.rules }, inlayHints: { ...base.inlayHints } };
  if (input === undefined || input === null) return { config, problems };
  if (typeof input !== 'object' || Array.isArray(input)) {
    problems.push({ path: [], message: { zh: '配置应为一个对象', en: 'the configuration must be an object' } });
    return { config, problems };
  }
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (key === 'rules') {
      Object.assign(config.rules, parseRules(value, problems));
      continue;
    }
    fields ??= definitions().fieldSchemas();
    const field = fields[key as keyof typeof fields];
    if (!field) {
      problems.push({ path: [key], message: { zh: `未知的配置项「${key}」`, en: `unknown setting “${key}”` } });
      continue;
    }
    const r = field.safeParse(value);
    if (!r.success) problems.push({ path: [key], message: describe(key, r.error.issues[0]) });
    else if (key === 'inlayHints') config.inlayHints = { ...config.inlayHints, ...(r.data as Config['inlayHints']) };
    else (config as unknown as Record<string, unknown>)[key] = r.data;
  }
  return { config, problems };
}
