#!/usr/bin/env bash
# Shared helpers of start.sh and test.sh: find or install what a fresh Debian machine lacks,
# and fail with a clear message where that cannot be done.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIN_RUST="1.89"

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

_apt_updated=0
# apt_install PKG...: installs Debian packages that are missing (as root, or through sudo).
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them; install them by hand"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "missing packages ${missing[*]}; run as root or install sudo"
    sudo="sudo"
  fi
  say "installing ${missing[*]}"
  if [ $_apt_updated -eq 0 ]; then
    $sudo apt-get update -qq || die "apt-get update failed"
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get could not install ${missing[*]}"
}

# ensure_rust: a Rust toolchain new enough for edition 2024, and a C linker.
ensure_rust() {
  if ! command -v cargo >/dev/null && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  command -v cargo >/dev/null || die "Rust is not installed. Install Rust $MIN_RUST or newer with rustup (see https://rustup.rs), then run this again."
  local v
  v="$(rustc --version | awk '{print $2}')"
  if [ "$(printf '%s\n%s\n' "$MIN_RUST" "$v" | sort -V | head -n1)" != "$MIN_RUST" ]; then
    die "rustc $v is too old: CoGov Studio needs $MIN_RUST or newer (rustup update)"
  fi
  command -v cc >/dev/null || apt_install gcc libc6-dev
}

# ensure_disk GIB: fails early, and clearly, when the build directory's disk has less free.
ensure_disk() {
  local need_kib=$(( $1 * 1024 * 1024 )) free_kib
  mkdir -p "$ROOT/target"
  free_kib="$(df -Pk "$ROOT/target" | awk 'NR == 2 { print $4 }')"
  if [ -n "$free_kib" ] && [ "$free_kib" -lt "$need_kib" ]; then
    die "only $(( free_kib / 1024 )) MiB free where the build goes ($ROOT/target): a full build and test run needs about $1 GiB; free some space (cargo clean removes old builds) and run this again"
  fi
}

# System packages the desktop studio builds and runs with (Tauri v2 on WebKitGTK).
STUDIO_PACKAGES=(pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev)
# What the end-to-end tests add: a virtual display and the WebKit WebDriver.
E2E_PACKAGES=(xvfb xauth webkit2gtk-driver)
# What the bundle tests add: the stock minisign, which must verify a bundle's manifest.
BUNDLE_PACKAGES=(minisign)
# What the sweep tests add: a real single-node Slurm (scripts/slurm-test.sh) and Python for SALib.
SWEEP_PACKAGES=(slurm-wlm munge python3-venv)
MIN_NODE=20

# ensure_node: Node.js 20 or newer with npm, for the web UI.
ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge "$MIN_NODE" ] || die "Node.js $(node --version) is too old: the UI needs Node $MIN_NODE or newer (install it from nodejs.org or NodeSource)"
}

# build_ui: installs the UI's dependencies as package-lock.json pins them and builds the UI
# into ui/dist (the studio binary embeds that directory at compile time). `npm install` rather
# than `npm ci`: npm 11 leaves other platforms' optional rollup binaries out of the lock file,
# which `npm ci` then refuses; with the lock in sync `npm install` installs exactly it.
build_ui() {
  say "building the web UI"
  (cd "$ROOT/ui" && npm install --no-audit --no-fund --loglevel=error && npm run -s build) || die "the web UI did not build"
}

# ensure_interop_tools: the real tools of each ecosystem (Snapshot's schema validation, solc,
# OpenZeppelin Contracts, the Hardhat network, viem, zodiac-roles-sdk, Aragon's artifacts,
# a JSON-LD processor), pinned by tools/interop/package-lock.json; the interop tests run them.
ensure_interop_tools() {
  say "installing the interop checkers (tools/interop)"
  (cd "$ROOT/tools/interop" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) \
    || die "could not install the interop checkers: 'npm ci' in tools/interop failed (see above for the package)"
}

# ensure_tauri_driver: the WebDriver bridge the end-to-end tests drive the real app through.
ensure_tauri_driver() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! tauri-driver --help >/dev/null 2>&1; then
    say "installing tauri-driver"
    cargo install --locked --quiet tauri-driver --version '^2' || die "could not install tauri-driver"
  fi
}
