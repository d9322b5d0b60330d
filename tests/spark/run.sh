#!/usr/bin/env bash
# The Spark example in Spark's local mode: examples/spark_pipe.py pipes a corpus we generate
# here (paragraphs of the repository's example articles, with a few bad records) through
# `claimlex batch`, and tests/spark/check.py checks that every input record comes back once.
# Needs python3 with venv, Java 17 and PyPI (pyspark is installed into target/spark-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=${CLAIMLEX_BIN:-target/release/claimlex}
if [ ! -x "$bin" ]; then
  cargo build --release --features cli
fi
if ! command -v java >/dev/null 2>&1; then
  echo "spark test: java is not installed (Spark needs Java 17)" >&2
  exit 1
fi

venv=${SPARK_VENV:-target/spark-venv}
if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'pyspark>=3.5,<5'
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" tests/spark/check.py make "$work/corpus.jsonl"
"$venv/bin/python" examples/spark_pipe.py --master 'local[2]' --partitions 4 \
  --claimlex "$bin" --batch-args '--keep-fields source' "$work/corpus.jsonl" "$work/out" \
  | tee "$work/summary.json"
"$venv/bin/python" tests/spark/check.py check "$work/corpus.jsonl" "$work/out" "$work/summary.json"
