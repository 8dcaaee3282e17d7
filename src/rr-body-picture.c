/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "rr-body-picture.h"

/* One part of one spot, rendered once per size as coverage. */
typedef struct
{
  cairo_surface_t *surface;   /* A8 at the device scale; NULL when nothing shows */
  int              x, y;      /* logical pixels */
  gboolean         rendered;
} Mask;

/* The parts of a spot, indexed by RrBodyArtPart up to the outlines. */
typedef struct
{
  Mask parts[RR_BODY_ART_PART_OUTLINES];
} Spot;

struct _RrBodyPicture
{
  GObject          parent_instance;

  RrBodyArt       *art;

  /* the look every layer below was rendered for */
  int              width;
  int              height;
  int              scale;
  gboolean         dark;

  cairo_surface_t *base;      /* the neutral map, no spots */
  Mask             outlines;
  GHashTable      *spots;     /* interned region -> Spot */

  char            *key;       /* the levels and active spot of the composite */
  cairo_surface_t *composite;
  gboolean         layered;   /* after rr_body_picture_prepare() */

  guint            n_renders;
};

G_DEFINE_FINAL_TYPE (RrBodyPicture, rr_body_picture, G_TYPE_OBJECT)

static void
mask_clear (Mask *mask)
{
  g_clear_pointer (&mask->surface, cairo_surface_destroy);
  mask->rendered = FALSE;
}

static void
spot_free (gpointer data)
{
  Spot *spot = data;

  for (guint i = 0; i < G_N_ELEMENTS (spot->parts); i++)
    mask_clear (&spot->parts[i]);
  g_free (spot);
}

static void
rr_body_picture_finalize (GObject *object)
{
  RrBodyPicture *self = RR_BODY_PICTURE (object);

  g_clear_object (&self->art);
  g_clear_pointer (&self->base, cairo_surface_destroy);
  mask_clear (&self->outlines);
  g_clear_pointer (&self->spots, g_hash_table_unref);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->composite, cairo_surface_destroy);

  G_OBJECT_CLASS (rr_body_picture_parent_class)->finalize (object);
}

static void
rr_body_picture_class_init (RrBodyPictureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rr_body_picture_finalize;
}

static void
rr_body_picture_init (RrBodyPicture *self)
{
  self->spots = g_hash_table_new_full (NULL, NULL, NULL, spot_free);
}

RrBodyPicture *
rr_body_picture_new (RrBodyArt *art)
{
  RrBodyPicture *self;

  g_return_val_if_fail (RR_IS_BODY_ART (art), NULL);

  self = g_object_new (RR_TYPE_BODY_PICTURE, NULL);
  self->art = g_object_ref (art);
  return self;
}

guint
rr_body_picture_get_n_renders (RrBodyPicture *self)
{
  g_return_val_if_fail (RR_IS_BODY_PICTURE (self), 0);

  return self->n_renders;
}

/* ------------------------------------------------------------------------------ */

static cairo_surface_t *
new_surface (cairo_format_t format,
             int            width,
             int            height,
             int            scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (format, width * scale, height * scale);

  cairo_surface_set_device_scale (surface, scale, scale);
  return surface;
}

static void
ensure_mask (RrBodyPicture *self,
             Mask          *mask,
             const char    *region,
             RrBodyArtPart  part)
{
  cairo_surface_t *recording;
  double x, y, width, height;
  int x1, y1;
  cairo_t *cr;

  if (mask->rendered)
    return;
  mask->rendered = TRUE;
  self->n_renders++;

  /* Recorded first, to learn the part's own box: a spot's mask is a few kilobytes,
   * not a whole map, and the replay is as sharp at any scale. */
  recording = cairo_recording_surface_create (CAIRO_CONTENT_ALPHA, NULL);
  cr = cairo_create (recording);
  rr_body_art_render_part (self->art, cr, self->width, self->height, region, part);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (recording, &x, &y, &width, &height);

  if (width > 0 && height > 0)
    {
      /* a pixel more on each side: cairo's ink extents of a stroke can fall short of
       * its anti-aliased rim */
      x1 = (int) floor (x) - 1;
      y1 = (int) floor (y) - 1;
      mask->surface = new_surface (CAIRO_FORMAT_A8, (int) ceil (x + width) + 1 - x1,
                                   (int) ceil (y + height) + 1 - y1, self->scale);
      mask->x = x1;
      mask->y = y1;
      cr = cairo_create (mask->surface);
      cairo_set_source_surface (cr, recording, -x1, -y1);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (recording);
}

static void
paint_mask (RrBodyPicture *self,
            cairo_t       *cr,
            Mask          *mask,
            const char    *region,
            RrBodyArtPart  part,
            int            level)
{
  double r, g, b;

  ensure_mask (self, mask, region, part);
  if (mask->surface == NULL)
    return;
  rr_body_art_get_part_color (part, self->dark, level, &r, &g, &b);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_mask_surface (cr, mask->surface, mask->x, mask->y);
}

/* A spot as rr_body_art_render_levels() draws it: its fill, then its border. */
static void
paint_spot (RrBodyPicture *self,
            cairo_t       *cr,
            const char    *region,
            int            level,
            gboolean       active)
{
  Spot *spot = g_hash_table_lookup (self->spots, region);
  RrBodyArtPart border = active ? RR_BODY_ART_PART_ACTIVE_BORDER : RR_BODY_ART_PART_BORDER;

  if (spot == NULL)
    {
      spot = g_new0 (Spot, 1);
      g_hash_table_insert (self->spots, (gpointer) region, spot);
    }
  paint_mask (self, cr, &spot->parts[RR_BODY_ART_PART_FILL], region, RR_BODY_ART_PART_FILL, level);
  paint_mask (self, cr, &spot->parts[border], region, border, level);
}

/* The selection in the art's order, which is also the order the spots are painted
 * in; NULL-levels and an empty table give the same key. */
static char *
selection_key (RrBodyPicture *self,
               GHashTable    *levels,
               const char    *active)
{
  const char * const *regions = rr_body_art_get_regions (self->art);
  GString *key = g_string_new (NULL);

  for (guint i = 0; levels != NULL && regions[i] != NULL; i++)
    {
      gpointer value;

      if (g_hash_table_lookup_extended (levels, regions[i], NULL, &value))
        g_string_append_printf (key, "%s=%d ", regions[i], GPOINTER_TO_INT (value));
    }
  if (active != NULL && levels != NULL && g_hash_table_contains (levels, active))
    g_string_append_printf (key, "*%s", active);
  return g_string_free (key, FALSE);
}

static void
set_look (RrBodyPicture *self,
          int            width,
          int            height,
          int            scale,
          gboolean       dark)
{
  if (self->width == width && self->height == height && self->scale == scale)
    {
      if (self->dark != dark)
        {
          /* The masks have no colour: only the base changes with the theme. */
          g_clear_pointer (&self->base, cairo_surface_destroy);
          g_clear_pointer (&self->key, g_free);
          self->dark = dark;
        }
      return;
    }

  g_clear_pointer (&self->base, cairo_surface_destroy);
  mask_clear (&self->outlines);
  g_hash_table_remove_all (self->spots);
  g_clear_pointer (&self->key, g_free);
  self->width = width;
  self->height = height;
  self->scale = scale;
  self->dark = dark;
}

cairo_surface_t *
rr_body_picture_render (RrBodyPicture *self,
                        int            width,
                        int            height,
                        int            scale,
                        gboolean       dark,
                        GHashTable    *levels,
                        const char    *active)
{
  const char * const *regions;
  g_autofree char *key = NULL;
  cairo_t *cr;

  g_return_val_if_fail (RR_IS_BODY_PICTURE (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0 && scale > 0, NULL);

  active = active != NULL ? g_intern_string (active) : NULL;
  set_look (self, width, height, scale, dark);
  key = selection_key (self, levels, active);
  if (self->composite != NULL && g_strcmp0 (self->key, key) == 0)
    return self->composite;

  /* A new surface each time: a texture made from the last one keeps its pixels. */
  g_clear_pointer (&self->composite, cairo_surface_destroy);
  self->composite = new_surface (CAIRO_FORMAT_ARGB32, width, height, scale);
  g_free (self->key);
  self->key = g_steal_pointer (&key);

  if (!self->layered)
    {
      /* One SVG render in one stylesheet, as the sheet draws it: the layers' own
       * stylesheets would each parse the SVG again, in the first frame. */
      cr = cairo_create (self->composite);
      rr_body_art_render_levels (self->art, cr, width, height, dark, levels, active);
      cairo_destroy (cr);
      self->n_renders++;
      return self->composite;
    }

  if (self->base == NULL)
    {
      g_autofree char *css = rr_body_art_build_stylesheet (self->art, dark, NULL, NULL);

      self->base = new_surface (CAIRO_FORMAT_ARGB32, width, height, scale);
      cr = cairo_create (self->base);
      rr_body_art_render (self->art, cr, width, height, css);
      cairo_destroy (cr);
      self->n_renders++;
    }

  cr = cairo_create (self->composite);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, self->base, 0, 0);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

  regions = rr_body_art_get_regions (self->art);
  for (guint i = 0; levels != NULL && regions[i] != NULL; i++)
    {
      gpointer value;

      if (regions[i] != active && g_hash_table_lookup_extended (levels, regions[i], NULL, &value))
        paint_spot (self, cr, regions[i], GPOINTER_TO_INT (value), FALSE);
    }
  if (active != NULL && levels != NULL)
    {
      gpointer value;

      if (g_hash_table_lookup_extended (levels, active, NULL, &value))
        paint_spot (self, cr, active, GPOINTER_TO_INT (value), TRUE);
    }
  /* The silhouettes again over the spots (the base has them already). */
  if (*self->key != '\0')
    paint_mask (self, cr, &self->outlines, NULL, RR_BODY_ART_PART_OUTLINES, 0);
  cairo_destroy (cr);

  return self->composite;
}

/**
 * rr_body_picture_prepare:
 *
 * From the next render on, the picture is composed from layers: for a quiet moment
 * after the first frame, so that the first click or slider step finds them ready.
 */
void
rr_body_picture_prepare (RrBodyPicture *self)
{
  g_return_if_fail (RR_IS_BODY_PICTURE (self));

  if (self->layered)
    return;
  self->layered = TRUE;
  rr_body_art_prepare_parts (self->art);
  g_clear_pointer (&self->key, g_free);
}
