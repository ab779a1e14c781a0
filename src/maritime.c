/*-------------------------------------------------------------------------
 *
 * maritime.c
 *	  Module entry point of the maritime extension.
 *
 * Each SQL-callable function lives in the file of its concern:
 *	  track_agg.c		maritime.track_agg, building tracks from position rows
 *	  port_visits.c		maritime.port_visits (the visits are found in visits.c)
 *	  round_trips.c		maritime.round_trips
 *	  idle_periods.c	maritime.idle_periods
 *	  gaps.c			maritime.gaps
 *	  stops.c			maritime.stops
 *	  clean.c			maritime.clean_track and maritime.outliers
 *	  segments.c		maritime.segments
 *	  encounters.c		maritime.encounters and maritime.encounter_box
 * and they share:
 *	  gserialized.c		PostGIS's on-disk geometry format (plain C, unit-tested)
 *	  geometry.c		geometry arguments and results inside the server
 *	  track.c			a track argument, parsed and checked once per call
 *	  area.c			a port area, indexed for point and crossing tests
 *	  intervals.c		interval arguments and results
 *	  geodesy.c			distances, projections and means on the sphere
 *	  postgis.c			what maritime asks of PostGIS through SQL
 * Differences between PostgreSQL versions live in compat.h only.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
