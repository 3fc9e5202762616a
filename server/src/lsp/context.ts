import type { Connection, DocumentDiagnosticReport, TextDocuments } from 'vscode-languageserver';
import type { ReportConfig } from './configFiles';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Config, Lang } from '../config';
import type { Checker } from './checker';
import type { ReportFiles } from './reportFiles';
import type { SchemaFiles } from './schemaFiles';
import type { WorkspaceState } from './workspaceTrust';

/** What every feature is given when it registers itself: no feature reaches for a singleton. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** the settings now in force (they change when the user changes them) */
  config(): Config;
  /** the configuration a report is checked with: the settings, with its configuration file over them */
  configOf(doc: TextDocument): ReportConfig;
  /** an open configuration file's own problems */
  configFileDiagnostics(doc: TextDocument): DocumentDiagnosticReport;
  lang(): Lang;
  /** what the client said it can do, read at initialize */
  client: { snippets: boolean; inlayRefresh: boolean };
  reports: ReportFiles;
  checker: Checker;
  /** users' own schema files: their problems, and the schema a report's setting names */
  schemaFiles: SchemaFiles;
  /** the workspace folders and whether the user trusts them */
  workspace: WorkspaceState;
  /** every report checked again (a configuration or schema file changed, or the trust) */
  recheckAll(): void;
  /** to the output channel: what went wrong where nothing else would say it */
  log(message: string): void;
}

/** A feature of the server: it registers its handlers on the connection. */
export type Feature = (context: ServerContext) => void;
