// Debian's chromium as both browser tests start it: the machine has no network, so everything that
// would call out (updates, sync, background requests, QUIC) is switched off; as root, without a sandbox.
'use strict';

const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

module.exports = { CHROMIUM, QUIET_ARGS };
