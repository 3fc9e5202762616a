import { promises as fs } from 'fs';
import { builtinSchema, validateSchema, type Schema } from '../engine';

/** --schema takes a built-in id or a path to a JSON or YAML schema file. */
export async function loadSchemaArg(arg: string): Promise<{ schema?: Schema; error?: string }> {
  const builtin = builtinSchema(arg);
  if (builtin) return { schema: builtin };
  let text: string;
  try {
    text = await fs.readFile(arg, 'utf8');
  } catch {
    return {
      error: `--schema ${arg}: 既不是内置格式（gov-2021、gov-2019），也不是可读的文件 / neither a built-in schema (gov-2021, gov-2019) nor a readable file`,
    };
  }
  let checked: ReturnType<typeof validateSchema>;
  try {
    checked = schemaFromText(arg, text);
  } catch (e) {
    return { error: `${arg}: 无法解析 / cannot be parsed: ${(e as Error).message}` };
  }
  const { schema, problems } = checked;
  if (schema) return { schema };
  return { error: problems.map((p) => `${arg}: ${p.path.join('.') || '(root)'}: ${p.message}`).join('\n') };
}

/** A schema file's text read as YAML or JSON, by the file's name, and validated; throws when it cannot be parsed. */
export function schemaFromText(file: string, text: string): ReturnType<typeof validateSchema> {
  // yaml is loaded for a YAML file only
  return validateSchema(/\.ya?ml$/i.test(file) ? (require('yaml') as typeof import('yaml')).parse(text) : JSON.parse(text));
}
