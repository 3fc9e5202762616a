import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../server/src/config';
import { checkReport } from '../../server/src/engine';
import { fileResult, type FileResult } from '../../server/src/cli/results';
import { computeKeys, pairKeyed } from '../../server/src/previous';

// The corpus as the command line would hand it to an output format: each report checked, with last
// year's report of the same office when the corpus has it, paths relative to the repository.

export const corpusDir = join(__dirname, '..', 'fixtures', 'corpus');

export function corpusResults(lang: Lang = 'zh', withTables = false): FileResult[] {
  const files = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ path: `test/fixtures/corpus/${f}`, text: readFileSync(join(corpusDir, f), 'utf8') }));
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const previous = pairKeyed(files.map((f) => ({ path: f.path, keys: computeKeys(f) })));
  return files.map((f) => {
    const last = previous.get(f.path);
    const checked = checkReport(f.text, { previous: last === undefined ? undefined : texts.get(last) });
    return fileResult(f.path, f.text, checked, { lang, previous: last, withTables });
  });
}
