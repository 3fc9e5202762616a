import type { BoundReport } from '../bind';
import { localized, type RuleFinding, type Rule } from '../finding';
import { FACT, halfLineOf, lineFacts } from '../prose';
import { codeAt, codeTable, firstNonSpace, toHalfWidth, trimmedEnd } from '../text';
import { levelOf, ownOffice, placeOf, proseLines, type PlaceLevel } from './reportText';

/**
 * 别的单位的名称：报告在称呼自己的地方（“现公布……年度报告”、附表标题、落款）写的是另一个地方的单位，
 * 或者区县的报告说“我市”“市本级”——多半是从别的单位或上一级的报告复制来的。
 */
export const otherOffice: Rule = {
  id: 'other-office',
  severity: 'warning',
  fixable: false,
  description: localized('报告中称呼本单位的地方没有写成别的单位', 'Where the report names its own office, it names no other'),
  check(report) {
    const own = report.office ? { name: report.office, place: placeOf(report.office) } : ownOffice(report.model);
    if (!own?.place) return [];
    return [...selfNaming(report, own.name, own.place), ...levelWords(report, own.name, levelOf(own.place))];
  },
};

// ---------- where the report names itself ----------

const YEAR = String.raw`(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年度?`;
// 现公布2013年度平潭县地税局信息公开年度报告 / 附件1：平潭县人民政府2012年政府信息公开情况统计表
const SELF = new RegExp(
  String.raw`(?:^[\s\u3000]*(?:附件\s*\d*\s*[:：]\s*)?|公布|发布|现将|编制|报送)\s*(?:${YEAR}\s*)?([\u4e00-\u9fa5]{2,30}?)\s*(?:${YEAR}\s*)?(?:政府)?信息公开(?:工作)?(?:年度报告|年报|情况统计表|统计表)`,
  'g',
);

function selfNaming(report: BoundReport, ownName: string, ownPlace: string): RuleFinding[] {
  const out: RuleFinding[] = [];
  const title = report.model.title;
  const halfLine = halfLineOf(report.model);
  const facts = lineFacts(report.model);
  for (const l of proseLines(report.model)) {
    if (title && l.start <= title.end && l.end >= title.start) continue;
    if (!(facts[l.index] & FACT.信)) continue;
    const t = halfLine(l.index);
    // what SELF cannot match without: most lines speak of 信息公开 without naming the report or its table
    if (!t.includes('信息公开') || !(t.includes('年度报告') || t.includes('年报') || t.includes('统计表'))) continue;
    SELF.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SELF.exec(t))) {
      // 白水县人民政府信息公开年度报告: the 政府 of 人民政府 is the office's, not of 政府信息公开
      const stripped = m[1].replace(/^(?:了|的|本)/, '');
      const name = stripped + (stripped.endsWith('人民') ? '政府' : '');
      const place = placeOf(name);
      if (!place || samePlace(place, ownPlace)) continue;
      const at = l.start + m.index + m[0].indexOf(m[1]) + (m[1].length - stripped.length);
      out.push({
        message: localized(
          `这里称呼本报告的单位为「${name}」，而标题是「${ownName}」的报告：是否是从别的单位的报告复制来的？`,
          `Here the report calls its office “${name}”, while its title is of “${ownName}”: was this copied from another office’s report?`,
        ),
        start: at,
        end: at + name.length,
        related: title ? [{ message: localized('标题在此', 'The title is here'), start: title.start, end: title.end }] : [],
      });
    }
  }
  out.push(...signature(report, ownName, ownPlace));
  return out;
}

/** 重庆市黔江区 and 黔江区 are the same place; 平潭县 and 平潭综合实验区 are not. */
function samePlace(a: string, b: string): boolean {
  return a === b || a.endsWith(b) || b.endsWith(a);
}

const SIGNATURE_LAST = codeTable('府室厅局会');

/** The office signing at the end, on the line before the date. */
function signature(report: BoundReport, ownName: string, ownPlace: string): RuleFinding[] {
  const lines = proseLines(report.model);
  const out: RuleFinding[] = [];
  lines.forEach((l, k) => {
    // what an office's name ends with (人民政府, 办公室, 办公厅, 局, 委员会, 管委会), asked first: most lines end otherwise
    if (!SIGNATURE_LAST[codeAt(l.text, trimmedEnd(l.text) - 1)]) return;
    const t = l.text.trim();
    if (!/^[\u4e00-\u9fa5]{3,30}$/.test(t) || !/(?:人民政府|政府|办公室|办公厅|局|委员会|管委会)$/.test(t)) return;
    // the date on the next line that is not blank
    let n = k + 1;
    while (n < lines.length && firstNonSpace(lines[n].text) === lines[n].text.length) n++;
    const next = lines[n]?.text.trim() ?? '';
    if (!/^(?:(?:19|20)\d{2}\s*年|[〇○零一二三四五六七八九]{4}年)/.test(toHalfWidth(next))) return;
    const place = placeOf(t);
    if (!place || samePlace(place, ownPlace)) return;
    const at = l.start + l.text.indexOf(t);
    out.push({
      message: localized(
        `落款是「${t}」，而标题是「${ownName}」的报告：是否是从别的单位的报告复制来的？`,
        `The report is signed by “${t}”, while its title is of “${ownName}”: was this copied from another office’s report?`,
      ),
      start: at,
      end: at + t.length,
      related: [],
    });
  });
  return out;
}

// ---------- a county's report speaking as a city, and the like ----------

const WORDS: Record<PlaceLevel, string[]> = { province: ['省'], city: ['市', '州'], county: ['区', '县', '旗'], town: ['镇', '乡'] };

function levelWords(report: BoundReport, ownName: string, level: PlaceLevel): RuleFinding[] {
  const own = placeOf(ownName)!;
  const ownChar = own.endsWith('实验区') || own.endsWith('开发区') || own.endsWith('新区') ? '区' : own[own.length - 1];
  // a district speaks of 全区, not of 全县; a county of 全县, not of 我市
  const others = (level === 'county' ? ['市', ...WORDS.county.filter((c) => c !== ownChar)] : level === 'city' ? ['县', '区'] : []).filter(
    (c) => c !== ownChar,
  );
  if (!others.length) return [];
  const out: RuleFinding[] = [];
  const alt = others.join('');
  // 我市 / 本市 / 市本级: the office speaks of itself as another kind of place
  const strong = new RegExp(`(?:我|本)([${alt}])(?![场民长委政级直属内外域城])|([${alt}])本级`, 'g');
  // 全市 where the office acts over it: at the start of a clause, or after 对、加强、指导 …
  const weak = new RegExp(
    `(?:^|[，。；：、,;:\\s]|对|加强|指导|督促|部署|推进|推动|组织|统筹)(全([${alt}]))(?![场民长委政级直属内外域城])`,
    'g',
  );
  const facts = lineFacts(report.model);
  for (const l of proseLines(report.model)) {
    const t = l.text;
    const has = facts[l.index];
    let m: RegExpExecArray | null;
    // each pattern is tried only on lines with the character it cannot match without (我市, 本市, 市本级; 全市)
    if (has & (FACT.我 | FACT.本)) {
      strong.lastIndex = 0;
      while ((m = strong.exec(t))) {
        const word = m[0];
        out.push(finding(l.start + m.index, word, 'warning', ownName));
      }
    }
    if (has & FACT.全) {
      weak.lastIndex = 0;
      while ((m = weak.exec(t))) {
        const at = m.index + m[0].length - m[1].length;
        out.push(finding(l.start + at, m[1], 'information', ownName));
      }
    }
  }
  return out;
}

function finding(start: number, word: string, severity: 'warning' | 'information', ownName: string): RuleFinding {
  return {
    severity,
    message: localized(
      `「${word}」与报告单位「${ownName}」不符：是否是从别的单位或上一级的报告复制来的？`,
      `“${word}” does not fit the reporting office, “${ownName}”: was this copied from another office’s report?`,
    ),
    start,
    end: start + word.length,
    related: [],
  };
}
