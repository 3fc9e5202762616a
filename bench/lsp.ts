import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../client/src/serverProcess';
import { root } from './reports';

// The bundled language server (dist/server.js) over a real LSP connection on stdio, driven as
// VS Code drives it: didOpen/didChange notifications, then a pull-diagnostics request.

/** The built server, or BENCH_SERVER_JS: another build of it to compare with (say, of an earlier commit). */
export const serverJs = process.env.BENCH_SERVER_JS || join(root, 'dist', 'server.js');

/** Node options of the server process: those the extension starts it with, or BENCH_SERVER_FLAGS (space-separated) to try others. */
export const serverFlags: readonly string[] =
  process.env.BENCH_SERVER_FLAGS !== undefined ? process.env.BENCH_SERVER_FLAGS.split(' ').filter(Boolean) : SERVER_EXEC_ARGV;

export interface Server {
  proc: ChildProcess;
  conn: MessageConnection;
  /** from spawning the process to the initialize response, in ms */
  initializeMs: number;
  setDebounce(ms: number): Promise<void>;
  open(uri: string, text: string): Promise<void>;
  change(uri: string, version: number, range: Range, text: string): Promise<void>;
  diagnostics(uri: string): Promise<unknown[]>;
  close(): void;
  /** as the editor ends a server: shutdown, then exit (the server writes its code cache then, if it has none) */
  shutdown(): Promise<void>;
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** `codeCacheDir`: where the server keeps V8's code cache of itself, as the extension names one (codeCacheEnv) */
export async function startServer(debounceMs: number, flags: readonly string[] = serverFlags, codeCacheDir?: string): Promise<Server> {
  if (!existsSync(serverJs)) throw new Error(`${serverJs} is missing: run npm run build`);
  const settings = { schema: 'auto', debounceMs };
  let configured: () => void = () => {};
  let refreshed: () => void = () => {};
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...flags, serverJs, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...SERVER_ENV, ...(codeCacheDir ? { NIANBAO_CODE_CACHE_DIR: codeCacheDir } : {}) },
  });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
    setImmediate(() => configured());
    return p.items.map(() => ({ ...settings }));
  });
  conn.onRequest('workspace/diagnostic/refresh', () => {
    refreshed();
    return null;
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    locale: 'zh-cn',
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: {}, synchronization: { didSave: false } },
    },
  });
  const initializeMs = performance.now() - t0;
  const ready = new Promise<void>((r) => (configured = r));
  await conn.sendNotification('initialized', {});
  await ready; // the server has read the settings

  return {
    proc,
    conn,
    initializeMs,
    async setDebounce(ms) {
      settings.debounceMs = ms;
      const done = new Promise<void>((r) => (refreshed = r));
      await conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await done; // the server re-read its settings and asked for fresh diagnostics
    },
    open: (uri, text) =>
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } }),
    change: (uri, version, range, text) =>
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] }),
    async diagnostics(uri) {
      const r = await conn.sendRequest<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } });
      return r.items;
    },
    close() {
      conn.dispose();
      proc.kill();
    },
    async shutdown() {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      await exited;
      conn.dispose();
    },
  };
}

/** A file URI named like a report (年度报告), so the server checks it as one. */
export const reportUri = (name: string) => `file:///bench/${encodeURIComponent(`${name}-年度报告.txt`)}`;
