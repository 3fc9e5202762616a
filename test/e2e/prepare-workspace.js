#!/usr/bin/env node
// Lays out the e2e workspace folder: the files of fixtures/workspace/ as they are, plus the corpus reports
// named in fixtures/workspace.json, copied under names that VS Code gives the nianbao language.
// usage: node prepare-workspace.js <corpus dir> <workspace dir (emptied first)>
'use strict';
const fs = require('fs');
const path = require('path');

const [corpusDir, wsDir] = process.argv.slice(2).map((p) => p && path.resolve(p));
if (!corpusDir || !wsDir) {
  console.error('usage: node prepare-workspace.js <corpus dir> <workspace dir>');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/workspace.json'), 'utf8'));
fs.rmSync(wsDir, { recursive: true, force: true });
fs.cpSync(path.join(__dirname, 'fixtures/workspace'), wsDir, { recursive: true });
const missing = [];
for (const [name, source] of Object.entries(manifest.corpus)) {
  const from = path.join(corpusDir, source);
  if (!fs.existsSync(from)) {
    missing.push(from);
    continue;
  }
  fs.copyFileSync(from, path.join(wsDir, name));
}
if (missing.length) {
  console.error(`prepare-workspace: corpus reports missing:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`prepare-workspace: ${fs.readdirSync(wsDir).length} files in ${wsDir}`);
