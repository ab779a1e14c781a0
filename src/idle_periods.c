/*-------------------------------------------------------------------------
 *
 * idle_periods.c
 *	  maritime.idle_periods: the parts of a time window not covered by busy
 *	  periods, such as the weeks in which nobody called at a port.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/multirangetypes.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "compat.h"
#include "intervals.h"

/*
 * idle_periods(busy tstzmultirange, during tstzrange, min_idle interval)
 *	  RETURNS TABLE(idle_start timestamptz, idle_end timestamptz,
 *					duration interval, open_end boolean)
 *
 * An unbounded side of "during" gives a NULL idle_start or idle_end, and an
 * infinite or unbounded period a NULL duration; such periods are longer
 * than any min_idle.
 */
PG_FUNCTION_INFO_V1(maritime_idle_periods);

Datum
maritime_idle_periods(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MultirangeType *busy;
	RangeType  *during;
	TypeCacheEntry *multirange_cache;
	TypeCacheEntry *range_cache;
	int64		min_idle;
	int32		nbusy,
				nidle,
				i;
	RangeType **busy_ranges;
	RangeType **idle_ranges;
	MultirangeType *idle;
	RangeBound	during_lower,
				during_upper;
	bool		during_empty;

	InitMaterializedSRF(fcinfo, 0);
	min_idle = maritime_arg_nonnegative_interval(PG_GETARG_INTERVAL_P(2), "min_idle");
	busy = PG_GETARG_MULTIRANGE_P(0);
	during = PG_GETARG_RANGE_P(1);

	multirange_cache = lookup_type_cache(MultirangeTypeGetOid(busy),
										 TYPECACHE_MULTIRANGE_INFO);
	range_cache = multirange_cache->rngtype;
	if (RangeTypeGetOid(during) != range_cache->type_id)
		elog(ERROR, "idle_periods: busy and during have different range types");

	range_deserialize(range_cache, during, &during_lower, &during_upper, &during_empty);
	if (during_empty)
		PG_RETURN_NULL();

	multirange_deserialize(range_cache, busy, &nbusy, &busy_ranges);
	if (nbusy == 0)
	{
		/* the subtraction expects a non-empty subtrahend */
		nidle = 1;
		idle_ranges = &during;
	}
	else
	{
		idle = multirange_minus_internal(MultirangeTypeGetOid(busy), range_cache,
										 1, &during, nbusy, busy_ranges);
		multirange_deserialize(range_cache, idle, &nidle, &idle_ranges);
	}

	for (i = 0; i < nidle; i++)
	{
		RangeBound	lower,
					upper;
		bool		empty;
		Datum		values[4];
		bool		nulls[4] = {0};
		bool		finite;

		range_deserialize(range_cache, idle_ranges[i], &lower, &upper, &empty);
		if (empty)
			continue;
		finite = !lower.infinite && !upper.infinite &&
			!TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(lower.val)) &&
			!TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(upper.val));
		if (finite &&
			usecs_between(DatumGetTimestampTz(lower.val), DatumGetTimestampTz(upper.val)) < min_idle)
			continue;

		values[0] = lower.val;
		nulls[0] = lower.infinite;
		values[1] = upper.val;
		nulls[1] = upper.infinite;
		if (finite)
			values[2] = maritime_timestamp_difference_datum(DatumGetTimestampTz(upper.val),
												   DatumGetTimestampTz(lower.val));
		else
			nulls[2] = true;
		values[3] = BoolGetDatum(range_cmp_bounds(range_cache, &upper, &during_upper) == 0);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}
