#!/usr/bin/env bash
# Install the Debian packages maritime and its demo need (only those
# missing), then build and install the extension.  Safe to run again: it
# does only what is left.
#
#   scripts/setup.sh [PACKAGE ...]    also install these: the test scripts
#                                     name the tools only they use
set -euo pipefail
cd "$(dirname "$0")/.."

# gnuplot draws the demo's charts, ogr2ogr writes its GeoPackage, QGIS
# (PyQGIS, no display needed) draws its map: about 300 MB to download
PACKAGES="make gcc libc6-dev postgresql-15 postgresql-server-dev-15 postgresql-15-postgis-3 postgresql-common gdal-bin gnuplot-nox qgis python3-qgis $*"

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing=""
for package in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $package"
	fi
done
if [ -n "$missing" ]; then
	echo "setup: installing Debian packages:$missing"
	as_root apt-get update -qq
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

export PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
make -s PG_CONFIG="$PG_CONFIG"
as_root make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
