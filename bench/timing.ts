import { readFileSync } from 'node:fs';

// Timing and memory helpers. Times are medians of many runs after a warm-up, never single runs.

export interface Timing {
  median: number;
  p95: number;
  min: number;
  n: number;
  /** median CPU time of this process per run (all its threads): hardly changed by other work on the machine */
  cpu: number;
}

export interface TimeOptions {
  /** warm-up runs (at most; warm-up also stops after warmupMs) */
  warmup?: number;
  warmupMs?: number;
  /** measured runs: at least minRuns, then until budgetMs is spent or maxRuns reached */
  minRuns?: number;
  maxRuns?: number;
  budgetMs?: number;
}

const medianOf = (sorted: number[]) =>
  sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;

export function summarize(samples: number[], cpu: number[] = []): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: medianOf(s), p95: at(0.95), min: s[0], n: s.length, cpu: cpu.length ? medianOf([...cpu].sort((a, b) => a - b)) : NaN };
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

export function time(fn: () => unknown, o: TimeOptions = {}): Timing {
  const { warmup = 20, warmupMs = 300, minRuns = 15, maxRuns = 2000, budgetMs = 800 } = o;
  let start = performance.now();
  for (let i = 0; i < warmup && (i === 0 || performance.now() - start < warmupMs); i++) fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  start = performance.now();
  while (samples.length < maxRuns && (samples.length < minRuns || performance.now() - start < budgetMs)) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
    cpu.push(cpuMs(c));
  }
  return summarize(samples, cpu);
}

export async function timeAsync(fn: () => Promise<unknown>, o: TimeOptions = {}): Promise<Timing> {
  const { warmup = 20, warmupMs = 300, minRuns = 15, maxRuns = 2000, budgetMs = 800 } = o;
  let start = performance.now();
  for (let i = 0; i < warmup && (i === 0 || performance.now() - start < warmupMs); i++) await fn();
  const samples: number[] = [];
  start = performance.now();
  while (samples.length < maxRuns && (samples.length < minRuns || performance.now() - start < budgetMs)) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

/** Resident memory of a process from /proc: now (VmRSS) and the peak so far (VmHWM), in bytes. */
export function memoryOf(pid: number | 'self' = 'self'): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s*(\\d+)\\s*kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

export const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
export const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
export const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
