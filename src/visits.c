/*-------------------------------------------------------------------------
 *
 * visits.c
 *	  Port visits: the maximal time intervals a track spends inside an
 *	  area.  port_visits.c and round_trips.c are the SQL functions.
 *
 * Between two vertices the vessel moves in a straight line at constant
 * speed, so on an ordinary segment the times inside the (closed) area are
 * found exactly: the segment is cut where it meets the boundary and each
 * piece is classified by its midpoint.  A dark segment (longer than
 * max_gap) is never interpolated: only its end vertices are looked at.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/timestamp.h"

#include "intervals.h"
#include "visits.h"

/* The state of the scan along the track */
typedef struct VisitScan
{
	VisitList  *list;
	bool		in_visit;
	Visit		current;
	TimestampTz last_departure; /* of the last visit ended, to join touches */
	bool		have_last;
} VisitScan;

static void
visit_list_append(VisitList *list, const Visit *visit)
{
	if (list->count == list->capacity)
	{
		list->capacity = list->capacity ? list->capacity * 2 : 8;
		list->visits = list->visits ?
			repalloc(list->visits, sizeof(Visit) * list->capacity) :
			palloc(sizeof(Visit) * list->capacity);
	}
	list->visits[list->count++] = *visit;
}

/*
 * Begin a visit at time t.  A visit ending and the next starting within the
 * same microsecond are one visit (the vessel ran along or through a vertex
 * of the boundary), so the last one is reopened instead.
 */
static void
scan_arrive(VisitScan *scan, TimestampTz t, bool open_start)
{
	if (scan->in_visit)
		return;
	scan->in_visit = true;
	if (scan->have_last && t <= scan->last_departure)
	{
		scan->have_last = false;
		return;					/* scan->current still holds that visit */
	}
	if (scan->have_last)
	{
		/* the previous visit is final now */
		visit_list_append(scan->list, &scan->current);
		scan->have_last = false;
	}
	memset(&scan->current, 0, sizeof(Visit));
	scan->current.arrival = t;
	scan->current.open_start = open_start;
}

static void
scan_depart(VisitScan *scan, TimestampTz t)
{
	if (!scan->in_visit)
		return;
	scan->in_visit = false;
	scan->current.departure = t;
	scan->last_departure = t;
	scan->have_last = true;
}

static void
scan_finish(VisitScan *scan)
{
	if (scan->have_last)
		visit_list_append(scan->list, &scan->current);
	scan->have_last = false;
}

/*
 * Join consecutive visits whose absence between them (next arrival minus
 * previous departure) is shorter than min_absence, then leave out the
 * visits shorter than min_dwell.  Merging comes first, so a call that a
 * ragged port outline split into short pieces counts with its whole dwell.
 */
static void
visits_merge_and_filter(VisitList *list, int64 min_absence, int64 min_dwell)
{
	Visit		merged;
	int32		kept = 0;
	int32		i;

	if (list->count == 0)
		return;
	merged = list->visits[0];
	for (i = 1; i <= list->count; i++)
	{
		const Visit *next = i < list->count ? &list->visits[i] : NULL;
		int64		absence = 0;

		if (next != NULL)
			absence = usecs_between(merged.departure, next->arrival);
		if (next != NULL && absence < min_absence)
		{
			merged.departure = next->departure;
			merged.open_end = next->open_end;
			merged.fixes += next->fixes;
			merged.dark_usecs = usecs_add(merged.dark_usecs, next->dark_usecs);
			merged.absent_usecs = usecs_add(merged.absent_usecs, absence);
			continue;
		}
		/* "merged" is final: i > kept, so writing in place is safe */
		if (usecs_between(merged.arrival, merged.departure) >= min_dwell)
			list->visits[kept++] = merged;
		if (next != NULL)
			merged = *next;
	}
	list->count = kept;
}

static int
compare_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/*
 * Walk one ordinary segment a -> b whose end vertices are inside or not as
 * in_a and in_b.  "params" has room for maritime_area_max_crossings(area) values;
 * "inside" for as many flags.
 */
static void
scan_segment(VisitScan *scan, Area *area, const TrackPoint *a, const TrackPoint *b,
			 bool in_a, bool in_b, double *params, bool *mid_inside)
{
	int			n;
	int			k;

	n = maritime_area_segment_crossings(area, a->x, a->y, b->x, b->y,
							   params + 1, maritime_area_max_crossings(area) - 2);
	if (n == 0 && in_a == in_b)
		return;					/* wholly inside or wholly outside */

	/* cut points: 0, the crossings, 1; sorted and unique */
	params[0] = 0.0;
	params[n + 1] = 1.0;
	n += 2;
	qsort(params, n, sizeof(double), compare_double);
	{
		int			unique = 1;

		for (k = 1; k < n; k++)
			if (params[k] != params[unique - 1])
				params[unique++] = params[k];
		n = unique;
	}

	for (k = 0; k + 1 < n; k++)
	{
		double		s = (params[k] + params[k + 1]) / 2;

		mid_inside[k] = maritime_area_contains(area, a->x + s * (b->x - a->x),
									  a->y + s * (b->y - a->y));
		/* a segment across a long, jagged area may have many thousands */
		if ((k & 0xFF) == 0xFF)
			CHECK_FOR_INTERRUPTS();
	}

	/*
	 * The inside set is closed: a cut point is inside if it is a vertex
	 * inside, or borders an inside piece, or is itself inside (a touch).
	 */
	for (k = 0; k < n; k++)
	{
		double		s = params[k];
		bool		inside;

		if (k == 0)
			inside = in_a;
		else if (k == n - 1)
			inside = in_b;
		else
			inside = maritime_area_contains(area, a->x + s * (b->x - a->x),
								   a->y + s * (b->y - a->y));
		if ((k & 0xFF) == 0xFF)
			CHECK_FOR_INTERRUPTS();
		inside = inside || (k > 0 && mid_inside[k - 1]) ||
			(k + 1 < n && mid_inside[k]);

		if (inside && !scan->in_visit)
			scan_arrive(scan, maritime_track_seconds_to_timestamp(a->m + s * (b->m - a->m)), false);
		if (k + 1 < n && scan->in_visit && !mid_inside[k])
			scan_depart(scan, maritime_track_seconds_to_timestamp(a->m + s * (b->m - a->m)));
	}
}

/*
 * All visits of the track to the area, those separated by less than
 * min_absence merged, with dwell >= min_dwell, in time order.  max_gap is
 * ARG_NO_MAX_GAP when no segment is dark.
 */
void
maritime_visits_compute(const Track *track, Area *area, int64 max_gap, int64 min_dwell,
			   int64 min_absence, VisitList *list)
{
	VisitScan	scan;
	double	   *params;
	bool	   *mid_inside;
	uint32		i;

	memset(list, 0, sizeof(VisitList));
	if (track->npoints == 0 || area->nedges == 0)
		return;
	/* the stored box says the track never comes near: nothing to do */
	if (track->has_box &&
		!area_box_overlaps(area, track->box_xmin, track->box_xmax,
						   track->box_ymin, track->box_ymax))
		return;

	memset(&scan, 0, sizeof(scan));
	scan.list = list;
	params = palloc(sizeof(double) * maritime_area_max_crossings(area));
	mid_inside = palloc(sizeof(bool) * maritime_area_max_crossings(area));

	if (maritime_area_contains(area, track->points[0].x, track->points[0].y))
	{
		scan_arrive(&scan, track_time(track, 0), true);
		scan.current.fixes = 1;
	}

	for (i = 1; i < track->npoints; i++)
	{
		const TrackPoint *a = &track->points[i - 1];
		const TrackPoint *b = &track->points[i];
		bool		in_b;

		/* one segment can take long against a large area: check each */
		CHECK_FOR_INTERRUPTS();

		/*
		 * Most of a track is far from the port: outside a visit, a segment
		 * that misses the area's box neither enters nor ends inside.
		 */
		if (!scan.in_visit &&
			!area_box_overlaps(area, Min(a->x, b->x), Max(a->x, b->x),
							   Min(a->y, b->y), Max(a->y, b->y)))
			continue;

		in_b = maritime_area_contains(area, b->x, b->y);

		if (max_gap != ARG_NO_MAX_GAP &&
			usecs_between(track_time(track, i - 1), track_time(track, i)) > max_gap)
		{
			/* dark: the position in between is unknown */
			if (scan.in_visit && in_b)
				scan.current.dark_usecs = usecs_add(scan.current.dark_usecs,
													usecs_between(track_time(track, i - 1),
																  track_time(track, i)));
			else if (scan.in_visit)
				scan_depart(&scan, track_time(track, i - 1));
			else if (in_b)
				scan_arrive(&scan, track_time(track, i), false);
		}
		else
			scan_segment(&scan, area, a, b, scan.in_visit, in_b, params, mid_inside);

		if (in_b)
		{
			if (!scan.in_visit)
				scan_arrive(&scan, track_time(track, i), false);
			scan.current.fixes++;
		}
	}

	if (scan.in_visit)
	{
		scan_depart(&scan, track_time(track, track->npoints - 1));
		scan.current.open_end = true;
	}
	scan_finish(&scan);
	pfree(params);
	pfree(mid_inside);
	visits_merge_and_filter(list, min_absence, min_dwell);
}
