import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLAUSE_END, CLAUSE_END_CODE, NUMBER_CHAR_CODE, NUMBER_PREFIX_CODE, SENTENCE_END, SENTENCE_END_CODE } from '../../server/src/engine/prose';
import { codeTable, WHITE_SPACE_CHARS } from '../../server/src/engine/text';

// The engine reads some character classes from tables of code units instead of testing a pattern per
// character. Each table must say yes to exactly the code units its pattern matches.

const tables: [string, Uint8Array, RegExp][] = [
  ['clause ends', CLAUSE_END_CODE, CLAUSE_END],
  ['sentence ends', SENTENCE_END_CODE, SENTENCE_END],
  ['white space', codeTable(WHITE_SPACE_CHARS), /\s/],
  ['before a number (百分之, white space)', NUMBER_PREFIX_CODE, /[百分之\s]/],
  ['characters of a number', NUMBER_CHAR_CODE, /[\d０-９,，.．零〇一二两三四五六七八九十百千万亿]/],
];

for (const [name, table, pattern] of tables)
  test(`the table of ${name} holds exactly what ${pattern} matches`, () => {
    const wrong: string[] = [];
    for (let c = 0; c < 65536; c++) if ((table[c] === 1) !== pattern.test(String.fromCharCode(c))) wrong.push(c.toString(16));
    assert.deepEqual(wrong, []);
  });
