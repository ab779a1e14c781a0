/*-------------------------------------------------------------------------
 *
 * stops.c
 *	  maritime.stops: where did a vessel stay within a small area for a
 *	  while, in port or not (anchorage, loitering, ship-to-ship transfer)?
 *
 * The SPEC's greedy scan: from vertex i, extend the run i..j while every
 * pair of its vertices is within max_diameter and no segment is dark; a
 * run lasting min_duration is a stop (continue after it), otherwise
 * continue from i + 1.  Done naively this is quadratic in the length of a
 * stop, so:
 *
 * - a vertex within d of a centre that all the run's vertices are within r
 *	 of is within d + r of each of them, so while d + r <= max_diameter a
 *	 new vertex is accepted with one distance; the centre starts at the
 *	 run's first vertex and moves to the run's mean as the run doubles;
 * - otherwise the farthest vertex from the new one is a vertex of the run's
 *	 convex hull (in the plane, or in a gnomonic projection around the first
 *	 vertex, where great circles are straight), so only hull vertices are
 *	 measured, exactly; the diameter reported is found the same way;
 * - when a run fails, every run starting before the last vertex too far
 *	 from the rejected one would fail too, so the scan jumps past it;
 * - in planar SRIDs most comparisons of a distance are settled by its
 *	 square, without hypot (see planar_within), and the track's own
 *	 coordinates serve as the projection and the keys, with no copies.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/float.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "geodesy.h"
#include "geometry.h"
#include "intervals.h"
#include "postgis.h"
#include "track.h"

/* Beyond this a run may span more than 90 degrees: no gnomonic hull */
#define GNOMONIC_SAFE_DIAMETER_M 8.0e6

/*
 * The relative margin of the squared-distance tests: far above the few
 * ulps by which a squared distance, its square root and hypot can differ
 */
#define SQUARED_TEST_MARGIN 1e-9

typedef struct StopScan
{
	const Track *track;
	Metric		metric;
	double		max_diameter;
	bool		brute_force;	/* huge max_diameter: measure every pair */

	/*
	 * Planar SRIDs with a max_diameter whose square is far from underflow
	 * and overflow: a squared distance below within2 is surely within
	 * max_diameter, one above beyond2 surely beyond it; margin is the
	 * absolute slack of those tests.
	 */
	bool		squared_tests;
	double		margin;
	double		within2;
	double		beyond2;

	/* the current run: vertices start..end */
	uint32		start;
	uint32		end;
	double		center_x;		/* a point near the middle of the run */
	double		center_y;
	double		radius;			/* farthest vertex from the centre */
	uint32		recenter_at;	/* run length at which to move the centre */
	Gnomonic	projection;		/* around the first vertex (lon/lat) */

	/* convex hull of start..pending-1; pending..end are not in it yet */
	uint32	   *hull;
	int32		nhull;
	uint32		pending;

	/*
	 * Projected coordinates of vertex i: px[i * pstride], py[i * pstride];
	 * the track's own x and y in planar SRIDs, gnomonic ones in proj_x and
	 * proj_y otherwise
	 */
	const double *px;
	const double *py;
	size_t		pstride;

	/* scratch, one slot per track vertex (proj_x, proj_y, key: lon/lat only) */
	double	   *proj_x;
	double	   *proj_y;
	double	   *key;			/* 3 per vertex: see vertex_key() */
	uint32	   *candidates;
} StopScan;

#define PX(scan, i) ((scan)->px[(size_t) (i) * (scan)->pstride])
#define PY(scan, i) ((scan)->py[(size_t) (i) * (scan)->pstride])

static inline double
vertex_distance(const StopScan *scan, uint32 a, uint32 b)
{
	const TrackPoint *p = &scan->track->points[a];
	const TrackPoint *q = &scan->track->points[b];

	return metric_distance(&scan->metric, p->x, p->y, q->x, q->y);
}

/*
 * Is the distance (dx, dy) within max_diameter, as hypot(dx, dy) <=
 * max_diameter says?  hypot is the scan's main cost on planar tracks; the
 * squared distance settles every case but those within a relative
 * SQUARED_TEST_MARGIN of max_diameter, where hypot decides, so the answer
 * is always hypot's.  Only with squared_tests.
 */
static inline bool
planar_within(const StopScan *scan, double dx, double dy)
{
	double		d2 = dx * dx + dy * dy;

	if (d2 < scan->within2)
		return true;
	if (d2 > scan->beyond2)
		return false;
	return hypot(dx, dy) <= scan->max_diameter;
}

/* vertex_distance(scan, a, b) <= max_diameter */
static inline bool
vertices_within(const StopScan *scan, uint32 a, uint32 b)
{
	const TrackPoint *p = &scan->track->points[a];
	const TrackPoint *q = &scan->track->points[b];

	if (scan->squared_tests)
		return planar_within(scan, q->x - p->x, q->y - p->y);
	return vertex_distance(scan, a, b) <= scan->max_diameter;
}

static void
vertex_key(const StopScan *scan, uint32 i, double *key)
{
	const TrackPoint *p = &scan->track->points[i];

	metric_key(&scan->metric, p->x, p->y, key);
}

/*
 * Vertex i's key: the coordinates for planar SRIDs, for lon/lat computed
 * the first time it is needed (NaN until then) and kept
 */
static inline void
run_key(StopScan *scan, uint32 i, double *key)
{
	double	   *cached;

	if (scan->key == NULL)
	{
		vertex_key(scan, i, key);
		return;
	}
	cached = &scan->key[3 * (size_t) i];
	if (isnan(cached[0]))
		vertex_key(scan, i, cached);
	memcpy(key, cached, 3 * sizeof(double));
}

/* Planar SRIDs project nothing: PX and PY read the track itself */
static void
project_vertex(StopScan *scan, uint32 i)
{
	const TrackPoint *p = &scan->track->points[i];

	if (scan->metric.geographic &&
		!maritime_gnomonic_project(&scan->projection, p->x, p->y,
								   &scan->proj_x[i], &scan->proj_y[i]))
		elog(ERROR, "stop run vertex beyond the gnomonic projection");
}

static inline double
cross(const StopScan *scan, uint32 o, uint32 a, uint32 b)
{
	return (PX(scan, a) - PX(scan, o)) * (PY(scan, b) - PY(scan, o)) -
		(PY(scan, a) - PY(scan, o)) * (PX(scan, b) - PX(scan, o));
}

/* Order vertex numbers by their projected x, then y */
static inline int
compare_projected(const uint32 *a, const uint32 *b, const StopScan *scan)
{
	double		xi = PX(scan, *a),
				xj = PX(scan, *b);

	if (xi != xj)
		return xi < xj ? -1 : 1;
	if (PY(scan, *a) != PY(scan, *b))
		return PY(scan, *a) < PY(scan, *b) ? -1 : 1;
	return 0;
}

/*
 * sort_projected: qsort_arg's algorithm (the same template) with the
 * comparison inlined; the hull updates of a moving track sort a few
 * vertices each, where the calls through a pointer cost most
 */
#define ST_SORT sort_projected
#define ST_ELEMENT_TYPE uint32
#define ST_COMPARE(a, b, arg) compare_projected(a, b, arg)
#define ST_COMPARE_ARG_TYPE StopScan
#define ST_SCOPE static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * Drop the candidates strictly inside the octagon of the extreme ones in
 * eight directions (x, y and their sum and difference, each way): they
 * cannot be on the hull, and on a long stop they are nearly all of them,
 * so little is left to sort.  A point strictly left of every edge of the
 * octagon lies inside it whatever its shape, and the octagon's vertices
 * are candidates, so no hull vertex is dropped.
 */
static int32
drop_interior(const StopScan *scan, uint32 *c, int32 n)
{
	uint32		ext[8];
	uint32		oct[8];
	int32		noct = 0,
				i,
				kept = 0;

	if (n < 8)
		return n;
	for (i = 0; i < 8; i++)
		ext[i] = c[0];
	for (i = 1; i < n; i++)
	{
		uint32		v = c[i];
		double		x = PX(scan, v),
					y = PY(scan, v);

		/* counter-clockwise from the leftmost */
		if (x < PX(scan, ext[0]))
			ext[0] = v;
		if (x + y < PX(scan, ext[1]) + PY(scan, ext[1]))
			ext[1] = v;
		if (y < PY(scan, ext[2]))
			ext[2] = v;
		if (x - y > PX(scan, ext[3]) - PY(scan, ext[3]))
			ext[3] = v;
		if (x > PX(scan, ext[4]))
			ext[4] = v;
		if (x + y > PX(scan, ext[5]) + PY(scan, ext[5]))
			ext[5] = v;
		if (y > PY(scan, ext[6]))
			ext[6] = v;
		if (x - y < PX(scan, ext[7]) - PY(scan, ext[7]))
			ext[7] = v;
	}
	/* one vertex may be extreme in several directions: no empty edges */
	for (i = 0; i < 8; i++)
		if (ext[i] != ext[(i + 1) % 8])
			oct[noct++] = ext[i];
	if (noct < 3)
		return n;
	for (i = 0; i < n; i++)
	{
		bool		inside = true;
		int			e;

		for (e = 0; e < noct && inside; e++)
			inside = cross(scan, oct[e], oct[(e + 1) % noct], c[i]) > 0;
		if (!inside)
			c[kept++] = c[i];
	}
	return kept;
}

/* Bring the hull up to date with the pending vertices (monotone chain) */
static void
update_hull(StopScan *scan)
{
	uint32	   *c = scan->candidates;
	int32		n = 0,
				k = 0,
				lower,
				i;
	uint32		v;

	if (scan->pending > scan->end)
		return;
	for (i = 0; i < scan->nhull; i++)
		c[n++] = scan->hull[i];
	for (v = scan->pending; v <= scan->end; v++)
	{
		project_vertex(scan, v);
		c[n++] = v;
	}
	scan->pending = scan->end + 1;
	n = drop_interior(scan, c, n);

	sort_projected(c, n, scan);

	if (n < 3)
	{
		memcpy(scan->hull, c, n * sizeof(uint32));
		scan->nhull = n;
		return;
	}
	for (i = 0; i < n; i++)
	{
		while (k >= 2 && cross(scan, scan->hull[k - 2], scan->hull[k - 1], c[i]) <= 0)
			k--;
		scan->hull[k++] = c[i];
	}
	lower = k + 1;
	for (i = n - 2; i >= 0; i--)
	{
		while (k >= lower && cross(scan, scan->hull[k - 2], scan->hull[k - 1], c[i]) <= 0)
			k--;
		scan->hull[k++] = c[i];
	}
	scan->nhull = k - 1;		/* the last one repeats the first */
}

/* Is every vertex of the run within max_diameter of vertex v? */
static bool
farthest_within(StopScan *scan, uint32 v)
{
	double		key[3];
	double		best_key = -1;
	uint32		farthest = v;

	/* each call may sort the whole hull (points on a circle): check here */
	CHECK_FOR_INTERRUPTS();
	if (scan->brute_force)
	{
		double		best = 0;
		uint32		u;

		for (u = scan->start; u <= scan->end; u++)
			best = Max(best, vertex_distance(scan, u, v));
		return best <= scan->max_diameter;
	}
	update_hull(scan);
	vertex_key(scan, v, key);
	for (int32 i = 0; i < scan->nhull; i++)
	{
		double		hull_key[3];
		double		d2;

		run_key(scan, scan->hull[i], hull_key);
		d2 = key_distance2(hull_key, key);
		if (d2 > best_key)
		{
			best_key = d2;
			farthest = scan->hull[i];
		}
	}
	return vertices_within(scan, farthest, v);
}

/* The run's diameter, exactly: the farthest pair of hull vertices */
static double
run_diameter(StopScan *scan)
{
	double		best_key = -1;
	uint32		a_best,
				b_best;

	if (scan->brute_force)
	{
		double		best = 0;
		uint32		a,
					b;

		for (a = scan->start; a <= scan->end; a++)
		{
			for (b = a + 1; b <= scan->end; b++)
				best = Max(best, vertex_distance(scan, a, b));
			CHECK_FOR_INTERRUPTS();
		}
		return best;
	}
	update_hull(scan);
	a_best = b_best = scan->hull[0];
	for (int32 a = 0; a < scan->nhull; a++)
	{
		double		ka[3];

		run_key(scan, scan->hull[a], ka);
		for (int32 b = a + 1; b < scan->nhull; b++)
		{
			double		kb[3];
			double		d2;

			run_key(scan, scan->hull[b], kb);
			d2 = key_distance2(ka, kb);

			if (d2 > best_key)
			{
				best_key = d2;
				a_best = scan->hull[a];
				b_best = scan->hull[b];
			}
		}
		if ((a & 0xFF) == 0xFF)
			CHECK_FOR_INTERRUPTS();
	}
	return vertex_distance(scan, a_best, b_best);
}

/* Centre the bound on the run's mean position and measure its radius */
static void
run_recenter(StopScan *scan)
{
	const TrackPoint *first = &scan->track->points[scan->start];
	uint32		n = scan->end - scan->start + 1;
	uint32		v;

	maritime_mean_position(scan->metric.geographic, &first->x, &first->y, n, 3,
				  &scan->center_x, &scan->center_y);
	scan->radius = 0;
	if (!scan->metric.geographic)
	{
		double		max2 = 0;

		/*
		 * The radius is the greatest hypot; a vertex whose squared
		 * distance is below the greatest one by more than the margin
		 * cannot have it, so only the others are measured
		 */
		for (v = scan->start; v <= scan->end; v++)
		{
			const TrackPoint *p = &scan->track->points[v];
			double		dx = p->x - scan->center_x;
			double		dy = p->y - scan->center_y;

			max2 = Max(max2, dx * dx + dy * dy);
		}
		if (max2 >= 1e-200 && max2 <= 1e200)
			max2 *= 1 - SQUARED_TEST_MARGIN;
		else
			max2 = 0;			/* near underflow or overflow: measure all */
		for (v = scan->start; v <= scan->end; v++)
		{
			const TrackPoint *p = &scan->track->points[v];
			double		dx = p->x - scan->center_x;
			double		dy = p->y - scan->center_y;

			if (dx * dx + dy * dy >= max2)
				scan->radius = Max(scan->radius, hypot(dx, dy));
		}
	}
	else
	{
		for (v = scan->start; v <= scan->end; v++)
		{
			const TrackPoint *p = &scan->track->points[v];

			scan->radius = Max(scan->radius,
							   metric_distance(&scan->metric, scan->center_x,
											   scan->center_y, p->x, p->y));
		}
	}
	/* doubling keeps the recentring linear overall */
	scan->recenter_at = 2 * n;
}

/* Start a run at vertex start whose vertices start..end are known to fit */
static void
run_begin(StopScan *scan, uint32 start, uint32 end)
{
	const TrackPoint *first = &scan->track->points[start];

	scan->start = start;
	scan->end = end;
	if (scan->metric.geographic)
		maritime_gnomonic_init(&scan->projection, first->x, first->y);
	scan->nhull = 0;
	scan->pending = start;
	if (start == end)
	{
		/* most runs on a moving track: no averaging needed */
		scan->center_x = first->x;
		scan->center_y = first->y;
		scan->radius = 0;
		scan->recenter_at = 16;
		return;
	}
	run_recenter(scan);
	scan->recenter_at = Max(scan->recenter_at, 16);
}

/* Can vertex v join the run?  If so, it does. */
static bool
run_try_extend(StopScan *scan, uint32 v)
{
	const TrackPoint *p = &scan->track->points[v];
	double		dx = p->x - scan->center_x;
	double		dy = p->y - scan->center_y;
	double		d2 = 0;
	double		d = -1;			/* the distance to the centre, once known */
	bool		bound;			/* d + radius <= max_diameter */

	if (scan->squared_tests)
	{
		/* settled by d's square, unless within the margin */
		double		slack = scan->max_diameter - scan->radius;
		double		m = scan->margin;

		d2 = dx * dx + dy * dy;
		if (slack >= 2 * m && d2 < (slack - m) * (slack - m))
			bound = true;
		else if (slack >= 0 && d2 > (slack + m) * (slack + m))
			bound = false;
		else
		{
			d = hypot(dx, dy);
			bound = !(d + scan->radius > scan->max_diameter);
		}
	}
	else
	{
		d = metric_distance(&scan->metric, scan->center_x, scan->center_y,
							p->x, p->y);
		bound = !(d + scan->radius > scan->max_diameter);
	}

	/*
	 * A run of one vertex is centred on it with radius 0: d is then the
	 * very distance farthest_within would measure, so a moving track (whose
	 * runs mostly fail at their second vertex) skips the hull.
	 */
	if (!bound &&
		(scan->start == scan->end || !farthest_within(scan, v)))
		return false;
	if (d < 0)
	{
		/* planar: a vertex surely nearer than the radius leaves it as it is */
		double		r = scan->radius - scan->margin;

		if (!(r >= scan->margin && d2 < r * r))
			d = hypot(dx, dy);
	}
	if (d >= 0)
		scan->radius = Max(scan->radius, d);
	scan->end = v;
	if (scan->end - scan->start + 1 >= scan->recenter_at)
		run_recenter(scan);
	return true;
}

/* The last vertex of the run too far from v (there is one) */
static uint32
last_too_far(StopScan *scan, uint32 v)
{
	uint32		u = scan->end;

	while (u > scan->start && vertices_within(scan, u, v))
		u--;
	return u;
}

static void
emit_stop(ReturnSetInfo *rsinfo, StopScan *scan)
{
	const Track *track = scan->track;
	const TrackPoint *first = &track->points[scan->start];
	TimestampTz start = track_time(track, scan->start);
	TimestampTz end = track_time(track, scan->end);
	Datum		values[6];
	bool		nulls[6] = {0};
	double		x,
				y;

	maritime_mean_position(scan->metric.geographic, &first->x, &first->y,
				  (int64) scan->end - scan->start + 1, 3, &x, &y);
	values[0] = TimestampTzGetDatum(start);
	values[1] = TimestampTzGetDatum(end);
	values[2] = maritime_timestamp_difference_datum(end, start);
	values[3] = maritime_geom_point_datum(track->srid, x, y);
	values[4] = Int32GetDatum((int32) (scan->end - scan->start + 1));
	values[5] = Float8GetDatum(run_diameter(scan));
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/*
 * stops(track geometry, max_diameter float8, min_duration interval,
 *		 max_gap interval)
 *	  RETURNS TABLE(stop_start timestamptz, stop_end timestamptz,
 *					duration interval, location geometry, fixes int,
 *					diameter float8)
 */
PG_FUNCTION_INFO_V1(maritime_stops);

Datum
maritime_stops(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		min_duration = 0;
	int64		max_gap = ARG_NO_MAX_GAP;
	Track		track;
	StopScan	scan = {0};
	uint32		start = 0;
	uint32		steps = 0;

	InitMaterializedSRF(fcinfo, 0);
	if (!PG_ARGISNULL(1))
		scan.max_diameter = maritime_arg_distance(PG_GETARG_FLOAT8(1), "max_diameter", true);
	if (!PG_ARGISNULL(2))
		min_duration = maritime_arg_nonnegative_interval(PG_GETARG_INTERVAL_P(2), "min_duration");
	if (!PG_ARGISNULL(3))
		max_gap = maritime_arg_positive_interval(PG_GETARG_INTERVAL_P(3), "max_gap");
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();

	maritime_track_read(PG_GETARG_DATUM(0), "track", &track);
	if (track.npoints == 0)
		PG_RETURN_NULL();

	scan.track = &track;
	scan.metric.geographic = maritime_srid_is_geographic(track.srid);
	maritime_notice_distance_units(fcinfo, scan.max_diameter, "max_diameter", track.srid,
								   scan.metric.geographic);
	scan.brute_force = scan.metric.geographic &&
		scan.max_diameter > GNOMONIC_SAFE_DIAMETER_M;
	if (!scan.metric.geographic && scan.max_diameter >= 1e-100 &&
		scan.max_diameter <= 1e100)
	{
		scan.squared_tests = true;
		scan.margin = scan.max_diameter * SQUARED_TEST_MARGIN;
		scan.within2 = (scan.max_diameter - scan.margin) * (scan.max_diameter - scan.margin);
		scan.beyond2 = (scan.max_diameter + scan.margin) * (scan.max_diameter + scan.margin);
	}
	/* the monotone chain may hold up to twice its input for a moment */
	scan.hull = palloc(sizeof(uint32) * 2 * (track.npoints + 1));
	scan.candidates = palloc(sizeof(uint32) * 2 * (track.npoints + 1));
	if (scan.metric.geographic)
	{
		scan.proj_x = palloc(sizeof(double) * track.npoints);
		scan.proj_y = palloc(sizeof(double) * track.npoints);
		scan.px = scan.proj_x;
		scan.py = scan.proj_y;
		scan.pstride = 1;
		scan.key = palloc(sizeof(double) * 3 * track.npoints);
		for (uint32 i = 0; i < 3 * track.npoints; i++)
			scan.key[i] = get_float8_nan();
	}
	else
	{
		scan.px = &track.points[0].x;
		scan.py = &track.points[0].y;
		scan.pstride = sizeof(TrackPoint) / sizeof(double);
	}

	run_begin(&scan, 0, 0);
	while (start < track.npoints)
	{
		uint32		next = scan.end + 1;
		bool		dark;

		if ((++steps & 0x3FFF) == 0)
			CHECK_FOR_INTERRUPTS();

		dark = next < track.npoints && max_gap != ARG_NO_MAX_GAP &&
			usecs_between(track_time(&track, scan.end), track_time(&track, next)) > max_gap;
		if (next < track.npoints && !dark && run_try_extend(&scan, next))
			continue;

		/* the run start..end cannot grow */
		if (usecs_between(track_time(&track, start), track_time(&track, scan.end)) >= min_duration)
		{
			emit_stop(rsinfo, &scan);
			start = scan.end + 1;
			if (start < track.npoints)
				run_begin(&scan, start, start);
		}
		else if (next < track.npoints && !dark)
		{
			/* runs starting up to the last vertex too far from next fail too */
			uint32		too_far = last_too_far(&scan, next);

			start = too_far + 1;
			run_begin(&scan, start, Max(start, scan.end));
		}
		else
		{
			/* a dark segment or the track's end: every run up to it fails */
			start = scan.end + 1;
			if (start < track.npoints)
				run_begin(&scan, start, start);
		}
	}
	PG_RETURN_NULL();
}
