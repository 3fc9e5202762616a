import type { z } from 'zod';
import type { SchemaDefinition } from './schemaDefinition';

// A schema is data: the sections a kind of report must have, its statistical tables and the
// arithmetic between their cells. Built-in schemas are JSON files beside this one, validated when the
// package is built; users may write their own in the same shape, validated when read. The definition
// in zod (schemaDefinition.ts) is loaded only then: most runs check reports with the built-in ones.

export type Schema = z.output<typeof SchemaDefinition>;
export type TableSchema = Schema['tables'][number];
export type SectionSchema = Schema['sections'][number];
export type Identity = TableSchema['identities'][number];
export type Localized = { zh: string; en: string };
export type Statement = Schema['statements'][number];
export type Chain = Schema['chains'][number];

export interface SchemaProblem {
  path: (string | number)[];
  /** in English, as the command line prints it */
  message: string;
  /** zod's issue, for an editor to say it in the user's language and point at the very key */
  issue: z.core.$ZodIssue;
}

/** Validates parsed JSON/YAML as a schema, never throwing: the schema with its defaults filled in, or every problem with its path. */
export function validateSchema(data: unknown): { schema?: Schema; problems: SchemaProblem[] } {
  // required here, not imported above: zod is large, and a run with the built-in schemas needs none of it
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./schemaDefinition') as typeof import('./schemaDefinition')).validateNow(data);
}
