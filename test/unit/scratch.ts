import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// node --test runs each test file in a process of its own: the folders a file made go when its process ends,
// whether its tests passed or failed
const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new folder in the system's temporary folder (nianbao-<name>-XXXXXX), removed when the test process ends. */
export function scratchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nianbao-${name}-`));
  made.push(dir);
  return dir;
}
