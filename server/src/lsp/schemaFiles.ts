import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { DiagnosticSeverity, DocumentDiagnosticReportKind, type DocumentDiagnosticReport } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../config';
import { builtinSchema, lineStarts, rangeOf, type Localized, type Schema } from '../engine';
import { isConfigFile } from './configFiles';
import type { Feature } from './context';
import { readSchemaText, type ReadSchema } from './schemaProblems';
import type { WorkspaceState } from './workspaceTrust';

// Users' own schema files: named *.nianbao.yaml / *.nianbao.json / *.nianbao-schema.yaml|json, or named
// by the setting nianbao.schema or a configuration file. Reports are checked with the file as saved on
// the disk; the open file shows its own mistakes as it is typed. A schema file that cannot be used never
// stops checking: the report is checked against the built-in formats, and the user is told why once.

const SCHEMA_FILE_NAME = /^[^/\\]+\.nianbao(?:-schema)?\.(?:ya?ml|json)$/i;

export interface SchemaFiles {
  /** a file named as a schema file, or one a report's setting or configuration file has named */
  isSchemaFile(uri: string): boolean;
  /** the open schema file's own problems, at their places */
  diagnostics(doc: TextDocument, lang: Lang): DocumentDiagnosticReport;
  /** the schema a report is checked with: a built-in one, a file's, or none (auto, or a file that cannot be used) */
  schemaFor(doc: TextDocument, setting: string): Schema | undefined;
}

export interface SchemaFileOptions {
  workspace: WorkspaceState;
  /** a file's saved text, or undefined when it cannot be read */
  readFile(file: string): string | undefined;
  /** told once for each distinct reason a schema file is not used */
  tell(message: Localized): void;
}

export function schemaFiles(options: SchemaFileOptions): SchemaFiles {
  const named = new Set<string>();
  const cache = new Map<string, { text: string; read: ReadSchema }>();
  const load = (file: string): ReadSchema | undefined => {
    const text = options.readFile(file);
    if (text === undefined) return undefined;
    const hit = cache.get(file);
    if (hit?.text === text) return hit.read;
    const read = readSchemaText(text);
    cache.set(file, { text, read });
    return read;
  };
  return {
    isSchemaFile: (uri) => (SCHEMA_FILE_NAME.test(path.posix.basename(uri)) && !isConfigFile(uri)) || named.has(uri),
    diagnostics(doc, lang) {
      const text = doc.getText();
      const starts = lineStarts(text);
      const items = readSchemaText(text).problems.map((p) => ({
        source: 'nianbao',
        code: 'schema-file',
        severity: DiagnosticSeverity.Error,
        message: p.message[lang],
        range: rangeOf(starts, p.start, p.end),
      }));
      return { kind: DocumentDiagnosticReportKind.Full, items };
    },
    schemaFor(doc, setting) {
      if (setting === 'auto') return undefined;
      const builtin = builtinSchema(setting);
      if (builtin) return builtin;
      const file = schemaPath(setting, doc, options.workspace);
      if (!file) {
        options.tell({
          zh: `格式文件 ${setting} 是相对路径，但报告不在工作区文件夹中：请写成绝对路径。报告暂按内置格式检查`,
          en: `the schema file ${setting} is a relative path, but the report is not in a workspace folder: give an absolute path. The report is checked against the built-in formats meanwhile`,
        });
        return undefined;
      }
      named.add(pathToFileURL(file).href);
      if (!options.workspace.trusted() && !options.workspace.contains(file)) {
        options.tell({
          zh: `此文件夹未受信任：不读取工作区以外的格式文件 ${file}。信任此文件夹后即按它检查；报告暂按内置格式检查`,
          en: `this folder is not trusted: the schema file ${file}, outside the workspace, is not read. Trust the folder to use it; the report is checked against the built-in formats meanwhile`,
        });
        return undefined;
      }
      const read = load(file);
      if (!read) {
        options.tell({
          zh: `无法读取格式文件 ${file}；报告暂按内置格式检查`,
          en: `cannot read the schema file ${file}; the report is checked against the built-in formats meanwhile`,
        });
        return undefined;
      }
      if (!read.schema)
        options.tell({
          zh: `格式文件 ${path.basename(file)} 有 ${read.problems.length} 处错误（打开它可以看到），报告暂按内置格式检查`,
          en: `the schema file ${path.basename(file)} has ${read.problems.length} mistake(s) (open it to see them); the report is checked against the built-in formats meanwhile`,
        });
      return read.schema;
    },
  };
}

/**
 * Where a schema path points: a configuration file has made its own absolute already; the setting's
 * relative path is taken from the workspace folder that holds the report (else the first folder).
 */
function schemaPath(setting: string, doc: TextDocument, workspace: WorkspaceState): string | undefined {
  if (path.isAbsolute(setting)) return path.normalize(setting);
  const folders = workspace.folders();
  const report = doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : undefined;
  const folder = (report && folders.find((f) => workspace.contains(report) && !path.relative(f, report).startsWith('..'))) ?? folders[0];
  return folder ? path.resolve(folder, setting) : undefined;
}

/** A schema file saved: the reports that use it are checked again (with the file as saved). */
export const schemaFileFeature: Feature = (context) => {
  context.documents.onDidSave((e) => {
    if (context.schemaFiles.isSchemaFile(e.document.uri)) context.recheckAll();
  });
};
