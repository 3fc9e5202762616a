import gov2021 from './schemas/gov-2021.json';
import gov2019 from './schemas/gov-2019.json';
import gov2008 from './schemas/gov-2008.json';
import { validateSchema, type Schema } from './schema';

function load(data: unknown): Schema {
  const { schema, problems } = validateSchema(data);
  if (!schema) throw new Error(`built-in schema is invalid: ${JSON.stringify(problems)}`);
  return schema;
}

/** The official formats, newest first; validated once when first asked for. */
let cache: Schema[] | undefined;
export function builtinSchemas(): Schema[] {
  return (cache ??= [load(gov2021), load(gov2019), load(gov2008)]);
}

export function builtinSchema(id: string): Schema | undefined {
  return builtinSchemas().find((s) => s.id === id);
}
