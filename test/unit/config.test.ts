import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaults, parseConfig } from '../../server/src/config';

test('a valid configuration is taken whole', () => {
  const { config, problems } = parseConfig({
    schema: 'gov-2019',
    rules: { 'table-sum': 'warning' },
    deadline: 'government',
    debounceMs: 0,
  });
  assert.deepEqual(problems, []);
  assert.equal(config.schema, 'gov-2019');
  assert.deepEqual(config.rules, { 'table-sum': 'warning' });
  assert.equal(config.deadline, 'government');
  assert.equal(config.debounceMs, 0);
  assert.deepEqual(config.inlayHints, { totals: false });
});

test('a wrong field costs that field only, and says where', () => {
  const { config, problems } = parseConfig({
    deadline: 'soon',
    debounceMs: -1,
    rules: { 'table-sum': 'loud', 'no-such': 'off', placeholder: 'off' },
    colour: 1,
  });
  assert.equal(config.deadline, 'auto');
  assert.equal(config.debounceMs, defaults.debounceMs);
  assert.deepEqual(config.rules, { placeholder: 'off' });
  assert.deepEqual(
    problems.map((p) => p.path.join('.')),
    ['deadline', 'debounceMs', 'rules.table-sum', 'rules.no-such', 'colour'],
  );
  assert.match(problems[0].message.zh, /department（部门）/);
  assert.match(problems[3].message.en, /unknown rule “no-such”/);
});

test('a later configuration overrides an earlier one field by field; defaults stay untouched', () => {
  const first = parseConfig({ rules: { 'table-sum': 'warning' }, schema: 'gov-2021' }).config;
  const { config } = parseConfig({ rules: { placeholder: 'off' } }, first);
  assert.deepEqual(config.rules, { 'table-sum': 'warning', placeholder: 'off' });
  assert.equal(config.schema, 'gov-2021');
  assert.deepEqual(defaults.rules, {});
  assert.deepEqual(parseConfig('yes').problems[0].path, []);
});
