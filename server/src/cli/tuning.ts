import { setV8Flags } from '../codeCache';

// How the command line asks V8 to compile the checker for a long run: many reports, or a large one.
//
// A run of the command line is mostly the warming up of a fresh process: the first few hundred reports of a
// folder take three times as long as the later ones, while V8 compiles the checker's functions, optimized, in
// the background. Inlining only small functions into them makes that compiling shorter without making the
// checks slower once it is done. Measured on 2 cores, runs taken in turns: 1,012 reports 2.0 s instead of 2.2 s
// (2.8 s of CPU instead of 3.3 s), 3,036 reports 4.9 s instead of 5.1 s (6.0 s of CPU instead of 6.7 s), one
// 10 MB report 1.19 s instead of 1.23 s; checks in a warm process (the synthetic 1 MB report, the corpus) as
// fast as before. A run of one report of usual length is not tuned: loading what sets the flag costs more
// than it saves there.

/** the number of reports from which a run is tuned */
export const LONG_RUN_FILES = 20;
/** the length (UTF-16 code units) from which a report's check tunes the run */
export const LONG_RUN_CHARS = 1_000_000;

let tuned = false;

/**
 * Inline only small functions (up to 100 bytes of bytecode, 460 by default) from now on, in every thread. A worker
 * thread of a tuned run calls it too: the flag is the process's already, but its code caches must know it.
 */
export function tuneForLongRun(): void {
  if (tuned) return;
  tuned = true;
  setV8Flags('--max-inlined-bytecode-size=100');
}

export const isTunedForLongRun = () => tuned;
