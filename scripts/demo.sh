#!/usr/bin/env bash
# Quick start: install what is missing, build and install maritime, start a
# throwaway PostgreSQL cluster, load the shipped sample data and print what
# the extension finds.  The cluster is removed when the demo ends.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
pg_virtualenv -t -v 15 psql -X -q -v ON_ERROR_STOP=1 -f scripts/demo.sql 2>&1 |
	grep -v -e '^Creating new PostgreSQL cluster' -e '^Dropping cluster'
