/*-------------------------------------------------------------------------
 *
 * postgis.c
 *	  What maritime asks of PostGIS through SQL: where it is installed,
 *	  whether an SRID is a longitude/latitude system, and exact spatial
 *	  predicates (GEOS) that are rare enough not to need our own code.
 *	  Calls and operators are schema-qualified, so a hostile search_path
 *	  (even one naming pg_catalog after a schema of look-alike operators)
 *	  cannot put anything in their way.
 *
 * Distances are haversine metres for geographic SRIDs and planar units
 * otherwise, so every analysis asks about its track's SRID once.  The
 * answer comes from spatial_ref_sys (through SPI, so the caller's
 * privileges apply).  An SRID found there is cached for the life of the
 * backend: SRID definitions do not change their kind in practice.  SRID 0
 * and SRIDs missing from spatial_ref_sys are planar, and a missing one is
 * looked up again on its next use, so that an SRID added later is seen at
 * once.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "postgis.h"

static char *postgis_schema = NULL;
static SPIPlanPtr relate_plan = NULL;
static Oid	relate_plan_type = InvalidOid;

/*
 * The quoted name of PostGIS's schema, looked up once per backend.  Call
 * between SPI_connect and SPI_finish.
 */
const char *
maritime_postgis_schema_quoted(void)
{
	if (postgis_schema == NULL)
	{
		char	   *name;

		if (SPI_execute("SELECT n.nspname FROM pg_catalog.pg_extension e "
						"JOIN pg_catalog.pg_namespace n "
						"ON n.oid OPERATOR(pg_catalog.=) e.extnamespace "
						"WHERE e.extname OPERATOR(pg_catalog.=) 'postgis'",
						true, 1) != SPI_OK_SELECT ||
			SPI_processed != 1)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("extension \"postgis\" is not installed"),
					 errhint("maritime needs PostGIS: CREATE EXTENSION postgis.")));
		name = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
		postgis_schema = MemoryContextStrdup(TopMemoryContext,
											 quote_identifier(name));
	}
	return postgis_schema;
}

/* Do the interiors of a and b share a point?  DE-9IM pattern T******** */
bool
maritime_postgis_interiors_intersect(Datum a, Datum b, Oid geometry_type)
{
	Datum		args[2] = {a, b};
	bool		isnull;
	bool		result;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (relate_plan == NULL || relate_plan_type != geometry_type)
	{
		Oid			types[2] = {geometry_type, geometry_type};
		char	   *query = psprintf("SELECT %s.st_relate($1, $2, 'T********')",
									 maritime_postgis_schema_quoted());
		SPIPlanPtr	plan = SPI_prepare(query, 2, types);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "could not prepare %s", query);
		relate_plan = plan;
		relate_plan_type = geometry_type;
	}
	if (SPI_execute_plan(relate_plan, args, NULL, true, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "st_relate returned no row");
	result = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0],
										SPI_tuptable->tupdesc, 1, &isnull));
	SPI_finish();
	return !isnull && result;
}

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
lookup_srid_is_geographic(int32 srid, bool *found)
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
					 "WHERE srid OPERATOR(pg_catalog.=) $1", maritime_postgis_schema_quoted());
	args[0] = Int32GetDatum(srid);
	*found = SPI_execute_with_args(query, 1, argtypes, args, NULL, true, 1) ==
		SPI_OK_SELECT && SPI_processed == 1;
	if (*found)
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
maritime_srid_is_geographic(int32 srid)
{
	bool		geographic;
	bool		found;
	int			i;

	if (srid <= 0)
		return false;
	for (i = 0; i < srid_cache_used; i++)
		if (srid_cache[i].srid == srid)
			return srid_cache[i].geographic;

	geographic = lookup_srid_is_geographic(srid, &found);
	if (!found)
		return false;

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
