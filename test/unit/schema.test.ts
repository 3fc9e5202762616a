import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { builtinSchemas, validateSchema } from '../../server/src/engine';

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
    assert.deepEqual(problems.map((p) => p.path.join('.')).sort(), ['statements.0', 'tables.0.section']);
  });

  test('schemas/nianbao-schema.json is generated from the zod definition and up to date', () => {
    const before = readFileSync(join(root, 'schemas/nianbao-schema.json'), 'utf8');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/json-schema.ts'], { cwd: root });
    assert.equal(
      readFileSync(join(root, 'schemas/nianbao-schema.json'), 'utf8'),
      before,
      'run `npm run build` and commit schemas/nianbao-schema.json',
    );
  });
});
