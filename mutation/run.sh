#!/bin/sh
# `make mutation`: mutmut over the modules [tool.mutmut] only_mutate names (pyproject.toml), then
# the survivors by module (mutation/report.py). Results stay in mutants/ between runs: a rerun
# tests only mutants whose function changed. MUTANTS narrows the run to a glob of mutant names,
# e.g. MUTANTS='jiufeng_extract.units.*'; MUTATION_JOBS sets the worker count (default 1: the
# machine is shared).
set -eu
cd "$(dirname "$0")/.."
BIN=.venv/bin
# shellcheck disable=SC2086
nice -n 10 "$BIN/mutmut" run --max-children "${MUTATION_JOBS:-1}" ${MUTANTS:-} || true
"$BIN/python" mutation/report.py
