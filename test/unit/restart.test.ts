import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { restartPolicy } from '../../client/src/restartPolicy';

// What the client does when the language server crashes (client/src/restart.ts wires this policy into
// vscode-languageclient's error handler; server-stress.test.ts shows that a killed server closes its connection).

describe('restart after a crash', () => {
  test('restarts, says so at the first restart only, gives up after 5 crashes within 3 minutes', () => {
    let now = 0;
    const closed = restartPolicy(4, 180_000, () => now);
    const decisions = [0, 1000, 2000, 3000, 4000].map((t) => ((now = t), closed()));
    assert.deepEqual(decisions, [
      { restart: true, tell: true },
      { restart: true, tell: false },
      { restart: true, tell: false },
      { restart: true, tell: false },
      { restart: false },
    ]);
  });

  test('crashes spread over time keep being restarted, silently after the first', () => {
    let now = 0;
    const closed = restartPolicy(4, 180_000, () => now);
    for (let i = 0; i < 50; i++) {
      now = i * 60_000; // one crash a minute: never 5 within 3 minutes
      assert.deepEqual(closed(), { restart: true, tell: i === 0 });
    }
  });

  test('a burst after a quiet spell is judged on its own window', () => {
    let now = 0;
    const closed = restartPolicy(4, 180_000, () => now);
    for (const t of [0, 1000, 2000, 3000]) ((now = t), closed());
    now = 10 * 60_000;
    assert.deepEqual(closed(), { restart: true, tell: false });
  });
});
