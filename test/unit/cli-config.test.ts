import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './cliRun';
import { parseConfigFile } from '../../server/src/configFile';
import { defaults } from '../../server/src/config';
import { scratchDir } from './scratch';

// The configuration file, found upward from each report, and --previous, on the command line.

const corpus = join(__dirname, '..', 'fixtures', 'corpus');

async function run(...args: string[]) {
  const r = await runCli(...args);
  return { ...r, json: () => JSON.parse(r.out) as { files: { path: string; diagnostics: { rule: string; severity: string }[] }[] } };
}

const root = scratchDir('config');
const office = join(root, 'office');
mkdirSync(join(office, '草稿'), { recursive: true });
copyFileSync(join(corpus, 'pingtan-zhqsyq-2020.txt'), join(office, 'pingtan-zhqsyq-2020.txt'));
copyFileSync(join(corpus, 'pingtan-zhqsyq-2020.txt'), join(office, '草稿', 'pingtan-zhqsyq-2020.txt'));

describe('configuration file', () => {
  test('without one: the defaults (table-sum errors, exit 1)', async () => {
    const r = await run('check', '--format', 'json', '--no-config', office);
    assert.equal(r.code, 1);
    assert.equal(r.json().files.length, 2);
  });

  test('a rule turned off, a severity changed, an ignore glob: found upward from the report', async () => {
    writeFileSync(join(root, '.nianbao.yaml'), 'rules:\n  table-sum: warning\n  prose-sum: off\nignore:\n  - "office/草稿/**"\n');
    const r = await run('check', '--format', 'json', office);
    assert.equal(r.code, 0, r.err);
    const files = r.json().files;
    assert.deepEqual(
      files.map((f) => f.path),
      [join(office, 'pingtan-zhqsyq-2020.txt')],
    );
    const rules = files[0].diagnostics;
    assert.ok(!rules.some((d) => d.rule === 'prose-sum'));
    assert.deepEqual([...new Set(rules.filter((d) => d.rule === 'table-sum').map((d) => d.severity))], ['warning']);
  });

  test('a nearer file wins; the command line wins over both', async () => {
    writeFileSync(join(office, '.nianbao.json'), '{ "rules": { "table-sum": "off" } }');
    const r = await run('check', '--format', 'json', join(office, 'pingtan-zhqsyq-2020.txt'));
    assert.ok(!r.json().files[0].diagnostics.some((d) => d.rule === 'table-sum'));
    const forced = await run('check', '--format', 'json', '--schema', 'gov-2021', join(office, 'pingtan-zhqsyq-2020.txt'));
    assert.ok(forced.out.includes('"schema": "gov-2021"'));
  });

  test('a broken file: a message with its line and column, exit 2, and the defaults still check', async () => {
    writeFileSync(join(office, '.nianbao.json'), '{\n  "rules": { "table-summ": "off" },\n  "deadline": "soon"\n}');
    const r = await run('check', '--format', 'json', '--lang', 'en', join(office, 'pingtan-zhqsyq-2020.txt'));
    assert.equal(r.code, 2);
    assert.match(r.err, /\.nianbao\.json:2:14: unknown rule “table-summ”/);
    assert.match(r.err, /\.nianbao\.json:3:3: deadline must be auto, department or government/);
    assert.ok(
      r.json().files[0].diagnostics.some((d) => d.rule === 'table-sum'),
      'the defaults keep working',
    );
    writeFileSync(join(office, '.nianbao.json'), '{ "rules": ');
    const broken = await run('check', '--lang', 'en', join(office, 'pingtan-zhqsyq-2020.txt'));
    assert.equal(broken.code, 2);
    assert.match(broken.err, /\.nianbao\.json:1:\d+: cannot be parsed/);
    assert.match(broken.out, /table-sum/);
  });
});

test('parseConfigFile: YAML positions, office, a schema path beside the file', () => {
  const f = parseConfigFile('/x/.nianbao.yaml', 'office: 平潭综合实验区管委会\nschema: ./my.yaml\nrules:\n  placeholder: loud\n', defaults);
  assert.equal(f.office, '平潭综合实验区管委会');
  assert.equal(f.config.schema, '/x/my.yaml');
  assert.deepEqual(
    f.problems.map((p) => [p.path.join('.'), p.line, p.character]),
    [['rules.placeholder', 3, 2]],
  );
});

test('--previous pairs reports whose names and titles do not tell', async () => {
  const dir = scratchDir('previous');
  copyFileSync(join(corpus, 'suqian-city-2024.txt'), join(dir, 'this-year.txt'));
  copyFileSync(join(corpus, 'suqian-city-2023.txt'), join(dir, 'archive.txt'));
  const alone = await run('check', '--format', 'json', join(dir, 'this-year.txt'));
  const paired = await run('check', '--format', 'json', '--previous', join(dir, 'archive.txt'), join(dir, 'this-year.txt'));
  const across = (r: Awaited<ReturnType<typeof run>>) =>
    r.json().files[0].diagnostics.filter((d) => d.rule === 'cross-year' || d.rule === 'growth-rate');
  assert.equal(across(alone).length, 0);
  assert.ok(across(paired).length > 0);
});

test('--format sarif and --summary on the command line', async () => {
  const dir = scratchDir('outputs');
  const s = await run('check', '--format', 'sarif', join(corpus, 'pingtan-zhqsyq-2020.txt'));
  assert.equal(s.code, 1);
  const log = JSON.parse(s.out);
  assert.equal(log.version, '2.1.0');
  assert.ok(
    log.runs[0].results.some(
      (r: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
        r.ruleId === 'table-sum' && r.locations[0].physicalLocation.region.startLine === 57,
    ),
  );
  for (const ext of ['xlsx', 'csv', 'html']) {
    const file = join(dir, `汇总.${ext}`);
    const r = await run('check', '-q', '--summary', file, join(corpus, 'pingtan-zhqsyq-2020.txt'));
    assert.equal(r.code, 1, r.err);
    assert.ok(readFileSync(file).length > 500, ext);
  }
  const bad = await run('check', '--summary', join(dir, 'x.pdf'), corpus);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /\.xlsx、\.csv 或 \.html/);
});

test('--format compact: every line read by the problem matcher $nianbao the extension contributes', async () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const matcher = new RegExp(manifest.contributes.problemMatchers[0].pattern.regexp);
  const r = await run('check', '--format', 'compact', '--no-config', corpus);
  const json = await run('check', '--format', 'json', '--no-config', corpus);
  const lines = r.out.trimEnd().split('\n');
  // written entry by entry, laid out as JSON.stringify with two spaces would lay out the whole document
  assert.equal(json.out, JSON.stringify(JSON.parse(json.out), null, 2) + '\n');
  const count = JSON.parse(json.out).files.reduce((n: number, f: { diagnostics: unknown[] }) => n + f.diagnostics.length, 0);
  assert.equal(lines.length, count);
  for (const line of lines) {
    const m = matcher.exec(line);
    assert.ok(m, line);
    assert.ok(readFileSync(m[1]).length > 0 && Number(m[2]) >= 1 && Number(m[3]) >= 1);
  }
});

test('repeatedTextWarnAt in the configuration file sets where repeated-text warns', async () => {
  const dir = scratchDir('repeated');
  for (const y of [2012, 2013]) copyFileSync(join(corpus, `pingtan-county-govt-${y}.txt`), join(dir, `pingtan-county-govt-${y}.txt`));
  const level = async () =>
    (await run('check', '--format', 'json', dir))
      .json()
      .files.find((f) => f.path.endsWith('2013.txt'))!
      .diagnostics.find((d) => d.rule === 'repeated-text')?.severity;
  assert.equal(await level(), 'warning');
  writeFileSync(join(dir, '.nianbao.yaml'), 'repeatedTextWarnAt: 0.99\n');
  assert.equal(await level(), 'information');
});
