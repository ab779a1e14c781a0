/*-------------------------------------------------------------------------
 *
 * intervals.c
 *	  Interval arguments as microseconds, checked, and interval results
 *	  made the way PostgreSQL's own timestamp subtraction makes them.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/int.h"
#include "fmgr.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

#include "intervals.h"

/*
 * An interval as microseconds, comparing the way interval comparison does
 * (a month is 30 days, a day 24 hours).  Saturates instead of overflowing,
 * so '1000000 years' is simply longer than any track.
 */
int64
maritime_interval_usecs(const Interval *interval)
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
maritime_arg_nonnegative_interval(const Interval *interval, const char *name)
{
	int64		usecs = maritime_interval_usecs(interval);

	if (usecs < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", name)));
	return usecs;
}

int64
maritime_arg_positive_interval(const Interval *interval, const char *name)
{
	int64		usecs = maritime_interval_usecs(interval);

	if (usecs <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be positive", name)));
	return usecs;
}

/* An interval of usecs microseconds, hours justified into days */
Datum
maritime_usecs_interval_datum(int64 usecs)
{
	Interval   *interval = palloc(sizeof(Interval));

	interval->time = usecs;
	interval->day = 0;
	interval->month = 0;
	return DirectFunctionCall1(interval_justify_hours, IntervalPGetDatum(interval));
}

/*
 * later - earlier as timestamptz subtraction gives it (hours justified into
 * days), but also where the microseconds do not fit in int64: two valid
 * timestamps can be 109 million days apart, which PostgreSQL 15's
 * subtraction would silently wrap and later ones reject.
 */
Datum
maritime_timestamp_difference_datum(TimestampTz later, TimestampTz earlier)
{
	int128		usecs = (int128) later - (int128) earlier;
	Interval   *interval = palloc(sizeof(Interval));

	interval->month = 0;
	interval->day = (int32) (usecs / USECS_PER_DAY);
	interval->time = (int64) (usecs % USECS_PER_DAY);
	return IntervalPGetDatum(interval);
}
