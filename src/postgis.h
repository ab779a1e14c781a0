/*-------------------------------------------------------------------------
 *
 * postgis.h
 *	  What maritime asks of PostGIS through SQL: its schema, whether an
 *	  SRID is longitude/latitude, and whether two areas overlap.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_POSTGIS_H
#define MARITIME_POSTGIS_H

extern const char *maritime_postgis_schema_quoted(void);
extern bool maritime_srid_is_geographic(int32 srid);
extern bool maritime_postgis_interiors_intersect(Datum a, Datum b, Oid geometry_type);

#endif							/* MARITIME_POSTGIS_H */
