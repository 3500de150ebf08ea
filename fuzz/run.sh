#!/usr/bin/env bash
# make fuzz: seed a corpus with the samples and the damaged test files, then fuzz for a bounded
# time. Crashes land in fuzz/findings/ (exit non-zero); turn each into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-120}"
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
cp samples/*.txt samples/*.html samples/*.docx samples/*.pdf samples/*.ofd "$corpus"/
find tests/data -maxdepth 1 -type f -exec cp {} "$corpus"/ \;
cp tests/data/ofd/*.ofd tests/data/scans/*.png tests/data/scans/*.jpg tests/data/scans/*.tiff \
  tests/golden/national-2024-jiufeng.txt.json "$corpus"/
.venv/bin/python -c 'import json, sys, yaml; print(yaml.safe_dump(json.load(open(sys.argv[1]))))' \
  tests/golden/shanghai-2023-jiufeng.txt.json > "$corpus"/extracted.yaml
mkdir -p fuzz/findings
.venv/bin/python fuzz/fuzz_loaders.py "$corpus" \
  -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 -max_len=400000 \
  -artifact_prefix=fuzz/findings/ -print_final_stats=1
