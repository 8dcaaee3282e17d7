/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-trend.c: a spot's pain over the last days, drawn small */

#include "config.h"

#include "rr-body-art.h"
#include "rr-diary.h"
#include "rr-trend.h"

static void
set_rgba (cairo_t      *cr,
          const double  rgba[4])
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
}

void
rr_trend_draw (cairo_t            *cr,
               GArray             *points,
               gint64              now,
               int                 days,
               double              x,
               double              y,
               double              width,
               double              height,
               const RrTrendStyle *style)
{
  gint64 start = now - (gint64) days * 24 * 3600;
  double bottom = y + height;
  double previous_x = 0, previous_y = 0;

  g_return_if_fail (cr != NULL && points != NULL && style != NULL && now > start);

  cairo_save (cr);

  set_rgba (cr, style->baseline);
  cairo_set_line_width (cr, style->baseline_width);
  cairo_move_to (cr, x, bottom);
  cairo_line_to (cr, x + width, bottom);
  cairo_stroke (cr);

  for (guint i = 0; i < points->len; i++)
    {
      const RrDiaryPoint *p = &g_array_index (points, RrDiaryPoint, i);
      double px = x + width * CLAMP ((double) (p->created - start) / (double) (now - start), 0, 1);
      double py = bottom - height * CLAMP (p->level, 0, 10) / 10.0;
      double r, g, b;

      if (i > 0)
        {
          set_rgba (cr, style->line);
          cairo_set_line_width (cr, style->line_width);
          cairo_move_to (cr, previous_x, previous_y);
          cairo_line_to (cr, px, py);
          cairo_stroke (cr);
        }
      previous_x = px;
      previous_y = py;

      rr_body_art_level_color (CLAMP (p->level, 0, RR_BODY_ART_MAX_LEVEL), &r, &g, &b);
      cairo_set_source_rgb (cr, r, g, b);
      cairo_new_sub_path (cr);
      cairo_arc (cr, px, py, style->dot_radius, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      set_rgba (cr, style->outline);
      cairo_set_line_width (cr, style->outline_width);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}
