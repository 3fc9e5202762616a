import { delimitedLines, type Heading, type ReportModel } from './model';
import type { Schema, SectionSchema } from './schema';
import { bitsIn, firstNonSpace, gramScores, holdsAll, holdsAny, labelBigrams, labelIndex, labelsOf, type LabelGrams } from './text';

// Reports before 2019 were free prose: the items the 2007 条例 (第三十二条) asks for are there, but
// under headings of the drafter's choosing, inside other sections, or in a sentence of their own
// ("全年未对公民、法人和其他组织收取政府信息公开费用。"). Such a section is found by its words.

type Content = NonNullable<SectionSchema['content']>;

const CLAUSE_END = /[，。；：！？,;!?]/;
const SENTENCE_END = /[。！？!?]/;

/** A stretch of the report that may hold a section's content: one line, or one clause of a line. */
interface Unit {
  line: number;
  start: number;
  end: number;
  text: string;
}

/** The words of the first group matched, for messages ("查找了 …"). */
export function describeContent(content: Content): string[] {
  return content.all.map((g) => g.slice(0, 4).join('/'));
}

function units(text: string, lineStart: number, line: number, within: Content['within']): Unit[] {
  if (within === 'paragraph') return [{ line, start: lineStart, end: lineStart + text.length, text }];
  const out: Unit[] = [];
  let from = 0;
  for (const part of text.split(CLAUSE_END)) {
    if (part) out.push({ line, start: lineStart + from, end: lineStart + from + part.length, text: part });
    from += part.length + 1;
  }
  return out;
}

/** The text of a paragraph without its sentences that hold a word of `not`. */
function withoutExcluded(text: string, not: readonly string[]): string {
  if (!not.length || !not.some((w) => text.includes(w))) return text;
  // sentences with their end mark, blanked out (same length) when they hold a word of not
  return text.replace(/[^。！？!?]*[。！？!?]?/g, (sentence) =>
    not.some((w) => sentence.includes(w)) ? ' '.repeat(sentence.length) : sentence,
  );
}

/** Lines that are no prose, by line index (1): table rows, pipe tables, the report's title. */
function skippedLines(model: ReportModel): Uint8Array {
  const skip = delimitedLines(model).slice();
  for (const r of model.rows) skip[r.line] = 1;
  if (model.title) for (const l of model.lines) if (l.start <= model.title.end && l.end >= model.title.start) skip[l.index] = 1;
  if (model.frontMatter) for (const l of model.lines) if (l.start <= model.frontMatter.end) skip[l.index] = 1;
  return skip;
}

/** Lines that may hold a section's first group of words: for each line a bit per section (see contentLines). */
export interface ContentLines {
  bits: Uint32Array;
  bitOf: Map<SectionSchema, number>;
}

// by code unit, the bits of the sections (the first 32 found by content) one of whose first words begins with it
const leadTables = new WeakMap<Schema, { table: Uint32Array; bitOf: Map<SectionSchema, number> }>();

/**
 * Which lines may hold which sections' words, from one pass over the text for all of a schema's sections found by
 * their content: a line holds a word of a section's first group only if it holds the word's first character.
 */
export function contentLines(model: ReportModel, schema: Schema): ContentLines {
  let lead = leadTables.get(schema);
  if (!lead) {
    const table = new Uint32Array(65536);
    const bitOf = new Map<SectionSchema, number>();
    for (const s of schema.sections) {
      if (!s.content || bitOf.size === 32) continue;
      const bit = 1 << bitOf.size;
      bitOf.set(s, bit);
      for (const w of s.content.all[0]) table[w.charCodeAt(0)] |= bit;
    }
    leadTables.set(schema, (lead = { table, bitOf }));
  }
  const bits = new Uint32Array(model.lines.length);
  for (const l of model.lines) bits[l.index] = bitsIn(l.text, lead.table);
  return { bits, bitOf: lead.bitOf };
}

/** A heading that may name a section found by its content: its own words, with their bigrams. */
interface HeadingTitle {
  heading: Heading;
  /** the heading's own words, not the paragraph that may follow it on the same line */
  title: string;
  grams: LabelGrams;
}

/** The headings of the prose (not of tables, the title or the front matter), cut once for all sections. */
function headingTitles(model: ReportModel, skip: Uint8Array): HeadingTitle[] {
  const out: HeadingTitle[] = [];
  for (const heading of model.headings) {
    if (skip[heading.line]) continue;
    const title = heading.title.split(SENTENCE_END)[0];
    out.push({ heading, title, grams: labelBigrams(title) });
  }
  return out;
}

// a schema's sections found by their content, in its order
const contentSectionsCache = new WeakMap<Schema, SectionSchema[]>();

function contentSections(schema: Schema): SectionSchema[] {
  let sections = contentSectionsCache.get(schema);
  if (!sections) contentSectionsCache.set(schema, (sections = schema.sections.filter((s) => s.content)));
  return sections;
}

/**
 * Where the report speaks of the content of each of the schema's sections found by it: a heading that names it (by
 * its words, or close to the section's title), else the first paragraph or clause holding its words. Sections found
 * nowhere are not in the map. The headings are read and scored against all the sections at once.
 */
export function findContents(model: ReportModel, schema: Schema): Map<SectionSchema, Heading> {
  const found = new Map<SectionSchema, Heading>();
  const sections = contentSections(schema);
  if (!sections.length) return found;
  const skip = skippedLines(model);
  const lines = contentLines(model, schema);
  const titles = headingTitles(model, skip);
  const labels = labelIndex(
    sections,
    sections.map((s) => labelsOf(s, s.title, s.aliases)),
  );
  const scores = gramScores(
    titles.map((t) => t.grams),
    labels,
  );
  sections.forEach((section, j) => {
    const content = section.content!;
    const byHeading = titles.find(
      (t, i) => !holdsAny(t.title, content.not) && (holdsAll(t.title, content.all) || scores.values[i * scores.slots + j] >= 0.75),
    );
    const heading = byHeading?.heading ?? findInLines(model, content, skip, lines.bits, lines.bitOf.get(section));
    if (heading) found.set(section, heading);
  });
  return found;
}

/** The first paragraph or clause holding a section's words; `bit`: the section's in `bits` (contentLines), if it has one. */
function findInLines(
  model: ReportModel,
  content: Content,
  skip: Uint8Array,
  bits: Uint32Array,
  bit: number | undefined,
): Heading | undefined {
  for (const l of model.lines) {
    if (skip[l.index] || (bit !== undefined && !(bits[l.index] & bit)) || firstNonSpace(l.text) === l.text.length) continue;
    // a clause holds the words only if its line does, and its line without the excluded sentences only if the
    // whole line does: most lines are passed over without being cut into sentences or clauses
    if (!holdsAll(l.text, content.all)) continue;
    const text = withoutExcluded(l.text, content.not);
    if (!holdsAll(text, content.all)) continue;
    for (const u of units(text, l.start, l.index, content.within)) {
      if (!holdsAll(u.text, content.all)) continue;
      const lead = u.text.length - u.text.trimStart().length;
      const trimmed = u.text.trim();
      return { line: u.line, start: u.start + lead, end: u.start + lead + trimmed.length, mdLevel: 0, title: trimmed };
    }
  }
  return undefined;
}
