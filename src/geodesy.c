/*-------------------------------------------------------------------------
 *
 * geodesy.c
 *	  The gnomonic projection and mean positions on the sphere.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"

#include "geodesy.h"

void
maritime_gnomonic_init(Gnomonic *projection, double lon0, double lat0)
{
	projection->lon0 = lon0;
	projection->sin_lat0 = sin(deg2rad(lat0));
	projection->cos_lat0 = cos(deg2rad(lat0));
}

/*
 * Project (lon, lat); false when the point is 90 degrees or more from the
 * centre, where the projection does not reach.
 */
bool
maritime_gnomonic_project(const Gnomonic *projection, double lon, double lat,
				 double *x, double *y)
{
	double		dlon = deg2rad(lon - projection->lon0);
	double		sin_lat = sin(deg2rad(lat));
	double		cos_lat = cos(deg2rad(lat));
	double		cos_c = projection->sin_lat0 * sin_lat +
		projection->cos_lat0 * cos_lat * cos(dlon);

	if (!(cos_c > 1e-9))
		return false;
	*x = cos_lat * sin(dlon) / cos_c;
	*y = (projection->cos_lat0 * sin_lat -
		  projection->sin_lat0 * cos_lat * cos(dlon)) / cos_c;
	return true;
}

/*
 * The mean position of n points (every stride-th double of xs and ys).  For
 * lon/lat the mean of the unit vectors, turned back into lon/lat, so that
 * stops across the antimeridian or around a pole are where they belong.
 */
void
maritime_mean_position(bool geographic, const double *xs, const double *ys, int64 n,
			  int64 stride, double *mean_x, double *mean_y)
{
	double		sx = 0,
				sy = 0,
				sz = 0;
	int64		i;

	for (i = 0; i < n; i++)
	{
		double		x = xs[i * stride];
		double		y = ys[i * stride];

		if (geographic)
		{
			double		cos_lat = cos(deg2rad(y));

			sx += cos_lat * cos(deg2rad(x));
			sy += cos_lat * sin(deg2rad(x));
			sz += sin(deg2rad(y));
		}
		else
		{
			sx += x;
			sy += y;
		}
		if ((i & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
	}
	if (!geographic)
	{
		*mean_x = sx / n;
		*mean_y = sy / n;
		return;
	}
	*mean_x = atan2(sy, sx) * (180.0 / M_PI);
	*mean_y = atan2(sz, hypot(sx, sy)) * (180.0 / M_PI);
}
