import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseYear, schemasForYear } from '../../client/src/reportYear';
import { builtinSchemas } from '../../server/src/engine/index';

const root = join(__dirname, '..', '..');
const json = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'));

describe('新建年度报告 (nianbao.newReport)', () => {
  it('offers the format of the year: 2021 format from 2021, 2019 format for 2019 and 2020, the prose format before', () => {
    const ids = (year: number) => schemasForYear(builtinSchemas(), year).map((s) => s.id);
    assert.deepEqual(ids(2024), ['gov-2021']);
    assert.deepEqual(ids(2021), ['gov-2021']);
    assert.deepEqual(ids(2020), ['gov-2019']);
    assert.deepEqual(ids(2019), ['gov-2019']);
    for (const year of [2008, 2016, 2018]) assert.ok(ids(year).length >= 1 && !ids(year).includes('gov-2021'), String(year));
  });

  it('offers every format when none is meant for the year', () => {
    const only2021 = builtinSchemas().filter((s) => s.id === 'gov-2021');
    assert.deepEqual(
      schemasForYear(only2021, 2010).map((s) => s.id),
      ['gov-2021'],
    );
  });

  it('reads the year as drafters type it', () => {
    const now = new Date(2025, 0, 15);
    assert.equal(parseYear('2024', now), 2024);
    assert.equal(parseYear(' ２０２４ ', now), 2024);
    assert.equal(parseYear('2024年', now), 2024);
    assert.equal(parseYear('2024年度', now), 2024);
    assert.equal(parseYear('2025', now), 2025);
    for (const bad of ['', '24', '2026', '1999', '二〇二四', '2024-01']) assert.equal(parseYear(bad, now), undefined, bad);
  });
});

describe('client contributions', () => {
  const pkg = json('package.json');

  it('every string the client shows is in the English and the Chinese l10n bundle', () => {
    const dir = join(root, 'client', 'src');
    const strings = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/l10n\.t\((['"])(.*?)\1/g)].map((m) => m[2]));
    assert.ok(strings.length >= 8);
    for (const bundle of ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json']) {
      const b = json(bundle);
      assert.deepEqual(
        strings.filter((s) => !b[s]),
        [],
        bundle,
      );
    }
    assert.equal(pkg.l10n, './l10n');
  });

  it('the command has a title in both languages and shows in New File…', () => {
    const cmd = pkg.contributes.commands.find((c: { command: string }) => c.command === 'nianbao.newReport');
    assert.equal(cmd.title, '%command.newReport%');
    assert.equal(json('package.nls.json')['command.newReport'], 'New annual report (新建年度报告)');
    assert.equal(json('package.nls.zh-cn.json')['command.newReport'], '新建年度报告');
    assert.ok(pkg.contributes.menus['file/newFile'].some((m: { command: string }) => m.command === 'nianbao.newReport'));
  });

  it('the grammar and the snippets are registered and packaged', () => {
    const grammar = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'nianbao');
    assert.equal(grammar.scopeName, 'text.nianbao');
    assert.equal(json(grammar.path).scopeName, 'text.nianbao');
    const snippets = pkg.contributes.snippets.map((s: { language: string; path: string }) => `${s.language} ${s.path}`);
    assert.deepEqual(snippets.sort(), ['markdown ./snippets/nianbao.code-snippets', 'nianbao ./snippets/nianbao.code-snippets']);
    assert.ok(existsSync(join(root, 'snippets', 'nianbao.code-snippets')));
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    for (const dir of ['syntaxes', 'snippets', 'l10n']) assert.ok(ignore.includes(`!${dir}/**`), `.vscodeignore keeps ${dir}/`);
  });
});
