import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DomUtils, Parser, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { summaryHtml } from '../../server/src/cli/formats/summary-html';
import type { FileResult } from '../../server/src/cli/results';
import { corpusResults } from './summary-corpus';

// The page of the corpus read back with an HTML parser. (That it sorts and opens in a browser is
// checked in test/e2e/summary-page.test.ts.)

const docsBase = 'file:///opt/nianbao/';
const VOID = new Set(['meta', 'br', 'img', 'input', 'link', 'hr', 'wbr']);

/** Every element the page opens it closes itself, in order: nothing left for a parser to guess. */
function assertBalanced(html: string): void {
  const stack: string[] = [];
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag: (name) => VOID.has(name) || stack.push(name),
      onclosetag: (name, implied) => {
        if (VOID.has(name)) return;
        if (implied) problems.push(`<${name}> closed implicitly`);
        if (stack.pop() !== name) problems.push(`</${name}> out of order`);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  assert.deepEqual(problems, []);
}

const text = (e: Element | Element[]) => DomUtils.textContent(e);
const byClass = (root: Element[] | Element, tag: string, cls: string) =>
  DomUtils.findAll((e) => e.name === tag && (e.attribs.class ?? '').split(' ').includes(cls), Array.isArray(root) ? root : [root]);

describe('summary .html', () => {
  const results = corpusResults('zh', true);
  const html = summaryHtml(results, { lang: 'zh', docsBase });
  const dom = parseDocument(html).children as Element[];

  test('well-formed: every element closed in order', () => {
    assert.match(html, /^<!doctype html>\n<html lang="zh-CN">/);
    assertBalanced(html);
    assert.throws(() => assertBalanced('<div><p>an unclosed paragraph</div>'));
  });

  test('every report: a row in the table and a section of its own', () => {
    const table = DomUtils.getElementById('reports', dom)!;
    const rows = DomUtils.findAll((e) => e.name === 'tr', [table]).slice(1);
    assert.equal(rows.length, results.length);
    for (const [i, f] of results.entries()) {
      const section = DomUtils.getElementById(`r${i}`, dom)!;
      assert.ok(text(section).includes(f.path), f.path);
      assert.equal(byClass(section, 'tr', 'error').length, f.diagnostics.filter((d) => d.severity === 'error').length);
      assert.ok(text(rows[i]).includes(f.path));
    }
  });

  test('pingtan-zhqsyq-2020: （七）总计 20 highlighted in table 三, with 26 = 6 + 6 + 4 + 3 + 3 + 4 beside it', () => {
    const i = results.findIndex((f) => f.path.endsWith('pingtan-zhqsyq-2020.txt'));
    const section = DomUtils.getElementById(`r${i}`, dom)!;
    const sheet = byClass(section, 'figure', 'sheet').find((f) => text(f).startsWith('表三'))!;
    const totalRow = DomUtils.findAll((e) => e.name === 'tr' && text(e).startsWith('（七）总计'), [sheet])[0];
    const wrong = byClass(totalRow, 'td', 'wrong').map(text);
    assert.deepEqual(wrong, ['20①', '21②']);
    const cells = DomUtils.findAll((e) => e.name === 'td', [totalRow]);
    assert.equal(cells[0].attribs.class, 'wrong', 'the 自然人 column');
    assert.equal(byClass(sheet, 'td', 'part').length, 12, 'the six parts of each sum');
    const notes = DomUtils.findAll((e) => e.name === 'li', [sheet]).map(text);
    assert.equal(notes[0], '① 「（七）总计」行「自然人」列：各项之和 26 = 6 + 6 + 4 + 3 + 3 + 4，表中为 20');
    assert.equal(notes[1], '② 「（七）总计」行「总计」列：各项之和 27 = 7 + 6 + 4 + 3 + 3 + 4，表中为 21');
  });

  test('no network: nothing is fetched, the only links go to the page itself or to the rules pages', () => {
    const all = DomUtils.findAll(() => true, dom);
    const urls = all.flatMap((e) =>
      ['href', 'src', 'action', 'srcset', 'poster', 'data'].map((a) => e.attribs[a]).filter((v) => v !== undefined),
    );
    const rulePages = urls.filter((u) => u.startsWith(`${docsBase}docs/rules/`) && u.endsWith('.md'));
    assert.ok(rulePages.length > 50);
    assert.deepEqual(
      urls.filter((u) => !u.startsWith('#') && !rulePages.includes(u)),
      [],
    );
    assert.deepEqual(
      all.filter((e) => ['link', 'img', 'iframe', 'object', 'embed', 'base', 'form'].includes(e.name)).map((e) => e.name),
      [],
    );
    const inline = all
      .filter((e) => e.name === 'style' || e.name === 'script')
      .map(text)
      .join('\n');
    assert.doesNotMatch(inline, /url\(|@import|https?:|fetch\(|XMLHttpRequest/);
    const policy = all.find((e) => e.name === 'meta' && e.attribs['http-equiv'] === 'Content-Security-Policy')!;
    assert.match(policy.attribs.content, /default-src 'none'/);
  });

  test('report text is text: no markup gets through', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&amp;';
    const hostile: FileResult = {
      path: `"><img src=x onerror=alert(3)>.txt`,
      schema: 'gov-2021',
      report: { office: evil, year: 2024 },
      diagnostics: [{ rule: 'placeholder', severity: 'error', message: evil, range, related: [] }],
      tables: [
        {
          id: 't',
          name: evil,
          columns: [{ id: 'c', label: evil }],
          rows: [{ id: 'r', label: evil, cells: [{ text: evil, range }] }],
        },
      ],
    };
    hostile.diagnostics[0].cell = { table: 't', row: 'r', column: 'c' };
    const page = summaryHtml([hostile], { lang: 'en', docsBase });
    assertBalanced(page);
    const nodes = DomUtils.findAll(() => true, parseDocument(page).children as Element[]);
    assert.equal(nodes.filter((e) => e.name === 'img').length, 0);
    assert.equal(nodes.filter((e) => e.name === 'script').length, 1);
    assert.ok(nodes.every((e) => Object.keys(e.attribs).every((a) => !a.startsWith('on'))));
    assert.ok(text(nodes.find((e) => e.name === 'body')!).includes(evil));
  });

  test('a cell wrong twice carries both marks; a report not recognised says so', () => {
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } };
    const cell = { table: 't', row: 'total', column: 'c' };
    const arithmetic = { operands: [], expected: 3, actual: 4 };
    const f: FileResult = {
      path: 'a.txt',
      schema: 'gov-2021',
      report: {},
      diagnostics: [
        { rule: 'table-sum', severity: 'error', message: 'sum', range, related: [], cell, arithmetic },
        { rule: 'table-balance', severity: 'error', message: 'balance', range, related: [], cell, arithmetic },
      ],
      tables: [
        { id: 't', name: 'T', columns: [{ id: 'c', label: 'C' }], rows: [{ id: 'total', label: '总计', cells: [{ text: '4', range }] }] },
      ],
    };
    const unknown: FileResult = { path: 'b.txt', schema: null, report: {}, diagnostics: [] };
    const nodes = parseDocument(summaryHtml([f, unknown], { lang: 'zh' })).children as Element[];
    assert.deepEqual(byClass(nodes, 'td', 'wrong').map(text), ['4①②']);
    assert.match(text(DomUtils.getElementById('r1', nodes)!), /未识别出报告格式，未检查/);
    assert.match(text(DomUtils.getElementById('r0', nodes)!), /^a\.txt/);
  });

  test('English with lang en', () => {
    const page = summaryHtml(corpusResults('en', true), { lang: 'en', docsBase });
    assertBalanced(page);
    assert.match(page, /<html lang="en">/);
    assert.match(page, /the parts add up to <b>26<\/b> = /);
    assert.match(page, /<th scope="col" data-type="text" tabindex="0">Office<\/th>/);
  });
});
