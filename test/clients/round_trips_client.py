#!/usr/bin/python3
"""Read the round_trips view through psycopg2 with bound parameters, as a
Python client would.  Connects with the libpq environment variables (PGHOST,
PGPORT, PGUSER, PGPASSWORD, PGDATABASE); prints "ok - ..." or "FAILED - ..."
per check, then "N passed, N failed", and exits non-zero if any failed."""
import datetime
import sys

import psycopg2

sys.dont_write_bytecode = True          # no __pycache__ in test/clients/
from checks import check, check_that, summary  # noqa: E402

UTC = datetime.timezone.utc
SINCE = datetime.datetime(2023, 8, 1, tzinfo=UTC)
SHUTTLES = [273100001, 273100002, 273100003, 273100004]
PASSER_BY = 273100099

with psycopg2.connect("") as conn, conn.cursor() as cur:
    cur.execute("SELECT count(*), count(*) FILTER (WHERE complete) FROM round_trips"
                " WHERE home_departure >= %s AND ship = ANY(%s)", (SINCE, SHUTTLES))
    check("psycopg2: 32 round trips since 2023-08-01, all complete", cur.fetchone(), (32, 32))

    cur.execute("SELECT ship, count(*) FROM round_trips"
                " WHERE home_departure >= %s AND ship = ANY(%s) GROUP BY ship", (SINCE, SHUTTLES))
    check("psycopg2: 8 round trips per shuttle", dict(cur.fetchall()), dict.fromkeys(SHUTTLES, 8))

    cur.execute("SELECT count(*) FROM round_trips WHERE ship = %s", (PASSER_BY,))
    check("psycopg2: the passer-by makes no round trip", cur.fetchone()[0], 0)

    cur.execute("SELECT max(away_departure) FROM round_trips")
    last = cur.fetchone()[0]
    check_that("psycopg2: last Rajin departure is a tz-aware datetime",
               isinstance(last, datetime.datetime) and last.tzinfo is not None, repr(last))
    check("psycopg2: last Rajin departure is 2024-02-12 02:21:15+00",
          last, datetime.datetime(2024, 2, 12, 2, 21, 15, tzinfo=UTC))

    cur.execute("SELECT id, home_departure, home_arrival, duration_hours FROM round_trips"
                " WHERE ship = %s AND trip = %s", (SHUTTLES[0], 1))
    key, left, back, hours = cur.fetchone()
    check("psycopg2: the key is ship * 1000000 + trip", key, SHUTTLES[0] * 1000000 + 1)
    check("psycopg2: duration_hours is a float", type(hours), float)
    check_that("psycopg2: duration_hours is the time from home to home",
               abs(hours - (back - left).total_seconds() / 3600) < 1e-9, (hours, left, back))

    cur.execute("SELECT * FROM round_trips WHERE ship = %s", (999999999,))
    check("psycopg2: an unknown ship gives no rows", cur.fetchall(), [])

sys.exit(summary())
