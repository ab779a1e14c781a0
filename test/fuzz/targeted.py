#!/usr/bin/python3
"""A grammar fuzzer for maritime's own functions.

scripts/fuzz.sh runs it (with /usr/bin/python3, which has psycopg2) against
the database test/fuzz/setup.sql builds, as the role maritime_fuzz.  It makes
random calls of track_agg, port_visits, round_trips, idle_periods, gaps,
stops, clean_track, outliers, segments, encounters and encounter_box, with
random and hostile arguments (geometries of every type, empty, NaN,
infinite, mixed SRIDs and dimensions, M that goes back, huge and negative
intervals, NULLs, subqueries over the sample tables) in random calling
contexts (FROM, target list, LATERAL joins, LIMIT, cursors, window
frames, parallel plans, spilling hash aggregates), and records what each call
did.  The SQL depends only on the seed: call N of a seed is always the same.

A lost connection is a crash (fuzz.sh confirms it from the server log); a
call that outlives statement_timeout by far ignores query cancel.  Some
port_visits calls on valid input are checked against PostGIS (the vertices
inside the area).  Writes a JSON summary to --out and the SQL of every
crash, slow call or wrong answer to --out.queries; with --print N it prints
call N of the seed and exits.
"""
import argparse
import collections
import json
import math
import random
import re
import struct
import sys
import time

# Sample region (Rajin, Vladivostok) and time span (2023-08-01 .. 2024-03-15)
LON = (129.5, 134.0)
LAT = (41.5, 43.5)
EPOCH0 = 1690848000.0
EPOCH1 = 1710460800.0
VESSELS = [273100001, 273100002, 273100003, 273100004, 273100099]
TRACK_KINDS = ['rajin', 'mercator', 'xyzm', 'xyz', 'reversed', 'multi', 'srid0',
               'short', 'one vertex', 'empty', 'equal M', 'no M', 'NaN', 'NaN M',
               'huge M', 'point', 'polygon', 'ancient']
PORTS = ['Rajin', 'Dunay', 'Vostochny', 'home group', 'all ports', 'Rajin 3857',
         'Rajin holed', 'Vostochny curved', 'empty', 'world', 'bowtie', 'flat',
         'point', 'line', 'curve', '3d', 'srid0', 'nan', 'empty multi', 'null']
# Finite and small: the ones GEOS and ST_Segmentize get (with GEOS 3.11,
# ST_Buffer crashes on an infinite coordinate or an empty hole: not ours)
SMALL_PORTS = ['Rajin', 'Dunay', 'Vostochny', 'home group', 'Rajin holed', 'Vostochny curved']
SRIDS = [4326] * 6 + [0, 3857, 4269, 32652, 999999]
INTERVALS = ["'0'", "'1 microsecond'", "'-1 microsecond'", "'1 second'",
             "'59.999999 seconds'", "'5 minutes'", "'30 minutes'", "'1 hour'",
             "'6 hours'", "'1 day'", "'7 days'", "'1 mon'", "'1 year'",
             "'-1 day'", "'1 mon -30 days'", "'1 mon -31 days'",
             "'-1 mon 30 days 1 second'", "'1 day -86400 seconds'",
             "'178000000 years'", "'-178000000 years'", "'2147483647 days'",
             "'-2147483648 days'", "'2562047788 hours'",
             "'-2562047788:00:54.775807'", "NULL"]
FLOATS = ["0", "-0.0", "1e-300", "5e-324", "0.5", "10", "100", "300", "1000",
          "1e4", "1e6", "2e7", "1e308", "'NaN'", "'Infinity'", "'-Infinity'",
          "-1", "-1e-300", "NULL"]
TIMES = ["'infinity'", "'-infinity'", "'4713-01-01 00:00+00 BC'",
         "'294276-12-31 23:59:59.999999+00'", "'1970-01-01 00:00+00'",
         "'2000-01-01 00:00+00'", "NULL"]
# EWKB type codes
POINT, LINE, POLY, MPOINT, MLINE, MPOLY, COLL = 1, 2, 3, 4, 5, 6, 7
CIRC, COMPOUND, CURVEPOLY, TRIANGLE = 8, 9, 10, 17


class Gen:
    """Random SQL for calls of maritime's functions; depends only on rng."""

    def __init__(self, rng):
        self.r = rng
        self.finite = False     # only ordinary coordinates and rings, for GEOS

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    def lit(self, s):
        return "'" + s.replace("'", "''") + "'"

    def num(self, v):
        """A float8 as SQL (NaN and infinities need quotes)."""
        if math.isnan(v) or math.isinf(v):
            return "'%s'::float8" % ('NaN' if math.isnan(v) else 'Infinity' if v > 0 else '-Infinity')
        return repr(v)

    # Numbers ------------------------------------------------------------

    def coord(self, srid=4326):
        """An (x, y): mostly in the sample region, sometimes extreme."""
        if not self.finite and self.chance(0.04):
            return (self.pick([math.nan, math.inf, -math.inf, 1e300, -1e300, 180.0,
                               -180.0, 180.000001, 0.0, 5e-324, 1e15]),
                    self.pick([90.0, -90.0, 90.000001, math.nan, 0.0, -1e300, 42.0]))
        x = self.r.uniform(*LON)
        y = self.r.uniform(*LAT)
        if srid == 3857:
            x, y = x * 111319.49, y * 137000.0
        return (x, y)

    def m_values(self, n):
        """n M values: mostly increasing seconds, sometimes anything but."""
        start = self.r.uniform(EPOCH0, EPOCH1)
        if self.chance(0.1):
            start = self.pick([0.0, -1.0, -210866803200.0, -210866803201.0,
                               9224318016000.0, 9224318016001.0, 1e300, -1e300,
                               math.nan, math.inf, 1e-7, 1690848000.0000005])
        kind = self.r.random()
        values = []
        m = start
        for _ in range(n):
            values.append(m)
            if kind < 0.75:
                step = self.r.expovariate(1 / 600.0)
                if self.chance(0.1):
                    step = self.pick([1e-6, 1e-7, 0.5e-6, 86400 * 30, 1e9])
            elif kind < 0.85:
                step = self.pick([0.0, -1.0, self.r.uniform(-100, 100)])
            else:
                step = self.pick([math.nan, math.inf, -math.inf, 1e300, 1e-300,
                                  self.r.uniform(0, 3600)])
            m = m + step
        return values

    def interval(self):
        if self.chance(0.7):
            return self.pick(INTERVALS) + "::interval"
        k = self.r.random()
        if k < 0.4:
            return "make_interval(secs => %r)" % self.r.choice(
                [self.r.uniform(0, 86400 * 3), self.r.uniform(-3600, 3600),
                 self.r.expovariate(1 / 60.0), 1e-6 * self.r.randint(0, 9)])
        if k < 0.7:
            return "make_interval(days => %d, secs => %d)" % (
                self.r.randint(-3, 40), self.r.randint(-100000, 100000))
        return "make_interval(months => %d, days => %d)" % (
            self.r.randint(-2, 3), self.r.randint(-95, 95))

    def float8(self):
        if self.chance(0.6):
            return "(" + self.pick(FLOATS) + ")::float8"
        return repr(self.pick([self.r.uniform(0, 2000), self.r.expovariate(1 / 300.0),
                               self.r.uniform(0, 0.05), self.r.uniform(-10, 10)]))

    def timestamp(self):
        if self.chance(0.15):
            return self.pick(TIMES) + "::timestamptz"
        return "to_timestamp(%.6f)" % self.r.uniform(EPOCH0 - 86400 * 10, EPOCH1 + 86400 * 10)

    def range_text(self):
        """A tstzrange literal's text (without quotes)."""
        k = self.r.random()
        if k < 0.05:
            return 'empty'
        bounds = self.pick(['[)', '[]', '()', '(]'])
        if k < 0.15:
            lo = self.pick(['', '-infinity', '4713-01-01 00:00+00 BC'])
            hi = self.pick(['', 'infinity', '294276-12-31 00:00+00'])
        else:
            a = self.r.uniform(EPOCH0 - 86400 * 5, EPOCH1)
            b = a + self.pick([0.0, 1e-6, self.r.expovariate(1 / 86400.0),
                               self.r.uniform(0, 86400 * 60)])
            lo = time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(a)) + '.%06d+00' % int((a % 1) * 1e6)
            hi = time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(b)) + '.%06d+00' % int((b % 1) * 1e6)
            if lo > hi:
                lo, hi = hi, lo
        return '%s%s,%s%s' % (bounds[0], '"%s"' % lo if lo else '', '"%s"' % hi if hi else '', bounds[1])

    def tstzrange(self):
        k = self.r.random()
        if k < 0.05:
            return "NULL::tstzrange"
        if k < 0.2:
            return "(SELECT r FROM fuzz.params OFFSET %d LIMIT 1)" % self.r.randint(0, 11)
        return self.lit(self.range_text()) + "::tstzrange"

    def tstzmultirange(self, depth=0):
        k = self.r.random()
        if k < 0.05:
            return "NULL::tstzmultirange"
        if k < 0.2:
            return "(SELECT m FROM fuzz.params OFFSET %d LIMIT 1)" % self.r.randint(0, 11)
        if k < 0.35:
            return "(SELECT busy FROM fuzz.busy WHERE name = %s)" % self.lit(
                self.pick(['Rajin', 'Dunay', 'Vostochny', 'nowhere']))
        if k < 0.5 and depth == 0:
            return ("(SELECT range_agg(tstzrange(arrival, departure, '[]')) "
                    "FROM maritime.port_visits(%s, %s, %s, %s))" % (
                self.track(1), self.area(1), self.interval(), self.interval()))
        ranges = [self.range_text() for _ in range(self.pick([0, 1, 2, 3, 5, 10, 40]))]
        return self.lit('{' + ','.join(ranges) + '}') + "::tstzmultirange"

    # Geometries ---------------------------------------------------------

    def ewkb(self, code, srid, dims, body):
        """Hex EWKB of a geometry: code, SRID (None: none), dims 'XY'..'XYZM'."""
        flags = (0x80000000 if 'Z' in dims else 0) | (0x40000000 if 'M' in dims else 0)
        if srid is not None:
            return (struct.pack('<BII', 1, code | flags | 0x20000000, srid) + body)
        return struct.pack('<BI', 1, code | flags) + body

    def points_bytes(self, pts, dims):
        n = len(dims)
        return struct.pack('<I', len(pts)) + b''.join(struct.pack('<' + 'd' * n, *p[:n]) for p in pts)

    def line_points(self, n, srid, dims):
        """n vertices of a vessel's path (random walk) with M values."""
        x, y = self.coord(srid)
        ms = self.m_values(n)
        pts = []
        scale = 0.01 if srid != 3857 else 1000.0
        for i in range(n):
            if self.chance(0.02):
                x, y = self.coord(srid)
            else:
                x += self.r.gauss(0, scale)
                y += self.r.gauss(0, scale)
            z = self.pick([0.0, self.r.uniform(-10, 10), math.nan])
            if 'Z' in dims:
                pts.append((x, y, z, ms[i]) if 'M' in dims else (x, y, z))
            elif 'M' in dims:
                pts.append((x, y, ms[i]))
            else:
                pts.append((x, y))
        return pts

    def ring(self, cx, cy, size, n, dims, close=True):
        pts = []
        for i in range(n):
            a = 2 * math.pi * i / n
            p = [cx + size * math.cos(a) * self.r.uniform(0.5, 1.0),
                 cy + size * math.sin(a) * self.r.uniform(0.5, 1.0)]
            if 'Z' in dims:
                p.append(1.0)
            if 'M' in dims:
                p.append(float(i))
            pts.append(tuple(p))
        if close and pts:
            pts.append(pts[0])
        return pts

    def polygon_body(self, dims, srid):
        cx, cy = self.coord(srid)
        size = self.pick([1e-9, 1e-4, 0.01, 0.05, 0.3, 2.0, 200.0])
        if srid == 3857:
            size *= 1e5
        rings = [self.ring(cx, cy, size, self.pick([3, 4, 5, 8, 33, 300]), dims)]
        if self.chance(0.3):
            rings.append(self.ring(cx, cy, size / 3, 4, dims))
        if not self.finite and self.chance(0.05):
            rings.append([])    # an empty hole (GEOS 3.11 crashes buffering one)
        return struct.pack('<I', len(rings)) + b''.join(self.points_bytes(r, dims) for r in rings)

    def zigzag(self, at_origin=False):
        """A sawtooth polygon (a shoreline of piers): a ray from a point
        crosses its boundary many times.  Returns (sql, width, height)
        when at_origin (its box is then [0, width] x [-height, height])."""
        srid = 4326 if at_origin else self.pick([4326, 4326, 0])
        x0, y0 = (0.0, 0.0) if at_origin else self.coord()
        n = self.pick([2, 5, 30, 300, 3000])
        width = self.pick([0.01, 0.1, 1.0])
        height = self.pick([0.001, 0.05, 0.5])
        pts = [(x0 + width * i / (2 * n), y0 + height * (i % 2)) for i in range(2 * n + 1)]
        pts += [(x0 + width, y0 - height), (x0, y0 - height), pts[0]]
        body = struct.pack('<I', 1) + self.points_bytes(pts, 'XY')
        sql = "'" + self.ewkb(POLY, srid, 'XY', body).hex() + "'::geometry"
        return (sql, width, height) if at_origin else sql

    def finite_ewkb(self, want):
        """A random geometry with finite coordinates, for PostGIS to work on."""
        self.finite = True
        try:
            return self.random_ewkb(want)
        finally:
            self.finite = False

    def random_ewkb(self, want):
        """A random geometry as hex EWKB; want = 'track' or 'area' sets the odds."""
        srid = self.pick(SRIDS)
        if want == 'track':
            code = self.pick([LINE] * 12 + [POINT, MPOINT, MLINE, POLY, COLL, CIRC, COMPOUND])
            dims = self.pick(['XYM'] * 8 + ['XYZM', 'XYZM', 'XY', 'XYZ'])
        else:
            code = self.pick([POLY] * 8 + [MPOLY] * 4 + [POINT, LINE, COLL, CURVEPOLY, TRIANGLE])
            dims = self.pick(['XY'] * 8 + ['XYZ', 'XYM', 'XYZM'])
        n = self.pick([0, 1, 2, 2, 3, 5, 10, 50, 200, 600]) if want == 'track' else 0
        if code == POINT:
            body = b''.join(struct.pack('<d', v) for v in self.line_points(1, srid, dims)[0])
        elif code in (LINE, CIRC):
            if code == CIRC and n % 2 == 0:
                n += 1
            body = self.points_bytes(self.line_points(n, srid, dims), dims)
        elif code in (POLY, TRIANGLE):
            body = self.polygon_body(dims, srid)
            if code == TRIANGLE:
                cx, cy = self.coord(srid)
                body = struct.pack('<I', 1) + self.points_bytes(self.ring(cx, cy, 0.1, 3, dims), dims)
        elif code == MPOINT:
            pts = self.line_points(max(n, 1), srid, dims)
            body = struct.pack('<I', len(pts)) + b''.join(
                self.ewkb(POINT, None, dims, struct.pack('<' + 'd' * len(dims), *p)) for p in pts)
        elif code == MLINE:
            k = self.pick([0, 1, 2, 3])
            body = struct.pack('<I', k) + b''.join(
                self.ewkb(LINE, None, dims, self.points_bytes(self.line_points(max(n // 2, 2), srid, dims), dims))
                for _ in range(k))
        elif code == MPOLY:
            k = self.pick([0, 1, 2, 2, 3, 6])
            body = struct.pack('<I', k) + b''.join(
                self.ewkb(POLY, None, dims, self.polygon_body(dims, srid)) for _ in range(k))
        elif code == COMPOUND:
            body = struct.pack('<I', 1) + self.ewkb(LINE, None, dims, self.points_bytes(
                self.line_points(max(n, 2), srid, dims), dims))
        elif code == CURVEPOLY:
            cx, cy = self.coord(srid)
            body = struct.pack('<I', 1) + self.ewkb(LINE, None, dims, self.points_bytes(
                self.ring(cx, cy, 0.1, 4, dims), dims))
        else:   # a collection of a line and a polygon
            body = struct.pack('<I', 2) + self.ewkb(
                LINE, None, dims, self.points_bytes(self.line_points(max(n, 2), srid, dims), dims)) + \
                self.ewkb(POLY, None, dims, self.polygon_body(dims, srid))
        return "'" + self.ewkb(code, srid, dims, body).hex() + "'::geometry"

    def real_track(self):
        if self.chance(0.7):
            return "(SELECT track FROM fuzz.tracks WHERE kind = 'rajin' AND vessel = %d)" % self.pick(VESSELS)
        return "(SELECT track FROM fuzz.tracks WHERE kind = %s LIMIT 1)" % self.lit(self.pick(TRACK_KINDS))

    def built_track(self):
        """A track built in SQL: track_agg over a slice of the sample, or a
        long synthetic circling path (in and out of areas many times)."""
        if self.chance(0.5):
            a = self.r.uniform(EPOCH0, EPOCH1)
            return ("(SELECT maritime.track_agg(geom, ts) FROM fuzz.positions WHERE mmsi = %d "
                    "AND ts BETWEEN to_timestamp(%.3f) AND to_timestamp(%.3f))" % (
                self.pick(VESSELS), a, a + self.r.expovariate(1 / (86400 * 20.0))))
        n = self.pick([10, 100, 1000, 10000, 50000])
        x, y = self.coord()
        radius = self.pick([1e-6, 0.001, 0.02, 0.3, 5.0])
        dt = self.pick([1e-6, 0.5, 10.0, 60.0, 3600.0])
        srid = self.pick(SRIDS)
        if self.chance(0.5):
            return ("(SELECT ST_SetSRID(ST_MakeLine(ST_MakePointM(%s + %r * cos(i * %r), %s + %r * sin(i * %r), "
                    "%r + i * %r) ORDER BY i), %d) FROM generate_series(1, %d) i)" % (
                self.num(x), radius, self.r.uniform(0.001, 1), self.num(y), radius, self.r.uniform(0.001, 1),
                self.r.uniform(EPOCH0, EPOCH1), dt, srid, n))
        return ("(SELECT maritime.track_agg(ST_SetSRID(ST_MakePoint(%s + %r * cos(i * %r), %s + %r * sin(i * 0.37)), %d), "
                "to_timestamp(%r + (i %% %d) * %r)) FROM generate_series(1, %d) i)" % (
            self.num(x), radius, self.r.uniform(0.001, 1), self.num(y), radius, srid,
            self.r.uniform(EPOCH0, EPOCH1), self.pick([n, n // 2 + 1, 7]), dt, n))

    def track(self, depth=0):
        k = self.r.random()
        if k < 0.04:
            return "NULL::geometry"
        if k < 0.35:
            return self.real_track()
        if k < 0.6:
            return self.random_ewkb('track')
        if k < 0.72:
            return self.built_track()
        base = self.real_track() if self.chance(0.7) else self.random_ewkb('track')
        return self.mutate_track(base)

    def mutate_track(self, g):
        f = self.r.randint(0, 17)
        if f == 0:
            a = self.r.random()
            return "ST_LineSubstring(%s, %r, %r)" % (g, a, min(1.0, a + self.r.expovariate(50)))
        if f == 1:
            return "ST_Reverse(%s)" % g
        if f == 2:
            return "ST_SetSRID(%s, %d)" % (g, self.pick(SRIDS))
        if f == 3:
            return self.pick(["ST_Force4D(%s)", "ST_Force3DZ(%s)", "ST_Force2D(%s)", "ST_Force3DM(%s)"]) % g
        if f == 4:
            return "ST_Scale(%s, ST_MakePoint(1, 1, 1, %s))" % (g, self.pick(["-1", "0", "1e300", "0.5", "1e-300", "'NaN'"]))
        if f == 5:
            return "ST_Translate(%s, %r, %r)" % (g, self.pick([0.0, 180.0, -360.0, 1e300]), self.pick([0.0, 50.0, -1e-9]))
        if f == 6:
            return "ST_AddMeasure(ST_Force2D(%s), %s, %s)" % (g, self.pick(["0", "1690848000", "-1e300", "'NaN'"]),
                                                          self.pick(["1690848000", "1700000000", "1e300", "-5"]))
        if f == 7:
            return "ST_Segmentize(ST_LineSubstring((SELECT track FROM fuzz.tracks WHERE kind = 'rajin' AND vessel = %d), 0.1, 0.1001), %s)" % (
                self.pick(VESSELS), self.pick(["1e-5", "1e-3", "0.1"]))
        if f == 8:
            return "ST_Collect(%s, %s)" % (g, self.real_track())
        if f == 9:
            return "ST_Multi(%s)" % g
        if f == 10:
            return "(%s)::geography::geometry" % g
        if f == 11:
            return self.pick(["postgis_dropbbox(%s)", "postgis_addbbox(%s)"]) % g
        if f == 12:
            return "ST_SnapToGrid(%s, %s)" % (g, self.pick(["0.1", "1", "1e-9"]))
        if f == 13:
            return "ST_Simplify(%s, %s)" % (g, self.pick(["0.001", "0.1", "10"]))
        if f == 14:
            return "ST_Transform(%s, %d)" % (g, self.pick([3857, 4326, 32652]))
        if f == 15:
            return "ST_CurveToLine(%s)" % g
        if f == 16:
            return "ST_MakeLine(%s, %s)" % (g, self.random_ewkb('track'))
        return "ST_RemoveRepeatedPoints(%s)" % g

    def area(self, depth=0):
        k = self.r.random()
        if k < 0.04:
            return "NULL::geometry"
        port = "(SELECT area FROM fuzz.ports WHERE name = %s)" % self.lit(self.pick(PORTS))
        if k < 0.45:
            return port
        if k < 0.7:
            return self.random_ewkb('area')
        if k < 0.77:
            self.finite = True
            x, y = self.coord()
            self.finite = False
            return "ST_Buffer(ST_SetSRID(ST_MakePoint(%r, %r), %d), %s, %d)" % (
                x, y, self.pick([4326, 4326, 0, 3857]),
                self.pick(["0", "-0.01", "1e-7", "0.01", "0.05", "1", "500"]), self.pick([1, 2, 8, 64]))
        if k < 0.82:
            return "ST_MakeEnvelope(%s, %s, %s, %s, %d)" % (*map(self.num, self.coord() + self.coord()), self.pick(SRIDS))
        if k < 0.87:
            return self.zigzag()
        f = self.r.randint(0, 9)
        g = port if self.chance(0.8) else self.random_ewkb('area')
        if f == 0:
            return "ST_Transform(%s, %d)" % (g, self.pick([3857, 32652]))
        if f == 1:
            return "ST_SetSRID(%s, %d)" % (g, self.pick(SRIDS))
        if f == 2:
            return self.pick(["ST_Force3DZ(%s)", "ST_Force4D(%s)", "ST_Force3DM(%s)", "ST_Force2D(%s)"]) % g
        if f == 3:
            return "ST_Reverse(%s)" % g
        if f == 4:
            return "ST_Multi(%s)" % g
        if f == 5:
            return "ST_Collect(%s, %s)" % (g, port)
        small = "(SELECT area FROM fuzz.ports WHERE name = %s)" % self.lit(self.pick(SMALL_PORTS))
        if f == 6:
            return "ST_Segmentize(%s, %s)" % (small, self.pick(["1e-4", "1e-3", "0.01"]))
        if f == 7:
            return "ST_Scale(%s, %s, %s)" % (g, self.pick(["1e6", "1e-6", "-1", "0"]), self.pick(["1", "-1", "1e300"]))
        if f == 8:
            return "(SELECT ST_Union(area) FROM fuzz.ports WHERE name IN (%s))" % ', '.join(
                self.lit(n) for n in self.r.sample(SMALL_PORTS, 3))
        return "ST_Buffer(%s, %s)" % (small if self.chance(0.8) else self.finite_ewkb('area'),
                                      self.pick(["0.001", "-0.001", "-1", "0"]))

    def point(self, srid):
        """A position for track_agg: mostly a plain point in srid."""
        k = self.r.random()
        if k < 0.85:
            x, y = map(self.num, self.coord(srid))
            if self.chance(0.1):
                return "ST_SetSRID(ST_MakePoint(%s, %s, 1, 2), %d)" % (x, y, srid)
            return "ST_SetSRID(ST_MakePoint(%s, %s), %d)" % (x, y, srid)
        return self.pick(["NULL::geometry", "'SRID=%d;POINT EMPTY'::geometry" % srid,
                          "ST_SetSRID(ST_MakePoint(%s, %s), %d)" % (*map(self.num, self.coord()), self.pick(SRIDS)),
                          self.random_ewkb(self.pick(['track', 'area'])),
                          "ST_SetSRID(ST_MakePoint('NaN', 1), %d)" % srid])

    # Calls --------------------------------------------------------------

    def maybe_named(self, names, values, required):
        """Arguments, sometimes by name, leaving out trailing defaults."""
        n = len(values)
        while n > required and self.chance(0.3):
            n -= 1
        if self.chance(0.2):
            return ', '.join('%s => %s' % (a, v) for a, v in zip(names[:n], values[:n]))
        return ', '.join(values[:n])

    def srf_call(self, func):
        if func == 'port_visits':
            args = self.maybe_named(['track', 'area', 'min_dwell', 'max_gap', 'min_absence'],
                                    [self.track(), self.area(), self.interval(), self.interval(),
                                     self.interval()], 2)
        elif func == 'round_trips':
            args = self.maybe_named(['track', 'home', 'away', 'min_dwell', 'max_gap', 'min_absence'],
                                    [self.track(), self.area(), self.area(), self.interval(), self.interval(),
                                     self.interval()], 3)
        elif func in ('clean_track', 'outliers'):
            args = self.maybe_named(['track', 'max_speed_kn'], [self.track(), self.float8()], 1)
        elif func == 'segments':
            args = self.maybe_named(['track', 'max_gap'], [self.track(), self.interval()], 2)
        elif func == 'encounters':
            args = self.maybe_named(['track_a', 'track_b', 'max_distance', 'min_duration', 'max_gap'],
                                    [self.track(), self.track(), self.float8(), self.interval(),
                                     self.interval()], 4)
        elif func == 'encounter_box':
            args = self.maybe_named(['track', 'max_distance'], [self.track(), self.float8()], 2)
        elif func == 'idle_periods':
            args = self.maybe_named(['busy', 'during', 'min_idle'],
                                    [self.tstzmultirange(), self.tstzrange(), self.interval()], 3)
        elif func == 'gaps':
            args = self.maybe_named(['track', 'min_gap'], [self.track(), self.interval()], 2)
        else:
            args = self.maybe_named(['track', 'max_diameter', 'min_duration', 'max_gap'],
                                    [self.track(), self.float8(), self.interval(), self.interval()], 3)
        return "maritime.%s(%s)" % (func, args)

    def lateral_call(self, func):
        """The function over rows of the sample tables, in a LATERAL join."""
        kinds = ', '.join(self.lit(k) for k in self.r.sample(TRACK_KINDS, self.r.randint(1, 4)))
        names = ', '.join(self.lit(k) for k in self.r.sample(PORTS, self.r.randint(1, 4)))
        if func == 'port_visits':
            return ("SELECT t.kind, p.name, count(*), min(v.arrival), max(v.dwell), sum(v.fixes) "
                    "FROM (SELECT i FROM fuzz.params OFFSET %d LIMIT 1) pr, fuzz.tracks t "
                    "JOIN fuzz.ports p ON p.name IN (%s) "
                    "CROSS JOIN LATERAL maritime.port_visits(t.track, p.area, pr.i, %s) v "
                    "WHERE t.kind IN (%s) GROUP BY 1, 2" % (self.r.randint(0, 11), names, self.interval(), kinds))
        if func == 'round_trips':
            return ("SELECT t.kind, h.name, a.name, r.* FROM fuzz.tracks t, fuzz.ports h, fuzz.ports a, "
                    "LATERAL maritime.round_trips(t.track, h.area, a.area, %s, %s) r "
                    "WHERE t.kind IN (%s) AND h.name IN (%s) AND a.name IN (%s)" % (
                self.interval(), self.interval(), kinds, names,
                ', '.join(self.lit(k) for k in self.r.sample(PORTS, 2))))
        if func == 'idle_periods':
            return ("SELECT b.name, i.* FROM fuzz.busy b, fuzz.params p, "
                    "LATERAL maritime.idle_periods(b.busy, p.r, p.i) i")
        if func in ('clean_track', 'outliers'):
            return ("SELECT t.kind, p.f, o.* FROM fuzz.tracks t, fuzz.params p, "
                    "LATERAL maritime.outliers(t.track, p.f) o WHERE t.kind IN (%s) "
                    "AND p.f > 0 AND p.f < 'Infinity'" % kinds)
        if func in ('encounters', 'encounter_box'):
            return ("SELECT a.kind, b.kind, e.* FROM fuzz.tracks a, fuzz.tracks b, fuzz.params p, "
                    "LATERAL maritime.encounters(a.track, b.track, p.f, p.i, %s) e "
                    "WHERE a.kind IN (%s) AND b.kind IN (%s) AND p.f > 0 AND p.f < 'Infinity' AND p.i >= '0'"
                    % (self.interval(), kinds, kinds))
        if func == 'segments':
            return ("SELECT t.kind, s.segment, s.fixes, s.segment_start, ST_NPoints(s.track) "
                    "FROM fuzz.tracks t, fuzz.params p, LATERAL maritime.segments(t.track, p.i) s "
                    "WHERE t.kind IN (%s) AND p.i > '0'" % kinds)
        if func == 'gaps':
            return ("SELECT t.kind, g.gap_start, g.duration, ST_AsEWKT(g.start_point), g.distance, g.implied_speed_kn "
                    "FROM fuzz.tracks t, fuzz.params p, LATERAL maritime.gaps(t.track, p.i) g "
                    "WHERE t.kind IN (%s) ORDER BY g.duration DESC LIMIT %d" % (kinds, self.r.randint(1, 50)))
        return ("SELECT t.kind, s.* FROM fuzz.tracks t, fuzz.params p, "
                "LATERAL maritime.stops(t.track, p.f, p.i, %s) s WHERE t.kind IN (%s) AND p.f IS DISTINCT FROM 'NaN'" % (
            self.interval(), kinds))

    def table_function(self, func):
        """One query calling func; returns (mode, sql)."""
        form = self.r.random()
        if form < 0.12:
            return 'lateral', self.lateral_call(func)
        call = self.srf_call(func)
        if form < 0.55:
            return 'from', "SELECT * FROM %s" % call
        if form < 0.65:
            return 'limit', "SELECT * FROM %s LIMIT %d" % (call, self.pick([0, 1, 2, 5]))
        if form < 0.75:
            return 'tlist', "SELECT %s, 1 AS one" % call
        if form < 0.82:
            return 'count', "SELECT count(*), md5(string_agg(x::text, ',')) FROM %s x" % call
        if form < 0.88:
            return 'cursor', ("BEGIN; DECLARE c %s CURSOR FOR SELECT * FROM %s; FETCH %d FROM c; %s CLOSE c; COMMIT"
                              % (self.pick(['', 'SCROLL', 'NO SCROLL']), call, self.r.randint(0, 3),
                                 self.pick(['', 'FETCH PRIOR FROM c;', 'MOVE LAST IN c;'])))
        if form < 0.94:
            return 'rescan', ("SELECT g, (SELECT count(*) FROM (SELECT * FROM %s LIMIT g) x) "
                              "FROM generate_series(0, %d) g" % (call, self.r.randint(1, 4)))
        return 'exists', "SELECT EXISTS (SELECT 1 FROM %s)" % call

    def track_agg(self):
        """One query calling maritime.track_agg; returns (mode, sql)."""
        form = self.r.random()
        srid = self.pick(SRIDS)
        if form < 0.3:
            n = self.pick([0, 1, 2, 3, 5, 10, 30])
            base = self.r.uniform(EPOCH0, EPOCH1)
            rows = []
            for _ in range(n):
                if self.chance(0.05):
                    ts = self.pick(TIMES) + "::timestamptz"
                else:
                    ts = "to_timestamp(%.6f)" % (base + self.pick([0, 0, 60, self.r.randint(0, 1200),
                                                                     self.r.uniform(0, 1e-3)]))
                rows.append("(%s, %s)" % (self.point(srid), ts))
            values = ', '.join(rows) if rows else "(NULL::geometry, NULL::timestamptz)"
            order = self.pick(['', ' ORDER BY t DESC', ' ORDER BY g', ''])
            distinct = 'DISTINCT ' if self.chance(0.05) else ''
            if distinct:
                order = ''
            return 'values', ("SELECT ST_AsEWKT(maritime.track_agg(%sg, t%s)) FROM (VALUES %s) v(g, t)"
                              % (distinct, order, values))
        if form < 0.45:
            return 'group', ("SELECT mmsi, ST_NPoints(maritime.track_agg(geom, ts)%s) FROM %s "
                             "WHERE ts < to_timestamp(%.0f) GROUP BY %s" % (
                self.pick(['', " FILTER (WHERE source = 'ais')", " FILTER (WHERE false)"]),
                self.pick(['fuzz.positions', 'fuzz.odd_positions',
                           '(SELECT * FROM fuzz.positions UNION ALL SELECT * FROM fuzz.odd_positions WHERE mmsi = %d) u'
                           % self.r.randint(1, 9)]),
                self.r.uniform(EPOCH0, EPOCH1 + 86400),
                self.pick(['mmsi', 'mmsi, date_trunc(\'day\', ts)', 'ROLLUP (mmsi)', 'mmsi, source'])))
        if form < 0.62:
            n = self.pick([3, 10, 50, 200])
            frame = self.pick(['ORDER BY ts', 'ORDER BY ts ROWS BETWEEN %d PRECEDING AND CURRENT ROW' % self.r.randint(0, 5),
                               'ORDER BY ts ROWS BETWEEN CURRENT ROW AND %d FOLLOWING' % self.r.randint(0, 5),
                               "ORDER BY ts RANGE BETWEEN '1 hour' PRECEDING AND CURRENT ROW",
                               'PARTITION BY mmsi', 'ORDER BY ts GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW',
                               'ORDER BY ts DESC'])
            return 'window', ("SELECT ts, ST_NPoints(maritime.track_agg(geom, ts) OVER (%s)) FROM "
                              "(SELECT * FROM %s WHERE mmsi IN (%d, %d) ORDER BY ts LIMIT %d) p" % (
                frame, self.pick(['fuzz.positions', 'fuzz.positions', 'fuzz.odd_positions']),
                self.pick(VESSELS + [1, 5]), self.pick(VESSELS + [7, 8]), n))
        if form < 0.77:
            # Forced parallel plan: partial aggregates in workers, combined
            # in the leader (serial, deserial and combine functions)
            src = self.pick(['fuzz.positions', 'fuzz.positions',
                             '(SELECT * FROM fuzz.positions UNION ALL SELECT * FROM fuzz.odd_positions WHERE mmsi = %d) u'
                             % self.r.randint(1, 9)])
            query = self.pick([
                "SELECT ST_NPoints(maritime.track_agg(geom, ts)) FROM %s" % src,
                "SELECT mmsi, md5(ST_AsEWKB(maritime.track_agg(geom, ts))::text) FROM %s GROUP BY mmsi" % src,
                "SELECT mmsi, ST_NPoints(maritime.track_agg(geom, ts - (random_i %% %d) * interval '1 hour')) FROM "
                "(SELECT *, mmsi %% 7 AS random_i FROM fuzz.positions) p GROUP BY mmsi" % self.r.randint(1, 4)])
            explain = 'EXPLAIN (ANALYZE, COSTS OFF, FORMAT JSON) ' if self.chance(0.3) else ''
            return 'parallel', ("BEGIN; SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; "
                                "SET LOCAL min_parallel_table_scan_size = 0; SET LOCAL max_parallel_workers_per_gather = 2; "
                                "SET LOCAL parallel_leader_participation = %s; %s%s" % (
                self.pick(['on', 'off']), explain, query))
        if form < 0.85:
            return 'hashagg', ("BEGIN; SET LOCAL work_mem = '64kB'; SET LOCAL enable_sort = off; "
                               "SELECT count(*), sum(ST_NPoints(t)) FROM (SELECT maritime.track_agg(geom, ts) AS t "
                               "FROM fuzz.positions GROUP BY mmsi, (extract(epoch FROM ts)::bigint / %d)) x"
                               % self.pick([3600, 86400, 600]))
        n = self.pick([10, 1000, 100000, 300000])
        x, y = self.coord(srid)
        return 'series', ("SELECT ST_NPoints(tr), ST_IsValidTrajectory(tr) FROM (SELECT maritime.track_agg("
                          "ST_SetSRID(ST_MakePoint(%s + i * %r, %s), %d), to_timestamp(%r + (i %% %d) * %r)) AS tr "
                          "FROM generate_series(1, %d) i) s" % (
            self.num(x), self.pick([0.0, 1e-6, 1e-3]), self.num(y), srid, self.r.uniform(EPOCH0, EPOCH1),
            self.pick([n, 3, n // 2 + 1]), self.pick([1e-6, 1.0, 60.0]), n))

    def oracle(self):
        """port_visits on valid input, and the same count of the track's
        vertices inside the area from PostGIS: the two must agree (with
        min_dwell 0 and no dark segments, the visits' fixes add up to the
        vertices in the area, boundary included).  Areas are placed on a
        random vertex of the track, so that it goes in and out."""
        track = "(SELECT track FROM fuzz.tracks WHERE kind = 'rajin' AND vessel = %d)" % self.pick(VESSELS)
        if self.chance(0.5):
            a = self.r.random()
            track = "ST_LineSubstring(%s, %r, %r)" % (track, a, min(1.0, a + self.r.expovariate(20)))
        vertex = "ST_PointN(t.track, 1 + %d %% ST_NPoints(t.track))" % self.r.randint(0, 20000)
        k = self.r.random()
        if k < 0.4:
            sql, width, height = self.zigzag(at_origin=True)
            area = "ST_Translate(%s, ST_X(%s) - %r, ST_Y(%s) - %r)" % (
                sql, vertex, width * self.r.random(), vertex, height * (2 * self.r.random() - 1))
        elif k < 0.6:
            area = "(SELECT area FROM fuzz.ports WHERE name = %s)" % self.lit(self.pick(SMALL_PORTS))
        elif k < 0.8:
            area = "ST_Buffer(%s, %s, %d)" % (vertex, self.pick(['0.001', '0.01', '0.05', '0.3']), self.pick([1, 2, 8]))
        else:
            area = "ST_SetSRID(%s, 4326)" % self.finite_ewkb('area')
        return 'oracle', (
            "WITH t AS MATERIALIZED (SELECT %s AS track), a AS MATERIALIZED (SELECT %s AS area FROM t) "
            "SELECT (SELECT coalesce(sum(v.fixes), 0) FROM t, a, maritime.port_visits(t.track, a.area) v), "
            "(SELECT count(*) FROM t, a, ST_DumpPoints(t.track) d WHERE ST_Intersects(a.area, d.geom)) "
            "FROM a WHERE ST_IsValid(a.area) AND GeometryType(a.area) IN ('POLYGON', 'MULTIPOLYGON')" % (track, area))

    FUNCTIONS = ['track_agg', 'port_visits', 'round_trips', 'idle_periods', 'gaps', 'stops',
                 'clean_track', 'outliers', 'segments', 'encounters', 'encounter_box']

    def query(self):
        """(function, mode, sql) of the next call."""
        func = self.pick(self.FUNCTIONS)
        if func == 'track_agg':
            mode, sql = self.track_agg()
        elif func == 'port_visits' and self.chance(0.15):
            mode, sql = self.oracle()
        elif func in ('clean_track', 'encounter_box') and self.chance(0.7):
            mode, sql = 'scalar', "SELECT ST_AsEWKT(%s)" % self.srf_call(func)
        else:
            mode, sql = self.table_function(func)
        return func, mode, sql


# Results are read as the server's text: Python's datetime and timedelta
# cannot hold 'infinity' or 178 million years
TEXT_OIDS = (1082, 1083, 1114, 1184, 1186, 1266, 700, 701, 1700, 1115, 1185, 1187,
             1182, 1183, 1270, 1021, 1022, 1231, 3904, 3906, 3908, 3910, 3912, 3926, 114, 3802)


def connect(dsn, timeout):
    """Connects, waiting while the server restarts after a crash."""
    import psycopg2
    import psycopg2.extensions as ext
    deadline = time.time() + timeout
    while True:
        try:
            conn = psycopg2.connect(dsn)
            break
        except psycopg2.OperationalError:
            if time.time() > deadline:
                raise
            time.sleep(1)
    conn.autocommit = True
    ext.register_type(ext.new_type(TEXT_OIDS, 'TEXT_AS_IS', lambda value, cur: value), conn)
    return conn


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--dsn', default='', help='libpq connection string')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--seconds', type=float, default=30)
    ap.add_argument('--max-calls', type=int, default=0)
    ap.add_argument('--slow', type=float, default=10, help='seconds after which a call counts as ignoring cancel')
    ap.add_argument('--out', default='targeted.json')
    ap.add_argument('--print', type=int, default=0, metavar='N', help='print call N of the seed and exit')
    args = ap.parse_args()

    gen = Gen(random.Random(args.seed))
    if args.print:
        for _ in range(args.print):
            q = gen.query()
        print('-- call %d of seed %d: %s (%s)' % (args.print, args.seed, q[0], q[1]))
        print(q[2] + ';')
        return 0

    import psycopg2
    import psycopg2.extensions as ext
    conn = connect(args.dsn, 30)
    cur = conn.cursor()
    stats = collections.defaultdict(collections.Counter)
    states = collections.Counter()
    examples = {}
    lost, slow, wrong = [], [], []
    internal = collections.Counter()    # XX... errors by message
    workers = 0
    compared = 0
    calls = 0
    start = time.time()
    qlog = open(args.out + '.queries', 'w')
    # the summary is written even if the server stays away
    try:
        while time.time() - start < args.seconds and (not args.max_calls or calls < args.max_calls):
            func, mode, sql = gen.query()
            calls += 1
            t0 = time.time()
            state = 'ok'
            try:
                cur.execute(sql)
                rows = cur.fetchall() if cur.description else []
                compared += 1 if mode == 'oracle' and rows else 0
                if mode == 'oracle' and rows and rows[0][0] != rows[0][1]:
                    state = 'wrong'
                    wrong.append({'call': calls, 'maritime': rows[0][0], 'postgis': rows[0][1], 'sql': sql})
                    qlog.write('-- call %d (seed %d): port_visits counts %s vertices inside, PostGIS %s\n%s;\n'
                               % (calls, args.seed, rows[0][0], rows[0][1], sql))
                if mode == 'parallel' and 'EXPLAIN' in sql:
                    workers += sum(int(n) for n in re.findall(r'Workers Launched\W+(\d+)', str(rows)))
            except psycopg2.Error as e:
                # no SQLSTATE: the connection broke (or psycopg2 itself failed)
                lost_it = conn.closed or isinstance(e, psycopg2.OperationalError)
                state = e.pgcode or ('lost' if lost_it else 'client')
                if state == '57P02':        # another process crashed
                    state = 'lost'
                if state != 'lost':
                    message = (e.pgerror if e.pgcode else str(e) or '').strip().split('\n')[0]
                    # the first call that gave each SQLSTATE, to look at with --print
                    examples.setdefault(state, {'call': calls, 'function': func, 'message': message})
                    if state.startswith('XX'):
                        internal[state + ' ' + re.sub(r'0x[0-9a-f]+|[0-9]+', 'N', message)] += 1
            elapsed = time.time() - t0
            if state == 'lost':
                lost.append({'call': calls, 'function': func, 'mode': mode, 'sql': sql})
                qlog.write('-- call %d (seed %d): connection lost\n%s;\n' % (calls, args.seed, sql))
                qlog.flush()
            if not conn.closed and conn.get_transaction_status() != ext.TRANSACTION_STATUS_IDLE:
                try:
                    cur.execute('ROLLBACK')     # a BEGIN; ... call left its transaction open
                except psycopg2.Error:
                    pass
            if conn.closed or state == 'lost':
                try:
                    conn.close()
                except psycopg2.Error:
                    pass
                conn = connect(args.dsn, 120)
                cur = conn.cursor()
            if elapsed > args.slow:
                slow.append({'call': calls, 'function': func, 'mode': mode, 'seconds': round(elapsed, 1), 'sql': sql})
                qlog.write('-- call %d (seed %d): %.1f s\n%s;\n' % (calls, args.seed, elapsed, sql))
                qlog.flush()
            stats[func][state if state in ('ok', 'lost', 'wrong') else 'error'] += 1
            stats[func]['calls'] += 1
            stats[func]['mode ' + mode] += 1
            states[state] += 1
    finally:
        summary = {
            'seed': args.seed, 'calls': calls, 'seconds': round(time.time() - start, 1),
            'parallel_workers_launched': workers, 'oracle_compared': compared,
            'functions': {f: dict(c) for f, c in sorted(stats.items())},
            'states': dict(states.most_common()), 'examples': examples, 'internal': dict(internal.most_common(10)),
            'lost': lost, 'slow': slow, 'wrong': wrong,
        }
        with open(args.out, 'w') as f:
            json.dump(summary, f, indent=1)
    return 0


if __name__ == '__main__':
    sys.exit(main())
