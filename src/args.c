/*-------------------------------------------------------------------------
 *
 * args.c
 *	  Checking the interval arguments of the analyses, and making intervals
 *	  the way PostgreSQL's own timestamp subtraction does.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/int.h"
#include "fmgr.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

#include "args.h"

/*
 * An interval as microseconds, comparing the way interval comparison does
 * (a month is 30 days, a day 24 hours).  Saturates instead of overflowing,
 * so '1000000 years' is simply longer than any track.
 */
int64
interval_usecs(const Interval *interval)
{
	int128		span = (int128) interval->time +
		(int128) interval->day * USECS_PER_DAY +
		(int128) interval->month * DAYS_PER_MONTH * USECS_PER_DAY;

	if (span > PG_INT64_MAX)
		return PG_INT64_MAX;
	if (span < PG_INT64_MIN)
		return PG_INT64_MIN;
	return (int64) span;
}

int64
arg_nonnegative_interval(const Interval *interval, const char *name)
{
	int64		usecs = interval_usecs(interval);

	if (usecs < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", name)));
	return usecs;
}

int64
arg_positive_interval(const Interval *interval, const char *name)
{
	int64		usecs = interval_usecs(interval);

	if (usecs <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be positive", name)));
	return usecs;
}

/* An interval of usecs microseconds, hours justified into days */
Datum
usecs_interval_datum(int64 usecs)
{
	Interval   *interval = palloc(sizeof(Interval));

	interval->time = usecs;
	interval->day = 0;
	interval->month = 0;
	return DirectFunctionCall1(interval_justify_hours, IntervalPGetDatum(interval));
}

/* later - earlier, exactly as timestamptz subtraction gives it */
Datum
timestamp_difference_datum(TimestampTz later, TimestampTz earlier)
{
	return DirectFunctionCall2(timestamp_mi, TimestampTzGetDatum(later),
							   TimestampTzGetDatum(earlier));
}

void
arg_same_srid(int32 srid, const char *name, int32 track_srid)
{
	if (srid != track_srid && track_srid != 0 && srid != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has SRID %d, but track has SRID %d", name, srid, track_srid),
				 errhint("Transform one of them, for example with ST_Transform(%s, %d).",
						 name, track_srid)));
	if (srid != track_srid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has SRID %d, but track has SRID %d", name, srid, track_srid),
				 errhint("Give both the same SRID, for example with ST_SetSRID(%s, %d).",
						 srid == 0 ? name : "track", srid == 0 ? track_srid : srid)));
}
