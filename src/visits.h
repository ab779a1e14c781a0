/*-------------------------------------------------------------------------
 *
 * visits.h
 *	  When is a track inside an area?  Shared by port_visits and
 *	  round_trips.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_VISITS_H
#define MARITIME_VISITS_H

#include "area.h"
#include "track.h"

typedef struct Visit
{
	TimestampTz arrival;
	TimestampTz departure;
	int32		fixes;			/* track vertices inside the visit */
	int64		dark_usecs;		/* time in dark segments inside the visit */
	int64		absent_usecs;	/* time outside, between visits merged into
								 * this one */
	bool		open_start;
	bool		open_end;
} Visit;

typedef struct VisitList
{
	Visit	   *visits;
	int32		count;
	int32		capacity;
} VisitList;

extern void maritime_visits_compute(const Track *track, Area *area, int64 max_gap,
						   int64 min_dwell, int64 min_absence,
						   VisitList *list);

#endif							/* MARITIME_VISITS_H */
