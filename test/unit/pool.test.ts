import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultThreads } from '../../server/src/cli/pool';

// Worker threads: the same output, in the same order, as one thread; started only where they pay.

const root = join(__dirname, '..', '..');

test('threads by default: none for a few files or on two cores; up to one per core for many', () => {
  assert.equal(defaultThreads(5, 8), 1);
  assert.equal(defaultThreads(1000, 2), 1);
  assert.equal(defaultThreads(1000, 8), 8);
  assert.equal(defaultThreads(12, 8), 3);
});

test('the bundled checker in worker threads writes exactly what one thread writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-pool-'));
  for (let i = 0; i < 3; i++) cpSync(join(root, 'test', 'fixtures', 'corpus'), join(dir, `office-${i}`), { recursive: true });
  const run = (jobs: string) =>
    spawnSync(process.execPath, [join(root, 'bin', 'nianbao.js'), 'check', '-q', '--no-config', '--format', 'json', '--jobs', jobs, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
  const one = run('1');
  const three = run('3');
  assert.equal(one.status, 1, one.stderr);
  assert.equal(three.status, 1, three.stderr);
  assert.equal(JSON.parse(one.stdout).files.length, 66);
  assert.equal(three.stdout, one.stdout);
});
