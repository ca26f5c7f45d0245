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

# tree_hash PATH...: one SHA-256 over the names and contents of every file under PATHs (missing
# paths are skipped), so a stamp changes exactly when an input does.
tree_hash() {
  local p files=()
  for p in "$@"; do [ -e "$p" ] && files+=("$p"); done
  find "${files[@]}" -type f -not -name '.DS_Store' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

# npm_locked DIR NPM-ARGS...: installs DIR's locked npm packages with `npm NPM-ARGS`, unless
# DIR/node_modules was installed from the same package.json, package-lock.json and Node major
# (a stamp in node_modules records them, so deleting node_modules installs again).
npm_locked() {
  local dir="$1" stamp want; shift
  stamp="$dir/node_modules/.cogov-installed"
  want="$(tree_hash "$dir/package.json" "$dir/package-lock.json") node$(node -p 'process.versions.node.split(".")[0]')"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "npm packages in ${dir#"$ROOT"/} match the lock file: not installing again"
    return 0
  fi
  say "installing the locked npm packages of ${dir#"$ROOT"/} (npm $*)"
  (cd "$dir" && npm "$@") || return 1
  printf '%s\n' "$want" > "$stamp"
}

# build_ui: installs the UI's dependencies as package-lock.json pins them and builds the UI
# into ui/dist (the studio binary embeds that directory at compile time). `npm install` rather
# than `npm ci`: npm 11 leaves other platforms' optional rollup binaries out of the lock file,
# which `npm ci` then refuses; with the lock in sync `npm install` installs exactly it.
# Neither step runs again when its inputs are unchanged (stamps in ui/node_modules).
build_ui() {
  npm_locked "$ROOT/ui" install --no-audit --no-fund --loglevel=error || die "could not install the web UI's npm packages"
  local stamp="$ROOT/ui/node_modules/.cogov-built" want
  # Everything the Vite build reads: the sources, the lock, the configs, and the schemas and
  # examples it imports through the `@schemas` and `@examples` aliases.
  want="$(cd "$ROOT" && tree_hash ui/src ui/public ui/index.html ui/package.json ui/package-lock.json \
    ui/vite.config.ts ui/svelte.config.js ui/tsconfig.json schemas examples)"
  if [ -f "$stamp" ] && [ -f "$ROOT/ui/dist/index.html" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "the web UI is unchanged since its last build: not building it again"
    return 0
  fi
  say "building the web UI (Vite, about a minute)"
  (cd "$ROOT/ui" && npm run -s build) || die "the web UI did not build"
  printf '%s\n' "$want" > "$stamp"
}

# ensure_display: a display to open the studio on. Without X11 or Wayland it installs Xvfb
# (as root, or through sudo) and starts a virtual display, exporting DISPLAY; XVFB_PID is the
# server, which the caller stops when the studio exits.
XVFB_PID=""
ensure_display() {
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then return 0; fi
  if ! command -v Xvfb >/dev/null; then
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
      die "no display to open the studio on, and no Xvfb to make one: run 'apt-get install xvfb xauth' as root, then run this again (or run it from a desktop session)"
    fi
    apt_install xvfb xauth
  fi
  local n=99
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
  say "no display: starting a virtual one (Xvfb :$n, 1600x1000)"
  Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  local i
  for i in $(seq 1 50); do
    [ -e "/tmp/.X11-unix/X$n" ] && break
    kill -0 "$XVFB_PID" 2>/dev/null || die "Xvfb :$n did not start"
    sleep 0.1
  done
  [ -e "/tmp/.X11-unix/X$n" ] || die "Xvfb :$n did not start within 5 s"
  export DISPLAY=":$n"
  say "the studio runs on the virtual display :$n; to see it: DISPLAY=:$n import -window root studio.png (imagemagick) or DISPLAY=:$n xwd -root -out studio.xwd"
}

# ensure_interop_tools: the real tools of each ecosystem (Snapshot's schema validation, solc,
# OpenZeppelin Contracts, the Hardhat network, viem, zodiac-roles-sdk, Aragon's artifacts,
# a JSON-LD processor), pinned by tools/interop/package-lock.json; the interop tests run them.
ensure_interop_tools() {
  npm_locked "$ROOT/tools/interop" ci --no-audit --no-fund --ignore-scripts --loglevel=error \
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
