#!/usr/bin/env bash
# Runs the end-to-end suite against the PACKAGED extension: nianbao.vsix at the repo root (made by
# `npm run package`), installed into a real VS Code (code-server 4.100.3 = VS Code 1.100.3, shown in headless
# chromium). Run test/e2e/setup.sh once before. Builds nothing of the extension itself.
#
# usage: bash test/e2e/run.sh [path/to/nianbao.vsix]
# env:   NIANBAO_E2E_CORPUS   corpus folder to copy reports from (default: test/fixtures/corpus)
#        NIANBAO_E2E_GREP     run only the tests whose title matches
#        NIANBAO_E2E_LOCALES  VS Code's display languages, one run of the suite each (default: "en zh-cn")
#        VSCODE_TEST_SCREENSHOT_DIR  where screenshots go (default: test/e2e/screenshots; those of a
#                                    language other than English in a subfolder named after it)
#        VSCODE_TEST_VERBOSE=1       show code-server's and the workbench's full logs
# Exits non-zero when any test fails.
#
# The suite runs once per display language: the language server speaks the user's language (Chinese, else
# English), and the suite asserts its messages, quick fix titles and hover texts in the language VS Code
# runs in. code-server-test-host.js explains how VS Code is put in Chinese without a language pack.
#
# How the .vsix gets in: `code-server --install-extension nianbao.vsix --extensions-dir DIR` installs it
# exactly as a user's VS Code would (the same installer validates the manifest and engines and unpacks
# extension/ from the zip), into a fresh DIR that the test VS Code is then started with. The
# extensionDevelopmentPath that runTests requires is runner-ext/, an empty extension that only carries the
# test run, so nianbao itself is loaded as a normally installed extension, never from the dev folder (the
# suite checks that its extensionPath is inside DIR).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tools="$here/tools"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
t0=$(now)

vsix="$(realpath -m "${1:-$root/nianbao.vsix}")"
corpus="${NIANBAO_E2E_CORPUS:-$root/test/fixtures/corpus}"
[ -f "$vsix" ] || { echo "e2e: $vsix not found: run \`npm run package\` at the repo root first" >&2; exit 2; }
[ -d "$corpus" ] || { echo "e2e: corpus folder $corpus not found" >&2; exit 2; }
[ -x "$tools/node_modules/.bin/code-server" ] || { echo "e2e: tools missing: run \`bash test/e2e/setup.sh\` first" >&2; exit 2; }
[ -x "$root/node_modules/.bin/tsc" ] || { echo "e2e: $root/node_modules/.bin/tsc missing: run \`npm ci\` at the repo root first" >&2; exit 2; }

# Everything temporary stays in test/e2e/.tmp (gitignored), including the stand-in's scratch folders.
export TMPDIR="$here/.tmp"
run_dir="$TMPDIR/run"
# leftovers of earlier runs: the stand-in's scratch folders (kept when a run fails) and VS Code's sockets
rm -rf "$run_dir" "$here/out" "$TMPDIR"/cs-test-host-* "$TMPDIR"/vscode-*.sock
mkdir -p "$run_dir/extensions" "$run_dir/user-data/User" "$run_dir/xdg"
export VSCODE_TEST_SCREENSHOT_DIR="${VSCODE_TEST_SCREENSHOT_DIR:-$here/screenshots}"
mkdir -p "$VSCODE_TEST_SCREENSHOT_DIR"
rm -f "$VSCODE_TEST_SCREENSHOT_DIR"/*.png "$VSCODE_TEST_SCREENSHOT_DIR"/*/*.png

# 1. the suite (TypeScript -> out/), with the repo's own compiler
"$root/node_modules/.bin/tsc" -p "$here/tsconfig.json"
t1=$(now); echo "e2e: suite compiled in $(secs "$t0" "$t1") s"

# 2. the packaged extension, installed into a fresh extensions dir
XDG_CONFIG_HOME="$run_dir/xdg" XDG_DATA_HOME="$run_dir/xdg" XDG_CACHE_HOME="$run_dir/xdg" \
  "$tools/node_modules/.bin/code-server" --extensions-dir "$run_dir/extensions" --user-data-dir "$run_dir/user-data" \
  --install-extension "$vsix" 2>&1 | sed 's/^/e2e: code-server: /'
installed="$(find "$run_dir/extensions" -mindepth 1 -maxdepth 1 -type d -name 'nianbao.nianbao-*' | head -1)"
[ -n "$installed" ] && [ -f "$installed/package.json" ] || { echo "e2e: $vsix did not install into $run_dir/extensions" >&2; exit 1; }
t2=$(now); echo "e2e: installed $(basename "$installed") in $(secs "$t1" "$t2") s"

# 3./4. once per display language: the workspace (corpus reports copied under report names, afresh, since
#    the tests write files into it) and the suite in a test VS Code of its own
rc=0
passed=0
failed=0
uncounted=""
# ... and once more in a folder that is not trusted (restricted mode): the suite's trust tests only, in English
passes="${NIANBAO_E2E_LOCALES:-en zh-cn}"
[ -n "${NIANBAO_E2E_GREP:-}" ] && ! echo "Workspace Trust" | grep -qE "$NIANBAO_E2E_GREP" || passes="$passes untrusted"
for locale in $passes; do
  pass_dir="$run_dir/$locale"
  trust=trusted
  grep_pass="${NIANBAO_E2E_GREP:-}"
  if [ "$locale" = untrusted ]; then
    locale=en
    trust=untrusted
    grep_pass="Workspace Trust"
  fi
  shots="$VSCODE_TEST_SCREENSHOT_DIR"
  case "$locale" in en | en-*) ;; *) shots="$VSCODE_TEST_SCREENSHOT_DIR/$locale" ;; esac
  mkdir -p "$pass_dir/user-data/User" "$shots"
  echo "e2e: --- VS Code in $locale ($trust) ---"
  node "$here/prepare-workspace.js" "$corpus" "$pass_dir/workspace"
  set +e
  NIANBAO_E2E_LOCALE="$locale" NIANBAO_E2E_TRUST="$trust" NIANBAO_E2E_GREP="$grep_pass" VSCODE_TEST_SCREENSHOT_DIR="$shots" \
    node "$here/launch.js" "$here/runner-ext" "$here/out/index.js" "$pass_dir/workspace" "$run_dir/extensions" "$pass_dir/user-data" 2>&1 |
    tee "$pass_dir/e2e.log"
  pass_rc=${PIPESTATUS[0]}
  set -e
  [ "$pass_rc" = 0 ] || rc=$pass_rc
  if [ "$pass_rc" = 0 ] && [ -z "$grep_pass" ] && [ ! -s "$shots/problems-pingtan-2020.png" ]; then
    echo "e2e: the screenshot $shots/problems-pingtan-2020.png was not saved" >&2
    rc=1
  fi
  # the language server keeps V8's code cache of itself in the extension's storage (server/src/codeCache.ts)
  cache_dir="$pass_dir/user-data/User/globalStorage/nianbao.nianbao"
  if [ "$pass_rc" = 0 ] && [ -z "$grep_pass" ] && ! ls "$cache_dir"/server-main-*.cache >/dev/null 2>&1; then
    echo "e2e: the language server wrote no code cache into $cache_dir" >&2
    rc=1
  fi
  # the suite's count ("e2e: N passed, N failed"), added up over the languages
  summary="$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed$' "$pass_dir/e2e.log" | tail -1 || true)"
  if [ -n "$summary" ]; then
    passed=$((passed + $(echo "$summary" | awk '{ print $2 }')))
    failed=$((failed + $(echo "$summary" | awk '{ print $4 }')))
  else
    uncounted="$uncounted $locale"
  fi
done
t3=$(now)
echo "e2e: VS Code runs $(secs "$t2" "$t3") s, total $(secs "$t0" "$t3") s; screenshots in $VSCODE_TEST_SCREENSHOT_DIR; exit $rc"
# the count again, as the very last line
if [ -n "$uncounted" ]; then
  echo "e2e: the suite did not report its count in:$uncounted (it did not run to the end)"
  [ "$rc" != 0 ] || rc=1
else
  echo "e2e: $passed passed, $failed failed"
fi
exit "$rc"
