#!/usr/bin/env bash
# Builds an installable Debian package of the studio with the Tauri bundler, and with --check
# also shows that it starts: the package is unpacked (dpkg-deb -x), its binary started on a
# virtual display, its window waited for and a screenshot taken. With --install (as root, or
# through sudo) the check installs the package as a user would (apt-get install ./the.deb, which
# resolves its dependencies), starts the installed /usr/bin/cogov-studio, and removes the package
# again afterwards (unless it was installed before the check).
#
#   ./scripts/package.sh [--release] [--no-build] [--check [--install]]
#
# Without --release the debug binary that start.sh and the tests build is packed (a larger
# package); --release builds and packs an optimised one. --no-build packs the binary that is
# there (test.sh, after its suite built it), without building the UI or the studio again.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
profile=debug check=0 build=1 install=0
for a in "$@"; do
  case "$a" in
    --release) profile=release ;;
    --check) check=1 ;;
    --no-build) build=0 ;;
    --install) install=1 ;;
    *) die "unknown argument $a (use --release, --no-build, --check, --install)" ;;
  esac
done
ensure_rust
ensure_disk 4
apt_install "${STUDIO_PACKAGES[@]}"
ensure_node
cd "$ROOT"
if [ "$build" -eq 1 ]; then
  build_ui
  say "building the studio ($profile)"
  if [ "$profile" = release ]; then
    cargo build --locked --release -p cogov-studio || die "the studio did not build"
  else
    cargo build --locked -p cogov-studio || die "the studio did not build"
  fi
fi
# The Tauri command line, pinned by tools/package/package-lock.json.
npm_locked "$ROOT/tools/package" ci --no-audit --no-fund --loglevel=error || die "could not install the Tauri command line (tools/package)"
target="$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
[ -x "$target/$profile/cogov-studio" ] || die "no studio binary at $target/$profile/cogov-studio to pack: run without --no-build"
say "packing the .deb (tauri bundle --bundles deb)"
debug_flag=()
[ "$profile" = debug ] && debug_flag=(--debug)
(cd "$ROOT/src-tauri" && "$ROOT/tools/package/node_modules/.bin/tauri" bundle --bundles deb "${debug_flag[@]}") \
  || die "the Tauri bundler could not pack the .deb"
deb="$(ls -t "$target/$profile/bundle/deb/"*.deb 2>/dev/null | head -n1)"
[ -n "$deb" ] || die "no .deb under $target/$profile/bundle/deb"
say "package: $deb ($(du -h "$deb" | cut -f1))"
[ "$check" -eq 1 ] || exit 0

# --check: unpack, start on a virtual display, wait for the window, screenshot.
apt_install xvfb xauth x11-utils imagemagick
dpkg-deb --info "$deb" | grep "Depends:.*libwebkit2gtk-4.1-0" >/dev/null || die "the package does not depend on WebKitGTK 4.1"
root="$(mktemp -d)"
pkg="$(dpkg-deb -f "$deb" Package)"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
removal=""
trap 'kill "${app:-}" "${XVFB_PID:-}" 2>/dev/null || true; [ -z "$removal" ] || $sudo dpkg -r "$pkg" >/dev/null 2>&1 || true; rm -rf "$root"' EXIT
if [ "$install" -eq 1 ]; then
  [ -z "$sudo" ] || command -v sudo >/dev/null || die "--install needs root or sudo"
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep "install ok installed" >/dev/null || removal=1
  say "installing $(basename "$deb") (apt-get install ./…; removed again after the check)"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$(realpath "$deb")" >/dev/null \
    || die "apt-get could not install $deb"
  dpkg-query -W -f='${Status}' "$pkg" | grep "install ok installed" >/dev/null || die "dpkg does not list $pkg as installed"
  bin="/usr/bin/cogov-studio"
  desktop="/usr/share/applications/CoGov Studio.desktop"
else
  dpkg-deb -x "$deb" "$root"
  bin="$root/usr/bin/cogov-studio"
  desktop="$root/usr/share/applications/CoGov Studio.desktop"
fi
[ -x "$bin" ] || die "the package has no usr/bin/cogov-studio"
[ -f "$desktop" ] || die "the package has no desktop entry"
unset DISPLAY WAYLAND_DISPLAY
ensure_display
say "starting the packaged studio ($bin)"
XDG_DATA_HOME="$root/data" "$bin" >"$root/studio.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  xwininfo -root -tree 2>/dev/null | grep '"CoGov Studio"' >/dev/null && break
  kill -0 "$app" 2>/dev/null || { cat "$root/studio.log" >&2; die "the packaged studio exited before showing its window"; }
  sleep 0.5
done
xwininfo -root -tree | grep '"CoGov Studio"' >/dev/null || die "no CoGov Studio window within 60 s"
# The page paints a while after the window maps. Counted colours tell the states apart: a
# blank window has 2, the "Starting CoGov Studio…" rail about 700, the Home view (cards,
# example texts) about 1,900.
shot="$target/package-check.png" colours=0
for _ in $(seq 1 60); do
  import -window root "$shot" || die "could not take the screenshot"
  colours="$(identify -format '%k' "$shot")"
  [ "$colours" -gt 1200 ] && break
  sleep 1
done
[ "$colours" -gt 1200 ] || die "the packaged studio's window stayed blank (screenshot $shot)"
say "the packaged studio shows its window ($colours colours): screenshot $shot"
