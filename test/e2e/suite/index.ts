// Entry point that VS Code's extension host loads as extensionTestsPath: runs the mocha suite in it.
import * as path from 'path';
import type MochaType from 'mocha';

export function run(): Promise<void> {
  // mocha lives in test/e2e/tools/node_modules (the e2e tools' own lockfile), next to this out/ folder
  const Mocha: typeof MochaType = require(require.resolve('mocha', { paths: [path.resolve(__dirname, '..', 'tools')] }));
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120000, reporter: 'spec' });
  if (process.env.NIANBAO_E2E_GREP) mocha.grep(process.env.NIANBAO_E2E_GREP);
  // run in order: the first test of nianbao.test needs a window where no report has been opened yet
  if (process.env.NIANBAO_E2E_TRUST === 'untrusted') {
    // a pass of its own (run.sh), in restricted mode: only what is to be seen there
    mocha.addFile(path.join(__dirname, 'trust.test.js'));
  } else {
    mocha.addFile(path.join(__dirname, 'nianbao.test.js'));
    mocha.addFile(path.join(__dirname, 'editor.test.js'));
  }
  mocha.addFile(path.join(__dirname, 'documents.test.js'));
  // last: it opens the reports documents.test wants closed for its workspace check
  if (process.env.NIANBAO_E2E_TRUST !== 'untrusted') {
    mocha.addFile(path.join(__dirname, 'workspace.test.js'));
    // after all others: its long report stays open in the extension host a while after its tab is closed
    mocha.addFile(path.join(__dirname, 'reopen.test.js'));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats;
      console.log(`e2e: ${s?.passes ?? 0} passed, ${s?.failures ?? failures} failed`);
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
