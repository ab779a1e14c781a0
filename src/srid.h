/*-------------------------------------------------------------------------
 *
 * srid.h
 *	  Is an SRID a longitude/latitude system?  Looked up once, then cached.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_SRID_H
#define MARITIME_SRID_H

#include "postgres.h"

extern bool srid_is_geographic(int32 srid);

#endif							/* MARITIME_SRID_H */
