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
#include "gserialized.h"

pg_noreturn extern void geom_report_malformed(const char *argname, GserStatus status);
extern void geom_read_datum(Datum datum, const char *argname, GserGeom *geom);
extern Datum geom_point_datum(int32 srid, double x, double y);

#endif							/* MARITIME_GEOMETRY_H */
