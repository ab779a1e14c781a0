/*-------------------------------------------------------------------------
 *
 * geometry.c
 *	  Reading and writing PostGIS geometry Datums inside the server.
 *
 * Values are read in place: only compressed or out-of-line values are
 * detoasted, and short-header values (how small geometries sit on disk)
 * are read where they lie, so a per-row call costs no allocation.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "compat.h"
#include "fmgr.h"

#include "geometry.h"

/*
 * Report bytes the codec could not read.  PostGIS never produces them, so
 * they come from damaged storage or from a value forged with a binary cast.
 */
void
maritime_geom_report_malformed(const char *argname, GserStatus status)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("%s is not a valid geometry value", argname),
			 errdetail("The value cannot be read because %s.",
					   maritime_gser_status_message(status))));
}

/*
 * Parse a geometry argument.
 */
void
maritime_geom_read_datum(Datum datum, const char *argname, GserGeom *geom)
{
	struct varlena *value = PG_DETOAST_DATUM_PACKED(datum);
	GserStatus	status;

	status = maritime_gser_read((const uint8_t *) VARDATA_ANY(value),
					   VARSIZE_ANY_EXHDR(value), geom);
	if (status != GSER_OK)
		maritime_geom_report_malformed(argname, status);
	if (geom->geodetic)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a geometry, not a geography", argname),
				 errhint("Cast it with ::geometry.")));
}

/* A new POINT (XY) geometry in the current memory context */
Datum
maritime_geom_point_datum(int32 srid, double x, double y)
{
	bytea	   *result = palloc(VARHDRSZ + GSER_POINT_SIZE);

	SET_VARSIZE(result, VARHDRSZ + GSER_POINT_SIZE);
	maritime_gser_write_point((uint8_t *) VARDATA(result), srid, x, y);
	return PointerGetDatum(result);
}

/* An area or other geometry argument must have the track's SRID */
void
maritime_arg_same_srid(int32 srid, const char *name, int32 track_srid)
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

/*
 * A distance argument, in metres for geographic SRIDs and CRS units
 * otherwise: finite, and positive (or zero, where zero_allowed).
 */
double
maritime_arg_distance(double distance, const char *name, bool zero_allowed)
{
	if (!isfinite(distance) || distance < 0 || (distance == 0 && !zero_allowed))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 zero_allowed ?
				 errmsg("%s must be a finite number, zero or positive", name) :
				 errmsg("%s must be a finite positive number", name),
				 errhint("It is in metres for geographic SRIDs, in CRS units otherwise.")));
	return distance;
}

/*
 * Whether the function at this call site is yet to give its notice about
 * units in this query, which it then does: once, not once a row, so that
 * a query over a fleet is not buried under them.  The flag is the
 * function's fn_extra, which nothing else of maritime uses.
 */
bool
maritime_first_notice(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra != NULL)
		return false;
	fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, 1);
	return true;
}

/*
 * A distance under a metre in lon/lat is most likely kilometres or degrees
 * given for metres: say which unit it is taken in.
 */
void
maritime_notice_distance_units(FunctionCallInfo fcinfo, double distance,
							   const char *name, int32 srid, bool geographic)
{
	if (geographic && distance < 1 && maritime_first_notice(fcinfo))
		ereport(NOTICE,
				(errmsg("%s is %g metres", name, distance),
				 errdetail("SRID %d is longitude and latitude: distances are in metres.", srid)));
}
