/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-body-art.c: the body map artwork tiles the body and hits the right
 * regions. librsvg and cairo only: no display, no GTK. */

#include "config.h"

#include <string.h>

#include "rr-body-art.h"
#include "rr-body-picture.h"

/* The shared region vocabulary (docs/DESIGN.md): 6 midline regions and 23
 * paired parts, 52 ids in all. */
static const char *midline[] = {
  "head", "neck", "chest", "abdomen", "upper-back", "lower-back",
};
static const char *paired[] = {
  "shoulder", "arm", "hip-front", "hip-outer", "groin", "glute", "thigh-front",
  "thigh-back", "knee-front", "knee-below", "knee-outer", "knee-inner",
  "knee-back", "shin-front", "shin-inner", "calf", "ankle-outer",
  "ankle-inner", "ankle-back", "foot-top", "heel", "arch", "toes",
};

typedef struct
{
  RrBodyArt *art;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  /* Read the source file rather than the GResource, so this test needs
   * nothing but the artwork. */
  path = g_test_build_filename (G_TEST_DIST, "..", "data", "body-map.svg", NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  fixture->art = rr_body_art_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->art);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->art);
}

static GPtrArray *
vocabulary (void)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (midline); i++)
    g_ptr_array_add (ids, g_strdup (midline[i]));
  for (guint i = 0; i < G_N_ELEMENTS (paired); i++)
    {
      g_ptr_array_add (ids, g_strconcat ("left-", paired[i], NULL));
      g_ptr_array_add (ids, g_strconcat ("right-", paired[i], NULL));
    }

  return ids;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
test_regions_match_vocabulary (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) want = vocabulary ();
  g_autoptr(GPtrArray) got = g_ptr_array_new ();
  const char * const *regions = rr_body_art_get_regions (fixture->art);

  for (guint i = 0; regions[i] != NULL; i++)
    g_ptr_array_add (got, (gpointer) regions[i]);

  g_ptr_array_sort (want, compare_strings);
  g_ptr_array_sort (got, compare_strings);

  for (guint i = 0; i < MIN (want->len, got->len); i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (want, i));
  g_assert_cmpuint (got->len, ==, want->len);
  g_assert_cmpuint (got->len, ==, 52);
}

static void
test_centres_hit_their_region (Fixture       *fixture,
                               gconstpointer  data)
{
  const char * const *regions = rr_body_art_get_regions (fixture->art);

  for (guint i = 0; regions[i] != NULL; i++)
    {
      double x, y;

      g_assert_true (rr_body_art_get_region_center (fixture->art, regions[i], &x, &y));
      g_assert_cmpstr (rr_body_art_region_at (fixture->art, x, y), ==, regions[i]);
      g_assert_cmpuint (rr_body_art_count_regions_at (fixture->art, x, y), ==, 1);
      g_assert_true (rr_body_art_contains (fixture->art, x, y));
    }

  g_assert_false (rr_body_art_get_region_center (fixture->art, "left-elbow", NULL, NULL));
}

/* Anti-aliasing makes a point right on an edge half-covered by both shapes
 * (or by a shape and the background), so the count there is 0 or 2 by
 * design. Such a point is recognised by its neighbours one unit away
 * landing somewhere else; anything farther from an edge must be exact. */
static gboolean
near_edge (RrBodyArt *art,
           double     x,
           double     y)
{
  const char *here = rr_body_art_region_at (art, x, y);
  gboolean inside = rr_body_art_contains (art, x, y);

  for (int dx = -1; dx <= 1; dx++)
    for (int dy = -1; dy <= 1; dy++)
      {
        if (rr_body_art_contains (art, x + dx, y + dy) != inside ||
            rr_body_art_region_at (art, x + dx, y + dy) != here)
          return TRUE;
      }

  return FALSE;
}

static void
test_regions_tile_the_body (Fixture       *fixture,
                            gconstpointer  data)
{
  double width, height;
  guint inside = 0, skipped = 0;

  rr_body_art_get_size (fixture->art, &width, &height);

  /* every 3 units over the whole document, all three views */
  for (double y = 1.5; y < height; y += 3)
    for (double x = 1.5; x < width; x += 3)
      {
        gboolean in_body = rr_body_art_contains (fixture->art, x, y);
        guint count = rr_body_art_count_regions_at (fixture->art, x, y);

        if (count == (in_body ? 1 : 0))
          {
            inside += in_body;
            continue;
          }

        if (near_edge (fixture->art, x, y))
          {
            skipped++;
            continue;
          }

        g_test_message ("%s the body at %.1f,%.1f: %u regions",
                        in_body ? "inside" : "outside", x, y, count);
        g_test_fail ();
      }

  g_test_message ("%u points inside the body, %u edge points skipped", inside, skipped);
  g_assert_cmpuint (inside, >, 5000);
  /* edges are lines: only a small fraction of a grid can land on one */
  g_assert_cmpuint (skipped, <, inside / 50);
}

static void
test_outside_is_nothing (Fixture       *fixture,
                         gconstpointer  data)
{
  double width, height;

  rr_body_art_get_size (fixture->art, &width, &height);

  g_assert_null (rr_body_art_region_at (fixture->art, 2, 2));
  g_assert_null (rr_body_art_region_at (fixture->art, width - 2, height - 2));
  g_assert_null (rr_body_art_region_at (fixture->art, -50, 100));
  g_assert_null (rr_body_art_region_at (fixture->art, width / 2, height + 10));
  g_assert_false (rr_body_art_contains (fixture->art, 2, 2));
}

/* Which way round the views are: the front view shows the runner facing us,
 * so their left knee is on the picture's right; the back view shows their
 * left knee on the picture's left. */
static void
test_sides (Fixture       *fixture,
            gconstpointer  data)
{
  double x, y, bx, by, rx, ry;
  const char *region;

  /* front: both knee-front shapes, compare their x */
  g_assert_true (rr_body_art_get_region_center (fixture->art, "left-knee-front", &x, &y));
  g_assert_true (rr_body_art_get_region_center (fixture->art, "right-knee-front", &rx, &ry));
  g_assert_cmpfloat (x, >, rx);
  g_assert_cmpstr (rr_body_art_get_region_view (fixture->art, "left-knee-front"), ==, "front");

  /* so a point on the picture's right knee is on the runner's left */
  region = rr_body_art_region_at (fixture->art, x, y);
  g_assert_true (g_str_has_prefix (region, "left-knee-"));
  region = rr_body_art_region_at (fixture->art, rx, ry);
  g_assert_true (g_str_has_prefix (region, "right-knee-"));

  /* back: the picture's left knee is the runner's left */
  g_assert_true (rr_body_art_get_region_center (fixture->art, "left-knee-back", &bx, &by));
  g_assert_true (rr_body_art_get_region_center (fixture->art, "right-knee-back", &rx, &ry));
  g_assert_cmpfloat (bx, <, rx);
  g_assert_cmpstr (rr_body_art_get_region_view (fixture->art, "left-knee-back"), ==, "back");
  g_assert_cmpstr (rr_body_art_region_at (fixture->art, bx, by), ==, "left-knee-back");

  /* outer is away from the middle of the body */
  g_assert_true (rr_body_art_get_region_center (fixture->art, "left-knee-outer", &x, NULL));
  g_assert_true (rr_body_art_get_region_center (fixture->art, "left-knee-inner", &rx, NULL));
  g_assert_cmpfloat (x, >, rx);

  /* soles: the runner's left sole on the picture's left, like the back */
  g_assert_true (rr_body_art_get_region_center (fixture->art, "left-heel", &x, NULL));
  g_assert_true (rr_body_art_get_region_center (fixture->art, "right-heel", &rx, NULL));
  g_assert_cmpfloat (x, <, rx);
  g_assert_cmpstr (rr_body_art_get_region_view (fixture->art, "left-heel"), ==, "soles");
}

static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GHashTable) levels = g_hash_table_new (g_str_hash, g_str_equal);
  cairo_surface_t *surface;
  cairo_t *cr;
  const guint32 *pixels;
  int stride;
  double x, y, scale, ox, oy, r, g, b;
  guint32 pixel;
  g_autofree char *css = NULL;

  g_hash_table_insert (levels, (gpointer) "left-knee-outer", GINT_TO_POINTER (10));
  css = rr_body_art_build_stylesheet (fixture->art, FALSE, levels, NULL);
  g_assert_nonnull (strstr (css, "#left-knee-outer"));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cr = cairo_create (surface);
  rr_body_art_render_levels (fixture->art, cr, 400, 300, FALSE, levels, "left-knee-outer");
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* the spot's centre is painted in the level colour */
  rr_body_art_get_region_center (fixture->art, "left-knee-outer", &x, &y);
  rr_body_art_get_transform (fixture->art, 400, 300, &scale, &ox, &oy);
  pixels = (const guint32 *) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  pixel = pixels[(int) (y * scale + oy) * stride + (int) (x * scale + ox)];
  rr_body_art_level_color (10, &r, &g, &b);
  g_assert_cmpuint (pixel >> 24, ==, 0xff);
  g_assert_cmpint (ABS ((int) ((pixel >> 16) & 0xff) - (int) (r * 255)), <=, 2);
  g_assert_cmpint (ABS ((int) ((pixel >> 8) & 0xff) - (int) (g * 255)), <=, 2);
  g_assert_cmpint (ABS ((int) (pixel & 0xff) - (int) (b * 255)), <=, 2);

  /* and the corner is transparent */
  g_assert_cmpuint (pixels[0] >> 24, ==, 0);

  cairo_surface_destroy (surface);
}

/* How far apart two pictures are: the largest difference of any channel, and how
 * many pixels differ by more than @tolerance in some channel. */
static void
compare_pictures (cairo_surface_t *a,
                  cairo_surface_t *b,
                  int              tolerance,
                  int             *max_diff,
                  guint           *n_over)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride_a = cairo_image_surface_get_stride (a);
  int stride_b = cairo_image_surface_get_stride (b);
  const guchar *pa, *pb;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  *max_diff = 0;
  *n_over = 0;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        int worst = 0;

        for (int c = 0; c < 4; c++)
          worst = MAX (worst, ABS ((int) pa[y * stride_a + x * 4 + c] - (int) pb[y * stride_b + x * 4 + c]));
        *max_diff = MAX (*max_diff, worst);
        *n_over += worst > tolerance;
      }
}

/* The widget's picture, composed from cached layers, is the picture the sheet
 * draws in one go: in both themes, at two sizes and scales, with no spot, one,
 * neighbours, the active one among them, and every spot at once. */
static void
test_layered_picture (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct { int width, height, scale; } sizes[] = { { 400, 300, 1 }, { 333, 517, 2 } };
  const char * const *regions = rr_body_art_get_regions (fixture->art);
  g_autoptr(RrBodyPicture) picture = rr_body_picture_new (fixture->art);
  g_autoptr(GPtrArray) selections = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  /* not interned: callers may pass any string */
  const char *actives[] = { NULL, NULL, "left-knee-front", "left-knee-outer", "right-heel" };
  GHashTable *levels;

  g_ptr_array_add (selections, g_hash_table_new (NULL, NULL));
  levels = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (levels, (gpointer) g_intern_string ("left-knee-outer"), GINT_TO_POINTER (7));
  g_ptr_array_add (selections, levels);
  levels = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (levels, (gpointer) g_intern_string ("left-knee-outer"), GINT_TO_POINTER (3));
  g_hash_table_insert (levels, (gpointer) g_intern_string ("left-knee-front"), GINT_TO_POINTER (9));
  g_hash_table_insert (levels, (gpointer) g_intern_string ("left-thigh-front"), GINT_TO_POINTER (0));
  g_ptr_array_add (selections, levels);
  g_ptr_array_add (selections, g_hash_table_ref (levels));
  levels = g_hash_table_new (NULL, NULL);
  for (guint i = 0; regions[i]; i++)
    g_hash_table_insert (levels, (gpointer) regions[i], GINT_TO_POINTER (i % 11));
  g_ptr_array_add (selections, levels);

  /* Before it is prepared, the picture is rendered in one go; after, in layers. */
  rr_body_picture_prepare (picture);
  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    for (int dark = 0; dark <= 1; dark++)
      for (guint i = 0; i < selections->len; i++)
        {
          int w = sizes[z].width, h = sizes[z].height, scale = sizes[z].scale;
          cairo_surface_t *composed;
          cairo_surface_t *direct = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w * scale, h * scale);
          cairo_t *cr = cairo_create (direct);
          int max_diff;
          guint n_over;

          cairo_scale (cr, scale, scale);
          rr_body_art_render_levels (fixture->art, cr, w, h, dark, selections->pdata[i], actives[i]);
          cairo_destroy (cr);
          composed = rr_body_picture_render (picture, w, h, scale, dark, selections->pdata[i], actives[i]);

          compare_pictures (direct, composed, 24, &max_diff, &n_over);
          g_test_message ("%dx%d@%d %s, selection %u: largest difference %d, %u pixels over 24",
                          w, h, scale, dark ? "dark" : "light", i, max_diff, n_over);
          /* Only anti-aliased rims may differ, and by little: where a spot meets the
           * silhouette, what shows through the rim is the neutral map here and the
           * spot's own first coat there. A wrong colour or a missing border differs
           * by 100 or more. */
          g_assert_cmpint (max_diff, <=, 64);
          g_assert_cmpuint (n_over, <=, (guint) (w * scale * h * scale / 200));
          cairo_surface_destroy (direct);
        }
}

/* A new level or a new spot costs no SVG work; a new size renders again. */
static void
test_layered_picture_reuse (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(RrBodyPicture) picture = rr_body_picture_new (fixture->art);
  g_autoptr(GHashTable) levels = g_hash_table_new (NULL, NULL);
  const char *knee = g_intern_string ("left-knee-outer");
  cairo_surface_t *first, *again;
  guint n;

  g_hash_table_insert (levels, (gpointer) knee, GINT_TO_POINTER (2));

  /* Unprepared (the first frame): one render a change, the same as the sheet's. */
  first = rr_body_picture_render (picture, 300, 200, 1, FALSE, levels, knee);
  g_assert_cmpuint (rr_body_picture_get_n_renders (picture), ==, 1);
  {
    cairo_surface_t *direct = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 200);
    cairo_t *cr = cairo_create (direct);
    int max_diff;
    guint n_over;

    rr_body_art_render_levels (fixture->art, cr, 300, 200, FALSE, levels, knee);
    cairo_destroy (cr);
    compare_pictures (direct, first, 0, &max_diff, &n_over);
    g_assert_cmpint (max_diff, ==, 0);
    cairo_surface_destroy (direct);
  }

  rr_body_picture_prepare (picture);
  first = rr_body_picture_render (picture, 300, 200, 1, FALSE, levels, knee);
  n = rr_body_picture_get_n_renders (picture) - 1;
  g_assert_cmpuint (n, >, 0);

  /* the same look: the same picture */
  again = rr_body_picture_render (picture, 300, 200, 1, FALSE, levels, knee);
  g_assert_true (again == first);

  /* every level, a picture of its own, no render */
  for (int level = 0; level <= 10; level++)
    {
      g_hash_table_insert (levels, (gpointer) knee, GINT_TO_POINTER (level));
      again = rr_body_picture_render (picture, 300, 200, 1, FALSE, levels, knee);
      g_assert_cmpuint (rr_body_picture_get_n_renders (picture), ==, 1 + n);
    }
  /* the dark theme renders the base alone */
  rr_body_picture_render (picture, 300, 200, 1, TRUE, levels, knee);
  g_assert_cmpuint (rr_body_picture_get_n_renders (picture), ==, 1 + n + 1);

  /* a new size renders everything again */
  rr_body_picture_render (picture, 301, 200, 1, TRUE, levels, knee);
  g_assert_cmpuint (rr_body_picture_get_n_renders (picture), ==, 1 + 2 * n + 1);
}

static void
test_level_colors (void)
{
  double r0, g0, b0, r10, g10, b10, r, g, b;

  rr_body_art_level_color (0, &r0, &g0, &b0);
  rr_body_art_level_color (10, &r10, &g10, &b10);
  g_assert_cmpfloat (g0, >, r0);   /* greenish */
  g_assert_cmpfloat (r10, >, g10); /* reddish */
  g_assert_cmpfloat (r10, >, b10);

  /* out of range clamps */
  rr_body_art_level_color (42, &r, &g, &b);
  g_assert_cmpfloat (r, ==, r10);
  rr_body_art_level_color (-1, &r, &g, &b);
  g_assert_cmpfloat (g, ==, g0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/body-art/regions-match-vocabulary", test_regions_match_vocabulary);
  ADD ("/body-art/centres-hit-their-region", test_centres_hit_their_region);
  ADD ("/body-art/regions-tile-the-body", test_regions_tile_the_body);
  ADD ("/body-art/outside-is-nothing", test_outside_is_nothing);
  ADD ("/body-art/sides", test_sides);
  ADD ("/body-art/render", test_render);
  ADD ("/body-art/layered-picture", test_layered_picture);
  ADD ("/body-art/layered-picture-reuse", test_layered_picture_reuse);
  g_test_add_func ("/body-art/level-colors", test_level_colors);

#undef ADD

  return g_test_run ();
}
