#!/usr/bin/env bash
# Runs every test of Vitrina on a fresh machine: the Rust workspace (unit tests, pricing conformance
# vectors, property tests, doc tests, each benchmark once) and the examples.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --all-targets
cargo test --workspace --doc
cargo run --quiet --example quickstart > /dev/null
bash bindings/python/test.sh
