import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { progressBar } from '../../server/src/cli/progress';
import { scratchDir } from './scratch';

// The progress bar: on a terminal, files done of total, rate and time left; nothing in a pipe or with --quiet.

const root = join(__dirname, '..', '..');

test('drawn on a terminal, cleared at the end; nothing on a pipe or with --quiet', () => {
  let written = '';
  const tty = { isTTY: true, columns: 100, write: (s: string) => (written += s) };
  const bar = progressBar(3, tty, 'zh', false);
  for (let i = 0; i < 3; i++) bar.tick();
  bar.done();
  assert.match(written, /3\/3 个文件\s+\d+ 个\/秒/);
  assert.ok(written.endsWith('\r\x1b[K'), 'the line is cleared for what follows');
  let piped = '';
  progressBar(3, { isTTY: false, write: (s: string) => (piped += s) }, 'zh', false).tick();
  progressBar(3, { isTTY: true, write: (s: string) => (piped += s) }, 'zh', true).tick();
  assert.equal(piped, '');
});

test('the command line on a pseudo-terminal shows it; piped, it does not', () => {
  const dir = scratchDir('progress');
  for (let i = 0; i < 3; i++) cpSync(join(root, 'test', 'fixtures', 'corpus'), join(dir, `c${i}`), { recursive: true });
  const cli = `${process.execPath} ${join(root, 'bin', 'nianbao.js')} check --lang en --no-config ${dir} > /dev/null`;
  // util-linux's script runs the command on a pseudo-terminal: stderr is a terminal there
  const onTerminal = spawnSync('script', ['-qec', cli, '/dev/null'], { encoding: 'utf8' });
  assert.match(onTerminal.stdout, /66\/66 files\s+\d+\/s/, onTerminal.stdout + onTerminal.stderr);
  const piped = spawnSync('sh', ['-c', cli], { encoding: 'utf8' });
  assert.doesNotMatch(piped.stderr, /files\s+\d+\/s/);
});
