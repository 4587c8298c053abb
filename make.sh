#!/usr/bin/env bash
# The README's commands on a fresh Debian machine that has python3 and nothing else:
# installs make and python3-venv if they are missing, then runs make with the arguments.
#   bash make.sh run     serve the archive on http://127.0.0.1:8000
#   bash make.sh test    the whole test suite
set -euo pipefail
cd "$(dirname "$0")"
bash .ci/debian-packages --build
exec make "$@"
