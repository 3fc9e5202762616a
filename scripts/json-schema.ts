// Writes schemas/nianbao-schema.json, the JSON Schema of a report schema, from the zod definition the
// engine validates with, so that editing a schema file in VS Code gets completion, hover and errors.
import { writeFileSync } from 'fs';
import { z } from 'zod';
import { SchemaDefinition } from '../server/src/engine/schema';

const json = z.toJSONSchema(SchemaDefinition, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
json.title = 'nianbao report schema';
json.description =
  '一种报告的格式：章节、统计表、表内算式、正文复述的表格数字。 / A kind of report: its sections, tables, the arithmetic between cells, and the prose that restates cells.';
writeFileSync('schemas/nianbao-schema.json', JSON.stringify(json, null, 2) + '\n');
