#!/usr/bin/env bash
# Build the grading model from ../shared/data: create the Python environment if needed, then train,
# export, quantize, calibrate and write public/models/. Extra arguments go to build.py (--fresh).
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
venv="$repo_root/.venv-model"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$repo_root/scripts/model/requirements.txt"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONHASHSEED=0
exec "$venv/bin/python" "$repo_root/scripts/model/build.py" "$@"
