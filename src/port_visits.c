/*-------------------------------------------------------------------------
 *
 * port_visits.c
 *	  maritime.port_visits: when was a vessel inside a port, and for how
 *	  long?  The visits themselves are found in visits.c.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "geometry.h"
#include "intervals.h"
#include "visits.h"

/*
 * port_visits(track geometry, area geometry, min_dwell interval,
 *			   max_gap interval, min_absence interval)
 *	  RETURNS TABLE(visit int, arrival timestamptz, departure timestamptz,
 *					dwell interval, fixes int, dark interval,
 *					open_start boolean, open_end boolean, absent interval)
 */
PG_FUNCTION_INFO_V1(maritime_port_visits);

Datum
maritime_port_visits(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		min_dwell = 0;
	int64		max_gap = ARG_NO_MAX_GAP;
	int64		min_absence = 0;
	Track		track;
	Area		area;
	VisitList	list;
	int32		i;

	InitMaterializedSRF(fcinfo, 0);

	if (!PG_ARGISNULL(2))
		min_dwell = maritime_arg_nonnegative_interval(PG_GETARG_INTERVAL_P(2), "min_dwell");
	if (!PG_ARGISNULL(3))
		max_gap = maritime_arg_positive_interval(PG_GETARG_INTERVAL_P(3), "max_gap");
	if (!PG_ARGISNULL(4))
		min_absence = maritime_arg_nonnegative_interval(PG_GETARG_INTERVAL_P(4), "min_absence");
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(4))
		PG_RETURN_NULL();

	maritime_track_read(PG_GETARG_DATUM(0), "track", &track);
	maritime_area_read(PG_GETARG_DATUM(1), "area", &area);
	maritime_arg_same_srid(area.srid, "area", track.srid);
	maritime_area_notice_vast(fcinfo, &area, "area");

	maritime_visits_compute(&track, &area, max_gap, min_dwell, min_absence, &list);

	for (i = 0; i < list.count; i++)
	{
		const Visit *v = &list.visits[i];
		Datum		values[9];
		bool		nulls[9] = {0};

		values[0] = Int32GetDatum(i + 1);
		values[1] = TimestampTzGetDatum(v->arrival);
		values[2] = TimestampTzGetDatum(v->departure);
		values[3] = maritime_timestamp_difference_datum(v->departure, v->arrival);
		values[4] = Int32GetDatum(v->fixes);
		values[5] = maritime_usecs_interval_datum(v->dark_usecs);
		values[6] = BoolGetDatum(v->open_start);
		values[7] = BoolGetDatum(v->open_end);
		values[8] = maritime_usecs_interval_datum(v->absent_usecs);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}
