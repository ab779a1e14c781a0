/*-------------------------------------------------------------------------
 *
 * clean.c
 *	  maritime.clean_track and maritime.outliers: the longest chain of
 *	  consistent fixes of a track, and the fixes it leaves out.
 *
 * Two fixes are consistent when the speed implied between them is at most
 * max_speed_kn.  By the triangle inequality, a chain whose neighbours are
 * consistent is consistent end to end, so "i before j and consistent" is a
 * partial order and the wanted chain is a longest chain of that order.
 *
 * The algorithm is patience sorting generalised to that order, run from
 * the last fix backwards.  length[i] is the length of the longest chain
 * that starts at fix i; "level" L holds the fixes with length L.  No two
 * fixes of a level are consistent (the earlier would have the longer
 * chain), and if some fix of level L is consistent with a new, earlier fix
 * then so is some fix of every level below L (the first's chain goes down
 * through all of them).  So the length of a new fix is found by a search
 * over levels: a gallop from the level of the fix processed just before
 * (on a clean track one check finds it), then bisection.  Each probe looks
 * at the fixes of one level, nearest in time first; on real tracks levels
 * hold one or two fixes, so the whole is O(n log n) distance checks at
 * worst and about n on clean tracks.  The answer is exact: the longest
 * chain, whatever the bad fixes (up to floating-point rounding of
 * distances at exact ties).
 *
 * Ties: of all the longest chains, the one whose first fix is earliest,
 * then whose second fix is earliest, and so on.  Walking forwards, the
 * next fix is the earliest later fix of the next level down that is
 * consistent with the current one; each level is scanned once.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "geodesy.h"
#include "geometry.h"
#include "postgis.h"
#include "track.h"

#define NO_FIX (-1)

typedef struct ChainSearch
{
	const TrackPoint *points;
	int32		npoints;
	Metric		metric;
	double		max_metres_per_hour;	/* max_speed_kn in metres (units) */
	double		max_step2_per_s2;	/* see far_apart() */
	double	   *key;			/* per fix: metric_key(), NaN until needed */
	int32	   *length;			/* per fix: longest chain starting there */
	int32	   *next_in_level;	/* per fix: the next later fix of its level */
	int32	   *level_first;	/* per level 1..nlevels: its earliest fix */
	int32		nlevels;
	uint32		checks;			/* fixes scanned in levels, to poll for
								 * cancel */
} ChainSearch;

/* The speed in knots implied between fixes p and q, p before q */
static inline double
implied_speed(const Metric *metric, const TrackPoint *p, const TrackPoint *q)
{
	return speed_knots(metric_distance(metric, p->x, p->y, q->x, q->y),
					   q->m - p->m);
}

/*
 * Is the speed implied between fixes a and b (a before b) at most
 * max_speed_kn?  Multiplied out, so that a speed of exactly max_speed_kn
 * is not lost to the rounding of a division.
 */
static inline bool
consistent(ChainSearch *search, int32 a, int32 b)
{
	const TrackPoint *p = &search->points[a];
	const TrackPoint *q = &search->points[b];

	return metric_distance(&search->metric, p->x, p->y, q->x, q->y) * 3600.0 <=
		search->max_metres_per_hour * (q->m - p->m);
}

static inline const double *
fix_key(ChainSearch *search, int32 i)
{
	double	   *key = &search->key[3 * (size_t) i];

	if (isnan(key[0]))
		metric_key(&search->metric, search->points[i].x, search->points[i].y, key);
	return key;
}

/*
 * A quick and safe "not consistent": the keys' distance (a chord, at most
 * the arc, for lon/lat) already exceeds what max_speed_kn allows, with a
 * margin for rounding.  Saves the haversine in long scans of bad fixes.
 */
static inline bool
far_apart(ChainSearch *search, int32 a, int32 b)
{
	double		seconds = search->points[b].m - search->points[a].m;

	return key_distance2(fix_key(search, a), fix_key(search, b)) >
		search->max_step2_per_s2 * seconds * seconds * (1 + 1e-9);
}

/*
 * Is some fix of the level consistent with fix j, which comes before all?
 * The first fix, nearest in time, is the answer on a clean track.
 */
static bool
level_reaches(ChainSearch *search, int32 level, int32 j)
{
	int32		i = search->level_first[level];

	if (consistent(search, j, i))
		return true;
	for (i = search->next_in_level[i]; i != NO_FIX; i = search->next_in_level[i])
	{
		/* a level of many bad fixes makes a long scan */
		if ((++search->checks & 0x3FFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!far_apart(search, j, i) && consistent(search, j, i))
			return true;
	}
	return false;
}

/*
 * The length of the longest chain starting at fix j: one more than the
 * highest level that reaches j.  "Reaches" holds for every level up to
 * that one and for none above, so gallop from the hint, then bisect
 * between a level that reaches (lo; level 0 always does) and one that
 * does not (hi; nlevels + 1 never does).
 */
static int32
chain_length_from(ChainSearch *search, int32 j, int32 hint)
{
	int32		top = search->nlevels;
	int32		lo;
	int32		hi;
	int32		step = 1;

	if (top == 0)
		return 1;
	hint = Max(1, Min(hint, top));
	if (level_reaches(search, hint, j))
	{
		lo = hint;
		hi = top + 1;
		while (lo + step <= top)
		{
			if (!level_reaches(search, lo + step, j))
			{
				hi = lo + step;
				break;
			}
			lo += step;
			step *= 2;
		}
	}
	else
	{
		hi = hint;
		lo = 0;
		while (hi - step >= 1)
		{
			if (level_reaches(search, hi - step, j))
			{
				lo = hi - step;
				break;
			}
			hi -= step;
			step *= 2;
		}
	}
	while (hi - lo > 1)
	{
		int32		mid = lo + (hi - lo) / 2;

		if (level_reaches(search, mid, j))
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

/*
 * Mark in keep[] the fixes of the track's longest chain of consistent
 * fixes (the earliest one, see above); returns how many there are.
 */
static int32
longest_chain(const Track *track, double max_speed_kn, bool *keep)
{
	ChainSearch search;
	int32		n = (int32) track->npoints;
	int32		j;
	int32		level;
	int32		current = NO_FIX;
	int32		kept = 0;

	memset(keep, 0, sizeof(bool) * n);
	if (n == 0)
		return 0;

	search.points = track->points;
	search.npoints = n;
	search.metric.geographic = maritime_srid_is_geographic(track->srid);
	search.max_metres_per_hour = max_speed_kn * METRES_PER_NAUTICAL_MILE;
	/* the farthest max_speed_kn goes in a second, in key units, squared */
	search.max_step2_per_s2 = search.max_metres_per_hour / 3600.0;
	if (search.metric.geographic)
		search.max_step2_per_s2 /= EARTH_RADIUS_M;
	search.max_step2_per_s2 *= search.max_step2_per_s2;
	search.key = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * 3 * n);
	for (j = 0; j < 3 * n; j++)
		search.key[j] = get_float8_nan();
	search.length = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * n);
	search.next_in_level = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * n);
	search.level_first = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * (n + 1));
	search.nlevels = 0;
	search.checks = 0;

	for (j = n - 1; j >= 0; j--)
	{
		int32		hint = j + 1 < n ? search.length[j + 1] : 1;
		int32		length;

		if ((j & 0x3FFF) == 0)
			CHECK_FOR_INTERRUPTS();
		length = chain_length_from(&search, j, hint);

		/* j is earlier than every fix so far: it becomes its level's first */
		if (length > search.nlevels)
		{
			search.nlevels = length;
			search.level_first[length] = NO_FIX;
		}
		search.length[j] = length;
		search.next_in_level[j] = search.level_first[length];
		search.level_first[length] = j;
	}

	/*
	 * Forwards: the earliest fix of the top level, then each time the
	 * earliest later fix one level down that is consistent with the last
	 * one taken.  One exists: the search found it when it set the length.
	 */
	for (level = search.nlevels; level >= 1; level--)
	{
		int32		i = search.level_first[level];

		if ((level & 0x3FFF) == 0)
			CHECK_FOR_INTERRUPTS();
		while (i != NO_FIX &&
			   (current != NO_FIX &&
				(i <= current || !consistent(&search, current, i))))
			i = search.next_in_level[i];
		if (i == NO_FIX)
			elog(ERROR, "clean_track lost its chain at level %d", level);
		keep[i] = true;
		current = i;
		kept++;
	}

	pfree(search.key);
	pfree(search.length);
	pfree(search.next_in_level);
	pfree(search.level_first);
	return kept;
}

static double
arg_max_speed(FunctionCallInfo fcinfo, int argno)
{
	double		max_speed_kn = PG_GETARG_FLOAT8(argno);

	if (!isfinite(max_speed_kn) || max_speed_kn <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_speed_kn must be a finite positive number"),
				 errhint("It is in knots; planar SRIDs are taken to be in metres.")));
	return max_speed_kn;
}

/*
 * clean_track(track geometry, max_speed_kn float8) returns geometry
 *
 * A track with nothing to remove comes back as it was, byte for byte.
 */
PG_FUNCTION_INFO_V1(maritime_clean_track);

Datum
maritime_clean_track(PG_FUNCTION_ARGS)
{
	double		max_speed_kn = arg_max_speed(fcinfo, 1);
	Track		track;
	bool	   *keep;
	TrackPoint *kept_points;
	int32		kept;
	uint32		i;
	uint32		k = 0;

	maritime_track_read(PG_GETARG_DATUM(0), "track", &track);
	keep = MemoryContextAllocHuge(CurrentMemoryContext, Max(track.npoints, 1));
	kept = longest_chain(&track, max_speed_kn, keep);
	if (kept == (int32) track.npoints)
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));

	kept_points = MemoryContextAllocHuge(CurrentMemoryContext,
										 sizeof(TrackPoint) * kept);
	for (i = 0; i < track.npoints; i++)
		if (keep[i])
			kept_points[k++] = track.points[i];
	PG_RETURN_DATUM(maritime_track_make_datum(track.srid, kept_points, kept));
}

/*
 * outliers(track geometry, max_speed_kn float8)
 *	  RETURNS TABLE(fix_time timestamptz, location geometry,
 *					implied_speed_kn float8)
 */
PG_FUNCTION_INFO_V1(maritime_outliers);

Datum
maritime_outliers(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	double		max_speed_kn;
	Track		track;
	Metric		metric;
	bool	   *keep;
	int32		last_kept = NO_FIX;
	uint32		i;

	InitMaterializedSRF(fcinfo, 0);
	max_speed_kn = arg_max_speed(fcinfo, 1);
	maritime_track_read(PG_GETARG_DATUM(0), "track", &track);
	keep = MemoryContextAllocHuge(CurrentMemoryContext, Max(track.npoints, 1));
	longest_chain(&track, max_speed_kn, keep);
	metric.geographic = maritime_srid_is_geographic(track.srid);

	for (i = 0; i < track.npoints; i++)
	{
		const TrackPoint *p = &track.points[i];
		Datum		values[3];
		bool		nulls[3] = {0};

		if (keep[i])
		{
			last_kept = (int32) i;
			continue;
		}
		values[0] = TimestampTzGetDatum(track_time(&track, i));
		values[1] = maritime_geom_point_datum(track.srid, p->x, p->y);
		if (last_kept == NO_FIX)
			nulls[2] = true;
		else
			values[2] = Float8GetDatum(implied_speed(&metric, &track.points[last_kept], p));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}
