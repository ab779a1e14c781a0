/*-------------------------------------------------------------------------
 *
 * track_agg.c
 *	  maritime.track_agg(geom, ts): build a LINESTRING M track from
 *	  position rows given in any order.
 *
 * The state is a growing array of (t, x, y) fixes in the aggregate memory
 * context.  The final function sorts by (t, x, y) and keeps the first fix
 * of each timestamp, so the smallest x, then y, wins whatever the row
 * order, in parallel plans too.  Workers sort their part before sending
 * it, and the combine function merges sorted parts in linear time.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "geometry.h"
#include "srid.h"
#include "track.h"

typedef struct TrackFix
{
	TimestampTz t;
	double		x;
	double		y;
} TrackFix;

typedef struct TrackAggState
{
	int32		srid;
	bool		geographic;		/* lon/lat SRID: coordinates are range-checked */
	bool		sorted;			/* fixes sorted by (t, x, y), one per t */
	int64		nfixes;
	int64		capacity;
	TrackFix   *fixes;
} TrackAggState;

/* The most fixes whose track still fits in one value (1 GB) */
#define TRACK_MAX_FIXES \
	((int64) ((MaxAllocSize - VARHDRSZ - gser_linestring_m_header_size(3)) / \
			  (3 * sizeof(double))))

#define TRACK_INITIAL_CAPACITY 16

/* Serialized state: header, then nfixes TrackFix records */
typedef struct TrackAggWireHeader
{
	int32		srid;
	int32		geographic;
	int64		nfixes;
} TrackAggWireHeader;

static inline int
track_fix_cmp(const TrackFix *a, const TrackFix *b)
{
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	return 0;
}

#define ST_SORT sort_track_fixes
#define ST_ELEMENT_TYPE TrackFix
#define ST_COMPARE(a, b) track_fix_cmp(a, b)
#define ST_SCOPE static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

PG_FUNCTION_INFO_V1(track_agg_transfn);
PG_FUNCTION_INFO_V1(track_agg_finalfn);
PG_FUNCTION_INFO_V1(track_agg_combinefn);
PG_FUNCTION_INFO_V1(track_agg_serialfn);
PG_FUNCTION_INFO_V1(track_agg_deserialfn);

static MemoryContext
aggregate_context(FunctionCallInfo fcinfo, const char *caller)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", caller);
	return aggcontext;
}

static TrackAggState *
track_state_create(MemoryContext context, int32 srid, bool geographic,
				   int64 capacity)
{
	TrackAggState *state = MemoryContextAlloc(context, sizeof(TrackAggState));

	state->srid = srid;
	state->geographic = geographic;
	state->sorted = true;
	state->nfixes = 0;
	state->capacity = Max(capacity, TRACK_INITIAL_CAPACITY);
	state->fixes = MemoryContextAlloc(context,
									  state->capacity * sizeof(TrackFix));
	return state;
}

/* Sort by (t, x, y) and keep the first fix of each timestamp */
static void
track_state_normalize(TrackAggState *state)
{
	TrackFix   *fixes = state->fixes;
	int64		kept = 0;
	int64		i;

	if (state->sorted || state->nfixes == 0)
		return;
	sort_track_fixes(fixes, state->nfixes);
	for (i = 1; i < state->nfixes; i++)
	{
		if (fixes[i].t != fixes[kept].t)
			fixes[++kept] = fixes[i];
	}
	state->nfixes = kept + 1;
	state->sorted = true;
}

static void
report_track_too_large(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("track_agg result would exceed the maximum size of a geometry value"),
			 errdetail("A track can hold at most " INT64_FORMAT " fixes with distinct timestamps.",
					   TRACK_MAX_FIXES),
			 errhint("Build one track per shorter period, for example by grouping by day or month too.")));
}

/*
 * Make room for "extra" more fixes.  At the size limit, duplicates are
 * dropped first, so the error is raised only when the result itself would
 * be too large.  The array never outgrows MaxAllocSize.
 */
static void
track_state_reserve(TrackAggState *state, int64 extra)
{
	int64		needed = state->nfixes + extra;
	int64		capacity;

	if (needed <= state->capacity)
		return;
	if (needed > TRACK_MAX_FIXES)
	{
		track_state_normalize(state);
		needed = state->nfixes + extra;
		if (needed > TRACK_MAX_FIXES)
			report_track_too_large();
		if (needed <= state->capacity)
			return;
	}
	capacity = Min(Max(state->capacity * 2, needed), TRACK_MAX_FIXES);
	state->fixes = repalloc(state->fixes, capacity * sizeof(TrackFix));
	state->capacity = capacity;
}

static void
track_state_add(TrackAggState *state, const TrackFix *fix)
{
	if (state->nfixes == state->capacity)
		track_state_reserve(state, 1);
	if (state->sorted && state->nfixes > 0 &&
		track_fix_cmp(&state->fixes[state->nfixes - 1], fix) >= 0)
		state->sorted = false;
	state->fixes[state->nfixes++] = *fix;
}

static void
check_same_srid(int32 srid, int32 state_srid)
{
	if (srid != state_srid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("geom has SRID %d, but earlier rows have SRID %d",
						srid, state_srid),
				 errhint("Give all positions of a track one SRID, for example with ST_Transform(geom, %d).",
						 state_srid)));
}

/*
 * track_agg_transfn(state internal, geom geometry, ts timestamptz)
 */
Datum
track_agg_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "track_agg_transfn");
	TrackAggState *state = PG_ARGISNULL(0) ? NULL :
		(TrackAggState *) PG_GETARG_POINTER(0);
	GserGeom	geom;
	TrackFix	fix;
	double		m;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		goto skip;

	geom_read_datum(PG_GETARG_DATUM(1), "geom", &geom);
	if (geom.type != GSER_POINTTYPE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("geom must be a POINT, not a %s", gser_type_name(geom.type)),
				 errhint("track_agg takes one position per row; ST_DumpPoints splits other geometries into points.")));
	if (geom.npoints == 0)
		goto skip;				/* POINT EMPTY */

	fix.t = PG_GETARG_TIMESTAMPTZ(2);
	if (TIMESTAMP_NOT_FINITE(fix.t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("ts must be a finite timestamp, not %s",
						TIMESTAMP_IS_NOBEGIN(fix.t) ? "-infinity" : "infinity")));

	gser_vertex(&geom, 0, &fix.x, &fix.y, &m);
	if (!isfinite(fix.x) || !isfinite(fix.y))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("geom has a non-finite coordinate"),
				 errdetail("The position is POINT(%g %g).", fix.x, fix.y)));
	/* -0.0 and 0.0 compare equal; store one of them so ties stay exact */
	fix.x += 0.0;
	fix.y += 0.0;

	if (state == NULL)
		state = track_state_create(aggcontext, geom.srid,
								   srid_is_geographic(geom.srid), 0);
	else
		check_same_srid(geom.srid, state->srid);

	if (state->geographic &&
		(fix.x < -180.0 || fix.x > 180.0 || fix.y < -90.0 || fix.y > 90.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("geom is outside the longitude/latitude range of geographic SRID %d",
						state->srid),
				 errdetail("The position is POINT(%.15g %.15g); longitude must be within [-180, 180] and latitude within [-90, 90].",
						   fix.x, fix.y),
				 errhint("ST_MakePoint takes longitude first, then latitude.")));

	track_state_add(state, &fix);
	PG_RETURN_POINTER(state);

skip:
	if (state == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

/*
 * track_agg_finalfn(state internal) returns geometry
 *
 * Normalizing the state in place keeps its meaning (the same set of fixes),
 * so calling the final function again, as window aggregation may, is safe.
 */
Datum
track_agg_finalfn(PG_FUNCTION_ARGS)
{
	TrackAggState *state;
	GserBoxM	box;
	bytea	   *result;
	uint8_t    *out;
	size_t		size;
	int64		i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (TrackAggState *) PG_GETARG_POINTER(0);
	if (state->nfixes == 0)
		PG_RETURN_NULL();

	track_state_normalize(state);

	box.xmin = box.xmax = state->fixes[0].x;
	box.ymin = box.ymax = state->fixes[0].y;
	for (i = 1; i < state->nfixes; i++)
	{
		const TrackFix *fix = &state->fixes[i];

		box.xmin = Min(box.xmin, fix->x);
		box.xmax = Max(box.xmax, fix->x);
		box.ymin = Min(box.ymin, fix->y);
		box.ymax = Max(box.ymax, fix->y);
	}
	box.mmin = track_timestamp_to_seconds(state->fixes[0].t);
	box.mmax = track_timestamp_to_seconds(state->fixes[state->nfixes - 1].t);

	size = VARHDRSZ + gser_linestring_m_size((uint32) state->nfixes);
	result = palloc(size);
	SET_VARSIZE(result, size);
	out = (uint8_t *) VARDATA(result);
	out += gser_write_linestring_m_header(out, state->srid,
										  (uint32) state->nfixes, &box);
	for (i = 0; i < state->nfixes; i++)
	{
		const TrackFix *fix = &state->fixes[i];
		double		xym[3];

		/* M is extract(epoch from ts) */
		xym[0] = fix->x;
		xym[1] = fix->y;
		xym[2] = track_timestamp_to_seconds(fix->t);
		memcpy(out, xym, sizeof(xym));
		out += sizeof(xym);
	}
	PG_RETURN_POINTER(result);
}

/* Merge two sorted, deduplicated fix arrays into "into" (in aggcontext) */
static void
track_state_merge_sorted(MemoryContext aggcontext, TrackAggState *into,
						 const TrackAggState *from)
{
	int64		total = into->nfixes + from->nfixes;
	TrackFix   *merged;
	int64		a = 0,
				b = 0,
				n = 0;

	if (total > TRACK_MAX_FIXES)
		total = TRACK_MAX_FIXES + 1;	/* duplicates may still bring it down */
	merged = MemoryContextAlloc(aggcontext,
								Max(total, TRACK_INITIAL_CAPACITY) * sizeof(TrackFix));
	while (a < into->nfixes || b < from->nfixes)
	{
		const TrackFix *next;

		if (b >= from->nfixes ||
			(a < into->nfixes && track_fix_cmp(&into->fixes[a], &from->fixes[b]) <= 0))
			next = &into->fixes[a++];
		else
			next = &from->fixes[b++];
		if (n > 0 && merged[n - 1].t == next->t)
			continue;			/* the earlier one has the smaller (x, y) */
		if (n == TRACK_MAX_FIXES)
			report_track_too_large();
		merged[n++] = *next;
		if ((n & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	pfree(into->fixes);
	into->fixes = merged;
	into->nfixes = n;
	into->capacity = Max(total, TRACK_INITIAL_CAPACITY);
}

/*
 * track_agg_combinefn(state1 internal, state2 internal) returns internal
 */
Datum
track_agg_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "track_agg_combinefn");
	TrackAggState *state1 = PG_ARGISNULL(0) ? NULL :
		(TrackAggState *) PG_GETARG_POINTER(0);
	TrackAggState *state2 = PG_ARGISNULL(1) ? NULL :
		(TrackAggState *) PG_GETARG_POINTER(1);
	int64		i;

	if (state2 == NULL || state2->nfixes == 0)
	{
		if (state1 == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state1);
	}
	if (state1 == NULL)
	{
		/* state2 may live in a short-lived context: copy it */
		state1 = track_state_create(aggcontext, state2->srid,
									state2->geographic, state2->nfixes);
		memcpy(state1->fixes, state2->fixes, state2->nfixes * sizeof(TrackFix));
		state1->nfixes = state2->nfixes;
		state1->sorted = state2->sorted;
		PG_RETURN_POINTER(state1);
	}

	check_same_srid(state2->srid, state1->srid);
	if (state1->sorted && state2->sorted)
		track_state_merge_sorted(aggcontext, state1, state2);
	else if (state1->nfixes + state2->nfixes <= TRACK_MAX_FIXES)
	{
		track_state_reserve(state1, state2->nfixes);
		memcpy(state1->fixes + state1->nfixes, state2->fixes,
			   state2->nfixes * sizeof(TrackFix));
		state1->nfixes += state2->nfixes;
		state1->sorted = false;
	}
	else
	{
		/* near the size limit: one at a time, so duplicates can make room */
		for (i = 0; i < state2->nfixes; i++)
			track_state_add(state1, &state2->fixes[i]);
	}
	PG_RETURN_POINTER(state1);
}

/*
 * track_agg_serialfn(state internal) returns bytea
 *
 * Workers sort before sending, so the sorting is done in parallel and the
 * leader only merges.
 */
Datum
track_agg_serialfn(PG_FUNCTION_ARGS)
{
	TrackAggState *state = (TrackAggState *) PG_GETARG_POINTER(0);
	TrackAggWireHeader header;
	bytea	   *result;
	size_t		size;

	track_state_normalize(state);
	header.srid = state->srid;
	header.geographic = state->geographic ? 1 : 0;
	header.nfixes = state->nfixes;

	size = VARHDRSZ + sizeof(header) + state->nfixes * sizeof(TrackFix);
	result = palloc(size);
	SET_VARSIZE(result, size);
	memcpy(VARDATA(result), &header, sizeof(header));
	memcpy(VARDATA(result) + sizeof(header), state->fixes,
		   state->nfixes * sizeof(TrackFix));
	PG_RETURN_BYTEA_P(result);
}

/*
 * track_agg_deserialfn(bytes bytea, internal) returns internal
 */
Datum
track_agg_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	size_t		size = VARSIZE_ANY_EXHDR(bytes);
	TrackAggWireHeader header;
	TrackAggState *state;
	int64		i;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "track_agg_deserialfn called in non-aggregate context");
	if (size < sizeof(header))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid track_agg state: too short")));
	memcpy(&header, VARDATA_ANY(bytes), sizeof(header));
	if (header.nfixes < 0 || header.nfixes > TRACK_MAX_FIXES ||
		size != sizeof(header) + header.nfixes * sizeof(TrackFix))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid track_agg state: length does not match its fix count")));

	state = track_state_create(CurrentMemoryContext, header.srid,
							   header.geographic != 0, header.nfixes);
	memcpy(state->fixes, VARDATA_ANY(bytes) + sizeof(header),
		   header.nfixes * sizeof(TrackFix));
	state->nfixes = header.nfixes;
	/* trust nothing: the merge relies on order, so check it */
	for (i = 1; i < state->nfixes && state->sorted; i++)
		if (track_fix_cmp(&state->fixes[i - 1], &state->fixes[i]) >= 0)
			state->sorted = false;
	PG_RETURN_POINTER(state);
}
