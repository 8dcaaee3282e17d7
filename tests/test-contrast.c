/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "rr-body-map-private.h"
#include "rr-guidance-view.h"
#include "rr-rulebook.h"
#include "rr-verdict-banner.h"
#include "rr-window-private.h"

/* Contrast (WCAG 2.1 AA, #16), measured on the pixels GTK renders, in the light and
 * the dark style: every text at least 4.5:1 against what is behind it; every state
 * of the body map (a selected spot at each level, the lines between regions, hover
 * and keyboard focus) and the focus ring at least 3:1 against the colours next to
 * it (1.4.11); and the five verdict banners told apart by more than their hue.
 *
 * Every ratio measured is printed (`--verbose`, or the TAP log), and a failure lists
 * every one that is short, not only the first.
 *
 * RR_CONTRAST_SAVE=DIR writes each rendered picture there as PNG, to look at. */

#define TEXT_RATIO 4.5
#define NON_TEXT_RATIO 3.0

/* ------------------------------------------------------------------------ */
/* Colours */

static double
channel (guint c)
{
  double s = c / 255.;

  /* WCAG 2.1's definition of relative luminance (sRGB) */
  return s <= 0.03928 ? s / 12.92 : pow ((s + 0.055) / 1.055, 2.4);
}

static double
luminance (guint32 rgb)
{
  return 0.2126 * channel ((rgb >> 16) & 0xff) + 0.7152 * channel ((rgb >> 8) & 0xff) +
         0.0722 * channel (rgb & 0xff);
}

static double
luminance_ratio (double a,
                 double b)
{
  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

static double
contrast (guint32 a,
          guint32 b)
{
  return luminance_ratio (luminance (a), luminance (b));
}

/* ------------------------------------------------------------------------ */
/* Pictures */

typedef struct
{
  int      width;
  int      height;
  int      x_offset;  /* where the window's (0, 0) is: its bounds reach */
  int      y_offset;  /* over its CSD border */
  guint32 *px;        /* 0xRRGGBB, the window is opaque */
} Image;

static void
image_free (Image *image)
{
  g_free (image->px);
  g_free (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Image, image_free)

static guint32
pixel (const Image *image,
       int          x,
       int          y)
{
  x = CLAMP (x + image->x_offset, 0, image->width - 1);
  y = CLAMP (y + image->y_offset, 0, image->height - 1);
  return image->px[y * image->width + x];
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Until the window has laid out and painted what changed (twice: the body map
 * places its spots after the first frame). */
static void
wait_for_frames (GtkWidget *window)
{
  for (int i = 0; i < 2; i++)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
      gboolean painted = FALSE;
      gulong id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_true), &painted);

      gtk_widget_queue_draw (window);
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (clock, id);
      iterate ();
    }
}

/* The window as the screen shows it: its render nodes, drawn by its own renderer. */
static Image *
render (GtkWidget  *window,
        const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderNode *node;
  GskRenderer *renderer;
  Image *image = g_new0 (Image, 1);
  const char *dir = g_getenv ("RR_CONTRAST_SAVE");

  graphene_rect_t bounds;

  wait_for_frames (window);
  /* The paintable is the window's bounds, its border included, at 1:1 */
  paintable = gtk_widget_paintable_new (window);
  g_assert_true (gtk_widget_compute_bounds (window, window, &bounds));
  image->width = gdk_paintable_get_intrinsic_width (paintable);
  image->height = gdk_paintable_get_intrinsic_height (paintable);
  g_assert_cmpfloat (bounds.size.width, ==, image->width);
  g_assert_cmpfloat (bounds.size.height, ==, image->height);
  image->x_offset = (int) -bounds.origin.x;
  image->y_offset = (int) -bounds.origin.y;
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), image->width, image->height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, image->width, image->height));
  gsk_render_node_unref (node);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, image->width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, image->height);

  image->px = g_new (guint32, (gsize) image->width * image->height);
  /* GDK_MEMORY_DEFAULT: premultiplied ARGB in a native-endian 32-bit word */
  gdk_texture_download (texture, (guchar *) image->px, (gsize) image->width * 4);
  for (gsize i = 0; i < (gsize) image->width * image->height; i++)
    image->px[i] &= 0xffffff;

  if (dir != NULL && name != NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s/%s.png", dir, name);

      gdk_texture_save_to_png (texture, file);
    }
  return image;
}

typedef struct
{
  int x, y, width, height;
} Box;

/* @widget's allocation in the window, in whole pixels, cut to what its ancestors
 * that clip (scrolled areas) let show; FALSE when nothing shows. */
static gboolean
widget_box (GtkWidget *widget,
            GtkWidget *window,
            Box       *box)
{
  graphene_rect_t bounds, clip;

  if (!gtk_widget_compute_bounds (widget, window, &bounds))
    return FALSE;
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL && up != window; up = gtk_widget_get_parent (up))
    {
      if (gtk_widget_get_overflow (up) != GTK_OVERFLOW_HIDDEN)
        continue;
      if (!gtk_widget_compute_bounds (up, window, &clip) ||
          !graphene_rect_intersection (&bounds, &clip, &bounds))
        return FALSE;
    }
  if (!graphene_rect_intersection (&bounds,
                                   &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                                        gtk_widget_get_height (window)),
                                   &bounds))
    return FALSE;
  box->x = (int) ceil (bounds.origin.x);
  box->y = (int) ceil (bounds.origin.y);
  box->width = (int) floor (bounds.origin.x + bounds.size.width) - box->x;
  box->height = (int) floor (bounds.origin.y + bounds.size.height) - box->y;
  return box->width > 0 && box->height > 0;
}

/* The most common colour in @box: the background behind a label, a banner's tint. */
static guint32
common_color (const Image *image,
              const Box   *box)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint32 best = 0;
  guint best_count = 0;

  for (int y = box->y; y < box->y + box->height; y++)
    for (int x = box->x; x < box->x + box->width; x++)
      {
        guint32 c = pixel (image, x, y);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (c + 1))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (c + 1), GUINT_TO_POINTER (n));
        if (n > best_count)
          {
            best_count = n;
            best = c;
          }
      }
  return best;
}

/* The colour in @box that stands out most from @background: a glyph's stem, whose
 * pixels are the text's own colour (antialiasing only lightens the edges). */
static guint32
strongest_color (const Image *image,
                 const Box   *box,
                 guint32      background)
{
  guint32 best = background;
  double best_ratio = 1;

  for (int y = box->y; y < box->y + box->height; y++)
    for (int x = box->x; x < box->x + box->width; x++)
      {
        guint32 c = pixel (image, x, y);
        double r = contrast (c, background);

        if (r > best_ratio)
          {
            best_ratio = r;
            best = c;
          }
      }
  return best;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The value that @fraction of @values reach or exceed: 0.8 says "along four fifths
 * of an edge", which a thin line that fades in and out along its length misses. */
static double
reached_by (GArray *values,
            double  fraction)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, (guint) floor ((1 - fraction) * (values->len - 1)));
}

/* ------------------------------------------------------------------------ */
/* What the checks found */

typedef struct
{
  const char *style;
  GString    *failures;
} Report;

static void
check_ratio (Report     *report,
             double      ratio,
             double      needed,
             const char *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
check_ratio (Report     *report,
             double      ratio,
             double      needed,
             const char *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_test_message ("%s: %s: %.2f:1 (needs %.1f)", report->style, what, ratio, needed);
  if (ratio < needed)
    g_string_append_printf (report->failures, "\n  %s: %s: %.2f:1, needs %.1f:1",
                            report->style, what, ratio, needed);
}

static void
report_init (Report        *report,
             gconstpointer  data)
{
  report->style = GPOINTER_TO_INT (data) ? "dark" : "light";
  report->failures = g_string_new (NULL);
}

static void
report_finish (Report *report)
{
  if (report->failures->len > 0)
    g_test_fail_printf ("too little contrast:%s", report->failures->str);
  g_string_free (report->failures, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Set-up */

static void
set_dark (gboolean dark)
{
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", dark, NULL);
  iterate ();
}

/* The spots of the map test, one per level and none next to another, each in a
 * view of the body: the spot at index i has level i. The last one, at level 5, is
 * chosen last and so is the one being edited (drawn with a strong outline). */
static const char * const spot_regions[] = {
  "head", "abdomen", "left-shoulder", "right-arm", "left-thigh-front", "right-knee-front",
  "left-shin-front", "right-foot-top", "lower-back", "left-calf", "right-thigh-back",
  "left-arch",
};
#define N_LEVEL_SPOTS 11
#define ACTIVE_SPOT "left-arch"
/* Unselected regions, for hover and focus: away from every spot. */
#define HOVER_REGION "right-thigh-front"
#define FOCUS_REGION "left-knee-front"

static void
set_slider (RrWindow *window,
            int       level)
{
  gtk_range_set_value (GTK_RANGE (rr_window_get_pain_scale (window)), level);
}

static RrWindow *
new_window (gboolean dark)
{
  RrWindow *window;
  RrAssessment *assessment;

  set_dark (dark);
  window = rr_window_new (NULL, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-assessment", NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  rr_window_apply_layout_for_width (window, 1400);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  assessment = rr_window_get_assessment (window);
  for (guint i = 0; i < G_N_ELEMENTS (spot_regions); i++)
    {
      int level = i < N_LEVEL_SPOTS ? (int) i : 5;

      /* the slider moves to the level wanted once the spot is chosen (and so the
       * one it edits): a move, even to the level it shows already */
      rr_window_toggle_region (window, spot_regions[i]);
      set_slider (window, (level + 1) % 11);
      set_slider (window, level);
      iterate ();
      g_assert_cmpint (rr_assessment_get_region_level (assessment, spot_regions[i]), ==, level);
    }
  g_assert_cmpstr (rr_window_get_active (window), ==, ACTIVE_SPOT);
  wait_for_frames (GTK_WIDGET (window));
  return window;
}

/* ------------------------------------------------------------------------ */
/* Text */

static void
describe_widget (GString   *out,
                 GtkWidget *widget)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

  g_string_append (out, gtk_widget_get_css_name (widget));
  for (guint i = 0; classes[i]; i++)
    g_string_append_printf (out, ".%s", classes[i]);
}

/* "“Left knee” (label.dim-label in box.spot-chip.level-3)" */
static char *
describe_label (GtkWidget *label)
{
  GString *out = g_string_new (NULL);
  const char *text = gtk_label_get_text (GTK_LABEL (label));
  g_autofree char *start = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 28));
  int depth = 0;

  g_string_append_printf (out, "“%s%s” (", start, g_utf8_strlen (text, -1) > 28 ? "…" : "");
  describe_widget (out, label);
  for (GtkWidget *up = gtk_widget_get_parent (label); up != NULL && depth < 3; up = gtk_widget_get_parent (up))
    {
      g_auto(GStrv) classes = gtk_widget_get_css_classes (up);

      if (classes[0] == NULL)
        continue;
      g_string_append (out, " in ");
      describe_widget (out, up);
      depth++;
    }
  g_string_append (out, ")");
  return g_string_free (out, FALSE);
}

static gboolean
has_words (GtkWidget *label)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_label_get_text (GTK_LABEL (label))));

  return text[0] != '\0';
}

/* Every label that shows, whatever its style: the text against the most common
 * colour of its own allocation. Insensitive text is exempt (WCAG 1.4.3). */
static void
check_labels (Report      *report,
              const Image *image,
              GtkWidget   *window,
              GtkWidget   *widget,
              guint       *n_checked)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && gtk_widget_is_sensitive (child) && has_words (child))
        {
          g_autofree char *what = describe_label (child);
          Box box;

          if (widget_box (child, window, &box) && box.height >= 6)
            {
              guint32 background = common_color (image, &box);
              guint32 text = strongest_color (image, &box, background);

              check_ratio (report, contrast (text, background), TEXT_RATIO,
                           "text %s, #%06x on #%06x", what, text, background);
              (*n_checked)++;
            }
        }
      check_labels (report, image, window, child, n_checked);
    }
}

/* ------------------------------------------------------------------------ */
/* The body map */

typedef struct
{
  RrBodyMap   *map;
  const Image *image;
  Box          box;         /* the map in the window */
  const char **regions;     /* per map pixel, interned or NULL */
} MapPixels;

static void
map_pixels_init (MapPixels   *m,
                 RrBodyMap   *map,
                 GtkWidget   *window,
                 const Image *image)
{
  m->map = map;
  m->image = image;
  g_assert_true (widget_box (GTK_WIDGET (map), window, &m->box));
  m->regions = g_new0 (const char *, (gsize) m->box.width * m->box.height);
  for (int y = 0; y < m->box.height; y++)
    for (int x = 0; x < m->box.width; x++)
      m->regions[y * m->box.width + x] = rr_body_map_region_at (map, x + 0.5, y + 0.5);
}

static const char *
map_region (MapPixels *m,
            int        x,
            int        y)
{
  if (x < 0 || y < 0 || x >= m->box.width || y >= m->box.height)
    return NULL;
  return m->regions[y * m->box.width + x];
}

static guint32
map_pixel (MapPixels *m,
           int        x,
           int        y)
{
  return pixel (m->image, m->box.x + x, m->box.y + y);
}

static gboolean
is_plain (MapPixels  *m,
          const char *region)
{
  return region != NULL && !rr_body_map_get_selected (m->map, region) &&
         g_strcmp0 (region, FOCUS_REGION) != 0 && g_strcmp0 (region, HOVER_REGION) != 0;
}

/* The body's own fill: the commonest colour well inside unselected regions. */
static guint32
body_fill (MapPixels *m)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint32 best = 0;
  guint best_count = 0;

  for (int y = 3; y < m->box.height - 3; y++)
    for (int x = 3; x < m->box.width - 3; x++)
      {
        const char *region = map_region (m, x, y);
        guint32 c;
        guint n;

        if (!is_plain (m, region) || map_region (m, x - 3, y) != region || map_region (m, x + 3, y) != region ||
            map_region (m, x, y - 3) != region || map_region (m, x, y + 3) != region)
          continue;
        c = map_pixel (m, x, y);
        n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (c + 1))) + 1;
        g_hash_table_insert (counts, GUINT_TO_POINTER (c + 1), GUINT_TO_POINTER (n));
        if (n > best_count)
          {
            best_count = n;
            best = c;
          }
      }
  g_assert_cmpuint (best_count, >, 1000);
  return best;
}

static int
compare_doubles_down (gconstpointer a,
                      gconstpointer b)
{
  return compare_doubles (b, a);
}

/* How a region's edge stands out where it meets a plain region (@region NULL: the
 * edges between two plain regions), as a line @width pixels wide (or the region's
 * own fill) that 80 % of the edge shows. At each pixel on the edge, in the square of
 * (2 @width + 1)² pixels around it, a straight line @width pixels wide covers that
 * many times (2 @width + 1) pixels: the ratio to the body fill that many of them
 * reach is what the edge shows there. A hairline drawn thinner than a pixel fades
 * into its neighbours and reaches only what is left of its colour.
 *
 * Selected spots, hover and focus are asked for a line 2 px wide (the thickness
 * WCAG 2.2 asks of a focus indicator: below it, lines lose their colour to
 * antialiasing); the lines between regions for 1 px. */
static double
edge_contrast (MapPixels  *m,
               const char *region,
               guint32     fill,
               int         width,
               guint      *n_points)
{
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) square = g_array_new (FALSE, FALSE, sizeof (double));
  const int dx[] = { 1, -1, 0, 0 }, dy[] = { 0, 0, 1, -1 };
  const int side = 2 * width + 1;

  region = region ? g_intern_string (region) : NULL;
  for (int y = 1; y < m->box.height - 1; y++)
    for (int x = 1; x < m->box.width - 1; x++)
      {
        const char *here = map_region (m, x, y);
        gboolean on_edge = FALSE;

        if (region != NULL ? here != region : !is_plain (m, here))
          continue;
        for (int k = 0; k < 4 && !on_edge; k++)
          {
            const char *there = map_region (m, x + dx[k], y + dy[k]);

            on_edge = there != here && is_plain (m, there);
          }
        if (!on_edge)
          continue;
        g_array_set_size (square, 0);
        for (int j = -width; j <= width; j++)
          for (int i = -width; i <= width; i++)
            {
              double r = contrast (map_pixel (m, x + i, y + j), fill);

              g_array_append_val (square, r);
            }
        g_array_sort (square, compare_doubles_down);
        g_array_append_val (ratios, g_array_index (square, double, width * side - 1));
      }
  *n_points = ratios->len;
  return reached_by (ratios, 0.8);
}

static void
check_map (Report      *report,
           RrWindow    *window,
           const Image *image,
           const char  *state)
{
  RrBodyMap *map = rr_window_get_body_map (window);
  MapPixels m;
  guint32 fill;
  guint n;
  double ratio;

  map_pixels_init (&m, map, GTK_WIDGET (window), image);
  fill = body_fill (&m);
  g_test_message ("%s: body fill #%06x", report->style, fill);

  if (g_str_equal (state, "selected"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (spot_regions); i++)
        {
          int level = rr_body_map_get_level (map, spot_regions[i]);

          ratio = edge_contrast (&m, spot_regions[i], fill, 2, &n);
          g_assert_cmpuint (n, >, 20);
          check_ratio (report, ratio, NON_TEXT_RATIO, "map: %s spot at level %d (%s) against the body",
                       g_str_equal (spot_regions[i], ACTIVE_SPOT) ? "the active" : "a selected",
                       level, spot_regions[i]);
        }
      ratio = edge_contrast (&m, NULL, fill, 1, &n);
      g_assert_cmpuint (n, >, 500);
      check_ratio (report, ratio, NON_TEXT_RATIO, "map: the lines between regions");
    }
  else
    {
      const char *region = g_str_equal (state, "hover") ? HOVER_REGION : FOCUS_REGION;

      ratio = edge_contrast (&m, region, fill, 2, &n);
      g_assert_cmpuint (n, >, 20);
      check_ratio (report, ratio, NON_TEXT_RATIO, "map: %s on %s against the body", state, region);
    }
  g_free (m.regions);
}

/* ------------------------------------------------------------------------ */
/* The focus ring: what keyboard focus adds around a widget, against what was there. */

static void
check_focus_ring (Report     *report,
                  GtkWidget  *window,
                  GtkWidget  *target,
                  const char *what)
{
  g_autoptr(Image) before = NULL;
  g_autoptr(Image) after = NULL;
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  Box box;

  gtk_window_set_focus_visible (GTK_WINDOW (window), FALSE);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  before = render (window, NULL);
  g_assert_true (gtk_widget_grab_focus (target));
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  {
    g_autofree char *name = g_strdup_printf ("ring-%s-%s", report->style, what);

    g_strdelimit (name, " ", '-');
    after = render (window, name);
  }

  g_assert_true (widget_box (target, window, &box));
  for (int y = box.y - 6; y < box.y + box.height + 6; y++)
    for (int x = box.x - 6; x < box.x + box.width + 6; x++)
      {
        guint32 a = pixel (before, x, y), b = pixel (after, x, y);

        if (a != b)
          {
            double r = contrast (a, b);

            g_array_append_val (ratios, r);
          }
      }
  g_assert_cmpuint (ratios->len, >, 20);
  check_ratio (report, reached_by (ratios, 0.5), NON_TEXT_RATIO, "focus ring on %s", what);
}

/* ------------------------------------------------------------------------ */
/* The window: text, chips, the map in each state, focus */

static void
test_window (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  RrWindow *window = new_window (dark);
  RrBodyMap *map = rr_window_get_body_map (window);
  Report report;
  guint n_labels = 0;
  double x, y;
  GtkWidget *chip = NULL;

  report_init (&report, data);

  {
    g_autoptr(Image) image = render (GTK_WIDGET (window), dark ? "window-dark" : "window-light");

    check_labels (&report, image, GTK_WIDGET (window), GTK_WIDGET (window), &n_labels);
    /* the chips (11 levels and one more), the level's words, the guidance */
    g_assert_cmpuint (n_labels, >, 20);
    check_map (&report, window, image, "selected");
  }

  g_assert_true (rr_body_map_get_region_point (map, HOVER_REGION, &x, &y));
  rr_body_map_hover_at (map, x, y);
  g_assert_cmpstr (rr_body_map_get_hovered_region (map), ==, HOVER_REGION);
  {
    g_autoptr(Image) image = render (GTK_WIDGET (window), dark ? "hover-dark" : "hover-light");

    check_map (&report, window, image, "hover");
  }

  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  g_assert_true (gtk_widget_grab_focus (rr_body_map_get_spot (map, FOCUS_REGION)));
  g_assert_cmpstr (rr_body_map_get_focus_region (map), ==, FOCUS_REGION);
  {
    g_autoptr(Image) image = render (GTK_WIDGET (window), dark ? "focus-dark" : "focus-light");

    check_map (&report, window, image, "focus");
  }

  /* The focus ring on a chip of the darkest level, and on the slider */
  for (GtkWidget *w = gtk_widget_get_parent (GTK_WIDGET (rr_window_get_pain_scale (window))); w && !chip;
       w = gtk_widget_get_parent (w))
    {
      /* find the chips' row: the nearest ancestor holding a .level-10 chip */
      g_autoptr(GQueue) queue = g_queue_new ();

      g_queue_push_tail (queue, w);
      while (!g_queue_is_empty (queue) && !chip)
        {
          GtkWidget *c = g_queue_pop_head (queue);

          if (gtk_widget_has_css_class (c, "spot-chip") && gtk_widget_has_css_class (c, "level-10"))
            chip = gtk_widget_get_first_child (c);
          for (GtkWidget *k = gtk_widget_get_first_child (c); k; k = gtk_widget_get_next_sibling (k))
            g_queue_push_tail (queue, k);
        }
    }
  g_assert_nonnull (chip);
  check_focus_ring (&report, GTK_WIDGET (window), chip, "a level-10 chip");
  check_focus_ring (&report, GTK_WIDGET (window), rr_window_get_pain_scale (window), "the slider");

  report_finish (&report);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  set_dark (FALSE);
}

/* ------------------------------------------------------------------------ */
/* The verdict banners */

static RrGuidance *
evaluate (const char *region,
          int         level,
          const char *symptom)
{
  g_autoptr(RrAssessment) assessment = rr_assessment_new ();

  rr_assessment_add_region (assessment, region, level);
  if (symptom)
    rr_assessment_set_symptom (assessment, symptom, TRUE);
  return rr_rulebook_evaluate (rr_rulebook_get_default (), assessment);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found)
        return found;
    }
  return NULL;
}

typedef struct
{
  double background;  /* luminance of the banner's tint */
  double edge;        /* of its coloured edge */
} BannerLook;

/* How a runner who sees no hue (or another one) tells one verdict from another,
 * having seen only one banner at a time: by its own icon and words (the view's job,
 * checked here too) and by how light or dark the banner is. WCAG gives no figure
 * for telling two colours apart that are never side by side; we ask that every pair
 * of banners differ in the luminance of their tint or of their coloured edge by at
 * least 1.5:1 -- half again as light, well beyond what a glance confuses (the 3:1 of
 * 1.4.11 is for colours that touch). Before #16, "ease off" and "stop and rest"
 * differed by 1.03:1 in both. */
#define BANNER_APART_RATIO 1.5

static void
test_banners (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  static const struct { RrVerdict verdict; const char *region; int level; const char *symptom; } cases[] = {
    { RR_VERDICT_KEEP_RUNNING, "left-knee-front", 2, NULL },
    { RR_VERDICT_EASE_OFF, "left-knee-front", 5, NULL },
    { RR_VERDICT_STOP_AND_REST, "left-knee-front", 5, "limping" },
    { RR_VERDICT_SEE_PROFESSIONAL, "left-knee-front", 7, NULL },
    { RR_VERDICT_EMERGENCY, "chest", 2, "sweating" },
  };
  BannerLook looks[G_N_ELEMENTS (cases)];
  GtkWidget *window, *view, *scroller;
  Report report;

  report_init (&report, data);
  set_dark (dark);
  window = gtk_window_new ();
  view = rr_guidance_view_new ();
  /* room for the focus ring around the banner */
  gtk_widget_set_margin_start (view, 12);
  gtk_widget_set_margin_end (view, 12);
  gtk_widget_set_margin_top (view, 12);
  /* scrolled, as in the window: the whole guidance is taller than a screen, which
   * newer GTK warns of when the window is given less than it needs */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 700);
  gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RrGuidance) guidance = evaluate (cases[i].region, cases[i].level, cases[i].symptom);
      const char *id = rr_verdict_to_id (cases[i].verdict);
      g_autofree char *name = g_strdup_printf ("banner-%s-%s", id, dark ? "dark" : "light");
      g_autoptr(Image) image = NULL;
      GtkWidget *banner, *icon;
      Box box, edge, icon_box;
      guint32 background, edge_color, icon_color;
      guint n_labels = 0;

      g_assert_cmpint (rr_guidance_get_verdict (guidance), ==, cases[i].verdict);
      rr_guidance_view_set_guidance (RR_GUIDANCE_VIEW (view), guidance);
      image = render (window, name);
      banner = find_named (view, "banner");
      g_assert_true (widget_box (banner, window, &box));

      /* the tint: the most common colour inside; the edge: the start side's strip
       * (a left-to-right test), clear of the rounded corners */
      background = common_color (image, &(Box) { box.x + 8, box.y, box.width - 8, box.height });
      edge = (Box) { box.x + 1, box.y + 14, 4, box.height - 28 };
      edge_color = common_color (image, &edge);
      looks[i].background = luminance (background);
      looks[i].edge = luminance (edge_color);
      g_test_message ("%s: banner %s: tint #%06x, edge #%06x", report.style, id, background, edge_color);

      /* the icon, a graphic that carries the verdict */
      icon = gtk_widget_get_first_child (gtk_widget_get_first_child (banner));
      g_assert_true (GTK_IS_IMAGE (icon));
      g_assert_true (widget_box (icon, window, &icon_box));
      icon_color = strongest_color (image, &icon_box, background);
      check_ratio (&report, contrast (icon_color, background), NON_TEXT_RATIO, "banner %s: its icon", id);

      check_labels (&report, image, window, banner, &n_labels);
      g_assert_cmpuint (n_labels, >=, 2);
    }

  /* more than hue: the icons, and the luminance of tint or edge, pairwise */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (cases); j++)
      {
        const char *a = rr_verdict_to_id (cases[i].verdict), *b = rr_verdict_to_id (cases[j].verdict);
        double tint = luminance_ratio (looks[i].background, looks[j].background);
        double edge = luminance_ratio (looks[i].edge, looks[j].edge);

        g_assert_cmpstr (rr_guidance_view_get_verdict_icon (cases[i].verdict), !=,
                         rr_guidance_view_get_verdict_icon (cases[j].verdict));
        g_test_message ("%s: banners %s and %s: tints %.2f:1 apart, edges %.2f:1", report.style, a, b, tint, edge);
        check_ratio (&report, MAX (tint, edge), BANNER_APART_RATIO,
                     "banners %s and %s apart in luminance (tint or edge)", a, b);
      }

  /* The verdict is a Tab stop: its focus ring */
  check_focus_ring (&report, window, gtk_widget_get_parent (find_named (view, "banner")), "the verdict banner");

  report_finish (&report);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  set_dark (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  g_test_init (&argc, &argv, NULL);
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("no locale %s (LOCPATH=%s)", g_getenv ("LC_ALL"), g_getenv ("LOCPATH"));
  gtk_disable_setlocale ();
  gtk_init ();

  /* The end of every transition at once (Adwaita fades the focus ring in) */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The app's own stylesheet, as RrApplication loads it at start-up */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/runorrest/RunOrRest/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add_data_func ("/contrast/light/window", GINT_TO_POINTER (FALSE), test_window);
  g_test_add_data_func ("/contrast/dark/window", GINT_TO_POINTER (TRUE), test_window);
  g_test_add_data_func ("/contrast/light/banners", GINT_TO_POINTER (FALSE), test_banners);
  g_test_add_data_func ("/contrast/dark/banners", GINT_TO_POINTER (TRUE), test_banners);

  return g_test_run ();
}
