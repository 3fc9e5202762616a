import { promises as fs } from 'fs';
import * as path from 'path';
import { glob } from 'tinyglobby';

// Which files a command line names, and their text. Reading is the CLI's job; the engine sees text only.

export interface Input { path: string; explicit: boolean }
export type ReadResult = { text: string; encoding: 'utf-8' | 'gb18030' } | { problem: { zh: string; en: string } };

const REPORT_EXT = /\.(md|markdown|txt)$/i;
const GLOB_CHARS = /[*?[\]{}]/;

/** Files, folders (searched for reports) and globs, in the order given, each once. */
export async function expandInputs(args: string[]): Promise<{ inputs: Input[]; missing: string[] }> {
  const inputs: Input[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (p: string, explicit: boolean) => {
    const key = path.resolve(p);
    if (!seen.has(key)) inputs.push({ path: p, explicit }), seen.add(key);
  };
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => undefined);
    if (stat?.isDirectory()) for (const f of await walk(arg)) add(f, false);
    else if (stat) add(arg, true);
    else if (GLOB_CHARS.test(arg)) {
      const found = (await glob(arg, { dot: false, ignore: ['**/node_modules/**'] })).sort();
      if (!found.length) missing.push(arg);
      for (const f of found) add(f, true);
    } else missing.push(arg);
  }
  return { inputs, missing };
}

async function walk(dir: string, depth = 0, out: string[] = []): Promise<string[]> {
  if (depth > 32) return out; // symlink loops and absurd nesting end here
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, depth + 1, out);
    else if (e.isFile() && REPORT_EXT.test(e.name)) out.push(p);
  }
  return out;
}

const NOT_A_REPORT = /^(readme|changelog|changes|license|licence|contributing|authors|notice)\b/i;

/**
 * A file found in a folder is checked when it may be a report: not a project's README and the like,
 * and it speaks of government information disclosure or calls itself an annual report.
 */
export function looksLikeReport(file: string, text: string): boolean {
  const name = path.basename(file);
  if (/年度报告|年报/.test(name)) return true;
  if (NOT_A_REPORT.test(name)) return false;
  return /^---[\s\S]{0,4000}?^schema\s*:/m.test(text.slice(0, 4100)) || /政府信息公开|年度报告|年报/.test(text);
}

export async function readReport(file: string): Promise<ReadResult> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return { problem: { zh: `无法读取（${code}）`, en: `cannot be read (${code})` } };
  }
  if (/\.docx?$/i.test(file))
    return { problem: { zh: '暂不支持 Word 文件：请另存为 .txt 或 .md 后再检查', en: 'Word files are not supported yet: save it as .txt or .md and check that' } };
  if (buf.subarray(0, 8192).includes(0)) return { problem: { zh: '不是文本文件（含有二进制内容）', en: 'not a text file (it has binary content)' } };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // reports saved by older Chinese Windows tools are GBK/GB18030
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(buf), encoding: 'gb18030' };
    } catch {
      return { problem: { zh: '编码无法识别（既不是 UTF-8 也不是 GB18030）：请另存为 UTF-8', en: 'unknown encoding (neither UTF-8 nor GB18030): save it as UTF-8' } };
    }
  }
}
