import * as fs from 'fs';
import { CodeActionKind, TextDocuments, TextDocumentSyncKind, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaults, type Config, type Lang } from '../config';
import { createChecker } from './checker';
import { checkFile } from './checkFile';
import { documentFiles } from './documents';
import { codeActions, FIX_ALL } from './codeActions';
import { completion } from './completion';
import type { Feature, ServerContext } from './context';
import { diagnostics } from './diagnostics';
import { inlayHints } from './inlayHints';
import { definition, hover } from './navigation';
import { folding, outline } from './outline';
import { cachedDisk, reportFiles, type FileSystem } from './reportFiles';
import { loadSettings } from './settings';
import { configFiles, isConfigFile } from './configFiles';
import { schemaFileFeature, schemaFiles } from './schemaFiles';
import { virtualFiles } from './virtualFiles';
import { workspaceState, workspaceTrust } from './workspaceTrust';

// The language server: which documents are reports, when to check them, and each feature on its own.

const features: Feature[] = [
  diagnostics,
  codeActions,
  completion,
  hover,
  definition,
  outline,
  folding,
  inlayHints,
  checkFile,
  documentFiles,
  schemaFileFeature,
  workspaceTrust,
  virtualFiles,
];

/** Wires every feature to a connection and starts listening; the disk is passed in for last year's reports. */
export function startServer(connection: Connection, disk?: FileSystem): ServerContext {
  const documents = new TextDocuments(TextDocument);
  const log = (message: string) => connection.console.log(message);
  let config: Config = defaults;
  let lang: Lang = 'zh';
  const client = { snippets: false, inlayRefresh: false };
  // last year's report read late (a PDF): every report is checked again with it
  const files = disk ?? cachedDisk(fs, log, () => recheckAll());
  const reports = reportFiles(documents, files);
  const configs = configFiles((uri) => documents.get(uri), files);
  const configOf = (doc: TextDocument) => configs.forReport(doc, config);
  const workspace = workspaceState();
  const told = new Set<string>();
  const schemas = schemaFiles({
    workspace,
    // the schema file as saved: a report is checked again when it is saved, not at every keystroke in it
    readFile: disk ? disk.readFile : readFresh,
    tell: (message) => {
      if (told.has(message.en)) return;
      told.add(message.en);
      connection.sendNotification('window/showMessage', { type: 2, message: message[lang] }).catch((e) => log(`message not shown: ${e}`));
    },
  });
  const checker = createChecker(configOf, reports.previous, schemas.schemaFor, { log });
  const context: ServerContext = {
    connection,
    documents,
    config: () => config,
    configOf,
    configFileDiagnostics: (doc) => configs.diagnostics(doc, config, lang),
    lang: () => lang,
    client,
    reports,
    checker,
    schemaFiles: schemas,
    workspace,
    recheckAll: () => recheckAll(),
    log,
  };

  connection.onInitialize((params) => {
    lang = /^zh/i.test(params.locale ?? '') || !params.locale ? 'zh' : 'en';
    client.snippets = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    client.inlayRefresh = !!params.capabilities.workspace?.inlayHint?.refreshSupport;
    workspace.initialize(params);
    return {
      capabilities: {
        // saves too: a schema file saved checks its reports again
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
        completionProvider: { triggerCharacters: ['#', '|', ':'] },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: { label: 'nianbao' },
        foldingRangeProvider: true,
        inlayHintProvider: true,
      },
    };
  });
  connection.onInitialized(async () => {
    config = await loadSettings(connection, log);
  });
  connection.onDidChangeConfiguration(async () => {
    config = await loadSettings(connection, log);
    checker.clear();
    // a client that cannot refresh answers with an error, which is no reason to stop (the typing says void, it is a promise)
    Promise.resolve(connection.languages.diagnostics.refresh()).catch((e) => log(`diagnostics not refreshed: ${e}`));
    if (client.inlayRefresh) connection.languages.inlayHint.refresh().catch((e) => log(`inlay hints not refreshed: ${e}`));
  });
  documents.onDidClose((e) => checker.forget(e.document.uri));
  // a configuration file changed: every report may be checked differently
  function recheckAll() {
    told.clear();
    checker.clear();
    Promise.resolve(connection.languages.diagnostics.refresh()).catch((e) => log(`diagnostics not refreshed: ${e}`));
  }
  documents.onDidChangeContent((e) => isConfigFile(e.document.uri) && recheckAll());
  // a file changed on the disk: what was read of it is read again
  connection.onDidChangeWatchedFiles(() => {
    files.forget?.();
    recheckAll();
  });

  for (const feature of features) feature(context);
  documents.listen(connection);
  connection.listen();
  return context;
}

/** A file's text as it is on the disk now: a schema file just saved is read as saved, never from a cache. */
function readFresh(file: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
  } catch {
    return undefined;
  }
}
