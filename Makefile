# maritime: vessel track analytics for PostGIS, built with PGXS.
EXTENSION = maritime
MODULE_big = maritime
OBJS = \
	src/maritime.o \
	src/gserialized.o \
	src/geometry.o \
	src/track_agg.o \
	src/track.o \
	src/area.o \
	src/intervals.o \
	src/visits.o \
	src/port_visits.o \
	src/round_trips.o \
	src/postgis.o \
	src/idle_periods.o \
	src/geodesy.o \
	src/gaps.o \
	src/stops.o \
	src/clean.o \
	src/segments.o \
	src/encounters.o
DATA = maritime--1.0.sql maritime--1.1.sql maritime--1.0--1.1.sql
PGFILEDESC = "maritime - vessel track analytics for PostGIS"

# The packager's suite (make installcheck, Debian's pg_buildext
# installcheck): deterministic, no timing, nothing to build first, no
# database or role of its own; about a minute.
REGRESS = install upgrade helpers track_agg track_agg_errors srid_lookup track_agg_parallel real_data port_visits round_trips idle_periods visits_errors port_visits_real rajin gaps stops load_ais load_csv bi_views partitions clean_track outliers_real segments range_ends encounters encounters_fleet natural_mistakes hostile_input

# Heavier or environment-bound tests (make installcheck-extra, which
# scripts/test.sh runs): track_agg's size limit over 44.7 million rows,
# damaged geometries and track_agg states through the test-only module in
# test/malformed (built first, never installed), cancel latency under
# statement_timeout, and privileges in a database and with roles of their
# own.
REGRESS_EXTRA = install helpers track_agg_limits malformed malformed_state cancel privileges

# PostgreSQL's own headers have unused parameters in inline functions.
# Warnings are errors in CI and developer builds (make WERROR=1, as
# scripts/test.sh does), not in what packagers build with newer compilers.
PG_CPPFLAGS = -Wall -Wextra -Wno-unused-parameter $(if $(WERROR),-Werror)
EXTRA_CLEAN = results regression.diffs regression.out test/unit/test_gserialized \
	test/malformed/malformed.o test/malformed/malformed.so test/malformed/malformed.bc

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: rebuild everything when one changes
$(OBJS): $(wildcard src/*.h)

# The codec is plain C with no server dependencies, so it is unit-tested
# directly over byte vectors (including PostGIS 2.x version-1 layouts).
test/unit/test_gserialized: test/unit/test_gserialized.c src/gserialized.c src/gserialized.h
	$(CC) -std=c99 -O1 -g -Wall -Wextra -Werror -Isrc -o $@ test/unit/test_gserialized.c src/gserialized.c -lm

unittest: test/unit/test_gserialized
	test/unit/test_gserialized

.PHONY: unittest

installcheck-extra:
	$(MAKE) -C test/malformed PG_CONFIG=$(PG_CONFIG)
	$(pg_regress_installcheck) $(REGRESS_OPTS) $(REGRESS_EXTRA)

.PHONY: installcheck-extra
