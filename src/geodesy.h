/*-------------------------------------------------------------------------
 *
 * geodesy.h
 *	  Distances in metres on the sphere for geographic SRIDs, in CRS units
 *	  for the others, and the local projection stop detection needs.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_GEODESY_H
#define MARITIME_GEODESY_H

#include <math.h>

/* Mean earth radius (IUGG), the sphere the SPEC measures on */
#define EARTH_RADIUS_M 6371008.8
#define METRES_PER_NAUTICAL_MILE 1852.0

/* A metric for one track: haversine metres or planar units */
typedef struct Metric
{
	bool		geographic;
} Metric;

static inline double
deg2rad(double degrees)
{
	return degrees * (M_PI / 180.0);
}

/* Great-circle distance in metres between two lon/lat points (haversine) */
static inline double
haversine_m(double lon1, double lat1, double lon2, double lat2)
{
	double		sin_dlat = sin(deg2rad(lat2 - lat1) / 2);
	double		sin_dlon = sin(deg2rad(lon2 - lon1) / 2);
	double		h = sin_dlat * sin_dlat +
		cos(deg2rad(lat1)) * cos(deg2rad(lat2)) * sin_dlon * sin_dlon;

	return 2 * EARTH_RADIUS_M * asin(sqrt(Min(h, 1.0)));
}

static inline double
metric_distance(const Metric *metric, double x1, double y1, double x2, double y2)
{
	if (metric->geographic)
		return haversine_m(x1, y1, x2, y2);
	return hypot(x2 - x1, y2 - y1);
}

/*
 * A key whose squared distance to another point's key grows with the true
 * distance between the points: the unit vector for lon/lat (the chord
 * grows with the great-circle distance, and is at most the arc in radians),
 * the coordinates for planar SRIDs.  Comparing keys costs a few
 * multiplications instead of a haversine.
 */
static inline void
metric_key(const Metric *metric, double x, double y, double *key)
{
	if (metric->geographic)
	{
		double		cos_lat = cos(deg2rad(y));

		key[0] = cos_lat * cos(deg2rad(x));
		key[1] = cos_lat * sin(deg2rad(x));
		key[2] = sin(deg2rad(y));
	}
	else
	{
		key[0] = x;
		key[1] = y;
		key[2] = 0;
	}
}

static inline double
key_distance2(const double *a, const double *b)
{
	double		dx = a[0] - b[0];
	double		dy = a[1] - b[1];
	double		dz = a[2] - b[2];

	return dx * dx + dy * dy + dz * dz;
}

/* Speed in knots of a distance (metres, or planar units taken as metres) */
static inline double
speed_knots(double distance, double seconds)
{
	return distance / seconds * 3600.0 / METRES_PER_NAUTICAL_MILE;
}

/*
 * Gnomonic projection centred on a point: great circles become straight
 * lines, so the convex hull of projected points is the projection of their
 * spherical convex hull.  Valid within 90 degrees of the centre.
 */
typedef struct Gnomonic
{
	double		lon0;
	double		sin_lat0;
	double		cos_lat0;
} Gnomonic;

extern void maritime_gnomonic_init(Gnomonic *projection, double lon0, double lat0);
extern bool maritime_gnomonic_project(const Gnomonic *projection, double lon, double lat,
							 double *x, double *y);
extern void maritime_mean_position(bool geographic, const double *xs, const double *ys,
						  int64 n, int64 stride, double *mean_x, double *mean_y);

#endif							/* MARITIME_GEODESY_H */
