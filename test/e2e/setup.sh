#!/usr/bin/env bash
# Installs what the end-to-end tests need on Debian 12 (root, Node 20, npm 11), from Debian's packages and
# the npm registry only: chromium (shows the VS Code workbench), code-server 4.100.3 (a complete VS Code
# 1.100.3: server, extension host and web workbench), playwright-core (drives chromium), the runTests
# launcher and mocha. Idempotent: a rerun on a ready machine skips apt and npm and takes a second or two.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/tools"
export DEBIAN_FRONTEND=noninteractive
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
t0=$(now)

# 1. Debian packages, only those missing (no apt-get update at all when everything is there).
#    chromium: the browser; libkrb5-dev: gssapi headers for code-server's native 'kerberos' module;
#    ripgrep: replaces the rg binary that @vscode/ripgrep would otherwise download (see 2.);
#    fonts-wqy-microhei: a CJK font, so that the screenshots show the reports' Chinese text.
missing=()
for p in chromium libkrb5-dev ripgrep fonts-wqy-microhei; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then missing+=("$p"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "e2e setup: apt-get install ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
else
  echo "e2e setup: Debian packages already installed"
fi
t1=$(now); echo "e2e setup: apt $(secs "$t0" "$t1") s"

# 2./3. npm ci in tools/, unless node_modules was installed from this very lockfile (stamp = sha256 of the
#    lockfile + node version) and its key binaries are there.
stamp_file="$tools/node_modules/.nianbao-e2e-stamp"
want_stamp="$(cat "$tools/package-lock.json" "$tools/package.json" | sha256sum | cut -d' ' -f1) node-$(node -v)"
cs_root="$tools/node_modules/code-server"
ready() {
  [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want_stamp" ] &&
    [ -x "$cs_root/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] &&
    [ -f "$cs_root/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] &&
    [ -f "$tools/node_modules/playwright-core/package.json" ] &&
    [ -f "$tools/node_modules/mocha/package.json" ] &&
    [ -f "$tools/node_modules/@vscode/test-electron/package.json" ]
}
if ready; then
  echo "e2e setup: tools/node_modules up to date with the lockfile"
else
  # @vscode/ripgrep@1.15.11 (pinned by code-server 4.100.3) downloads rg from GitHub in its postinstall
  # unless its cache (under os.tmpdir()) already holds the archive: put Debian's rg 13.0.0 there.
  export TMPDIR="$here/.tmp"
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-1.15.11" "$TMPDIR/rg"
  cp /usr/bin/rg "$TMPDIR/rg/rg"
  tar czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rg" rg
  # As root, code-server's postinstall needs unsafe-perm; node-pty's runs `npx node-gyp`, which needs yes.
  (cd "$tools" && npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund)
  ready_bins_ok=1
  [ -x "$cs_root/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] || { echo "e2e setup: rg missing in code-server" >&2; ready_bins_ok=0; }
  [ -f "$cs_root/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] || { echo "e2e setup: node-pty not built" >&2; ready_bins_ok=0; }
  [ "$ready_bins_ok" = 1 ] || exit 1
  echo "$want_stamp" > "$stamp_file"
fi
t2=$(now); echo "e2e setup: npm $(secs "$t1" "$t2") s"

cs_version="$(XDG_CONFIG_HOME="$here/.tmp/xdg" XDG_DATA_HOME="$here/.tmp/xdg" "$tools/node_modules/.bin/code-server" --version 2>/dev/null | tail -1)"
echo "e2e setup: code-server $cs_version; $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium ?')"
echo "e2e setup: done in $(secs "$t0" "$(now)") s"
