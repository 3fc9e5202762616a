import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine';
import { pairKeyed, pairWithPrevious, type OfficeKeys } from '../../server/src/previous';

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

test('a series missing a year pairs with the nearest earlier report; the year-on-year rules leave it alone', () => {
  const dir = join(__dirname, '..', 'fixtures', 'corpus');
  const files = ['pingtan-zhqsyq-2014.txt', 'pingtan-zhqsyq-2016.txt', 'pingtan-zhqsyq-2017.txt'].map((f) => ({
    path: f,
    text: readFileSync(join(dir, f), 'utf8'),
  }));
  const pairs = pairWithPrevious(files);
  assert.equal(pairs.get('pingtan-zhqsyq-2016.txt')?.path, 'pingtan-zhqsyq-2014.txt');
  assert.equal(pairs.get('pingtan-zhqsyq-2017.txt')?.path, 'pingtan-zhqsyq-2016.txt', 'last year first, when there is one');
  const found = checkReport(files[1].text, { previous: files[0].text }).findings;
  assert.ok(found.some((f) => f.rule === 'cross-year' && /比 2014 年报告还少/.test(f.message.zh)));
  assert.ok(!found.some((f) => f.rule === 'growth-rate' || f.rule === 'repeated-text' || f.rule === 'unchanged-paragraph'));
});

test('pairKeyed pairs as comparing every file with every other did: last year’s, else the latest earlier, the first given', () => {
  const reference = (files: { path: string; keys: OfficeKeys | undefined }[]) => {
    const out = new Map<string, string>();
    for (const { path: p, keys: k } of files) {
      if (!k) continue;
      const earlier = files.filter((x) => x.keys && x.keys.year < k.year && x.keys.keys.some((key) => k.keys.includes(key)));
      const prev = earlier.find((x) => x.keys!.year === k.year - 1) ?? earlier.sort((a, b) => b.keys!.year - a.keys!.year)[0];
      if (prev) out.set(p, prev.path);
    }
    return out;
  };
  let seed = 7;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let round = 0; round < 300; round++) {
    const files = Array.from({ length: 1 + random(40) }, (_, i) => ({
      path: `/r/${i}`,
      keys: random(10) === 0 ? undefined : { year: 2015 + random(8), keys: Array.from({ length: 1 + random(3) }, () => `k${random(6)}`) },
    }));
    assert.deepEqual([...pairKeyed(files)], [...reference(files)], JSON.stringify(files));
  }
});
