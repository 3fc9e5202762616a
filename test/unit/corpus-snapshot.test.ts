import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine';
import { pairWithPrevious } from '../../server/src/previous';

// Every finding on every corpus report, last year's report given where the corpus has it, against a
// snapshot taken before a change: a refactoring changes none of them. A change meant to change what
// is found writes the snapshot anew (NIANBAO_UPDATE_SNAPSHOT=1) and the diff shows what it changed.

const dir = join(__dirname, '..', 'fixtures', 'corpus');
const snapshotFile = join(__dirname, '..', 'fixtures', 'corpus-findings.json');

function corpusFindings(): Record<string, unknown[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
  const previous = pairWithPrevious(files);
  const out: Record<string, unknown[]> = {};
  for (const f of files)
    out[f.path] = checkReport(f.text, { previous: previous.get(f.path)?.text }).findings.map((x) => ({
      rule: x.rule,
      severity: x.severity,
      at: [x.start, x.end],
      zh: x.message.zh,
      en: x.message.en,
      related: x.related.map((r) => [r.start, r.end, r.message.zh]),
      ...(x.fix ? { fix: x.fix.edits.map((e) => [e.start, e.end, e.newText]) } : {}),
    }));
  return out;
}

test('every corpus report: the same findings as in the snapshot', () => {
  const now = corpusFindings();
  if (process.env.NIANBAO_UPDATE_SNAPSHOT === '1' || !existsSync(snapshotFile))
    writeFileSync(snapshotFile, JSON.stringify(now, null, 1) + '\n');
  const before = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Record<string, unknown[]>;
  assert.equal(Object.keys(now).length, 22);
  for (const file of Object.keys(before)) assert.deepEqual(now[file], before[file], file);
  assert.deepEqual(Object.keys(now), Object.keys(before));
});
