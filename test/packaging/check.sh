#!/usr/bin/env bash
# What packagers and PGXN rely on, checked against the files themselves:
# the library exports only maritime's own symbols, META.json agrees with
# the control file, the Makefile and the scripts, every install and update
# script is installed and the chain reaches the default version, and no
# released script has changed.  Run from the repository root after a build
# (scripts/test.sh does).  Prints "ok - ..." or "FAILED - ..." per check,
# then "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

# result, expect and finish
. test/lib/checks.sh

# 1. Exported symbols: PostgreSQL loads libraries with RTLD_GLOBAL, so a
# bare "gaps" or "track_read" could collide with another library's
if [ -f maritime.so ]; then
	foreign=$(nm -D --defined-only maritime.so | awk '{ print $3 }' |
		grep -vE '^(maritime_[A-Za-z0-9_]+|pg_finfo_maritime_[A-Za-z0-9_]+|Pg_magic_func|_PG_init)$')
	exported=$(nm -D --defined-only maritime.so | awk '{ print $3 }' | grep -c '^maritime_')
	expect "maritime.so exports only maritime_ symbols, pg_finfo_ and Pg_magic_func ($exported maritime_)" "$foreign" ""
else
	result "maritime.so exports only maritime_ symbols (not built)" 1 "run make first"
fi

# 2. META.json against the control file, the Makefile and the scripts
control_version=$(sed -n "s/^default_version = '\(.*\)'$/\1/p" maritime.control)
data=$(make -s --no-print-directory -f Makefile -f <(printf 'print-data:\n\t@echo $(DATA)\n') print-data 2>/dev/null)
extension=$(make -s --no-print-directory -f Makefile -f <(printf 'print-ext:\n\t@echo $(EXTENSION)\n') print-ext 2>/dev/null)
problems=$(/usr/bin/python3 - "$control_version" "$extension" "$data" <<'EOF'
import json, os, re, sys
control_version, extension, data = sys.argv[1], sys.argv[2], sys.argv[3].split()
problems = []
try:
    meta = json.load(open('META.json'))
except Exception as e:
    print('META.json is not JSON: %s' % e)
    sys.exit()
for key in ('name', 'abstract', 'version', 'maintainer', 'license', 'provides', 'meta-spec'):
    if key not in meta:
        problems.append('META.json has no %s' % key)
semver = re.compile(r'^\d+\.\d+\.\d+$')
if meta.get('name') != extension:
    problems.append('name %r is not the Makefile EXTENSION %r' % (meta.get('name'), extension))
if meta.get('version') != control_version + '.0':
    problems.append('version %r is not default_version %r' % (meta.get('version'), control_version))
if meta.get('meta-spec', {}).get('version') != '1.0.0':
    problems.append('meta-spec version is not 1.0.0')
if meta.get('license') not in ('postgresql', 'bsd', 'mit', 'apache_2_0', 'gpl_3', 'restricted'):
    problems.append('license %r is no PGXN licence name' % meta.get('license'))
if meta.get('license') == 'postgresql' and 'Permission to use, copy, modify' not in open('LICENSE').read():
    problems.append('LICENSE is not the PostgreSQL licence META.json names')
for name, p in meta.get('provides', {}).items():
    if name != extension:
        problems.append('provides %r, not the extension' % name)
    if p.get('version') != meta.get('version'):
        problems.append('provides %s at %r, not %r' % (name, p.get('version'), meta.get('version')))
    for key in ('file', 'docfile'):
        if not os.path.isfile(p.get(key, '')):
            problems.append('provides %s: %s %r is no file' % (name, key, p.get(key)))
    if p.get('file') != '%s--%s.sql' % (extension, control_version):
        problems.append('provides %s: file %r is not the default version\'s script' % (name, p.get('file')))
for phase in meta.get('prereqs', {}).values():
    for kind in phase.values():
        for module, version in kind.items():
            if not semver.match(version):
                problems.append('prereq %s %r is not a version' % (module, version))
requires = meta.get('prereqs', {}).get('runtime', {}).get('requires', {})
if requires.get('PostgreSQL') != '15.0.0':
    problems.append('PostgreSQL prerequisite %r is not 15.0.0, the oldest version tested' % requires.get('PostgreSQL'))
if 'PostGIS' not in requires:
    problems.append('PostGIS is not a prerequisite')
# every script is installed; the update chain reaches the default version
scripts = sorted(f for f in os.listdir('.') if re.match(r'^%s--.*\.sql$' % extension, f))
for f in scripts:
    if f not in data:
        problems.append('%s is not in the Makefile DATA' % f)
for f in data:
    if not os.path.isfile(f):
        problems.append('DATA names %s, which is not there' % f)
installs = [re.match(r'^%s--([^-]+)\.sql$' % extension, f).group(1) for f in scripts
            if re.match(r'^%s--[^-]+\.sql$' % extension, f)]
updates = [re.match(r'^%s--([^-]+)--([^-]+)\.sql$' % extension, f).groups() for f in scripts
           if re.match(r'^%s--[^-]+--[^-]+\.sql$' % extension, f)]
for version in installs:
    reached, frontier = {version}, [version]
    while frontier:
        v = frontier.pop()
        for a, b in updates:
            if a == v and b not in reached:
                reached.add(b)
                frontier.append(b)
    if control_version not in reached:
        problems.append('no update path from %s to %s' % (version, control_version))
for f in scripts:
    first = open(f).read().split('\n')
    if not any(line.startswith('\\echo Use ') and line.endswith('\\quit') for line in first[:6]):
        problems.append('%s lacks the \\echo ... \\quit guard' % f)
print('\n'.join(problems))
EOF
)
expect "META.json agrees with maritime.control, the Makefile, LICENSE and the scripts" "$problems" ""

# 3. Released scripts never change: their checksums are kept when they are
# released (test/packaging/released.sha256)
changed=$(sha256sum --quiet -c test/packaging/released.sha256 2>&1)
expect "the released scripts are as released ($(wc -l <test/packaging/released.sha256) of them)" "$changed" ""

finish
