/*-------------------------------------------------------------------------
 *
 * encounters.c
 *	  maritime.encounters: when were two vessels within max_distance of
 *	  each other, how close did they come, and how fast were they going?
 *	  maritime.encounter_box: what to look for them with in a GiST index.
 *
 * The sweep walks the time both tracks are observed (their common span,
 * less the dark segments of either when max_gap is given) piece by piece,
 * a piece ending at every vertex of either track: on a piece both vessels
 * move in straight lines in coordinate space at constant speeds.
 *
 * Planar SRIDs: on a piece the squared distance is a quadratic in time;
 * its roots are the exact entry and exit times, its vertex the closest
 * approach.
 *
 * Geographic SRIDs: the haversine distance between two positions moving
 * linearly in longitude and latitude is no polynomial.  A piece is skipped
 * when the distance at its middle, less what the two vessels can close in
 * half its duration, exceeds max_distance: one haversine for most pieces.
 * The others are cut into parts in which each vessel moves a few
 * kilometres at most; there the relative motion is straight to well within
 * a millimetre, so the distance has a single minimum.  Golden-section
 * search finds it to 0.05 ms of time; bisection finds the crossings of
 * max_distance to 0.1 us, a few halvings more for two points an
 * encounter, so that its start and end do not move with where the sweep
 * began a piece (after a skip, say).
 *
 * The stretches found within max_distance (pieces, parts, and instants
 * observed by both that no observed piece surrounds) are joined where they
 * touch; each maximal one lasting min_duration is an encounter.
 *
 * Vessels far apart cannot meet soon: the distance shrinks no faster than
 * the sum of their speeds.  After a piece that ends apart, the sweep jumps
 * to the first time they could be within max_distance again, bounding the
 * speeds by the fastest segment of each block of SPEED_BLOCK segments (so
 * that one bad fix slows down only its block).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "geodesy.h"
#include "geometry.h"
#include "intervals.h"
#include "postgis.h"
#include "track.h"

/* How far, at most, each vessel moves within one part of a piece */
#define PART_MOVE_M 2000.0
/* The precision of the closest time found in geographic SRIDs, in seconds */
#define GEOGRAPHIC_TIME_TOLERANCE 5e-5
/*
 * ... and of the crossings of max_distance: below a microsecond, so that the
 * start and end do not depend on where the sweep began the piece
 */
#define CROSSING_TIME_TOLERANCE 1e-7
/* The golden ratio's reciprocal, for the minimum search */
#define INVERSE_PHI 0.6180339887498949
/* Segments a top speed is kept for, to skip where the vessels are apart */
#define SPEED_BLOCK 32
/* Pieces to wait at most before trying to skip again */
#define MAX_SKIP_BACKOFF 15

typedef struct Position
{
	double		x;
	double		y;
} Position;

/* A stretch of time within max_distance, and what happened in it */
typedef struct Stretch
{
	double		start;			/* seconds since 1970 */
	double		end;
	double		min_distance;
	double		closest;		/* when it was least */
	Position	closest_a;		/* where the vessels were then */
	Position	closest_b;
	double		path_a;			/* how far each vessel went */
	double		path_b;
} Stretch;

typedef struct EncounterSweep
{
	const Track *a;
	const Track *b;
	Metric		metric;
	double		max_distance;
	int64		max_gap;
	int64		min_duration;
	ReturnSetInfo *rsinfo;
	bool		open;			/* "current" is a stretch not yet emitted */
	Stretch		current;
	int32		number;			/* encounters emitted */
	uint32		steps;			/* to poll for cancel */
	double	   *top_speed_a;	/* per block of segments; NULL until needed */
	double	   *top_speed_b;
	uint32		skip_backoff;	/* pieces to wait after a skip failed ... */
	uint32		skip_wait;		/* ... and still to wait */
} EncounterSweep;

static inline Position
lerp(Position p, Position q, double f)
{
	Position	r;

	r.x = p.x + f * (q.x - p.x);
	r.y = p.y + f * (q.y - p.y);
	return r;
}

static inline double
position_distance(const EncounterSweep *sweep, Position p, Position q)
{
	return metric_distance(&sweep->metric, p.x, p.y, q.x, q.y);
}

/* Track's position at time t (seconds), within segment i .. i + 1 */
static Position
track_position(const Track *track, uint32 i, double t)
{
	const TrackPoint *p = &track->points[i];
	Position	r = {p->x, p->y};

	if (i + 1 < track->npoints && t > p->m)
	{
		const TrackPoint *q = &track->points[i + 1];
		Position	s = {q->x, q->y};

		r = lerp(r, s, (t - p->m) / (q->m - p->m));
	}
	return r;
}

/* Is segment i .. i + 1 of the track dark (longer than max_gap)? */
static bool
segment_dark(const EncounterSweep *sweep, const Track *track, uint32 i)
{
	return sweep->max_gap != ARG_NO_MAX_GAP && i + 1 < track->npoints &&
		usecs_between(track_time(track, i), track_time(track, i + 1)) > sweep->max_gap;
}

/* Is the track observed at time t, which segment i holds? */
static bool
observed_at(const EncounterSweep *sweep, const Track *track, uint32 i, double t)
{
	return track->points[i].m == t || !segment_dark(sweep, track, i);
}

static void
emit_current(EncounterSweep *sweep)
{
	const Stretch *s = &sweep->current;
	TimestampTz start = maritime_track_seconds_to_timestamp(s->start);
	TimestampTz end = maritime_track_seconds_to_timestamp(s->end);
	double		seconds = s->end - s->start;
	double		mid_x,
				mid_y;
	double		xs[2] = {s->closest_a.x, s->closest_b.x};
	double		ys[2] = {s->closest_a.y, s->closest_b.y};
	Datum		values[9];
	bool		nulls[9] = {0};

	sweep->open = false;
	if (usecs_between(start, end) < sweep->min_duration)
		return;
	maritime_mean_position(sweep->metric.geographic, xs, ys, 2, 1, &mid_x, &mid_y);
	values[0] = Int32GetDatum(++sweep->number);
	values[1] = TimestampTzGetDatum(start);
	values[2] = TimestampTzGetDatum(end);
	values[3] = maritime_timestamp_difference_datum(end, start);
	values[4] = Float8GetDatum(s->min_distance);
	values[5] = TimestampTzGetDatum(maritime_track_seconds_to_timestamp(s->closest));
	values[6] = maritime_geom_point_datum(sweep->a->srid, mid_x, mid_y);
	/* an instant has no speed */
	nulls[7] = nulls[8] = !(seconds > 0);
	if (seconds > 0)
	{
		values[7] = Float8GetDatum(speed_knots(s->path_a, seconds));
		values[8] = Float8GetDatum(speed_knots(s->path_b, seconds));
	}
	tuplestore_putvalues(sweep->rsinfo->setResult, sweep->rsinfo->setDesc, values, nulls);
}

/*
 * A stretch within max_distance, in time order: it extends the open one if
 * they touch, otherwise the open one is over.
 */
static void
add_stretch(EncounterSweep *sweep, const Stretch *s)
{
	Stretch    *c = &sweep->current;

	if (sweep->open && s->start <= c->end)
	{
		c->end = Max(c->end, s->end);
		c->path_a += s->path_a;
		c->path_b += s->path_b;
		if (s->min_distance < c->min_distance)
		{
			c->min_distance = s->min_distance;
			c->closest = s->closest;
			c->closest_a = s->closest_a;
			c->closest_b = s->closest_b;
		}
		return;
	}
	if (sweep->open)
		emit_current(sweep);
	sweep->current = *s;
	sweep->open = true;
}

/* The open encounter cannot go on past what was observed last */
static void
break_observation(EncounterSweep *sweep)
{
	if (sweep->open)
		emit_current(sweep);
}

/*
 * The time u seconds into a piece from t0 to t1: t1 itself at the piece's
 * end, so that stretches of consecutive pieces touch exactly
 */
static inline double
piece_time(double t0, double t1, double u)
{
	return u >= t1 - t0 ? t1 : t0 + u;
}

/*
 * A piece in a planar SRID: from t0 to t1 (T seconds), a moves from a0 to
 * a1 and b from b0 to b1.  The squared distance is a s^2 + b s + c over
 * s in [0, T]; where it is at most max_distance^2 is between its roots.
 */
static void
piece_planar(EncounterSweep *sweep, double t0, double t1,
			 Position a0, Position a1, Position b0, Position b1)
{
	double		T = t1 - t0;
	double		D = sweep->max_distance;
	double		px = a0.x - b0.x;
	double		py = a0.y - b0.y;
	double		vx = T > 0 ? ((a1.x - a0.x) - (b1.x - b0.x)) / T : 0;
	double		vy = T > 0 ? ((a1.y - a0.y) - (b1.y - b0.y)) / T : 0;
	double		qa = vx * vx + vy * vy;
	double		qb = 2 * (px * vx + py * vy);
	double		qc = px * px + py * py - D * D;
	double		lo,
				hi,
				s_min;
	Stretch		s;

	if (qa == 0)
	{
		/* no relative motion: inside all along or not at all */
		if (qc > 0)
			return;
		lo = 0;
		hi = T;
		s_min = 0;
	}
	else
	{
		double		disc = qb * qb - 4 * qa * qc;
		double		sq,
					q,
					r1,
					r2;

		if (disc < 0)
			return;
		/* the stable pair of roots */
		sq = sqrt(disc);
		q = -0.5 * (qb + (qb >= 0 ? sq : -sq));
		r1 = q / qa;
		r2 = q != 0 ? qc / q : r1;
		lo = Max(Min(r1, r2), 0);
		hi = Min(Max(r1, r2), T);
		if (lo > hi)
			return;
		s_min = Min(Max(-qb / (2 * qa), lo), hi);
	}

	s.start = piece_time(t0, t1, lo);
	s.end = piece_time(t0, t1, hi);
	s.closest = piece_time(t0, t1, s_min);
	s.closest_a = T > 0 ? lerp(a0, a1, s_min / T) : a0;
	s.closest_b = T > 0 ? lerp(b0, b1, s_min / T) : b0;
	s.min_distance = hypot(s.closest_a.x - s.closest_b.x, s.closest_a.y - s.closest_b.y);
	s.path_a = T > 0 ? hypot(a1.x - a0.x, a1.y - a0.y) * (hi - lo) / T : 0;
	s.path_b = T > 0 ? hypot(b1.x - b0.x, b1.y - b0.y) * (hi - lo) / T : 0;
	add_stretch(sweep, &s);
}

/* A part of a piece in a geographic SRID, u in [0, T] */
typedef struct GeoPart
{
	const EncounterSweep *sweep;
	Position	a0,
				a1,
				b0,
				b1;
	double		T;
	double		move;			/* how far the distance can change in T */
	uint32		evaluations;
} GeoPart;

static double
part_distance(GeoPart *part, double u)
{
	double		f = part->T > 0 ? u / part->T : 0;

	if ((++part->evaluations & 0x3FF) == 0)
		CHECK_FOR_INTERRUPTS();
	return position_distance(part->sweep, lerp(part->a0, part->a1, f),
							 lerp(part->b0, part->b1, f));
}

/* Where on [lo, hi] the distance crosses max_distance (inside at "in") */
static double
part_crossing(GeoPart *part, double in, double out)
{
	double		D = part->sweep->max_distance;

	while (fabs(out - in) > CROSSING_TIME_TOLERANCE)
	{
		double		mid = (in + out) / 2;

		/* in long parts doubles are coarser than the tolerance */
		if (mid == in || mid == out)
			break;
		if (part_distance(part, mid) <= D)
			in = mid;
		else
			out = mid;
	}
	return in;
}

/*
 * The stretch within max_distance of one part [u0, u1] of the piece from
 * t0 to t1, where the distance has a single minimum.
 */
static void
part_geographic(EncounterSweep *sweep, GeoPart *part, double t0, double t1,
				double u0, double u1)
{
	double		D = sweep->max_distance;
	double		lo = u0,
				hi = u1;
	double		start = piece_time(t0, t1, u0);
	double		x1,
				x2,
				f1,
				f2,
				u_min,
				d_min,
				d0,
				d1;
	Stretch		s;

	/*
	 * Inside at both ends, and so all along (a single minimum), and no
	 * closer than the encounter it continues has been: only the stretch
	 * matters, not where in it the minimum is.  Side by side for hours,
	 * this is most parts.
	 */
	d0 = part_distance(part, u0);
	d1 = part_distance(part, u1);
	if (d0 <= D && d1 <= D && sweep->open && sweep->current.end == start)
	{
		double		mid = (u0 + u1) / 2;
		double		d_mid = part_distance(part, mid);

		if (d_mid - part->move * (u1 - u0) / part->T / 2 >= sweep->current.min_distance)
		{
			s.start = start;
			s.end = piece_time(t0, t1, u1);
			s.min_distance = Min(Min(d0, d1), d_mid);
			s.closest = piece_time(t0, t1, mid);
			s.closest_a = lerp(part->a0, part->a1, mid / part->T);
			s.closest_b = lerp(part->b0, part->b1, mid / part->T);
			s.path_a = position_distance(sweep, lerp(part->a0, part->a1, u0 / part->T),
										 lerp(part->a0, part->a1, u1 / part->T));
			s.path_b = position_distance(sweep, lerp(part->b0, part->b1, u0 / part->T),
										 lerp(part->b0, part->b1, u1 / part->T));
			add_stretch(sweep, &s);
			return;
		}
	}

	/* golden-section search for the minimum */
	x1 = hi - INVERSE_PHI * (hi - lo);
	x2 = lo + INVERSE_PHI * (hi - lo);
	f1 = part_distance(part, x1);
	f2 = part_distance(part, x2);
	while (hi - lo > GEOGRAPHIC_TIME_TOLERANCE && x1 > lo && x2 < hi && x1 < x2)
	{
		if (f1 <= f2)
		{
			hi = x2;
			x2 = x1;
			f2 = f1;
			x1 = hi - INVERSE_PHI * (hi - lo);
			f1 = part_distance(part, x1);
		}
		else
		{
			lo = x1;
			x1 = x2;
			f1 = f2;
			x2 = lo + INVERSE_PHI * (hi - lo);
			f2 = part_distance(part, x2);
		}
	}
	u_min = f1 <= f2 ? x1 : x2;
	d_min = Min(f1, f2);
	/* the ends may be lower still, where the minimum is at an end */
	if (d0 < d_min)
	{
		u_min = u0;
		d_min = d0;
	}
	if (d1 < d_min)
	{
		u_min = u1;
		d_min = d1;
	}
	if (d_min > D)
		return;

	lo = d0 <= D ? u0 : part_crossing(part, u_min, u0);
	hi = d1 <= D ? u1 : part_crossing(part, u_min, u1);
	s.start = lo == u0 ? start : piece_time(t0, t1, lo);
	s.end = piece_time(t0, t1, hi);
	s.min_distance = d_min;
	s.closest = piece_time(t0, t1, u_min);
	s.closest_a = lerp(part->a0, part->a1, part->T > 0 ? u_min / part->T : 0);
	s.closest_b = lerp(part->b0, part->b1, part->T > 0 ? u_min / part->T : 0);
	s.path_a = part->T > 0 ?
		position_distance(sweep, lerp(part->a0, part->a1, lo / part->T),
						  lerp(part->a0, part->a1, hi / part->T)) : 0;
	s.path_b = part->T > 0 ?
		position_distance(sweep, lerp(part->b0, part->b1, lo / part->T),
						  lerp(part->b0, part->b1, hi / part->T)) : 0;
	add_stretch(sweep, &s);
}

/*
 * Metres a position moving linearly from p to q in lon/lat covers at most:
 * the distance on the unrolled sphere, a degree of longitude counted as
 * at the equator.
 */
static double
movement_bound_m(Position p, Position q)
{
	return EARTH_RADIUS_M * deg2rad(hypot(q.x - p.x, q.y - p.y));
}

/*
 * A piece in a geographic SRIDs: skipped when the vessels cannot come
 * within max_distance of each other in it, otherwise cut into parts in
 * which each moves PART_MOVE_M at most.
 */
static void
piece_geographic(EncounterSweep *sweep, double t0, double t1,
				 Position a0, Position a1, Position b0, Position b1)
{
	double		T = t1 - t0;
	double		D = sweep->max_distance;
	double		move = movement_bound_m(a0, a1) + movement_bound_m(b0, b1);
	GeoPart		part = {sweep, a0, a1, b0, b1, T, move, 0};
	int64		nparts;
	int64		k;

	/* the distance changes by "move" over the piece at most */
	if (part_distance(&part, T / 2) - move / 2 > D)
		return;
	nparts = T > 0 ? (int64) ceil(move / (2 * PART_MOVE_M)) : 1;
	nparts = Max(nparts, 1);
	for (k = 0; k < nparts; k++)
	{
		double		u0 = T * k / nparts;
		double		u1 = k + 1 == nparts ? T : T * (k + 1) / nparts;

		if (nparts > 1 &&
			part_distance(&part, (u0 + u1) / 2) - move / nparts / 2 > D)
			continue;
		part_geographic(sweep, &part, t0, t1, u0, u1);
	}
}

static void
sweep_piece(EncounterSweep *sweep, double t0, double t1, uint32 ia, uint32 ib)
{
	Position	a0 = track_position(sweep->a, ia, t0);
	Position	a1 = track_position(sweep->a, ia, t1);
	Position	b0 = track_position(sweep->b, ib, t0);
	Position	b1 = track_position(sweep->b, ib, t1);

	if ((++sweep->steps & 0xFFF) == 0)
		CHECK_FOR_INTERRUPTS();
	if (sweep->metric.geographic)
		piece_geographic(sweep, t0, t1, a0, a1, b0, b1);
	else
		piece_planar(sweep, t0, t1, a0, a1, b0, b1);
}

/* The last vertex at or before t (t within the track's span) */
static uint32
segment_at(const Track *track, double t)
{
	uint32		lo = 0,
				hi = track->npoints - 1;

	while (lo < hi)
	{
		uint32		mid = lo + (hi - lo + 1) / 2;

		if (track->points[mid].m <= t)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* A track's box: the stored one when there is one */
static void
track_box(const Track *track, double *xmin, double *xmax, double *ymin, double *ymax)
{
	uint32		i;

	if (track->has_box)
	{
		*xmin = track->box_xmin;
		*xmax = track->box_xmax;
		*ymin = track->box_ymin;
		*ymax = track->box_ymax;
		return;
	}
	*xmin = *xmax = track->points[0].x;
	*ymin = *ymax = track->points[0].y;
	for (i = 1; i < track->npoints; i++)
	{
		*xmin = Min(*xmin, track->points[i].x);
		*xmax = Max(*xmax, track->points[i].x);
		*ymin = Min(*ymin, track->points[i].y);
		*ymax = Max(*ymax, track->points[i].y);
	}
}

/*
 * Are the tracks' boxes farther apart than max_distance?  In lon/lat, the
 * haversine of any two points is at least that of their latitude gap plus
 * cos^2 of the highest latitude times that of their longitude gap.
 */
static bool
boxes_apart(const EncounterSweep *sweep)
{
	double		axmin,
				axmax,
				aymin,
				aymax,
				bxmin,
				bxmax,
				bymin,
				bymax,
				gap_x,
				gap_y;

	track_box(sweep->a, &axmin, &axmax, &aymin, &aymax);
	track_box(sweep->b, &bxmin, &bxmax, &bymin, &bymax);
	gap_x = Max(0, Max(axmin - bxmax, bxmin - axmax));
	gap_y = Max(0, Max(aymin - bymax, bymin - aymax));
	if (!sweep->metric.geographic)
		return hypot(gap_x, gap_y) > sweep->max_distance;
	else
	{
		double		top = Max(Max(fabs(aymin), fabs(aymax)), Max(fabs(bymin), fabs(bymax)));
		double		cos_top = cos(deg2rad(Min(top, 90)));
		double		h;

		/* the short way round the antimeridian may be shorter */
		if (axmin < -180 || bxmin < -180 || axmax > 180 || bxmax > 180)
			gap_x = 0;
		gap_x = Min(gap_x, Max(0, 360 - (Max(axmax, bxmax) - Min(axmin, bxmin))));
		h = pow(sin(deg2rad(gap_y) / 2), 2) +
			cos_top * cos_top * pow(sin(deg2rad(Min(gap_x, 180)) / 2), 2);
		return 2 * EARTH_RADIUS_M * asin(sqrt(Min(h, 1.0))) > sweep->max_distance;
	}
}

/*
 * The top speed of block k of SPEED_BLOCK segments of a track, metres (CRS
 * units) a second: an upper bound, infinite where a segment's is.  Computed
 * when first asked for (top[k] < 0 until then), just ahead of the sweep, so
 * that a long track is read while it is still in the cache.
 */
static double
block_top_speed(const EncounterSweep *sweep, const Track *track,
				double *top, uint32 k)
{
	uint32		first = k * SPEED_BLOCK;
	uint32		last = Min(first + SPEED_BLOCK, track->npoints - 1);
	uint32		i;

	if (top[k] >= 0)
		return top[k];
	top[k] = 0;
	for (i = first; i < last; i++)
	{
		const TrackPoint *p = &track->points[i];
		const TrackPoint *q = &track->points[i + 1];
		Position	pp = {p->x, p->y};
		Position	qq = {q->x, q->y};
		double		move = sweep->metric.geographic ? movement_bound_m(pp, qq) :
			hypot(q->x - p->x, q->y - p->y);

		top[k] = Max(top[k], move / (q->m - p->m));
	}
	return top[k];
}

/* A track's table of block top speeds, none computed yet */
static double *
block_top_speeds(const Track *track)
{
	uint32		nblocks = (track->npoints - 1) / SPEED_BLOCK + 1;
	double	   *top = palloc(sizeof(double) * nblocks);
	uint32		k;

	for (k = 0; k < nblocks; k++)
		top[k] = -1;
	return top;
}

/* When block k of a track's segments ends */
static inline double
block_end(const Track *track, uint32 k)
{
	uint64		last = (uint64) (k + 1) * SPEED_BLOCK;

	return track->points[Min(last, track->npoints - 1)].m;
}

/*
 * The vessels are budget farther apart than max_distance at time t, in
 * segments sa and sb: the earliest time at which they could be within it,
 * going no faster than their blocks' top speeds (end at the latest).
 */
static double
skip_target(EncounterSweep *sweep, double t, double budget,
			uint32 sa, uint32 sb, double end)
{
	uint32		ka = sa / SPEED_BLOCK;
	uint32		kb = sb / SPEED_BLOCK;

	if (sweep->top_speed_a == NULL)
	{
		sweep->top_speed_a = block_top_speeds(sweep->a);
		sweep->top_speed_b = block_top_speeds(sweep->b);
	}
	for (;;)
	{
		double		end_a = block_end(sweep->a, ka);
		double		end_b = block_end(sweep->b, kb);
		double		until = Min(Min(end_a, end_b), end);
		/* with a margin for the rounding of distances */
		double		closing = (block_top_speed(sweep, sweep->a, sweep->top_speed_a, ka) +
							   block_top_speed(sweep, sweep->b, sweep->top_speed_b, kb)) * (1 + 1e-6);

		/* not "closing * (until - t) >= budget": NaN from an infinite speed */
		if (!(closing * (until - t) < budget))
			return t + budget / closing;
		budget -= closing * (until - t);
		t = until;
		if (t >= end)
			return end;
		if (until == end_a)
			ka++;
		if (until == end_b)
			kb++;
	}
}

/*
 * After an observed piece ending at t, in segments sa and sb: where the
 * sweep may go on from, later than the next vertex of either track if the
 * vessels are too far apart to meet before it; t otherwise.
 */
static double
skip_from(EncounterSweep *sweep, double t, uint32 sa, uint32 sb, double end)
{
	double		next = Min(sweep->a->points[sa + 1].m, sweep->b->points[sb + 1].m);
	double		d;
	double		target;

	/* an encounter goes on through t */
	if (sweep->open && sweep->current.end == t)
		return t;
	d = position_distance(sweep, track_position(sweep->a, sa, t),
						  track_position(sweep->b, sb, t));
	if (!(d > sweep->max_distance))
		return t;
	/* less a margin for the rounding of the distance */
	target = skip_target(sweep, t, (d - sweep->max_distance) - 1e-9 * d, sa, sb, end);
	return target > next ? target : t;
}

/* The sweep over the time both tracks are observed */
static void
sweep_tracks(EncounterSweep *sweep)
{
	const Track *a = sweep->a;
	const Track *b = sweep->b;
	double		t = Max(a->points[0].m, b->points[0].m);
	double		end = Min(a->points[a->npoints - 1].m, b->points[b->npoints - 1].m);
	uint32		ia,
				ib;
	bool		before_observed = false;	/* the piece ending at t was */

	if (t > end || boxes_apart(sweep))
		return;
	ia = segment_at(a, t);
	ib = segment_at(b, t);
	for (;;)
	{
		double		next_a = ia + 1 < a->npoints ? a->points[ia + 1].m : end;
		double		next_b = ib + 1 < b->npoints ? b->points[ib + 1].m : end;
		double		t1 = Min(Min(next_a, next_b), end);
		bool		observed = t1 > t &&
			!segment_dark(sweep, a, ia) && !segment_dark(sweep, b, ib);

		if (observed)
			sweep_piece(sweep, t, t1, ia, ib);
		else
		{
			/* an instant both see that no observed piece surrounds */
			if (!before_observed && observed_at(sweep, a, ia, t) &&
				observed_at(sweep, b, ib, t))
				sweep_piece(sweep, t, t, ia, ib);
			break_observation(sweep);
		}
		before_observed = observed;
		if (t1 >= end)
		{
			/* the last instant, if no piece led to it */
			uint32		la = segment_at(a, t1);
			uint32		lb = segment_at(b, t1);

			if (!observed && t1 > t && observed_at(sweep, a, la, t1) &&
				observed_at(sweep, b, lb, t1))
				sweep_piece(sweep, t1, t1, la, lb);
			break;
		}
		t = t1;
		if (next_a == t)
			ia++;
		if (next_b == t)
			ib++;
		if (observed && sweep->skip_wait > 0)
			sweep->skip_wait--;
		else if (observed)
		{
			double		skip = skip_from(sweep, t, ia, ib, end);

			if (skip > t)
			{
				/* apart all the while: nothing within, nothing observed */
				break_observation(sweep);
				before_observed = false;
				t = skip;
				while (ia + 1 < a->npoints && a->points[ia + 1].m <= t)
					ia++;
				while (ib + 1 < b->npoints && b->points[ib + 1].m <= t)
					ib++;
				sweep->skip_backoff = 0;
			}
			else
			{
				/* close, or fast: try again later, later each time */
				sweep->skip_backoff = Min(2 * sweep->skip_backoff + 1, MAX_SKIP_BACKOFF);
				sweep->skip_wait = sweep->skip_backoff;
			}
		}
	}
	break_observation(sweep);
	if (sweep->top_speed_a)
	{
		pfree(sweep->top_speed_a);
		pfree(sweep->top_speed_b);
	}
}

/*
 * encounters(track_a geometry, track_b geometry, max_distance float8,
 *			  min_duration interval, max_gap interval)
 *	  RETURNS TABLE(encounter int, encounter_start timestamptz,
 *					encounter_end timestamptz, duration interval,
 *					min_distance float8, closest_time timestamptz,
 *					location geometry, speed_a_kn float8, speed_b_kn float8)
 */
PG_FUNCTION_INFO_V1(maritime_encounters);

Datum
maritime_encounters(PG_FUNCTION_ARGS)
{
	EncounterSweep sweep = {0};
	Track		a,
				b;

	InitMaterializedSRF(fcinfo, 0);
	sweep.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	sweep.max_gap = ARG_NO_MAX_GAP;
	if (!PG_ARGISNULL(2))
		sweep.max_distance = maritime_arg_distance(PG_GETARG_FLOAT8(2), "max_distance", false);
	if (!PG_ARGISNULL(3))
		sweep.min_duration = maritime_arg_nonnegative_interval(PG_GETARG_INTERVAL_P(3), "min_duration");
	if (!PG_ARGISNULL(4))
		sweep.max_gap = maritime_arg_positive_interval(PG_GETARG_INTERVAL_P(4), "max_gap");
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();

	maritime_track_read(PG_GETARG_DATUM(0), "track_a", &a);
	maritime_track_read(PG_GETARG_DATUM(1), "track_b", &b);
	if (b.srid != a.srid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("track_b has SRID %d, but track_a has SRID %d", b.srid, a.srid),
				 errhint("Transform one of them, for example with ST_Transform(track_b, %d).",
						 a.srid)));
	if (a.npoints == 0 || b.npoints == 0)
		PG_RETURN_NULL();

	sweep.a = &a;
	sweep.b = &b;
	sweep.metric.geographic = maritime_srid_is_geographic(a.srid);
	maritime_notice_distance_units(fcinfo, sweep.max_distance, "max_distance", a.srid,
								   sweep.metric.geographic);
	sweep_tracks(&sweep);
	PG_RETURN_NULL();
}

/*
 * encounter_box(track geometry, max_distance float8) returns geometry
 *
 * The track's box in space and time, widened by max_distance in space, as
 * the two-vertex LINESTRING M from its low corner to its high one: for the
 * n-D operator &&& and its GiST index (gist_geometry_ops_nd), which prune
 * by time overlap as well as by space.  In lon/lat, max_distance in metres
 * is widened into degrees at the box's highest latitude; the box of a
 * track near a pole spans every longitude.
 */
PG_FUNCTION_INFO_V1(maritime_encounter_box);

Datum
maritime_encounter_box(PG_FUNCTION_ARGS)
{
	double		max_distance = maritime_arg_distance(PG_GETARG_FLOAT8(1), "max_distance", false);
	Track		track;
	TrackPoint	corners[2];
	bool		geographic;
	double		xmin,
				xmax,
				ymin,
				ymax,
				dx,
				dy;

	maritime_track_read(PG_GETARG_DATUM(0), "track", &track);
	if (track.npoints == 0)
		PG_RETURN_NULL();
	track_box(&track, &xmin, &xmax, &ymin, &ymax);
	dx = dy = max_distance;
	geographic = maritime_srid_is_geographic(track.srid);
	maritime_notice_distance_units(fcinfo, max_distance, "max_distance", track.srid,
								   geographic);
	if (geographic)
	{
		/* a degree of latitude on the sphere, with a margin for rounding */
		double		degree_m = EARTH_RADIUS_M * M_PI / 180 * (1 - 1e-9);
		double		top;

		dy = max_distance / degree_m;
		ymin = Max(ymin - dy, -90);
		ymax = Min(ymax + dy, 90);
		top = Max(fabs(ymin), fabs(ymax));
		if (top >= 89.999 || max_distance / (degree_m * cos(deg2rad(top))) >= 180)
		{
			xmin = -180;
			xmax = 180;
		}
		else
		{
			dx = max_distance / (degree_m * cos(deg2rad(top)));
			xmin -= dx;
			xmax += dx;
		}
	}
	else
	{
		xmin -= dx;
		xmax += dx;
		ymin -= dy;
		ymax += dy;
	}
	corners[0].x = xmin;
	corners[0].y = ymin;
	corners[0].m = track.points[0].m;
	corners[1].x = xmax;
	corners[1].y = ymax;
	corners[1].m = track.points[track.npoints - 1].m;
	PG_RETURN_DATUM(maritime_track_make_datum(track.srid, corners, 2));
}
