#!/usr/bin/env bash
# Sets up a fresh machine, builds evalkit (release) and runs the quickstart scheme on the shipped
# sample dataset. Extra arguments go to `evalkit run` (e.g. --out out --format markdown).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product evalkit >&2
status=0
.build/release/evalkit run Schemes/quickstart.json "$@" || status=$?
# Exit 1 means a gate failed, which the quickstart's gates are there to show; anything else is real.
[ "$status" -le 1 ] || exit "$status"
