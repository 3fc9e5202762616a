import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { builtinSchemas, validateSchema } from '../../server/src/engine';
import { scratchDir } from './scratch';

const root = join(__dirname, '..', '..');

describe('schemas', () => {
  test('the built-in schemas are valid', () => {
    assert.deepEqual(
      builtinSchemas()
        .map((s) => s.id)
        .sort(),
      ['gov-2008', 'gov-2019', 'gov-2021'],
    );
  });

  test('a schema with a dangling reference is refused, with the place named', () => {
    const gov = JSON.parse(readFileSync(join(root, 'server/src/engine/schemas/gov-2021.json'), 'utf8'));
    gov.statements[0].cells = ['applicationTable.granted.nosuchcolumn'];
    gov.tables[0].section = 'nowhere';
    const { schema, problems } = validateSchema(gov);
    assert.equal(schema, undefined);
    assert.deepEqual(problems.map((p) => p.path.join('.')).sort(), ['statements.0.cells.0', 'tables.0.section']);
  });

  test('schemas/nianbao-schema.json is generated from the zod definition and up to date', () => {
    // generated into a scratch folder, so that the file in the tree is compared, never rewritten first
    const scratch = scratchDir('json-schema');
    mkdirSync(join(scratch, 'schemas'));
    copyFileSync(join(root, 'package.json'), join(scratch, 'package.json'));
    const tsx = pathToFileURL(require.resolve('tsx', { paths: [root] })).href;
    execFileSync(process.execPath, ['--import', tsx, join(root, 'scripts/json-schema.ts')], { cwd: scratch });
    assert.equal(
      readFileSync(join(root, 'schemas/nianbao-schema.json'), 'utf8'),
      readFileSync(join(scratch, 'schemas/nianbao-schema.json'), 'utf8'),
      'run `npm run build` and commit schemas/nianbao-schema.json',
    );
  });
});

test('the built-in schemas as the checker loads them are those the sources give, validated (npm run build writes them)', () => {
  const { builtinSchemaData } = require('../../server/src/engine/builtinData') as typeof import('../../server/src/engine/builtinData');
  assert.deepEqual(
    builtinSchemas(),
    builtinSchemaData.map((d) => validateSchema(d).schema),
    'run `npm run build` and commit server/src/engine/schemas/validated.json',
  );
});
