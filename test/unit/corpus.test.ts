import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkReport, lineStarts, positionAt, type Finding } from '../../server/src/engine';

// The real reports of test/fixtures/corpus: read them all, find the table mistakes their README
// lists, stay quiet where they are right.

const dir = join(__dirname, '..', 'fixtures', 'corpus');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
const results = new Map<string, { text: string; findings: Finding[]; line: (f: { start: number }) => number }>();
for (const f of files) {
  const text = readFileSync(join(dir, f), 'utf8');
  const starts = lineStarts(text);
  results.set(f, { text, findings: checkReport(text).findings, line: (x) => positionAt(starts, x.start).line + 1 });
}
const of = (file: string) => results.get(file)!;

describe('corpus', () => {
  test('every report is read, every range lies inside its text', () => {
    assert.equal(files.length, 22);
    for (const [file, r] of results)
      for (const f of r.findings) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= r.text.length, `${file}: ${f.rule} ${f.start}-${f.end}`);
        for (const x of f.related) assert.ok(x.start >= 0 && x.end <= r.text.length);
      }
  });

  test('pingtan-zhqsyq-2020: （七）总计 is 20/21 where its rows add up to 26/27', () => {
    const r = of('pingtan-zhqsyq-2020.txt');
    const sums = r.findings.filter((f) => f.rule === 'table-sum');
    assert.deepEqual(
      sums.map((f) => [r.line(f), f.severity, r.text.slice(f.start, f.end), f.arithmetic?.expected]),
      [
        [57, 'error', '20', 26],
        [57, 'error', '21', 27],
      ],
    );
    assert.ok(r.text.split('\n')[56].startsWith('（七）总计'));
  });

  test('huaian-hongze-district-2023: table 四 totals printed 0', () => {
    const r = of('huaian-hongze-district-2023.txt');
    const sums = r.findings.filter((f) => f.rule === 'table-sum');
    assert.deepEqual(
      sums.map((f) => [r.line(f), f.arithmetic?.expected, f.arithmetic?.actual]),
      [
        [126, 11, 0],
        [126, 5, 0],
      ],
    );
    assert.match(sums[0].message.zh, /「行政复议」行「总计」列应为 11（10\+1\+0\+0），表中为 0/);
  });

  test('shanghai-municipal-govt-office-2019: the blank 总计 of every 办理结果 row', () => {
    const r = of('shanghai-municipal-govt-office-2019.txt');
    const blankTotals = r.findings
      .filter((f) => f.rule === 'table-blank-cell' && f.message.zh.startsWith('表三') && /总计）/.test(f.message.zh))
      .map(r.line);
    // lines 60–78 are the 19 rows of 三、本年度办理结果 (（一） to （六）), whose 总计 column is empty
    assert.deepEqual(
      blankTotals,
      Array.from({ length: 19 }, (_, i) => 60 + i),
    );
    assert.ok(!r.findings.some((f) => f.severity === 'error'), 'blank cells are not arithmetic errors');
  });

  for (const clean of [
    'huaian-city-2024.txt',
    'suqian-city-2023.txt',
    'pingtan-zhqsyq-2021.txt',
    'pingtan-zhqsyq-2022.txt',
    'pingtan-zhqsyq-2025.txt',
  ])
    test(`${clean}: a clean report, nothing is raised`, () => {
      assert.deepEqual(
        of(clean).findings.map((f) => `${f.rule}: ${f.message.zh}`),
        [],
      );
    });

  // their tables are right; their prose has the mistakes the corpus README lists (see corpus-prose.test.ts)
  for (const tablesRight of ['suqian-city-2024.txt', 'huaian-hongze-district-2024.txt'])
    test(`${tablesRight}: tables are right`, () => {
      assert.deepEqual(
        of(tablesRight)
          .findings.filter((f) => f.rule.startsWith('table-'))
          .map((f) => f.message.zh),
        [],
      );
    });

  test('all the errors in the corpus are the known ones', () => {
    const errors = [...results].flatMap(([file, r]) => r.findings.filter((f) => f.severity === 'error').map((f) => `${file}:${r.line(f)}`));
    assert.deepEqual(errors.sort(), [
      'huaian-hongze-district-2023.txt:126', // table 四 totals
      'huaian-hongze-district-2023.txt:126',
      'pingtan-zhqsyq-2020.txt:4', // listed categories 2603 > 2602
      'pingtan-zhqsyq-2020.txt:57', // （七）总计
      'pingtan-zhqsyq-2020.txt:57',
    ]);
  });
});
