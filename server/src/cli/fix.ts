import { promises as fs } from 'fs';
import * as path from 'path';
import { createTwoFilesPatch } from 'diff';
import type { CheckResult, Finding } from '../engine';
import { applyEdits, fixAllEdits } from '../engine/editor';
import type { Problem } from './files';

// --fix: the fix each finding offers, all of them at once (those that clash in later rounds), written
// so that an interrupted run leaves every file either as it was or fixed.

/** Only reports written by hand are fixed: a Word file, a PDF or a web page is the author's to change. */
export const FIXABLE_FILE = /\.(md|markdown|txt)$/i;

export interface FixOutcome {
  /** the text after the fixes */
  text: string;
  fixed: number;
  /** --fix-dry-run: the changes as a unified diff */
  diff?: string;
}

/**
 * The fixes of one check, and then, for fixes left out because they clashed with another, more rounds;
 * but only for findings the first check had, so that a guess (a blank cell is 0) never becomes the
 * ground of a new fix (the total of that row).
 */
export function fixedText(text: string, checked: CheckResult, recheck: (text: string) => CheckResult): { text: string; fixed: number } {
  const key = (f: Finding) => `${f.rule}|${f.message.en}`;
  const original = new Set(checked.findings.filter((f) => f.fix).map(key));
  let fixed = 0;
  let findings = checked.findings;
  for (let round = 0; round < 5; round++) {
    const { edits, fixed: these } = fixAllEdits(round ? findings.filter((f) => original.has(key(f))) : findings);
    if (!edits.length) break;
    text = applyEdits(text, edits);
    fixed += these.length;
    if (these.length === findings.filter((f) => f.fix).length) break;
    findings = recheck(text).findings;
  }
  return { text, fixed };
}

export function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(file, file, before, after, undefined, undefined, { context: 3 });
}

// temporary files being written, removed if the run is stopped (Ctrl+C) before they are renamed
const inFlight = new Set<string>();
let handlersSet = false;

function removeInFlightOnStop(): void {
  if (handlersSet) return;
  handlersSet = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      for (const tmp of inFlight) void fs.rm(tmp, { force: true });
      process.exit(130);
    });
}

/**
 * Writes the new text in the file's own encoding: into a hidden file beside it, flushed to the disk,
 * then renamed over it, which replaces it whole or not at all.
 */
export async function writeAtomically(file: string, text: string): Promise<Problem | undefined> {
  const old = await fs.readFile(file);
  const bytes = encodeLike(old, text);
  if (!bytes)
    return {
      zh: '文件不是 UTF-8 或 UTF-16 编码（可能是 GBK），未写入修复：请另存为 UTF-8 后再用 --fix',
      en: 'the file is neither UTF-8 nor UTF-16 (GBK, perhaps), so the fixes were not written: save it as UTF-8 and run --fix again',
    };
  removeInFlightOnStop();
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.nianbao-fix-${process.pid}.tmp`);
  inFlight.add(tmp);
  try {
    const mode = (await fs.stat(file)).mode;
    const handle = await fs.open(tmp, 'w', mode);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    return { zh: `修复未能写入：${(e as Error).message}`, en: `the fixes could not be written: ${(e as Error).message}` };
  } finally {
    inFlight.delete(tmp);
  }
  return undefined;
}

const startsWith = (buf: Uint8Array, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/** The text in the encoding the old bytes were in, byte-order mark kept; undefined for GB18030 and the like. */
function encodeLike(old: Uint8Array, text: string): Uint8Array | undefined {
  if (startsWith(old, [0xff, 0xfe])) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (startsWith(old, [0xfe, 0xff])) return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(old);
  } catch {
    return undefined;
  }
  const bom = startsWith(old, [0xef, 0xbb, 0xbf]) ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
  return Buffer.concat([bom, Buffer.from(text, 'utf8')]);
}
