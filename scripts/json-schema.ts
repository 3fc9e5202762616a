// Writes schemas/nianbao-schema.json, the JSON Schema of a report schema, from the zod definition the
// engine validates with, so that editing a schema file in VS Code gets completion, hover and errors.
import { readFileSync, writeFileSync } from 'fs';
import { z } from 'zod';
import { configFileSchema } from '../server/src/configSchema';
import { ruleIds } from '../server/src/engine/rules';
import { SchemaDefinition } from '../server/src/engine/schemaDefinition';

const json = z.toJSONSchema(SchemaDefinition, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
json.title = 'nianbao report schema';
json.description =
  '一种报告的格式：章节、统计表、表内算式、正文复述的表格数字。 / A kind of report: its sections, tables, the arithmetic between cells, and the prose that restates cells.';
writeFileSync('schemas/nianbao-schema.json', JSON.stringify(json, null, 2) + '\n');

// the configuration file .nianbao.yaml / .nianbao.json, likewise
const config = z.toJSONSchema(configFileSchema(), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
config.title = 'nianbao configuration';
config.description = 'nianbao 配置文件：按报告所在文件夹向上查找最近的一个 / the nearest one upward from each report applies';
writeFileSync('schemas/nianbao-config.json', JSON.stringify(config, null, 2) + '\n');

// The setting nianbao.rules names rules from the registry: completion offers them and a typo is marked.
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const rulesSetting = manifest.contributes.configuration.find((c: { id: string }) => c.id === 'nianbao.rules').properties['nianbao.rules'];
const names = { enum: [...ruleIds] };
if (JSON.stringify(rulesSetting.propertyNames) !== JSON.stringify(names)) {
  rulesSetting.propertyNames = names;
  writeFileSync('package.json', JSON.stringify(manifest, null, 2) + '\n');
}
