#!/usr/bin/env bash
# Builds the Python binding into the repository's .venv and runs its tests: generate.py writes the
# typed `vitrina.shop` layer from bindings/bridge/api.json, then pytest (the Shop's use cases, errors
# and a shop day, conformance vectors, carts, stores on SQLite and, when VITRINA_POSTGRES_URL is set
# (`source scripts/postgres.sh`), PostgreSQL, SMTP against aiosmtpd, benchmark), mypy --strict on
# the generated layer, the tests and examples, and last the shop day run by examples/shop_day.rs and
# by its port examples/shop_day.py, whose outputs must be identical. Works from any directory on a
# fresh machine (needs python3 with venv and a Rust toolchain).
# VITRINA_PY_RELEASE=1 builds the native module optimised (slower to build, realistic benchmark).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# aiosmtpd is the real SMTP server the SMTP mailer is tested against.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.16,<2" pytest mypy aiosmtpd

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export VIRTUAL_ENV="$venv"
export PATH="$venv/bin:$PATH"
build_flags=()
if [ "${VITRINA_PY_RELEASE:-0}" = "1" ]; then
    build_flags+=(--release)
fi
cd "$here"
python generate.py
maturin develop --quiet "${build_flags[@]}"
python -m pytest -q tests
mypy --strict generate.py python/vitrina/shop python/vitrina/_codec.py python/vitrina/_shop_base.py tests examples
# The shop day: the Rust example and its Python port, run on the same path, print the same report
# and write the same charts and CSV files (the Rust ones are set aside before the port runs).
day_dir="$CARGO_TARGET_DIR/python-shop-day"
mkdir -p "$day_dir"
day_db="$day_dir/shop_day.db"
(cd "$root" && cargo run --quiet --example shop_day -- "$day_db") > "$day_dir/rust.txt"
rm -rf "$day_dir/rust.reports" && mv "$day_dir/shop_day.reports" "$day_dir/rust.reports"
python examples/shop_day.py "$day_db" > "$day_dir/python.txt"
diff -u "$day_dir/rust.txt" "$day_dir/python.txt"
diff -r "$day_dir/rust.reports" "$day_dir/shop_day.reports"
echo "shop day: Python report identical to Rust ($(wc -l < "$day_dir/python.txt") lines)"
