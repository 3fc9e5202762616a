import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

// What a check works out for a report is kept on the report's model (engine/memo.ts) and dies with it. Kept in
// module-level WeakMaps, it outlived the check in V8's scavenger, and every model with its analyses was promoted to
// the old generation: 440 checks of the corpus reports promoted ~18 MB that way, next to nothing without them.
// Measured in bytes by V8's own trace, in a process of its own; no time is measured.

const root = join(__dirname, '..', '..');

test('checking report after report promotes next to nothing to the old generation', () => {
  const script = `
    const { checkReport } = require('./server/src/engine');
    const fs = require('fs');
    const dir = 'test/fixtures/corpus';
    const texts = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(dir + '/' + f, 'utf8'));
    for (let r = 0; r < 5; r++) for (const t of texts) checkReport(t);
    console.log('WARM');
    for (let r = 0; r < 20; r++) for (const t of texts) checkReport(t);`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--trace-gc-nvp', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(child.status, 0, child.stderr);
  const afterWarm = child.stdout.slice(child.stdout.indexOf('WARM'));
  const promoted = [...afterWarm.matchAll(/promoted=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  const scavenges = [...afterWarm.matchAll(/gc=s\b/g)].length;
  assert.ok(scavenges >= 5, `${scavenges} scavenges: too few for the figure to mean anything`);
  assert.ok(promoted < 4 * 1024 * 1024, `${(promoted / 1024 / 1024).toFixed(1)} MB promoted in 440 checks`);
});
