#!/usr/bin/env bash
# Regenerates src/testdata/river-electricity.json with River (PYTHON: a Python with river installed).
set -euo pipefail
"${PYTHON:-python3}" "$(cd "$(dirname "$0")" && pwd)/river-electricity.py"
