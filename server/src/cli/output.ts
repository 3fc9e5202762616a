import { writeSync } from 'fs';

// What the command line prints, written to its file descriptors directly: no stream objects to build at
// start-up, and the output of a long run in pieces of 64 KB rather than a write a line. What has waited
// longer than a moment is written with the next line, so that a terminal shows the first results at once;
// a message on stderr comes after the output before it, as it would unbuffered.

export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** writes what is held */
  flush(): void;
}

const PIECE = 64 * 1024;
const MOMENT_MS = 200;

/** `brokenPipe`: what to do when the reader of stdout has gone away (| head). */
export function fdOutput(brokenPipe: () => never, stdout = 1, stderr = 2): Output {
  let held: string[] = [];
  let size = 0;
  let since = 0;
  const write = (fd: number, text: string) => {
    try {
      writeAll(fd, text);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') brokenPipe();
      throw e;
    }
  };
  const flush = () => {
    if (!held.length) return;
    const text = held.join('');
    held = [];
    size = 0;
    write(stdout, text);
  };
  return {
    out(line) {
      if (!held.length) since = Date.now();
      held.push(line, '\n');
      size += line.length + 1;
      if (size >= PIECE || Date.now() - since >= MOMENT_MS) flush();
    },
    err(line) {
      flush();
      write(stderr, line + '\n');
    },
    flush,
  };
}

/** The whole text, however the descriptor takes it: in parts, or after a wait when it is non-blocking and full. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length;) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}
