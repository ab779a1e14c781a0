/*-------------------------------------------------------------------------
 *
 * malformed.c
 *	  Test-only functions that move bytes between bytea and geometry
 *	  without looking at them, and that hand bytes to track_agg's
 *	  deserialize function as a parallel leader does.
 *
 * The regression test "malformed" uses them to hand maritime's decoder
 * damaged GSERIALIZED values.  PostGIS's own input functions and casts
 * never produce such values (geometry::bytea even converts to WKB), so
 * the only other way to reach the decoder with them would be a damaged
 * disk.  This module is built in the source tree and loaded from there by
 * the test; it is never installed, because a function that forges values
 * of another extension's type has no place in a real database.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;

static PGFunction track_agg_deserialfn = NULL;
static PGFunction track_agg_combinefn = NULL;

/*
 * raw_geometry(bytea) returns geometry
 *
 * The bytes after the varlena header become the GSERIALIZED bytes of the
 * result.  Both types are varlenas, so the Datum is returned untouched: a
 * short-header or toasted bytea arrives exactly as a stored geometry of
 * the same form would (unaligned, or still to be detoasted).
 */
PG_FUNCTION_INFO_V1(raw_geometry);

Datum
raw_geometry(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/*
 * raw_bytes(geometry) returns bytea
 *
 * The GSERIALIZED bytes of a geometry, to start forgeries from real values.
 */
PG_FUNCTION_INFO_V1(raw_bytes);

Datum
raw_bytes(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/*
 * combine_state(internal, bytea) returns internal
 *
 * The transition function of the test's aggregate over serialized
 * track_agg states: it hands each bytea to maritime's deserialize function
 * and the result to its combine function, as the leader of a parallel plan
 * does with the states its workers send, so that forged states meet the
 * same checks.  A SQL caller cannot reach the deserialize function itself,
 * which takes an internal argument.
 */
PG_FUNCTION_INFO_V1(combine_state);

Datum
combine_state(PG_FUNCTION_ARGS)
{
	LOCAL_FCINFO(call, 2);
	Datum		state2;
	Datum		result;

	if (track_agg_deserialfn == NULL)
	{
		track_agg_deserialfn = load_external_function("$libdir/maritime",
													  "maritime_track_agg_deserialfn",
													  true, NULL);
		track_agg_combinefn = load_external_function("$libdir/maritime",
													 "maritime_track_agg_combinefn",
													 true, NULL);
	}
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}

	InitFunctionCallInfoData(*call, fcinfo->flinfo, 2, InvalidOid, fcinfo->context, NULL);
	call->args[0].value = PG_GETARG_DATUM(1);
	call->args[0].isnull = false;
	call->args[1].value = (Datum) 0;
	call->args[1].isnull = false;
	state2 = track_agg_deserialfn(call);

	InitFunctionCallInfoData(*call, fcinfo->flinfo, 2, InvalidOid, fcinfo->context, NULL);
	call->args[0].value = PG_GETARG_DATUM(0);
	call->args[0].isnull = PG_ARGISNULL(0);
	call->args[1].value = state2;
	call->args[1].isnull = false;
	result = track_agg_combinefn(call);
	if (call->isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}
