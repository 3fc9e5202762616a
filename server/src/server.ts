import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp';
import { isCheckProcess } from './lsp/checkWorker';

// The language server (dist/server-main.js, started from dist/server.js): a connection over the client's stdio or IPC. The
// same file runs in the process that checks large reports in the background (lsp/checkWorker.ts).
if (!isCheckProcess) startServer(createConnection(ProposedFeatures.all));
