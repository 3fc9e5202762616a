// How the language server's Node process is started. The benchmark (bench/lsp.ts) starts the server
// with the same options, so that what it measures is what runs in VS Code.

/**
 * V8 favours memory over speed in the server: a small young generation and a heap grown only as
 * needed. With 20 reports open and a drafter typing, the server stays under 100 MB resident instead
 * of ~140 MB (V8 otherwise lets garbage pile up until it is idle), for about a third more time per
 * check, which is still a few milliseconds for a 20 KB report. Measured by `npm run bench`.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--optimize-for-size'];

/**
 * The server's environment, over the extension host's. glibc (Linux) gives threads that allocate memory arenas
 * of their own, up to eight per core, and keeps what is freed in them: V8's compiler and garbage-collector threads
 * left the server ~10 MB above what it holds (20 reports open: 94 MB resident instead of 86, peak 100 instead of
 * 91; its live heap the same). Two arenas give it back. Other C libraries ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/**
 * Where the server keeps V8's code cache of itself (server/src/codeCache.ts): the editor's storage for the
 * extension, on this machine's disk. Not in the debug launch, whose server is compiled with --nolazy anyway.
 */
export function codeCacheEnv(context: { globalStorageUri: { scheme: string; fsPath: string } }): Record<string, string> {
  return context.globalStorageUri.scheme === 'file' ? { NIANBAO_CODE_CACHE_DIR: context.globalStorageUri.fsPath } : {};
}
