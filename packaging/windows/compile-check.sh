#!/usr/bin/env bash
# Compile check of the Windows installer script on Linux: makensis compiles hnclient.nsi
# against a STAND-IN bundle (small text files named like the Windows bundle's), because the
# real Windows bundle can only be frozen on Windows (build.ps1). The result,
# OUT_DIR/hnclient-setup-COMPILE-CHECK-ONLY.exe, proves the script compiles; it installs
# nothing usable and must never be handed out. Warnings fail the check (-WX).
#   packaging/windows/compile-check.sh OUT_DIR
set -euo pipefail
out=$(readlink -f "${1:?usage: compile-check.sh OUT_DIR}")
here=$(dirname "$(readlink -f "$0")")
root=$(dirname "$(dirname "$here")")
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/hnclient/__init__.py")
command -v makensis >/dev/null || { echo "makensis not found (apt-get install nsis)" >&2; exit 1; }
standin=$(mktemp -d)
trap 'rm -rf "$standin"' EXIT
note="stand-in for a compile check: the Windows bundle is frozen on Windows (packaging/windows/build.ps1)"
mkdir -p "$standin/bundle/_internal" "$standin/video/components/ffmpeg"
for file in bundle/hnclient.exe bundle/hnclient-cli.exe bundle/_internal/python311.dll \
  video/components/ffmpeg/ffmpeg.exe; do
  echo "$note" >"$standin/$file"
done
mkdir -p "$out"
makensis -V2 -WX -INPUTCHARSET UTF8 -DBUNDLE_DIR="$standin/bundle" -DVIDEO_DIR="$standin/video" \
  -DVERSION="$version" -DOUTFILE="$out/hnclient-setup-COMPILE-CHECK-ONLY.exe" \
  "$here/hnclient.nsi"
echo "$out/hnclient-setup-COMPILE-CHECK-ONLY.exe"
