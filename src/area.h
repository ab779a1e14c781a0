/*-------------------------------------------------------------------------
 *
 * area.h
 *	  A port or other area (POLYGON or MULTIPOLYGON) indexed for fast
 *	  point-in-area tests and segment-boundary crossings.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_AREA_H
#define MARITIME_AREA_H

#include "fmgr.h"

typedef struct AreaEdge
{
	double		ax,
				ay,
				bx,
				by;
	int32		polygon;
} AreaEdge;

typedef struct Area
{
	int32		srid;
	int32		npolygons;
	int32		nedges;
	AreaEdge   *edges;
	double		xmin,
				xmax,
				ymin,
				ymax;			/* extent; empty when xmin > xmax */
	/* a uniform grid over the extent; cell c lists edges from cell_start[c] */
	int			ncols,
				nrows;
	double		cell_width,
				cell_height;
	int32	   *cell_start;
	int32	   *cell_edges;
	uint8	   *cell_state;		/* AREA_CELL_*: cells without edges are
								 * wholly inside or outside, learnt once */
	/* scratch space */
	uint8	   *parity;			/* per polygon */
	int32	   *touched;		/* polygons whose parity is set */
	uint32	   *edge_stamp;		/* per edge: last query that saw it */
	uint32		stamp;
} Area;

#define AREA_CELL_EDGES 0		/* edges cross it: test each point */
#define AREA_CELL_UNKNOWN 1
#define AREA_CELL_OUTSIDE 2
#define AREA_CELL_INSIDE 3

extern void maritime_area_read(Datum datum, const char *argname, Area *area);
extern void maritime_area_notice_vast(FunctionCallInfo fcinfo, const Area *area,
									  const char *argname);
extern bool maritime_area_contains(Area *area, double x, double y);
extern int	maritime_area_segment_crossings(Area *area, double px, double py,
								   double qx, double qy, double *params,
								   int max_params);
extern int	maritime_area_max_crossings(const Area *area);

static inline bool
area_box_overlaps(const Area *area, double xmin, double xmax,
				  double ymin, double ymax)
{
	return !(xmax < area->xmin || xmin > area->xmax ||
			 ymax < area->ymin || ymin > area->ymax);
}

#endif							/* MARITIME_AREA_H */
