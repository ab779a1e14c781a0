/*-------------------------------------------------------------------------
 *
 * geometry.h
 *	  Reading and writing PostGIS geometry Datums inside the server.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_GEOMETRY_H
#define MARITIME_GEOMETRY_H

#include "compat.h"
#include "fmgr.h"
#include "gserialized.h"

pg_noreturn extern void maritime_geom_report_malformed(const char *argname, GserStatus status);
extern void maritime_geom_read_datum(Datum datum, const char *argname, GserGeom *geom);
extern Datum maritime_geom_point_datum(int32 srid, double x, double y);
extern void maritime_arg_same_srid(int32 srid, const char *name, int32 track_srid);
extern double maritime_arg_distance(double distance, const char *name, bool zero_allowed);
extern bool maritime_first_notice(FunctionCallInfo fcinfo);
extern void maritime_notice_distance_units(FunctionCallInfo fcinfo, double distance,
										   const char *name, int32 srid, bool geographic);

#endif							/* MARITIME_GEOMETRY_H */
