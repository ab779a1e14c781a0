/*-------------------------------------------------------------------------
 *
 * intervals.h
 *	  Interval arguments and results, and timestamp differences that
 *	  saturate instead of wrapping.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_INTERVALS_H
#define MARITIME_INTERVALS_H

#include "common/int.h"
#include "datatype/timestamp.h"

/* max_gap NULL: no segment is dark */
#define ARG_NO_MAX_GAP (-1)

/*
 * later - earlier in microseconds, saturating: two valid timestamps can be
 * further apart than int64 holds, and the build wraps on overflow (-fwrapv)
 */
static inline int64
usecs_between(TimestampTz earlier, TimestampTz later)
{
	int64		usecs;

	if (unlikely(pg_sub_s64_overflow(later, earlier, &usecs)))
		return later > earlier ? PG_INT64_MAX : PG_INT64_MIN;
	return usecs;
}

/* a + b in microseconds, saturating */
static inline int64
usecs_add(int64 a, int64 b)
{
	int64		usecs;

	if (unlikely(pg_add_s64_overflow(a, b, &usecs)))
		return b > 0 ? PG_INT64_MAX : PG_INT64_MIN;
	return usecs;
}

extern int64 maritime_interval_usecs(const Interval *interval);
extern int64 maritime_arg_nonnegative_interval(const Interval *interval, const char *name);
extern int64 maritime_arg_positive_interval(const Interval *interval, const char *name);
extern Datum maritime_usecs_interval_datum(int64 usecs);
extern Datum maritime_timestamp_difference_datum(TimestampTz later, TimestampTz earlier);

#endif							/* MARITIME_INTERVALS_H */
