// Writes snippets/nianbao.code-snippets from the built-in schemas, so that the templates never drift
// from what the checker expects. Run by `npm run build`; the result is committed too, and a unit test
// regenerates it and compares.
//
//   node --import tsx scripts/snippets.ts [--check]

import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { pinyin } from 'pinyin-pro';
import { builtinSchemas } from '../server/src/engine/builtins';
import { parseChineseNumeral } from '../server/src/engine/numbers';
import type { Schema, TableSchema } from '../server/src/engine/schema';
import { reportSkeleton, sectionHeading, sectionTemplate, tablesTemplate, tableTemplate } from '../server/src/engine/template';

export const SNIPPETS_FILE = path.join(__dirname, '..', 'snippets', 'nianbao.code-snippets');

export interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** gov-2021 → 2021: what a drafter calls the format. */
function tagOf(schema: Schema): string {
  return schema.id.replace(/^gov-/, '');
}

function formatName(schema: Schema): string {
  return /^\d{4}$/.test(tagOf(schema)) ? `${tagOf(schema)} 年格式` : schema.id;
}

/** 总体情况 → ztqk: the pinyin initials drafters type to find a Chinese name. */
function initials(text: string): string {
  return pinyin(text.replace(/[^\u3400-\u9fff]/g, ''), { pattern: 'first', toneType: 'none', type: 'array' }).join('');
}

function kebab(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** 一、总体情况 → 总体情况 */
function withoutNumbering(title: string): string {
  return title.replace(/^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)])\s*/, '');
}

function lines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}

/** 表二 第二十条第（五）项 行政许可 → { number: 2, item: 5, subject: 行政许可 } */
function tableName(table: TableSchema): { number?: number; item?: number; subject: string } {
  const zh = table.name.zh;
  const number = /^表([一二三四五六七八九十]+)/.exec(zh);
  const item = /第[（(]([一二三四五六七八九十]+)[）)]项/.exec(zh);
  const words = zh.split(/\s+/);
  return {
    number: number ? parseChineseNumeral(number[1]) : undefined,
    item: item ? parseChineseNumeral(item[1]) : undefined,
    subject: words[words.length - 1],
  };
}

/**
 * Snippets of several schemas that come out identical are written once, under the plain prefixes;
 * a different one of an older format gets its year after each prefix (表三2019, biao3-2019).
 */
class Collector {
  readonly snippets: Record<string, Snippet> = {};
  private readonly seen = new Map<string, { name: string; schemas: string[] }>();
  readonly used = new Set<string>();

  add(
    key: string,
    schema: Schema,
    newest: boolean,
    name: string,
    body: string,
    prefix: string[],
    description: (ids: string) => string,
  ): void {
    // an older format's snippet equal to the newest one's is the same snippet, under the plain prefixes
    const earlier = this.seen.get(`${key}\n${body}`);
    if (earlier) {
      earlier.schemas.push(schema.id);
      this.snippets[earlier.name].description = description(earlier.schemas.join('、'));
      return;
    }
    const tag = tagOf(schema);
    const variant = !newest;
    const fullName = variant ? `${name}（${formatName(schema)}）` : name;
    const prefixes = variant ? prefix.map((p) => (/[a-z0-9]$/i.test(p) ? `${p}-${tag}` : `${p}${tag}`)) : prefix;
    this.seen.set(`${key}\n${body}`, { name: fullName, schemas: [schema.id] });
    // a prefix taken by an earlier snippet (a section named like its table) stays with that one
    const own = [...new Set(prefixes)].filter((p) => !this.used.has(p));
    own.forEach((p) => this.used.add(p));
    this.snippets[fullName] = { prefix: own, body: lines(body), description: description(schema.id) };
  }
}

export function buildSnippets(schemas: readonly Schema[] = builtinSchemas()): Record<string, Snippet> {
  const out = new Collector();
  // the whole report: one per format, the newest also under the bare words
  schemas.forEach((schema, i) => {
    const tag = tagOf(schema);
    const prefix = [`nianbao-${tag}`, `年报${tag}`, `年度报告${tag}`, `report-${tag}`];
    if (i === 0) prefix.unshift('nianbao', '年报', '年度报告');
    const name = `年度报告全文（${formatName(schema)}）`;
    prefix.forEach((p) => out.used.add(p));
    out.snippets[name] = {
      prefix,
      body: lines(reportSkeleton(schema, { snippet: true })),
      description: `整份报告：${schema.name.zh}，全部章节和统计表 / Whole report: ${schema.name.en}, every section and table`,
    };
  });
  // each section, with its tables
  schemas.forEach((schema, i) => {
    schema.sections.forEach((section, k) => {
      const heading = sectionHeading(schema, section);
      const plain = withoutNumbering(heading);
      const ordinal = `第${CHINESE_DIGITS[k + 1] ?? k + 1}部分`;
      const prefix = [plain, ordinal, initials(plain), `section-${kebab(section.id)}`].filter(Boolean);
      const body = sectionTemplate(schema, section.id, { snippet: true });
      out.add(
        `section:${section.id}`,
        schema,
        i === 0,
        heading,
        body,
        prefix,
        (ids) => `章节「${heading}」（${ids}） / Section “${section.id}” (${ids})`,
      );
    });
  });
  // each official table, and 表二's four small tables together
  schemas.forEach((schema, i) => {
    const byNumber = new Map<number, TableSchema[]>();
    for (const t of schema.tables) {
      const n = tableName(t).number;
      if (n !== undefined) byNumber.set(n, [...(byNumber.get(n) ?? []), t]);
    }
    for (const [n, tables] of byNumber) {
      if (tables.length < 2) continue;
      const zh = `表${CHINESE_DIGITS[n] ?? n}`;
      const body = tablesTemplate(
        schema,
        tables.map((t) => t.id),
        { snippet: true },
      );
      out.add(
        `tables:${n}`,
        schema,
        i === 0,
        `${zh}（全部 ${tables.length} 个表）`,
        body,
        [zh, `biao${n}`, `table${n}`],
        (ids) => `${zh}的全部 ${tables.length} 个表（${ids}） / All ${tables.length} tables of table ${n} (${ids})`,
      );
    }
    schema.tables.forEach((t) => {
      const { number, item, subject } = tableName(t);
      const zh = number !== undefined ? `表${CHINESE_DIGITS[number] ?? number}` : undefined;
      const grouped = number !== undefined && (byNumber.get(number)?.length ?? 0) > 1;
      const suffix = grouped ? `-${item ?? (byNumber.get(number!) ?? []).indexOf(t) + 1}` : '';
      // the subject of a small table of 表二 (行政许可); the others are named like their section
      const prefix = zh
        ? [`${zh}${suffix}`, `biao${number}${suffix}`, `table${number}${suffix}`, ...(grouped ? [subject] : [])]
        : [subject, initials(subject), `table-${kebab(t.id)}`];
      const body = tableTemplate(schema, t.id, { snippet: true });
      out.add(`table:${t.id}`, schema, i === 0, t.name.zh, body, prefix, (ids) => `${t.name.zh}（${ids}） / ${t.name.en} (${ids})`);
    });
  });
  return out.snippets;
}

export function snippetsText(schemas?: readonly Schema[]): string {
  return `${JSON.stringify(buildSnippets(schemas), null, 2)}\n`;
}

function main(): void {
  const text = snippetsText();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SNIPPETS_FILE, 'utf8');
    } catch {
      // missing: reported below
    }
    if (current !== text) {
      console.error(`${path.relative(process.cwd(), SNIPPETS_FILE)} is out of date: run npm run build`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(SNIPPETS_FILE, text);
}

if (require.main === module) main();
