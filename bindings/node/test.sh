#!/usr/bin/env bash
# Builds the Node binding and runs its checks: the typed layer of `vitrina/shop` generated from the
# bridge's api.json (generate.py writes shop.js and shop.d.ts, never committed), the native module
# (debug, into the repository's target/) with its loader index.js and typings index.d.ts (types.d.ts
# followed by the declarations napi writes), both type-checked with shop.d.ts and the
# TypeScript examples (tsc --noEmit), and the node:test suite (the whole Shop: every use case reached,
# the core's error codes, a shop day on SQLite with JavaScript plug-ins; conformance vectors, catalog,
# cart, errors, checkout, orders and payments through a JavaScript gateway, stores on SQLite and,
# when VITRINA_POSTGRES_URL is set, PostgreSQL, shipping through a JavaScript courier, e-mail through a
# JavaScript mailer and SMTP, support, knowledge base, benchmark), then the shop day of
# examples/shop_day.mjs, whose output must be byte for byte that of the Rust example `shop_day` on the
# same store path. Works from any directory on a fresh
# machine (needs Node 18+ with npm, Python 3 and a Rust toolchain). `bash bench.sh` gives the
# benchmark's release-build figures.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cd "$here"
# npm ci installs exactly the committed lock. On Node < 22 it can refuse that lock (the optional
# platform packages of @napi-rs/cli's @napi-rs/lzma, which wants Node 22, are not in it); then the same
# lock is installed with npm install, which leaves it as it is (--no-save).
if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund || npm install --no-audit --no-fund --no-save
else
    npm install --no-audit --no-fund
fi
python3 generate.py
npx napi build --platform
npx tsc --noEmit -p .
node --test test/

# The same shop day in Rust and in JavaScript, one after the other on the same store path: not a byte
# of the output, the charts or the CSV files may differ.
day="$CARGO_TARGET_DIR/node-shop-day"
rm -rf "$day" && mkdir -p "$day"
(cd "$root" && cargo run --quiet --example shop_day -- "$day/shop_day.db") >"$day/rust.txt"
mv "$day/shop_day.reports" "$day/rust.reports"
node examples/shop_day.mjs "$day/shop_day.db" >"$day/node.txt"
diff -u "$day/rust.txt" "$day/node.txt"
diff -r "$day/rust.reports" "$day/shop_day.reports"
echo "shop day: the JavaScript port prints what the Rust example prints ($(wc -l <"$day/node.txt") lines)"
