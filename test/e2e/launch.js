#!/usr/bin/env node
// The standard @vscode/test-electron entry, with one unusual option: vscodeExecutablePath is the
// code-server stand-in (code-server-test-host.js), since no desktop VS Code can be installed here.
// usage: node launch.js <extensionDevelopmentPath> <extensionTestsPath> <workspace> <extensions dir> <user data dir>
'use strict';
const path = require('path');
const { runTests } = require(path.join(__dirname, 'tools/node_modules/@vscode/test-electron'));

(async () => {
  const [dev, tests, folder, extensionsDir, userDataDir] = process.argv.slice(2).map((p) => path.resolve(p));
  try {
    await runTests({
      vscodeExecutablePath: path.join(__dirname, 'code-server-test-host.js'),
      extensionDevelopmentPath: dev,
      extensionTestsPath: tests,
      launchArgs: [
        `--extensions-dir=${extensionsDir}`,
        `--user-data-dir=${userDataDir}`,
        folder,
        // the display language (VS Code's own --locale), when NIANBAO_E2E_LOCALE asks for one
        ...(process.env.NIANBAO_E2E_LOCALE ? [`--locale=${process.env.NIANBAO_E2E_LOCALE}`] : []),
      ],
      // read by the suite, inside the extension host (code-server passes its environment on)
      extensionTestsEnv: { NIANBAO_E2E_EXTENSIONS_DIR: extensionsDir, NIANBAO_E2E_LOCALE: process.env.NIANBAO_E2E_LOCALE || '' },
    });
  } catch (err) {
    console.error(`e2e: ${err && err.message ? err.message : err}`);
    process.exit(1);
  }
})();
