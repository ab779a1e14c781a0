/*-------------------------------------------------------------------------
 *
 * segments.c
 *	  maritime.segments: a track cut at its dark segments, each piece a
 *	  track of its own (voyage by voyage analysis, and maps without lines
 *	  drawn across the dark).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "intervals.h"
#include "track.h"

static void
emit_segment(ReturnSetInfo *rsinfo, const Track *track, int32 number,
			 uint32 first, uint32 last)
{
	Datum		values[5];
	bool		nulls[5] = {0};

	values[0] = Int32GetDatum(number);
	values[1] = maritime_track_make_datum(track->srid, &track->points[first],
								 last - first + 1);
	values[2] = Int32GetDatum((int32) (last - first + 1));
	values[3] = TimestampTzGetDatum(track_time(track, first));
	values[4] = TimestampTzGetDatum(track_time(track, last));
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	pfree(DatumGetPointer(values[1]));
}

/*
 * segments(track geometry, max_gap interval)
 *	  RETURNS TABLE(segment int, track geometry, fixes int,
 *					segment_start timestamptz, segment_end timestamptz)
 *
 * max_gap NULL means that no segment is dark, as everywhere: the whole
 * track is one piece.
 */
PG_FUNCTION_INFO_V1(maritime_segments);

Datum
maritime_segments(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		max_gap = ARG_NO_MAX_GAP;
	Track		track;
	int32		number = 0;
	uint32		first = 0;
	uint32		i;

	InitMaterializedSRF(fcinfo, 0);
	if (!PG_ARGISNULL(1))
		max_gap = maritime_arg_positive_interval(PG_GETARG_INTERVAL_P(1), "max_gap");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();

	maritime_track_read(PG_GETARG_DATUM(0), "track", &track);
	if (track.npoints == 0)
		PG_RETURN_NULL();

	if (max_gap != ARG_NO_MAX_GAP)
	{
		for (i = 1; i < track.npoints; i++)
		{
			if ((i & 0xFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
			if (usecs_between(track_time(&track, i - 1), track_time(&track, i)) > max_gap)
			{
				emit_segment(rsinfo, &track, ++number, first, i - 1);
				first = i;
			}
		}
	}
	emit_segment(rsinfo, &track, ++number, first, track.npoints - 1);
	PG_RETURN_NULL();
}
