import * as z from 'zod';
import { ruleIds } from './engine';

// The configuration in zod, loaded by config.ts only when a value is to be checked.

const LEVELS = ['off', 'error', 'warning', 'information', 'hint'] as const;

/** Each field on its own: a bad value costs that field only, which keeps its default. */
export function fieldSchemas() {
  return {
    schema: z.string().min(1),
    deadline: z.enum(['auto', 'department', 'government']),
    debounceMs: z.number().finite().min(0).max(5000),
    repeatedTextWarnAt: z.number().finite().min(0).max(1),
    inlayHints: z.object({ totals: z.boolean().optional() }),
  } as const;
}

/**
 * The configuration file as a whole, for the JSON Schema that gives completion and hover while editing
 * it (schemas/nianbao-config.json); parseConfig and parseConfigFile are what read it.
 */
export function configFileSchema() {
  const f = fieldSchemas();
  return z
    .object({
      schema: f.schema.describe(
        '报告格式：auto、gov-2021、gov-2019、gov-2008，或格式文件的路径（相对于本文件） / the report format: auto, a schema id, or a schema file path (relative to this file)',
      ),
      rules: z
        .record(z.enum(ruleIds as [string, ...string[]]), z.enum(LEVELS))
        .describe('规则 ID: off | error | warning | information | hint / rule id: its level'),
      deadline: f.deadline.describe('部门（1月31日前公布）或本级政府（3月31日前公布） / a department’s report or a government’s own'),
      repeatedTextWarnAt: f.repeatedTextWarnAt.describe(
        '与上年报告重复的比例达到多少时 repeated-text 报警告（0 到 1，默认 0.6） / the share repeated from last year’s report from which repeated-text warns (0 to 1, default 0.6)',
      ),
      office: z.string().describe('本单位名称，如“南京市江宁区人民政府” / the office’s own name'),
      ignore: z
        .array(z.string())
        .describe('不检查的报告，通配符，相对于本文件所在文件夹 / globs of reports not to check, relative to this file'),
    })
    .partial()
    .strict();
}
