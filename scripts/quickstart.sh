#!/usr/bin/env bash
# Sets up a fresh machine, builds evalkit (release) and runs the quickstart scheme on the shipped
# sample dataset. Extra arguments go to `evalkit run` (e.g. --out out --format markdown).
# The exit status is evalkit's: 0 all gates passed, 1 a gate failed, 2 bad input.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product evalkit >&2
exec .build/release/evalkit run Schemes/quickstart.json "$@"
