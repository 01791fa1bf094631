#!/usr/bin/env bash
# The pricing benchmark on a release build: builds the native module in release mode into
# target/node-bench/ (outside the package, so test.sh's debug build stays in place) and times
# `Pricer.price` on the 100-line cart against the engine alone (see bench/pricing.mjs). With
# `--rust`, also runs the criterion benchmark `cargo bench --bench pricing -- 100` for comparison.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cd "$here"
[ -d node_modules ] || npm install --no-audit --no-fund
out="$root/target/node-bench"
npx napi build --platform --release --no-js --output-dir "$out"
node bench/run.mjs "$(ls "$out"/vitrina.*.node | head -n 1)"
if [ "${1:-}" = --rust ]; then
    (cd "$root" && cargo bench --bench pricing -- 100)
fi
