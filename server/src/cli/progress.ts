import type { Lang } from '../config';

// A progress bar on the terminal for long runs: files done of total, rate, time left. Only on a
// terminal (never in a pipe or a file, where it would be noise) and not with --quiet.

export interface Progress {
  tick(): void;
  done(): void;
}

const none: Progress = { tick() {}, done() {} };

export function progressBar(
  total: number,
  stream: { isTTY?: boolean; columns?: number; write(s: string): unknown },
  lang: Lang,
  quiet: boolean,
): Progress {
  if (quiet || !stream.isTTY || total < 2) return none;
  const started = Date.now();
  let doneCount = 0;
  let drawn = 0;
  const draw = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? doneCount / seconds : 0;
    const left = rate > 0 ? Math.ceil((total - doneCount) / rate) : undefined;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 50));
    const filled = Math.round((doneCount / total) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const tail =
      lang === 'zh'
        ? `${doneCount}/${total} 个文件  ${rate.toFixed(0)} 个/秒${left !== undefined ? `  剩余 ${left} 秒` : ''}`
        : `${doneCount}/${total} files  ${rate.toFixed(0)}/s${left !== undefined ? `  ${left} s left` : ''}`;
    stream.write(`\r${bar} ${tail}\x1b[K`);
  };
  return {
    tick() {
      doneCount++;
      // at most ten redraws a second: a terminal is slower than the checker
      const now = Date.now();
      if (now - drawn >= 100 || doneCount === total) {
        drawn = now;
        draw();
      }
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
