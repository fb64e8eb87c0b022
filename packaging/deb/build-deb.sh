#!/usr/bin/env bash
# UOS / Kylin packages of the client, built with dpkg-deb (docs/distribution.md).
#
#   packaging/deb/build-deb.sh BUNDLE VIDEO_DIR OUT_DIR [PRESET]
#
# BUNDLE     the onedir bundle (dist/hnclient: hnclient, hnclient-cli, _internal/)
# VIDEO_DIR  the video component's root (dist/video: components/ffmpeg/…), or "" for none
# OUT_DIR    where the .deb files go
# PRESET     a county's preset.json, installed as /etc/xdg/hnclient/preset.json (a conffile:
#            kept on upgrade when IT has edited it); without it no preset is installed
#
# Makes:
#   cn.gov.hainanzhou.hnclient_<version>_amd64.deb        the program (UOS app layout)
#   cn.gov.hainanzhou.hnclient.video_<version>_amd64.deb  the optional video component
# DEB_COMPRESS (default xz, which UOS V20's dpkg 1.19 reads; not zstd) picks the compression.
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,18p' "$0" >&2
  exit 2
fi
bundle=$(readlink -f "$1")
video=${2:+$(readlink -f "$2")}
out=$(readlink -f "$3")
preset=${4:+$(readlink -f "$4")}
here=$(dirname "$(readlink -f "$0")")
root=$(dirname "$(dirname "$here")")
compress=${DEB_COMPRESS:-xz}

appid=cn.gov.hainanzhou.hnclient
name_zh="海南州政务信息报送客户端"
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/hnclient/__init__.py")
arch=amd64
prefix=/opt/apps/$appid

[ -x "$bundle/hnclient" ] || { echo "no bundle at $bundle (run make dist)" >&2; exit 1; }
if [ -n "$preset" ]; then
  python3 -m json.tool "$preset" >/dev/null || { echo "$preset is not valid JSON" >&2; exit 1; }
fi
# The oldest glibc the bundle runs on: the highest GLIBC_ symbol version any file needs.
glibc=$(python3 "$root/packaging/bundle_report.py" --print-glibc "$bundle")
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# -- the program ------------------------------------------------------------------------------
stage=$work/main
mkdir -p "$stage$prefix/files" "$stage/DEBIAN"
cp -a "$bundle/." "$stage$prefix/files/"
install -m 0755 "$root/packaging/linux/hnclient-launch" "$stage$prefix/files/hnclient-launch"

desktop() {
  cat <<EOF
[Desktop Entry]
Type=Application
Name=$name_zh
Name[zh_CN]=$name_zh
GenericName=Information submission client
GenericName[zh_CN]=政务信息报送
Comment=Draft, sign off and send items to the prefecture portal and WeChat account
Comment[zh_CN]=为州政府门户网站和政务微信起草、审核签发、报送信息
Exec=$prefix/files/hnclient-launch
Icon=$appid
Terminal=false
Categories=Office;
StartupWMClass=hnclient
EOF
}
# UOS reads entries/ inside the app folder; Kylin (and any Debian desktop) /usr/share.
for base in "$stage$prefix/entries" "$stage/usr/share"; do
  mkdir -p "$base/applications" "$base/icons/hicolor/scalable/apps"
  desktop >"$base/applications/$appid.desktop"
  install -m 0644 "$root/packaging/icons/hnclient.svg" "$base/icons/hicolor/scalable/apps/$appid.svg"
done
mkdir -p "$stage/usr/bin"
ln -s "$prefix/files/hnclient-launch" "$stage/usr/bin/hnclient"

cat >"$stage$prefix/info" <<EOF
{
  "appid": "$appid",
  "name": "$name_zh",
  "version": "$version",
  "arch": ["$arch"],
  "permissions": {
    "autostart": false,
    "notification": false,
    "trayicon": false,
    "clipboard": true,
    "account": false,
    "bluetooth": false,
    "camera": false,
    "audio_record": false,
    "installed_apps": false
  }
}
EOF

if [ -n "$preset" ]; then
  install -D -m 0644 "$preset" "$stage/etc/xdg/hnclient/preset.json"
  echo /etc/xdg/hnclient/preset.json >"$stage/DEBIAN/conffiles"
fi
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<EOF
Package: $appid
Version: $version
Architecture: $arch
Maintainer: 海南州人民政府办公室 <xxbs@hainanzhou.gov.cn>
Installed-Size: $size
Depends: libc6 (>= $glibc), libstdc++6, zlib1g, libexpat1, libgl1, libegl1, libfontconfig1, libfreetype6, libx11-6, libxcb1, libglib2.0-0, libcom-err2, libdbus-1-3
Recommends: fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei
Suggests: $appid.video
Section: utils
Priority: optional
Homepage: https://www.hainanzhou.gov.cn/
Description: $name_zh
 Hainan Prefecture information client: county and department information
 officers draft items for the prefecture portal and WeChat account, have
 them signed off by a leader on the same PC and send them to the office.
 Officers' data stays in their home folders and is never removed with
 the package.
EOF
main_deb=$out/${appid}_${version}_${arch}.deb
dpkg-deb --root-owner-group -Z"$compress" --build "$stage" "$main_deb" >/dev/null
echo "$main_deb"

# -- the optional video component -------------------------------------------------------------
if [ -n "$video" ]; then
  [ -x "$video/components/ffmpeg/ffmpeg" ] || { echo "no FFmpeg under $video" >&2; exit 1; }
  vstage=$work/video
  mkdir -p "$vstage$prefix/files/components" "$vstage/DEBIAN"
  cp -a "$video/components/ffmpeg" "$vstage$prefix/files/components/"
  vsize=$(du -sk --exclude=DEBIAN "$vstage" | cut -f1)
  cat >"$vstage/DEBIAN/control" <<EOF
Package: $appid.video
Version: $version
Architecture: $arch
Maintainer: 海南州人民政府办公室 <xxbs@hainanzhou.gov.cn>
Installed-Size: $vsize
Depends: $appid (= $version)
Section: utils
Priority: optional
Description: $name_zh — 视频转换组件 (video conversion)
 FFmpeg (a static build, GPL; see components/ffmpeg/README.txt) with which
 the client converts phone and camera videos to the WMV format the
 prefecture office asks for. Optional: without it everything else works.
EOF
  video_deb=$out/${appid}.video_${version}_${arch}.deb
  dpkg-deb --root-owner-group -Z"$compress" --build "$vstage" "$video_deb" >/dev/null
  echo "$video_deb"
fi
