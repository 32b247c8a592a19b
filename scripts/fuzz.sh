#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (with AddressSanitizer and LeakSanitizer) and runs each for
# a while from its seed corpus in Fuzz/corpus/<target>. Fails on any crash, leak, hang (a single
# input running over 10 s), out-of-memory (2 GiB) or error other than an input error.
#
#   scripts/fuzz.sh [--seconds N] [--build-only] [target...]
#
# Targets: csv json jsonl coco manifest scheme (default: all), 60 s each unless --seconds says.
# The build goes to .build-fuzz (EVALKIT_FUZZ=1 declares the fuzz targets in Package.swift; the
# normal build never sees them). Inputs the fuzzer finds go to .build-fuzz/corpus/<target>, a
# failing input to .build-fuzz/artifacts/<target>/, the output to .build-fuzz/logs/<target>.log.
# Reproduce a failure: .build-fuzz/debug/Fuzz<Target> <input file>. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

seconds=60
build_only=0
targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --build-only) build_only=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=(csv json jsonl coco manifest scheme mot)

product() {
  case "$1" in
    csv) echo FuzzCSV ;; json) echo FuzzJSON ;; jsonl) echo FuzzJSONL ;; coco) echo FuzzCOCO ;;
    manifest) echo FuzzManifest ;; scheme) echo FuzzScheme ;; mot) echo FuzzMOT ;;
    *) echo "fuzz.sh: unknown target $1 (csv json jsonl coco manifest scheme mot)" >&2; exit 2 ;;
  esac
}

# SwiftPM's --sanitize options link libFuzzer and instrument C and C++ (the simdjson shim); the
# combined -sanitize=fuzzer,address is needed for Swift, whose driver keeps only the last
# -sanitize option. lld keeps the coverage sections that gold drops.
mkdir -p .build-fuzz
build=(swift build --scratch-path .build-fuzz --manifest-cache none
       --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
for target in "${targets[@]}"; do
  name=$(product "$target")
  echo "fuzz.sh: building $name" >&2
  if ! EVALKIT_FUZZ=1 "${build[@]}" --product "$name" > .build-fuzz/build.log 2>&1; then
    grep -v "Cannot export local symbol" .build-fuzz/build.log >&2
    exit 1
  fi
done
((build_only)) && exit 0

failed=()
for target in "${targets[@]}"; do
  name=$(product "$target")
  corpus=.build-fuzz/corpus/$target
  artifacts=.build-fuzz/artifacts/$target
  log=.build-fuzz/logs/$target.log
  mkdir -p "$corpus" "$artifacts" .build-fuzz/logs
  echo "fuzz.sh: $name for ${seconds}s" >&2
  # Leak detection is on by default (ASan's LeakSanitizer, -detect_leaks=1).
  if ASAN_OPTIONS=detect_leaks=1 ".build-fuzz/debug/$name" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=4096 -len_control=0 -print_final_stats=1 -artifact_prefix="$artifacts/" \
      "$corpus" "Fuzz/corpus/$target" > "$log" 2>&1; then
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    echo "fuzz.sh: $name ok: ${last}" >&2
  else
    echo "fuzz.sh: $name FAILED; the end of $log:" >&2
    tail -40 "$log" >&2
    failed+=("$target")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz.sh: failed: ${failed[*]} (inputs in .build-fuzz/artifacts/)" >&2
  exit 1
fi
