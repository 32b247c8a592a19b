#!/usr/bin/env bash
# Tries the GitLab CI job of docs/ci.md as a new user would: clones this repository into a temporary
# folder, reads the example from the clone's docs/ci.md and runs its commands there, in three
# scenarios (gates pass: exit 0; a gate fails: exit 1; bad input: exit 2), checking the exit codes,
# results.json and the JUnit file. Options: --with-local-changes (try uncommitted edits too), --keep.
# Needs git, python3 with PyYAML (Debian: python3-yaml) and what scripts/setup.sh installs.
set -euo pipefail
exec python3 "$(dirname "$0")/ci_example.py" gitlab "$@"
