#!/usr/bin/env bash
# A minimal Debian root (debootstrap --variant=minbase) with the PostgreSQL
# and PostGIS of another Debian release, to build and test maritime there
# without touching this machine's own PostgreSQL.
#
#   scripts/debian_root.sh RELEASE
#       Prepare the root of RELEASE, or reuse it if it is complete, then
#       print the versions of PostgreSQL, PostGIS and MobilityDB in it.
#   scripts/debian_root.sh RELEASE --run [--user NAME] CMD [ARG...]
#       Prepare the root if needed, then run CMD inside it as NAME (a user
#       of the root, root by default), in /src, where the repository that
#       holds this script (or MARITIME_SRC) is bind-mounted read-write.
#       The environment is a clean one (PATH, HOME, USER, LANG=C.UTF-8,
#       PG_CONFIG of the release's PostgreSQL); the exit status is CMD's.
#   scripts/debian_root.sh RELEASE --path
#       Print the root's directory (whether it is prepared or not).
#
# RELEASE and the PostgreSQL it brings:
#   bookworm (Debian 12)        15
#   trixie (Debian 13)          17
#   sid or unstable             18
#
# Roots live in /var/cache/maritime-roots/RELEASE (MARITIME_ROOTS changes
# the folder).  Installed in each: make gcc libc6-dev postgresql-N
# postgresql-server-dev-N postgresql-N-postgis-3 postgresql-common
# python3-psycopg2, and postgresql-N-mobilitydb where the release has it;
# MARITIME_ROOT_EXTRA adds packages (for example "gdal-bin" for the client
# tests).  No cluster is created and no service is started in the root.
#
# Preparing is idempotent.  debootstrap's success is marked by the stamp
# .maritime-base, the packages' by .maritime-ready (which lists them): a root
# without the first is removed and made again, one without the second gets
# its packages installed again (apt finishes what an interrupted run left).
# /proc, /dev and /sys (and /src for --run) are mounted only while a command
# runs in the root, and always unmounted afterwards, even on failure or
# interruption.  One lock per root serialises the invocations that use it
# (commands in the root do not hold it: a server left running there does
# not block the next invocation, but /proc and /dev are unmounted under it
# when the invocation that started it ends).
#
# sid's Release file is only valid for a week and the archive this machine
# reaches may be older than that, so apt in a sid root runs with
# Acquire::Check-Valid-Until=false (debootstrap checks only the signature).
#
# Needs root and debootstrap (installed from Debian's archive if missing).
# The bound repository is shared with the host: objects built in /src land
# in the working tree, so build in a copy to keep the host's build apart.
# For example, the pg_regress suite on PostgreSQL 17 (pg_virtualenv, run as
# root, makes a throwaway cluster owned by postgres):
#   scripts/debian_root.sh trixie --run sh -c 'rm -rf /tmp/m &&
#       cp -a /src /tmp/m && cd /tmp/m && make -s clean && make -s &&
#       make -s install && make -s -C test/malformed &&
#       pg_virtualenv -t -v 17 make -s installcheck'
set -euo pipefail

usage() {
	awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0" >&2
	exit 2
}

[ $# -ge 1 ] || usage
release=$1
shift
case $release in
	bookworm) pg=15 ;;
	trixie) pg=17 ;;
	sid | unstable) release=sid pg=18 ;;
	*) echo "debian_root: unknown release '$release' (bookworm, trixie or sid)" >&2; exit 2 ;;
esac

mode=prepare
user=root
case ${1:-} in
	"") ;;
	--path) mode=path ;;
	--run)
		mode=run
		shift
		if [ "${1:-}" = --user ]; then
			[ $# -ge 2 ] || usage
			user=$2
			shift 2
		fi
		[ $# -ge 1 ] || usage
		;;
	*) usage ;;
esac

roots=${MARITIME_ROOTS:-/var/cache/maritime-roots}
root=$roots/$release
mirror=http://deb.debian.org/debian
src=${MARITIME_SRC:-$(cd "$(dirname "$0")/.." && pwd)}
packages="make gcc libc6-dev postgresql-$pg postgresql-server-dev-$pg postgresql-$pg-postgis-3 postgresql-common python3-psycopg2 ${MARITIME_ROOT_EXTRA:-}"
optional="postgresql-$pg-mobilitydb"
path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

if [ "$mode" = path ]; then
	echo "$root"
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "debian_root: must run as root (debootstrap, chroot, mount)" >&2
	exit 1
fi

mkdir -p "$roots"
exec 9>"$roots/$release.lock"
if ! flock -n 9; then
	echo "debian_root: waiting for another user of $root" >&2
	flock 9
fi

# The mount points under the root that are mounted now, deepest first
mounted() {
	awk -v root="$root/" 'index($5, root) == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

unmount_all() {
	local point
	for point in $(mounted); do
		umount -l "$point" 2>/dev/null || true
	done
}

# Mounts /proc, /dev and /sys in the root, after unmounting what a killed
# run may have left there (so mounts never stack)
mount_all() {
	unmount_all
	mount -t proc proc "$root/proc"
	mount --rbind /dev "$root/dev"
	mount --make-rslave "$root/dev"
	mount --rbind /sys "$root/sys"
	mount --make-rslave "$root/sys"
}

# Runs a command in the root as root, with the mounts in place only meanwhile
in_root() {
	local status=0
	mount_all
	chroot "$root" /usr/bin/env -i PATH="$path" HOME=/root LANG=C.UTF-8 \
		DEBIAN_FRONTEND=noninteractive "$@" 9>&- || status=$?
	unmount_all
	return $status
}

trap unmount_all EXIT
trap 'exit 130' INT TERM

apt_get() {
	in_root apt-get -q -y -o Dpkg::Use-Pty=0 "$@"
}

prepare() {
	local start=$SECONDS available

	unmount_all
	if [ -n "$(mounted)" ]; then
		echo "debian_root: cannot unmount $(mounted | tr '\n' ' ')" >&2
		exit 1
	fi
	if [ ! -f "$root/.maritime-base" ]; then
		if ! command -v debootstrap >/dev/null; then
			apt-get update -qq
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
		fi
		rm -rf --one-file-system "$root"
		echo "debian_root: debootstrap $release into $root"
		debootstrap --variant=minbase "$release" "$root" "$mirror" >"$roots/$release.debootstrap.log" 2>&1 ||
			{ tail -20 "$roots/$release.debootstrap.log" >&2; exit 1; }
		touch "$root/.maritime-base"
	fi
	rm -f "$root/.maritime-ready"

	# No service may start from a package's scripts inside the root
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod 755 "$root/usr/sbin/policy-rc.d"
	{
		echo 'APT::Install-Recommends "false";'
		[ "$release" = sid ] && echo 'Acquire::Check-Valid-Until "false";'
		true
	} >"$root/etc/apt/apt.conf.d/90maritime"

	echo "debian_root: installing PostgreSQL $pg and PostGIS in $root"
	in_root dpkg --configure -a
	apt_get update >/dev/null
	# postgresql-common first: it must be told not to create a cluster
	# before a server package is configured
	apt_get install postgresql-common >/dev/null
	sed -i 's/^#* *create_main_cluster *=.*/create_main_cluster = false/' \
		"$root/etc/postgresql-common/createcluster.conf"
	available=$(in_root apt-cache show "$optional" 2>/dev/null | grep -c '^Package:' || true)
	if [ "$available" -gt 0 ]; then
		packages="$packages $optional"
	else
		echo "debian_root: $optional is not in $release; going on without it"
	fi
	# shellcheck disable=SC2086
	apt_get install $packages >"$roots/$release.apt.log" 2>&1 ||
		{ tail -20 "$roots/$release.apt.log" >&2; exit 1; }
	apt_get clean >/dev/null
	echo "$packages" | tr -s ' ' '\n' | sed '/^$/d' >"$root/.maritime-ready"
	echo "debian_root: $release prepared in $((SECONDS - start)) s, $(du -sh --one-file-system "$root" | cut -f1)"
}

# Ready when the stamp lists every package asked for now
ready() {
	local package
	[ -f "$root/.maritime-ready" ] || return 1
	for package in $packages; do
		grep -qx "$package" "$root/.maritime-ready" || return 1
	done
}

versions() {
	local package version
	echo "$release: $(chroot "$root" "/usr/lib/postgresql/$pg/bin/pg_config" --version)"
	for package in "postgresql-$pg" "postgresql-$pg-postgis-3" "$optional"; do
		# shellcheck disable=SC2016
		version=$(chroot "$root" dpkg-query -W -f='${Version}' "$package" 2>/dev/null || true)
		echo "  $package ${version:-(not installed)}"
	done
}

ready || prepare

if [ "$mode" = prepare ]; then
	versions
	exit 0
fi

# --run: the user's home in the root, then the command in /src
home=$(awk -F: -v user="$user" '$1 == user { print $6 }' "$root/etc/passwd")
if [ -z "$home" ]; then
	echo "debian_root: no user '$user' in $root" >&2
	exit 1
fi
mkdir -p "$root/src"
status=0
mount_all
mount --bind "$src" "$root/src"
mount --make-private "$root/src"
# shellcheck disable=SC2016
chroot "$root" /usr/bin/env -i PATH="$path" HOME="$home" USER="$user" LOGNAME="$user" \
	LANG=C.UTF-8 PG_CONFIG="/usr/lib/postgresql/$pg/bin/pg_config" \
	/bin/sh -c 'cd /src && exec runuser -u "$0" -- "$@"' "$user" "$@" 9>&- || status=$?
unmount_all
exit $status
