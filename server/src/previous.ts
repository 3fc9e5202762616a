import * as path from 'path';
import { isReportFileName } from './documents';
import { titleAndYear } from './engine';

// Which of the reports given is last year's report of the same office, for the checks across years.

export interface Named {
  path: string;
  text: string;
}

/** A year as a title or a file name writes it: 2024年, 2024年度, 二〇二四年 */
export const YEAR = /(?:19|20)\d{2}\s*年?度?|[〇零一二三四五六七八九]{4}\s*年度?/;

/**
 * An office's reports share a title but for the year, or a file name but for the year; a report
 * without a recognisable title is still paired by its file name.
 */
export function officeKeys(file: Named): OfficeKeys | undefined {
  // the editor asks on every request for every open report: a text already seen is not parsed again
  const hit = keysCache.get(file.path);
  if (hit && hit.text === file.text) return hit.keys;
  const keys = computeKeys(file);
  if (keysCache.size >= 1000) keysCache.clear();
  if (file.text.length <= 1_000_000) keysCache.set(file.path, { text: file.text, keys });
  return keys;
}

const keysCache = new Map<string, { text: string; keys: OfficeKeys | undefined }>();

export type OfficeKeys = { keys: string[]; year: number };

/** officeKeys without the cache: for the command line, which asks once per file and keeps no texts. */
export function computeKeys(file: Named): OfficeKeys | undefined {
  const model = titleAndYear(file.text.length > 200_000 ? file.text.slice(0, 200_000) : file.text);
  if (!model.year) return undefined;
  const keys: string[] = [];
  const title = model.title?.text.replace(YEAR, '').replace(/政府信息公开.*$|信息公开.*$/, '');
  if (title && title.length >= 2) keys.push(`title:${title}`);
  const name = path
    .basename(file.path)
    .replace(/\.[^.]+$/, '')
    .replace(YEAR, '');
  if (name.replace(/[\s\p{P}_]+/gu, '').length >= 2) keys.push(`file:${path.dirname(file.path)}/${name}`);
  return { keys, year: model.year };
}

/**
 * A Word file, a PDF or a web page is paired by its file name alone before it is read: the year in the
 * name, and the name without it.
 */
export function nameKeys(file: string): OfficeKeys | undefined {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  const year = /(?:19|20)\d{2}/.exec(base);
  const name = base.replace(YEAR, '');
  if (!year || name.replace(/[\s\p{P}_]+/gu, '').length < 2) return undefined;
  return { keys: [`file:${path.dirname(file)}/${name}`], year: Number(year[0]) };
}

export function pairWithPrevious(files: Named[]): Map<string, Named> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const pairs = pairKeyed(files.map((f) => ({ path: f.path, keys: officeKeys(f) })));
  return new Map([...pairs].map(([p, prev]) => [p, byPath.get(prev)!]));
}

/** The pairing itself, on keys computed beforehand: path → path of last year's report. */
export function pairKeyed(files: { path: string; keys: OfficeKeys | undefined }[]): Map<string, string> {
  // the files that share a key, by key, in the order given: a file is compared with its office's files only
  const byKey = new Map<string, number[]>();
  files.forEach(({ keys: k }, i) => {
    for (const key of k?.keys ?? []) byKey.get(key)?.push(i) ?? byKey.set(key, [i]);
  });
  const out = new Map<string, string>();
  for (const { path: p, keys: k } of files) {
    if (!k) continue;
    // last year's report; when the series lacks it, the nearest earlier one (its totals that only grow still bind):
    // the latest year before this one, the first given of that year
    let prev = -1;
    for (const key of k.keys)
      for (const i of byKey.get(key)!) {
        const year = files[i].keys!.year;
        if (year >= k.year) continue;
        const best = prev < 0 ? -1 : files[prev].keys!.year;
        if (year > best || (year === best && i < prev)) prev = i;
      }
    if (prev >= 0) out.set(p, files[prev].path);
  }
  return out;
}

/**
 * For the editor: last year's report among the open documents, else among the files beside this one
 * whose names carry last year (read from disk: text reports up to 5 MB, Word files, PDFs and web pages).
 */
export function lastYearsReport(
  me: Named,
  open: Named[],
  readDir: (dir: string) => string[],
  readFile: (file: string) => string | undefined,
): Named | undefined {
  const year = officeKeys(me)?.year;
  if (!year) return undefined;
  const candidates = open.filter((o) => o.path !== me.path);
  const dir = path.dirname(me.path);
  for (const name of readDir(dir)) {
    const file = path.join(dir, name);
    if (!isReportFileName(name) || !name.includes(String(year - 1)) || candidates.some((c) => c.path === file)) continue;
    const text = readFile(file);
    if (text !== undefined) candidates.push({ path: file, text });
  }
  return pairWithPrevious([me, ...candidates]).get(me.path);
}
