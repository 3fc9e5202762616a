import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { checkReport, ruleRegistry } from '../../server/src/engine';
import { artifactLocation, sarif } from '../../server/src/cli/formats/sarif';
import { fileResult } from '../../server/src/cli/results';
import { corpusResults } from './summary-corpus';

// The official SARIF 2.1.0 schema as the SARIF SDK ships it in its multitool package (one package per
// platform; npm installs the one for this machine).
const platform = process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';
const schemaFile = join(dirname(require.resolve(`@microsoft/sarif-multitool-${platform}/package.json`)), 'sarif-2.1.0.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

const options = { version: '0.1.0', docsBase: 'file:///opt/nianbao/', root: 'file:///work/reports/' };

function valid(text: string): any {
  const log = JSON.parse(text);
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  return log;
}

describe('SARIF', () => {
  const zh = valid(sarif(corpusResults('zh'), { lang: 'zh', ...options }));
  const run = zh.runs[0];

  test('the whole corpus validates against the official 2.1.0 schema, in both languages', () => {
    assert.equal(zh.version, '2.1.0');
    valid(sarif(corpusResults('en'), { lang: 'en', ...options }));
    assert.ok(run.results.length > 50);
  });

  test('the schema does reject what is wrong: a 0-based line, a rule link that is no URI', () => {
    const broken = structuredClone(zh);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(validate(broken), false);
    const badLink = structuredClone(zh);
    badLink.runs[0].tool.driver.rules[0].helpUri = 'docs rules';
    assert.equal(validate(badLink), false);
  });

  test('pingtan-zhqsyq-2020 line 57: （七）总计 20 where the rows add up to 26, 1-based, with its fix', () => {
    const r = run.results.find(
      (x: any) => x.ruleId === 'table-sum' && x.locations[0].physicalLocation.artifactLocation.uri.endsWith('pingtan-zhqsyq-2020.txt'),
    );
    assert.equal(r.level, 'error');
    assert.match(r.message.text, /应为 26（6\+6\+4\+3\+3\+4），表中为 20/);
    const loc = r.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'test/fixtures/corpus/pingtan-zhqsyq-2020.txt', uriBaseId: '%SRCROOT%' });
    // （七）总计 | 20: the figure is the 9th and 10th UTF-16 code units of line 57
    assert.deepEqual(loc.region, { startLine: 57, startColumn: 9, endLine: 57, endColumn: 11 });
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(
      r.ruleIndex,
      ruleRegistry.findIndex((x) => x.id === 'table-sum'),
    );
    assert.equal(r.relatedLocations.length, 6);
    assert.equal(r.relatedLocations[0].physicalLocation.region.startLine, 38);
    assert.deepEqual(r.fixes[0].artifactChanges[0].replacements, [
      { deletedRegion: { startLine: 57, startColumn: 9, endLine: 57, endColumn: 11 }, insertedContent: { text: '26' } },
    ]);
    assert.match(r.fixes[0].description.text, /改为 26/);
  });

  test('the rules are the registry, each described in both languages, with its page', () => {
    const rules = run.tool.driver.rules;
    assert.deepEqual(
      rules.map((r: any) => r.id),
      ruleRegistry.map((r) => r.id),
    );
    for (const [i, r] of rules.entries()) {
      const meta = ruleRegistry[i];
      assert.equal(r.shortDescription.text, meta.description.zh);
      assert.ok(r.fullDescription.text.includes(meta.description.en) && r.fullDescription.text.includes(meta.description.zh));
      assert.equal(r.helpUri, `file:///opt/nianbao/docs/rules/${meta.id}.md`);
      assert.equal(r.defaultConfiguration.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[meta.severity]);
      assert.equal(r.properties.fixable, meta.fixable);
    }
    assert.equal(rules.find((r: any) => r.id === 'table-sum').name, 'TableSum');
  });

  test('a file not recognised or not read is a notification; a Chinese, a Windows and an absolute path are URIs', () => {
    const text = '会议纪要\n\n今天开会。\n';
    const unknown = fileResult('会议/纪要.txt', text, checkReport(text), { lang: 'zh' });
    assert.equal(unknown.schema, null);
    const log = valid(sarif([unknown], { lang: 'zh', ...options, unread: [{ path: '坏.docx', message: '不是 Word 文件' }] }));
    const [bad, note] = log.runs[0].invocations[0].toolExecutionNotifications;
    assert.deepEqual(
      [bad.level, bad.message.text, bad.locations[0].physicalLocation.artifactLocation.uri],
      ['error', '不是 Word 文件', '%E5%9D%8F.docx'],
    );
    assert.equal(note.level, 'note');
    assert.equal(note.locations[0].physicalLocation.artifactLocation.uri, '%E4%BC%9A%E8%AE%AE/%E7%BA%AA%E8%A6%81.txt');
    assert.deepEqual(artifactLocation('C:\\报告\\a b.md'), { uri: 'file:///C:/%E6%8A%A5%E5%91%8A/a%20b.md' });
    assert.deepEqual(artifactLocation('/srv/年报.md'), { uri: 'file:///srv/%E5%B9%B4%E6%8A%A5.md' });
  });

  test('a finding in a Word file names the paragraph, not a line of the extracted text', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'corpus', 'pingtan-zhqsyq-2020.txt'), 'utf8');
    const docx = fileResult('报告.docx', text, checkReport(text), { lang: 'en', locate: () => ({ kind: 'docx', paragraph: 12 }) });
    const log = valid(sarif([docx], { lang: 'en', ...options }));
    const r = log.runs[0].results.find((x: any) => x.ruleId === 'table-sum');
    assert.equal(r.locations[0].physicalLocation.region, undefined);
    assert.equal(r.locations[0].message.text, 'paragraph 12');
    assert.equal(r.fixes, undefined);
  });
});
