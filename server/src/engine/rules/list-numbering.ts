import { localized, type RuleFinding, type Rule, type TextEdit } from '../finding';
import { parseChineseNumeral } from '../numbers';
import { codeTable, trimmedEnd, WHITE_SPACE_CHARS } from '../text';
import { chineseNumeral, proseLines } from './reportText';

/** 正文中“一是……二是……三是……”的列举连续，不跳号、不重号。 */
export const listNumbering: Rule = {
  id: 'list-numbering',
  severity: 'warning',
  fixable: true,
  description: localized(
    '正文中“一是、二是、三是”的列举连续，不跳号、不重号',
    'Lists written 一是、二是、三是 in the prose run in sequence, without gaps or repeats',
  ),
  check(report) {
    const { model } = report;
    const headingLines = new Set(model.headings.map((h) => h.line));
    const out: RuleFinding[] = [];
    // a list lives between two headings, and may run over PDF line breaks (二\n是提升…)
    let block: { start: number; end: number } | undefined;
    let lastLine = -1;
    const flush = () => {
      if (block) out.push(...checkList(markersIn(model.text, block.start, block.end)));
      block = undefined;
    };
    for (const l of proseLines(model)) {
      if (headingLines.has(l.index) || l.index !== lastLine + 1) flush();
      lastLine = l.index;
      if (!block) block = { start: l.start, end: l.end };
      else block.end = l.end;
    }
    flush();
    return out;
  },
};

// 一是 after the start of a line or a punctuation mark: not 之一是, 统一是, 第一是; 是否 is no marker. As the
// pattern /(?:^|[\s\u3000。；;：:，,、！？!?（(“"])([一二三四五六七八九十]{1,2})\s*是(?!否|非)/g would find them, but read
// back from each 是: a pattern tried at every character of the prose costs far more than looking for 是.
// read by code unit: a character taken out of a string as a string of its own is a new string each time
const NUMERAL_CODE = codeTable('一二三四五六七八九十');
const BEFORE_MARKER_CODE = codeTable(`${WHITE_SPACE_CHARS}\u3000。；;：:，,、！？!?（(“"`);
const NOT_MARKER_NEXT = codeTable('否非');

function markersIn(text: string, start: number, end: number): Marker[] {
  const src = text.slice(start, end);
  const out: Marker[] = [];
  for (let shi = src.indexOf('是'); shi >= 0; shi = src.indexOf('是', shi + 1)) {
    if (NOT_MARKER_NEXT[src.charCodeAt(shi + 1)]) continue;
    // the 是 may stand on the next line, after the break: white space between it and the numeral
    const to = trimmedEnd(src, shi);
    let from = to;
    while (from > 0 && to - from < 3 && NUMERAL_CODE[src.charCodeAt(from - 1)]) from--;
    // one or two numerals, at the start or after a mark: a third numeral before them makes it no marker
    if (to - from < 1 || to - from > 2 || (from > 0 && !BEFORE_MARKER_CODE[src.charCodeAt(from - 1)])) continue;
    const value = parseChineseNumeral(src.slice(from, to));
    if (value === undefined) continue;
    out.push({ value, start: start + from, end: start + to, shiEnd: start + shi + 1 });
  }
  return out;
}

interface Marker {
  value: number;
  start: number;
  end: number;
  shiEnd: number;
}

function checkList(markers: Marker[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  let prev = 0;
  markers.forEach((mk, k) => {
    // a stretch numbered at random says nothing more after a while; and renumbering stays linear
    if (out.length >= 20) return;
    const v = mk.value;
    if (v === prev + 1 || v === 1) {
      prev = v;
      return;
    }
    // 二是… with no 一是 before it in this stretch: the list may have begun under the previous heading
    if (prev === 0) {
      prev = v;
      return;
    }
    const want = `${chineseNumeral(prev + 1)}是`;
    const here = `${chineseNumeral(v)}是`;
    // 一是…三是…三是: the next goes on from the number this one should have, so only this one is wrong
    const typo = markers[k + 1]?.value === prev + 2;
    out.push({
      message:
        v > prev + 1
          ? localized(
              `列举不连续：「${chineseNumeral(prev)}是」之后应为「${want}」，这里是「${here}」`,
              `The list skips: after “${chineseNumeral(prev)}是” comes “${want}”, here it is “${here}”`,
            )
          : localized(
              `列举序号「${here}」${v === prev ? '重复了' : `排在「${chineseNumeral(prev)}是」之后`}，应为「${want}」`,
              `The list number “${here}” ${v === prev ? 'is repeated' : `comes after “${chineseNumeral(prev)}是”`}; it should be “${want}”`,
            ),
      start: mk.start,
      end: mk.shiEnd,
      related: [
        {
          message: localized(`「${chineseNumeral(prev)}是」在此`, `“${chineseNumeral(prev)}是” is here`),
          start: markers[k - 1].start,
          end: markers[k - 1].shiEnd,
        },
      ],
      fix: typo
        ? {
            title: localized(`改为「${want}」`, `Change to “${want}”`),
            edits: [{ start: mk.start, end: mk.end, newText: chineseNumeral(prev + 1) }],
          }
        : { title: localized(`从这里起重新编号（${want}……）`, `Renumber from here (${want} …)`), edits: renumber(markers, k, prev + 1) },
    });
    prev = typo ? prev + 1 : v;
  });
  return out;
}

function renumber(markers: Marker[], from: number, value: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let k = from, v = value; k < markers.length; k++, v++) {
    if (k > from && markers[k].value === 1) break;
    if (markers[k].value !== v) edits.push({ start: markers[k].start, end: markers[k].end, newText: chineseNumeral(v) });
  }
  return edits;
}
