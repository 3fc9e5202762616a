import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultThreads, runOf, WorkerPool } from '../../server/src/cli/pool';
import type { CheckJob, JobOutcome } from '../../server/src/cli/checkFile';
import { scratchDir } from './scratch';

// Worker threads: the same output, in the same order, as one thread; started only where they pay.

const root = join(__dirname, '..', '..');

test('threads by default: none for a few files, nor on two cores unless many are documents; up to one per core for many', () => {
  const text = (files: number) => ({ files, documents: 0 });
  assert.equal(defaultThreads(text(5), 8), 1);
  assert.equal(defaultThreads(text(1000), 2), 1);
  assert.equal(defaultThreads(text(1000), 8), 8);
  assert.equal(defaultThreads(text(12), 8), 3);
  assert.equal(defaultThreads({ files: 1000, documents: 24 }, 2), 1);
  assert.equal(defaultThreads({ files: 100, documents: 100 }, 2), 2);
  assert.equal(defaultThreads({ files: 5, documents: 5 }, 2), 1);
  assert.deepEqual(runOf([{ path: 'a.pdf' }, { path: 'b.DOCX' }, { path: 'c.html' }, { path: 'd.md' }, { path: 'e.txt' }]), {
    files: 5,
    documents: 3,
  });
});

test('the bundled checker in worker threads writes exactly what one thread writes', () => {
  const dir = scratchDir('pool');
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

test('this thread checks beside the worker threads, each job once', async () => {
  const dir = scratchDir('pool');
  // a worker thread that answers each job at once, saying who checked it
  const script = join(dir, 'worker.js');
  writeFileSync(
    script,
    `const { parentPort } = require('worker_threads');
parentPort.on('message', (m) => parentPort.postMessage({ index: m.index, outcome: { skipped: true, by: 'worker ' + m.job.path } }));`,
  );
  const pool = new WorkerPool(script, 1, { lang: 'zh' });
  const jobs: CheckJob[] = Array.from({ length: 40 }, (_, i) => ({ path: `r${i}.md` }) as CheckJob);
  const by: string[] = [];
  const here = async (job: CheckJob): Promise<JobOutcome> => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { skipped: true, by: `here ${job.path}` } as JobOutcome;
  };
  await pool.run(
    jobs,
    (job) => job,
    1,
    (index, outcome) => (assert.equal(by[index], undefined), (by[index] = (outcome as unknown as { by: string }).by)),
    here,
  );
  jobs.forEach((_, i) => assert.match(by[i], new RegExp(` r${i}\\.md$`)));
  // two jobs queued on the worker thread at once, the next one taken here
  assert.deepEqual(
    by.slice(0, 3).map((who) => who.split(' ')[0]),
    ['worker', 'worker', 'here'],
  );
});
