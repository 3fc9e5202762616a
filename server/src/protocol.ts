// Messages between the language server and the VS Code client beyond LSP. Types only, so that both
// bundles may import this file without pulling in the other side.

/** Server → client, after each check of a document: what the status item shows. */
export const StatusNotificationMethod = 'nianbao/status';

export type SchemaReason = 'frontMatter' | 'option' | 'markers' | 'year' | 'none';

export interface StatusParams {
  uri: string;
  /** false: the document is not checked (not a report); the client hides the item */
  report: boolean;
  schema: { id: string; name: string } | null;
  /** how the schema was chosen */
  reason: SchemaReason;
  counts: { error: number; warning: number; information: number; hint: number };
  /** the `schema:` line of the front matter, which wins over the setting */
  frontMatterSchema?: { line: number; start: { line: number; character: number }; end: { line: number; character: number } };
  /** the schemas that can be chosen, in the server's language */
  available: { id: string; name: string }[];
}
