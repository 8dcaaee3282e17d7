/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-trend.h: a spot's pain over the last days, drawn small
 *
 * The same chart on the diary page and on the printed sheet: time runs to the right
 * over @days days up to @now, the baseline is no pain and the top of the box is 10;
 * each entry is a dot in its level's colour, joined in order.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double baseline[4];      /* RGBA of the no-pain line */
  double baseline_width;
  double line[4];          /* RGBA of the lines between entries */
  double line_width;
  double dot_radius;
  double outline[4];       /* RGBA of the dots' rims */
  double outline_width;
} RrTrendStyle;

/* @points: RrDiaryPoint, oldest first; the box is x, y, width, height in user units. */
void rr_trend_draw (cairo_t            *cr,
                    GArray             *points,
                    gint64              now,
                    int                 days,
                    double              x,
                    double              y,
                    double              width,
                    double              height,
                    const RrTrendStyle *style);

G_END_DECLS
