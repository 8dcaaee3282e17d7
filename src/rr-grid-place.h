/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-grid-place.h: side by side or stacked, in a GtkGrid
 *
 * The pages use grids, not horizontal boxes, wherever a child holds wrapping
 * text: GTK 4.8's box measures such a child at a series of trial heights (a
 * bisection), and a wrapping label answers each with a bisection of its own,
 * a dozen Pango layouts where a grid needs one.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Puts @child in the @index-th column of @grid, or its @index-th row when @stacked. */
static inline void
rr_grid_place (GtkGrid   *grid,
               GtkWidget *child,
               int        index,
               gboolean   stacked)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (grid));
  GtkGridLayoutChild *place = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, child));

  gtk_grid_layout_child_set_column (place, stacked ? 0 : index);
  gtk_grid_layout_child_set_row (place, stacked ? index : 0);
}

G_END_DECLS
