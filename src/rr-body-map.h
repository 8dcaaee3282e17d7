/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-body-map.h: the clickable body map
 *
 * Shows the body art (front, back, soles); clicking a region, or pressing
 * Enter or Space on it, toggles a spot. Selected spots are painted in the
 * pain-scale colour of their level. The widget knows regions by id only;
 * names come from rr_body_map_set_region_names() and rules live elsewhere.
 *
 * Keyboard: Tab enters the map on one region; the arrow keys move to the
 * nearest region in that direction; Enter or Space toggles; Escape hides
 * the hover and focus highlight. Every region is an accessible toggle button
 * named after the region.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RR_TYPE_BODY_MAP (rr_body_map_get_type ())
G_DECLARE_FINAL_TYPE (RrBodyMap, rr_body_map, RR, BODY_MAP, GtkWidget)

GtkWidget   *rr_body_map_new              (void);

/* @names: region id -> translated name; copied. A region without a name is
 * shown by its id. */
void         rr_body_map_set_region_names (RrBodyMap   *self,
                                           GHashTable  *names);
const char  *rr_body_map_get_region_name  (RrBodyMap   *self,
                                           const char  *region);

/* Programmatic changes emit "selection-changed" but not "region-toggled". */
void         rr_body_map_set_selected     (RrBodyMap   *self,
                                           const char  *region,
                                           gboolean     selected);
gboolean     rr_body_map_get_selected     (RrBodyMap   *self,
                                           const char  *region);
/* Level 0..10 of a spot, for its colour; a spot selected by a click starts at
 * the "default-level" property (5 unless set). */
void         rr_body_map_set_level        (RrBodyMap   *self,
                                           const char  *region,
                                           int          level);
int          rr_body_map_get_level        (RrBodyMap   *self,
                                           const char  *region);
void         rr_body_map_set_default_level (RrBodyMap  *self,
                                           int          level);
/* Shows exactly @regions (NULL-terminated, in that order) as selected, each at its
 * level in @levels: what a model says, in one change and one "selection-changed". */
void         rr_body_map_set_levels       (RrBodyMap          *self,
                                           const char * const *regions,
                                           const int          *levels);
/* The spot being edited, drawn with a strong outline; may be NULL. */
void         rr_body_map_set_active       (RrBodyMap   *self,
                                           const char  *region);
const char  *rr_body_map_get_active       (RrBodyMap   *self);
/* Selected region ids in the order they were selected (transfer full). */
char       **rr_body_map_get_selection    (RrBodyMap   *self);
void         rr_body_map_clear            (RrBodyMap   *self);
const char  *rr_body_map_get_hovered_region (RrBodyMap *self);

G_END_DECLS
