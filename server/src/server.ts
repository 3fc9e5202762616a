import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp';
import { isCheckThread } from './lsp/checkWorker';

// The language server's entry point (dist/server.js): a connection over the client's stdio or IPC. The
// same file runs in the thread that checks large reports in the background (lsp/checkWorker.ts).
if (!isCheckThread) startServer(createConnection(ProposedFeatures.all));
