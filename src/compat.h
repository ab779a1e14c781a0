/*-------------------------------------------------------------------------
 *
 * compat.h
 *	  What differs between the PostgreSQL versions maritime builds on.
 *
 * Built and tested on PostgreSQL 15, 17 and 18.  Code for other versions
 * stays behind PG_VERSION_NUM here, so the analyses themselves need no #if.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_COMPAT_H
#define MARITIME_COMPAT_H

#include "funcapi.h"

#if PG_VERSION_NUM < 140000
#error "maritime needs PostgreSQL 14 or later (multiranges, lib/sort_template.h)"
#endif

/*
 * PostgreSQL 16 moved the varlena macros (VARDATA, VARSIZE_ANY_EXHDR,
 * SET_VARSIZE, ...) from postgres.h to varatt.h.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * PostgreSQL 18 replaced pg_attribute_noreturn(), written after the
 * declarator, by pg_noreturn, a function specifier written before the
 * declaration (C11 _Noreturn where available).  Before 18, GCC's
 * __attribute__((noreturn)) is accepted in that place too.
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

#if PG_VERSION_NUM < 150000
#include "miscadmin.h"
#include "utils/tuplestore.h"

/* PostgreSQL 15 added this; before, set-returning functions set up by hand */
static inline void
InitMaterializedSRF(FunctionCallInfo fcinfo, bits32 flags)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TupleDesc	tupdesc;
	MemoryContext old;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("materialize mode required, but it is not allowed in this context")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");

	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = tuplestore_begin_heap(true, false, work_mem);
	rsinfo->setDesc = CreateTupleDescCopy(tupdesc);
	MemoryContextSwitchTo(old);
}
#endif

#endif							/* MARITIME_COMPAT_H */
