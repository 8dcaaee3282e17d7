/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-body-art.h: the body map artwork (data/body-map.svg), without widgets
 *
 * RrBodyArt parses the SVG once and answers geometric questions in document
 * coordinates (the SVG's user units, origin top left): which region is at a
 * point, where a region's centre is, and it renders the map on any cairo
 * context with colours given by a stylesheet, so the widget and the printed
 * sheet draw the same picture.
 *
 * Region ids are the shared vocabulary ("left-knee-outer", "head", ...). An
 * element of the SVG is a region shape when its class contains "region"; its
 * id is the region id, optionally followed by "--suffix" for a second shape
 * of the same region (for instance "left-heel--back"). The views are "front",
 * "back" and "soles"; each has an element "outline-VIEW" (the silhouette).
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define RR_TYPE_BODY_ART (rr_body_art_get_type ())
G_DECLARE_FINAL_TYPE (RrBodyArt, rr_body_art, RR, BODY_ART, GObject)

#define RR_BODY_ART_RESOURCE "/io/github/runorrest/RunOrRest/body-map.svg"
#define RR_BODY_ART_MAX_LEVEL 10

/* Loading. get_default() loads RR_BODY_ART_RESOURCE the first time and
 * returns a singleton that lives as long as the process (transfer none). */
RrBodyArt           *rr_body_art_new_from_bytes     (GBytes      *bytes,
                                                     GError     **error);
RrBodyArt           *rr_body_art_new_from_resource  (const char  *path,
                                                     GError     **error);
RrBodyArt           *rr_body_art_get_default        (void);

/* Geometry, in document units. region_at() tests the real shapes and returns
 * an interned id or NULL outside the body; count_regions_at() is for tests
 * (1 inside the body, 0 outside); get_region_center() is the point of the
 * region's largest shape farthest from its edges; get_region_bounds() boxes
 * all its shapes; get_region_view() is "front", "back" or "soles". */
/* The shapes' geometry is worked out on first use (about 10 ms); analyse()
 * does it now, for callers that can afford it at a quiet moment. */
gboolean             rr_body_art_is_analysed        (RrBodyArt   *self);
void                 rr_body_art_analyse            (RrBodyArt   *self);

void                 rr_body_art_get_size           (RrBodyArt   *self,
                                                     double      *width,
                                                     double      *height);
const char * const  *rr_body_art_get_regions        (RrBodyArt   *self);
gboolean             rr_body_art_has_region         (RrBodyArt   *self,
                                                     const char  *region);
const char          *rr_body_art_region_at          (RrBodyArt   *self,
                                                     double       x,
                                                     double       y);
guint                rr_body_art_count_regions_at   (RrBodyArt   *self,
                                                     double       x,
                                                     double       y);
gboolean             rr_body_art_contains           (RrBodyArt   *self,
                                                     double       x,
                                                     double       y);
gboolean             rr_body_art_get_region_center  (RrBodyArt   *self,
                                                     const char  *region,
                                                     double      *x,
                                                     double      *y);
gboolean             rr_body_art_get_region_bounds  (RrBodyArt   *self,
                                                     const char  *region,
                                                     double      *x,
                                                     double      *y,
                                                     double      *width,
                                                     double      *height);
const char          *rr_body_art_get_region_view    (RrBodyArt   *self,
                                                     const char  *region);

/* Fitting the document into a width x height box (aspect kept, centred):
 * device = doc * scale + offset. */
void                 rr_body_art_get_transform      (RrBodyArt   *self,
                                                     double       width,
                                                     double       height,
                                                     double      *scale,
                                                     double      *x_offset,
                                                     double      *y_offset);

/* Styling. @levels maps region id (char *) to GINT_TO_POINTER (level 0..10);
 * a region present in @levels is a selected spot, drawn in the level colour.
 * @active (may be NULL) is the spot being edited, drawn with a strong
 * outline. The result is CSS for rsvg_handle_set_stylesheet(). */
char                *rr_body_art_build_stylesheet   (RrBodyArt   *self,
                                                     gboolean     dark,
                                                     GHashTable  *levels,
                                                     const char  *active);
char                *rr_body_art_build_highlight_stylesheet (RrBodyArt *self,
                                                     gboolean     dark,
                                                     gboolean     strong);
void                 rr_body_art_level_color        (int          level,
                                                     double      *red,
                                                     double      *green,
                                                     double      *blue);

/* The map in layers, for a widget that composes it itself: the neutral map
 * (rr_body_art_render with a NULL-levels stylesheet), then for each selected
 * spot its fill and its border, then the silhouettes over everything. Each part
 * is rendered once as a coverage mask and painted in its colour with
 * cairo_mask_surface(), so a new level costs no SVG work at all. @region is NULL
 * for RR_BODY_ART_PART_OUTLINES. */
typedef enum
{
  RR_BODY_ART_PART_FILL,
  RR_BODY_ART_PART_BORDER,         /* a selected spot's */
  RR_BODY_ART_PART_ACTIVE_BORDER,  /* the spot being edited */
  RR_BODY_ART_PART_OUTLINES,       /* the silhouettes */
  RR_BODY_ART_N_PARTS
} RrBodyArtPart;

/* Parses the SVG in the parts' stylesheets now rather than at the first part drawn. */
void                 rr_body_art_prepare_parts      (RrBodyArt   *self);
void                 rr_body_art_render_part        (RrBodyArt   *self,
                                                     cairo_t     *cr,
                                                     double       width,
                                                     double       height,
                                                     const char  *region,
                                                     RrBodyArtPart part);
void                 rr_body_art_get_part_color     (RrBodyArtPart part,
                                                     gboolean     dark,
                                                     int          level,
                                                     double      *red,
                                                     double      *green,
                                                     double      *blue);

/* Rendering, scaled into width x height as rr_body_art_get_transform().
 * @stylesheet may be NULL for the file's neutral defaults. */
void                 rr_body_art_render             (RrBodyArt   *self,
                                                     cairo_t     *cr,
                                                     double       width,
                                                     double       height,
                                                     const char  *stylesheet);
void                 rr_body_art_render_region      (RrBodyArt   *self,
                                                     cairo_t     *cr,
                                                     double       width,
                                                     double       height,
                                                     const char  *region,
                                                     const char  *stylesheet);
/* The whole map with selected spots coloured by level, selected shapes drawn
 * last so their outline is complete: what the widget caches and what the
 * printed sheet draws. */
void                 rr_body_art_render_levels      (RrBodyArt   *self,
                                                     cairo_t     *cr,
                                                     double       width,
                                                     double       height,
                                                     gboolean     dark,
                                                     GHashTable  *levels,
                                                     const char  *active);

G_END_DECLS
