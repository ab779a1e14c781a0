/*-------------------------------------------------------------------------
 *
 * round_trips.c
 *	  maritime.round_trips: a home visit, then one or more away visits with
 *	  no home visit between them, then the next home visit.
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
#include "postgis.h"
#include "visits.h"

typedef struct Trip
{
	const Visit *home;			/* the home visit the trip leaves from */
	const Visit *first_away;
	const Visit *last_away;
	int64		away_dwell;
	int32		away_calls;
} Trip;

static void
emit_trip(ReturnSetInfo *rsinfo, int32 number, const Trip *trip,
		  const Visit *home_again)
{
	Datum		values[9];
	bool		nulls[9] = {0};

	values[0] = Int32GetDatum(number);
	values[1] = TimestampTzGetDatum(trip->home->departure);
	values[2] = TimestampTzGetDatum(trip->first_away->arrival);
	values[3] = TimestampTzGetDatum(trip->last_away->departure);
	if (home_again != NULL)
	{
		values[4] = TimestampTzGetDatum(home_again->arrival);
		values[5] = maritime_timestamp_difference_datum(home_again->arrival,
											   trip->home->departure);
	}
	else
		nulls[4] = nulls[5] = true;
	values[6] = maritime_usecs_interval_datum(trip->away_dwell);
	values[7] = Int32GetDatum(trip->away_calls);
	values[8] = BoolGetDatum(home_again != NULL);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/*
 * round_trips(track geometry, home geometry, away geometry,
 *			   min_dwell interval, max_gap interval, min_absence interval)
 *	  RETURNS TABLE(trip int, home_departure timestamptz,
 *					away_arrival timestamptz, away_departure timestamptz,
 *					home_arrival timestamptz, duration interval,
 *					away_dwell interval, away_calls int, complete boolean)
 */
PG_FUNCTION_INFO_V1(maritime_round_trips);

Datum
maritime_round_trips(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		min_dwell = 0;
	int64		max_gap = ARG_NO_MAX_GAP;
	int64		min_absence = 0;
	Track		track;
	Area		home,
				away;
	VisitList	home_visits,
				away_visits;
	Trip		trip = {0};
	int32		h = 0,
				a = 0,
				trips = 0;

	InitMaterializedSRF(fcinfo, 0);

	if (!PG_ARGISNULL(3))
		min_dwell = maritime_arg_nonnegative_interval(PG_GETARG_INTERVAL_P(3), "min_dwell");
	if (!PG_ARGISNULL(4))
		max_gap = maritime_arg_positive_interval(PG_GETARG_INTERVAL_P(4), "max_gap");
	if (!PG_ARGISNULL(5))
		min_absence = maritime_arg_nonnegative_interval(PG_GETARG_INTERVAL_P(5), "min_absence");
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) ||
		PG_ARGISNULL(3) || PG_ARGISNULL(5))
		PG_RETURN_NULL();

	maritime_track_read(PG_GETARG_DATUM(0), "track", &track);
	maritime_area_read(PG_GETARG_DATUM(1), "home", &home);
	maritime_area_read(PG_GETARG_DATUM(2), "away", &away);
	maritime_arg_same_srid(home.srid, "home", track.srid);
	maritime_arg_same_srid(away.srid, "away", track.srid);
	maritime_area_notice_vast(fcinfo, &home, "home");
	maritime_area_notice_vast(fcinfo, &away, "away");

	/* a vessel in both areas at once would be home and away at once */
	if (area_box_overlaps(&home, away.xmin, away.xmax, away.ymin, away.ymax) &&
		maritime_postgis_interiors_intersect(PG_GETARG_DATUM(1), PG_GETARG_DATUM(2),
									get_fn_expr_argtype(fcinfo->flinfo, 1)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("home and away areas overlap"),
				 errhint("Make them disjoint, for example with ST_Difference(away, home).")));

	maritime_visits_compute(&track, &home, max_gap, min_dwell, min_absence, &home_visits);
	maritime_visits_compute(&track, &away, max_gap, min_dwell, min_absence, &away_visits);

	/* merge the two visit lists in time order */
	while (h < home_visits.count || a < away_visits.count)
	{
		bool		take_home = a >= away_visits.count ||
			(h < home_visits.count &&
			 home_visits.visits[h].arrival <= away_visits.visits[a].arrival);

		if (take_home)
		{
			const Visit *visit = &home_visits.visits[h++];

			if (trip.home != NULL && trip.away_calls > 0)
				emit_trip(rsinfo, ++trips, &trip, visit);
			memset(&trip, 0, sizeof(trip));
			trip.home = visit;
		}
		else
		{
			const Visit *visit = &away_visits.visits[a++];

			if (trip.home == NULL)
				continue;		/* before the first home visit */
			if (trip.away_calls == 0)
				trip.first_away = visit;
			trip.last_away = visit;
			trip.away_dwell = usecs_add(trip.away_dwell,
										usecs_between(visit->arrival, visit->departure));
			trip.away_calls++;
		}
	}
	if (trip.home != NULL && trip.away_calls > 0)
		emit_trip(rsinfo, ++trips, &trip, NULL);

	PG_RETURN_NULL();
}
