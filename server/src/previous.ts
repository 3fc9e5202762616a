import * as path from 'path';
import { parseReport } from './engine';

// Which of the reports given is last year's report of the same office, for the checks across years.

export interface Named { path: string; text: string }

const YEAR = /(?:19|20)\d{2}\s*年?度?|[〇零一二三四五六七八九]{4}\s*年度?/;

/**
 * An office's reports share a title but for the year, or a file name but for the year; a report
 * without a recognisable title is still paired by its file name.
 */
export function officeKeys(file: Named): { keys: string[]; year: number } | undefined {
  const model = parseReport(file.text.length > 200_000 ? file.text.slice(0, 200_000) : file.text);
  if (!model.year) return undefined;
  const keys: string[] = [];
  const title = model.title?.text.replace(YEAR, '').replace(/政府信息公开.*$|信息公开.*$/, '');
  if (title && title.length >= 2) keys.push(`title:${title}`);
  const name = path.basename(file.path).replace(/\.[^.]+$/, '').replace(YEAR, '');
  if (name.replace(/[\s\p{P}_]+/gu, '').length >= 2) keys.push(`file:${path.dirname(file.path)}/${name}`);
  return { keys, year: model.year };
}

export function pairWithPrevious(files: Named[]): Map<string, Named> {
  const keyed = files.map((f) => ({ f, k: officeKeys(f) }));
  const out = new Map<string, Named>();
  for (const { f, k } of keyed) {
    if (!k) continue;
    const prev = keyed.find((x) => x.k && x.k.year === k.year - 1 && x.k.keys.some((key) => k.keys.includes(key)));
    if (prev) out.set(f.path, prev.f);
  }
  return out;
}

/**
 * For the editor: last year's report among the open documents, else among the files beside this one
 * whose names carry last year (read from disk, at most 5 MB each).
 */
export function lastYearsReport(me: Named, open: Named[], readDir: (dir: string) => string[], readFile: (file: string) => string | undefined): Named | undefined {
  const year = officeKeys(me)?.year;
  if (!year) return undefined;
  const candidates = open.filter((o) => o.path !== me.path);
  const dir = path.dirname(me.path);
  for (const name of readDir(dir)) {
    const file = path.join(dir, name);
    if (!/\.(md|markdown|txt)$/i.test(name) || !name.includes(String(year - 1)) || candidates.some((c) => c.path === file)) continue;
    const text = readFile(file);
    if (text !== undefined) candidates.push({ path: file, text });
  }
  return pairWithPrevious([me, ...candidates]).get(me.path);
}
