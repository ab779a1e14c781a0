/*-------------------------------------------------------------------------
 *
 * gaps.c
 *	  maritime.gaps: when did a vessel go dark, for how long, how far did
 *	  it move meanwhile and at what speed would it have had to sail?
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "geodesy.h"
#include "geometry.h"
#include "intervals.h"
#include "postgis.h"
#include "track.h"

/*
 * gaps(track geometry, min_gap interval)
 *	  RETURNS TABLE(gap_start timestamptz, gap_end timestamptz,
 *					duration interval, start_point geometry,
 *					end_point geometry, distance float8,
 *					implied_speed_kn float8)
 */
PG_FUNCTION_INFO_V1(maritime_gaps);

Datum
maritime_gaps(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		min_gap;
	Track		track;
	Metric		metric;
	uint32		i;

	InitMaterializedSRF(fcinfo, 0);
	min_gap = maritime_arg_positive_interval(PG_GETARG_INTERVAL_P(1), "min_gap");
	maritime_track_read(PG_GETARG_DATUM(0), "track", &track);
	metric.geographic = maritime_srid_is_geographic(track.srid);

	for (i = 1; i < track.npoints; i++)
	{
		const TrackPoint *a = &track.points[i - 1];
		const TrackPoint *b = &track.points[i];
		TimestampTz start;
		TimestampTz end;
		Datum		values[7];
		bool		nulls[7] = {0};
		double		distance;

		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();

		/*
		 * Most intervals are far shorter than min_gap: tell from the M
		 * values before rounding both to microseconds.  Rounding moves the
		 * difference by at most 1 us, floating point by a few units in the
		 * last place of the M values; the margin covers both.
		 */
		if ((b->m - a->m) * USECS_PER_SEC <
			min_gap - 2.0 - 8 * DBL_EPSILON * (fabs(a->m) + fabs(b->m)) * USECS_PER_SEC)
			continue;
		start = track_time(&track, i - 1);
		end = track_time(&track, i);
		if (usecs_between(start, end) < min_gap)
			continue;

		distance = metric_distance(&metric, a->x, a->y, b->x, b->y);
		values[0] = TimestampTzGetDatum(start);
		values[1] = TimestampTzGetDatum(end);
		values[2] = maritime_timestamp_difference_datum(end, start);
		values[3] = maritime_geom_point_datum(track.srid, a->x, a->y);
		values[4] = maritime_geom_point_datum(track.srid, b->x, b->y);
		values[5] = Float8GetDatum(distance);
		values[6] = Float8GetDatum(speed_knots(distance, b->m - a->m));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}
