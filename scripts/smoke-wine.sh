#!/usr/bin/env bash
# Smoke test of release/ledger-win-x64.exe under wine (Debian's wine64 8.0): the Windows program
# runs check, summarize and merge on the samples, copied into a folder with a Chinese name, and
# gives the same JSON report and workbooks as `node bin/ledger.js` on Linux. Chinese arguments,
# file names and output (to files: wine's pipes are not usable by Node, see docs/deploy.md).
# Usage: bash scripts/smoke-wine.sh   (builds the .exe with npm run package:cli when missing)
# Exit: 0 passed, 1 a difference, 77 skipped (no wine).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
WINE=${WINE:-}
if [ -z "$WINE" ]; then
  for c in /usr/lib/wine/wine64 "$(command -v wine64 || true)" "$(command -v wine || true)"; do
    if [ -n "$c" ] && [ -x "$c" ]; then WINE=$c; break; fi
  done
fi
if [ -z "$WINE" ]; then echo "smoke-wine: SKIPPED — wine not found (apt-get install -y wine64)"; exit 77; fi
export WINEPREFIX=${WINEPREFIX:-$HOME/.cache/ledger-wine} WINEDEBUG=-all
exe=release/ledger-win-x64.exe
[ -f "$exe" ] || node scripts/package-cli.js --only win
if [ ! -f "$WINEPREFIX/.ledger-win10" ]; then
  # Node 20 refuses to start on the Windows version a new prefix reports: set Windows 10 first.
  "$WINE" winecfg /v win10 >/dev/null 2>&1
  touch "$WINEPREFIX/.ledger-win10"
fi
work=$(mktemp -d /tmp/ledger-wine.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/村级台账"
cp samples/*.xlsx "$work/村级台账/"
win() { printf 'Z:%s' "${1//\//\\}"; }
# stdin/stdout/stderr are files: Node cannot open wine's pipes (EBADF).
runwin() { "$WINE" "$exe" "$@" </dev/null >"$work/out.txt" 2>"$work/err.txt"; }
fail=0
step() { printf '%-58s %s\n' "$1" "$2"; [ "$2" = ok ] || fail=1; }

set +e
runwin --help; cw=$?
set -e
step "ledger-win-x64.exe --help: exit $cw" "$([ $cw = 0 ] && grep -q '双拥台账助手' "$work/out.txt" && echo ok || echo FAILED)"

set +e
runwin check "$(win "$work/村级台账")" --json "$(win "$work/校验结果-win.json")" --quiet; cw=$?
node bin/ledger.js check "$work/村级台账" --json "$work/校验结果-linux.json" --quiet >/dev/null 2>&1; cl=$?
set -e
same_json=$(node -e 'const f=require("fs");const a=JSON.parse(f.readFileSync(process.argv[1]));const b=JSON.parse(f.readFileSync(process.argv[2]));console.log(require("util").isDeepStrictEqual(a,b)&&a.issues.length>0?"ok":"FAILED")' "$work/校验结果-win.json" "$work/校验结果-linux.json" 2>/dev/null || echo FAILED)
step "check 村级台账 --json: exit $cw (Linux $cl), same report" "$([ $cw = $cl ] && echo "$same_json" || echo FAILED)"

for cmd in summarize merge; do
  set +e
  runwin $cmd "$(win "$work/村级台账")" --out "$(win "$work/$cmd-汇总-win.xlsx")" --year 2026 --quiet; cw=$?
  node bin/ledger.js $cmd "$work/村级台账" --out "$work/$cmd-汇总-linux.xlsx" --year 2026 --quiet >/dev/null 2>&1; cl=$?
  set -e
  same=$(node -e '
const { unzipSync } = require("fflate"); const f = require("fs");
const parts = (p) => Object.fromEntries(Object.entries(unzipSync(new Uint8Array(f.readFileSync(p)))).filter(([n]) => n !== "docProps/core.xml").map(([n, d]) => [n, Buffer.from(d).toString("base64")]));
console.log(require("util").isDeepStrictEqual(parts(process.argv[1]), parts(process.argv[2])) ? "ok" : "FAILED");' "$work/$cmd-汇总-win.xlsx" "$work/$cmd-汇总-linux.xlsx" 2>/dev/null || echo FAILED)
  step "$cmd 村级台账 --out $cmd-汇总.xlsx: exit $cw (Linux $cl), same workbook" "$([ $cw = $cl ] && echo "$same" || echo FAILED)"
done

set +e
runwin check "$(win "$work/村级台账/红旗村.xlsx")"; cw=$?
set -e
grep -q '红旗村.xlsx' "$work/out.txt" && out=ok || out=FAILED
step "check 红旗村.xlsx: Chinese output written as UTF-8 (exit $cw)" "$out"
if [ $fail = 0 ]; then echo "smoke-wine: passed ($("$WINE" --version 2>/dev/null || echo wine))"; else echo "smoke-wine: FAILED"; cat "$work/err.txt"; fi
exit $fail
