#!/usr/bin/env bash
# Runs every test of Vitrina on a fresh machine: the Rust workspace (unit tests, pricing conformance
# vectors, property tests, SMTP and PostgreSQL suites, doc tests, each benchmark once), the examples,
# and the Python, Node and Kotlin bindings.
set -euo pipefail
cd "$(dirname "$0")/.."

# The SMTP adapter is tested against a real SMTP server, aiosmtpd, from the repo venv.
python3 -m venv .venv 2>/dev/null || true; .venv/bin/pip install -q aiosmtpd
source scripts/postgres.sh
cargo test --workspace --all-targets
cargo test --workspace --doc
cargo run --quiet --example quickstart > /dev/null
cargo run --quiet --example shop_day > /dev/null
cargo run --quiet --example shipping > /dev/null
cargo run --quiet --example checkout > /dev/null
cargo run --quiet --example support > /dev/null
cargo run --quiet --example emails -- target/emails > /dev/null
env -u STRIPE_API_KEY cargo run --quiet -p vitrina-payments-stripe --example stripe_checkout > /dev/null
bash bindings/python/test.sh
bash bindings/uniffi/test.sh
bash bindings/node/test.sh
