#!/usr/bin/env bash
# Smoke test of a packaged field program, as IT would run it: a clean environment (env -i),
# no virtual environment or Python on PATH, a fresh HOME, no display.
#   packaging/smoke-test.sh [dist/fieldreport]
# Checks: `--version` names the version of pyproject.toml; `self-test` passes (stores, bundle
# round trip, window offscreen); `init` in the default data folder makes it owner-only.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:-dist/fieldreport}
exe="$folder/fieldreport"
[[ -x $exe ]] || { echo "smoke: $exe not found; run 'make package' first" >&2; exit 1; }
exe=$(cd "$(dirname "$exe")" && pwd)/fieldreport

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
clean() {
  env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    FIELDREPORT_KDF_NO_CALIBRATION=1 "$@"
}

version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
out=$(clean "$exe" --version)
echo "smoke: $out"
[[ $out =~ ^fieldreport\ ${version//./\\.}(\ \([0-9a-f]{7,}(-dirty)?\))?$ ]] \
  || { echo "smoke: --version should print 'fieldreport $version (commit)'" >&2; exit 1; }

clean "$exe" self-test

# The default data folder (platformdirs, under the fresh HOME), created with a loose umask.
( umask 022
  printf 'smoke test passphrase, thrown away\n' >"$home/pass"
  clean "$exe" init --passphrase-file "$home/pass" --key-type x25519 --json >/dev/null )
mode() { stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1"; }  # GNU, BSD
key=$(find "$home" -type f -name keyfile.json)
[[ -n $key ]] || { echo "smoke: init made no key file under $home" >&2; exit 1; }
data=$(dirname "$key")
for path in "$data" "$data"/*; do
  if (( 8#$(mode "$path") & 8#077 )); then
    echo "smoke: $path is not owner-only ($(mode "$path"))" >&2
    exit 1
  fi
done
echo "smoke: data folder $data is owner-only"
echo "smoke: passed ($(du -sh "$folder" | cut -f1) on disk)"
