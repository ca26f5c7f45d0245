#!/usr/bin/env bash
# Starts the product. Until the desktop studio lands, that is a guided `cogov` tour over the
# example designs: build the command line, then validate, fingerprint and round-trip each one.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_rust
cd "$ROOT"
say "building cogov"
cargo build --locked --quiet -p cogov
exec "$ROOT/target/debug/cogov" tour "$ROOT/examples" "$@"
