/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-body-picture.h: the body map as the widget shows it, in cached layers
 *
 * RrBodyPicture keeps the body art rendered at one size in layers (the neutral
 * map, each selected spot's fill and border as masks, the silhouettes) and
 * composes them into one picture. A new level or a new spot only paints the
 * layers again, in a fraction of a millisecond; only a new size, scale or theme
 * renders SVG. The picture matches rr_body_art_render_levels() (tested), which
 * draws it until rr_body_picture_prepare(): the first frame would otherwise parse
 * the SVG once for each kind of layer. */
#pragma once

#include "rr-body-art.h"

G_BEGIN_DECLS

#define RR_TYPE_BODY_PICTURE (rr_body_picture_get_type ())
G_DECLARE_FINAL_TYPE (RrBodyPicture, rr_body_picture, RR, BODY_PICTURE, GObject)

RrBodyPicture       *rr_body_picture_new            (RrBodyArt   *art);

/* The map at width x height (logical pixels) times @scale, with @levels and
 * @active as rr_body_art_render_levels() takes them. Transfer none: valid until
 * the next call; a new surface whenever the picture changes, the same one when it
 * does not (a texture made from it can be kept while the pointer is unchanged). */
cairo_surface_t     *rr_body_picture_render         (RrBodyPicture *self,
                                                     int          width,
                                                     int          height,
                                                     int          scale,
                                                     gboolean     dark,
                                                     GHashTable  *levels,
                                                     const char  *active);

void                 rr_body_picture_prepare        (RrBodyPicture *self);

/* How many SVG renders the layers have taken so far: for tests. */
guint                rr_body_picture_get_n_renders  (RrBodyPicture *self);

G_END_DECLS
