import * as path from 'path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerDocuments } from './documents';
import { registerNewReport } from './newReport';
import { crashHandler } from './restart';
import { codeCacheEnv, SERVER_ENV, SERVER_EXEC_ARGV } from './serverProcess';
import { registerStatus } from './status';
import { registerTask } from './task';
import { registerWorkspaceCheck } from './workspaceCheck';
import { initializationOptions, registerWorkspaceSupport, schemaFileSelector, schemaFileWatcher } from './workspaceSupport';
import { registerWalkthrough } from './walkthrough';

// Starts the language server; knows nothing about reports.

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  registerNewReport(context); // needs no server: registered first
  registerTask(context);
  registerWalkthrough(context); // needs no server: its buttons work while it starts
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV], env: { ...SERVER_ENV, ...codeCacheEnv(context) } },
    },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'], env: { ...SERVER_ENV } },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'nianbao' },
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
      { language: 'plaintext', scheme: 'file' },
      { language: 'plaintext', scheme: 'untitled' },
      // the configuration file, whose own mistakes are shown in it
      { scheme: 'file', pattern: '**/.nianbao.{yaml,yml,json}' },
      // users' own schema files, likewise
      ...schemaFileSelector(),
    ],
    initializationOptions: initializationOptions(),
    synchronize: {
      configurationSection: 'nianbao',
      // a configuration file changed on the disk: the reports are checked again
      fileEvents: [workspace.createFileSystemWatcher('**/.nianbao.{yaml,yml,json}'), schemaFileWatcher()],
    },
    // a crashed server is started again, and the user told once (restart.ts)
    errorHandler: crashHandler(),
  };
  client = new LanguageClient('nianbao', 'nianbao', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(client);
  registerStatus(context, client);
  registerWorkspaceCheck(context, client);
  registerDocuments(context, client);
  registerWorkspaceSupport(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
