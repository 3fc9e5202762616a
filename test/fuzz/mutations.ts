import fc from 'fast-check';

// Ways drafters, PDF extraction and copy-paste damage a report, as data: a mutation is a plain
// object (so fast-check can shrink it and a failing case can be written down) and `mutate` applies it.

export type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'deleteLines'; line: number; count: number }
  | { kind: 'duplicateLines'; line: number; count: number; times: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'digit'; nth: number; to: string }
  | { kind: 'number'; nth: number; to: string }
  | {
      kind: 'breakTable';
      line: number;
      how: 'dropSeparator' | 'addSeparator' | 'emptyCell' | 'textCell' | 'joinNext' | 'pipesToTabs' | 'tabsToSpaces' | 'splitCell';
      which: number;
    }
  | { kind: 'hugeLine'; line: number; unit: string; length: number; breaks: boolean }
  | { kind: 'deepHeadings'; line: number; depth: number; style: 'markdown' | 'chinese' | 'arabic' | 'mixed' }
  | { kind: 'control'; at: number; chars: string }
  | { kind: 'surrogate'; at: number; unit: number }
  | { kind: 'lineEndings'; style: 'crlf' | 'cr' | 'mixed' | 'lf'; seed: number }
  | { kind: 'bom' }
  | { kind: 'fullWidth'; what: 'all' | 'digits' | 'punctuation' }
  | { kind: 'halfWidth' }
  | { kind: 'frontMatter'; schema: string; closed: boolean }
  | { kind: 'wrap'; line: number; count: number; with: 'fence' | 'openFence' | 'comment' | 'openComment' | 'directive' }
  | { kind: 'spaces'; nth: number; to: string };

// Characters that have broken text tools before: controls, separators JavaScript and LSP disagree
// on, zero-width and non-breaking spaces, a BOM in the middle, an emoji (two UTF-16 units).
const NASTY = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\u000b',
  '\f',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u3000',
  '\ufffd',
  '😀',
  '𠀀',
  'é',
  '\u0301',
];
// Words and marks the rules react to, so that random edits make sentences the engine reads.
const WORDS = [
  '一、',
  '二、',
  '（一）',
  '(二)',
  '1.',
  '（1）',
  '#',
  '## ',
  '|',
  ' | ',
  '\t',
  '件',
  '条',
  '个',
  '%',
  '％',
  '百分之',
  '余',
  '多',
  '约',
  '其中',
  '分别为',
  '占',
  '共',
  '合计',
  '总计',
  '同比增长',
  '下降',
  '较上年',
  '个部分',
  '本报告',
  '年',
  '月',
  '日',
  '2024年',
  '二〇二四年',
  '〔2019〕',
  '统计期限自',
  '至',
  '截至',
  '十三',
  '一百二十',
  '万',
  '亿',
  '。',
  '，',
  '；',
  '：',
  '、',
  '（',
  '）',
  '<!--',
  '-->',
  '---',
  '```',
  '一是',
  '二是',
  '三是',
  '申请',
  '公开',
  '行政复议',
  '行政诉讼',
];
const DIGITS = ['0', '1', '2', '5', '9', '０', '７', '', '00', '99999999999999999999', '-', '.', ','];
const NUMBERS = [
  '0',
  '-1',
  '1.5',
  '1,234',
  '1，234',
  '１２',
  '99999999999999999999999',
  '1e308',
  '0.0000001',
  'NaN',
  '',
  '十',
  '—',
  '/',
  '无',
  'x',
  '12 345',
  '3 0',
];

const pos = fc.nat({ max: 1_000_000 });
const line = fc.nat({ max: 2_000 });

const wordy = fc
  .array(fc.constantFrom(...WORDS, ...NASTY, '0', '12', '345', ' ', '\n'), { minLength: 1, maxLength: 12 })
  .map((a) => a.join(''));
const junk = fc.string({ unit: 'binary', maxLength: 40 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: pos, text: fc.oneof(wordy, junk) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: pos, length: fc.integer({ min: 1, max: 400 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: pos }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deleteLines' as const), line, count: fc.integer({ min: 1, max: 20 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('duplicateLines' as const),
      line,
      count: fc.integer({ min: 1, max: 30 }),
      times: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('swapLines' as const), a: line, b: line }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('digit' as const), nth: pos, to: fc.constantFrom(...DIGITS) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('number' as const), nth: pos, to: fc.constantFrom(...NUMBERS) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('breakTable' as const),
      line,
      how: fc.constantFrom(
        'dropSeparator' as const,
        'addSeparator' as const,
        'emptyCell' as const,
        'textCell' as const,
        'joinNext' as const,
        'pipesToTabs' as const,
        'tabsToSpaces' as const,
        'splitCell' as const,
      ),
      which: fc.nat({ max: 30 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('hugeLine' as const),
      line,
      unit: fc.constantFrom('1 ', '12件', '一、', '|', '\t', '（一）', '其中', '1,', '占5%，', '2024年', '<!--', '文字', ' ', 'a'),
      length: fc.integer({ min: 1_000, max: 120_000 }),
      breaks: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deepHeadings' as const),
      line,
      depth: fc.integer({ min: 1, max: 300 }),
      style: fc.constantFrom('markdown' as const, 'chinese' as const, 'arabic' as const, 'mixed' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('control' as const),
      at: pos,
      chars: fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 5 }).map((a) => a.join('')),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('surrogate' as const),
      at: pos,
      unit: fc.oneof(fc.integer({ min: 0xd800, max: 0xdbff }), fc.integer({ min: 0xdc00, max: 0xdfff })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('lineEndings' as const),
      style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const, 'lf' as const),
      seed: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fullWidth' as const),
      what: fc.constantFrom('all' as const, 'digits' as const, 'punctuation' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'halfWidth' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('frontMatter' as const),
      schema: fc.constantFrom('gov-2021', 'gov-2019', 'gov-2007', 'nonsense', '', '"gov-2021"', '\u0000'),
      closed: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('wrap' as const),
      line,
      count: fc.integer({ min: 0, max: 40 }),
      with: fc.constantFrom('fence' as const, 'openFence' as const, 'comment' as const, 'openComment' as const, 'directive' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('spaces' as const),
      nth: pos,
      to: fc.constantFrom('', '  ', '\t', '\u3000', '\u00a0', '\n', '\r\n', '\u200b'),
    }),
  },
);

export const mutations = (max: number) => fc.array(mutation, { maxLength: max });

// ---------- applying ----------

const clamp = (n: number, len: number) => (len === 0 ? 0 : n % (len + 1));

function splitKeepingEnds(text: string): string[] {
  // lines with their own line break, so that CR, LF and CRLF survive line surgery
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function nthMatch(text: string, re: RegExp, nth: number): RegExpExecArray | undefined {
  const all = [...text.matchAll(re)];
  return all.length ? all[nth % all.length] : undefined;
}

function lineAt(lines: string[], n: number, want?: (l: string) => boolean): number {
  if (!lines.length) return -1;
  const candidates = want ? lines.map((l, i) => (want(l) ? i : -1)).filter((i) => i >= 0) : lines.map((_, i) => i);
  return candidates.length ? candidates[n % candidates.length] : -1;
}

const eolOf = (l: string) => /\r\n$|\r$|\n$/.exec(l)?.[0] ?? '';
const bodyOf = (l: string) => l.slice(0, l.length - eolOf(l).length);

function breakTable(text: string, m: Extract<Mutation, { kind: 'breakTable' }>): string {
  const lines = splitKeepingEnds(text);
  const k = lineAt(lines, m.line, (l) => /[|\t]|\d\s{2,}\d/.test(l));
  if (k < 0) return text;
  const eol = eolOf(lines[k]);
  let body = bodyOf(lines[k]);
  const sep = body.includes('|') ? '|' : body.includes('\t') ? '\t' : '  ';
  const parts = body.split(sep);
  const i = m.which % Math.max(1, parts.length);
  switch (m.how) {
    case 'dropSeparator':
      if (parts.length > 1) parts.splice(i, 2, parts[i] + (parts[i + 1] ?? ''));
      body = parts.join(sep);
      break;
    case 'addSeparator':
      parts.splice(i, 0, ' 7 ');
      body = parts.join(sep);
      break;
    case 'emptyCell':
      parts[i] = sep === '|' ? ' ' : '';
      body = parts.join(sep);
      break;
    case 'textCell':
      parts[i] = [' 无 ', '—', 'abc', '-3', '1.5', '合计', '1 2', '１０'][m.which % 8];
      body = parts.join(sep);
      break;
    case 'joinNext':
      return lines.map((l, j) => (j === k ? body : l)).join('');
    case 'pipesToTabs':
      body = body.replace(/\s*\|\s*/g, '\t');
      break;
    case 'tabsToSpaces':
      body = body.replace(/\t|\s*\|\s*/g, '   ');
      break;
    case 'splitCell':
      parts[i] = parts[i].replace(/(\d)(\d)/, '$1\n$2');
      body = parts.join(sep);
      break;
  }
  lines[k] = body + eol;
  return lines.join('');
}

function hugeLine(text: string, m: Extract<Mutation, { kind: 'hugeLine' }>): string {
  const lines = splitKeepingEnds(text);
  const k = Math.max(0, lineAt(lines, m.line));
  let big = m.unit.repeat(Math.ceil(m.length / m.unit.length)).slice(0, m.length);
  // a pasted paragraph with hard breaks every few thousand characters, or one line
  if (m.breaks) big = big.replace(/(.{3000})/g, '$1\n');
  lines.splice(k, 0, big + '\n');
  return lines.join('');
}

function deepHeadings(text: string, m: Extract<Mutation, { kind: 'deepHeadings' }>): string {
  const out: string[] = [];
  const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  for (let d = 0; d < m.depth; d++) {
    const style = m.style === 'mixed' ? (['markdown', 'chinese', 'arabic'] as const)[d % 3] : m.style;
    if (style === 'markdown') out.push(`${'#'.repeat(1 + (d % 6))} ${'　'.repeat(d % 4)}标题${d}`);
    else if (style === 'chinese') out.push(`${'　'.repeat(d % 8)}${d % 2 ? `（${cn[d % 10]}）` : `${cn[d % 10]}、`}标题${d}`);
    else out.push(`${Array.from({ length: 1 + (d % 12) }, (_, i) => i + 1).join('.')} 标题 ${d}`);
  }
  const lines = splitKeepingEnds(text);
  lines.splice(Math.max(0, lineAt(lines, m.line)), 0, out.join('\n') + '\n');
  return lines.join('');
}

function lineEndings(text: string, style: 'crlf' | 'cr' | 'mixed' | 'lf', seed: number): string {
  let n = seed;
  return text.replace(/\r\n|\r|\n/g, () => {
    if (style !== 'mixed') return style === 'crlf' ? '\r\n' : style === 'cr' ? '\r' : '\n';
    n = (n * 1103515245 + 12345) >>> 0;
    return ['\n', '\r\n', '\r'][n % 3];
  });
}

function fullWidth(text: string, what: 'all' | 'digits' | 'punctuation'): string {
  const re = what === 'all' ? /[!-~ ]/g : what === 'digits' ? /[0-9]/g : /[!-/:-@[-`{-~]/g;
  return text.replace(re, (c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
}

function wrap(text: string, m: Extract<Mutation, { kind: 'wrap' }>): string {
  const lines = splitKeepingEnds(text);
  const k = Math.max(0, lineAt(lines, m.line));
  const end = Math.min(lines.length, k + m.count);
  const [open, close] = {
    fence: ['```\n', '```\n'],
    openFence: ['~~~\n', ''],
    comment: ['<!--\n', '-->\n'],
    openComment: ['<!-- ', ''],
    directive: ['<!-- nianbao-disable table-sum, prose-sum -- 理由 -->\n', '<!-- nianbao-enable -->\n'],
  }[m.with];
  lines.splice(end, 0, close);
  lines.splice(k, 0, open);
  return lines.join('');
}

export function mutate(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'insert': {
      const at = clamp(m.at, text.length);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete': {
      const at = clamp(m.at, text.length);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'truncate':
      return text.slice(0, clamp(m.at, text.length));
    case 'deleteLines': {
      const lines = splitKeepingEnds(text);
      const k = lineAt(lines, m.line);
      if (k >= 0) lines.splice(k, m.count);
      return lines.join('');
    }
    case 'duplicateLines': {
      const lines = splitKeepingEnds(text);
      const k = lineAt(lines, m.line);
      if (k < 0) return text;
      const block = lines.slice(k, k + m.count);
      if (block.length && !eolOf(block[block.length - 1])) block[block.length - 1] += '\n';
      for (let t = 0; t < m.times; t++) lines.splice(k, 0, ...block);
      return lines.join('');
    }
    case 'swapLines': {
      const lines = splitKeepingEnds(text).map(bodyOf);
      const ends = splitKeepingEnds(text).map(eolOf);
      const a = lineAt(lines, m.a);
      const b = lineAt(lines, m.b);
      if (a < 0) return text;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.map((l, i) => l + ends[i]).join('');
    }
    case 'digit': {
      const d = nthMatch(text, /[0-9０-９]/g, m.nth);
      return d ? text.slice(0, d.index) + m.to + text.slice(d.index + 1) : text;
    }
    case 'number': {
      const d = nthMatch(text, /[0-9０-９][0-9０-９,.]*/g, m.nth);
      return d ? text.slice(0, d.index) + m.to + text.slice(d.index + d[0].length) : text;
    }
    case 'breakTable':
      return breakTable(text, m);
    case 'hugeLine':
      return hugeLine(text, m);
    case 'deepHeadings':
      return deepHeadings(text, m);
    case 'control': {
      const at = clamp(m.at, text.length);
      return text.slice(0, at) + m.chars + text.slice(at);
    }
    case 'surrogate': {
      // may land between the two halves of a pair already there
      const at = clamp(m.at, text.length);
      return text.slice(0, at) + String.fromCharCode(m.unit) + text.slice(at);
    }
    case 'lineEndings':
      return lineEndings(text, m.style, m.seed);
    case 'bom':
      return '\ufeff' + text;
    case 'fullWidth':
      return fullWidth(text, m.what);
    case 'halfWidth':
      return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
    case 'frontMatter':
      return `---\nschema: ${m.schema}\n${m.closed ? '---\n' : ''}${text}`;
    case 'wrap':
      return wrap(text, m);
    case 'spaces': {
      const s = nthMatch(text, /[ \t\u3000]+|(?<=\d)(?=[\u4e00-\u9fff])|(?<=\d)(?=\d)/g, m.nth);
      return s ? text.slice(0, s.index) + m.to + text.slice(s.index + s[0].length) : text;
    }
  }
}

export function mutateAll(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(mutate, text);
}
