#!/usr/bin/env bash
# Runs every test of the project: formatting, unit, property, golden and CLI tests, and each
# benchmark once in test mode (so benchmarks cannot rot).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_rust
cd "$ROOT"
if cargo fmt --version >/dev/null 2>&1; then
  say "checking formatting"
  cargo fmt --all -- --check || die "code is not formatted: run 'cargo fmt --all'"
fi
say "running the test suite (benchmarks run once each, in test mode)"
cargo test --locked --workspace --all-targets --no-fail-fast
say "running the documentation tests"
cargo test --locked --workspace --doc --quiet
