import { createHash } from 'crypto';
import * as fs from 'fs';
import { Module } from 'module';
import * as path from 'path';
import * as vm from 'vm';

// A CommonJS bundle run from V8's code cache: the bytecode V8 compiled for it the last time, kept in a folder of
// the user's (the editor's storage for the extension). The language server then starts without compiling its
// 1.4 MB again: ~60 ms less from the server's start to its answer to `initialize`. The cache is made by the
// runtime that uses it (VS Code's, whatever its V8), in the first run, and made again when V8 refuses it.

/** How long after the start the cache is written: by then the reports open at start are usually checked, and what
 * checking them compiled is in it too. */
export const WRITE_CACHE_AFTER_MS = 15_000;

export type CodeCacheUse = 'none' | 'used' | 'rejected' | 'new';

/** The V8 flags set while running (the command line's for long runs): V8 refuses a cache made under other flags. */
let flagsSet = '';

/** Sets V8 flags for the whole process, and makes the code caches written from now on caches for these flags. */
export function setV8Flags(flags: string): void {
  (require('v8') as typeof import('v8')).setFlagsFromString(flags);
  flagsSet += ` ${flags}`;
}

/**
 * Runs the bundle `file` as `require` would; from the code cache in `cacheDir` when there is one made from this very
 * bundle by this runtime (V8 checks its version and flags; the bundle's text is part of the cache's name, as V8
 * only checks its length). Without a folder, the bundle is simply required.
 */
export function runWithCodeCache(file: string, cacheDir: string | undefined, writeAfterMs = WRITE_CACHE_AFTER_MS): CodeCacheUse {
  if (!cacheDir) {
    require(file);
    return 'none';
  }
  const source = fs.readFileSync(file, 'utf8');
  // the caches of a bundle under other flags are kept apart: runs with and without them take turns
  const base = path.basename(file, '.js');
  const name = flagsSet ? `${base}+${createHash('sha1').update(flagsSet).digest('hex').slice(0, 8)}` : base;
  const key = createHash('sha1')
    .update(source)
    .update(`${process.version} ${process.arch} ${process.execArgv.join(' ')}${flagsSet}`)
    .digest('hex');
  const cacheFile = path.join(cacheDir, `${name}-${key.slice(0, 16)}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // none yet
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const use: CodeCacheUse = !cachedData ? 'new' : script.cachedDataRejected ? 'rejected' : 'used';
  if (use !== 'used') {
    // a while after the start, or at the end of a shorter run (the editor closed at once)
    let written = false;
    const write = () => {
      if (!written) writeCache(script, cacheFile, name);
      written = true;
    };
    setTimeout(write, writeAfterMs).unref();
    process.once('exit', write);
  }
  const mod = new Module(file, module);
  mod.filename = file;
  require.cache[file] = mod;
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return use;
}

function writeCache(script: vm.Script, cacheFile: string, name: string): void {
  const dir = path.dirname(cacheFile);
  try {
    fs.mkdirSync(dir, { recursive: true });
    // the caches of earlier versions of the bundle (or of another runtime) are of no more use
    for (const f of fs.readdirSync(dir))
      if (f.startsWith(`${name}-`) && f.endsWith('.cache') && f !== path.basename(cacheFile)) fs.rmSync(path.join(dir, f), { force: true });
    // written whole, then renamed: another window's server may be reading it
    const temporary = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
  } catch {
    // no cache: the next start compiles the bundle from its text, as without one
  }
}
