/*-------------------------------------------------------------------------
 *
 * maritime.c
 *	  Module entry point of the maritime extension.
 *
 * Each SQL-callable function lives in the file of its concern:
 *	  track_agg.c	building tracks from position rows
 * and reads and writes geometries through geometry.c / gserialized.c.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
