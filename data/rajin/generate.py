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

Writes, next to this script:
  positions.csv    mmsi,ts,lon,lat,source   (source: ais | satellite)
  ports.csv        name,role,wkt            (SRID 4326)
  truth.csv        what the generator knows: every Rajin call and round
                   trip, and every junk fix (event "junk", its kind, its time)

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


def box_wkt(box):
    x0, y0, x1, y1 = box
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def main():
    fixes, truth = [], []
    for mmsi, first_call, last_call in SHUTTLES:
        shuttle(mmsi, first_call, last_call, fixes, truth)
    passer_by(fixes)
    add_junk(fixes, truth)
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
        for event, mmsi, trip, a, b in sorted(truth, key=lambda e: e[0] == "junk"):
            a = iso(a.replace(microsecond=0)) if isinstance(a, datetime) else a
            w.writerow([event, mmsi, trip, a, iso(b.replace(microsecond=0))])


if __name__ == "__main__":
    main()
