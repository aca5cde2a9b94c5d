#!/bin/bash
# Installs what TcpViz needs to build, run and test on Debian 12 (or newer).
# Run as root or with sudo available.  Installs nothing that is there already.
set -eu
packages="meson ninja-build pkg-config gcc libglib2.0-dev libgtk-4-dev libadwaita-1-dev
  libpcap-dev libjson-glib-dev gettext libglib2.0-bin desktop-file-utils appstream
  tshark tcpdump xvfb xauth xdotool x11-apps imagemagick poppler-utils librsvg2-bin
  clang libclang-rt-14-dev libfuzzer-14-dev valgrind locales fonts-noto-cjk fonts-cantarell
  python3 curl openssl iproute2 libcap2-bin time"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "install-deps: installing$missing"
$sudo apt-get update -qq
# tshark asks whether non-root users may capture: answer no, without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
