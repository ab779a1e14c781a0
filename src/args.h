/*-------------------------------------------------------------------------
 *
 * args.h
 *	  Checking the interval and number arguments of the analyses.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_ARGS_H
#define MARITIME_ARGS_H

#include "postgres.h"

#include "datatype/timestamp.h"

#define ARG_NO_MAX_GAP (-1)

extern int64 interval_usecs(const Interval *interval);
extern int64 arg_nonnegative_interval(const Interval *interval, const char *name);
extern int64 arg_positive_interval(const Interval *interval, const char *name);
extern Datum usecs_interval_datum(int64 usecs);
extern Datum timestamp_difference_datum(TimestampTz later, TimestampTz earlier);
extern void arg_same_srid(int32 srid, const char *name, int32 track_srid);

#endif							/* MARITIME_ARGS_H */
