import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The texts the benchmark checks: the real corpus, a 20 KB report as a drafter would have it open,
// and large synthetic reports made at run time from the corpus (nothing big is kept in the repository).

export const root = join(__dirname, '..');
const corpusDir = join(root, 'test', 'fixtures', 'corpus');

export interface Sample {
  name: string;
  text: string;
  bytes: number;
}

export const KB = 1024;
export const MB = 1024 * 1024;

export const bytesOf = (text: string) => Buffer.byteLength(text, 'utf8');
const sample = (name: string, text: string): Sample => ({ name, text, bytes: bytesOf(text) });

export function corpus(): Sample[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => sample(f.replace(/\.txt$/, ''), readFileSync(join(corpusDir, f), 'utf8')));
}

const read = (name: string) => readFileSync(join(corpusDir, `${name}.txt`), 'utf8');

/**
 * A 20 KB report in the 2021 format: 宿迁市 2024 (all four tables, PDF text layout) with more of the
 * kind of prose its section 一、总体情况 has (taken from the 2023 report of the same office), so that
 * it is as long as the longer reports drafters write.
 */
export function report20k(target = 20 * KB): Sample {
  const base = read('suqian-city-2024').split('\n');
  const extra = read('suqian-city-2023').split('\n');
  const prose = extra
    .slice(
      1,
      extra.findIndex((l) => l.startsWith('二、')),
    )
    .filter((l) => l.trim() && !/\d\s{2,}\d/.test(l));
  const at = base.findIndex((l) => l.startsWith('二、'));
  const insert: string[] = [];
  let bytes = bytesOf(base.join('\n'));
  for (let i = 0; bytes < target; i++) {
    const line = prose[i % prose.length];
    insert.push(line);
    bytes += bytesOf(line) + 1;
  }
  return sample('report-20k', [...base.slice(0, at), ...insert, ...base.slice(at)].join('\n'));
}

/**
 * A large report of exactly `target` bytes or just under: the corpus reports one after another, as in a
 * compilation of a city's departmental reports (many sections, tables in every layout, prose), opened by a
 * 2021-format report so the document is read as one. Cut at a line end.
 */
export function synthetic(target: number, name: string): Sample {
  const order = corpus().sort((a, b) => Number(b.name.includes('2024')) - Number(a.name.includes('2024')) || a.name.localeCompare(b.name));
  const out: string[] = [];
  let bytes = 0;
  for (let i = 0; ; i++) {
    const lines = order[i % order.length].text.split('\n');
    if (i > 0) lines.unshift('');
    for (const line of lines) {
      const b = bytesOf(line) + (out.length ? 1 : 0);
      if (bytes + b > target) return sample(name, out.join('\n'));
      out.push(line);
      bytes += b;
    }
  }
}

/** Where a digit of a table cell is, for one-character edits: the first digit of the n-th ` | ` or aligned row's last cell. */
export function tableDigit(text: string): { line: number; character: number; digit: string } {
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const m = /^(二、上年结转政府信息公开申请数量.*?)(\d+)\s*$/.exec(lines[line]);
    if (m) return { line, character: m[1].length, digit: m[2][0] };
  }
  throw new Error('no table row to edit');
}
