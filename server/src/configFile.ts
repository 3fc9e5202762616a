import * as path from 'path';
import picomatch from 'picomatch';
import { isMap, LineCounter, parseDocument, type Node } from 'yaml';
import { parseConfig, type Config, type ConfigProblem } from './config';

// The configuration file `.nianbao.yaml` (or .yml, .json), shared by the command line and the editor:
// the nearest one found upward from a report applies. Its problems carry a line and a column, and a
// broken file leaves the defaults working.

export const CONFIG_FILE_NAMES = ['.nianbao.yaml', '.nianbao.yml', '.nianbao.json'] as const;

export interface ConfigFile {
  path: string;
  /** the settings it gives, over the base it was read with */
  config: Config;
  /** globs of reports not to check, relative to the file's folder */
  ignore: string[];
  /** the office's own name (本单位名称), for where the report names itself */
  office?: string;
  problems: (ConfigProblem & { line: number; character: number })[];
}

/** What reading a configuration file needs from the disk, passed in. */
export interface ConfigDisk {
  /** the file's text, or undefined when there is none */
  readFile(file: string): string | undefined;
}

/** The nearest configuration file at or above a folder; undefined when there is none up to the root. */
export function findConfigFile(dir: string, disk: ConfigDisk): { path: string; text: string } | undefined {
  for (let d = path.resolve(dir), depth = 0; depth < 64; depth++) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(d, name);
      const text = disk.readFile(file);
      if (text !== undefined) return { path: file, text };
    }
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
  return undefined;
}

const FILE_ONLY = new Set(['ignore', 'office']);

/** A configuration file's text (YAML, or JSON, which YAML reads too) over a base configuration. */
export function parseConfigFile(file: string, text: string, base: Config): ConfigFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line - 1, character: p.col - 1 };
  };
  const out: ConfigFile = { path: file, config: base, ignore: [], problems: [] };
  if (doc.errors.length) {
    for (const e of doc.errors)
      out.problems.push({
        path: [],
        message: { zh: `无法解析：${e.message}`, en: `cannot be parsed: ${e.message}` },
        ...at(e.pos[0]),
      });
    return out;
  }
  const data = doc.toJS() as unknown;
  if (data === null || data === undefined) return out;
  const fields = typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  const shared = fields ? Object.fromEntries(Object.entries(fields).filter(([k]) => !FILE_ONLY.has(k))) : data;
  const { config, problems } = parseConfig(shared, base);
  out.config = config;
  const where = (p: (string | number)[]) => {
    const node = (p.length ? doc.getIn(p, true) : doc.contents) as Node | undefined;
    // a key's own place is better than its value's when the key is what is wrong
    const keyNode = p.length && isMap(p.length > 1 ? doc.getIn(p.slice(0, -1), true) : doc.contents) ? findKey(doc, p) : undefined;
    return at((keyNode ?? node)?.range?.[0] ?? 0);
  };
  for (const p of problems) out.problems.push({ ...p, ...where(p.path) });
  if (fields?.ignore !== undefined) {
    const ignore = fields.ignore;
    if (Array.isArray(ignore) && ignore.every((g) => typeof g === 'string' && g.length > 0)) out.ignore = ignore as string[];
    else
      out.problems.push({
        path: ['ignore'],
        message: { zh: 'ignore 应为通配符列表，如 ["草稿/**"]', en: 'ignore must be a list of globs, such as ["drafts/**"]' },
        ...where(['ignore']),
      });
  }
  if (fields?.office !== undefined) {
    if (typeof fields.office === 'string' && /^[\u4e00-\u9fa5]{2,40}$/.test(fields.office)) out.office = fields.office;
    else
      out.problems.push({
        path: ['office'],
        message: {
          zh: 'office 应为本单位的中文名称，如“南京市江宁区人民政府”',
          en: 'office must be the office’s own name in Chinese, such as 南京市江宁区人民政府',
        },
        ...where(['office']),
      });
  }
  // a schema file named in the configuration is found beside it, not beside wherever the command was run
  if (config.schema !== base.schema && /[\\/.]/.test(config.schema))
    out.config = { ...config, schema: path.resolve(path.dirname(file), config.schema) };
  return out;
}

function findKey(doc: ReturnType<typeof parseDocument>, p: (string | number)[]): Node | undefined {
  const parent = p.length > 1 ? doc.getIn(p.slice(0, -1), true) : doc.contents;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((i) => (i.key as { value?: unknown } | null)?.value === p[p.length - 1]);
  return pair?.key as Node | undefined;
}

/** Whether a report is one the configuration file says not to check. */
export function isIgnored(report: string, configFile: ConfigFile | undefined): boolean {
  if (!configFile?.ignore.length) return false;
  const relative = path.relative(path.dirname(configFile.path), path.resolve(report)).split(path.sep).join('/');
  if (relative.startsWith('..')) return false;
  return picomatch(configFile.ignore, { dot: true })(relative);
}
