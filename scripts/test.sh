#!/usr/bin/env bash
# Runs every test of the project: the web UI's type check and unit tests, formatting, the
# Rust unit, property, golden and CLI tests, the end-to-end tests of the real studio under
# Xvfb, and each benchmark once in test mode (so benchmarks cannot rot).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_rust
ensure_disk 8
apt_install "${STUDIO_PACKAGES[@]}" "${E2E_PACKAGES[@]}" "${BUNDLE_PACKAGES[@]}" "${SWEEP_PACKAGES[@]}"
"$ROOT/scripts/salib-venv.sh"
ensure_node
ensure_interop_tools
ensure_tauri_driver
cd "$ROOT"
build_ui
say "checking and testing the web UI"
(cd ui && npm run -s check && npm test --silent) || die "the web UI's checks or tests failed"
if cargo fmt --version >/dev/null 2>&1; then
  say "checking formatting"
  cargo fmt --all -- --check || die "code is not formatted: run 'cargo fmt --all'"
fi
# Not --quiet: this step first builds every library, and cargo's `Compiling …` lines show it going.
say "running the documentation tests (builds the workspace's libraries first: minutes on a cold machine)"
cargo test --locked --workspace --doc
say "running the test suite (benchmarks run once each, in test mode)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
cargo test --locked --workspace --all-targets --no-fail-fast 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# The installable package: the studio binary the suite built, packed as a .deb (about 20 s),
# installed as a user would install it (as root; else unpacked), started on a virtual display
# until its Home view shows (about 30 s), and removed again.
if [ "$status" -eq 0 ]; then
  package_args=(--no-build --check)
  [ "$(id -u)" -ne 0 ] || package_args+=(--install)
  "$ROOT/scripts/package.sh" "${package_args[@]}" || status=1
fi
# One closing line over every test binary (cargo prints one `test result:` per binary).
awk '/^test result:/ { for (i = 2; i <= NF; i++) { if ($i ~ /^passed;/) p += $(i-1); if ($i ~ /^failed;/) f += $(i-1) } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
