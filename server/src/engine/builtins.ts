import validated from './schemas/validated.json';
import type { Schema } from './schema';

// The official formats, newest first, as validated when the package was built (scripts/builtin-schemas.ts):
// checking reports with them loads no validator.
const schemas = validated as unknown as Schema[];

export function builtinSchemas(): Schema[] {
  return schemas;
}

export function builtinSchema(id: string): Schema | undefined {
  return schemas.find((s) => s.id === id);
}
