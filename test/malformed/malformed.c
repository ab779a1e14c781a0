/*-------------------------------------------------------------------------
 *
 * malformed.c
 *	  Test-only functions that move bytes between bytea and geometry
 *	  without looking at them.
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
