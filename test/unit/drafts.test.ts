import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './cliRun';
import { markdownDraft } from '../../server/src/documents/markdownDraft';
import { readPdf } from '../../server/src/documents/pdf';
import { checkReport } from '../../server/src/engine';
import { nextYearDraft } from '../../server/src/engine/nextYear';
import { scratchDir } from './scratch';

// Drafts: a report read from a PDF or a web page as Markdown to edit, and this year's report started
// from last year's. Both keep what the checker finds, and make up no figure.

const root = join(__dirname, '..', '..');
const corpus = join(root, 'test', 'fixtures', 'corpus');
const read = (name: string) => readFileSync(join(corpus, name), 'utf8');
const said = (text: string, previous?: string) => checkReport(text, { previous }).findings.map((f) => `${f.rule}: ${f.message.zh}`);

const run = runCli;

describe('Markdown draft of a report read as text', () => {
  for (const name of readdirSync(corpus).filter((f) => /huaian|suqian|shanghai/.test(f)))
    test(`${name}: the draft finds what the text finds`, () => {
      const text = read(name);
      const draft = markdownDraft(text);
      assert.match(draft, /^---\nschema: gov-20(19|21)\n---\n/);
      assert.deepEqual(said(draft), said(text));
      // tables are pipe tables with a header separator, as Markdown previews show them
      assert.match(draft, /\n\|---\|/);
    });

  for (const year of [2023, 2024])
    test(`huaian-hongze-district-${year}.pdf, drafted: the findings of its text`, async () => {
      const pdf = await readPdf(new Uint8Array(readFileSync(join(root, 'test', 'fixtures', 'pdf', `huaian-hongze-district-${year}.pdf`))));
      const draft = markdownDraft(pdf.text);
      assert.deepEqual(said(draft), said(read(`huaian-hongze-district-${year}.txt`)));
      // a paragraph the PDF broke over lines is one line again
      assert.ok(
        draft.split('\n').some((l) => l.startsWith('本报告由淮安市洪泽区人民政府办公室') && l.includes('统计期限') && l.endsWith('）。')),
      );
    });
});

describe('next year from last year', () => {
  test('suqian-city-2023 → 2024: figures XX but the ones inherited, findings only of a draft', () => {
    const last = read('suqian-city-2023.txt');
    const draft = nextYearDraft(last);
    assert.ok(!('problem' in draft));
    assert.equal(draft.year, 2024);
    // 二、上年结转 = last year's 四、结转下年度继续办理, column by column; 现行有效 starts from last year's
    const carried = /\| 二、上年结转政府信息公开申请数量 \| ([^\n]*) \|/.exec(draft.text)![1].split(' | ');
    const lastForward = checkReport(last).bound!.tables.get('applicationTable')!;
    const columns = lastForward.schema.columns.map((c) => c.id);
    assert.deepEqual(
      carried,
      columns.map((c) => lastForward.cell('carriedForward', c)?.raw.trim()),
    );
    assert.match(draft.text, /新收政府信息公开申请数量 \| XX \| XX \| XX/);
    const findings = checkReport(draft.text, { previous: last }).findings;
    const rules = new Set(findings.map((f) => f.rule));
    assert.ok(rules.has('placeholder') && rules.has('unchanged-paragraph') && rules.has('repeated-text'));
    assert.ok(!rules.has('table-cell-invalid') && !rules.has('table-sum') && !rules.has('cross-year'), [...rules].join(' '));
    assert.equal(findings.filter((f) => f.rule === 'placeholder').length, 6, 'one for each table with XX in it');
  });

  test('the title and the statistics period move on; other years stay for other-year to point at', () => {
    const last = read('pingtan-zhqsyq-2022.txt');
    const draft = nextYearDraft(last);
    assert.ok(!('problem' in draft));
    const period = draft.text.split('\n').find((l) => /统计时限/.test(l))!;
    assert.match(period, /统计时限为2023年1月1日至2023年12月31日/);
    assert.doesNotMatch(period, /2022/);
  });

  test('a paragraph rewritten is no longer pointed at', () => {
    const last = read('pingtan-zhqsyq-2022.txt');
    const draft = nextYearDraft(last);
    assert.ok(!('problem' in draft));
    const unchanged = (text: string) => checkReport(text, { previous: last }).findings.filter((f) => f.rule === 'unchanged-paragraph');
    const before = unchanged(draft.text);
    assert.ok(before.length >= 3);
    const first = before[0];
    const rewritten =
      draft.text.slice(0, first.start) +
      '本年度，我区围绕新的重点任务，重新部署了政务公开的各项工作，并逐项推进落实。' +
      draft.text.slice(first.end);
    assert.equal(unchanged(rewritten).length, before.length - 1);
  });

  test('a text that is no report: told, not drafted', () => {
    const r = nextYearDraft('购物清单\n苹果 3 个');
    assert.ok('problem' in r && /认不出/.test(r.problem.zh));
  });
});

describe('nianbao convert and nianbao new', () => {
  test('PDF → Markdown draft → Word, and new --from the PDF; nothing overwritten without --force', async () => {
    const dir = scratchDir('convert');
    const pdf = join(dir, '洪泽区2023年报.pdf');
    copyFileSync(join(root, 'test', 'fixtures', 'pdf', 'huaian-hongze-district-2023.pdf'), pdf);
    const toMd = await run('convert', pdf);
    assert.equal(toMd.code, 0, toMd.err);
    const md = join(dir, '洪泽区2023年报.md');
    assert.deepEqual(said(readFileSync(md, 'utf8')), said(read('huaian-hongze-district-2023.txt')));
    const again = await run('convert', pdf);
    assert.equal(again.code, 2);
    assert.match(again.err, /文件已存在，未覆盖/);
    const toWord = await run('convert', '--out-dir', join(dir, 'word'), md);
    assert.equal(toWord.code, 0, toWord.err);
    assert.ok(
      readFileSync(join(dir, 'word', '洪泽区2023年报.docx'))
        .subarray(0, 2)
        .toString() === 'PK',
    );
    const fresh = await run('new', '--from', pdf);
    assert.equal(fresh.code, 0, fresh.err);
    assert.ok(existsSync(join(dir, '洪泽区2024年报.md')));
    const checked = await run('check', '--format', 'json', join(dir, '洪泽区2024年报.md'), pdf);
    const files = JSON.parse(checked.out).files as { path: string; diagnostics: { rule: string }[] }[];
    const draftRules = new Set(files.find((f) => f.path.endsWith('2024年报.md'))!.diagnostics.map((d) => d.rule));
    assert.ok(draftRules.has('unchanged-paragraph') && draftRules.has('placeholder'), 'paired with last year’s PDF by the file name');
  });

  test('bad input: an unknown kind, a missing file, a broken Word file', async () => {
    const dir = scratchDir('convert-bad');
    writeFileSync(join(dir, 'a.xls'), 'x');
    writeFileSync(join(dir, 'b.docx'), 'not a zip');
    const r = await run('convert', '--lang', 'en', join(dir, 'a.xls'), join(dir, 'b.docx'), join(dir, 'missing.pdf'));
    assert.equal(r.code, 2);
    assert.match(r.err, /a\.xls: only \.docx/);
    assert.match(r.err, /b\.docx: /);
    assert.match(r.err, /missing\.pdf: /);
    const usage = await run('new', 'x.docx');
    assert.equal(usage.code, 2);
  });
});
