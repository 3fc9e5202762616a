import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pairWithPrevious } from '../../server/src/previous';

const corpus = join(__dirname, '..', 'fixtures', 'corpus');
const file = (name: string) => ({ path: join(corpus, name), text: readFileSync(join(corpus, name), 'utf8') });

test('last year’s report of the same office is found by title or file name, never another office’s', () => {
  const files = [
    'suqian-city-2023.txt',
    'suqian-city-2024.txt',
    'pingtan-zhqsyq-2020.txt',
    'pingtan-zhqsyq-2021.txt',
    'pingtan-zhqsyq-2022.txt',
    'huaian-city-2024.txt',
    'huaian-hongze-district-2023.txt',
    'huaian-hongze-district-2024.txt',
  ].map(file);
  const pairs = [...pairWithPrevious(files)].map(([p, prev]) => `${p.split('/').pop()} ← ${prev.path.split('/').pop()}`);
  assert.deepEqual(pairs.sort(), [
    'huaian-hongze-district-2024.txt ← huaian-hongze-district-2023.txt',
    'pingtan-zhqsyq-2021.txt ← pingtan-zhqsyq-2020.txt', // 2021 has no title line: paired by file name
    'pingtan-zhqsyq-2022.txt ← pingtan-zhqsyq-2021.txt',
    'suqian-city-2024.txt ← suqian-city-2023.txt',
  ]);
});

test('titles with the year in Chinese numerals pair too', () => {
  const a = { path: '/x/a.md', text: '# 某县人民政府二〇二三年政府信息公开工作年度报告\n' };
  const b = { path: '/y/b.md', text: '# 某县人民政府二〇二四年政府信息公开工作年度报告\n' };
  assert.equal(pairWithPrevious([a, b]).get('/y/b.md')?.path, '/x/a.md');
});
