/*-------------------------------------------------------------------------
 *
 * postgis.c
 *	  What maritime asks of PostGIS through SQL: where it is installed, and
 *	  exact spatial predicates (GEOS) that are rare enough not to need our
 *	  own code.  Calls and operators are schema-qualified, so a hostile
 *	  search_path (even one naming pg_catalog after a schema of look-alike
 *	  operators) cannot put anything in their way.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

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
postgis_schema_quoted(void)
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
postgis_interiors_intersect(Datum a, Datum b, Oid geometry_type)
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
									 postgis_schema_quoted());
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
