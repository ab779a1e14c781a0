/*-------------------------------------------------------------------------
 *
 * postgis.h
 *	  What maritime asks of PostGIS through SQL.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_POSTGIS_H
#define MARITIME_POSTGIS_H

#include "postgres.h"

extern const char *postgis_schema_quoted(void);
extern bool postgis_interiors_intersect(Datum a, Datum b, Oid geometry_type);

#endif							/* MARITIME_POSTGIS_H */
