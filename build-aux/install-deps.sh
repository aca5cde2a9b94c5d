#!/bin/bash
# Installs what TcpViz needs to build, run and test on Debian 12 (or newer).
# Run as root or with sudo available.  Installs nothing that is there already.
set -eu
packages="meson ninja-build pkg-config gcc libglib2.0-dev libgtk-4-dev libadwaita-1-dev
  libpcap-dev libjson-glib-dev gettext libglib2.0-bin desktop-file-utils appstream
  tshark tcpdump xvfb xauth xdotool x11-apps imagemagick poppler-utils librsvg2-bin
  clang libclang-rt-14-dev libfuzzer-14-dev valgrind locales fonts-noto-cjk fonts-cantarell
  python3 curl openssl iproute2 libcap2-bin time flatpak-builder dbus dbus-x11 adwaita-icon-theme"
missing=""
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
# The Chinese locale, for the translation tests and screenshots.
ensure_locale() {
  locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' && return 0
  [ -f /etc/locale.gen ] || return 0
  $sudo sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
  $sudo locale-gen >/dev/null
}
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then ensure_locale; exit 0; fi
echo "install-deps: installing$missing"
$sudo apt-get update -qq
# tshark asks whether non-root users may capture: answer no, without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
ensure_locale
