/*-------------------------------------------------------------------------
 *
 * area.c
 *	  Ports and other areas: POLYGON or MULTIPOLYGON, holes respected, the
 *	  boundary counted as inside, tested in coordinate space.
 *
 * Port polygons have hundreds to thousands of edges and tracks have
 * thousands of vertices, so the edges are bucketed in a uniform grid over
 * the area's extent: a point test looks at one row of cells, a segment at
 * the cells under its bounding box, instead of at every edge.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/float.h"

#include "area.h"
#include "geometry.h"
#include "postgis.h"

/* About this many edges per grid cell */
#define AREA_EDGES_PER_CELL 4
#define AREA_MAX_GRID 512

/* The grid cell of a coordinate, clamped; NaN (inf / inf) goes to cell 0 */
static inline int
grid_index(double offset, double cell_size, int ncells)
{
	double		i = offset / cell_size;

	if (!(i >= 0))
		return 0;
	if (i >= ncells)
		return ncells - 1;
	return (int) i;
}

static inline int
area_col(const Area *area, double x)
{
	return grid_index(x - area->xmin, area->cell_width, area->ncols);
}

static inline int
area_row(const Area *area, double y)
{
	return grid_index(y - area->ymin, area->cell_height, area->nrows);
}

static void
area_add_edge(Area *area, double ax, double ay, double bx, double by,
			  int32 polygon)
{
	AreaEdge   *edge = &area->edges[area->nedges++];

	edge->ax = ax;
	edge->ay = ay;
	edge->bx = bx;
	edge->by = by;
	edge->polygon = polygon;
	area->xmin = Min(area->xmin, Min(ax, bx));
	area->xmax = Max(area->xmax, Max(ax, bx));
	area->ymin = Min(area->ymin, Min(ay, by));
	area->ymax = Max(area->ymax, Max(ay, by));
}

/* Grid dimensions for "side" cells a side (one along a zero extent) */
static void
area_set_grid(Area *area, int side, double width, double height)
{
	area->ncols = width > 0 ? side : 1;
	area->nrows = height > 0 ? side : 1;
	area->cell_width = width > 0 ? width / area->ncols : 1.0;
	area->cell_height = height > 0 ? height / area->nrows : 1.0;
}

/* The grid cells an edge's bounding box covers */
static inline void
edge_cells(const Area *area, const AreaEdge *edge, int *c0, int *c1,
		   int *r0, int *r1)
{
	*c0 = area_col(area, Min(edge->ax, edge->bx));
	*c1 = area_col(area, Max(edge->ax, edge->bx));
	*r0 = area_row(area, Min(edge->ay, edge->by));
	*r1 = area_row(area, Max(edge->ay, edge->by));
}

/* How many (cell, edge) entries the grid would hold */
static int64
area_grid_entries(const Area *area)
{
	int64		entries = 0;

	for (int32 e = 0; e < area->nedges; e++)
	{
		int			c0,
					c1,
					r0,
					r1;

		edge_cells(area, &area->edges[e], &c0, &c1, &r0, &r1);
		entries += (int64) (c1 - c0 + 1) * (r1 - r0 + 1);
		if ((e & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
	}
	return entries;
}

/*
 * Bucket every edge into the grid cells its bounding box covers.  Long
 * edges across a fine grid (a star-shaped area) would fill millions of
 * cells each, so the grid is made coarser until the entries fit a budget.
 */
static void
area_build_grid(Area *area)
{
	double		width = area->xmax - area->xmin;
	double		height = area->ymax - area->ymin;
	int			side = (int) ceil(sqrt((double) area->nedges / AREA_EDGES_PER_CELL));
	int64		budget = 16 * (int64) area->nedges + (1 << 20);
	int			ncells;
	int32	   *fill;
	int			pass;

	side = Max(1, Min(side, AREA_MAX_GRID));
	/* an extent of zero, or too wide for a double (1e308 - -1e308), is one cell */
	if (!(width > 0 && isfinite(width)))
		width = 0;
	if (!(height > 0 && isfinite(height)))
		height = 0;
	area_set_grid(area, side, width, height);
	while (side > 1 && area_grid_entries(area) > budget)
	{
		side /= 2;
		area_set_grid(area, side, width, height);
	}
	ncells = area->ncols * area->nrows;
	area->cell_start = palloc0(sizeof(int32) * (ncells + 1));
	fill = palloc0(sizeof(int32) * ncells);

	/* pass 0 counts the entries of each cell, pass 1 places them */
	for (pass = 0; pass < 2; pass++)
	{
		int32		e;

		if (pass == 1)
		{
			int			c;

			for (c = 0; c < ncells; c++)
				area->cell_start[c + 1] = area->cell_start[c] + fill[c];
			area->cell_edges = palloc(sizeof(int32) * Max(area->cell_start[ncells], 1));
			memset(fill, 0, sizeof(int32) * ncells);
		}
		for (e = 0; e < area->nedges; e++)
		{
			int			c0,
						c1,
						r0,
						r1,
						r,
						c;

			edge_cells(area, &area->edges[e], &c0, &c1, &r0, &r1);
			for (r = r0; r <= r1; r++)
				for (c = c0; c <= c1; c++)
				{
					int			cell = r * area->ncols + c;

					if (pass == 1)
						area->cell_edges[area->cell_start[cell] + fill[cell]] = e;
					fill[cell]++;
				}
		}
	}
	/* a cell no edge crosses is on one side of the boundary throughout */
	area->cell_state = palloc(ncells);
	for (int c = 0; c < ncells; c++)
		area->cell_state[c] = fill[c] > 0 ? AREA_CELL_EDGES : AREA_CELL_UNKNOWN;
	pfree(fill);
}

/*
 * No port spans a hemisphere, but ST_Buffer(position, 2000) in lon/lat
 * buffers by 2,000 degrees, and then every fix is inside: say so.
 */
void
maritime_area_notice_vast(FunctionCallInfo fcinfo, const Area *area, const char *argname)
{
	double		width = area->xmax - area->xmin;
	double		height = area->ymax - area->ymin;

	if (area->nedges == 0 || (width <= 180 && height <= 90) ||
		!maritime_srid_is_geographic(area->srid) || !maritime_first_notice(fcinfo))
		return;
	ereport(NOTICE,
			(errmsg("%s spans %.0f degrees of longitude and %.0f of latitude, more than a hemisphere",
					argname, width, height),
			 errdetail("SRID %d is longitude and latitude: ST_Buffer distances in it are degrees.",
					   area->srid),
			 errhint("ST_Buffer(position::geography, 2000)::geometry is the circle of 2 km around a position.")));
}

/*
 * Read an area argument into edges and build its grid.  Rings are closed
 * if their last vertex is not their first; Z and M are ignored.
 */
void
maritime_area_read(Datum datum, const char *argname, Area *area)
{
	GserGeom	geom;
	GserRing   *rings;
	uint32		nrings,
				npolygons,
				npoints = 0,
				r;
	GserStatus	status;

	maritime_geom_read_datum(datum, argname, &geom);
	if (geom.type != GSER_POLYGONTYPE && geom.type != GSER_MULTIPOLYGONTYPE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a POLYGON or MULTIPOLYGON, not a %s",
						argname, maritime_gser_type_name(geom.type)),
				 errhint("Port areas are polygons. In lon/lat, ST_Buffer(position::geography, 2000)::geometry is the circle of 2 km around a position.")));

	status = maritime_gser_read_rings(&geom, NULL, 0, &nrings, &npolygons);
	if (status != GSER_OK)
		maritime_geom_report_malformed(argname, status);
	rings = palloc(sizeof(GserRing) * Max(nrings, 1));
	(void) maritime_gser_read_rings(&geom, rings, nrings, &nrings, &npolygons);
	for (r = 0; r < nrings; r++)
		npoints += rings[r].npoints;

	memset(area, 0, sizeof(Area));
	area->srid = geom.srid;
	area->npolygons = (int32) npolygons;
	area->edges = palloc(sizeof(AreaEdge) * (npoints + nrings + 1));
	area->xmin = area->ymin = get_float8_infinity();
	area->xmax = area->ymax = -get_float8_infinity();

	for (r = 0; r < nrings; r++)
	{
		const GserRing *ring = &rings[r];
		uint32		i;

		for (i = 0; i < ring->npoints; i++)
		{
			double		x = gser_ring_coord(&geom, ring, i, 0);
			double		y = gser_ring_coord(&geom, ring, i, 1);
			uint32		next = (i + 1 == ring->npoints) ? 0 : i + 1;
			double		nx = gser_ring_coord(&geom, ring, next, 0);
			double		ny = gser_ring_coord(&geom, ring, next, 1);

			if (!isfinite(x) || !isfinite(y))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s has a non-finite coordinate", argname)));
			if (x != nx || y != ny)
				area_add_edge(area, x, y, nx, ny, (int32) ring->polygon);
		}
	}
	pfree(rings);

	area->parity = palloc0(Max(area->npolygons, 1));
	area->touched = palloc(sizeof(int32) * Max(area->npolygons, 1));
	area->edge_stamp = palloc0(sizeof(uint32) * Max(area->nedges, 1));
	area->stamp = 0;
	if (area->nedges > 0)
		area_build_grid(area);
}

/* Is (x, y) on the closed segment a-b?  Exact for exactly representable cases. */
static inline bool
on_edge(const AreaEdge *e, double x, double y)
{
	if (x < Min(e->ax, e->bx) || x > Max(e->ax, e->bx) ||
		y < Min(e->ay, e->by) || y > Max(e->ay, e->by))
		return false;
	return (e->bx - e->ax) * (y - e->ay) - (e->by - e->ay) * (x - e->ax) == 0;
}

/*
 * Point in area, boundary included: on an edge of the point's cell, or an
 * odd number of crossings of a ray towards +x in some polygon (even-odd
 * per polygon, so holes are excluded and polygons of a MULTIPOLYGON may
 * even overlap).  Each crossing is counted in the cell that contains it.
 */
bool
maritime_area_contains(Area *area, double x, double y)
{
	int			row,
				col,
				c,
				k;
	bool		inside = false;
	int32		ntouched = 0;

	if (area->nedges == 0 ||
		x < area->xmin || x > area->xmax || y < area->ymin || y > area->ymax)
		return false;

	row = area_row(area, y);
	col = area_col(area, x);
	/* ships at berth send most of their fixes from such cells */
	if (area->cell_state[row * area->ncols + col] >= AREA_CELL_OUTSIDE)
		return area->cell_state[row * area->ncols + col] == AREA_CELL_INSIDE;
	for (k = area->cell_start[row * area->ncols + col];
		 k < area->cell_start[row * area->ncols + col + 1]; k++)
		if (on_edge(&area->edges[area->cell_edges[k]], x, y))
			return true;

	for (c = col; c < area->ncols; c++)
	{
		int			cell = row * area->ncols + c;

		for (k = area->cell_start[cell]; k < area->cell_start[cell + 1]; k++)
		{
			const AreaEdge *e = &area->edges[area->cell_edges[k]];
			double		xi;

			if ((e->ay > y) == (e->by > y))
				continue;
			xi = e->ax + (y - e->ay) * (e->bx - e->ax) / (e->by - e->ay);
			xi = Max(Min(xi, Max(e->ax, e->bx)), Min(e->ax, e->bx));
			if (xi <= x || area_col(area, xi) != c)
				continue;
			/* bit 1: listed in touched once, however often the ray crosses */
			if ((area->parity[e->polygon] & 2) == 0)
			{
				area->parity[e->polygon] = 2;
				area->touched[ntouched++] = e->polygon;
			}
			area->parity[e->polygon] ^= 1;
		}
	}

	for (k = 0; k < ntouched; k++)
	{
		if (area->parity[area->touched[k]] & 1)
			inside = true;
		area->parity[area->touched[k]] = 0;
	}
	if (area->cell_state[row * area->ncols + col] == AREA_CELL_UNKNOWN)
		area->cell_state[row * area->ncols + col] =
			inside ? AREA_CELL_INSIDE : AREA_CELL_OUTSIDE;
	return inside;
}

/*
 * Parameters s in [0, 1] where the segment p-q meets the area's boundary:
 * proper crossings and touches, and both ends of collinear overlaps.
 * Unsorted, possibly repeated; at most maritime_area_max_crossings() of them.
 */
int
maritime_area_segment_crossings(Area *area, double px, double py, double qx, double qy,
					   double *params, int max_params)
{
	double		rx = qx - px;
	double		ry = qy - py;
	int			c0,
				c1,
				r0,
				r1,
				r,
				c,
				n = 0;

	if (area->nedges == 0 || (rx == 0 && ry == 0) ||
		!area_box_overlaps(area, Min(px, qx), Max(px, qx), Min(py, qy), Max(py, qy)))
		return 0;

	if (++area->stamp == 0)
	{
		/* the stamp wrapped: forget which edges earlier segments saw */
		memset(area->edge_stamp, 0, sizeof(uint32) * area->nedges);
		area->stamp = 1;
	}

	c0 = area_col(area, Min(px, qx));
	c1 = area_col(area, Max(px, qx));
	r0 = area_row(area, Min(py, qy));
	r1 = area_row(area, Max(py, qy));
	for (r = r0; r <= r1; r++)
		for (c = c0; c <= c1; c++)
		{
			int			cell = r * area->ncols + c;
			int			k;

			for (k = area->cell_start[cell]; k < area->cell_start[cell + 1]; k++)
			{
				int32		index = area->cell_edges[k];
				const AreaEdge *e = &area->edges[index];
				double		sx,
							sy,
							wx,
							wy,
							denom;

				if (area->edge_stamp[index] == area->stamp)
					continue;
				area->edge_stamp[index] = area->stamp;
				if (Max(e->ax, e->bx) < Min(px, qx) || Min(e->ax, e->bx) > Max(px, qx) ||
					Max(e->ay, e->by) < Min(py, qy) || Min(e->ay, e->by) > Max(py, qy))
					continue;

				sx = e->bx - e->ax;
				sy = e->by - e->ay;
				wx = e->ax - px;
				wy = e->ay - py;
				denom = rx * sy - ry * sx;
				if (denom != 0)
				{
					double		s = (wx * sy - wy * sx) / denom;
					double		u = (wx * ry - wy * rx) / denom;

					if (s >= 0 && s <= 1 && u >= 0 && u <= 1 && n < max_params)
						params[n++] = s;
				}
				else if (wx * ry - wy * rx == 0)
				{
					/* collinear: the overlap's two ends */
					double		len2 = rx * rx + ry * ry;
					double		sa = (wx * rx + wy * ry) / len2;
					double		sb = ((e->bx - px) * rx + (e->by - py) * ry) / len2;
					double		lo = Max(0.0, Min(sa, sb));
					double		hi = Min(1.0, Max(sa, sb));

					if (lo <= hi && n + 2 <= max_params)
					{
						params[n++] = lo;
						params[n++] = hi;
					}
				}
			}
		}
	return n;
}

int
maritime_area_max_crossings(const Area *area)
{
	return 2 * area->nedges + 2;
}
