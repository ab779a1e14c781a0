/*-------------------------------------------------------------------------
 *
 * srid.c
 *	  Is an SRID a longitude/latitude system?
 *
 * Distances are haversine metres for geographic SRIDs and planar units
 * otherwise, so every analysis asks this once per track.  The answer comes
 * from PostGIS's spatial_ref_sys (through SPI, so the caller's privileges
 * apply) and is cached for the life of the backend: SRID definitions do
 * not change their kind in practice.  SRID 0 and SRIDs missing from
 * spatial_ref_sys are planar.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"

#include "postgis.h"
#include "srid.h"

#define SRID_CACHE_SIZE 16

typedef struct SridCacheEntry
{
	int32		srid;
	bool		geographic;
} SridCacheEntry;

static SridCacheEntry srid_cache[SRID_CACHE_SIZE];
static int	srid_cache_used = 0;
static int	srid_cache_next = 0;	/* slot to overwrite when full */

/* WKT1 "GEOGCS[", WKT2 "GEOGCRS[" / "GEOGRAPHICCRS[", or proj4 longlat */
static bool
definition_is_geographic(const char *srtext, const char *proj4text)
{
	if (srtext != NULL)
	{
		while (*srtext == ' ' || *srtext == '\n' || *srtext == '\t')
			srtext++;
		if (pg_strncasecmp(srtext, "GEOGCS[", 7) == 0 ||
			pg_strncasecmp(srtext, "GEOGCRS[", 8) == 0 ||
			pg_strncasecmp(srtext, "GEOGRAPHICCRS[", 14) == 0)
			return true;
	}
	if (proj4text != NULL &&
		(strstr(proj4text, "+proj=longlat") != NULL ||
		 strstr(proj4text, "+proj=latlong") != NULL ||
		 strstr(proj4text, "+proj=lonlat") != NULL ||
		 strstr(proj4text, "+proj=latlon") != NULL))
		return true;
	return false;
}

static bool
lookup_srid_is_geographic(int32 srid)
{
	bool		geographic = false;
	Oid			argtypes[1] = {INT4OID};
	Datum		args[1];
	char	   *query;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/*
	 * The operator is qualified too: with pg_catalog named after a schema of
	 * look-alike operators in search_path, "=" could be someone else's.
	 */
	query = psprintf("SELECT srtext, proj4text FROM %s.spatial_ref_sys "
					 "WHERE srid OPERATOR(pg_catalog.=) $1", postgis_schema_quoted());
	args[0] = Int32GetDatum(srid);
	if (SPI_execute_with_args(query, 1, argtypes, args, NULL, true, 1) ==
		SPI_OK_SELECT && SPI_processed == 1)
	{
		HeapTuple	row = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;

		geographic = definition_is_geographic(SPI_getvalue(row, desc, 1),
											  SPI_getvalue(row, desc, 2));
	}
	SPI_finish();
	return geographic;
}

bool
srid_is_geographic(int32 srid)
{
	bool		geographic;
	int			i;

	if (srid <= 0)
		return false;
	for (i = 0; i < srid_cache_used; i++)
		if (srid_cache[i].srid == srid)
			return srid_cache[i].geographic;

	geographic = lookup_srid_is_geographic(srid);

	if (srid_cache_used < SRID_CACHE_SIZE)
		i = srid_cache_used++;
	else
	{
		i = srid_cache_next;
		srid_cache_next = (srid_cache_next + 1) % SRID_CACHE_SIZE;
	}
	srid_cache[i].srid = srid;
	srid_cache[i].geographic = geographic;
	return geographic;
}
