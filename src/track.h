/*-------------------------------------------------------------------------
 *
 * track.h
 *	  The in-memory form of a track that every analysis reads.
 *
 * A track is a LINESTRING M (XYZM accepted, Z ignored) whose M values are
 * seconds since 1970, strictly increasing.  It is parsed and checked once
 * per call into an array of (x, y, m) points.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_TRACK_H
#define MARITIME_TRACK_H

#include "common/int.h"
#include "datatype/timestamp.h"

#include "gserialized.h"

typedef struct TrackPoint
{
	double		x;
	double		y;
	double		m;				/* seconds since 1970-01-01 00:00 UTC */
} TrackPoint;

typedef struct Track
{
	int32		srid;
	uint32		npoints;
	const TrackPoint *points;
	bool		has_box;		/* the stored (float) bounding box */
	float		box_xmin,
				box_xmax,
				box_ymin,
				box_ymax;
} Track;

extern void maritime_track_read(Datum datum, const char *argname, Track *track);
extern TimestampTz maritime_track_seconds_to_timestamp(double seconds);
extern Datum maritime_track_make_datum(int32 srid, const TrackPoint *points,
							  uint32 npoints);

/* Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch */
#define UNIX_EPOCH_OFFSET_USECS \
	((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY * USECS_PER_SEC)

/*
 * A timestamp as M, seconds since 1970: exact microseconds, one rounding.
 * Within 30 years of PostgreSQL's last timestamp (294276 AD) the sum would
 * overflow; doubles hold no microseconds there anyway.
 */
static inline double
track_timestamp_to_seconds(TimestampTz t)
{
	int64		unix_usecs;

	if (unlikely(pg_add_s64_overflow(t, UNIX_EPOCH_OFFSET_USECS, &unix_usecs)))
		return (double) t / USECS_PER_SEC +
			(double) (UNIX_EPOCH_OFFSET_USECS / USECS_PER_SEC);
	return (double) unix_usecs / USECS_PER_SEC;
}

/* The timestamp of vertex i: exact, since M came from whole microseconds */
static inline TimestampTz
track_time(const Track *track, uint32 i)
{
	return maritime_track_seconds_to_timestamp(track->points[i].m);
}

#endif							/* MARITIME_TRACK_H */
