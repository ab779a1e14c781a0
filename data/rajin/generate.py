#!/usr/bin/env python3
"""Generate the Rajin sample: synthetic AIS and satellite positions modelled on
the 2023-24 shuttle between North Korea's Rajin port and the Russian ports of
Dunay and Vostochny.  Every number here is invented; only the shape of the
story is real (dense AIS in Russian waters, AIS off near North Korea, one
satellite sighting a day at the Rajin pier, no call at Rajin after
12 February 2024).

Like every real feed, the AIS carries junk, added after the ships' own
fixes (with a random generator of its own, so the real fixes do not depend
on it): spikes far off, a second transmitter on one ship's MMSI for a day
and a half, AIS's "not available" position (181, 91), and one garbled fix
that puts the passer-by at the Rajin pier.

Far out at sea, two more ships (with a random generator of their own too)
meet side by side for three hours, as in a ship-to-ship transfer, and one
of them crosses the passer-by's course on the way, 300 m off.

Writes, next to this script:
  positions.csv    mmsi,ts,lon,lat,source   (source: ais | satellite)
  ports.csv        name,role,wkt            (SRID 4326)
  truth.csv        what the generator knows: every Rajin call and round
                   trip, every junk fix (event "junk", its kind, its time),
                   and the meeting and the crossing at sea

Deterministic: the same output on every run.  Usage: python3 generate.py
"""
import csv
import math
import os
import random
from datetime import datetime, timedelta, timezone

random.seed(20240212)
HERE = os.path.dirname(os.path.abspath(__file__))
UTC = timezone.utc
START = datetime(2023, 8, 1, tzinfo=UTC)
END = datetime(2024, 3, 15, tzinfo=UTC)
LAST_RAJIN_DAY = datetime(2024, 2, 12, tzinfo=UTC)
SATELLITE_PASS = timedelta(hours=2, minutes=30)     # daily, UTC
SPEED_MS = 10 * 1852 / 3600                          # 10 knots
AIS_AT_SEA = timedelta(minutes=5)
AIS_AT_BERTH = timedelta(minutes=15)
DARK_RADIUS_M = 80_000                               # AIS off this close to Rajin

# Port areas (rectangles around the piers) and berths inside them
PORTS = {
    "Rajin": {"role": "away", "box": (130.285, 42.232, 130.318, 42.256),
              "berth": (130.3010, 42.2440), "approach": (130.420, 42.190)},
    "Dunay": {"role": "home", "box": (132.330, 42.885, 132.375, 42.915),
              "berth": (132.3520, 42.9000), "approach": (132.300, 42.820)},
    "Vostochny": {"role": "home", "box": (133.020, 42.715, 133.085, 42.760),
                  "berth": (133.0500, 42.7380), "approach": (132.950, 42.660)},
}
OPEN_SEA = (131.300, 42.350)     # waypoint between the Russian ports and Rajin

SHUTTLES = [  # mmsi, first Rajin call, last Rajin call (day of last sighting)
    (273100001, datetime(2023, 8, 12, tzinfo=UTC), datetime(2024, 2, 12, tzinfo=UTC)),
    (273100002, datetime(2023, 8, 16, tzinfo=UTC), datetime(2024, 2, 3, tzinfo=UTC)),
    (273100003, datetime(2023, 8, 21, tzinfo=UTC), datetime(2024, 2, 8, tzinfo=UTC)),
    (273100004, datetime(2023, 8, 26, tzinfo=UTC), datetime(2024, 1, 30, tzinfo=UTC)),
]
CALLS_PER_SHIP = 8
PASSER_BY = 273100099
TANKER = 273100201
SECOND_SHIP = 445100201          # a North Korean MMSI (MID 445)
MEETING_START = datetime(2023, 11, 18, 4, 0, tzinfo=UTC)    # side by side ...
MEETING_END = datetime(2023, 11, 18, 7, 0, tzinfo=UTC)      # ... until then
MEETING_APART_M = 200
CROSSING_AFTER = datetime(2023, 11, 17, 12, 0, tzinfo=UTC)  # the passer-by's next pass
CROSSING_LON = 131.8             # where the tanker crosses its course
CROSSING_M = 300                 # at the closest
ENCOUNTER_M = 500                # truth.csv gives the crossing's times within this
R_EARTH = 6371008.8


def metres(a, b):
    """Equirectangular distance, plenty for a synthetic path."""
    lat = math.radians((a[1] + b[1]) / 2)
    dx = math.radians(b[0] - a[0]) * math.cos(lat) * 6371008.8
    dy = math.radians(b[1] - a[1]) * 6371008.8
    return math.hypot(dx, dy)


def sail(points, t0, out, mmsi):
    """Sail the polyline from t0 at 10 kn, a fix every 5 min (AIS off near
    Rajin); return the arrival time."""
    t = t0
    for a, b in zip(points, points[1:]):
        seconds = metres(a, b) / SPEED_MS
        steps = max(1, int(seconds // AIS_AT_SEA.total_seconds()))
        for k in range(steps):
            f = k / steps
            p = (a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]))
            tk = t + timedelta(seconds=f * seconds)
            if metres(p, PORTS["Rajin"]["berth"]) > DARK_RADIUS_M:
                out.append((mmsi, tk, p, "ais"))
        t += timedelta(seconds=seconds)
    return t


def stay_ais(port, t0, t1, out, mmsi, every=AIS_AT_BERTH):
    berth = PORTS[port]["berth"]
    t = t0
    while t < t1:
        jitter = (random.uniform(-0.0002, 0.0002), random.uniform(-0.0001, 0.0001))
        out.append((mmsi, t, (berth[0] + jitter[0], berth[1] + jitter[1]), "ais"))
        t += every + timedelta(seconds=random.randint(-20, 20))


def next_pass(t):
    day = t.replace(hour=0, minute=0, second=0, microsecond=0)
    p = day + SATELLITE_PASS
    return p if p >= t else p + timedelta(days=1)


def route(from_port, to_port):
    a, b = PORTS[from_port], PORTS[to_port]
    return [a["berth"], a["approach"], OPEN_SEA, b["approach"], b["berth"]]


def shuttle(mmsi, first_call, last_call, fixes, truth):
    span = (last_call - first_call) / (CALLS_PER_SHIP - 1)
    home = random.choice(["Dunay", "Vostochny"])
    t = START + timedelta(hours=random.randint(0, 12))
    for call in range(CALLS_PER_SHIP):
        call_day = first_call + span * call
        call_day = call_day.replace(hour=0, minute=0, second=0, microsecond=0)
        if call == CALLS_PER_SHIP - 1:
            call_day = last_call
        sightings = random.randint(2, 4)
        first_sighting = call_day + SATELLITE_PASS - timedelta(days=sightings - 1) \
            + timedelta(seconds=random.randint(-300, 300))
        # leave home so as to reach Rajin 3-18 h before the first sighting
        voyage = sum(metres(a, b) for a, b in zip(route(home, "Rajin"), route(home, "Rajin")[1:]))
        arrive = first_sighting - timedelta(hours=random.uniform(3, 18))
        depart_home = arrive - timedelta(seconds=voyage / SPEED_MS)
        stay_ais(home, t, depart_home, fixes, mmsi)
        truth.append(("departure", mmsi, call + 1, home, depart_home))
        sail(route(home, "Rajin"), depart_home, fixes, mmsi)
        # at the pier: only the daily satellite sightings, AIS off
        seen = []
        p = first_sighting
        for _ in range(sightings):
            berth = PORTS["Rajin"]["berth"]
            pos = (berth[0] + random.uniform(-0.0003, 0.0003), berth[1] + random.uniform(-0.0002, 0.0002))
            fixes.append((mmsi, p, pos, "satellite"))
            seen.append(p)
            p = p + timedelta(days=1, seconds=random.randint(-300, 300))
        truth.append(("rajin_call", mmsi, call + 1, seen[0], seen[-1]))
        leave = seen[-1] + timedelta(hours=random.uniform(2, 20))
        home = random.choice(["Dunay", "Vostochny"])
        t = sail(route("Rajin", home), leave, fixes, mmsi)
        truth.append(("home_arrival", mmsi, call + 1, home, t))
    # after the last trip: at home until the end, a fix an hour
    stay_ais(home, t, END, fixes, mmsi, every=timedelta(hours=1))


def passer_by(fixes):
    """Coastal traffic that passes Rajin 12 km offshore, AIS on, and never calls."""
    t = START + timedelta(days=3)
    path = [PORTS["Vostochny"]["approach"], OPEN_SEA, (130.55, 42.15), (130.35, 42.12), (129.90, 41.60)]
    while t < END - timedelta(days=6):
        for a, b in zip(path, path[1:]):
            seconds = metres(a, b) / SPEED_MS
            steps = max(1, int(seconds // AIS_AT_SEA.total_seconds()))
            for k in range(steps):
                f = k / steps
                fixes.append((PASSER_BY, t + timedelta(seconds=f * seconds),
                              (a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])), "ais"))
            t += timedelta(seconds=seconds)
        t += timedelta(days=random.randint(5, 9))
        path = list(reversed(path))


def in_any_port(p):
    return any(x0 <= p[0] <= x1 and y0 <= p[1] <= y1
               for x0, y0, x1, y1 in (port["box"] for port in PORTS.values()))


def add_junk(fixes, truth):
    """Fixes no ship made, each recorded in truth as ("junk", mmsi, kind, t)."""
    rng = random.Random(20240213)
    taken = {(f[0], f[1].replace(microsecond=0)) for f in fixes}
    own = {}
    for f in fixes:
        if f[3] == "ais" and START <= f[1] < END:
            own.setdefault(f[0], []).append(f)

    def add(mmsi, t, pos, kind):
        t = t.replace(microsecond=0)
        while (mmsi, t) in taken:
            t += timedelta(seconds=1)
        taken.add((mmsi, t))
        fixes.append((mmsi, t, pos, "ais"))
        truth.append(("junk", mmsi, 0, kind, t))

    for mmsi in sorted(own):
        ais = sorted(own[mmsi], key=lambda f: f[1])
        # spikes: 50 to 300 km off, a minute and a half after a real fix
        for f in rng.sample(ais, 3):
            while True:
                angle, km = rng.uniform(0, 2 * math.pi), rng.uniform(50, 300)
                pos = (f[2][0] + km / 82.0 * math.cos(angle), f[2][1] + km / 111.2 * math.sin(angle))
                if not in_any_port(pos):
                    break
            add(mmsi, f[1] + timedelta(seconds=97), pos, "spike")
        # "not available": no position, and a position with only the latitude
        for f in rng.sample(ais, 2):
            add(mmsi, f[1] + timedelta(seconds=131), (181.0, 91.0), "not available")
        add(mmsi, rng.choice(ais)[1] + timedelta(seconds=173), (181.0, 42.5), "not available")
    # a fishing boat on 273100002's MMSI, 108 km from its berth, every 30 min
    # for 36 hours (the ship itself reports every 15 min at the berth)
    t = datetime(2023, 8, 3, 0, 7, tzinfo=UTC)
    while t < datetime(2023, 8, 4, 12, 0, tzinfo=UTC):
        drift = (t - datetime(2023, 8, 3, tzinfo=UTC)).total_seconds() / 86400
        add(273100002, t, (131.60 + 0.02 * drift, 42.10 + 0.01 * drift), "second transmitter")
        t += timedelta(minutes=30)
    # the passer-by, far from Rajin, garbled onto the Rajin pier once
    f = min((f for f in own[PASSER_BY] if metres(f[2], PORTS["Rajin"]["berth"]) > 150_000),
            key=lambda f: f[1])
    add(PASSER_BY, f[1] + timedelta(seconds=61), PORTS["Rajin"]["berth"], "spike at Rajin")


def haversine(a, b):
    """Metres on the sphere, as maritime measures them."""
    lat_a, lat_b = math.radians(a[1]), math.radians(b[1])
    h = math.sin((lat_b - lat_a) / 2) ** 2 \
        + math.cos(lat_a) * math.cos(lat_b) * math.sin(math.radians(b[0] - a[0]) / 2) ** 2
    return 2 * R_EARTH * math.asin(math.sqrt(h))


def offset(p, east, north):
    """The point east and north metres from p (linear in both)."""
    return (p[0] + math.degrees(east / (R_EARTH * math.cos(math.radians(p[1])))),
            p[1] + math.degrees(north / R_EARTH))


def heading(course):
    """The unit vector (east, north) of a course in degrees."""
    return (math.sin(math.radians(course)), math.cos(math.radians(course)))


def velocity(course, knots):
    """Metres a second east and north."""
    ms = knots * 1852 / 3600
    return (ms * heading(course)[0], ms * heading(course)[1])


def line(t0, p0, v):
    """Where a vessel at p0 at t0 moving at v is at t: linear in longitude
    and latitude, as a track is between two fixes."""
    def where(t):
        s = (t - t0).total_seconds()
        return offset(p0, v[0] * s, v[1] * s)
    return where


def as_written(fixes, mmsi):
    """A vessel's fixes as positions.csv has them (whole seconds, 6
    decimals), as (seconds since 1970, (lon, lat)) in time order."""
    return sorted((f[1].replace(microsecond=0).timestamp(),
                   (float(f"{f[2][0]:.6f}"), float(f"{f[2][1]:.6f}")))
                  for f in fixes if f[0] == mmsi and f[3] == "ais")


def position_at(track, t):
    """Position on a written track at t (seconds), interpolated."""
    for (t0, p0), (t1, p1) in zip(track, track[1:]):
        if t0 <= t <= t1:
            f = (t - t0) / (t1 - t0)
            return (p0[0] + f * (p1[0] - p0[0]), p0[1] + f * (p1[1] - p0[1]))
    raise ValueError(t)


def km_to_nearest_port(p):
    """Kilometres from p to the nearest port area."""
    return min(haversine(p, (min(max(p[0], x0), x1), min(max(p[1], y0), y1)))
               for x0, y0, x1, y1 in (port["box"] for port in PORTS.values())) / 1000


def voyage(mmsi, legs, rng, out):
    """Fixes every 5 minutes or so (whole seconds) along legs (start, end,
    where(t), drifting), each starting where the last ends; a few metres
    of GPS noise while drifting."""
    t = legs[0][0]
    for t0, t1, where, drifting in legs:
        while t < t1:
            p = where(t)
            if drifting:
                p = offset(p, rng.uniform(-3, 3), rng.uniform(-3, 3))
            out.append((mmsi, t, p, "ais"))
            t += timedelta(seconds=300 + rng.randint(-20, 20))


def meeting_at_sea(fixes, truth):
    """A tanker and a second ship side by side for three hours, 200 m apart
    and drifting at half a knot, far from any port (a ship-to-ship
    transfer); on its way there the tanker crosses the passer-by's course
    300 m astern of it.  Returns their fixes; the passer-by's own fixes are
    only read, so they stay as they are."""
    rng = random.Random(20231118)
    out = []
    # The crossing: halfway through the passer-by's first 5-minute segment
    # across CROSSING_LON after CROSSING_AFTER, as written
    passer = as_written(fixes, PASSER_BY)
    (ta, pa), (tb, pb) = next((a, b) for a, b in zip(passer, passer[1:])
                              if a[0] >= CROSSING_AFTER.timestamp()
                              and (a[1][0] - CROSSING_LON) * (b[1][0] - CROSSING_LON) <= 0)
    closest = (ta + tb) / 2
    here = position_at(passer, closest)
    passer_v = (math.radians(pb[0] - pa[0]) * R_EARTH * math.cos(math.radians(here[1])) / (tb - ta),
                math.radians(pb[1] - pa[1]) * R_EARTH / (tb - ta))
    # the tanker, at 8 kn on course 172, is CROSSING_M from the passer-by
    # across their relative motion then, astern of it
    tanker_v = velocity(172, 8)
    rel = (tanker_v[0] - passer_v[0], tanker_v[1] - passer_v[1])
    side = (-rel[1] / math.hypot(*rel), rel[0] / math.hypot(*rel))
    if side[0] * passer_v[0] + side[1] * passer_v[1] > 0:
        side = (-side[0], -side[1])
    t_cross = datetime.fromtimestamp(closest, UTC)
    transit = line(t_cross, offset(here, CROSSING_M * side[0], CROSSING_M * side[1]), tanker_v)

    # The tanker: 3 hours out, then drifting north-east at 0.5 kn (the
    # current) from 1.5 hours before the meeting to half an hour after it,
    # then away east at 8 kn
    drift_v = velocity(45, 0.5)
    t_stop = MEETING_START - timedelta(minutes=90)
    drift = line(t_stop, transit(t_stop), drift_v)
    t_go = MEETING_END + timedelta(minutes=30)
    voyage(TANKER, [((t_cross - timedelta(hours=3)).replace(microsecond=0), t_stop, transit, False),
                    (t_stop, t_go, drift, True),
                    (t_go, t_go + timedelta(hours=6), line(t_go, drift(t_go), velocity(100, 8)), False)],
           rng, out)

    # The second ship: up from the south-west at 10 kn, the last 1.5 km in
    # 15 minutes (3.2 kn) to come alongside, MEETING_APART_M off the
    # tanker's starboard side; then away to starboard at 3 kn for 15
    # minutes, and back south-west at 10 kn
    starboard = heading(135)
    alongside = line(MEETING_START, offset(drift(MEETING_START), MEETING_APART_M * starboard[0],
                                           MEETING_APART_M * starboard[1]), drift_v)
    t_slow = MEETING_START - timedelta(minutes=15)
    slow = line(MEETING_START, alongside(MEETING_START),
                (heading(45)[0] * 1500 / 900, heading(45)[1] * 1500 / 900))
    t_away = MEETING_END + timedelta(minutes=15)
    away = line(MEETING_END, alongside(MEETING_END), velocity(135, 3))
    come = line(t_slow, slow(t_slow), velocity(45, 10))
    back = line(t_away, away(t_away), velocity(225, 10))
    voyage(SECOND_SHIP, [(t_slow - timedelta(hours=8), t_slow, come, False),
                         (t_slow, MEETING_START, slow, False),
                         (MEETING_START, MEETING_END, alongside, True),
                         (MEETING_END, t_away, away, False),
                         (t_away, t_away + timedelta(hours=8), back, False)],
           rng, out)
    assert km_to_nearest_port(transit(t_cross)) > 50 and km_to_nearest_port(drift(MEETING_START)) > 50
    truth.append(("meeting", TANKER, 1, MEETING_START, MEETING_END))
    truth.append(("meeting", SECOND_SHIP, 1, MEETING_START, MEETING_END))

    # The crossing's truth: when the two were within ENCOUNTER_M, by
    # haversine between the positions on the tracks as written
    tanker = as_written(out, TANKER)

    def apart(t):
        return haversine(position_at(tanker, t), position_at(passer, t))

    def bisect(inside, outside):
        while abs(inside - outside) > 1e-4:
            mid = (inside + outside) / 2
            inside, outside = (mid, outside) if apart(mid) <= ENCOUNTER_M else (inside, mid)
        return inside

    assert abs(apart(closest) - CROSSING_M) < 1
    start, end = bisect(closest, closest - 600), bisect(closest, closest + 600)
    for mmsi in (TANKER, PASSER_BY):
        truth.append(("crossing", mmsi, 1, datetime.fromtimestamp(round(start), UTC),
                      datetime.fromtimestamp(round(end), UTC)))
    return out


def box_wkt(box):
    x0, y0, x1, y1 = box
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def main():
    fixes, truth = [], []
    for mmsi, first_call, last_call in SHUTTLES:
        shuttle(mmsi, first_call, last_call, fixes, truth)
    passer_by(fixes)
    at_sea = meeting_at_sea(fixes, truth)   # reads the passer-by's own fixes
    add_junk(fixes, truth)
    fixes += at_sea
    fixes.sort(key=lambda f: (f[0], f[1]))

    def iso(t):
        return t.strftime("%Y-%m-%dT%H:%M:%SZ")

    with open(os.path.join(HERE, "positions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["mmsi", "ts", "lon", "lat", "source"])
        for mmsi, t, (lon, lat), source in fixes:
            if START <= t < END:
                w.writerow([mmsi, iso(t.replace(microsecond=0)), f"{lon:.6f}", f"{lat:.6f}", source])
    with open(os.path.join(HERE, "ports.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "role", "wkt"])
        for name, port in PORTS.items():
            w.writerow([name, port["role"], box_wkt(port["box"])])
    with open(os.path.join(HERE, "truth.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["event", "mmsi", "trip", "port_or_first", "time_or_last"])
        last = {"junk": 1, "meeting": 2, "crossing": 2}     # the newest events at the end
        for event, mmsi, trip, a, b in sorted(truth, key=lambda e: last.get(e[0], 0)):
            a = iso(a.replace(microsecond=0)) if isinstance(a, datetime) else a
            w.writerow([event, mmsi, trip, a, iso(b.replace(microsecond=0))])


if __name__ == "__main__":
    main()
