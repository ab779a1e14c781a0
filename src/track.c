/*-------------------------------------------------------------------------
 *
 * track.c
 *	  Parse and check a track argument once per call.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/timestamp.h"

#include "geometry.h"
#include "track.h"

/* M values beyond this cannot be a timestamp (and would overflow int64 us) */
#define TRACK_MAX_ABS_SECONDS 9.0e12

TimestampTz
track_seconds_to_timestamp(double seconds)
{
	return (TimestampTz) llround(seconds * USECS_PER_SEC) - UNIX_EPOCH_OFFSET_USECS;
}

/*
 * The stored float box lies right before the body: xmin, xmax, ymin, ymax.
 * PostGIS rounds it outwards but clamps it to the float range, so a bound
 * of FLT_MAX stands for any larger coordinate: make it infinite, or the box
 * would not hold such a vertex.
 */
static void
read_stored_box(const GserGeom *geom, Track *track)
{
	float		box[4];

	track->has_box = false;
	if (!geom->has_bbox || geom->geodetic)
		return;
	memcpy(box, geom->body - 2 * geom->ndims * sizeof(float), sizeof(box));
	track->box_xmin = box[0] <= -FLT_MAX ? -INFINITY : box[0];
	track->box_xmax = box[1] >= FLT_MAX ? INFINITY : box[1];
	track->box_ymin = box[2] <= -FLT_MAX ? -INFINITY : box[2];
	track->box_ymax = box[3] >= FLT_MAX ? INFINITY : box[3];
	track->has_box = true;
}

/*
 * Every vertex finite, inside the stored box, with M increasing; the ends'
 * M within the timestamp range.  One pass with few branches, since every
 * analysis reads the whole track this way; report_invalid_points then
 * tells what is wrong.
 */
static bool
track_points_valid(const Track *track, const TrackPoint *points)
{
	uint32		n = track->npoints;
	double		xmin = -DBL_MAX,
				xmax = DBL_MAX,
				ymin = -DBL_MAX,
				ymax = DBL_MAX;
	bool		ok = true;
	uint32		i;

	if (track->has_box)
	{
		if (isnan(track->box_xmin) || isnan(track->box_xmax) ||
			isnan(track->box_ymin) || isnan(track->box_ymax))
			return false;
		/* finite, and within the box */
		xmin = Max(xmin, track->box_xmin);
		xmax = Min(xmax, track->box_xmax);
		ymin = Max(ymin, track->box_ymin);
		ymax = Min(ymax, track->box_ymax);
	}
	for (i = 0; i < n && ok; i += 0x10000)
	{
		uint32		end = Min(n, i + 0x10000);
		uint32		k;

		for (k = i; k < end; k++)
		{
			const TrackPoint *p = &points[k];

			/* NaN fails every comparison, infinities fail the bounds */
			ok &= (p->x >= xmin) & (p->x <= xmax) &
				(p->y >= ymin) & (p->y <= ymax) &
				(k == 0 ? !isnan(p->m) : p->m > points[k - 1].m);
		}
		CHECK_FOR_INTERRUPTS();
	}
	/* M increases, so only the ends need the timestamp range check */
	for (i = 0; ok && i < n; i += Max(n - 1, 1))
		ok = fabs(points[i].m) < TRACK_MAX_ABS_SECONDS &&
			IS_VALID_TIMESTAMP(track_seconds_to_timestamp(points[i].m));
	return ok;
}

/* Raise the error for the first invalid vertex */
static void
report_invalid_points(const Track *track, const TrackPoint *points,
					  const char *argname)
{
	uint32		i;

	/* first, as PostGIS stores a NaN box for a NaN coordinate */
	for (i = 0; i < track->npoints; i++)
		if (!isfinite(points[i].x) || !isfinite(points[i].y))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s has a non-finite coordinate at vertex %u", argname, i + 1)));

	for (i = 0; i < track->npoints; i++)
	{
		const TrackPoint *p = &points[i];

		/*
		 * Analyses skip a track whose box misses the area, so a box that
		 * does not hold the vertices (damaged bytes; PostGIS never writes
		 * one) would silently lose visits.  NaN bounds fail here too.
		 */
		if (track->has_box &&
			!(p->x >= track->box_xmin && p->x <= track->box_xmax &&
			  p->y >= track->box_ymin && p->y <= track->box_ymax))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("%s is not a valid geometry value", argname),
					 errdetail("The value cannot be read because its bounding box does not contain vertex %u.",
							   i + 1)));
		if (isnan(p->m))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s has a NaN M value at vertex %u", argname, i + 1)));
		/* M increases, so only the ends need the timestamp range check */
		if ((i == 0 || i == track->npoints - 1) &&
			(!(fabs(p->m) < TRACK_MAX_ABS_SECONDS) ||
			 !IS_VALID_TIMESTAMP(track_seconds_to_timestamp(p->m))))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("%s has an M value out of the timestamp range at vertex %u",
							argname, i + 1),
					 errdetail("M is %g; it must be seconds since 1970-01-01 00:00 UTC.", p->m)));
		if (i > 0 && !(p->m > points[i - 1].m))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must have strictly increasing M values", argname),
					 errdetail("Vertex %u has M %.17g after M %.17g.",
							   i + 1, p->m, points[i - 1].m),
					 errhint("maritime.track_agg builds valid tracks; ST_IsValidTrajectory checks one.")));
		if ((i & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
	}
}

/*
 * Read a track argument: a LINESTRING with M, finite coordinates and
 * strictly increasing M values that are valid timestamps.  XYM values are
 * used in place when aligned; others are copied into (x, y, m) points.
 */
void
track_read(Datum datum, const char *argname, Track *track)
{
	GserGeom	geom;
	TrackPoint *points;
	uint32		i;

	geom_read_datum(datum, argname, &geom);
	if (geom.type != GSER_LINETYPE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a LINESTRING M, not a %s",
						argname, gser_type_name(geom.type)),
				 errhint("Build tracks with maritime.track_agg(geom, ts).")));
	if (!geom.has_m)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must have M values (seconds since 1970)", argname),
				 errhint("Build tracks with maritime.track_agg(geom, ts), or add times with ST_AddMeasure or ST_MakePointM.")));

	track->srid = geom.srid;
	track->npoints = geom.npoints;
	read_stored_box(&geom, track);

	if (geom.ndims == 3 && ((uintptr_t) geom.coords % sizeof(double)) == 0)
		points = (TrackPoint *) geom.coords;
	else
	{
		points = palloc(sizeof(TrackPoint) * Max(geom.npoints, 1));
		for (i = 0; i < geom.npoints; i++)
			gser_vertex(&geom, i, &points[i].x, &points[i].y, &points[i].m);
	}

	if (!track_points_valid(track, points))
		report_invalid_points(track, points, argname);
	track->points = points;
}

/*
 * A new track (LINESTRING M, with the stored box PostGIS would give it)
 * from npoints >= 1 points: what the functions that return tracks build.
 */
Datum
track_make_datum(int32 srid, const TrackPoint *points, uint32 npoints)
{
	size_t		header = gser_linestring_m_header_size(npoints);
	size_t		size = VARHDRSZ + header + (size_t) npoints * sizeof(TrackPoint);
	GserBoxM	box;
	char	   *result;
	uint32		i;

	Assert(npoints >= 1);
	box.xmin = box.xmax = points[0].x;
	box.ymin = box.ymax = points[0].y;
	box.mmin = points[0].m;
	box.mmax = points[npoints - 1].m;
	for (i = 1; i < npoints; i++)
	{
		box.xmin = Min(box.xmin, points[i].x);
		box.xmax = Max(box.xmax, points[i].x);
		box.ymin = Min(box.ymin, points[i].y);
		box.ymax = Max(box.ymax, points[i].y);
	}

	result = palloc(size);
	SET_VARSIZE(result, size);
	gser_write_linestring_m_header((uint8_t *) VARDATA(result), srid, npoints, &box);
	memcpy(VARDATA(result) + header, points, (size_t) npoints * sizeof(TrackPoint));
	return PointerGetDatum(result);
}
