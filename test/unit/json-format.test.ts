import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonBlock, jsonFile } from '../../server/src/cli/formats/json';
import type { FileResult } from '../../server/src/cli/results';
import { corpusResults } from './summary-corpus';

// --format json writes each file's entry by hand: it must be, to the character, what JSON.stringify(document, null, 2)
// makes of the contract's object (jsonFile) at that depth.

const stringified = (f: FileResult) => JSON.stringify([[jsonFile(f)]], null, 2).slice(6, -6);

const range = (a: number, b: number, c: number, d: number) => ({ start: { line: a, character: b }, end: { line: c, character: d } });

test('each entry of --format json is what JSON.stringify makes of it, on the corpus and on odd results', () => {
  const odd: FileResult[] = [
    { path: '报告 "甲"\\乙\u2028\ud800.md', schema: null, report: {}, diagnostics: [] },
    {
      path: 'b.docx',
      schema: 'gov-2021',
      report: {},
      diagnostics: [
        {
          rule: 'table-sum',
          severity: 'error',
          message: '换行\n"引号"\t\u0001',
          range: range(0, 0, 1, 2),
          related: [
            { message: 'r', range: range(3, 4, 5, 6) },
            { message: '', range: range(7, 8, 9, 10) },
          ],
          source: { kind: 'docx', table: 1, row: 2, column: 3 },
          fix: { title: 'not in the contract', edits: [] },
        },
        { rule: 'x', severity: 'hint', message: 'm', range: range(1, 1, 1, 1), related: [], source: { kind: 'pdf', page: 2, line: 7 } },
      ],
    },
  ];
  const results = [...corpusResults('zh'), ...corpusResults('en'), ...odd];
  assert.ok(results.some((f) => f.diagnostics.some((d) => d.related.length > 1)));
  for (const f of results) assert.equal(jsonBlock(f), stringified(f), f.path);
});
