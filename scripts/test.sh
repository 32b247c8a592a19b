#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh), runs the whole test suite in a debug build, then a
# short run of every fuzz target (scripts/fuzz.sh, docs/fuzzing.md; set EVALKIT_FUZZ_SECONDS=0 to
# skip it), failing on any crash, leak or hang.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build --build-tests
swift test --skip-build
fuzz_seconds="${EVALKIT_FUZZ_SECONDS:-30}"
if ((fuzz_seconds > 0)); then
  bash scripts/fuzz.sh --seconds "$fuzz_seconds"
fi
