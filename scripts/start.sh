#!/usr/bin/env bash
# Starts the product: builds the web UI and the desktop studio, then opens it.
# (The command-line tour over the examples is `cargo run -p cogov -- tour`.)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_rust
ensure_disk 4
apt_install "${STUDIO_PACKAGES[@]}"
ensure_node
cd "$ROOT"
build_ui
say "building the studio"
cargo build --locked --quiet -p cogov-studio || die "the studio did not build"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  die "no display to open the studio on: run this from a desktop session (or under Xvfb: xvfb-run ./scripts/start.sh)"
fi
say "starting CoGov Studio"
exec "$ROOT/target/debug/cogov-studio" "$@"
