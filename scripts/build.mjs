// One esbuild bundle per side: the VS Code client, the language server, the command-line checker.
import { execFileSync } from 'child_process';
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'fs';

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

// pdf.js loads the native @napi-rs/canvas when it finds one, for drawing pages; reading text needs
// no canvas, and the extension must run no native code, so the bundle never asks for it
const noCanvas = {
  name: 'no-canvas',
  setup(b) {
    b.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.mjs$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replaceAll('require("@napi-rs/canvas")', 'undefined');
      if (contents === source) throw new Error('pdf.js no longer asks for @napi-rs/canvas as scripts/build.mjs expects');
      return { contents, loader: 'js' };
    });
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  // the language server, and the small file its process starts from, which runs it from V8's code cache
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-main.js' }),
  build({ ...common, entryPoints: ['server/src/boot.ts'], outfile: 'dist/server.js' }),
  // The command line starts often and is run from the package with its node_modules: it is minified, and
  // what only some runs need (the workbook, the Word writer, zod for users' schemas and configuration files)
  // is required from node_modules when needed.
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', minify: true, external: ['exceljs', 'docx', 'zod'] }),
  // the PDF reader with pdf.js, loaded only when a PDF is read (server/src/documents/pdf.ts)
  // (its compressed streams inflated by zlib at once: pdfInflate.ts stands in for the web's DecompressionStream)
  build({
    ...common,
    entryPoints: ['server/src/documents/pdfExtract.ts'],
    outfile: 'dist/pdf-reader.js',
    plugins: [noCanvas],
    inject: ['server/src/documents/pdfInflate.ts'],
  }),
]);

// V8's code cache of the command line (see bin/nianbao.js): made by checking two reports of one office with
// the new bundle, so that it holds what a check runs, across years included. A cache that cannot be made
// is no fault: the command line then compiles the bundle at each start.
rmSync('dist/cli.js.cache', { force: true });
try {
  const reports = ['suqian-city-2023.txt', 'suqian-city-2024.txt'].map((f) => `test/fixtures/corpus/${f}`);
  execFileSync(process.execPath, ['bin/nianbao.js', 'check', '-q', '--no-config', '--format', 'json', ...reports], {
    env: { ...process.env, NIANBAO_WRITE_CODE_CACHE: '1' },
    stdio: 'ignore',
  });
} catch (e) {
  if (e.status !== 1) console.warn(`the command line's code cache was not made: ${e.message}`);
}

// the character maps of the Chinese (GB) fonts a PDF may name without embedding them, for pdf-reader.js
const cmaps = 'node_modules/pdfjs-dist/cmaps';
mkdirSync('dist/pdf-cmaps', { recursive: true });
for (const name of readdirSync(cmaps)) if (/GB/.test(name)) copyFileSync(`${cmaps}/${name}`, `dist/pdf-cmaps/${name}`);
