/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-body-art.c: the body map artwork, parsed once, hit tested and rendered */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <librsvg/rsvg.h>

#include "rr-body-art.h"

/* Pixels per document unit of the label map used for centres and bounds. One
 * unit is plenty (a region is tens of units across, and the exact hit test
 * does the rest); at two the map cost 23 ms of every start-up, at one 9 ms. */
#define LABEL_MAP_SCALE 1.0
/* Bounds from the label map are grown by this much (document units) so the
 * exact hit test never misses an anti-aliased rim. */
#define BOUNDS_MARGIN 1.5
/* Handles styled with a given stylesheet, kept to avoid re-parsing while the
 * widget alternates between a few looks. */
#define MAX_STYLED_HANDLES 16

typedef struct
{
  char              *id;        /* element id, e.g. "left-heel--back" */
  const char        *region;    /* interned region id, e.g. "left-heel" */
  const char        *view;      /* interned view name, e.g. "back" */
  cairo_rectangle_t  bounds;    /* document units, clipped shape + margin */
  double             cx, cy;    /* deepest point of the shape */
  guint              area;      /* label map pixels */
} Shape;

typedef struct
{
  const char        *name;      /* interned */
  char              *outline_id;
  cairo_rectangle_t  bounds;
} View;

struct _RrBodyArt
{
  GObject          parent_instance;

  GBytes          *bytes;
  double           width;
  double           height;

  RsvgHandle      *hit_handle;  /* everything filled black, no strokes; made
                                 * at the first hit test, not at start-up */
  GHashTable      *styled;      /* stylesheet -> RsvgHandle */

  gboolean         analysed;    /* shapes' bounds, centres and areas known */
  GPtrArray       *shapes;      /* Shape *, document order */
  GPtrArray       *views;       /* View * */
  GPtrArray       *regions;     /* interned ids, NULL-terminated */

  cairo_surface_t *probe;       /* 1x1 surface for hit tests */
};

G_DEFINE_FINAL_TYPE (RrBodyArt, rr_body_art, G_TYPE_OBJECT)

static void
shape_free (gpointer data)
{
  Shape *shape = data;

  g_free (shape->id);
  g_free (shape);
}

static void
view_free (gpointer data)
{
  View *view = data;

  g_free (view->outline_id);
  g_free (view);
}

static void
rr_body_art_finalize (GObject *object)
{
  RrBodyArt *self = RR_BODY_ART (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->hit_handle);
  g_clear_pointer (&self->styled, g_hash_table_unref);
  g_clear_pointer (&self->shapes, g_ptr_array_unref);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->probe, cairo_surface_destroy);

  G_OBJECT_CLASS (rr_body_art_parent_class)->finalize (object);
}

static void
rr_body_art_class_init (RrBodyArtClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rr_body_art_finalize;
}

static void
rr_body_art_init (RrBodyArt *self)
{
  self->styled = g_hash_table_new_full (g_str_hash, g_str_equal,
                                        g_free, g_object_unref);
  self->shapes = g_ptr_array_new_with_free_func (shape_free);
  self->views = g_ptr_array_new_with_free_func (view_free);
  self->regions = g_ptr_array_new ();
  self->probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
}

/* ------------------------------------------------------------------------ */
/* Reading the element ids: librsvg has no API to list elements, so a small
 * GMarkup pass collects the shapes and outlines. */

static gboolean
has_class (const char *classes,
           const char *name)
{
  g_auto(GStrv) tokens = NULL;

  if (classes == NULL)
    return FALSE;

  tokens = g_strsplit_set (classes, " \t\n", -1);
  return g_strv_contains ((const char * const *) tokens, name);
}

static const char *
view_from_clip (const char *clip)
{
  /* "url(#clip-front)" -> "front" */
  const char *start;
  const char *end;
  g_autofree char *name = NULL;

  if (clip == NULL || !g_str_has_prefix (clip, "url(#clip-"))
    return NULL;

  start = clip + strlen ("url(#clip-");
  end = strchr (start, ')');
  if (end == NULL)
    return NULL;

  name = g_strndup (start, end - start);
  return g_intern_string (name);
}

/* The document's size, from the root's viewBox or else its width and height. */
static void
read_size (RrBodyArt   *self,
           const char **names,
           const char **values)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "viewBox"))
        {
          g_auto(GStrv) numbers = g_strsplit_set (values[i], " ,\t\n", -1);
          g_autoptr(GPtrArray) fields = g_ptr_array_new ();

          for (guint j = 0; numbers[j]; j++)
            if (*numbers[j])
              g_ptr_array_add (fields, numbers[j]);
          if (fields->len == 4)
            {
              self->width = g_ascii_strtod (fields->pdata[2], NULL);
              self->height = g_ascii_strtod (fields->pdata[3], NULL);
              return;
            }
        }
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "width"))
        self->width = g_ascii_strtod (values[i], NULL);
      else if (g_str_equal (names[i], "height"))
        self->height = g_ascii_strtod (values[i], NULL);
    }
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  RrBodyArt *self = user_data;
  const char *id = NULL;
  const char *classes = NULL;
  const char *clip = NULL;

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      if (g_str_equal (attribute_names[i], "id"))
        id = attribute_values[i];
      else if (g_str_equal (attribute_names[i], "class"))
        classes = attribute_values[i];
      else if (g_str_equal (attribute_names[i], "clip-path"))
        clip = attribute_values[i];
    }

  if (g_str_equal (element_name, "svg") && self->width == 0)
    read_size (self, attribute_names, attribute_values);

  if (id == NULL)
    return;

  if (has_class (classes, "region"))
    {
      const char *suffix = strstr (id, "--");
      g_autofree char *region = suffix ? g_strndup (id, suffix - id) : g_strdup (id);
      Shape *shape = g_new0 (Shape, 1);

      shape->id = g_strdup (id);
      shape->region = g_intern_string (region);
      shape->view = view_from_clip (clip);
      g_ptr_array_add (self->shapes, shape);
    }
  else if (has_class (classes, "outline") && g_str_has_prefix (id, "outline-"))
    {
      View *view = g_new0 (View, 1);

      view->name = g_intern_string (id + strlen ("outline-"));
      view->outline_id = g_strdup (id);
      g_ptr_array_add (self->views, view);
    }
}

static gboolean
collect_elements (RrBodyArt  *self,
                  GError    **error)
{
  static const GMarkupParser parser = { start_element_cb, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  gsize size;
  const char *data = g_bytes_get_data (self->bytes, &size);

  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, self, NULL);
  if (!g_markup_parse_context_parse (context, data, size, error) ||
      !g_markup_parse_context_end_parse (context, error))
    return FALSE;

  if (self->shapes->len == 0)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "The body map has no element of class “region”");
      return FALSE;
    }
  if (!(self->width > 0 && self->height > 0 && self->width < 1e6 && self->height < 1e6))
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "The body map has no size");
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */

static RsvgHandle *
load_handle (RrBodyArt   *self,
             const char  *stylesheet,
             GError     **error)
{
  /* no g_autoptr: librsvg 2.54 does not declare one for RsvgHandle */
  RsvgHandle *handle;
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);

  handle = rsvg_handle_new_from_data (data, size, error);
  if (handle == NULL)
    return NULL;

  if (stylesheet != NULL &&
      !rsvg_handle_set_stylesheet (handle, (const guint8 *) stylesheet,
                                   strlen (stylesheet), error))
    g_clear_object (&handle);

  return handle;
}

/* transfer none */
static RsvgHandle *
get_styled_handle (RrBodyArt  *self,
                   const char *stylesheet)
{
  RsvgHandle *handle;
  g_autoptr(GError) error = NULL;

  if (stylesheet == NULL)
    stylesheet = "";

  handle = g_hash_table_lookup (self->styled, stylesheet);
  if (handle != NULL)
    return handle;

  handle = load_handle (self, stylesheet, &error);
  if (handle == NULL)
    {
      g_critical ("Cannot style the body map: %s", error->message);
      return NULL;
    }

  if (g_hash_table_size (self->styled) >= MAX_STYLED_HANDLES)
    g_hash_table_remove_all (self->styled);
  g_hash_table_insert (self->styled, g_strdup (stylesheet), handle);

  return handle;
}

static RsvgRectangle
doc_viewport (RrBodyArt *self)
{
  return (RsvgRectangle) { 0, 0, self->width, self->height };
}

/* Paints one element alone, in document coordinates, onto the probe pixel
 * that covers [x-0.5, x+0.5] x [y-0.5, y+0.5] and tells whether it covers
 * most of it. */
static gboolean
probe_element (RrBodyArt  *self,
               const char *element_id,
               double      x,
               double      y)
{
  g_autofree char *layer = g_strconcat ("#", element_id, NULL);
  RsvgRectangle viewport = doc_viewport (self);
  cairo_t *cr;
  guint8 alpha;

  if (self->hit_handle == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->hit_handle = load_handle (self,
                                      "* { fill: #000 !important; fill-opacity: 1 !important;"
                                      " stroke: none !important; opacity: 1 !important; }",
                                      &error);
      /* The same bytes parsed at load time: failing now is a bug. */
      if (self->hit_handle == NULL)
        g_error ("Cannot parse the body map again: %s", error->message);
    }

  cairo_surface_flush (self->probe);
  memset (cairo_image_surface_get_data (self->probe), 0, 4);
  cairo_surface_mark_dirty (self->probe);

  cr = cairo_create (self->probe);
  cairo_translate (cr, 0.5 - x, 0.5 - y);
  rsvg_handle_render_layer (self->hit_handle, cr, layer, &viewport, NULL);
  cairo_destroy (cr);

  cairo_surface_flush (self->probe);
  /* ARGB32 is native-endian 32-bit: alpha is the top byte */
  alpha = (*(guint32 *) cairo_image_surface_get_data (self->probe)) >> 24;

  return alpha >= 128;
}

static gboolean
rect_contains (const cairo_rectangle_t *rect,
               double                   x,
               double                   y)
{
  return x >= rect->x && y >= rect->y &&
         x <= rect->x + rect->width && y <= rect->y + rect->height;
}

/* Each shape in its own flat colour, without anti-aliasing: the label of the shape
 * every pixel belongs to (0: none), in a w x h map LABEL_MAP_SCALE times the art. */
static guint *
render_labels (RrBodyArt  *self,
               int        *w,
               int        *h,
               GError    **error)
{
  g_autoptr(GString) css = g_string_new (NULL);
  guint n = self->shapes->len;
  RsvgHandle *handle;
  cairo_surface_t *surface;
  cairo_t *cr;
  RsvgRectangle viewport;
  const guint8 *data;
  guint *labels;
  int stride;
  gboolean ok;

  /* Labels fit in the red and green channels; 0 is "no shape". */
  g_assert (n < 65535);

  g_string_append (css, "* { stroke: none !important; shape-rendering: crispEdges !important; }\n"
                        ".outline, .labels { display: none !important; }\n");
  for (guint i = 0; i < n; i++)
    {
      Shape *shape = g_ptr_array_index (self->shapes, i);
      guint label = i + 1;

      g_string_append_printf (css, "#%s { fill: rgb(%u,%u,0) !important; }\n",
                              shape->id, label >> 8, label & 0xff);
    }

  handle = load_handle (self, css->str, error);
  if (handle == NULL)
    return NULL;

  *w = (int) ceil (self->width * LABEL_MAP_SCALE);
  *h = (int) ceil (self->height * LABEL_MAP_SCALE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, *w, *h);
  cr = cairo_create (surface);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  viewport = (RsvgRectangle) { 0, 0, *w, *h };
  ok = rsvg_handle_render_document (handle, cr, &viewport, error);
  cairo_destroy (cr);
  g_object_unref (handle);
  cairo_surface_flush (surface);

  if (!ok)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  labels = g_new (guint, (gsize) *w * *h);   /* every pixel is written below */
  for (int y = 0; y < *h; y++)
    for (int x = 0; x < *w; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);
        guint label = 0;

        /* only fully opaque pixels carry an exact colour */
        if ((pixel >> 24) == 0xff)
          {
            label = ((pixel >> 16) & 0xff) << 8 | ((pixel >> 8) & 0xff);
            if (label > n)
              label = 0;
          }
        labels[y * *w + x] = label;
      }
  cairo_surface_destroy (surface);
  return labels;
}

/* Each pixel's distance to the nearest pixel of another label: a chamfer
 * distance transform, one pass forward and one back. */
static float *
distance_to_edges (const guint *labels,
                   int          w,
                   int          h)
{
  float *dist = g_new (float, (gsize) w * h);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint l = labels[y * w + x];
        gboolean edge = l == 0 || x == 0 || y == 0 || x == w - 1 || y == h - 1 ||
                        labels[y * w + x - 1] != l || labels[y * w + x + 1] != l ||
                        labels[(y - 1) * w + x] != l || labels[(y + 1) * w + x] != l;

        dist[y * w + x] = edge ? 0.f : G_MAXFLOAT;
      }
  /* Background and edge pixels stay at 0 whatever their neighbours: only the
   * inside of the shapes needs the passes. */
  for (int y = 1; y < h - 1; y++)
    for (int x = 1; x < w - 1; x++)
      {
        float *d = &dist[y * w + x];

        if (*d == 0.f)
          continue;
        *d = MIN (*d, dist[y * w + x - 1] + 1.f);
        *d = MIN (*d, dist[(y - 1) * w + x] + 1.f);
        *d = MIN (*d, dist[(y - 1) * w + x - 1] + 1.414f);
        *d = MIN (*d, dist[(y - 1) * w + x + 1] + 1.414f);
      }
  for (int y = h - 2; y > 0; y--)
    for (int x = w - 2; x > 0; x--)
      {
        float *d = &dist[y * w + x];

        if (*d == 0.f)
          continue;
        *d = MIN (*d, dist[y * w + x + 1] + 1.f);
        *d = MIN (*d, dist[(y + 1) * w + x] + 1.f);
        *d = MIN (*d, dist[(y + 1) * w + x + 1] + 1.414f);
        *d = MIN (*d, dist[(y + 1) * w + x - 1] + 1.414f);
      }
  return dist;
}

/* One render where each shape gets its own flat colour gives every shape's
 * clipped bounds, area and deepest point in a single pass. */
static gboolean
analyse_shapes (RrBodyArt  *self,
                GError    **error)
{
  guint n = self->shapes->len;
  int w, h;
  g_autofree guint *labels = render_labels (self, &w, &h, error);
  g_autofree float *dist = NULL;
  g_autofree int *min_x = NULL, *min_y = NULL, *max_x = NULL, *max_y = NULL;
  g_autofree float *best = NULL;

  if (labels == NULL)
    return FALSE;
  dist = distance_to_edges (labels, w, h);

  min_x = g_new (int, n + 1);
  min_y = g_new (int, n + 1);
  max_x = g_new (int, n + 1);
  max_y = g_new (int, n + 1);
  best = g_new (float, n + 1);
  for (guint i = 0; i <= n; i++)
    {
      min_x[i] = min_y[i] = G_MAXINT;
      max_x[i] = max_y[i] = -1;
      best[i] = -1.f;
    }

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint l = labels[y * w + x];
        Shape *shape;

        if (l == 0)
          continue;

        shape = g_ptr_array_index (self->shapes, l - 1);
        shape->area++;
        min_x[l] = MIN (min_x[l], x);
        min_y[l] = MIN (min_y[l], y);
        max_x[l] = MAX (max_x[l], x);
        max_y[l] = MAX (max_y[l], y);
        if (dist[y * w + x] > best[l])
          {
            best[l] = dist[y * w + x];
            shape->cx = (x + 0.5) / LABEL_MAP_SCALE;
            shape->cy = (y + 0.5) / LABEL_MAP_SCALE;
          }
      }

  for (guint i = 0; i < n; i++)
    {
      Shape *shape = g_ptr_array_index (self->shapes, i);
      guint l = i + 1;

      if (shape->area == 0)
        continue;

      shape->bounds.x = min_x[l] / LABEL_MAP_SCALE - BOUNDS_MARGIN;
      shape->bounds.y = min_y[l] / LABEL_MAP_SCALE - BOUNDS_MARGIN;
      shape->bounds.width = (max_x[l] - min_x[l] + 1) / LABEL_MAP_SCALE + 2 * BOUNDS_MARGIN;
      shape->bounds.height = (max_y[l] - min_y[l] + 1) / LABEL_MAP_SCALE + 2 * BOUNDS_MARGIN;
    }

  return TRUE;
}

/* A view's bounds are those of its regions: they tile the silhouette (the
 * tests check that every point inside it is in exactly one region). */
static void
measure_views (RrBodyArt *self)
{
  for (guint i = 0; i < self->views->len; i++)
    {
      View *view = g_ptr_array_index (self->views, i);
      double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

      for (guint j = 0; j < self->shapes->len; j++)
        {
          Shape *shape = g_ptr_array_index (self->shapes, j);

          if (shape->view != view->name || shape->area == 0)
            continue;
          x1 = MIN (x1, shape->bounds.x);
          y1 = MIN (y1, shape->bounds.y);
          x2 = MAX (x2, shape->bounds.x + shape->bounds.width);
          y2 = MAX (y2, shape->bounds.y + shape->bounds.height);
        }

      view->bounds = x1 <= x2 ? (cairo_rectangle_t) { x1, y1, x2 - x1, y2 - y1 }
                              : (cairo_rectangle_t) { 0, 0, 0, 0 };
    }
}

/* The shapes' geometry, worked out from a render the first time it is asked for:
 * drawing the map does not need it, so the first frame does not wait for it. */
static gboolean
ensure_analysed (RrBodyArt *self)
{
  g_autoptr(GError) error = NULL;

  if (self->analysed)
    return TRUE;
  self->analysed = TRUE;

  if (!analyse_shapes (self, &error))
    {
      g_critical ("Cannot analyse the body map: %s", error->message);
      return FALSE;
    }
  measure_views (self);

  for (guint i = 0; i < self->shapes->len; i++)
    {
      Shape *shape = g_ptr_array_index (self->shapes, i);

      if (shape->area == 0)
        g_warning ("Body map shape “%s” is empty", shape->id);
    }

  return TRUE;
}

/**
 * rr_body_art_is_analysed:
 *
 * Whether the shapes' geometry is known yet; any call that needs it works it
 * out (about 10 ms) if not.
 */
gboolean
rr_body_art_is_analysed (RrBodyArt *self)
{
  g_return_val_if_fail (RR_IS_BODY_ART (self), FALSE);

  return self->analysed;
}

/**
 * rr_body_art_analyse:
 *
 * Works out the shapes' geometry now, if it is not known yet.
 */
void
rr_body_art_analyse (RrBodyArt *self)
{
  g_return_if_fail (RR_IS_BODY_ART (self));

  ensure_analysed (self);
}

static gboolean
rr_body_art_load (RrBodyArt  *self,
                  GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  if (!collect_elements (self, error))
    return FALSE;

  for (guint i = 0; i < self->shapes->len; i++)
    {
      Shape *shape = g_ptr_array_index (self->shapes, i);

      if (!g_hash_table_contains (seen, shape->region))
        {
          g_hash_table_add (seen, (gpointer) shape->region);
          g_ptr_array_add (self->regions, (gpointer) shape->region);
        }
    }
  g_ptr_array_add (self->regions, NULL);

  return TRUE;
}

/**
 * rr_body_art_new_from_bytes:
 * @bytes: the SVG document
 *
 * Returns: (transfer full): the parsed art, or %NULL with @error set
 */
/* The captions and the L/R marks of the artwork, for the translators. The SVG keeps
 * the English words; the loader swaps in the translations. */
static const char * const label_words[] = {
  /* Translators: caption of the body map's front view */
  NC_("body map", "Front"),
  /* Translators: caption of the body map's back view */
  NC_("body map", "Back"),
  /* Translators: caption of the body map's view of the soles of the feet */
  NC_("body map", "Soles"),
  /* Translators: short mark for the runner's left side on the body map; keep it short */
  NC_("body map", "L"),
  /* Translators: short mark for the runner's right side on the body map; keep it short */
  NC_("body map", "R"),
};

static gboolean
translate_label_cb (const GMatchInfo *match,
                    GString          *result,
                    gpointer          user_data)
{
  g_autofree char *open = g_match_info_fetch (match, 1);
  g_autofree char *word = g_match_info_fetch (match, 2);
  g_autofree char *close = g_match_info_fetch (match, 3);
  const char *translated = word;

  for (guint i = 0; i < G_N_ELEMENTS (label_words); i++)
    if (g_str_equal (word, label_words[i]))
      translated = g_dpgettext2 (GETTEXT_PACKAGE, "body map", word);

  {
    g_autofree char *escaped = g_markup_escape_text (translated, -1);
    g_string_append_printf (result, "%s%s%s", open, escaped, close);
  }
  return FALSE;
}

/* Anatomy has a left and a right, whatever the language: only the words change. */
static GBytes *
translate_labels (GBytes *bytes)
{
  g_autoptr(GRegex) regex = g_regex_new ("(<text [^>]*class=\"label[^\"]*\"[^>]*>)([^<]*)(</text>)", 0, 0, NULL);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *text = g_strndup (data, size);
  char *replaced = g_regex_replace_eval (regex, text, -1, 0, 0, translate_label_cb, NULL, NULL);

  if (replaced == NULL)
    return g_bytes_ref (bytes);
  return g_bytes_new_take (replaced, strlen (replaced));
}

RrBodyArt *
rr_body_art_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(RrBodyArt) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RR_TYPE_BODY_ART, NULL);
  self->bytes = translate_labels (bytes);

  if (!rr_body_art_load (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

RrBodyArt *
rr_body_art_new_from_resource (const char  *path,
                               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return rr_body_art_new_from_bytes (bytes, error);
}

/**
 * rr_body_art_get_default:
 *
 * Returns: (transfer none): the art of the application's resource, loaded
 *   once and kept for the lifetime of the process
 */
/* from the generated data/rr-resources.c; naming it also makes the linker
 * keep the resource (and its registration) in programs built from the
 * static libraries */
extern GResource *rr_get_resource (void);

RrBodyArt *
rr_body_art_get_default (void)
{
  static RrBodyArt *art;

  if (art == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      bytes = g_resource_lookup_data (rr_get_resource (), RR_BODY_ART_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL)
        art = rr_body_art_new_from_bytes (bytes, &error);
      /* The file is compiled in: failing to read it is a build bug. */
      if (art == NULL)
        g_error ("Cannot load the body map: %s", error->message);
    }

  return art;
}

void
rr_body_art_get_size (RrBodyArt *self,
                      double    *width,
                      double    *height)
{
  g_return_if_fail (RR_IS_BODY_ART (self));

  if (width)
    *width = self->width;
  if (height)
    *height = self->height;
}

/**
 * rr_body_art_get_regions:
 *
 * Returns: (transfer none): the region ids that have at least one shape, in
 *   document order, %NULL-terminated
 */
const char * const *
rr_body_art_get_regions (RrBodyArt *self)
{
  g_return_val_if_fail (RR_IS_BODY_ART (self), NULL);

  return (const char * const *) self->regions->pdata;
}

gboolean
rr_body_art_has_region (RrBodyArt  *self,
                        const char *region)
{
  g_return_val_if_fail (RR_IS_BODY_ART (self), FALSE);

  return region != NULL &&
         g_strv_contains ((const char * const *) self->regions->pdata, region);
}

/**
 * rr_body_art_region_at:
 * @x: document x
 * @y: document y
 *
 * Finds the region whose shape covers the point, testing the real shape
 * (the candidate element is painted alone into one pixel around the point).
 *
 * Returns: (nullable) (transfer none): an interned region id, or %NULL
 *   outside the body
 */
const char *
rr_body_art_region_at (RrBodyArt *self,
                       double     x,
                       double     y)
{
  g_return_val_if_fail (RR_IS_BODY_ART (self), NULL);

  if (!ensure_analysed (self))
    return NULL;

  for (guint i = 0; i < self->shapes->len; i++)
    {
      Shape *shape = g_ptr_array_index (self->shapes, i);

      if (shape->area > 0 && rect_contains (&shape->bounds, x, y) &&
          probe_element (self, shape->id, x, y))
        return shape->region;
    }

  return NULL;
}

/**
 * rr_body_art_count_regions_at:
 *
 * How many shapes cover the point: 1 inside the body, 0 outside, anything
 * else is a flaw in the artwork (except right on a shared edge). For tests.
 */
guint
rr_body_art_count_regions_at (RrBodyArt *self,
                              double     x,
                              double     y)
{
  guint count = 0;

  g_return_val_if_fail (RR_IS_BODY_ART (self), 0);

  if (!ensure_analysed (self))
    return 0;

  for (guint i = 0; i < self->shapes->len; i++)
    {
      Shape *shape = g_ptr_array_index (self->shapes, i);

      if (shape->area > 0 && rect_contains (&shape->bounds, x, y) &&
          probe_element (self, shape->id, x, y))
        count++;
    }

  return count;
}

/**
 * rr_body_art_contains:
 *
 * Returns: whether the point is inside one of the views' silhouettes
 */
gboolean
rr_body_art_contains (RrBodyArt *self,
                      double     x,
                      double     y)
{
  g_return_val_if_fail (RR_IS_BODY_ART (self), FALSE);

  if (!ensure_analysed (self))
    return FALSE;

  for (guint i = 0; i < self->views->len; i++)
    {
      View *view = g_ptr_array_index (self->views, i);

      if (rect_contains (&view->bounds, x, y) &&
          probe_element (self, view->outline_id, x, y))
        return TRUE;
    }

  return FALSE;
}

static Shape *
largest_shape (RrBodyArt  *self,
               const char *region)
{
  Shape *largest = NULL;

  if (!ensure_analysed (self))
    return NULL;

  region = g_intern_string (region);
  for (guint i = 0; i < self->shapes->len; i++)
    {
      Shape *shape = g_ptr_array_index (self->shapes, i);

      if (shape->region == region && shape->area > 0 &&
          (largest == NULL || shape->area > largest->area))
        largest = shape;
    }

  return largest;
}

/**
 * rr_body_art_get_region_center:
 *
 * Gives the point of the region's largest shape that is farthest from its
 * edges: a good place for a label, and always inside the shape.
 *
 * Returns: %FALSE if the region has no shape
 */
gboolean
rr_body_art_get_region_center (RrBodyArt  *self,
                               const char *region,
                               double     *x,
                               double     *y)
{
  Shape *shape;

  g_return_val_if_fail (RR_IS_BODY_ART (self), FALSE);
  g_return_val_if_fail (region != NULL, FALSE);

  shape = largest_shape (self, region);
  if (shape == NULL)
    return FALSE;

  if (x)
    *x = shape->cx;
  if (y)
    *y = shape->cy;

  return TRUE;
}

/**
 * rr_body_art_get_region_bounds:
 *
 * The box around all the shapes of @region (clipped by the silhouettes).
 *
 * Returns: %FALSE if the region has no shape
 */
gboolean
rr_body_art_get_region_bounds (RrBodyArt  *self,
                               const char *region,
                               double     *x,
                               double     *y,
                               double     *width,
                               double     *height)
{
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

  g_return_val_if_fail (RR_IS_BODY_ART (self), FALSE);
  g_return_val_if_fail (region != NULL, FALSE);

  if (!ensure_analysed (self))
    return FALSE;

  region = g_intern_string (region);
  for (guint i = 0; i < self->shapes->len; i++)
    {
      Shape *shape = g_ptr_array_index (self->shapes, i);

      if (shape->region != region || shape->area == 0)
        continue;

      x1 = MIN (x1, shape->bounds.x + BOUNDS_MARGIN);
      y1 = MIN (y1, shape->bounds.y + BOUNDS_MARGIN);
      x2 = MAX (x2, shape->bounds.x + shape->bounds.width - BOUNDS_MARGIN);
      y2 = MAX (y2, shape->bounds.y + shape->bounds.height - BOUNDS_MARGIN);
    }

  if (x2 < x1)
    return FALSE;

  if (x)
    *x = x1;
  if (y)
    *y = y1;
  if (width)
    *width = x2 - x1;
  if (height)
    *height = y2 - y1;

  return TRUE;
}

/**
 * rr_body_art_get_region_view:
 *
 * Returns: (nullable) (transfer none): the view ("front", "back", "soles")
 *   of the region's largest shape
 */
const char *
rr_body_art_get_region_view (RrBodyArt  *self,
                             const char *region)
{
  Shape *shape;

  g_return_val_if_fail (RR_IS_BODY_ART (self), NULL);
  g_return_val_if_fail (region != NULL, NULL);

  shape = largest_shape (self, region);
  return shape ? shape->view : NULL;
}

void
rr_body_art_get_transform (RrBodyArt *self,
                           double     width,
                           double     height,
                           double    *scale,
                           double    *x_offset,
                           double    *y_offset)
{
  double s;

  g_return_if_fail (RR_IS_BODY_ART (self));

  s = MIN (width / self->width, height / self->height);
  if (!(s > 0))
    s = 0;

  if (scale)
    *scale = s;
  if (x_offset)
    *x_offset = (width - self->width * s) / 2;
  if (y_offset)
    *y_offset = (height - self->height * s) / 2;
}

/* ------------------------------------------------------------------------ */
/* Colours */

/* The pain scale, 0..10: pale green through yellow and orange to deep red,
 * light enough at the low end that the body outline stays readable. The chips
 * and the legend (data/style.css) share it: dark text up to 7, white from 8,
 * each at 4.5:1 or more (8 is darker than it was for that). */
static const guint32 level_colors[RR_BODY_ART_MAX_LEVEL + 1] = {
  0xb8e2a4, 0xcfe796, 0xe3e785, 0xf2dd72, 0xf8c862, 0xf7ac57,
  0xf18e4d, 0xe66f44, 0xc8452f, 0xbd3434, 0x9c1c2c,
};

static void
unpack_rgb (guint32  rgb,
            double  *red,
            double  *green,
            double  *blue)
{
  if (red)
    *red = ((rgb >> 16) & 0xff) / 255.;
  if (green)
    *green = ((rgb >> 8) & 0xff) / 255.;
  if (blue)
    *blue = (rgb & 0xff) / 255.;
}

void
rr_body_art_level_color (int     level,
                         double *red,
                         double *green,
                         double *blue)
{
  unpack_rgb (level_colors[CLAMP (level, 0, RR_BODY_ART_MAX_LEVEL)], red, green, blue);
}

typedef struct
{
  const char *body;
  const char *border;
  const char *outline;
  const char *label;
  const char *active;
  const char *selected;
} Palette;

/* Stroke widths, document units: the same in the stylesheets and in the masks. */
#define REGION_WIDTH        "1.5"
#define OUTLINE_WIDTH       "1.6"
#define SPOT_BORDER_WIDTH   "3"
#define ACTIVE_BORDER_WIDTH "4.5"

/* The lines between regions and the border of a selected spot are what tell
 * them apart (WCAG 1.4.11, 3:1 against the body fill; a pale spot's fill is
 * not): dark on the light body, light on the dark one, and wide enough to keep
 * their colour once drawn at two thirds of the document's size. */
static const Palette light_palette = {
  "#e6e1da", "#68625c", "#6f6a64", "#5e5c64", "#241f31", "#3d3846",
};

static const Palette dark_palette = {
  "#4f4c49", "#b8b2a9", "#bcb6ae", "#c0bfbc", "#ffffff", "#f6f5f4",
};

static void
append_region_selector (RrBodyArt  *self,
                        GString    *css,
                        const char *region)
{
  gboolean first = TRUE;

  region = g_intern_string (region);
  for (guint i = 0; i < self->shapes->len; i++)
    {
      Shape *shape = g_ptr_array_index (self->shapes, i);

      if (shape->region != region)
        continue;

      g_string_append_printf (css, "%s#%s", first ? "" : ", ", shape->id);
      first = FALSE;
    }
}

/**
 * rr_body_art_build_stylesheet:
 * @dark: colours for a dark background
 * @levels: (nullable): region id -> GINT_TO_POINTER (level); each key is a
 *   selected spot
 * @active: (nullable): the spot being edited
 *
 * Every rule is !important because a user stylesheet would otherwise lose to
 * the file's presentation attributes.
 *
 * Returns: (transfer full): CSS for the body map
 */
char *
rr_body_art_build_stylesheet (RrBodyArt  *self,
                              gboolean    dark,
                              GHashTable *levels,
                              const char *active)
{
  const Palette *p = dark ? &dark_palette : &light_palette;
  GString *css = g_string_new (NULL);

  g_return_val_if_fail (RR_IS_BODY_ART (self), NULL);

  g_string_append_printf (css,
                          ".region { fill: %s !important; stroke: %s !important;"
                          " stroke-width: " REGION_WIDTH " !important; }\n"
                          ".outline { fill: none !important; stroke: %s !important;"
                          " stroke-width: " OUTLINE_WIDTH " !important; }\n"
                          ".labels, .label { fill: %s !important; }\n",
                          p->body, p->border, p->outline, p->label);

  if (levels != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, levels);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          int level = GPOINTER_TO_INT (value);
          double r, g, b;
          gboolean is_active = active != NULL && g_str_equal (key, active);

          if (!rr_body_art_has_region (self, key))
            continue;

          rr_body_art_level_color (level, &r, &g, &b);
          append_region_selector (self, css, key);
          /* the spot's own border: a darker shade of its fill, or the
           * foreground colour for the spot being edited */
          g_string_append_printf (css,
                                  " { fill: rgb(%d,%d,%d) !important;"
                                  " stroke: %s !important; stroke-width: %s !important; }\n",
                                  (int) (r * 255), (int) (g * 255), (int) (b * 255),
                                  is_active ? p->active : p->selected,
                                  is_active ? ACTIVE_BORDER_WIDTH : SPOT_BORDER_WIDTH);
        }
    }

  return g_string_free (css, FALSE);
}

/**
 * rr_body_art_build_highlight_stylesheet:
 * @strong: for keyboard focus rather than pointer hover
 *
 * CSS to draw a region on top of the rendered map as hover or focus
 * feedback (translucent wash and a clear border).
 */
char *
rr_body_art_build_highlight_stylesheet (RrBodyArt *self,
                                        gboolean   dark,
                                        gboolean   strong)
{
  g_return_val_if_fail (RR_IS_BODY_ART (self), NULL);

  /* GNOME's accent blue, lighter on dark backgrounds; the border 3:1 or more
   * on the body fill, and as wide as a selected spot's or wider */
  return g_strdup_printf (".region { fill: %s !important; fill-opacity: %s !important;"
                          " stroke: %s !important; stroke-width: %s !important; }\n",
                          dark ? "#78aeed" : "#3584e4",
                          strong ? "0.25" : "0.18",
                          dark ? "#99c1f1" : "#1a5fb4",
                          strong ? ACTIVE_BORDER_WIDTH : SPOT_BORDER_WIDTH);
}

/* ------------------------------------------------------------------------ */
/* Rendering */

static gboolean
fit (RrBodyArt     *self,
     double         width,
     double         height,
     RsvgRectangle *viewport)
{
  double scale = 0, x = 0, y = 0;

  rr_body_art_get_transform (self, width, height, &scale, &x, &y);
  *viewport = (RsvgRectangle) { x, y, self->width * scale, self->height * scale };

  return scale > 0;
}

void
rr_body_art_render (RrBodyArt  *self,
                    cairo_t    *cr,
                    double      width,
                    double      height,
                    const char *stylesheet)
{
  RsvgHandle *handle;
  RsvgRectangle viewport;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RR_IS_BODY_ART (self));
  g_return_if_fail (cr != NULL);

  if (!fit (self, width, height, &viewport))
    return;

  handle = get_styled_handle (self, stylesheet);
  if (handle != NULL &&
      !rsvg_handle_render_document (handle, cr, &viewport, &error))
    g_warning ("Cannot render the body map: %s", error->message);
}

static void
render_layer (RsvgHandle          *handle,
              cairo_t             *cr,
              const char          *element_id,
              const RsvgRectangle *viewport)
{
  g_autofree char *layer = g_strconcat ("#", element_id, NULL);
  g_autoptr(GError) error = NULL;

  if (!rsvg_handle_render_layer (handle, cr, layer, viewport, &error))
    g_warning ("Cannot render %s: %s", layer, error->message);
}

/**
 * rr_body_art_render_region:
 *
 * Draws only the shapes of @region (all its views), in place, styled by
 * @stylesheet; used to draw highlights over an already rendered map.
 */
void
rr_body_art_render_region (RrBodyArt  *self,
                           cairo_t    *cr,
                           double      width,
                           double      height,
                           const char *region,
                           const char *stylesheet)
{
  RsvgHandle *handle;
  RsvgRectangle viewport;

  g_return_if_fail (RR_IS_BODY_ART (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (region != NULL);

  if (!fit (self, width, height, &viewport))
    return;

  handle = get_styled_handle (self, stylesheet);
  if (handle == NULL)
    return;

  region = g_intern_string (region);
  for (guint i = 0; i < self->shapes->len; i++)
    {
      Shape *shape = g_ptr_array_index (self->shapes, i);

      if (shape->region == region)
        render_layer (handle, cr, shape->id, &viewport);
    }
}

void
rr_body_art_render_levels (RrBodyArt  *self,
                           cairo_t    *cr,
                           double      width,
                           double      height,
                           gboolean    dark,
                           GHashTable *levels,
                           const char *active)
{
  g_autofree char *css = NULL;
  RsvgHandle *handle;
  RsvgRectangle viewport;

  g_return_if_fail (RR_IS_BODY_ART (self));
  g_return_if_fail (cr != NULL);

  /* the widget's tables are keyed by interned ids and hashed by pointer */
  active = active != NULL ? g_intern_string (active) : NULL;
  css = rr_body_art_build_stylesheet (self, dark, levels, active);
  rr_body_art_render (self, cr, width, height, css);

  if (levels == NULL || g_hash_table_size (levels) == 0 || !fit (self, width, height, &viewport))
    return;

  handle = get_styled_handle (self, css);
  if (handle == NULL)
    return;

  /* Neighbours painted later cover half of a spot's border; paint the spots
   * again on top (the active one last), then the silhouettes. */
  for (guint i = 0; i < self->shapes->len; i++)
    {
      Shape *shape = g_ptr_array_index (self->shapes, i);

      if (g_hash_table_contains (levels, shape->region) &&
          g_strcmp0 (active, shape->region) != 0)
        render_layer (handle, cr, shape->id, &viewport);
    }
  if (active != NULL && g_hash_table_contains (levels, active))
    rr_body_art_render_region (self, cr, width, height, active, css);

  for (guint i = 0; i < self->views->len; i++)
    {
      View *view = g_ptr_array_index (self->views, i);

      render_layer (handle, cr, view->outline_id, &viewport);
    }
}

/* ------------------------------------------------------------------------ */
/* The map in layers */

/* Coverage only: the colour is the widget's, painted through the mask. */
static const char * const part_stylesheets[RR_BODY_ART_N_PARTS] = {
  [RR_BODY_ART_PART_FILL] =
    ".region { fill: #000 !important; stroke: none !important; }",
  [RR_BODY_ART_PART_BORDER] =
    ".region { fill: none !important; stroke: #000 !important;"
    " stroke-width: " SPOT_BORDER_WIDTH " !important; }",
  [RR_BODY_ART_PART_ACTIVE_BORDER] =
    ".region { fill: none !important; stroke: #000 !important;"
    " stroke-width: " ACTIVE_BORDER_WIDTH " !important; }",
  [RR_BODY_ART_PART_OUTLINES] =
    ".outline { fill: none !important; stroke: #000 !important;"
    " stroke-width: " OUTLINE_WIDTH " !important; }",
};

/* The element ids a part is drawn from, NULL-terminated (transfer container). */
static GPtrArray *
part_elements (RrBodyArt     *self,
               const char    *region,
               RrBodyArtPart  part)
{
  GPtrArray *ids = g_ptr_array_new ();

  if (part == RR_BODY_ART_PART_OUTLINES)
    {
      for (guint i = 0; i < self->views->len; i++)
        g_ptr_array_add (ids, ((View *) g_ptr_array_index (self->views, i))->outline_id);
    }
  else if (region != NULL)
    {
      region = g_intern_string (region);
      for (guint i = 0; i < self->shapes->len; i++)
        {
          Shape *shape = g_ptr_array_index (self->shapes, i);

          if (shape->region == region)
            g_ptr_array_add (ids, shape->id);
        }
    }
  g_ptr_array_add (ids, NULL);
  return ids;
}

void
rr_body_art_prepare_parts (RrBodyArt *self)
{
  g_return_if_fail (RR_IS_BODY_ART (self));

  for (guint i = 0; i < RR_BODY_ART_N_PARTS; i++)
    (void) get_styled_handle (self, part_stylesheets[i]);
}

/**
 * rr_body_art_render_part:
 *
 * Draws the coverage of one part in opaque black, in place, scaled into
 * width x height: a mask for rr_body_art_get_part_color().
 */
void
rr_body_art_render_part (RrBodyArt     *self,
                         cairo_t       *cr,
                         double         width,
                         double         height,
                         const char    *region,
                         RrBodyArtPart  part)
{
  g_autoptr(GPtrArray) ids = NULL;
  RsvgHandle *handle;
  RsvgRectangle viewport;

  g_return_if_fail (RR_IS_BODY_ART (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (part < RR_BODY_ART_N_PARTS);

  if (!fit (self, width, height, &viewport) ||
      (handle = get_styled_handle (self, part_stylesheets[part])) == NULL)
    return;

  ids = part_elements (self, region, part);
  for (guint i = 0; g_ptr_array_index (ids, i) != NULL; i++)
    render_layer (handle, cr, g_ptr_array_index (ids, i), &viewport);
}

static void
parse_hex (const char *hex,
           double     *red,
           double     *green,
           double     *blue)
{
  unpack_rgb ((guint32) g_ascii_strtoull (hex + 1, NULL, 16), red, green, blue);
}

/**
 * rr_body_art_get_part_color:
 * @level: the spot's level, for RR_BODY_ART_PART_FILL
 *
 * The colour rr_body_art_render_levels() gives the part.
 */
void
rr_body_art_get_part_color (RrBodyArtPart  part,
                            gboolean       dark,
                            int            level,
                            double        *red,
                            double        *green,
                            double        *blue)
{
  const Palette *p = dark ? &dark_palette : &light_palette;

  switch (part)
    {
    case RR_BODY_ART_PART_FILL:
      rr_body_art_level_color (level, red, green, blue);
      break;
    case RR_BODY_ART_PART_BORDER:
      parse_hex (p->selected, red, green, blue);
      break;
    case RR_BODY_ART_PART_ACTIVE_BORDER:
      parse_hex (p->active, red, green, blue);
      break;
    case RR_BODY_ART_PART_OUTLINES:
    default:
      parse_hex (p->outline, red, green, blue);
      break;
    }
}
