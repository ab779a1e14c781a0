#!/usr/bin/python3
"""Draw a map of the GIS views of examples/bi_views.sql with QGIS, headless:
the port areas, the tracks per day (daily_tracks), the dark periods and the
port calls, written to a PNG.  scripts/demo.sh calls it for demo-output/
map.png and test/clients/qgis_views.py imports it, so both draw the same map.

    /usr/bin/python3 scripts/render_map.py [--schema S] [--ports-schema S] OUT.png

Connects with libpq's variables (PGHOST, PGPORT, PGUSER, PGPASSWORD,
PGDATABASE), as psql does.  Needs Debian's python3-qgis (apt-get install
qgis python3-qgis); runs without a display (QT_QPA_PLATFORM=offscreen).
"""
import argparse
import atexit
import os
import shutil
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QGIS writes settings and a runtime folder: into a folder of this run, not
# the user's home
_scratch = tempfile.mkdtemp(prefix="render_map.")
atexit.register(shutil.rmtree, _scratch, True)
os.environ["XDG_CONFIG_HOME"] = os.path.join(_scratch, "config")
os.environ["XDG_RUNTIME_DIR"] = _scratch
os.chmod(_scratch, 0o700)

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem,  # noqa: E402
                       QgsCoordinateTransform, QgsDataSourceUri, QgsFillSymbol,
                       QgsLineSymbol, QgsMapRendererParallelJob, QgsMapSettings,
                       QgsMarkerSymbol, QgsPalLayerSettings, QgsProject,
                       QgsRectangle, QgsSingleSymbolRenderer, QgsTextFormat,
                       QgsVectorLayer, QgsVectorLayerSimpleLabeling)
from qgis.PyQt.QtCore import QSize, Qt  # noqa: E402
from qgis.PyQt.QtGui import QColor, QFont, QPainter, QPen  # noqa: E402

# One colour a layer, so that a test can find each layer in the picture
COLOURS = {
    "ports": "#e8d8a8",
    "daily_tracks": "#1f4e9c",
    "dark_periods": "#d62728",
    "port_calls": "#ff8c00",
}
SIZE = QSize(1600, 1000)


def start_qgis():
    """The QgsApplication that every other call needs; call once."""
    app = QgsApplication([], False, os.path.join(_scratch, "profile"))
    app.initQgis()
    return app


def layer_uri(table, geometry_column=None, key=None, schema="public", options=""):
    """A PostGIS layer's data source: the libpq variables fill in the rest."""
    uri = QgsDataSourceUri(options)
    uri.setDataSource(schema, table, geometry_column, "", key or "")
    return uri.uri(False)


def open_layer(table, geometry_column=None, key=None, schema="public", options=""):
    return QgsVectorLayer(layer_uri(table, geometry_column, key, schema, options), table, "postgres")


def map_layers(schema="public", ports_schema=None):
    """The map's layers, top one first, styled: the views in schema, the
    ports table in ports_schema (default: the same).  ValueError when QGIS
    cannot open one."""
    layers = [
        (open_layer("port_calls", "arrived_at", "id", schema),
         QgsMarkerSymbol.createSimple({"name": "circle", "color": COLOURS["port_calls"],
                                       "outline_style": "no", "size": "2.4"})),
        (open_layer("dark_periods", "dark_leg", "id", schema),
         QgsLineSymbol.createSimple({"line_color": COLOURS["dark_periods"], "line_width": "0.4",
                                     "line_style": "dash"})),
        (open_layer("daily_tracks", "track", "id", schema),
         QgsLineSymbol.createSimple({"line_color": COLOURS["daily_tracks"], "line_width": "0.5"})),
        (open_layer("ports", "area", "name", ports_schema or schema),
         QgsFillSymbol.createSimple({"color": COLOURS["ports"], "outline_color": "#7a6a3a",
                                     "outline_width": "0.4"})),
    ]
    for layer, symbol in layers:
        if not layer.isValid():
            raise ValueError(f"QGIS cannot open {layer.source()}")
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    ports = layers[-1][0]
    label = QgsPalLayerSettings()
    label.fieldName = "name"
    text = QgsTextFormat()
    text.setFont(QFont("DejaVu Sans"))
    text.setSize(11)
    label.setFormat(text)
    label.placement = QgsPalLayerSettings.OverPoint
    label.yOffset = -6
    ports.setLabeling(QgsVectorLayerSimpleLabeling(label))
    ports.setLabelsEnabled(True)
    return [layer for layer, _ in layers]


def render(layers, png, size=SIZE, antialiasing=True):
    """Draws the layers (top one first) over their joint extent, in Web
    Mercator so that the shapes are as on a chart, with a legend; writes the
    PNG and returns the renderer's errors (an empty list when it went well)."""
    mercator = QgsCoordinateReferenceSystem("EPSG:3857")
    extent = QgsRectangle()
    for layer in layers:
        to_mercator = QgsCoordinateTransform(layer.crs(), mercator, QgsProject.instance())
        extent.combineExtentWith(to_mercator.transformBoundingBox(layer.extent()))
    extent.scale(1.08)

    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(mercator)
    settings.setOutputSize(size)
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor("white"))
    settings.setFlag(QgsMapSettings.Antialiasing, antialiasing)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()

    # The legend, top left
    painter = QPainter(image)
    painter.setFont(QFont("DejaVu Sans", 11))
    entries = [("daily_tracks", "track, per ship and day (daily_tracks)", "line"),
               ("dark_periods", "dark period: last fix to next one (dark_periods)", "dash"),
               ("port_calls", "arrival of a port call (port_calls)", "dot"),
               ("ports", "port area (ports)", "box")]
    painter.fillRect(6, 6, 420, 22 * len(entries) + 12, QColor(255, 255, 255, 220))
    for row, (layer, text, kind) in enumerate(entries):
        y = 24 + 22 * row
        colour = QColor(COLOURS[layer])
        if kind in ("line", "dash"):
            painter.setPen(QPen(colour, 3, Qt.SolidLine if kind == "line" else Qt.DashLine))
            painter.drawLine(14, y, 42, y)
        elif kind == "dot":
            painter.setPen(Qt.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(22, y - 6, 12, 12)
        else:
            painter.fillRect(14, y - 7, 28, 14, colour)
        painter.setPen(QColor("black"))
        painter.drawText(50, y + 5, text)
    painter.end()
    if not image.save(png, "PNG"):
        return [f"cannot write {png}"]
    return [f"{error.layerID}: {error.message}" for error in job.errors()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", default="public", help="the schema of the views (default public)")
    parser.add_argument("--ports-schema", help="the schema of the ports table (default: --schema)")
    parser.add_argument("png", help="the PNG to write")
    args = parser.parse_args()
    app = start_qgis()
    try:
        errors = render(map_layers(args.schema, args.ports_schema), args.png)
    except ValueError as error:
        errors = [str(error)]
    for error in errors:
        print(f"render_map: {error}", file=sys.stderr)
    app.exitQgis()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
