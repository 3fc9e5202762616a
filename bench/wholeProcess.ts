import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { root, type Sample } from './reports';

// The whole program, as users wait for it: a fresh process each time, beside markdownlint-cli2 (pinned
// devDependency) on the same files in the same run, the runs of the tools taken in turn so that what
// else the machine does weighs on each alike. CPU time and peak memory from /usr/bin/time where the
// machine has it: on a shared machine the CPU time is the steadier figure.

const MB = 1024 * 1024;
const cli = join(root, 'bin', 'nianbao.js');
const mdlint = join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Run {
  ms: number;
  /** user + system CPU time in ms, when it could be measured */
  cpuMs?: number;
  /** peak resident memory in MB, when it could be measured */
  peakMb?: number;
}

function once(args: string[]): Run {
  const command = gnuTime ? gnuTime : process.execPath;
  const full = gnuTime ? ['-f', '%U %S %M', process.execPath, ...args] : args;
  const t = performance.now();
  const r = spawnSync(command, full, { encoding: 'utf8', maxBuffer: 1 << 30, cwd: root });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [user, system, kb] = gnuTime ? r.stderr.trim().split('\n').pop()!.split(' ').map(Number) : [];
  return {
    ms,
    cpuMs: Number.isFinite(user + system) ? (user + system) * 1000 : undefined,
    peakMb: Number.isFinite(kb) ? kb / 1024 : undefined,
  };
}

const ms = (r: Run) => `${r.ms.toFixed(0)} ms${r.cpuMs !== undefined ? ` (cpu ${r.cpuMs.toFixed(0)} ms)` : ''}`;

/** For each command, the median of n runs (by time) with its CPU time and memory; the commands run in turn. */
function medians(commands: string[][], n: number): Run[] {
  const runs = commands.map(() => [] as Run[]);
  for (let i = 0; i < n; i++) commands.forEach((args, c) => runs[c].push(once(args)));
  return runs.map((r) => r.sort((a, b) => a.ms - b.ms)[Math.floor(r.length / 2)]);
}

/** `nianbao check` as the bench runs it, with `--jobs` when given, else with the threads the command chooses */
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

const fmt = (r: Run) =>
  `${(r.ms / 1000).toFixed(2)} s${r.cpuMs !== undefined ? ` (cpu ${(r.cpuMs / 1000).toFixed(2)})` : ''}${r.peakMb ? ` / ${r.peakMb.toFixed(0)} MB` : ''}`;

export function wholeProcess(
  samples: Sample[],
  big: { r1mb: Sample; r10mb: Sample; r20k: Sample },
  quick: boolean,
  out: (s?: string) => void,
  target: (target: string, measured: string, ok: boolean) => void,
): void {
  const target_ = target; // the rows below name their own target texts `target`
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
    const theirs = (...globs: string[]) => [mdlint, ...globs];
    const cores = availableParallelism();
    out(
      `7. Whole process, beside markdownlint-cli2 on the same files (median of ${n}, the tools in turn; wall time (CPU time) / peak memory); ${cores} cores`,
    );
    const rows: [string, Run, Run | undefined, Run, string, (r: number, one?: number) => boolean][] = [];
    // all cores: a worker thread on each (--jobs <cores>); one core: this thread only
    const [folderAll, folderOne, folderTheirs] = medians([mine(cores, folder), mine(1, folder), theirs(`${folder}/**/*.md`)], n);
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
      const [m, other] = medians([mine(1, file(s)), theirs(file(s))], n);
      rows.push([`one ${(s.bytes / MB).toFixed(0)} MB file`, m, undefined, other, target < 1 ? '≤ 1/5' : '—', (r) => r <= target]);
    }
    out(
      `   ${'work'.padEnd(33)} ${'nianbao (all cores)'.padEnd(33)} ${'nianbao (1 core)'.padEnd(33)} ${'markdownlint-cli2'.padEnd(33)} ratio      target`,
    );
    for (const [label, all, one, other, target, met] of rows) {
      const ratio = all.ms / other.ms;
      const oneRatio = one ? one.ms / other.ms : undefined;
      out(
        `   ${label.padEnd(33)} ${fmt(all).padEnd(33)} ${(one ? fmt(one) : '').padEnd(33)} ${fmt(other).padEnd(33)} ${ratio.toFixed(2)}${oneRatio !== undefined ? ` / ${oneRatio.toFixed(2)}` : ''}`.padEnd(
          148,
        ) + ` ${target} ${target === '—' ? '' : met(ratio, oneRatio) ? 'met' : 'MISSED'}`,
      );
      if (target !== '—')
        target_(
          `Whole process: ${label}, ${target} of markdownlint-cli2`,
          `${ratio.toFixed(2)}${oneRatio !== undefined ? ` all cores / ${oneRatio.toFixed(2)} one core` : ''} (${fmt(all)} vs ${fmt(other)})`,
          met(ratio, oneRatio),
        );
    }
    // start-up: the command as a user types it for one report (text output, configuration files looked for)
    const [bare, small] = medians(
      [
        ['-e', '0'],
        [cli, 'check', file(big.r20k)],
      ],
      quick ? 5 : 11,
    );
    const extra = small.ms - bare.ms;
    out(
      `   start-up: \`nianbao check\` of a 20 KB report ${ms(small)}, \`node -e 0\` ${ms(bare)}: ${extra.toFixed(0)} ms more (target ≤ 40 ms: ${extra <= 40 ? 'met' : 'MISSED'})`,
    );
    target_(
      'Start-up: a 20 KB report checked, over `node -e 0`, ≤ 40 ms',
      `${extra.toFixed(0)} ms more (${ms(small)} vs ${ms(bare)})`,
      extra <= 40,
    );
    documents(dir, quick, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Reports as reviewers get them: the published PDFs and the Word files of the fixtures, copied into folders of one
 * office each, checked with the threads the command chooses and on one thread (no other tool reads them to compare).
 */
function documents(dir: string, quick: boolean, out: (s?: string) => void): void {
  const sources = ['pdf', 'docx'].flatMap((kind) => {
    const from = join(root, 'test', 'fixtures', kind);
    return readdirSync(from)
      .filter((f) => f.endsWith(`.${kind}`))
      .map((f) => join(from, f));
  });
  const folder = join(dir, 'documents');
  const offices = quick ? 8 : 16;
  for (let i = 0; i < offices; i++) {
    const sub = join(folder, `office-${String(i).padStart(2, '0')}`);
    mkdirSync(sub, { recursive: true });
    for (const f of sources) copyFileSync(f, join(sub, basename(f)));
  }
  const count = offices * sources.length;
  const [chosen, one] = medians([mine(undefined, folder), mine(1, folder)], quick ? 1 : 3);
  const each = (r: Run) => `${(r.ms / count).toFixed(0)} ms a document`;
  out(
    `   ${count} published documents (${sources.length} PDFs and Word files ×${offices}): threads as chosen ${fmt(chosen)}, ${each(chosen)}; one thread ${fmt(one)}, ${each(one)}`,
  );
}
