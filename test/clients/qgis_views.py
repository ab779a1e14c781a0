#!/usr/bin/python3
"""Open every view of examples/bi_views.sql in QGIS (PyQGIS, no display) as a
QGIS user would, over the Rajin sample, and draw the map of
scripts/render_map.py.  QGIS 3.22 (Debian 12's qgis and python3-qgis).

    /usr/bin/python3 test/clients/qgis_views.py MAP.png

Connects with the libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD,
PGDATABASE); run.sh sets the database up (the sample, the views and the
interval_probe view).  Prints "ok - ..." or "FAILED - ..." per check, then
"N passed, N failed", and exits non-zero if any failed."""
import collections
import os
import sys

sys.dont_write_bytecode = True          # no __pycache__ in scripts/ or test/clients/
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import render_map  # noqa: E402  (sets QT_QPA_PLATFORM before QGIS loads)
from checks import check, check_that, summary  # noqa: E402

from qgis.core import (QgsAbstractDatabaseProviderConnection, QgsApplication,  # noqa: E402
                       QgsDataSourceUri, QgsFeatureRequest, QgsProviderRegistry, QgsWkbTypes)
from qgis.PyQt.QtGui import QColor, QImage  # noqa: E402

W = QgsWkbTypes
# Fields as QGIS types them; the geometry column is not one of them
CALL = [("id", "int8"), ("ship", "int8"), ("call", "int4"), ("port", "text"),
        ("arrival", "timestamptz"), ("departure", "timestamptz"), ("dwell_hours", "float8"),
        ("fixes", "int4"), ("open_start", "bool"), ("open_end", "bool")]
TRIP = [("id", "int8"), ("ship", "int8"), ("trip", "int4"), ("home_departure", "timestamptz"),
        ("away_arrival", "timestamptz"), ("away_departure", "timestamptz"),
        ("home_arrival", "timestamptz"), ("duration_hours", "float8"), ("away_hours", "float8"),
        ("away_calls", "int4"), ("complete", "bool")]
DARK = [("id", "int8"), ("ship", "int8"), ("period", "int4"), ("gap_start", "timestamptz"),
        ("gap_end", "timestamptz"), ("duration_hours", "float8"), ("distance_nm", "float8"),
        ("implied_speed_kn", "float8")]
IDLE = [("id", "int8"), ("port", "text"), ("period", "int4"), ("idle_start", "timestamptz"),
        ("idle_end", "timestamptz"), ("duration_hours", "float8"), ("duration_days", "float8"),
        ("open_end", "bool")]
# name: (geometry column, key, features, geometry type, fields)
LAYERS = {
    "tracks": ("track", "ship", 7, W.LineStringM,
               [("ship", "int8"), ("positions", "int8"), ("first_seen", "timestamptz"),
                ("last_seen", "timestamptz")]),
    "daily_tracks": ("track", "id", 890, W.MultiLineStringM,
                     [("id", "int8"), ("ship", "int8"), ("day", "date"), ("first_time", "timestamptz"),
                      ("last_time", "timestamptz"), ("lines", "int4"), ("sailed_nm", "float8")]),
    "port_calls": ("arrived_at", "id", 68, W.Point, CALL),
    "port_calls_mv": ("arrived_at", "id", 68, W.Point, CALL),
    "round_trips": ("route", "id", 32, W.MultiLineStringM, TRIP),
    "round_trips_mv": ("route", "id", 32, W.MultiLineStringM, TRIP),
    "dark_periods": ("dark_leg", "id", 154, W.LineStringM, DARK),
    "dark_periods_mv": ("dark_leg", "id", 154, W.LineStringM, DARK),
    "port_idle_periods": ("area", "id", 11, W.MultiPolygon, IDLE),
    "port_idle_periods_mv": ("area", "id", 11, W.MultiPolygon, IDLE),
}
MATERIALIZED = {"tracks", "daily_tracks", "port_calls_mv", "round_trips_mv", "dark_periods_mv",
                "port_idle_periods_mv"}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    png = sys.argv[1]
    if os.path.exists(png):
        os.remove(png)                  # so that a map left from before never passes
    app = render_map.start_qgis()
    log = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda message, tag, level: log.append(f"{tag}: {message}"))

    # What QGIS's browser lists, and the key it proposes: the first column
    connection = QgsProviderRegistry.instance().providerMetadata("postgres").createConnection(
        QgsDataSourceUri("").uri(False), {})
    listed = {t.tableName(): t for t in connection.tables(
        "public", QgsAbstractDatabaseProviderConnection.TableFlag.Vector)}
    for name, (geometry_column, key, count, wkb_type, fields) in LAYERS.items():
        table = listed.get(name)
        check_that(f"QGIS lists {name} as a layer", table is not None, sorted(listed))
        if table is None:
            continue
        check(f"{name}: one geometry column, {geometry_column}, {W.displayString(wkb_type)} in EPSG:4326",
              (table.geometryColumnCount(), table.geometryColumn(),
               [(W.displayString(g.wkbType), g.crs.authid()) for g in table.geometryColumnTypes()]),
              (1, geometry_column, [(W.displayString(wkb_type), "EPSG:4326")]))
        check(f"{name}: the key QGIS proposes is {key}", table.primaryKeyColumns()[:1], [key])

    for name, (geometry_column, key, count, wkb_type, fields) in LAYERS.items():
        # opened as the browser opens it: key = the proposed column, and
        # QGIS checks that it is unique
        log.clear()
        layer = render_map.open_layer(name, geometry_column, key)
        check_that(f"{name}: QGIS opens it with key {key}", layer.isValid(), log)
        if not layer.isValid():
            continue
        provider = layer.dataProvider()
        check(f"{name}: {count} features", layer.featureCount(), count)
        check(f"{name}: geometry type {W.displayString(wkb_type)}, EPSG:4326",
              (W.displayString(layer.wkbType()), layer.crs().authid()),
              (W.displayString(wkb_type), "EPSG:4326"))
        check(f"{name}: fields and their types", [(f.name(), f.typeName()) for f in layer.fields()], fields)
        check(f"{name}: the key is the first field", provider.pkAttributeIndexes(), [0])
        # the bug a key that is not unique brought: 68 calls got 4 feature
        # ids, and feature 2 was call 1
        features = list(layer.getFeatures())
        check(f"{name}: each feature has a feature id of its own",
              (len(features), len({f.id() for f in features})), (count, count))
        check(f"{name}: every feature has a {W.displayString(wkb_type)} geometry",
              sum(1 for f in features if f.hasGeometry() and f.geometry().wkbType() == wkb_type), count)
        picks = [features[0], features[len(features) // 2], features[-1]]
        check(f"{name}: features 1, {len(features) // 2 + 1} and {count} fetched by feature id are those",
              [layer.getFeature(f.id())[key] for f in picks], [f[key] for f in picks])
        request = QgsFeatureRequest().setFilterFids([f.id() for f in picks])
        check(f"{name}: one request for their three feature ids returns those three",
              sorted(f[key] for f in layer.getFeatures(request)), sorted(f[key] for f in picks))
        # the materialized views: QGIS takes their unique index as the key,
        # and only regrets it may be NULL (no NOT NULL on a materialized view)
        expected_log = ([f"PostGIS: Unique column '{key}' doesn't have a NOT NULL constraint."]
                        if name in MATERIALIZED else [])
        check(f"{name}: what QGIS logs", log, expected_log)
        if name in MATERIALIZED:
            keyless = render_map.open_layer(name, geometry_column)
            check(f"{name}: without a key in the URI QGIS takes the unique index on {key}",
                  (keyless.isValid(), keyless.dataProvider().pkAttributeIndexes()), (True, [0]))

    # Why the views give hours: QGIS leaves an interval column out
    log.clear()
    probe = render_map.open_layer("interval_probe", None, "id")
    check("interval_probe: QGIS opens it, without its interval column",
          (probe.isValid(), [f.name() for f in probe.fields()]), (True, ["id"]))
    check_that("interval_probe: QGIS says it ignored dwell",
               any(m.startswith("PostGIS: Field dwell ignored, because of unsupported type") for m in log), log)

    # The map: no renderer error, and every layer on it (drawn without
    # antialiasing here, so that each layer's colour is exact)
    try:
        errors = render_map.render(render_map.map_layers(), png, antialiasing=False)
    except ValueError as error:         # a layer QGIS cannot open
        errors = [str(error)]
    check("render_map: QGIS draws the map without errors", errors, [])
    image = QImage(png).convertToFormat(QImage.Format_ARGB32)
    check("render_map: the PNG is 1600 x 1000", (image.width(), image.height()), (1600, 1000))
    counts = collections.Counter()
    if not image.isNull():
        bits = image.constBits()
        bits.setsize(image.sizeInBytes())
        rows = memoryview(bytes(bits)).cast("I")     # one 0xAARRGGBB a pixel
        for y in range(image.height()):
            start = y * image.width() + (430 if y < 110 else 0)    # the legend aside
            counts.update(rows[start:(y + 1) * image.width()])
    pixels = {name: counts[QColor(colour).rgba()] for name, colour in render_map.COLOURS.items()}
    check_that("render_map: every layer shows (100 pixels of its colour or more, the legend aside)",
               all(n >= 100 for n in pixels.values()), pixels)

    app.exitQgis()
    return summary()


if __name__ == "__main__":
    sys.exit(main())
