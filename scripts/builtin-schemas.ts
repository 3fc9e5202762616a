// Writes server/src/engine/schemas/validated.json: the built-in schemas as zod reads them (defaults filled
// in), so that a run with them loads no zod and validates nothing. schema.test.ts keeps it up to date.
import { writeFileSync } from 'fs';
import { builtinSchemaData } from '../server/src/engine/builtinData';
import { validateSchema } from '../server/src/engine/schema';

const validated = builtinSchemaData.map((data) => {
  const { schema, problems } = validateSchema(data);
  if (!schema) throw new Error(`a built-in schema is invalid: ${JSON.stringify(problems.map((p) => `${p.path.join('.')}: ${p.message}`))}`);
  return schema;
});
writeFileSync('server/src/engine/schemas/validated.json', JSON.stringify(validated) + '\n');
