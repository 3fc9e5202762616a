import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { summaryHtml } from '../../server/src/cli/formats/summary-html';
import { corpusResults } from '../unit/summary-corpus';

// The HTML summary of the corpus in a real browser (Debian's chromium, as test/e2e/setup.sh installs
// it): the page loads from disk with nothing fetched and no error, its table sorts when a header is
// clicked, a report's findings and its wrong cells show when it is opened.
//
//   node --import tsx --test test/e2e/summary-page.test.ts

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CHROMIUM, QUIET_ARGS } = require('./chromium.js') as { CHROMIUM: string; QUIET_ARGS: string[] };

describe('summary page in chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'nianbao-summary-'));
  const results = corpusResults('zh', true);
  const file = join(work, '年报检查结果.html');
  const url = pathToFileURL(file).href;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  before(async () => {
    // a missing browser fails the test: a skipped check would pass for a working one
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (test/e2e/setup.sh does)`);
    writeFileSync(file, summaryHtml(results, { lang: 'zh', docsBase: pathToFileURL(join(__dirname, '..', '..')).href + '/' }));
    context = await chromium.launchPersistentContext(join(work, 'user-data'), {
      executablePath: CHROMIUM,
      args: QUIET_ARGS,
      headless: true,
    });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url);
  });

  after(async () => {
    await context?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const column = (i: number) =>
    page.$$eval(`#reports tbody tr td:nth-child(${i + 1})`, (cells) =>
      cells.map((c) => (c as HTMLElement).dataset.sort ?? c.textContent ?? ''),
    );

  test('loads from disk: nothing else requested, no error, its script allowed by its own policy', async () => {
    assert.deepEqual(requests, [url]);
    assert.deepEqual(problems, []);
    assert.equal(await page.locator('#reports tbody tr').count(), results.length);
  });

  test('a click on 错误 sorts by errors, a second click the other way; a click on 单位 sorts by office', async () => {
    const errors = page.locator('#reports th', { hasText: '错误' });
    await errors.click();
    const up = (await column(3)).map(Number);
    assert.deepEqual(
      up,
      [...up].sort((a, b) => a - b),
    );
    assert.equal(await errors.getAttribute('aria-sort'), 'ascending');
    await errors.click();
    const down = (await column(3)).map(Number);
    assert.deepEqual(
      down,
      [...up].sort((a, b) => b - a),
    );
    assert.equal(down[0], 3);
    assert.match((await column(6))[0], /pingtan-zhqsyq-2020\.txt$/);
    await page.locator('#reports th', { hasText: '单位' }).click();
    const offices = await column(0);
    assert.deepEqual(
      offices,
      [...offices].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    );
    assert.equal(await errors.getAttribute('aria-sort'), null);
    assert.equal(await page.locator('#reports tbody tr').count(), results.length);
  });

  test("a report's findings and wrong cells show when it is opened from the table", async () => {
    const i = results.findIndex((f) => f.path.endsWith('pingtan-zhqsyq-2020.txt'));
    const report = page.locator(`#r${i}`);
    const sum = report.locator('table.findings tr', { hasText: 'table-sum' }).first();
    assert.equal(await sum.isVisible(), false);
    await page.locator(`#reports a[href="#r${i}"]`).click();
    assert.equal(await sum.isVisible(), true);
    assert.match(
      (await sum.textContent()) ?? '',
      /^57错误table-sum表三 收到和处理政府信息公开申请情况：「（七）总计」行「自然人」列应为 26/,
    );
    const wrong = report.locator('figure.sheet', { hasText: '表三' }).locator('td.wrong').first();
    assert.equal(await wrong.isVisible(), true);
    assert.equal(await wrong.textContent(), '20①');
    // the highlight is seen: a coloured cell, not only a class
    assert.notEqual(await wrong.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgba(0, 0, 0, 0)');
    assert.match(
      (await report.locator('ol.arithmetic li').last().textContent()) ?? '',
      /各项之和 27 = 7 \+ 6 \+ 4 \+ 3 \+ 3 \+ 4，表中为 21/,
    );
    // closed again from its own summary line
    await report.locator('summary').click();
    assert.equal(await sum.isVisible(), false);
    assert.deepEqual(problems, []);
  });
});
