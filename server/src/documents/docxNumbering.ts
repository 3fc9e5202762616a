import { child, children, intOf, isOn, valueOf, type XmlElement } from './docxXml';

// Word's automatic list numbering (自动编号), rendered as the text Word shows: 一、 （一） 1. — the
// drafter sees these, the engine needs them to find sections, and numbering.xml alone holds them.

interface Level {
  start: number;
  format: string;
  text: string;
  /** 1-based level whose use restarts this one; 0: never; undefined: any higher level */
  restart?: number;
  /** 正规编号: every level shown as Arabic digits */
  legal: boolean;
  suffix: string;
  style?: string;
}

interface Num {
  abstractId: string;
  /** level definitions or start values this num overrides */
  overrides: Map<number, { start?: number; level?: Level }>;
}

export interface NumberingDefinitions {
  abstracts: Map<string, Map<number, Level>>;
  nums: Map<string, Num>;
}

function parseLevel(lvl: XmlElement): Level {
  const restart = intOf(valueOf(lvl, 'lvlRestart'));
  return {
    start: intOf(valueOf(lvl, 'start')) ?? 0,
    format: valueOf(lvl, 'numFmt') ?? 'decimal',
    text: valueOf(lvl, 'lvlText') ?? '',
    ...(restart !== undefined ? { restart } : {}),
    legal: isOn(lvl, 'isLgl'),
    suffix: valueOf(lvl, 'suff') ?? 'tab',
    ...(valueOf(lvl, 'pStyle') ? { style: valueOf(lvl, 'pStyle') } : {}),
  };
}

export function parseNumbering(root: XmlElement | undefined): NumberingDefinitions {
  const defs: NumberingDefinitions = { abstracts: new Map(), nums: new Map() };
  const numbering = child(root, 'numbering');
  for (const a of children(numbering, 'abstractNum')) {
    const levels = new Map<number, Level>();
    for (const lvl of children(a, 'lvl')) levels.set(intOf(lvl.attrs.ilvl) ?? 0, parseLevel(lvl));
    defs.abstracts.set(a.attrs.abstractNumId ?? '', levels);
  }
  for (const n of children(numbering, 'num')) {
    const overrides = new Map<number, { start?: number; level?: Level }>();
    for (const o of children(n, 'lvlOverride')) {
      const start = intOf(valueOf(o, 'startOverride'));
      const lvl = child(o, 'lvl');
      overrides.set(intOf(o.attrs.ilvl) ?? 0, { ...(start !== undefined ? { start } : {}), ...(lvl ? { level: parseLevel(lvl) } : {}) });
    }
    defs.nums.set(n.attrs.numId ?? '', { abstractId: valueOf(n, 'abstractNumId') ?? '', overrides });
  }
  return defs;
}

// ---------- number formats ----------

const CN_DIGITS = '〇一二三四五六七八九';
const CN_LEGAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const TIANGAN = '甲乙丙丁戊己庚辛壬癸';
const DIZHI = '子丑寅卯辰巳午未申酉戌亥';

/** 1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 105 → 一百零五, 1010 → 一千零一十: as Word writes chineseCounting */
function chineseCounting(n: number, digits = CN_DIGITS, units = ['', '十', '百', '千'], zero = '零'): string {
  if (n === 0) return digits[0];
  if (n >= 10000)
    return (
      chineseCounting(Math.floor(n / 10000), digits, units, zero) +
      '万' +
      (n % 10000 ? (n % 10000 < 1000 ? zero : '') + chineseCounting(n % 10000, digits, units, zero) : '')
    );
  const parts: string[] = [];
  const s = String(n);
  let pendingZero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const unit = units[s.length - 1 - i];
    if (d === 0) {
      pendingZero = true;
      continue;
    }
    if (pendingZero && parts.length) parts.push(zero);
    pendingZero = false;
    // 十五, not 一十五: a leading one before 十 is left out
    parts.push(d === 1 && unit === units[1] && i === 0 ? unit : digits[d] + unit);
  }
  return parts.join('');
}

function letters(n: number, alphabet: string): string {
  // Word repeats the letter: 27 → aa, 28 → bb
  const letter = alphabet[(n - 1) % 26];
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

function cycle(n: number, symbols: string): string {
  return symbols[(((n - 1) % symbols.length) + symbols.length) % symbols.length];
}

/** a number in one of Word's formats (ST_NumberFormat); formats it has no rule for fall back to Arabic digits */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographLegalTraditional':
      return format === 'ideographLegalTraditional' ? chineseCounting(n, CN_LEGAL_DIGITS, ['', '拾', '佰', '仟']) : chineseCounting(n);
    case 'chineseLegalSimplified':
      return chineseCounting(n, CN_LEGAL_DIGITS, ['', '拾', '佰', '仟']);
    case 'ideographDigital':
    case 'japaneseDigitalTenThousand':
    case 'taiwaneseDigital':
      return [...String(n)].map((d) => CN_DIGITS[Number(d)]).join('');
    case 'ideographTraditional':
      return cycle(n, TIANGAN);
    case 'ideographZodiac':
      return cycle(n, DIZHI);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : String(n);
    case 'ideographEnclosedCircle':
      return n >= 1 && n <= 10 ? String.fromCharCode(0x3280 + n - 1) : String(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letters(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    case 'lowerLetter':
      return letters(n, 'abcdefghijklmnopqrstuvwxyz');
    case 'none':
      return '';
    default:
      return String(n);
  }
}

// ---------- counters ----------

/**
 * Counts the numbered paragraphs in document order and gives each its number text.
 * Counters belong to the abstract numbering: two nums of one abstractNum continue one list, unless a
 * num overrides a level's start, which restarts that level the first time the num is used.
 */
export class NumberingCounter {
  private readonly counts = new Map<string, (number | undefined)[]>();
  private readonly usedNums = new Set<string>();
  private readonly pendingStart = new Map<string, Map<number, number>>();

  constructor(private readonly defs: NumberingDefinitions) {}

  private level(num: Num, ilvl: number): Level | undefined {
    return num.overrides.get(ilvl)?.level ?? this.defs.abstracts.get(num.abstractId)?.get(ilvl);
  }

  /** the level of an abstract numbering that a paragraph style is linked to (w:lvl/w:pStyle) */
  levelOfStyle(numId: string, styleId: string): number | undefined {
    const num = this.defs.nums.get(numId);
    const levels = num && this.defs.abstracts.get(num.abstractId);
    for (const [ilvl, lvl] of levels ?? []) if (lvl.style === styleId) return ilvl;
    return undefined;
  }

  /** The text Word shows before the paragraph (with its suffix), or undefined when it shows none. */
  next(numId: string, ilvl: number): string | undefined {
    const num = this.defs.nums.get(numId);
    const level = num && this.level(num, ilvl);
    if (!num || !level) return undefined;
    const counts = this.countsOf(num.abstractId);
    if (!this.usedNums.has(numId)) {
      this.usedNums.add(numId);
      for (const [l, o] of num.overrides) if (o.start !== undefined) this.restartAt(num.abstractId, l, o.start);
    }
    const pending = this.pendingStart.get(num.abstractId);
    const restartValue = pending?.get(ilvl);
    if (restartValue !== undefined) {
      counts[ilvl] = restartValue;
      pending!.delete(ilvl);
    } else counts[ilvl] = counts[ilvl] === undefined ? level.start : counts[ilvl]! + 1;
    for (let deeper = ilvl + 1; deeper < 9; deeper++) {
      const restart = this.level(num, deeper)?.restart;
      if (restart === undefined ? true : restart !== 0 && ilvl < restart) counts[deeper] = undefined;
    }
    if (level.format === 'bullet') return undefined;
    const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const shown = counts[l] ?? this.level(num, l)?.start ?? 0;
      // 正规编号 shows every level, the higher ones included, in Arabic digits
      return formatNumber(shown, level.legal ? 'decimal' : (this.level(num, l)?.format ?? 'decimal'));
    });
    if (!text) return undefined;
    // a tab after the number is a gap on the page; in text a tab would start a tab-separated table row
    return text + (level.suffix === 'nothing' ? '' : ' ');
  }

  private countsOf(abstractId: string): (number | undefined)[] {
    let counts = this.counts.get(abstractId);
    if (!counts) this.counts.set(abstractId, (counts = new Array<number | undefined>(9).fill(undefined)));
    return counts;
  }

  private restartAt(abstractId: string, ilvl: number, start: number): void {
    let pending = this.pendingStart.get(abstractId);
    if (!pending) this.pendingStart.set(abstractId, (pending = new Map()));
    pending.set(ilvl, start);
  }
}
