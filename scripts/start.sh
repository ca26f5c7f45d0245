#!/usr/bin/env bash
# Starts the product: builds the web UI, the desktop studio and the `cogov` command line, then
# opens the studio (on a virtual display when the machine has none). Steps whose inputs are
# unchanged are skipped, so a second start only opens the studio.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_rust
ensure_disk 4
apt_install "${STUDIO_PACKAGES[@]}"
ensure_node
cd "$ROOT"
build_ui
# Not --quiet: a cold build takes many minutes, and cargo's `Compiling …` lines are its progress.
say "building the studio (cargo; a first build takes 10-20 minutes on 2 cores)"
cargo build --locked -p cogov-studio || die "the studio did not build"
# The command line, as `cargo run -p cogov` builds it: it shares every dependency the studio
# build made (crates/unify gives both faces one feature set), so this compiles one crate.
say "building the cogov command line"
cargo build --locked -p cogov || die "the command line did not build"
ensure_display
say "starting CoGov Studio"
studio="${CARGO_TARGET_DIR:-$ROOT/target}/debug/cogov-studio"
if [ -z "$XVFB_PID" ]; then
  exec "$studio" "$@"
fi
# On a virtual display: stop it when the studio exits (or this script is interrupted).
trap 'kill "$XVFB_PID" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
"$studio" "$@"
