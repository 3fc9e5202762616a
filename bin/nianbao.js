#!/usr/bin/env node
'use strict';
// The command-line checker; the bundle, dist/cli.js, is made by `npm run build`.
//
// The bundle is compiled from the V8 code cache that the build makes beside it (dist/cli.js.cache: the
// bytecode of what checking a report runs), which saves most of compiling it at every start. The cache
// is used only when it was made from this very bundle (its SHA-1 heads the file) and V8 accepts it (the
// same Node and V8 flags); otherwise the bundle is compiled as any module is. Worker threads of a run
// load the bundle through this file too.
const fs = require('fs');
const path = require('path');

const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
const cacheFile = `${bundle}.cache`;
/** the argument worker threads are started with (server/src/cli/pool.ts) */
const WORKER_FLAG = '--nianbao-worker-thread';

let bytes;
try {
  bytes = fs.readFileSync(bundle);
} catch {
  process.stderr.write('nianbao: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(2);
}
const cli = load(bundle, bytes);
if (!process.argv.includes(WORKER_FLAG)) cli.run();

/** The bundle as a CommonJS module, compiled from the code cache when the cache is the bundle's. */
function load(file, source) {
  const Module = require('module');
  const vm = require('vm');
  const digest = require('crypto').createHash('sha1').update(source).digest();
  let cachedData;
  try {
    const cache = fs.readFileSync(cacheFile);
    if (cache.length > digest.length && digest.equals(cache.subarray(0, digest.length))) cachedData = cache.subarray(digest.length);
  } catch {
    // no cache: compiled from the source
  }
  const script = new vm.Script(Module.wrap(source.toString('utf8')), { filename: file, cachedData });
  // `npm run build` runs a check with this set, and keeps what it compiled for the next runs
  if (process.env.NIANBAO_WRITE_CODE_CACHE === '1')
    process.on('exit', () => {
      const temporary = `${cacheFile}.${process.pid}`;
      try {
        fs.writeFileSync(temporary, Buffer.concat([digest, script.createCachedData()]));
        fs.renameSync(temporary, cacheFile);
      } catch (e) {
        process.stderr.write(`nianbao: the code cache could not be written (${e.message})\n`);
      }
    });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  Module._cache[file] = mod;
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports;
}
