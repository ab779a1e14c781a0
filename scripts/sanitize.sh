#!/usr/bin/env bash
# Build maritime with AddressSanitizer and UndefinedBehaviorSanitizer and run
# the whole pg_regress suite (the Makefile's REGRESS and REGRESS_EXTRA) and the
# codec unit test under them.  Any sanitizer report is a failure.  Ends with
# one line "N passed, N failed", like scripts/test.sh.
#
# Nothing outside a temporary directory is touched, so it can run while
# others use the machine's PostgreSQL and its maritime.so:
#  - the source tree is copied and built there (the sanitized objects never
#    mix with the normal ones);
#  - PostgreSQL's installation (/usr/lib/postgresql/15 and
#    /usr/share/postgresql/15, which hold PostGIS too) is copied into a
#    private prefix, and the sanitized build is installed into it with
#    "make install DESTDIR=prefix".  PostgreSQL finds its lib and share
#    directories relative to its own binary, so a server started from the
#    copied bin directory loads the copied files (the binaries are real
#    copies, not links: the path is computed after resolving links);
#  - a throwaway cluster in that directory listens on a Unix socket there.
#
# How the sanitizers run: postgres itself is not instrumented; only
# maritime.so is.  ASan's runtime must be the first library of the process,
# so the server is started with LD_PRELOAD=libasan (preloading into an
# uninstrumented binary works: malloc and friends are intercepted, which
# also puts redzones around the blocks PostgreSQL's memory contexts get
# from malloc).  libubsan is pulled in by maritime.so itself.
# One trap, and its way out: a preloaded libasan initialises itself lazily,
# at the first malloc, and its constructor runs after those of postgres's
# dependencies.  On Debian 12 the first malloc comes from libgpg-error's
# constructor (via libsystemd and libgcrypt) inside bindtextdomain(), with
# glibc's gettext lock held; ASan's initialisation then calls dlerror(),
# which takes and releases that lock again.  The lock is left corrupted and
# every PostgreSQL program (even "postgres -V") hangs in bindtextdomain().
# So a tiny second preload, linked with -z initfirst, calls malloc from a
# constructor that runs before all others: ASan is initialised first, with
# no lock held.
# What ASan cannot see: an overrun inside a palloc'd block, into the next
# chunk of the same memory-context block (PostgreSQL does not poison chunks
# for ASan).  Values over 8 kB get a malloc block of their own, so overruns
# past them are seen; the test "malformed" has such a value for that reason.
# Flags: float-cast-overflow is added to ASan and UBSan (a double cast to an
# integer type it does not fit is undefined too, and "undefined" leaves it
# out in gcc).  Runtime settings and why:
#  - detect_leaks=0: PostgreSQL leaves memory to process exit by design;
#  - abort_on_error=1: an ASan error then kills the backend with SIGABRT,
#    which the postmaster treats as a crash (ASan's default exit code 1
#    would look like an ordinary FATAL exit);
#  - log_path: reports go to files we collect, whatever the process;
#  - jit=off: JIT would run maritime's uninstrumented bitcode instead
#    (bitcode is not installed either: with_llvm=no).
#
# Usage: scripts/sanitize.sh          (as root, or as a user that can run
#        PostgreSQL; root runs the server as "postgres")
# Output: test/output/sanitize/ keeps the reports and regression.diffs.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
SANITIZE="-fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer"
out=$root/test/output/sanitize
start_time=$SECONDS

fail() {
	echo "sanitize: $*"
	echo "0 passed, 1 failed"
	exit 1
}

libasan=$(gcc -print-file-name=libasan.so)
libubsan=$(gcc -print-file-name=libubsan.so)
[ -e "$libasan" ] && [ -e "$libubsan" ] ||
	fail "gcc's sanitizer runtimes are missing (libasan, libubsan come with gcc)"
libasan=$(readlink -f "$libasan")

bindir=$($PG_CONFIG --bindir)
pkglibdir=$($PG_CONFIG --pkglibdir)
sharedir=$($PG_CONFIG --sharedir)
pgdir=$(dirname "$bindir")		# /usr/lib/postgresql/15

# The server runs as postgres when we are root (initdb refuses root)
if [ "$(id -u)" = 0 ]; then
	run_as=(runuser -u postgres --)
	pguser=postgres
else
	run_as=()
	pguser=$(id -un)
fi

tmp=$(mktemp -d /tmp/maritime-sanitize.XXXXXX) || fail "mktemp failed"
chmod 755 "$tmp"				# the server reads the test module here
prefix=$tmp/prefix
src=$tmp/src
data=$tmp/data
socket=$tmp/socket
reports=$tmp/reports
server_bin=$prefix$bindir

cleanup() {
	if [ -f "$data/postmaster.pid" ]; then
		"${run_as[@]}" "$server_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$out"
mkdir -p "$out"

# 1. A private copy of PostgreSQL (and PostGIS), without the normal maritime
echo "sanitize: copying PostgreSQL into $prefix"
mkdir -p "$prefix$(dirname "$pgdir")" "$prefix$(dirname "$sharedir")"
cp -a "$pgdir" "$prefix$pgdir" || fail "could not copy $pgdir"
cp -a "$sharedir" "$prefix$sharedir" || fail "could not copy $sharedir"
rm -rf "$prefix$pkglibdir"/maritime* "$prefix$pkglibdir"/bitcode/maritime* \
	"$prefix$sharedir"/extension/maritime*

# 2. The sources (with work not yet committed), built with the sanitizers
echo "sanitize: building with $SANITIZE"
mkdir -p "$src"
tar -C "$root" --exclude=./.git --exclude=./results --exclude=./test/output \
	--exclude='*.o' --exclude='*.bc' --exclude='*.so' \
	--exclude=./regression.diffs --exclude=./regression.out -cf - . |
	tar -C "$src" -xf - || fail "could not copy the sources"
make -s -C "$src" PG_CONFIG="$PG_CONFIG" with_llvm=no COPT="$SANITIZE" \
	>"$out/build.txt" 2>&1 || { cat "$out/build.txt"; fail "build failed"; }
make -s -C "$src" install PG_CONFIG="$PG_CONFIG" with_llvm=no COPT="$SANITIZE" \
	DESTDIR="$prefix" >>"$out/build.txt" 2>&1 || { cat "$out/build.txt"; fail "install failed"; }
# the test-only module is loaded from the tree by the test "malformed"
make -s -C "$src/test/malformed" PG_CONFIG="$PG_CONFIG" with_llvm=no \
	>>"$out/build.txt" 2>&1 || { cat "$out/build.txt"; fail "test/malformed build failed"; }
chmod -R a+rX "$src"

so=$prefix$pkglibdir/maritime.so
[ -f "$so" ] || fail "$so was not installed"
symbols=$(nm -D "$so")
grep -q ' U __asan_' <<<"$symbols" || fail "$so is not built with ASan"
grep -q ' U __ubsan_' <<<"$symbols" || fail "$so is not built with UBSan"

# 3. A cluster started from the copy, with the ASan runtime preloaded (and
# initialised first, see above)
cat >"$tmp/asan_first.c" <<'END'
#include <stdlib.h>

/* Runs before every other constructor (-z initfirst): initialises ASan */
__attribute__((constructor)) static void
asan_first(void)
{
	free(malloc(1));
}
END
gcc -shared -fPIC -Wl,-z,initfirst -o "$tmp/asan_first.so" "$tmp/asan_first.c" ||
	fail "could not build the ASan initialisation shim"
mkdir -p "$socket" "$reports"
chmod 777 "$reports"
[ ${#run_as[@]} -gt 0 ] && chown postgres "$tmp" "$socket"
server_env=(env
	"LD_PRELOAD=$libasan $tmp/asan_first.so"
	"ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:log_path=$reports/asan"
	"UBSAN_OPTIONS=print_stacktrace=1:log_path=$reports/ubsan")
"${run_as[@]}" "$server_bin/initdb" -D "$data" -U "$pguser" --auth=trust \
	--no-sync >"$out/initdb.txt" 2>&1 || { cat "$out/initdb.txt"; fail "initdb failed"; }
"${run_as[@]}" "${server_env[@]}" "$server_bin/pg_ctl" -D "$data" -w -t 120 \
	-l "$tmp/server.log" \
	-o "-c listen_addresses='' -c unix_socket_directories='$socket' -c port=5432 -c jit=off -c fsync=off" \
	start >/dev/null || { cat "$tmp/server.log"; fail "the server did not start"; }

export PGHOST=$socket PGPORT=5432 PGUSER=$pguser PGDATABASE=postgres
unset PGSERVICE PGPASSWORD

# Is the sanitizer really there?  A backend that has loaded maritime maps
# the ASan and UBSan runtimes and the sanitized maritime.so from the prefix.
maps=$(psql -X -q -At -c "LOAD 'maritime'" -c "SELECT pg_read_file('/proc/self/maps')" 2>&1)
grep -q "$(basename "$libasan")" <<<"$maps" || fail "the server has no ASan runtime loaded"
grep -q 'libubsan' <<<"$maps" || fail "the backend has no UBSan runtime loaded"
grep -q "$so" <<<"$maps" || fail "the backend did not load $so"
echo "sanitize: server $(psql -X -At -c 'SHOW server_version') running with $(basename "$libasan")"

# 4. The suite: the Makefile's REGRESS, then REGRESS_EXTRA (which has
# malformed) without the tests both lists start with
tests=$(make -s --no-print-directory -C "$src" -f Makefile \
	-f <(printf 'print-regress:\n\t@echo $(REGRESS) $(REGRESS_EXTRA)\n') print-regress PG_CONFIG="$PG_CONFIG" |
	tr ' ' '\n' | awk 'NF && !seen[$0]++' | tr '\n' ' ')
[ -n "$tests" ] || fail "could not read REGRESS from the Makefile"
case " $tests " in
	*" malformed "*) ;;
	*) fail "REGRESS_EXTRA has no test malformed" ;;
esac
echo "sanitize: pg_regress $tests"
(cd "$src" && make -s installcheck PG_CONFIG="$PG_CONFIG" REGRESS="$tests") >"$out/regress.txt" 2>&1
regress_status=$?
cat "$out/regress.txt"
regress_passed=$(grep -cE '^(test +| +)?[a-z_0-9]+ +\.\.\. ok|^ok [0-9]+ ' "$out/regress.txt")
regress_failed=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' "$out/regress.txt")
if [ "$regress_status" != 0 ] && [ "$regress_failed" = 0 ]; then
	regress_failed=1			# the suite did not run to the end
fi
[ -s "$src/regression.diffs" ] && cp "$src/regression.diffs" "$out/" &&
	echo "see test/output/sanitize/regression.diffs for the differences"

# 5. The codec unit test, compiled with the same sanitizers
rm -f "$src/test/unit/test_gserialized"
make -s -C "$src" unittest PG_CONFIG="$PG_CONFIG" CC="gcc $SANITIZE" \
	>"$out/unit.txt" 2>&1
unit_status=$?
cat "$out/unit.txt"
unit_summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out/unit.txt" | tail -1)
if [ -n "$unit_summary" ]; then
	unit_passed=$(cut -d' ' -f1 <<<"$unit_summary")
	unit_failed=$(cut -d' ' -f3 <<<"$unit_summary")
else
	unit_passed=0
	unit_failed=1
fi
[ "$unit_status" != 0 ] && [ "$unit_failed" = 0 ] && unit_failed=1

# 6. Sanitizer reports: the report files, the server log (anything written to
# stderr before log_path took effect, and crashes), the unit test's output
"${run_as[@]}" "$server_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1
cp "$tmp/server.log" "$out/server.log"
sanitizer_failed=0
for report in "$reports"/*; do
	[ -s "$report" ] && { cat "$report"; echo; }
done >"$out/reports.txt"
grep -hE 'runtime error:|AddressSanitizer|terminated by signal' \
	"$tmp/server.log" "$out/unit.txt" >>"$out/reports.txt"
if [ -s "$out/reports.txt" ]; then
	echo "sanitize: sanitizer reports (test/output/sanitize/reports.txt):"
	head -n 200 "$out/reports.txt"
	sanitizer_failed=1
else
	rm -f "$out/reports.txt"
	echo "sanitize: no sanitizer reports"
fi

passed=$((regress_passed + unit_passed))
failed=$((regress_failed + unit_failed + sanitizer_failed))
echo "sanitize: took $((SECONDS - start_time)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
