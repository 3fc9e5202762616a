import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp';

// The language server's entry point (dist/server.js): a connection over the client's stdio or IPC.
startServer(createConnection(ProposedFeatures.all));
