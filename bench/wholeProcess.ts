import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, type Sample } from './reports';

// The whole program, as users wait for it: a fresh process each time, beside markdownlint-cli2 (pinned
// devDependency) on the same files in the same run. Peak memory from /usr/bin/time where the machine has it.

const MB = 1024 * 1024;
const cli = join(root, 'bin', 'nianbao.js');
const mdlint = join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Run {
  ms: number;
  /** peak resident memory in MB, when it could be measured */
  peakMb?: number;
}

function once(args: string[]): Run {
  const command = gnuTime ? gnuTime : process.execPath;
  const full = gnuTime ? ['-f', '%M', process.execPath, ...args] : args;
  const t = performance.now();
  const r = spawnSync(command, full, { encoding: 'utf8', maxBuffer: 1 << 30, cwd: root });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const kb = gnuTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { ms, peakMb: Number.isFinite(kb) ? kb / 1024 : undefined };
}

/** The median of n runs (by time), with its memory. */
function median(args: string[], n: number): Run {
  const runs = Array.from({ length: n }, () => once(args)).sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)];
}

const fmt = (r: Run) => `${(r.ms / 1000).toFixed(2)} s${r.peakMb ? ` / ${r.peakMb.toFixed(0)} MB` : ''}`;

export function wholeProcess(
  samples: Sample[],
  big: { r1mb: Sample; r10mb: Sample; r20k: Sample },
  quick: boolean,
  out: (s?: string) => void,
): void {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-whole-'));
  const n = quick ? 1 : 3;
  try {
    // 1,012 reports: the corpus ×46, named as reports, in folders of one office each
    const folder = join(dir, 'reports');
    for (let i = 0; i < 46; i++) {
      const sub = join(folder, `office-${String(i).padStart(2, '0')}`);
      mkdirSync(sub, { recursive: true });
      for (const s of samples) writeFileSync(join(sub, `${s.name}-年度报告.md`), s.text);
    }
    const files = 46 * samples.length;
    for (const s of [big.r1mb, big.r10mb, big.r20k]) writeFileSync(join(dir, `${s.name}-年度报告.md`), s.text);
    const file = (s: Sample) => join(dir, `${s.name}-年度报告.md`);
    const mine = (jobs: number | undefined, ...paths: string[]) => [
      cli,
      'check',
      '-q',
      '--no-config',
      '--format',
      'json',
      ...(jobs ? ['--jobs', String(jobs)] : []),
      ...paths,
    ];
    const theirs = (...globs: string[]) => [mdlint, ...globs];
    const cores = availableParallelism();
    out(`7. Whole process, beside markdownlint-cli2 on the same files (median of ${n}; time / peak memory); ${cores} cores`);
    const rows: [string, Run, Run | undefined, Run, string, (r: number, one?: number) => boolean][] = [];
    const folderAll = median(mine(undefined, folder), n);
    const folderOne = median(mine(1, folder), n);
    const folderTheirs = median(theirs(`${folder}/**/*.md`), n);
    rows.push([
      `${files} reports (${((samples.reduce((a, s) => a + s.bytes, 0) * 46) / MB).toFixed(1)} MB)`,
      folderAll,
      folderOne,
      folderTheirs,
      '≤ 1/5 all cores, ≤ 1/2 one core',
      (r, one) => r <= 0.2 && (one ?? 1) <= 0.5,
    ]);
    for (const [s, target] of [
      [big.r10mb, 0.2],
      [big.r1mb, 1],
    ] as const) {
      const m = median(mine(1, file(s)), n);
      rows.push([
        `one ${(s.bytes / MB).toFixed(0)} MB file`,
        m,
        undefined,
        median(theirs(file(s)), n),
        target < 1 ? '≤ 1/5' : '—',
        (r) => r <= target,
      ]);
    }
    out('   work                              nianbao (all cores)  nianbao (1 core)   markdownlint-cli2   ratio      target');
    for (const [label, all, one, other, target, met] of rows) {
      const ratio = all.ms / other.ms;
      const oneRatio = one ? one.ms / other.ms : undefined;
      out(
        `   ${label.padEnd(33)} ${fmt(all).padEnd(20)} ${(one ? fmt(one) : '').padEnd(18)} ${fmt(other).padEnd(19)} ${ratio.toFixed(2)}${oneRatio !== undefined ? ` / ${oneRatio.toFixed(2)}` : ''}`.padEnd(
          112,
        ) + ` ${target} ${target === '—' ? '' : met(ratio, oneRatio) ? 'met' : 'MISSED'}`,
      );
    }
    const bare = median(['-e', '0'], quick ? 3 : 7);
    const small = median(mine(1, file(big.r20k)), quick ? 3 : 7);
    const extra = small.ms - bare.ms;
    out(
      `   start-up: a 20 KB report checked in ${small.ms.toFixed(0)} ms, \`node -e 0\` ${bare.ms.toFixed(0)} ms: ${extra.toFixed(0)} ms more (target ≤ 40 ms: ${extra <= 40 ? 'met' : 'MISSED'})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
