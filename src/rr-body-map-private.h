/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-body-map-private.h: the paths user input takes, for tests */
#pragma once

#include "rr-body-map.h"

G_BEGIN_DECLS

/* What a primary click at widget coordinates does (the gesture calls it). */
void         rr_body_map_click_at         (RrBodyMap       *self,
                                           double           x,
                                           double           y);
/* What a key press on the map does (the key controller calls it). */
gboolean     rr_body_map_key_pressed      (RrBodyMap       *self,
                                           guint            keyval,
                                           GdkModifierType  state);
/* What pointer motion does (the motion controller calls it). */
void         rr_body_map_hover_at         (RrBodyMap       *self,
                                           double           x,
                                           double           y);
const char  *rr_body_map_region_at        (RrBodyMap       *self,
                                           double           x,
                                           double           y);
gboolean     rr_body_map_get_region_point (RrBodyMap       *self,
                                           const char      *region,
                                           double          *x,
                                           double          *y);
const char  *rr_body_map_get_focus_region (RrBodyMap       *self);
GtkWidget   *rr_body_map_get_spot         (RrBodyMap       *self,
                                           const char      *region);

G_END_DECLS
