#!/usr/bin/env node
// Stand-in for a VS Code executable, given to @vscode/test-electron's runTests({ vscodeExecutablePath }).
//
// This machine can install neither desktop VS Code nor Electron, but the npm package code-server ships a
// complete VS Code (1.100.3 for code-server 4.100.3): server, Node extension host and web workbench. This
// script accepts the argv that runTests gives a VS Code executable (--extensionDevelopmentPath=...,
// --extensionTestsPath=..., --extensions-dir=..., --user-data-dir=..., [folder]; Electron-only flags are
// ignored), starts code-server on a free loopback port, opens the workbench in Debian's chromium (headless,
// driven by playwright-core) with the test payload in the URL, relays the extension host's log to stdout,
// and exits with the tests' exit code.
//
// A test can ask for a picture of the workbench with console.log('[screenshot] some-name'): the picture is
// saved as some-name.png in $VSCODE_TEST_SCREENSHOT_DIR (when set).
//
// Environment: CODE_SERVER_BIN, CHROMIUM_BIN (defaults: tools/node_modules/.bin/code-server,
// /usr/bin/chromium), VSCODE_TEST_TIMEOUT_MS (whole run, default 480000), VSCODE_TEST_VERBOSE=1 (all logs),
// VSCODE_TEST_KEEP_SCRATCH=1 (keep the scratch folder of a passing run).
//
// --locale=zh-cn (VS Code's own option) sets the display language, which extensions read as
// vscode.env.language. VS Code takes a locale only when a language pack for it is installed, and none can
// be downloaded here: for a locale other than English, the user data folder gets a stub language pack
// (registered in languagepacks.json, with no translations), so that the workbench stays in English but
// VS Code and its extensions run in that locale.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { chromium } = require(path.join(__dirname, 'tools/node_modules/playwright-core'));

const CODE_SERVER = process.env.CODE_SERVER_BIN || path.join(__dirname, 'tools/node_modules/.bin/code-server');
const { CHROMIUM, QUIET_ARGS } = require('./chromium.js');
const TIMEOUT_MS = Number(process.env.VSCODE_TEST_TIMEOUT_MS || 480000);
const VERBOSE = !!process.env.VSCODE_TEST_VERBOSE;
const UNTRUSTED = process.env.NIANBAO_E2E_TRUST === 'untrusted';

function parseArgs(argv) {
  const o = { dev: [], tests: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined, locale: undefined };
  const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'locale'];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      o.folder = path.resolve(argv[i]);
      continue;
    }
    const key = m[1];
    const val = m[2] !== undefined ? m[2] : takesValue.includes(key) ? argv[++i] : undefined;
    if (key === 'extensionDevelopmentPath') o.dev.push(path.resolve(val));
    else if (key === 'extensionTestsPath') o.tests = path.resolve(val);
    else if (key === 'user-data-dir') o.userDataDir = path.resolve(val);
    else if (key === 'extensions-dir') o.extensionsDir = path.resolve(val);
    else if (key === 'locale') o.locale = val.toLowerCase();
    // everything else (--no-sandbox, --disable-gpu-sandbox, --skip-welcome, ...) is meant for Electron
  }
  return o;
}

function xdgEnv(scratch) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'),
    XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
    XDG_CACHE_HOME: path.join(scratch, 'xdg-cache'),
  };
}

// Returns the code-server child at once (so that it can be stopped whatever happens) and a promise of its URL.
function startCodeServer(o, scratch) {
  const userDataDir = o.userDataDir || path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settings = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settings)) {
    fs.writeFileSync(
      settings,
      JSON.stringify(
        {
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          'extensions.ignoreRecommendations': true,
          'telemetry.telemetryLevel': 'off',
          'update.mode': 'none',
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          // NIANBAO_E2E_TRUST=untrusted: Workspace Trust on, the folder not trusted (restricted mode), no prompt
          'security.workspace.trust.enabled': UNTRUSTED,
          'security.workspace.trust.startupPrompt': 'never',
          // the test workspace may sit inside a git repository: keep the git extension quiet
          'git.enabled': false,
          'git.openRepositoryInParentFolders': 'never',
        },
        null,
        2,
      ),
    );
  }
  fs.writeFileSync(path.join(scratch, 'config.yaml'), 'cert: false\n');
  const args = [
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--config',
    path.join(scratch, 'config.yaml'),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    o.extensionsDir || path.join(scratch, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    ...(UNTRUSTED ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  // Newer VS Code (about 1.10x and later) honours the test payload of a built web client only with the
  // smoke-test driver on; code-server versions that need it accept --vscode-option, older ones need nothing.
  const help = spawnSync(CODE_SERVER, ['--help'], { encoding: 'utf8', env: xdgEnv(scratch) }).stdout || '';
  if (help.includes('--vscode-option')) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (o.locale) {
    if (!o.locale.startsWith('en')) stubLanguagePack(userDataDir, o.locale, scratch);
    args.push('--locale', o.locale);
  }
  // detached: code-server and everything it starts (extension host, language servers) get their own
  // process group, which is stopped as a whole at the end.
  const cs = spawn(CODE_SERVER, args, { env: xdgEnv(scratch), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const base = new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d) => {
      buf += d;
      if (VERBOSE) process.stderr.write(`[code-server] ${d}`);
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) resolve(m[1]);
    };
    cs.stdout.on('data', onData);
    cs.stderr.on('data', onData);
    cs.on('exit', (c) => reject(new Error(`code-server exited early (${c}):\n${buf}`)));
    setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${buf}`)), 60000).unref();
  });
  return { cs, base };
}

/**
 * Registers a language pack without translations for `locale` in languagepacks.json of the user data folder
 * (where VS Code's installed language packs are listed), unless one is there. VS Code then resolves the
 * locale, builds its messages from the English defaults, and runs the workbench and the extension hosts
 * with vscode.env.language = locale.
 */
function stubLanguagePack(userDataDir, locale, scratch) {
  const file = path.join(userDataDir, 'languagepacks.json');
  let packs = {};
  try {
    packs = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    /* none yet */
  }
  if (packs[locale]) return;
  const translations = path.join(scratch, `stub-language-pack-${locale}`, 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  packs[locale] = {
    hash: `stub-${locale}`,
    label: `${locale} (stub, no translations)`,
    extensions: [{ extensionIdentifier: { id: `test.stub-language-pack-${locale}` }, version: '0.0.0' }],
    translations: { vscode: translations },
  };
  fs.writeFileSync(file, JSON.stringify(packs, null, 2));
}

async function stopCodeServer(cs) {
  if (!cs) return;
  const gone = new Promise((r) => {
    if (cs.exitCode !== null || cs.signalCode !== null) r();
    else cs.once('exit', r);
  });
  try {
    process.kill(-cs.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const t = setTimeout(() => {
    try {
      process.kill(-cs.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 15000);
  await gone;
  clearTimeout(t);
  // the extension host and language servers may outlive code-server's main process: end the group
  try {
    process.kill(-cs.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

(async () => {
  const o = parseArgs(process.argv.slice(2));
  if (!o.tests || !o.dev.length) throw new Error('need --extensionTestsPath and --extensionDevelopmentPath');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-test-host-'));
  let cs;
  let browser;
  let code = 1;
  const onSignal = async (sig) => {
    process.stderr.write(`code-server-test-host: ${sig}, stopping\n`);
    if (browser) await browser.close().catch(() => {});
    await stopCodeServer(cs);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const started = startCodeServer(o, scratch);
    cs = started.cs;
    const base = await started.base;
    const authority = new URL(base).host;
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = [...o.dev.map((d) => ['extensionDevelopmentPath', remote(d)]), ['extensionTestsPath', remote(o.tests)]];
    let url = `${base}/?payload=${encodeURIComponent(JSON.stringify(payload))}`;
    if (o.folder) url += `&folder=${encodeURIComponent(o.folder)}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      env: { ...process.env, HOME: scratch, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config') }, // crashpad writes under ~/.config
      args: [...QUIET_ARGS, '--lang=en-US'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    let done;
    const pending = [];
    const exited = new Promise((r) => (done = r));
    const noise =
      /getaddrinfo ENOTFOUND|gallery|\[AgentHost\]|\[ChatModelSelection\]|\[AccountPolicyGate\]|Creating a socket|connection token|Service Worker|additional builtin extensions|ChatSessionStore|took \d+ms/;
    // VS Code's web test runner reports the extension host's console through window.codeAutomationLog and
    // the end of the tests through window.codeAutomationExit.
    await page.exposeFunction('codeAutomationLog', async (type, args) => {
      const line = util.format(...args);
      const shot = /\[screenshot\] ([\w.-]+)/.exec(line);
      if (shot && process.env.VSCODE_TEST_SCREENSHOT_DIR) {
        fs.mkdirSync(process.env.VSCODE_TEST_SCREENSHOT_DIR, { recursive: true });
        const p = page
          .screenshot({ path: path.join(process.env.VSCODE_TEST_SCREENSHOT_DIR, `${shot[1]}.png`) })
          .then(() => process.stdout.write(`[code-server-test-host] saved ${shot[1]}.png\n`))
          .catch((e) => process.stderr.write(`[code-server-test-host] screenshot ${shot[1]} failed: ${e.message}\n`));
        pending.push(p);
        await p;
      }
      // console.log('[click] <selector>') in a test: a click in the workbench, as a user's (a walkthrough's button)
      const click = /\[click\] (.+)$/.exec(line);
      if (click) {
        const p = page
          .click(click[1], { timeout: 10000 })
          .then(() => process.stdout.write(`[code-server-test-host] clicked ${click[1]}\n`))
          .catch((e) => process.stderr.write(`[code-server-test-host] click ${click[1]} failed: ${e.message}\n`));
        pending.push(p);
        await p;
      }
      if (!VERBOSE && noise.test(line)) return;
      (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
    });
    await page.exposeFunction('codeAutomationExit', async (c) => {
      await Promise.all(pending);
      done(c);
    });
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await page.goto(url);
    const result = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS).unref())]);
    if (result === 'timeout') {
      const shot = path.join(process.env.VSCODE_TEST_SCREENSHOT_DIR || scratch, 'timeout.png');
      await page.screenshot({ path: shot }).catch(() => {});
      process.stderr.write(`extension tests timed out after ${TIMEOUT_MS} ms (screenshot: ${shot})\n`);
      code = 1;
    } else {
      code = result;
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stopCodeServer(cs);
  }
  if (code === 0 && !process.env.VSCODE_TEST_KEEP_SCRATCH) {
    await new Promise((r) => setTimeout(r, 500)); // let code-server let go of its files
    fs.rmSync(scratch, { recursive: true, force: true });
  } else {
    process.stderr.write(`code-server-test-host: scratch folder kept: ${scratch}\n`);
  }
  process.exit(code);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
