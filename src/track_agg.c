/*-------------------------------------------------------------------------
 *
 * track_agg.c
 *	  maritime.track_agg(geom, ts): build a LINESTRING M track from
 *	  position rows given in any order.
 *
 * The state keeps (t, x, y) fixes in runs, each a chain of chunks in the
 * aggregate memory context.  Rows are added to one run; the combine
 * function adds the runs that parallel workers sent, sorted.  A run knows
 * whether it is in time order with one fix per timestamp (feeds read in
 * time order are), and then needs no sort.  Unsorted fixes are sorted by
 * time with an in-place radix sort.
 *
 * Memory: the final function builds the result in its own memory context,
 * growing it while the chunks already copied into it are freed, so the
 * peak is about one result (24 bytes a fix) and a chunk, not a whole state
 * and a whole result.  Unsorted fixes are sorted inside the result, then
 * turned from (t, x, y) into (x, y, m) in place.  The state is handed over
 * this way only where PostgreSQL finalizes it once (plain and sorted
 * aggregation); window and hashed aggregation, which may finalize it
 * again, get a copy instead (see state_may_be_consumed).
 *
 * Parallel plans: a worker's state travels to the leader serialized, and a
 * plan with a Sort above the partial aggregate keeps every state of a
 * process in that Sort.  So the serialized fixes are compact: sorted by
 * time, each timestamp's difference from the previous difference and each
 * coordinate's difference from the previous one (as the bits of a double),
 * in as few bytes as they need (see encode_fix): 12 to 16 bytes a fix on
 * the benchmark's tracks, against the 24 it takes in memory.  The leader
 * keeps them so (a run of encoded fixes) and decodes them once, while it
 * merges the runs into the track, with every length and value checked,
 * since the bytes come from another process.
 *
 * Same timestamps: the fix with the smallest x, then y, is kept, whatever
 * the row order, so serial and parallel plans give the same track.
 *
 * Skipped rows: NULL geom or ts, empty points and, in lon/lat SRIDs, AIS's
 * "not available" position (longitude 181 or latitude 91), which raw feeds
 * carry; every other position outside the lon/lat range is an error.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/binaryheap.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "port/pg_bitutils.h"
#include "port/pg_bswap.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "geometry.h"
#include "postgis.h"
#include "track.h"

typedef struct TrackFix
{
	TimestampTz t;
	double		x;
	double		y;
} TrackFix;

typedef struct FixChunk
{
	struct FixChunk *next;
	int64		nfixes;
	int64		capacity;
	TrackFix	fixes[FLEXIBLE_ARRAY_MEMBER];
} FixChunk;

typedef struct FixRun
{
	FixChunk   *head;
	FixChunk   *tail;
	int64		nfixes;
	bool		sorted;			/* strictly increasing t */

	/*
	 * Or the fixes as another process serialized them (no chunks), checked
	 * as they are decoded
	 */
	uint8	   *encoded;
	const uint8 *encoded_end;
} FixRun;

typedef struct TrackAggState
{
	int32		srid;
	bool		geographic;		/* lon/lat SRID: coordinates are range-checked */
	bool		consumed;		/* handed over to a result: no longer usable */
	int64		nfixes;			/* in all runs, duplicate timestamps included */
	int			nruns;
	int			maxruns;
	FixRun	   *runs;
	MemoryContext context;		/* where the runs and chunks live */

	/* A deserialized state only points at its encoded fixes, unchecked */
	const uint8 *wire_fixes;
	const uint8 *wire_end;
} TrackAggState;

/* A growing array of fixes after "prefix" bytes kept for a header */
typedef struct FixBuffer
{
	MemoryContext context;
	char	   *data;
	size_t		prefix;
	int64		nfixes;
	int64		capacity;
	int64		expected;		/* grow to no more than this when possible */
} FixBuffer;

/* What AIS position reports carry when the position is not available */
#define AIS_LONGITUDE_NOT_AVAILABLE 181.0
#define AIS_LATITUDE_NOT_AVAILABLE 91.0

/* The most fixes whose track still fits in one value (1 GB) */
#define TRACK_MAX_FIXES \
	((int64) ((MaxAllocSize - VARHDRSZ - maritime_gser_linestring_m_header_size(3)) / \
			  (3 * sizeof(double))))

/* Chunks start small (many short tracks) and double up to 1.5 MB */
#define CHUNK_FIRST_FIXES 16
#define CHUNK_MAX_FIXES 65536

/*
 * Serialized state: varlena header, a format byte, a flags byte, two zero
 * bytes, the SRID, the fix count, then the fixes, encoded (encode_fix).
 */
#define WIRE_FORMAT 2
#define WIRE_FLAG_GEOGRAPHIC 0x01
#define WIRE_FORMAT_OFFSET 4
#define WIRE_FLAGS_OFFSET 5
#define WIRE_SRID_OFFSET 8
#define WIRE_NFIXES_OFFSET 12
#define WIRE_PREFIX 20

/* An encoded fix takes 3 to 25 bytes: a control byte, then 0-8, 1-8, 1-8 */
#define WIRE_MIN_FIX_SIZE 3
#define WIRE_MAX_FIX_SIZE 25

/* Buckets below this size are insertion-sorted (sort_fixes) */
#define RADIX_SMALL 32

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

/* Insertion sort by (t, x, y), for small buckets */
static void
insertion_sort_fixes(TrackFix *fixes, int64 n)
{
	for (int64 i = 1; i < n; i++)
	{
		TrackFix	fix = fixes[i];
		int64		j = i;

		while (j > 0 && track_fix_cmp(&fix, &fixes[j - 1]) < 0)
		{
			fixes[j] = fixes[j - 1];
			j--;
		}
		fixes[j] = fix;
	}
}

/* The 8-bit digit of a fix's time offset from base at bit shift */
static inline int
time_digit(const TrackFix *fix, TimestampTz base, int shift)
{
	return (int) ((((uint64) fix->t - (uint64) base) >> shift) & 0xFF);
}

/*
 * Sort by time offset from base, most significant digit first, in place
 * (American flag sort): count each digit's fixes, move every fix into its
 * digit's range by following cycles, then sort each range on the next
 * digit.  At the last digit a range holds one timestamp; its fixes (rare
 * repeats) are ordered by (x, y) with the comparison sort, which also
 * stays O(n log n) should many fixes share a timestamp.
 */
static void
radix_sort_fixes(TrackFix *fixes, int64 n, TimestampTz base, int shift)
{
	int64		start[257];
	int64		next[256];
	int			used = 0;
	int			d;

	CHECK_FOR_INTERRUPTS();
	memset(start, 0, sizeof(start));
	for (int64 i = 0; i < n; i++)
		start[time_digit(&fixes[i], base, shift) + 1]++;
	for (d = 0; d < 256; d++)
	{
		used += start[d + 1] > 0;
		start[d + 1] += start[d];
		next[d] = start[d];
	}

	/* all in one range: nothing moves at this digit */
	if (used > 1)
	{
		for (d = 0; d < 256; d++)
		{
			while (next[d] < start[d + 1])
			{
				TrackFix	fix = fixes[next[d]];
				int			home = time_digit(&fix, base, shift);

				while (home != d)
				{
					TrackFix	displaced = fixes[next[home]];

					fixes[next[home]++] = fix;
					fix = displaced;
					home = time_digit(&fix, base, shift);
				}
				fixes[next[d]++] = fix;
			}
		}
	}

	for (d = 0; d < 256; d++)
	{
		int64		count = start[d + 1] - start[d];

		if (count < 2)
			continue;
		if (shift == 0)
			sort_track_fixes(&fixes[start[d]], count);
		else if (count < RADIX_SMALL)
			insertion_sort_fixes(&fixes[start[d]], count);
		else
			radix_sort_fixes(&fixes[start[d]], count, base, Max(shift - 8, 0));
	}
}

/*
 * Sort fixes by (t, x, y): a radix sort on time, which is several times
 * faster than comparisons on the shuffled positions of a bulk load
 */
static void
sort_fixes(TrackFix *fixes, int64 n)
{
	TimestampTz tmin;
	TimestampTz tmax;
	uint64		range;
	int			bits;

	if (n < RADIX_SMALL)
	{
		insertion_sort_fixes(fixes, n);
		return;
	}
	tmin = tmax = fixes[0].t;
	for (int64 i = 1; i < n; i++)
	{
		tmin = Min(tmin, fixes[i].t);
		tmax = Max(tmax, fixes[i].t);
	}
	range = (uint64) tmax - (uint64) tmin;
	if (range == 0)
	{
		sort_track_fixes(fixes, n);
		return;
	}
	bits = pg_leftmost_one_pos64(range) + 1;
	radix_sort_fixes(fixes, n, tmin, Max(bits - 8, 0));
}

/*
 * A fix on the wire: a control byte, then three little-endian numbers in
 * as few bytes as they need: the zigzag-encoded change of the time step
 * from the previous step (0, 2, 4 or 8 bytes: bits 0-1 of the control
 * byte), and the zigzag-encoded difference of x's bits from the previous
 * x's, then of y's (1 to 8 bytes each: bits 2-4 and 5-7 hold the length
 * less one).  A feed at a steady rate spends no bytes on time; a
 * coordinate, as many bytes as its change from the previous fix spans
 * bits of the double.  The first fix is coded against zeros.
 */
typedef struct WireCoder
{
	uint64		t;				/* the previous fix's time, */
	uint64		step;			/* time step, */
	uint64		x;				/* and coordinates' bits */
	uint64		y;
} WireCoder;

static const uint8 wire_time_bytes[4] = {0, 2, 4, 8};

static const uint64 wire_mask[9] = {
	UINT64CONST(0), UINT64CONST(0xFF), UINT64CONST(0xFFFF),
	UINT64CONST(0xFFFFFF), UINT64CONST(0xFFFFFFFF), UINT64CONST(0xFFFFFFFFFF),
	UINT64CONST(0xFFFFFFFFFFFF), UINT64CONST(0xFFFFFFFFFFFFFF),
	~UINT64CONST(0)
};

#define DOUBLE_EXPONENT_BITS UINT64CONST(0x7FF0000000000000)

static inline uint64
zigzag(uint64 v)
{
	return (v << 1) ^ (UINT64CONST(0) - (v >> 63));
}

static inline uint64
unzigzag(uint64 u)
{
	return (u >> 1) ^ (UINT64CONST(0) - (u & 1));
}

/* Bytes (1 to 8) that hold u */
static inline int
wire_length(uint64 u)
{
	return u == 0 ? 1 : pg_leftmost_one_pos64(u) / 8 + 1;
}

static inline int
wire_fix_size(uint8 control)
{
	return 1 + wire_time_bytes[control & 3] + ((control >> 2) & 7) + 1 + (control >> 5) + 1;
}

/* Eight bytes, little-endian, at p: the caller has room past the value */
static inline void
store_le64(uint8 *p, uint64 v)
{
#ifdef WORDS_BIGENDIAN
	v = pg_bswap64(v);
#endif
	memcpy(p, &v, sizeof(v));
}

static inline uint64
load_le64(const uint8 *p)
{
	uint64		v;

	memcpy(&v, p, sizeof(v));
#ifdef WORDS_BIGENDIAN
	v = pg_bswap64(v);
#endif
	return v;
}

/* Encode one fix at out, which has WIRE_MAX_FIX_SIZE + 8 bytes of room */
static inline uint8 *
encode_fix(WireCoder *coder, uint8 *out, const TrackFix *fix)
{
	uint64		t = (uint64) fix->t;
	uint64		step = t - coder->t;
	uint64		dt = zigzag(step - coder->step);
	uint64		xbits;
	uint64		ybits;
	uint64		dx;
	uint64		dy;
	int			tcode;
	int			xlen;
	int			ylen;
	uint8	   *p = out + 1;

	memcpy(&xbits, &fix->x, sizeof(double));
	memcpy(&ybits, &fix->y, sizeof(double));
	dx = zigzag(xbits - coder->x);
	dy = zigzag(ybits - coder->y);
	tcode = dt == 0 ? 0 : dt <= PG_UINT16_MAX ? 1 : dt <= PG_UINT32_MAX ? 2 : 3;
	xlen = wire_length(dx);
	ylen = wire_length(dy);
	out[0] = (uint8) (tcode | ((xlen - 1) << 2) | ((ylen - 1) << 5));
	store_le64(p, dt);
	p += wire_time_bytes[tcode];
	store_le64(p, dx);
	p += xlen;
	store_le64(p, dy);
	p += ylen;
	coder->t = t;
	coder->step = step;
	coder->x = xbits;
	coder->y = ybits;
	return p;
}

/*
 * Decode one fix at in, where WIRE_MAX_FIX_SIZE bytes can be read whatever
 * the fix's own length
 */
static inline const uint8 *
decode_fix(WireCoder *coder, const uint8 *in, TrackFix *fix)
{
	uint8		control = in[0];
	int			tlen = wire_time_bytes[control & 3];
	int			xlen = ((control >> 2) & 7) + 1;
	int			ylen = (control >> 5) + 1;
	const uint8 *p = in + 1;
	uint64		dt;
	uint64		dx;
	uint64		dy;

	dt = load_le64(p) & wire_mask[tlen];
	p += tlen;
	dx = load_le64(p) & wire_mask[xlen];
	p += xlen;
	dy = load_le64(p) & wire_mask[ylen];
	p += ylen;
	coder->step += unzigzag(dt);
	coder->t += coder->step;
	coder->x += unzigzag(dx);
	coder->y += unzigzag(dy);
	fix->t = (TimestampTz) coder->t;
	memcpy(&fix->x, &coder->x, sizeof(double));
	memcpy(&fix->y, &coder->y, sizeof(double));
	return p;
}

pg_noreturn static void
report_invalid_state(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid track_agg state: %s", what)));
}

/* Decode a fix within the last WIRE_MAX_FIX_SIZE bytes, bounds checked */
static const uint8 *
decode_last_fix(WireCoder *coder, const uint8 *in, const uint8 *end, TrackFix *fix)
{
	uint8		padded[WIRE_MAX_FIX_SIZE];
	size_t		left = end - in;

	if (left == 0 || (size_t) wire_fix_size(in[0]) > left)
		report_invalid_state("its fixes run past its end");
	memset(padded, 0, sizeof(padded));
	memcpy(padded, in, left);
	decode_fix(coder, padded, fix);
	return in + wire_fix_size(in[0]);
}

/* Reads an encoded run, checking each fix as it comes */
typedef struct WireReader
{
	WireCoder	coder;
	const uint8 *in;
	const uint8 *end;
	int64		left;			/* fixes not read yet */
	TimestampTz previous;		/* the time of the last fix read */
} WireReader;

static void
wire_reader_init(WireReader *reader, const FixRun *run)
{
	memset(&reader->coder, 0, sizeof(WireCoder));
	reader->in = run->encoded;
	reader->end = run->encoded_end;
	reader->left = run->nfixes;
	reader->previous = MIN_TIMESTAMP - 1;
}

/*
 * Decode up to max fixes to out; returns how many.  They must be as
 * serialization writes them: each later than the last, at valid times,
 * with finite coordinates.  The coder works on local copies, which the
 * compiler keeps in registers.
 */
static int64
wire_read_fixes(WireReader *reader, TrackFix *out, int64 max)
{
	WireCoder	coder = reader->coder;
	const uint8 *in = reader->in;
	const uint8 *end = reader->end;
	TimestampTz previous = reader->previous;
	int64		n = Min(max, reader->left);
	bool		ok = true;

	for (int64 i = 0; i < n; i++)
	{
		if (likely(end - in >= WIRE_MAX_FIX_SIZE))
			in = decode_fix(&coder, in, &out[i]);
		else
			in = decode_last_fix(&coder, in, end, &out[i]);
		ok &= (out[i].t > previous) &
			((coder.x & DOUBLE_EXPONENT_BITS) != DOUBLE_EXPONENT_BITS) &
			((coder.y & DOUBLE_EXPONENT_BITS) != DOUBLE_EXPONENT_BITS);
		previous = out[i].t;
	}
	/* in time order, the last is the latest */
	if (!ok || previous >= END_TIMESTAMP)
		report_invalid_state("its fixes are not in time order, or not valid");
	reader->coder = coder;
	reader->in = in;
	reader->previous = previous;
	reader->left -= n;
	CHECK_FOR_INTERRUPTS();
	return n;
}

/* After the last fix: no byte may be left */
static void
wire_reader_finish(const WireReader *reader)
{
	if (reader->in != reader->end)
		report_invalid_state("bytes follow its last fix");
}

static MemoryContext
aggregate_context(FunctionCallInfo fcinfo, const char *caller)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", caller);
	return aggcontext;
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

static void
check_usable(const TrackAggState *state)
{
	if (state->consumed)
		elog(ERROR, "track_agg state used after it was finalized");
}

static TrackAggState *
track_state_create(MemoryContext context, int32 srid, bool geographic)
{
	TrackAggState *state = MemoryContextAllocZero(context, sizeof(TrackAggState));

	state->srid = srid;
	state->geographic = geographic;
	state->context = context;
	return state;
}

static FixRun *
track_state_new_run(TrackAggState *state)
{
	FixRun	   *run;

	if (state->nruns == state->maxruns)
	{
		int			maxruns = Max(4, state->maxruns * 2);

		if (state->runs == NULL)
			state->runs = MemoryContextAlloc(state->context,
											 maxruns * sizeof(FixRun));
		else
			state->runs = repalloc(state->runs, maxruns * sizeof(FixRun));
		state->maxruns = maxruns;
	}
	run = &state->runs[state->nruns++];
	run->head = run->tail = NULL;
	run->nfixes = 0;
	run->sorted = true;
	run->encoded = NULL;
	run->encoded_end = NULL;
	return run;
}

/* Room for at least one more fix at the end of the run */
static FixChunk *
run_tail_with_room(TrackAggState *state, FixRun *run, int64 wanted)
{
	FixChunk   *chunk = run->tail;
	int64		capacity;

	if (chunk != NULL && chunk->nfixes < chunk->capacity)
		return chunk;
	capacity = chunk == NULL ? CHUNK_FIRST_FIXES :
		Min(chunk->capacity * 2, CHUNK_MAX_FIXES);
	capacity = Max(capacity, Min(wanted, CHUNK_MAX_FIXES));
	chunk = MemoryContextAlloc(state->context,
							   offsetof(FixChunk, fixes) + capacity * sizeof(TrackFix));
	chunk->next = NULL;
	chunk->nfixes = 0;
	chunk->capacity = capacity;
	if (run->tail == NULL)
		run->head = chunk;
	else
		run->tail->next = chunk;
	run->tail = chunk;
	return chunk;
}

static void
buffer_init(FixBuffer *buf, MemoryContext context, size_t prefix,
			int64 expected)
{
	buf->context = context;
	buf->data = NULL;
	buf->prefix = prefix;
	buf->nfixes = 0;
	buf->capacity = 0;
	buf->expected = expected;
}

static inline TrackFix *
buffer_fixes(const FixBuffer *buf)
{
	return (TrackFix *) (buf->data + buf->prefix);
}

/*
 * Make room for "needed" fixes in all.  The buffer grows by an eighth or a
 * chunk, whichever is more, but not past the expected total: a few
 * reallocations, and little unused room while the state is being freed.
 * Huge allocations, since a state with duplicates may hold more fixes than
 * its track will.
 */
static void
buffer_grow(FixBuffer *buf, int64 needed)
{
	int64		capacity;
	size_t		size;

	capacity = Max(buf->capacity + buf->capacity / 8,
				   buf->capacity + CHUNK_MAX_FIXES);
	if (needed <= buf->expected)
		capacity = Min(capacity, buf->expected);
	capacity = Max(capacity, needed);
	size = buf->prefix + (size_t) capacity * sizeof(TrackFix);
	if (buf->data == NULL)
		buf->data = MemoryContextAllocHuge(buf->context, size);
	else
		buf->data = repalloc_huge(buf->data, size);
	buf->capacity = capacity;
}

/* Make room for "extra" more fixes */
static inline void
buffer_reserve(FixBuffer *buf, int64 extra)
{
	if (buf->nfixes + extra > buf->capacity)
		buffer_grow(buf, buf->nfixes + extra);
}

static void
buffer_append(FixBuffer *buf, const TrackFix *fixes, int64 n)
{
	buffer_reserve(buf, n);
	memcpy(buffer_fixes(buf) + buf->nfixes, fixes, n * sizeof(TrackFix));
	buf->nfixes += n;
}

/*
 * Copy a run's fixes in order, decoding an encoded run; with consume, free
 * each chunk once copied
 */
static void
buffer_append_run(FixBuffer *buf, FixRun *run, bool consume)
{
	FixChunk   *chunk = run->head;

	if (run->encoded != NULL)
	{
		WireReader	reader;

		buffer_reserve(buf, run->nfixes);
		wire_reader_init(&reader, run);
		while (reader.left > 0)
			buf->nfixes += wire_read_fixes(&reader, buffer_fixes(buf) + buf->nfixes,
										   CHUNK_MAX_FIXES);
		wire_reader_finish(&reader);
		if (consume)
		{
			pfree(run->encoded);
			run->encoded = NULL;
		}
		return;
	}

	while (chunk != NULL)
	{
		FixChunk   *next = chunk->next;

		buffer_append(buf, chunk->fixes, chunk->nfixes);
		if (consume)
			pfree(chunk);
		chunk = next;
		CHECK_FOR_INTERRUPTS();
	}
	if (consume)
		run->head = run->tail = NULL;
}

/* Fixes an encoded run's cursor decodes at a time */
#define CURSOR_BATCH 64

/* Where a merge is in each run */
typedef struct RunCursor
{
	TrackFix	head;			/* the run's next fix */
	FixRun	   *run;
	FixChunk   *chunk;			/* a run of chunks: where the head is */
	int64		pos;			/* the head's place in the chunk or batch */
	WireReader	reader;			/* an encoded run: its reader, */
	int64		nbatch;			/* and its fixes decoded ahead */
	TrackFix	batch[CURSOR_BATCH];
} RunCursor;

/* Start at a run's first fix; the run has fixes */
static void
cursor_start(RunCursor *cursor, FixRun *run)
{
	cursor->run = run;
	if (run->encoded != NULL)
	{
		wire_reader_init(&cursor->reader, run);
		cursor->nbatch = wire_read_fixes(&cursor->reader, cursor->batch, CURSOR_BATCH);
		cursor->pos = 0;
		cursor->head = cursor->batch[0];
	}
	else
	{
		cursor->chunk = run->head;
		cursor->pos = 0;
		cursor->head = run->head->fixes[0];
	}
}

/* binaryheap keeps the largest first; reversed, it gives the earliest fix */
static int
cursor_cmp(Datum a, Datum b, void *arg)
{
	RunCursor  *cursors = (RunCursor *) arg;

	return track_fix_cmp(&cursors[DatumGetInt32(b)].head, &cursors[DatumGetInt32(a)].head);
}

/*
 * Step to the run's next fix; false when the run is done.  With consume, a
 * chunk is freed once the merge has passed it.
 */
static inline bool
cursor_advance(RunCursor *cursor, bool consume)
{
	FixChunk   *next;

	if (cursor->run->encoded != NULL)
	{
		if (likely(++cursor->pos < cursor->nbatch))
		{
			cursor->head = cursor->batch[cursor->pos];
			return true;
		}
		if (cursor->reader.left == 0)
		{
			wire_reader_finish(&cursor->reader);
			return false;
		}
		cursor->nbatch = wire_read_fixes(&cursor->reader, cursor->batch, CURSOR_BATCH);
		cursor->pos = 0;
		cursor->head = cursor->batch[0];
		return true;
	}
	if (likely(++cursor->pos < cursor->chunk->nfixes))
	{
		cursor->head = cursor->chunk->fixes[cursor->pos];
		return true;
	}
	next = cursor->chunk->next;
	if (consume)
		pfree(cursor->chunk);
	cursor->chunk = next;
	cursor->pos = 0;
	CHECK_FOR_INTERRUPTS();
	if (next == NULL)
		return false;
	cursor->head = next->fixes[0];
	return true;
}

/* Append a merged fix unless its timestamp is already there */
static inline void
buffer_append_merged(FixBuffer *buf, const TrackFix *fix)
{
	if (buf->nfixes == 0 || buffer_fixes(buf)[buf->nfixes - 1].t != fix->t)
	{
		buffer_reserve(buf, 1);
		buffer_fixes(buf)[buf->nfixes++] = *fix;
	}
}

/*
 * Merge sorted runs into buf, keeping the first (smallest) fix of each
 * timestamp.  A parallel plan gives a few runs (one per process): a
 * linear pick of the earliest head is then cheaper than a heap, which is
 * kept for many runs (partial aggregation per partition).
 */
#define MERGE_LINEAR_MAX_RUNS 8

static void
buffer_merge_runs(FixBuffer *buf, TrackAggState *state, bool consume)
{
	RunCursor  *cursors = palloc(state->nruns * sizeof(RunCursor));
	int			nactive = 0;
	int			r;

	for (r = 0; r < state->nruns; r++)
		if (state->runs[r].nfixes > 0)
			cursor_start(&cursors[nactive++], &state->runs[r]);
	/* room for them all, duplicates included: no growing fix by fix */
	buffer_reserve(buf, state->nfixes);

	if (nactive <= MERGE_LINEAR_MAX_RUNS)
	{
		while (nactive > 0)
		{
			int			best = 0;
			TimestampTz best_t = cursors[0].head.t;
			TimestampTz next_t = PG_INT64_MAX;
			bool		tie = false;

			/*
			 * The earliest head by time, and the time of the next earliest,
			 * picked without branches: runs from parallel workers
			 * interleave at random, so branches would be mispredicted.
			 * Equal times need the (t, x, y) order, rarely.
			 */
			for (r = 1; r < nactive; r++)
			{
				TimestampTz t = cursors[r].head.t;
				bool		earlier = t < best_t;

				tie = (!earlier) & (tie | (t == best_t));
				next_t = earlier ? best_t : Min(next_t, t);
				best = earlier ? r : best;
				best_t = earlier ? t : best_t;
			}
			if (unlikely(tie))
			{
				for (r = 0; r < nactive; r++)
					if (track_fix_cmp(&cursors[r].head, &cursors[best].head) < 0)
						best = r;
				buffer_append_merged(buf, &cursors[best].head);
				if (!cursor_advance(&cursors[best], consume))
					cursors[best] = cursors[--nactive];
				continue;
			}

			/*
			 * No other run has a fix before next_t: take this run's fixes up
			 * to there in one go.  Only the first can repeat a time already
			 * taken (from a tie just settled).
			 */
			buffer_append_merged(buf, &cursors[best].head);
			for (;;)
			{
				if (!cursor_advance(&cursors[best], consume))
				{
					cursors[best] = cursors[--nactive];
					break;
				}
				if (cursors[best].head.t >= next_t)
					break;
				buffer_fixes(buf)[buf->nfixes++] = cursors[best].head;
			}
		}
	}
	else
	{
		binaryheap *heap = binaryheap_allocate(nactive, cursor_cmp, cursors);

		for (r = 0; r < nactive; r++)
			binaryheap_add_unordered(heap, Int32GetDatum(r));
		binaryheap_build(heap);
		while (!binaryheap_empty(heap))
		{
			int			which = DatumGetInt32(binaryheap_first(heap));

			buffer_append_merged(buf, &cursors[which].head);
			if (cursor_advance(&cursors[which], consume))
				binaryheap_replace_first(heap, Int32GetDatum(which));
			else
				(void) binaryheap_remove_first(heap);
		}
		binaryheap_free(heap);
	}
	pfree(cursors);
	if (consume)
		for (r = 0; r < state->nruns; r++)
		{
			state->runs[r].head = state->runs[r].tail = NULL;
			if (state->runs[r].encoded != NULL)
				pfree(state->runs[r].encoded);
			state->runs[r].encoded = NULL;
		}
}

/* Sort the buffer's fixes by (t, x, y) and keep the first of each t */
static void
buffer_sort_unique(FixBuffer *buf)
{
	TrackFix   *fixes = buffer_fixes(buf);
	int64		kept = 0;
	int64		i;

	if (buf->nfixes < 2)
		return;
	sort_fixes(fixes, buf->nfixes);
	for (i = 1; i < buf->nfixes; i++)
	{
		if (fixes[i].t != fixes[kept].t)
			fixes[++kept] = fixes[i];
	}
	buf->nfixes = kept + 1;
}

/* After its fixes were handed over: the state can no longer be used */
static void
track_state_release(TrackAggState *state)
{
	if (state->runs != NULL)
		pfree(state->runs);
	state->runs = NULL;
	state->nruns = state->maxruns = 0;
	state->nfixes = 0;
	state->consumed = true;
}

/*
 * Put all the state's fixes into buf, in time order with one fix per
 * timestamp.  With consume, the state's chunks are freed along the way and
 * the state is left unusable.
 */
static void
track_state_collect(TrackAggState *state, FixBuffer *buf, bool consume)
{
	bool		all_sorted = true;
	int			r;

	for (r = 0; r < state->nruns; r++)
		all_sorted = all_sorted && state->runs[r].sorted;

	if (all_sorted && state->nruns > 1)
		buffer_merge_runs(buf, state, consume);
	else
	{
		for (r = 0; r < state->nruns; r++)
			buffer_append_run(buf, &state->runs[r], consume);
		if (!all_sorted)
			buffer_sort_unique(buf);
	}

	if (consume)
		track_state_release(state);
}

/*
 * At the size limit, drop duplicate timestamps to see whether the track
 * still fits; the state becomes one sorted run in a single chunk.
 */
static void
track_state_compact(TrackAggState *state)
{
	FixBuffer	buf;
	FixChunk   *chunk;
	FixRun	   *run;

	buffer_init(&buf, state->context, offsetof(FixChunk, fixes), state->nfixes);
	track_state_collect(state, &buf, true);
	state->consumed = false;	/* the buffer becomes its only run */

	chunk = (FixChunk *) buf.data;
	chunk->next = NULL;
	chunk->nfixes = buf.nfixes;
	chunk->capacity = buf.capacity;
	run = track_state_new_run(state);
	run->head = run->tail = chunk;
	run->nfixes = buf.nfixes;
	state->nfixes = buf.nfixes;
}

/* Add one fix to the state's last run */
static void
track_state_add(TrackAggState *state, const TrackFix *fix)
{
	FixRun	   *run;
	FixChunk   *chunk;

	/* rows go to a run of chunks: a new one after an encoded run */
	if (state->nruns == 0 || state->runs[state->nruns - 1].encoded != NULL)
		track_state_new_run(state);
	run = &state->runs[state->nruns - 1];

	/* in time order, a repeated timestamp is settled at once */
	if (run->sorted && run->nfixes > 0)
	{
		TrackFix   *last = &run->tail->fixes[run->tail->nfixes - 1];

		if (fix->t == last->t)
		{
			if (track_fix_cmp(fix, last) < 0)
				*last = *fix;
			return;
		}
		if (fix->t < last->t)
			run->sorted = false;
	}

	if (state->nfixes >= TRACK_MAX_FIXES)
	{
		/* one sorted run has no duplicates to drop */
		if (!(state->nruns == 1 && run->sorted))
			track_state_compact(state);
		if (state->nfixes >= TRACK_MAX_FIXES)
			report_track_too_large();
		run = &state->runs[state->nruns - 1];
		if (run->nfixes > 0 &&
			fix->t <= run->tail->fixes[run->tail->nfixes - 1].t)
			run->sorted = false;
	}

	chunk = run->tail;
	if (unlikely(chunk == NULL || chunk->nfixes == chunk->capacity))
		chunk = run_tail_with_room(state, run, 1);
	chunk->fixes[chunk->nfixes++] = *fix;
	run->nfixes++;
	state->nfixes++;
}

/* Append n fixes of another state, in this process, to a run */
static void
run_append_fixes(TrackAggState *state, FixRun *run, const TrackFix *fixes, int64 n)
{
	while (n > 0)
	{
		FixChunk   *chunk = run_tail_with_room(state, run, n);
		int64		count = Min(n, chunk->capacity - chunk->nfixes);

		memcpy(&chunk->fixes[chunk->nfixes], fixes, count * sizeof(TrackFix));
		chunk->nfixes += count;
		run->nfixes += count;
		state->nfixes += count;
		fixes += count;
		n -= count;
		CHECK_FOR_INTERRUPTS();
	}
}

/* A new run of n encoded fixes, copied */
static void
run_append_encoded(TrackAggState *state, const uint8 *bytes, const uint8 *end,
				   int64 n)
{
	FixRun	   *run = track_state_new_run(state);
	size_t		size = end - bytes;

	run->encoded = MemoryContextAllocHuge(state->context, Max(size, 1));
	memcpy(run->encoded, bytes, size);
	run->encoded_end = run->encoded + size;
	run->nfixes = n;
	state->nfixes += n;
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
PG_FUNCTION_INFO_V1(maritime_track_agg_transfn);

Datum
maritime_track_agg_transfn(PG_FUNCTION_ARGS)
{
	TrackAggState *state = PG_ARGISNULL(0) ? NULL :
		(TrackAggState *) PG_GETARG_POINTER(0);
	struct varlena *value;
	int32		srid;
	TrackFix	fix;

	if (state != NULL)
		check_usable(state);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		goto skip;

	/* a plain 2D point stored inline, the usual row, is read in place */
	value = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(1));
	if (VARATT_IS_EXTERNAL(value) || VARATT_IS_COMPRESSED(value) ||
		!gser_read_xy_point((const uint8 *) VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value),
							&srid, &fix.x, &fix.y))
	{
		GserGeom	geom;
		double		m;

		maritime_geom_read_datum(PG_GETARG_DATUM(1), "geom", &geom);
		if (geom.type != GSER_POINTTYPE)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("geom must be a POINT, not a %s", maritime_gser_type_name(geom.type)),
					 errhint("track_agg takes one position per row; ST_DumpPoints splits other geometries into points.")));
		if (geom.npoints == 0)
			goto skip;			/* POINT EMPTY */
		gser_vertex(&geom, 0, &fix.x, &fix.y, &m);
		srid = geom.srid;
	}

	fix.t = PG_GETARG_TIMESTAMPTZ(2);
	if (TIMESTAMP_NOT_FINITE(fix.t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("ts must be a finite timestamp, not %s",
						TIMESTAMP_IS_NOBEGIN(fix.t) ? "-infinity" : "infinity")));

	if (!isfinite(fix.x) || !isfinite(fix.y))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("geom has a non-finite coordinate"),
				 errdetail("The position is POINT(%g %g).", fix.x, fix.y)));
	/* -0.0 and 0.0 compare equal; store one of them so ties stay exact */
	fix.x += 0.0;
	fix.y += 0.0;

	/* the aggregate's memory context is needed (and checked) once */
	if (state == NULL)
		state = track_state_create(aggregate_context(fcinfo, "track_agg_transfn"),
								   srid, maritime_srid_is_geographic(srid));
	else
		check_same_srid(srid, state->srid);

	if (state->geographic &&
		(fix.x < -180.0 || fix.x > 180.0 || fix.y < -90.0 || fix.y > 90.0))
	{
		/* AIS's "not available" (ITU-R M.1371): no position was sent */
		if (fix.x == AIS_LONGITUDE_NOT_AVAILABLE ||
			fix.y == AIS_LATITUDE_NOT_AVAILABLE)
			goto skip;
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("geom is outside the longitude/latitude range of geographic SRID %d",
						state->srid),
				 errdetail("The position is POINT(%.15g %.15g); longitude must be within [-180, 180] and latitude within [-90, 90].",
						   fix.x, fix.y),
				 errhint("ST_MakePoint takes longitude first, then latitude.")));
	}

	track_state_add(state, &fix);
	PG_RETURN_POINTER(state);

skip:
	if (state == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

/*
 * Whether the final function may hand the state over to the result, so
 * that the result takes the state's place in memory instead of doubling it.
 * PostgreSQL finalizes one state more than once in window aggregation
 * (after every row), in a hashed aggregation rescanned without new input
 * (it finalizes the kept hash table again) and when aggregates share a
 * state: there the state must stay as it was.  Plain and sorted
 * aggregation finalize a group's state once, and reset its memory before
 * the group could be aggregated again.
 */
static bool
state_may_be_consumed(FunctionCallInfo fcinfo)
{
	AggStrategy strategy;

	if (AggCheckCallContext(fcinfo, NULL) != AGG_CONTEXT_AGGREGATE ||
		!IsA(fcinfo->context, AggState) || AggStateIsShared(fcinfo))
		return false;
	strategy = ((AggState *) fcinfo->context)->aggstrategy;
	return strategy == AGG_PLAIN || strategy == AGG_SORTED;
}

/*
 * track_agg_finalfn(state internal) returns geometry
 *
 * Declared FINALFUNC_MODIFY = READ_ONLY, which is what PostgreSQL sees:
 * wherever it may use the state again (see above) the state is left as it
 * was and the result is a copy; elsewhere the state is never seen again.
 */
PG_FUNCTION_INFO_V1(maritime_track_agg_finalfn);

Datum
maritime_track_agg_finalfn(PG_FUNCTION_ARGS)
{
	bool		consume = state_may_be_consumed(fcinfo);
	size_t		max_header = VARHDRSZ + maritime_gser_linestring_m_header_size(3);
	TrackAggState *state;
	FixBuffer	buf;
	TrackFix   *fixes;
	GserBoxM	box;
	size_t		header;
	char	   *result;
	int32		srid;
	int64		n;
	int64		i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (TrackAggState *) PG_GETARG_POINTER(0);
	check_usable(state);
	if (state->nfixes == 0)
		PG_RETURN_NULL();
	srid = state->srid;

	buffer_init(&buf, CurrentMemoryContext, max_header, state->nfixes);
	track_state_collect(state, &buf, consume);
	n = buf.nfixes;
	if (n > TRACK_MAX_FIXES)
		report_track_too_large();
	fixes = buffer_fixes(&buf);

	box.xmin = box.xmax = fixes[0].x;
	box.ymin = box.ymax = fixes[0].y;
	box.mmin = track_timestamp_to_seconds(fixes[0].t);
	box.mmax = track_timestamp_to_seconds(fixes[n - 1].t);
	for (i = 0; i < n; i++)
	{
		TrackFix	fix = fixes[i];
		double		xym[3];

		box.xmin = Min(box.xmin, fix.x);
		box.xmax = Max(box.xmax, fix.x);
		box.ymin = Min(box.ymin, fix.y);
		box.ymax = Max(box.ymax, fix.y);

		/* (t, x, y) becomes (x, y, m) in place; M is extract(epoch from ts) */
		xym[0] = fix.x;
		xym[1] = fix.y;
		xym[2] = track_timestamp_to_seconds(fix.t);
		memcpy(&fixes[i], xym, sizeof(xym));
	}

	/* a track of one or two points has no stored box: a shorter header */
	result = buf.data;
	header = maritime_gser_linestring_m_header_size((uint32) n);
	if (VARHDRSZ + header < max_header)
		memmove(result + VARHDRSZ + header, fixes, n * sizeof(TrackFix));
	maritime_gser_write_linestring_m_header((uint8_t *) VARDATA(result), srid,
								   (uint32) n, &box);
	SET_VARSIZE(result, VARHDRSZ + header + n * 3 * sizeof(double));
	PG_RETURN_POINTER(result);
}

/*
 * track_agg_combinefn(state1 internal, state2 internal) returns internal
 *
 * state2's fixes become a run of state1's; sorted runs are merged only by
 * the final function, in one pass.
 */
PG_FUNCTION_INFO_V1(maritime_track_agg_combinefn);

Datum
maritime_track_agg_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "track_agg_combinefn");
	TrackAggState *state1 = PG_ARGISNULL(0) ? NULL :
		(TrackAggState *) PG_GETARG_POINTER(0);
	TrackAggState *state2 = PG_ARGISNULL(1) ? NULL :
		(TrackAggState *) PG_GETARG_POINTER(1);
	int			r;

	if (state1 != NULL)
		check_usable(state1);
	if (state2 == NULL || state2->nfixes == 0)
	{
		if (state1 == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state1);
	}
	check_usable(state2);

	if (state1 == NULL)
		state1 = track_state_create(aggcontext, state2->srid, state2->geographic);
	else
		check_same_srid(state2->srid, state1->srid);

	/*
	 * Copied, as state2 lives in a shorter-lived context.  Serialized fixes
	 * stay encoded, and are decoded (and checked) once, when the track is
	 * built from all runs.
	 */
	if (state2->wire_fixes != NULL)
		run_append_encoded(state1, state2->wire_fixes, state2->wire_end, state2->nfixes);
	else
	{
		for (r = 0; r < state2->nruns; r++)
		{
			FixRun	   *from = &state2->runs[r];
			FixRun	   *into;
			FixChunk   *chunk;

			if (from->encoded != NULL)
			{
				run_append_encoded(state1, from->encoded, from->encoded_end, from->nfixes);
				continue;
			}
			into = track_state_new_run(state1);
			into->sorted = from->sorted;
			for (chunk = from->head; chunk != NULL; chunk = chunk->next)
				run_append_fixes(state1, into, chunk->fixes, chunk->nfixes);
		}
	}

	if (state1->nfixes > TRACK_MAX_FIXES)
	{
		track_state_compact(state1);
		if (state1->nfixes > TRACK_MAX_FIXES)
			report_track_too_large();
	}
	PG_RETURN_POINTER(state1);
}

/* Encode n sorted fixes with one timestamp each */
static uint8 *
encode_fixes(WireCoder *coder, uint8 *out, const TrackFix *fixes, int64 n)
{
	for (int64 i = 0; i < n; i++)
		out = encode_fix(coder, out, &fixes[i]);
	return out;
}

/*
 * track_agg_serialfn(state internal) returns bytea
 *
 * Workers sort before sending, so the sorting is done in parallel and the
 * leader only merges.  It hands the state over to the bytes it sends: a
 * state is serialized once, when a partial aggregation below a Gather
 * passes it to the leader.
 */
PG_FUNCTION_INFO_V1(maritime_track_agg_serialfn);

Datum
maritime_track_agg_serialfn(PG_FUNCTION_ARGS)
{
	bool		consume = AggCheckCallContext(fcinfo, NULL) == AGG_CONTEXT_AGGREGATE;
	TrackAggState *state = (TrackAggState *) PG_GETARG_POINTER(0);
	int32		srid = state->srid;
	int64		nfixes;
	WireCoder	coder = {0};
	size_t		capacity;
	uint8	   *result;
	uint8	   *out;

	check_usable(state);
	/* the most an encoding can take, and room for its last 8-byte store */
	capacity = WIRE_PREFIX + (size_t) state->nfixes * WIRE_MAX_FIX_SIZE + sizeof(uint64);
	result = MemoryContextAllocHuge(CurrentMemoryContext, capacity);
	out = result + WIRE_PREFIX;

	if (state->nruns == 1 && state->runs[0].sorted && state->runs[0].encoded == NULL)
	{
		/* one run in time order, as rows read in time order give: as it is */
		FixChunk   *chunk = state->runs[0].head;

		nfixes = state->runs[0].nfixes;
		while (chunk != NULL)
		{
			FixChunk   *next = chunk->next;

			out = encode_fixes(&coder, out, chunk->fixes, chunk->nfixes);
			if (consume)
				pfree(chunk);
			chunk = next;
			CHECK_FOR_INTERRUPTS();
		}
		if (consume)
		{
			state->runs[0].head = state->runs[0].tail = NULL;
			track_state_release(state);
		}
	}
	else
	{
		FixBuffer	buf;

		buffer_init(&buf, CurrentMemoryContext, 0, state->nfixes);
		track_state_collect(state, &buf, consume);
		nfixes = buf.nfixes;
		if (buf.data != NULL)
		{
			out = encode_fixes(&coder, out, buffer_fixes(&buf), buf.nfixes);
			pfree(buf.data);
		}
	}

	/* 25 bytes a fix at worst, not 24: a value's limit applies */
	if ((size_t) (out - result) > MaxAllocSize)
		report_track_too_large();
	SET_VARSIZE(result, out - result);
	result[WIRE_FORMAT_OFFSET] = WIRE_FORMAT;
	result[WIRE_FLAGS_OFFSET] = state->geographic ? WIRE_FLAG_GEOGRAPHIC : 0;
	result[WIRE_FLAGS_OFFSET + 1] = result[WIRE_FLAGS_OFFSET + 2] = 0;
	memcpy(result + WIRE_SRID_OFFSET, &srid, sizeof(int32));
	memcpy(result + WIRE_NFIXES_OFFSET, &nfixes, sizeof(int64));
	PG_RETURN_BYTEA_P((bytea *) result);
}

/*
 * track_agg_deserialfn(bytes bytea, internal) returns internal
 *
 * The state only points at the encoded fixes: the combine function, called
 * next for the same input row, decodes and checks them into its own state.
 */
PG_FUNCTION_INFO_V1(maritime_track_agg_deserialfn);

Datum
maritime_track_agg_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	size_t		size = VARSIZE_ANY_EXHDR(bytes);
	const uint8 *data = (const uint8 *) VARDATA_ANY(bytes);
	const size_t header = WIRE_PREFIX - VARHDRSZ;
	TrackAggState *state;
	int32		srid;
	int64		nfixes;
	uint8		flags;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "track_agg_deserialfn called in non-aggregate context");
	if (size < header)
		report_invalid_state("too short");
	if (data[WIRE_FORMAT_OFFSET - VARHDRSZ] != WIRE_FORMAT)
		report_invalid_state("unknown format");
	flags = data[WIRE_FLAGS_OFFSET - VARHDRSZ];
	if ((flags & ~WIRE_FLAG_GEOGRAPHIC) != 0 ||
		data[WIRE_FLAGS_OFFSET + 1 - VARHDRSZ] != 0 ||
		data[WIRE_FLAGS_OFFSET + 2 - VARHDRSZ] != 0)
		report_invalid_state("unknown flags");
	memcpy(&srid, data + WIRE_SRID_OFFSET - VARHDRSZ, sizeof(int32));
	memcpy(&nfixes, data + WIRE_NFIXES_OFFSET - VARHDRSZ, sizeof(int64));
	/* the count sizes allocations: it must fit the bytes there are */
	if (nfixes < 0 || nfixes > TRACK_MAX_FIXES ||
		(uint64) nfixes > (size - header) / WIRE_MIN_FIX_SIZE ||
		(nfixes == 0 && size != header))
		report_invalid_state("length does not match its fix count");

	state = track_state_create(CurrentMemoryContext, srid,
							   (flags & WIRE_FLAG_GEOGRAPHIC) != 0);
	state->nfixes = nfixes;
	state->wire_fixes = data + header;
	state->wire_end = data + size;
	PG_RETURN_POINTER(state);
}
