import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { DiagnosticSeverity, DocumentDiagnosticReportKind, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Config, Lang } from '../config';
import { CONFIG_FILE_NAMES, findConfigFile, isIgnored, parseConfigFile, type ConfigFile } from '../configFile';
import type { FileSystem } from './reportFiles';

// The configuration file in the editor, read as the command line reads it: the nearest one upward
// from a report, over the user's settings; an open one is read from the editor, unsaved edits included.

export interface ReportConfig {
  config: Config;
  office?: string;
  /** the configuration file says not to check this report */
  ignored: boolean;
  file?: ConfigFile;
}

export const isConfigFile = (uri: string) => (CONFIG_FILE_NAMES as readonly string[]).includes(path.posix.basename(uri));

export function configFiles(open: (uri: string) => TextDocument | undefined, disk: FileSystem) {
  const read = (file: string) => open(pathToFileURL(file).href)?.getText() ?? disk.readFile(file);
  // asked at every request on a report (hover, completion, diagnostics): the file is parsed again only when it
  // or the settings under it changed
  const parsedFiles = new Map<string, { text: string; settings: Config; parsed: ConfigFile }>();
  const parse = (file: string, text: string, settings: Config): ConfigFile => {
    const hit = parsedFiles.get(file);
    if (hit && hit.text === text && hit.settings === settings) return hit.parsed;
    const parsed = parseConfigFile(file, text, settings);
    parsedFiles.set(file, { text, settings, parsed });
    return parsed;
  };
  return {
    /** the configuration a report is checked with */
    forReport(doc: TextDocument, settings: Config): ReportConfig {
      if (!doc.uri.startsWith('file:')) return { config: settings, ignored: false };
      const file = fileURLToPath(doc.uri);
      const found = findConfigFile(path.dirname(file), { readFile: read });
      if (!found) return { config: settings, ignored: false };
      const parsed = parse(found.path, found.text, settings);
      return { config: parsed.config, office: parsed.office, ignored: isIgnored(file, parsed), file: parsed };
    },
    /** an open configuration file's own problems, at their places */
    diagnostics(doc: TextDocument, settings: Config, lang: Lang) {
      const parsed = parseConfigFile(fileURLToPath(doc.uri), doc.getText(), settings);
      const items: Diagnostic[] = parsed.problems.map((p) => ({
        source: 'nianbao',
        severity: DiagnosticSeverity.Error,
        message: p.message[lang],
        range: { start: { line: p.line, character: p.character }, end: { line: p.line, character: p.character + keyLength(doc, p) } },
      }));
      return { kind: DocumentDiagnosticReportKind.Full, items } as const;
    },
  };
}

/** The length of the word a problem points at, so that it is underlined whole. */
function keyLength(doc: TextDocument, p: { line: number; character: number }): number {
  const rest = doc.getText({ start: p, end: { line: p.line + 1, character: 0 } });
  return Math.max(1, /^["']?[^\s:,"'}\]]*["']?/.exec(rest)?.[0].length ?? 1);
}
