import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule } from '../finding';
import type { Cell, ValueRow } from '../model';
import { FACT, SENTENCE_END_CODE, halfLineOf, lineFacts } from '../prose';
import { DIGIT_CODE } from '../numbers';
import { codeAt, codeTable, firstNonSpace } from '../text';
import { proseLines } from './reportText';

/**
 * 模板里没有填的占位符：XX件、××局、X年X月、空括号（ ）〔 〕、下划线____，以及列举中漏了数字的一项
 * （“公开核准企业资质条、施工许可证76条”），模板里的“（请填写）”。统计期限“自至”由 statistics-period 报告。
 */
export const placeholder: Rule = {
  id: 'placeholder',
  severity: 'warning',
  fixable: false,
  description: localized(
    '没有留下未填写的占位符（XX、××、（ ）、____）',
    'No unfilled placeholders are left (XX, ××, empty brackets, ____)',
  ),
  check(report) {
    const out: RuleFinding[] = [];
    const halfLine = halfLineOf(report.model);
    const facts = lineFacts(report.model);
    for (const l of proseLines(report.model)) {
      // a Markdown rule (___ or ***) is no blank to fill
      if (RULE_FIRST[codeAt(l.text, firstNonSpace(l.text))] && /^\s*(?:[-_*]\s*){3,}$/.test(l.text)) continue;
      const has = facts[l.index];
      // the line's characters say which patterns it may hold: most lines hold none
      if (!(has & (FACT.letterX | FACT.closingBracket | FACT.underline | FACT.填 | FACT.digit))) continue;
      const t = halfLine(l.index);
      const present = placeholderKinds(has, t);
      for (const { re, what, kind } of present ? PATTERNS : []) {
        if (!(present & kind)) continue;
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(t))) {
          const wrote = l.text.slice(m.index, m.index + m[0].length);
          out.push({
            message: localized(`「${wrote}」${what.zh}`, `“${wrote}” ${what.en}`),
            start: l.start + m.index,
            end: l.start + m.index + m[0].length,
            related: [],
          });
        }
      }
      // a list of counts (施工许可证76条、…) has digits and its unit
      if (has & FACT.digit && has & (FACT.条 | FACT.件)) out.push(...missingFigures(l.start, t, l.text));
    }
    out.push(...unfilledCells(report));
    return out;
  },
};

/** A table whose cells still hold the template's XX: said once for the table, at its first such cell. */
function unfilledCells(report: BoundReport): RuleFinding[] {
  const out: RuleFinding[] = [];
  const seen = new Set<ValueRow>();
  for (const t of report.tables.values()) {
    // gathered in plain loops: every table of every report is read, and few hold a placeholder
    const cells: Cell[] = [];
    for (const r of t.rows.values()) {
      if (seen.has(r)) continue;
      seen.add(r);
      for (const c of r.cells) if (c.value.kind === 'unfilled') cells.push(c);
    }
    if (!cells.length) continue;
    out.push({
      message: localized(
        `${t.schema.name.zh}：还有 ${cells.length} 个单元格是未填写的占位符「${cells[0].raw.trim()}」`,
        `${t.schema.name.en}: ${cells.length} cell(s) still hold the placeholder “${cells[0].raw.trim()}”`,
      ),
      start: cells[0].start,
      end: cells[0].end,
      related: cells.slice(1, 20).map((c) => ({ message: localized('未填写', 'to fill in'), start: c.start, end: c.end })),
    });
  }
  return out;
}

const UNIT = '(?:年|月|日|件|条|个|项|次|人次|人|家|份|篇|期|场|名|户|万元|元|%|号|局|市|县|区|镇|乡|街道|办|委|厅)';
// what each pattern cannot match without: one of its characters, or 填写
const LETTERS = 1;
const CLOSING = 2;
const PROMPT = 4;
const LINE = 8;

const PATTERNS: { re: RegExp; what: { zh: string; en: string }; kind: number }[] = [
  // XX件, ××局, X年X月: letters standing for a figure or a name, not part of a word (pzxxgkb@163.com)
  {
    re: new RegExp(
      `(?<![A-Za-z0-9@._-])(?:X{2,}|x{2,}|×{1,}|X|x)(?=\\s*${UNIT})(?:\\s*${UNIT}(?:\\s*(?:X{1,}|x{1,}|×{1,})\\s*${UNIT})*)?`,
      'g',
    ),
    what: localized('是没有填写的占位符', 'is a placeholder left unfilled'),
    kind: LETTERS,
  },
  {
    re: new RegExp(`(?<![A-Za-z0-9@._-])(?:X{2,}|×{2,}|x{2,})(?![A-Za-z0-9@._-]|\\s*${UNIT})`, 'g'),
    what: localized('是没有填写的占位符', 'is a placeholder left unfilled'),
    kind: LETTERS,
  },
  // empty brackets: （ ）, 〔 〕, 【】, 《》
  {
    // the opening bracket first, then what must not stand before it: the pattern is looked for from its first character
    re: /[(（〔【《\[](?<![\]!].)\s*[)）〕】》\]](?!\()/g,
    what: localized('是空的，括号中的内容没有填写', 'is empty: what belongs in the brackets is missing'),
    kind: CLOSING,
  },
  // the prompts of the report template (新建年度报告, snippets): text still to be written
  {
    re: /[(（]请(?:在此)?填写[^()（）\n]{0,30}[)）]/g,
    what: localized('是模板中的提示，这部分还没有填写', 'is a prompt of the template: this part is not written yet'),
    kind: PROMPT,
  },
  // a blank line to write on
  { re: /_{3,}|＿{2,}/g, what: localized('是没有填写的空白', 'is a blank left unfilled'), kind: LINE },
];

/** what a Markdown rule (---, ***, ___) starts with */
const RULE_FIRST = codeTable('-_*');

/** the kinds of PATTERNS a line may hold, from its characters (lineFacts): most lines have none, and need not be matched five times */
function placeholderKinds(has: number, t: string): number {
  return (
    (has & FACT.letterX ? LETTERS : 0) |
    (has & FACT.closingBracket ? CLOSING : 0) |
    (has & FACT.underline ? LINE : 0) |
    (has & FACT.填 && t.includes('填写') ? PROMPT : 0)
  );
}

// measure words whose two-character words are common nouns: 文件, 案件, 事项, 法条 …
const WORDS = new Set([
  '文件',
  '案件',
  '事件',
  '证件',
  '邮件',
  '信件',
  '稿件',
  '附件',
  '条件',
  '要件',
  '部件',
  '软件',
  '硬件',
  '配件',
  '物件',
  '快件',
  '急件',
  '函件',
  '原件',
  '复件',
  '来件',
  '办件',
  '批件',
  '收件',
  '法条',
  '词条',
  '教条',
  '面条',
  '便条',
  '链条',
  '萧条',
  '专条',
  '线条',
  '金条',
  '油条',
  '纸条',
  '字条',
  '一条',
  '每条',
  '各条',
  '该条',
  '本条',
  '此条',
  '首条',
]);

/** The units of the lists of counts: a count in the unit as an item, and the unit after a word (an item without its number). */
const LIST_UNITS = ['条', '件'].map((unit) => ({
  unit,
  counted: new RegExp(`\\d\\s*${unit}[、，,]|[、，,][^、，,。]{0,20}\\d\\s*${unit}`),
  bare: new RegExp(`([\\u4e00-\\u9fa5])${unit}(?=[、，,；;。])`, 'g'),
}));

/** where the next 条 or 件 stands from `from`, -1 if none does */
function nextUnit(t: string, from: number): number {
  const tiao = t.indexOf('条', from);
  const jian = t.indexOf('件', from);
  return tiao < 0 ? jian : jian < 0 ? tiao : Math.min(tiao, jian);
}

/** In a list of counts (施工许可证76条、…), an item with its unit but no number: 公开核准企业资质条、 */
function missingFigures(offset: number, t: string, raw: string): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (let from = 0; from < t.length;) {
    // the sentences (each ending with its 。；;！？!?, what t.split(/(?<=[。；;！？!?])/) gives) that hold a unit, in
    // order: from the next unit back to its sentence's start and on to its end; those between are passed over
    const unitAt = nextUnit(t, from);
    if (unitAt < 0) break;
    let at = unitAt;
    let digits = false;
    while (at > from && !SENTENCE_END_CODE[t.charCodeAt(at - 1)]) if (DIGIT_CODE[t.charCodeAt(--at)]) digits = true;
    let to = unitAt;
    for (; to < t.length && !SENTENCE_END_CODE[t.charCodeAt(to)]; to++) if (DIGIT_CODE[t.charCodeAt(to)]) digits = true;
    from = to + 1;
    // one without a digit is no list of counts
    if (!digits) continue;
    const sentence = t.slice(at, Math.min(to + 1, t.length));
    for (const { unit, counted, bare: re } of LIST_UNITS) {
      if (!sentence.includes(unit)) continue;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      // the list must count in this unit elsewhere: asked once a unit stands after a word (most sentences have none)
      let countedElsewhere: boolean | undefined;
      while ((m = re.exec(sentence))) {
        if (/[一二三四五六七八九十百千万两几多余数每各该本此首整]/.test(m[1]) || WORDS.has(m[1] + unit)) continue;
        if (!(countedElsewhere ??= counted.test(sentence))) break;
        // the item of the list it ends: back to the previous 、，
        const itemStart =
          Math.max(
            sentence.lastIndexOf('、', m.index),
            sentence.lastIndexOf('，', m.index),
            sentence.lastIndexOf(',', m.index),
            sentence.lastIndexOf('：', m.index),
          ) + 1;
        const item = sentence.slice(itemStart, m.index + 2);
        if (/\d/.test(item) || item.length < 3) continue;
        const start = offset + at + itemStart;
        out.push({
          message: localized(
            `「${raw.slice(at + itemStart, at + m.index + 2)}」缺少数字：同一列举中的其他各项都写了数量`,
            `“${raw.slice(at + itemStart, at + m.index + 2)}” has no number, while the other items of the list have one`,
          ),
          start,
          end: offset + at + m.index + 2,
          related: [],
        });
      }
    }
  }
  return out;
}
