// One esbuild bundle per side: the VS Code client, the language server, the command-line checker.
import { execFileSync } from 'child_process';
import { build } from 'esbuild';
import { readFileSync } from 'fs';

// the snippets are written from the built-in schemas, so that they never drift from them
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/snippets.ts'], { stdio: 'inherit' });

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // ESM-only dependencies ask for import.meta.url, which a CommonJS bundle must supply
  define: { NIANBAO_VERSION: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
]);
