#!/bin/bash
# Installs the Debian packages TcpViz needs, on Debian 12 (or newer).
# Run as root or with sudo available.  Installs nothing that is there already.
#
#   build-aux/install-deps.sh           what building and running need
#   build-aux/install-deps.sh --tests   that, and the tools of the test suite
#                                       (tshark, Xvfb, sanitizers, valgrind,
#                                       validators, fonts for the screenshots…)
set -eu
build_packages="meson ninja-build pkg-config gcc libglib2.0-dev libgtk-4-dev libadwaita-1-dev
  libpcap-dev libjson-glib-dev gettext libglib2.0-bin fonts-cantarell adwaita-icon-theme"
# plantuml: check-text-diagrams.py renders the .puml exports with it
test_packages="desktop-file-utils appstream
  tshark tcpdump xvfb xauth xdotool x11-apps imagemagick poppler-utils librsvg2-bin plantuml
  clang libclang-rt-14-dev libfuzzer-14-dev valgrind locales fonts-noto-cjk
  python3 curl openssl iproute2 libcap2-bin time flatpak-builder dbus dbus-x11"
packages=$build_packages
with_tests=no
for arg in "$@"; do
  case $arg in
    --tests) packages="$build_packages $test_packages"; with_tests=yes ;;
    *) echo "usage: $0 [--tests]" >&2; exit 2 ;;
  esac
done
missing=""
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
# The Chinese locale, for the translation tests and screenshots.
ensure_locale() {
  [ "$with_tests" = yes ] || return 0
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
