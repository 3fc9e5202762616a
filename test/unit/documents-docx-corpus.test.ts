import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { readDocxSync } from '../../server/src/documents/docx';
import { checkReport, type Finding } from '../../server/src/engine';
import { corpusDocx } from '../fixtures/docx/corpusDocx';

// Every corpus report as a drafter's Word file (headings numbered by Word's lists, tables as Word
// tables, table 三's labels in merged cells) read back: the same findings as the text itself.

const dir = join(__dirname, '..', 'fixtures', 'corpus');
const reports = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

const summary = (f: Finding) => `${f.rule} ${f.severity} ${f.message.zh} / ${f.message.en}`;

test('the corpus has reports to convert', () => assert.ok(reports.length >= 22));

let numberedHeadings = 0;
let mergedTables = 0;

for (const name of reports) {
  test(`${name}: the Word file gives the same findings as the text`, async () => {
    const text = readFileSync(join(dir, name), 'utf8');
    const bytes = await corpusDocx(text);
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']);
    numberedHeadings += (xml.match(/<w:numPr>/g) ?? []).length;
    if (/<w:vMerge w:val="restart"\/>/.test(xml)) mergedTables++;
    const read = readDocxSync(bytes);
    // XML cannot carry the form feeds that PDF extraction left in some texts; nothing else may differ
    assert.equal(read.text, text.replace(/\f/g, ''));
    assert.deepEqual(checkReport(read.text).findings.map(summary), checkReport(text).findings.map(summary));
  });
}

// As a Markdown draft (导入为 Markdown 草稿) paragraphs stand apart, so a sentence that PDF extraction
// broke over two lines becomes two paragraphs and the prose rules read it so: these texts differ there.
const brokenSentences = new Set(['huaian-hongze-district-2024.txt', 'pingtan-zhqsyq-2014.txt', 'suqian-city-2024.txt']);

for (const name of reports.filter((r) => !brokenSentences.has(r))) {
  test(`${name}: read as a Markdown draft, the same findings`, async () => {
    const text = readFileSync(join(dir, name), 'utf8');
    const draft = readDocxSync(await corpusDocx(text), { layout: 'markdown' }).text;
    assert.deepEqual(checkReport(draft).findings.map(summary), checkReport(text).findings.map(summary));
  });
}

test('the Word files really used list numbering and merged cells', () => {
  assert.ok(numberedHeadings > 100, `${numberedHeadings} numbered paragraphs`);
  // table 三 of the seven pingtan reports of 2019–2025 (Shanghai writes its labels as /-joined paths, kept as they are)
  assert.ok(mergedTables >= 7, `${mergedTables} reports with merged label cells`);
});

// The Word file of one corpus report saved again by LibreOffice 7.4: its numbering.xml is LibreOffice's
// (chineseCountingThousand, the list carried by a paragraph style rather than by each paragraph).
test("pingtan-zhqsyq-2022: the drafter's file saved again by LibreOffice reads as the text", () => {
  const text = readFileSync(join(dir, 'pingtan-zhqsyq-2022.txt'), 'utf8');
  const bytes = readFileSync(join(__dirname, '..', 'fixtures', 'docx', 'pingtan-zhqsyq-2022.draft.libreoffice.docx'));
  const numbering = strFromU8(unzipSync(bytes)['word/numbering.xml']);
  assert.match(numbering, /chineseCountingThousand/);
  const read = readDocxSync(bytes);
  // LibreOffice joined the two touching tables of table 四 (header and figures) into one of a finer grid,
  // so the header's cells are each merged over two columns: only that line differs
  const differing = (a: string, b: string) => a.split('\n').filter((line, i) => line !== b.split('\n')[i]);
  assert.deepEqual(
    differing(read.text, text).map((l) => l.replace(/ \|  \|/g, ' |')),
    differing(text, read.text),
  );
  assert.deepEqual(checkReport(read.text).findings.map(summary), checkReport(text).findings.map(summary));
});
