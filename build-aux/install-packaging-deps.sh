#!/bin/sh
# Install the Debian packages the `data` test suite and the packaging work
# use: validators for the desktop file, metainfo and schema, gettext for the
# translations, flatpak-builder to check the Flatpak manifest, and librsvg's
# rsvg-convert to look at the icons. Run as root (or through sudo).
set -eu
if [ "$(id -u)" -ne 0 ]; then
  exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -q --no-install-recommends \
  desktop-file-utils \
  appstream \
  libglib2.0-bin \
  libglib2.0-dev \
  gettext \
  flatpak-builder \
  librsvg2-bin \
  python3
