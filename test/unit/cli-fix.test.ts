import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './cliRun';
import { checkReport, lineStarts, positionAt } from '../../server/src/engine';
import { pairWithPrevious } from '../../server/src/previous';
import { scratchDir } from './scratch';

// --fix and --fix-dry-run on a copy of the corpus: the fixes go in, nothing else changes, and a run
// killed while it writes leaves every file either as it was or fixed.

const root = join(__dirname, '..', '..');
const corpus = join(root, 'test', 'fixtures', 'corpus');
const names = readdirSync(corpus).filter((f) => f.endsWith('.txt'));
const original = new Map(names.map((n) => [n, readFileSync(join(corpus, n), 'utf8')]));

const run = runCli;

/** The lines each fix of a check of the original corpus touches, per file; and the findings that offered one. */
const offered = new Set<string>();
function fixedLines(): Map<string, Set<number>> {
  const files = names.map((n) => ({ path: n, text: original.get(n)! }));
  const previous = pairWithPrevious(files);
  const out = new Map<string, Set<number>>();
  for (const f of files) {
    const starts = lineStarts(f.text);
    const lines = new Set<number>();
    for (const x of checkReport(f.text, { previous: previous.get(f.path)?.text }).findings)
      if (x.fix) offered.add(`${f.path}|${x.rule}|${positionAt(starts, x.start).line}|${x.message.zh}`);
    for (const x of checkReport(f.text, { previous: previous.get(f.path)?.text }).findings)
      for (const e of x.fix?.edits ?? [])
        for (let l = positionAt(starts, e.start).line; l <= positionAt(starts, e.end).line; l++) lines.add(l);
    out.set(f.path, lines);
  }
  return out;
}

function copyCorpus(): string {
  const dir = scratchDir('fix');
  cpSync(corpus, dir, { recursive: true });
  return dir;
}

describe('--fix', () => {
  test('every fixable finding of the first check is gone on the second; only the lines of the fixes changed', async () => {
    const dir = copyCorpus();
    const r = await run('check', '--fix', '--format', 'json', '--no-config', dir);
    assert.match(r.err, /已修复 \d+ 个文件中的 \d+ 处问题/);
    const second = JSON.parse(r.out);
    const allowed = fixedLines();
    let changedFiles = 0;
    for (const n of names) {
      const before = original.get(n)!.split('\n');
      const after = readFileSync(join(dir, n), 'utf8').split('\n');
      assert.equal(after.length, before.length, `${n}: no line added or removed`);
      const changed = before.map((l, i) => (l === after[i] ? -1 : i)).filter((i) => i >= 0);
      for (const i of changed) assert.ok(allowed.get(n)!.has(i), `${n}:${i + 1} changed without a fix there`);
      if (changed.length) changedFiles++;
    }
    assert.ok(changedFiles >= 5, `${changedFiles} files fixed`);
    // a finding that offered a fix is not found again at the same place with the same words
    const key = (f: { path: string }, d: { rule: string; message: string; range: { start: { line: number } } }) =>
      `${f.path.split('/').pop()}|${d.rule}|${d.range.start.line}|${d.message}`;
    const again = new Set(second.files.flatMap((f: { path: string; diagnostics: never[] }) => f.diagnostics.map((d) => key(f, d))));
    assert.ok(offered.size > 30, `${offered.size} fixes offered`);
    assert.deepEqual(
      [...offered].filter((k) => again.has(k)),
      [],
    );
  });

  test('--fix-dry-run prints a unified diff and changes nothing', async () => {
    const dir = copyCorpus();
    const r = await run('check', '--fix-dry-run', '--no-config', join(dir, 'pingtan-zhqsyq-2020.txt'));
    assert.match(r.out, /^-（七）总计.*\| 20 \|/m);
    assert.match(r.out, /^\+（七）总计.*\| 26 \|/m);
    assert.match(r.err, /可以修复 1 个文件中的 \d+ 处问题（未修改文件）/);
    assert.equal(readFileSync(join(dir, 'pingtan-zhqsyq-2020.txt'), 'utf8'), original.get('pingtan-zhqsyq-2020.txt'));
  });

  test('a GBK file is not rewritten: told, and left as it was', async () => {
    const dir = scratchDir('fix-gbk');
    const file = join(dir, '年度报告.txt');
    const gbk = readFileSync(
      join(
        root,
        'test',
        'fixtures',
        'encoding',
        readdirSync(join(root, 'test', 'fixtures', 'encoding')).find((f) => /gb/i.test(f))!,
      ),
    );
    writeFileSync(file, gbk);
    const r = await run('check', '--fix', '--lang', 'en', file);
    const fixedAny = /Fixed [1-9]/.test(r.err);
    if (fixedAny) assert.fail('a GBK file was counted as fixed');
    assert.deepEqual(readFileSync(file), gbk);
  });

  test('killed while writing: every file is either as it was or fixed, never half-written', async () => {
    const cli = join(root, 'bin', 'nianbao.js');
    assert.ok(spawnSync(process.execPath, [cli, '--version']).status === 0, 'the bundled CLI runs (npm run build)');
    // what a whole run writes
    const whole = copyCorpus();
    spawnSync(process.execPath, [cli, 'check', '--fix', '-q', '--no-config', whole]);
    const fixed = new Map(names.map((n) => [n, readFileSync(join(whole, n), 'utf8')]));
    for (const delay of [60, 120, 200, 300, 450]) {
      const dir = scratchDir('fix-kill');
      for (let copy = 0; copy < 8; copy++) cpSync(corpus, join(dir, `c${copy}`), { recursive: true });
      const child = spawn(process.execPath, [cli, 'check', '--fix', '-q', '--no-config', dir], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      for (let copy = 0; copy < 8; copy++)
        for (const n of names) {
          const text = readFileSync(join(dir, `c${copy}`, n), 'utf8');
          assert.ok(text === original.get(n) || text === fixed.get(n), `c${copy}/${n} after a kill at ${delay} ms`);
        }
    }
  });
});
