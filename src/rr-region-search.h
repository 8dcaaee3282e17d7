/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-region-search.h: find a body region by name, the second way to choose
 *
 * A search entry over a list of regions by translated name. The filter
 * matches every typed word against the name and the id, ignoring case, so
 * "knee" lists the knee zones of both sides and "left knee" only the left.
 * Activating a row (click, Enter on it, or Enter in the entry for the first
 * match) emits "region-activated". Selected regions carry a check mark.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RR_TYPE_REGION_SEARCH (rr_region_search_get_type ())
G_DECLARE_FINAL_TYPE (RrRegionSearch, rr_region_search, RR, REGION_SEARCH, GtkWidget)

GtkWidget   *rr_region_search_new           (void);
/* @names: region id -> translated name; one row each, sorted by name */
void         rr_region_search_set_regions   (RrRegionSearch *self,
                                             GHashTable     *names);
void         rr_region_search_set_selected  (RrRegionSearch *self,
                                             const char     *region,
                                             gboolean        selected);
void         rr_region_search_set_text      (RrRegionSearch *self,
                                             const char     *text);
/* Ids of the rows the filter shows, in display order (transfer full). */
char       **rr_region_search_get_visible   (RrRegionSearch *self);

G_END_DECLS
