#!/usr/bin/env bash
# Install the system libraries Qt needs, if missing (Debian/Ubuntu, as root). Idempotent.
#   scripts/system-deps.sh test   -> what the offscreen tests and the screenshot need
#   scripts/system-deps.sh gui    -> plus what a real window on X11 needs
#   scripts/system-deps.sh dist   -> what `make dist` / `make packages` need: ICU's tools and a
#                                    C compiler (the slimmed ICU data), binutils (glibc check),
#                                    NSIS (the Windows installer script is compiled here)
set -euo pipefail
mode=${1:-test}

packages=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-noto-cjk)
if [ "$mode" = test ]; then
  # Word documents are judged on their rendered pages: LibreOffice → PDF → text and pictures;
  # Tibetan needs a font of its own to be printed (Tibetan Machine Uni, 0.9 MB).
  packages+=(libreoffice-writer-nogui poppler-utils fonts-tibetan-machine)
fi
if [ "$mode" = dist ] || [ "$mode" = test ]; then
  # tests/packaging builds the bundle (when make dist has not) and compiles the installer.
  packages+=(icu-devtools gcc binutils nsis)
fi
if [ "$mode" = test ]; then
  # tests/packaging/test_fcitx5.py: the bundle's Qt meets a real fcitx5 on a virtual display.
  packages+=(fcitx5 xvfb xauth dbus-daemon dbus-bin)
fi
if [ "$mode" = gui ]; then
  # Qt's xcb platform plugin (since Qt 6.5 it also needs xcb-cursor).
  packages+=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
             libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0
             libxcb-sync1 libxcb-xinerama0 libx11-xcb1)
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    packages+=(xvfb xauth)
  fi
fi

command -v dpkg-query >/dev/null || exit 0
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
((${#missing[@]})) || exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "missing system packages: ${missing[*]} — install them (sudo apt-get install ...)" >&2
fi
