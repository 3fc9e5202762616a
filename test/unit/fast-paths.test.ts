import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  FACT,
  halfLineOf,
  lineFacts,
  proseLines,
  CLAUSE_END,
  CLAUSE_END_CODE,
  NUMBER_CHAR_CODE,
  NUMBER_PREFIX_CODE,
  numberEnd,
  SENTENCE_END,
  SENTENCE_END_CODE,
} from '../../server/src/engine/prose';
import { utf8Text } from '../../server/src/cli/files';
import { citedSpans } from '../../server/src/engine/rules/reportText';
import { YEAR_LIKE, yearsLike } from '../../server/src/engine/rules/year-typo';
import { builtinSchemas, checkReport } from '../../server/src/engine';
import { contentLines } from '../../server/src/engine/content';
import { hiddenLines, parseReport, titleAndYear, trailingNumbers } from '../../server/src/engine/model';
import { extractFigures, FIGURE, parseCell, parseChineseNumeral } from '../../server/src/engine/numbers';
import { countedChars, repeatedText } from '../../server/src/engine/repeated';
import { pairWithPrevious } from '../../server/src/previous';
import { bigrams, codeAt, halfWidthText, labelScore, normalizeLabel, toHalfWidth, WHITE_SPACE_CODE } from '../../server/src/engine/text';

// Where the engine reads text faster than by its patterns (tables of code units, patterns tried only where a
// match can stand, loops instead of match objects), the result must be exactly the pattern's.

const tables: [string, Uint8Array, RegExp][] = [
  ['clause ends', CLAUSE_END_CODE, CLAUSE_END],
  ['sentence ends', SENTENCE_END_CODE, SENTENCE_END],
  ['white space', WHITE_SPACE_CODE, /\s/],
  ['before a number (百分之, white space)', NUMBER_PREFIX_CODE, /[百分之\s]/],
  ['characters of a number', NUMBER_CHAR_CODE, /[\d０-９,，.．零〇一二两三四五六七八九十百千万亿]/],
];

for (const [name, table, pattern] of tables)
  test(`the table of ${name} holds exactly what ${pattern} matches`, () => {
    const wrong: string[] = [];
    for (let c = 0; c < 65536; c++) if ((table[c] === 1) !== pattern.test(String.fromCharCode(c))) wrong.push(c.toString(16));
    assert.deepEqual(wrong, []);
  });

/** strings of `length` characters drawn from `alphabet`, the same ones at every run */
function* randomStrings(alphabet: string[], count: number, length: number): Generator<string> {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < count; i++)
    yield Array.from({ length: 1 + Math.floor(next() * length) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

test('yearsLike finds what a global search with YEAR_LIKE finds', () => {
  // characters, and pieces of the years the rule looks for (20233年12月, 2O23年), to meet them often
  const alphabet = [...'2019 0O3lI年月度龄x5', '  ', '\u3000', '12', '2023', '20233', '2O23', '年1', '年度'];
  for (const line of randomStrings(alphabet, 20000, 16)) {
    const expected = [...line.matchAll(YEAR_LIKE)].map((m) => [m.index, m[0]]);
    assert.deepEqual(
      yearsLike(line).map((m) => [m.index, m[0]]),
      expected,
      line,
    );
  }
});

test('numberEnd ends the number where /^[百分之\\s]*[\\d…亿]+/ ends it', () => {
  const alphabet = [...'百分之 1,.３万亿十一件条\u3000'];
  const number = /^[百分之\s]*[\d０-９,，.．零〇一二两三四五六七八九十百千万亿]+/;
  for (const text of randomStrings(alphabet, 20000, 10)) {
    const m = number.exec(text);
    const expected = m ? m[0].replace(/\s+$/, '').length : text.length;
    assert.equal(numberEnd('前' + text + '后', 1, 1 + text.length) - 1, expected, text);
  }
});

test('trailingNumbers finds the run of number tokens the token pattern finds at the end of a line', () => {
  // the pattern the rows of PDF text were read with: a number standing alone between spaces
  const token = /(?<=^|[\s\u3000])[+-]?(?:\d|[\uFF10-\uFF19])[\d\uFF10-\uFF19,.．]*(?:万元|元)?(?=[\s\u3000]*$|[\s\u3000]+)/g;
  const byPattern = (t: string) => {
    const tokens = [...t.matchAll(token)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const run: { start: number; end: number }[] = [];
    let tail = t.trimEnd().length;
    for (let i = tokens.length - 1; i >= 0; i--) {
      if (tokens[i].end !== tail) break;
      run.unshift(tokens[i]);
      tail = t.slice(0, tokens[i].start).trimEnd().length;
      if (tail === 0 || tokens[i - 1]?.end !== tail) break;
    }
    return run;
  };
  const alphabet = [...'12０,.．+-元万a件 ', '  ', '\u3000', '\t', '万元', '总计'];
  for (const line of randomStrings(alphabet, 30000, 14)) assert.deepEqual(trailingNumbers(line), byPattern(line), JSON.stringify(line));
});

test('titleAndYear reads the title and year parseReport reads, from the first lines only', () => {
  const corpus = join(__dirname, '..', 'fixtures', 'corpus');
  for (const file of readdirSync(corpus).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(join(corpus, file), 'utf8');
    const padded = '\n'.repeat(230) + text; // the title too far down to be one: none in either
    // the title on the last lines it may stand on, or just below them
    const lower = [9, 10, 11, 12].map((n) => '\n'.repeat(n) + text);
    for (const variant of [
      text,
      `---\nschema: gov-2021\n---\n${text}`,
      text.replace(/\n/g, '\r\n'),
      text.slice(0, 400),
      padded,
      ...lower,
    ]) {
      const model = parseReport(variant);
      assert.deepEqual(titleAndYear(variant), { title: model.title, year: model.year }, file);
    }
  }
});

test('a report kept as last year’s gives the later report the findings a fresh parse of it gives', () => {
  const corpus = join(__dirname, '..', 'fixtures', 'corpus');
  const files = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ path: f, text: readFileSync(join(corpus, f), 'utf8') }));
  const previous = pairWithPrevious(files);
  const lastYears = new Set([...previous.values()].map((f) => f.path));
  assert.ok(lastYears.size >= 8, 'the corpus has series of reports');
  // in name order, as a folder is checked: each last year's report is checked, and kept, before the next year's
  const kept = files.map((f) => checkReport(f.text, { previous: previous.get(f.path)?.text, keepAsPrevious: lastYears.has(f.path) }));
  // a schema list of its own for each check: nothing kept or cached is found for it, last year's report is parsed afresh
  const fresh = files.map((f) => checkReport(f.text, { previous: previous.get(f.path)?.text, schemas: [...builtinSchemas()] }));
  let reused = 0;
  files.forEach((f, i) => {
    assert.deepEqual(kept[i].findings, fresh[i].findings, f.path);
    const last = previous.get(f.path);
    if (last && kept[i].bound?.previous?.model === kept[files.indexOf(last)].model) reused++;
  });
  assert.equal(reused, lastYears.size, 'every last year’s report was taken from its own check');
});

test('toHalfWidth of a long text is its code units made half-width one by one (lone surrogates kept)', () => {
  const half = (c: number) => (c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c === 0x3000 ? 32 : c);
  const alphabet = [...'年报，。１２ＡＺａｚ！～\u3000 a1', '\ud800', '\udc00', '\uff5f', '\uff00'];
  for (const text of randomStrings(alphabet, 3000, 600)) {
    const expected = String.fromCharCode(...Array.from({ length: text.length }, (_, i) => half(text.charCodeAt(i))));
    assert.equal(toHalfWidth(text), expected);
  }
});

test('citedSpans finds what the pattern with its look-behind first found', () => {
  const before =
    /《[^《》\n]{0,200}》|〈[^〈〉\n]{0,200}〉|(?<=[\u4e00-\u9fa5])[〔\[［(（【〖{｛]\s*(?:19|20)\d{2}\s*[〕\]］)）】〗}｝]\s*第?\s*\d{1,5}\s*号/g;
  const alphabet = [...'府办〔2016〕72号第 《》〈〉（(a', '2019', '〔', '〕', '号', '[2020]', '\n'];
  for (const text of randomStrings(alphabet, 5000, 30))
    assert.deepEqual(
      citedSpans(text),
      [...text.matchAll(before)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
      text,
    );
});

test('countedChars counts the characters /[^\\s\\d０-９　.,．，%％]/ matches, one code unit at a time', () => {
  const counted = /[^\s\d０-９　.,．，%％]/;
  const wrong: string[] = [];
  for (let c = 0; c < 65536; c++) {
    const s = `a${String.fromCharCode(c)}b`;
    if (countedChars(s, 1, 2) !== (counted.test(s[1]) ? 1 : 0)) wrong.push(c.toString(16));
  }
  assert.deepEqual(wrong, []);
  assert.equal(countedChars('本年度 12 件，共计', 0, 11), 6);
});

test('repeatedText finds, window by window, the first place of last year’s prose each repeated run stands', () => {
  // one line of prose each (a comma makes it prose), from few characters: windows repeat often in both texts
  const alphabet = [...'公开申', '，'];
  const texts = [...randomStrings(alphabet, 400, 400)];
  const min = 6;
  for (let k = 0; k + 1 < texts.length; k += 2) {
    const [now, before] = [texts[k] + '，', texts[k + 1] + '，'];
    // the comparison leaves out the commas (SKIP): the kept characters, and where each stands in its text
    const squeeze = (t: string) => [...t].map((c, i) => [c, i] as const).filter(([c]) => c !== '，');
    const a = squeeze(now);
    const b = squeeze(before);
    const aText = a.map(([c]) => c).join('');
    const bText = b.map(([c]) => c).join('');
    const expected = [];
    for (let i = 0; i + min <= aText.length;) {
      const p = bText.indexOf(aText.slice(i, i + min));
      if (p < 0) {
        i++;
        continue;
      }
      let length = min;
      while (i + length < aText.length && p + length < bText.length && aText[i + length] === bText[p + length]) length++;
      expected.push({
        start: a[i][1],
        end: a[i + length - 1][1] + 1,
        previousStart: b[p][1],
        previousEnd: b[p + length - 1][1] + 1,
        length,
      });
      i += length;
    }
    assert.deepEqual(repeatedText(now, before, { minLength: min }).passages, expected, `${now}\n${before}`);
  }
});

test('hiddenLines hides the fences, code and comments that the pattern-by-pattern reading hid', () => {
  const FENCE = /^ {0,3}(`{3,}|~{3,})/;
  const reference = () => {
    let fence: string | undefined;
    let comment = false;
    return (t: string) => {
      if (fence) {
        if (t.trim().startsWith(fence)) fence = undefined;
        return true;
      }
      const f = FENCE.exec(t);
      if (f) {
        fence = f[1];
        return true;
      }
      if (comment || /^\s*<!--/.test(t)) {
        comment = !t.includes('-->');
        return true;
      }
      return false;
    };
  };
  const alphabet = [...' `~<-a\t\u3000', '  ', '   ', '    ', '```', '~~~', '<!--', '-->'];
  const lines = [...randomStrings(alphabet, 20000, 8)];
  const mine = hiddenLines({ comments: true });
  const theirs = reference();
  assert.deepEqual(
    lines.map((l) => mine(l)),
    lines.map((l) => theirs(l)),
  );
});

test('a plain count in a cell reads as the cell pattern reads it, shared between cells', () => {
  for (let n = 0; n < 1500; n++) assert.deepEqual(parseCell(String(n)), parseCell(` ${n}`), String(n));
  assert.equal(parseCell('12'), parseCell('12'));
  assert.ok(Object.isFrozen(parseCell('0')));
  assert.deepEqual(parseCell('007'), { kind: 'number', value: 7, unit: '' });
});

test('halfWidthText keeps the half-width texts of the last two reports asked for', () => {
  const [a, b, c] = ['２０２４年，本机关', '收到申请１２件。', '（一）主动公开'];
  for (const order of [
    [a, b, a, b, c, a],
    [c, c, b, a, c, b],
  ])
    for (const t of order) assert.equal(halfWidthText(t), toHalfWidth(t));
});

test('extractFigures finds the figures a global search with FIGURE and the pattern-by-pattern reading found', () => {
  // the reading before the code tables: the six characters before each match tested with patterns
  const APPROX_BEFORE = /(?:约|近|逾|超过|将近|大约|接近|累计超)\s*$/;
  const RANGE_BEFORE = /(?:[-~～]|[\d零〇一二两三四五六七八九十百千万亿][^\s\d]?\s*[至到])$/;
  const reference = (src: string) => {
    const out = [];
    for (const m of src.matchAll(new RegExp(FIGURE.source, 'g'))) {
      const [whole, pctWord, arabic, , mult, , unitOrPct] = m;
      if (!arabic && !unitOrPct && !pctWord && !mult) continue;
      const before = src.slice(Math.max(0, m.index - 6), m.index);
      if (arabic && /[A-Za-z0-9_@.\-\/:]$/.test(before)) continue;
      const next = src.charCodeAt(m.index + whole.length);
      if (!unitOrPct && (next === 0x5d || next === 0x3015 || next === 0x3011)) continue;
      let value = arabic ? Number(arabic.replace(/[,，]/g, '')) : parseChineseNumeral(m[3] + (mult ?? ''));
      if (value === undefined) continue;
      if (arabic && mult) value *= mult === '万' ? 1e4 : 1e8;
      if (value > Number.MAX_SAFE_INTEGER) continue;
      const percent = !!pctWord || unitOrPct === '%';
      out.push({
        start: m.index,
        end: m.index + whole.trimEnd().length,
        value,
        unit: percent ? '%' : (unitOrPct ?? ''),
        percent,
        approximate: !!m[5] || !!m[7] || APPROX_BEFORE.test(before) || RANGE_BEFORE.test(before.trim()),
        ordinal: /第\s*$/.test(before),
        chinese: !arabic,
      });
    }
    return out;
  };
  const alphabet = [
    ...'0123456789 ,，.约近逾至到第-~～一二十百万亿元余多件条%年号a/:〔〕]】',
    ...['超过', '将近', '大约', '累计超', '百分之', '\u3000', '  ', '1,234', '12,345,678', '.5', '万元', '人次', '小时', '以上', '左右'],
    ...['123456789012345', '9007199254740993', '007', '0.1'],
  ];
  for (const text of randomStrings(alphabet, 20000, 24)) assert.deepEqual(extractFigures(text), reference(text), text);
});

test('codeAt reads the code unit charCodeAt reads, and 0 (in no code table) where charCodeAt reads none', () => {
  const t = '一、2 ';
  for (let i = -3; i < t.length + 3; i++) assert.equal(codeAt(t, i), i >= 0 && i < t.length ? t.charCodeAt(i) : 0, String(i));
  assert.equal(codeAt('', 0), 0);
  assert.equal(WHITE_SPACE_CODE[codeAt(t, t.length)], 0);
});

test('utf8Text reads what TextDecoder reads of UTF-8, and nothing of what it refuses', () => {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reference = (bytes: Buffer) => {
    try {
      return decoder.decode(bytes);
    } catch {
      return undefined;
    }
  };
  const pieces = ['年', '报', 'a', ' ', '\n', '１', '😀', '\ufeff', '\u00e9'].map((s) => [...Buffer.from(s)]);
  let seed = 3;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let round = 0; round < 3000; round++) {
    const bytes: number[] = [];
    for (let i = random(30); i > 0; i--) bytes.push(...pieces[random(pieces.length)]);
    // now and then a byte out of place: a cut character, a lone continuation byte, an overlong or surrogate form
    if (random(3) === 0) bytes.splice(random(bytes.length + 1), random(2), [0x80, 0xe5, 0xc0, 0xed, 0xff][random(5)]);
    const buf = Buffer.from(bytes);
    assert.equal(utf8Text(buf), reference(buf), JSON.stringify(bytes));
  }
  assert.equal(utf8Text(Buffer.from([0xef, 0xbb, 0xbf, 0xe5, 0xb9, 0xb4])), '年', 'the byte order mark left out');
  assert.equal(utf8Text(Buffer.from([0xed, 0xa0, 0x80])), undefined, 'a surrogate written in UTF-8 is no UTF-8');
});

test('lineFacts sets a bit for a prose line exactly when its half-width text holds one of the bit’s characters', () => {
  const chars: Record<keyof typeof FACT, string> = {
    digit: '0123456789',
    letterX: 'Xx×',
    closingBracket: ')）〕】》]',
    underline: '_＿',
    填: '填',
    条: '条',
    件: '件',
    我: '我',
    本: '本',
    全: '全',
    年: '年',
    月: '月',
    号: '号',
    截: '截',
    统: '统',
    多: '多',
    余: '余',
    信: '信',
    dateMark: '-./',
  };
  const alphabet = [...'０９５Ｘｘ×）〕】》］＿－．／', ...Object.values(chars).join(''), ...'的了，。 ', '\n'];
  const text = [...randomStrings(alphabet, 300, 40)].join('\n');
  const model = parseReport(text);
  const facts = lineFacts(model);
  const half = halfLineOf(model);
  for (const l of proseLines(model))
    for (const [name, bit] of Object.entries(FACT))
      assert.equal(
        (facts[l.index] & bit) !== 0,
        [...chars[name as keyof typeof FACT]].some((c) => half(l.index).includes(c)),
        `${name} in ${JSON.stringify(l.text)}`,
      );
  assert.ok(proseLines(model).length > 100);
});

test('parseChineseNumeral reads by code unit what the character-by-character reading read', () => {
  const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };
  const reference = (s: string) => {
    if (!s || !/^[零〇一二两三四五六七八九十百千万亿]+$/.test(s)) return undefined;
    if (!/[十百千万亿]/.test(s)) return [...s].reduce((v, c) => v * 10 + DIGIT[c], 0);
    let [total, section, digit, seen] = [0, 0, 0, false];
    for (const c of s) {
      if (c in DIGIT) [digit, seen] = [DIGIT[c], true];
      else if (c in SMALL) [section, digit, seen] = [section + (seen ? digit : 1) * SMALL[c], 0, false];
      else [total, section, digit, seen] = [total + (section + digit || 1) * BIG[c], 0, 0, false];
    }
    return total + section + digit;
  };
  for (const s of randomStrings([...'零〇一二两三四五六七八九十百千万亿年a'], 20000, 8))
    assert.equal(parseChineseNumeral(s), reference(s), s);
  assert.equal(parseChineseNumeral(''), undefined);
});

test('normalizeLabel keeps the characters /[\\u3400-\\u9fff\\uf900-\\ufaffA-Za-z]/ matches, as the character-by-character reading kept them', () => {
  const reference = (s: string) => [...toHalfWidth(s)].filter((c) => /[\u3400-\u9fff\uf900-\ufaffA-Za-z]/.test(c)).join('');
  const alphabet = [
    ...'（一）予以公开 总计ＡＺａｚaz09０９、.：\u33ff\u3400\u9fff\ua000\uf8ff\uf900\ufaff\ufb00@[`{',
    '\ud840\udc00',
    '\ud800',
  ];
  for (const s of randomStrings(alphabet, 20000, 12)) assert.equal(normalizeLabel(s), reference(s), s);
});

test('labelScore, on bigrams kept as numbers, scores as the bigrams kept as strings score', () => {
  const byStrings = (a: string, b: string) => {
    const [x, y] = [bigrams(normalizeLabel(a)), bigrams(normalizeLabel(b))];
    if (!x.size || !y.size) return 0;
    const shared = [...y].filter((g) => x.has(g)).length;
    return 0.8 * (shared / y.size) + 0.2 * (shared / x.size);
  };
  // letters and the edges of the ranges kept, where numbering them could go wrong
  const alphabet = [...'AZaz予以公开总计\u3400\u3401\u9ffe\u9fff\uf900\uf901\ufafe\ufaff（一）', 'Az', '公开'];
  const labels = [...randomStrings(alphabet, 3000, 6)];
  for (let i = 0; i + 1 < labels.length; i++)
    assert.equal(labelScore(labels[i], labels[i + 1]), byStrings(labels[i], labels[i + 1]), `${labels[i]} / ${labels[i + 1]}`);
});

test('contentLines marks a line for a section exactly when it holds the first character of a word of the section’s first group', () => {
  const schema = builtinSchemas().find((s) => s.sections.some((x) => x.content))!;
  const sections = schema.sections.filter((s) => s.content);
  let marked = 0;
  const corpusDir = join(__dirname, '..', 'fixtures', 'corpus');
  for (const f of readdirSync(corpusDir).filter((f) => f.endsWith('.txt'))) {
    const model = parseReport(readFileSync(join(corpusDir, f), 'utf8'));
    const { bits, bitOf } = contentLines(model, schema);
    for (const l of model.lines)
      for (const s of sections) {
        const expected = s.content!.all[0].some((w) => l.text.includes(w[0]));
        assert.equal((bits[l.index] & bitOf.get(s)!) !== 0, expected, `${f}:${l.index + 1} ${s.id}`);
        if (expected) marked++;
      }
  }
  assert.ok(marked > 100);
});
