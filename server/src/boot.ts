import * as path from 'path';
import { runWithCodeCache } from './codeCache';

// The language server's process starts here (dist/server.js). The server itself is dist/server-main.js, run from
// V8's code cache in the folder the extension names (NIANBAO_CODE_CACHE_DIR: the editor's storage for it).
runWithCodeCache(path.join(__dirname, 'server-main.js'), process.env.NIANBAO_CODE_CACHE_DIR || undefined);
