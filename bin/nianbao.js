#!/usr/bin/env node
'use strict';
// The command-line checker; the bundle is made by `npm run build`.
try {
  require.resolve('../dist/cli.js');
} catch {
  process.stderr.write('nianbao: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(2);
}
require('../dist/cli.js').run();
