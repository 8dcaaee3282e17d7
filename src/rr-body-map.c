/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-body-map.c: the clickable body map */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rr-body-art.h"
#include "rr-body-map-private.h"
#include "rr-body-picture.h"

#define DEFAULT_LEVEL 5
#define NATURAL_SCALE (2 / 3.)
/* Side of the (invisible) accessible child over each region, in document
 * units: small, so assistive technology points at the middle of the shape. */
#define SPOT_SIZE 12.0

/* ------------------------------------------------------------------------ */
/* RrBodyMapSpot: one region as seen by assistive technology and keyboard
 * focus. GTK 4.8 exposes widgets only, so each region gets a tiny child, a
 * toggle (see SPOT_ROLE); it draws nothing (the map draws the focus) and
 * takes no pointer input (the map hit tests the real shapes). */

#define RR_TYPE_BODY_MAP_SPOT (rr_body_map_spot_get_type ())
G_DECLARE_FINAL_TYPE (RrBodyMapSpot, rr_body_map_spot, RR, BODY_MAP_SPOT, GtkWidget)

struct _RrBodyMapSpot
{
  GtkWidget   parent_instance;
  const char *region;   /* interned */
};

G_DEFINE_FINAL_TYPE (RrBodyMapSpot, rr_body_map_spot, GTK_TYPE_WIDGET)

/* A chosen spot must be heard as chosen. GTK 4.10 and later have the toggle-button
 * role, read as "pressed"; GTK 4.8 exposes no toggle role and Orca ignores the
 * pressed state of a push button there, so a spot is a check box, read as
 * "checked" (tried with Orca 43). */
#if GTK_CHECK_VERSION (4, 10, 0)
#define SPOT_ROLE GTK_ACCESSIBLE_ROLE_TOGGLE_BUTTON
#define SPOT_STATE GTK_ACCESSIBLE_STATE_PRESSED
#else
#define SPOT_ROLE GTK_ACCESSIBLE_ROLE_CHECKBOX
#define SPOT_STATE GTK_ACCESSIBLE_STATE_CHECKED
#endif

static void toggle_by_user (RrBodyMap  *self,
                            const char *region);

/* The action a screen reader offers on a spot, as Space does on the keyboard. */
static void
spot_toggle_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkWidget *map = gtk_widget_get_parent (widget);

  if (RR_IS_BODY_MAP (map))
    toggle_by_user (RR_BODY_MAP (map), RR_BODY_MAP_SPOT (widget)->region);
}

static void
rr_body_map_spot_class_init (RrBodyMapSpotClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "spot");
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_widget_class_set_accessible_role (widget_class, SPOT_ROLE);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_widget_class_install_action (widget_class, "spot.toggle", NULL, spot_toggle_action);
}

static void
rr_body_map_spot_init (RrBodyMapSpot *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

static GtkWidget *
rr_body_map_spot_new (const char *region)
{
  RrBodyMapSpot *spot = g_object_new (RR_TYPE_BODY_MAP_SPOT, NULL);

  spot->region = g_intern_string (region);
  gtk_accessible_update_state (GTK_ACCESSIBLE (spot),
                               SPOT_STATE, GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);

  return GTK_WIDGET (spot);
}

/* ------------------------------------------------------------------------ */

struct _RrBodyMap
{
  GtkWidget    parent_instance;

  RrBodyArt   *art;
  GHashTable  *names;       /* region -> translated name */
  GHashTable  *levels;      /* interned region -> GINT_TO_POINTER (level); the selection */
  GPtrArray   *order;       /* interned regions, in order of selection */
  GHashTable  *spots;       /* interned region -> RrBodyMapSpot (children) */
  const char  *active;
  const char  *hovered;
  const char  *current;     /* the region keyboard focus enters on */
  int          default_level;
  gboolean     interactive;

  /* the map in cached layers; the picture it gave last, and a texture sharing its
   * pixels, made only for GPU renderers, for as long as the picture is the same */
  RrBodyPicture   *picture;
  cairo_surface_t *cache_surface;
  GdkTexture  *cache;
  /* the look of the picture and of the highlights below */
  int          cache_width;
  int          cache_height;
  int          cache_scale;
  gboolean     cache_dark;
  /* While the window is being resized, the last picture is scaled to each new size
   * and rendered again once the size has held for a frame. */
  gint64       size_changed_frame;
  gboolean     resizing;
  guint        settle_id;   /* tick callback */
  gboolean     prepare_queued;
  /* hover and focus pictures of single regions, for the size, scale and colours of
   * the cache: moving the pointer only draws textures */
  GHashTable  *highlights;  /* interned region -> Highlight, per look */
  GHashTable  *strong_highlights;

  GtkRoot     *root;
  gulong       focus_visible_id;
};

G_DEFINE_FINAL_TYPE (RrBodyMap, rr_body_map, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HOVERED_REGION,
  PROP_ACTIVE_REGION,
  PROP_DEFAULT_LEVEL,
  PROP_INTERACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REGION_TOGGLED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  cairo_surface_t *surface;
  GdkTexture      *texture;
  graphene_rect_t  bounds;
} Highlight;

static void
highlight_free (gpointer data)
{
  Highlight *highlight = data;

  g_clear_object (&highlight->texture);
  g_clear_pointer (&highlight->surface, cairo_surface_destroy);
  g_free (highlight);
}

static gboolean
is_dark (RrBodyMap *self)
{
  GdkRGBA color;

  /* gtk_widget_get_color() is 4.10; light text means a dark background */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue > 0.5;
}

static void
widget_to_doc (RrBodyMap *self,
               double     x,
               double     y,
               double    *doc_x,
               double    *doc_y)
{
  double scale, ox, oy;

  rr_body_art_get_transform (self->art,
                             gtk_widget_get_width (GTK_WIDGET (self)),
                             gtk_widget_get_height (GTK_WIDGET (self)),
                             &scale, &ox, &oy);
  if (scale <= 0)
    scale = 1;

  *doc_x = (x - ox) / scale;
  *doc_y = (y - oy) / scale;
}

static void
doc_to_widget (RrBodyMap *self,
               double     x,
               double     y,
               double    *widget_x,
               double    *widget_y,
               double    *scale_out)
{
  double scale, ox, oy;

  rr_body_art_get_transform (self->art,
                             gtk_widget_get_width (GTK_WIDGET (self)),
                             gtk_widget_get_height (GTK_WIDGET (self)),
                             &scale, &ox, &oy);
  *widget_x = x * scale + ox;
  *widget_y = y * scale + oy;
  if (scale_out)
    *scale_out = scale;
}

const char *
rr_body_map_region_at (RrBodyMap *self,
                       double     x,
                       double     y)
{
  double doc_x, doc_y;

  g_return_val_if_fail (RR_IS_BODY_MAP (self), NULL);

  widget_to_doc (self, x, y, &doc_x, &doc_y);
  return rr_body_art_region_at (self->art, doc_x, doc_y);
}

gboolean
rr_body_map_get_region_point (RrBodyMap  *self,
                              const char *region,
                              double     *x,
                              double     *y)
{
  double doc_x, doc_y;

  g_return_val_if_fail (RR_IS_BODY_MAP (self), FALSE);

  if (!rr_body_art_get_region_center (self->art, region, &doc_x, &doc_y))
    return FALSE;

  doc_to_widget (self, doc_x, doc_y, x, y, NULL);
  return TRUE;
}

const char *
rr_body_map_get_region_name (RrBodyMap  *self,
                             const char *region)
{
  const char *name;

  g_return_val_if_fail (RR_IS_BODY_MAP (self), NULL);
  g_return_val_if_fail (region != NULL, NULL);

  name = g_hash_table_lookup (self->names, region);
  return name ? name : region;
}

GtkWidget *
rr_body_map_get_spot (RrBodyMap  *self,
                      const char *region)
{
  g_return_val_if_fail (RR_IS_BODY_MAP (self), NULL);

  return region ? g_hash_table_lookup (self->spots, g_intern_string (region)) : NULL;
}

const char *
rr_body_map_get_focus_region (RrBodyMap *self)
{
  GtkWidget *child;

  g_return_val_if_fail (RR_IS_BODY_MAP (self), NULL);

  child = gtk_widget_get_focus_child (GTK_WIDGET (self));
  if (child == NULL || !gtk_widget_has_focus (child))
    return NULL;

  return RR_BODY_MAP_SPOT (child)->region;
}

static void
set_hovered (RrBodyMap  *self,
             const char *region)
{
  region = region ? g_intern_string (region) : NULL;
  if (self->hovered == region)
    return;

  self->hovered = region;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVERED_REGION]);
}

static void
update_spot_state (RrBodyMap  *self,
                   const char *region)
{
  GtkWidget *spot = rr_body_map_get_spot (self, region);
  gboolean selected = g_hash_table_contains (self->levels, region);

  if (spot == NULL)
    return;

  gtk_accessible_update_state (GTK_ACCESSIBLE (spot),
                               SPOT_STATE,
                               selected ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                        : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
update_spot_label (RrBodyMap  *self,
                   const char *region)
{
  GtkWidget *spot = rr_body_map_get_spot (self, region);

  if (spot != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (spot),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    rr_body_map_get_region_name (self, region),
                                    -1);
}

/* Returns whether anything changed. */
static gboolean
change_selected (RrBodyMap  *self,
                 const char *region,
                 gboolean    selected)
{
  region = g_intern_string (region);

  if (selected == g_hash_table_contains (self->levels, region))
    return FALSE;

  if (selected)
    {
      g_hash_table_insert (self->levels, (gpointer) region,
                           GINT_TO_POINTER (self->default_level));
      g_ptr_array_add (self->order, (gpointer) region);
    }
  else
    {
      g_hash_table_remove (self->levels, region);
      g_ptr_array_remove (self->order, (gpointer) region);
    }

  update_spot_state (self, region);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return TRUE;
}

static void
toggle_by_user (RrBodyMap  *self,
                const char *region)
{
  gboolean selected;

  region = g_intern_string (region);
  selected = !g_hash_table_contains (self->levels, region);
  change_selected (self, region, selected);
  self->current = region;

  g_signal_emit (self, signals[REGION_TOGGLED], 0, region, selected);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
rr_body_map_click_at (RrBodyMap *self,
                      double     x,
                      double     y)
{
  const char *region;

  g_return_if_fail (RR_IS_BODY_MAP (self));

  region = rr_body_map_region_at (self, x, y);
  if (region != NULL)
    toggle_by_user (self, region);
}

void
rr_body_map_hover_at (RrBodyMap *self,
                      double     x,
                      double     y)
{
  g_return_if_fail (RR_IS_BODY_MAP (self));

  set_hovered (self, rr_body_map_region_at (self, x, y));
}

/* The region nearest to @from in @direction, judged by region centres:
 * distance along the direction plus a heavier penalty across it, so Down
 * from the knee goes to the shin rather than to the other knee. */
static const char *
neighbour (RrBodyMap        *self,
           const char       *from,
           GtkDirectionType  direction)
{
  const char * const *regions = rr_body_art_get_regions (self->art);
  const char *best = NULL;
  double best_score = G_MAXDOUBLE;
  double fx, fy;

  if (!rr_body_art_get_region_center (self->art, from, &fx, &fy))
    return NULL;

  for (guint i = 0; regions[i] != NULL; i++)
    {
      double x, y, along, across, score;

      if (regions[i] == from ||
          !rr_body_art_get_region_center (self->art, regions[i], &x, &y))
        continue;

      switch (direction)
        {
        case GTK_DIR_UP:    along = fy - y; across = x - fx; break;
        case GTK_DIR_DOWN:  along = y - fy; across = x - fx; break;
        case GTK_DIR_LEFT:  along = fx - x; across = y - fy; break;
        case GTK_DIR_RIGHT: along = x - fx; across = y - fy; break;
        case GTK_DIR_TAB_FORWARD:
        case GTK_DIR_TAB_BACKWARD:
        default:
          return NULL;
        }

      /* only what lies within 60° of the direction */
      if (along <= 1 || fabs (across) > along * 1.8)
        continue;

      score = along + 2.5 * fabs (across);
      if (score < best_score)
        {
          best_score = score;
          best = regions[i];
        }
    }

  return best;
}

static const char *
entry_region (RrBodyMap *self)
{
  if (self->current != NULL)
    return self->current;
  if (self->order->len > 0)
    return g_ptr_array_index (self->order, self->order->len - 1);
  if (rr_body_art_has_region (self->art, "chest"))
    return g_intern_static_string ("chest");

  return rr_body_art_get_regions (self->art)[0];
}

static gboolean
focus_region (RrBodyMap  *self,
              const char *region)
{
  GtkWidget *spot = rr_body_map_get_spot (self, region);

  if (spot == NULL)
    return FALSE;

  self->current = g_intern_string (region);
  return gtk_widget_grab_focus (spot);
}

static gboolean
move_focus (RrBodyMap        *self,
            GtkDirectionType  direction)
{
  const char *from = rr_body_map_get_focus_region (self);
  const char *to;

  if (from == NULL)
    return focus_region (self, entry_region (self));

  to = neighbour (self, from, direction);
  if (to == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }

  focus_region (self, to);
  if (self->root != NULL)
    gtk_window_set_focus_visible (GTK_WINDOW (self->root), TRUE);

  return TRUE;
}

gboolean
rr_body_map_key_pressed (RrBodyMap       *self,
                         guint            keyval,
                         GdkModifierType  state)
{
  const char *focused;

  g_return_val_if_fail (RR_IS_BODY_MAP (self), FALSE);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  focused = rr_body_map_get_focus_region (self);

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return move_focus (self, GTK_DIR_UP);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return move_focus (self, GTK_DIR_DOWN);
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return move_focus (self, GTK_DIR_LEFT);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return move_focus (self, GTK_DIR_RIGHT);

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (focused == NULL)
        return FALSE;
      toggle_by_user (self, focused);
      return TRUE;

    case GDK_KEY_Escape:
      /* let Escape through (to close a dialog) when there is nothing to hide */
      if (self->hovered == NULL &&
          (self->root == NULL || !gtk_window_get_focus_visible (GTK_WINDOW (self->root))))
        return FALSE;
      set_hovered (self, NULL);
      if (self->root != NULL)
        gtk_window_set_focus_visible (GTK_WINDOW (self->root), FALSE);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;

    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------------ */
/* Controllers */

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   RrBodyMap       *self)
{
  rr_body_map_click_at (self, x, y);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           RrBodyMap                *self)
{
  rr_body_map_hover_at (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          RrBodyMap                *self)
{
  set_hovered (self, NULL);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RrBodyMap             *self)
{
  return rr_body_map_key_pressed (self, keyval, state);
}

static void
focus_visible_changed_cb (RrBodyMap *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* GtkWidget */

static void
rr_body_map_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  RrBodyMap *self = RR_BODY_MAP (widget);
  double width, height;

  rr_body_art_get_size (self->art, &width, &height);

  /* Small enough to share a window of 800x600. Naturally two thirds of the art's
   * size: where there is room the map expands anyway, and where it is stacked above
   * the questions (a phone) it leaves them their share. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = MAX (*minimum, (int) ceil (width * NATURAL_SCALE));
    }
  else
    {
      *minimum = (int) ceil (240 * height / width);
      *natural = MAX (*minimum, (int) ceil (height * NATURAL_SCALE));
    }
}

static gboolean
analyse_idle_cb (gpointer user_data)
{
  RrBodyMap *self = user_data;

  rr_body_art_analyse (self->art);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
analyse_after_paint_cb (GdkFrameClock *clock,
                        RrBodyMap     *self)
{
  g_signal_handlers_disconnect_by_func (clock, analyse_after_paint_cb, self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, analyse_idle_cb, g_object_ref (self), g_object_unref);
}

/* A first new size is rendered at once, exactly (a change of layout, a test); only
 * when sizes come in consecutive frames, as under a dragged window edge, does the map
 * scale its last picture, which costs a copy instead of a whole SVG render a frame.
 * Counted in frames, not milliseconds, so that a slow machine gets the same help. */
static void
note_size (RrBodyMap *self,
           int        width,
           int        height)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  gint64 frame;

  if (clock == NULL || self->cache_surface == NULL ||
      (width == self->cache_width && height == self->cache_height))
    return;

  frame = gdk_frame_clock_get_frame_counter (clock);
  self->resizing = self->resizing || frame - self->size_changed_frame <= 1;
  self->size_changed_frame = frame;
}

/* Once a frame has gone by at the same size, the resize is over: the map is
 * rendered at its size again. */
static gboolean
settle_cb (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  RrBodyMap *self = RR_BODY_MAP (widget);

  if (gdk_frame_clock_get_frame_counter (clock) - self->size_changed_frame < 2)
    return G_SOURCE_CONTINUE;
  self->settle_id = 0;
  self->resizing = FALSE;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_REMOVE;
}

static void
rr_body_map_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  RrBodyMap *self = RR_BODY_MAP (widget);
  GHashTableIter iter;
  gpointer key, value;

  note_size (self, width, height);

  /* The spots sit at their regions' centres, which the art works out from a render
   * of its own: not before the first frame, which needs only the drawing. */
  if (!rr_body_art_is_analysed (self->art))
    {
      g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                               G_CALLBACK (analyse_after_paint_cb), self, 0);
      return;
    }

  g_hash_table_iter_init (&iter, self->spots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkWidget *spot = value;
      double doc_x, doc_y, x, y, scale;
      int size;

      if (!rr_body_art_get_region_center (self->art, key, &doc_x, &doc_y))
        continue;

      doc_to_widget (self, doc_x, doc_y, &x, &y, &scale);
      size = MAX (1, (int) round (SPOT_SIZE * scale));

      /* GTK wants every child measured before it is allocated */
      gtk_widget_measure (spot, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_measure (spot, GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (spot,
                                &(GtkAllocation) { (int) round (x - size / 2.),
                                                   (int) round (y - size / 2.),
                                                   size, size },
                                -1);
    }
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  /* cairo's ARGB32 is GDK_MEMORY_DEFAULT (premultiplied, native endian) */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (surface));
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                 GDK_MEMORY_DEFAULT, bytes, stride);
}

/* A picture drawn once, shown every frame. The cairo renderer would convert a
 * texture back to a surface pixel by pixel each frame, so it gets the surface; GPU
 * renderers get a texture, which they upload once. */
static void
append_picture (RrBodyMap             *self,
                GtkSnapshot           *snapshot,
                cairo_surface_t       *surface,
                GdkTexture           **texture,
                const graphene_rect_t *bounds)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native ? gtk_native_get_renderer (native) : NULL;

  if (renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer))
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, bounds);
      double sx, sy;

      /* 1:1 but while a resize scales the last picture */
      cairo_surface_get_device_scale (surface, &sx, &sy);
      cairo_translate (cr, bounds->origin.x, bounds->origin.y);
      cairo_scale (cr, bounds->size.width * sx / cairo_image_surface_get_width (surface),
                   bounds->size.height * sy / cairo_image_surface_get_height (surface));
      cairo_set_source_surface (cr, surface, 0, 0);
      /* cairo's default filter convolves when it scales down: ten times the cost */
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
      cairo_paint (cr);
      cairo_destroy (cr);
      return;
    }

  if (*texture == NULL)
    *texture = texture_from_surface (surface);
  gtk_snapshot_append_texture (snapshot, *texture, bounds);
}

static gboolean prepare_idle_cb (gpointer user_data);

static void
ensure_cache (RrBodyMap *self,
              int        width,
              int        height,
              int        scale,
              gboolean   dark)
{
  cairo_surface_t *surface;

  if (self->cache_width != width || self->cache_height != height ||
      self->cache_scale != scale || self->cache_dark != dark)
    {
      g_hash_table_remove_all (self->highlights);
      g_hash_table_remove_all (self->strong_highlights);
      self->cache_width = width;
      self->cache_height = height;
      self->cache_scale = scale;
      self->cache_dark = dark;
    }

  /* Past the first frame, in layers: made in an idle, or here if frames come too
   * fast for one (a drag straight after start), and then only once. */
  if (self->prepare_queued)
    rr_body_picture_prepare (self->picture);
  surface = rr_body_picture_render (self->picture, width, height, scale, dark, self->levels, self->active);
  /* A map that only shows (the diary's) never changes under the hand. */
  if (!self->prepare_queued && self->interactive)
    {
      self->prepare_queued = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, prepare_idle_cb, g_object_ref (self), g_object_unref);
    }
  if (surface == self->cache_surface)
    return;
  g_clear_object (&self->cache);
  g_clear_pointer (&self->cache_surface, cairo_surface_destroy);
  self->cache_surface = cairo_surface_reference (surface);
}

/* After the first frame, the picture in layers, so that the first click and the
 * first slider step find them ready. */
static gboolean
prepare_idle_cb (gpointer user_data)
{
  RrBodyMap *self = user_data;

  if (self->cache_surface != NULL)
    ensure_cache (self, self->cache_width, self->cache_height, self->cache_scale, self->cache_dark);
  return G_SOURCE_REMOVE;
}

/* Hover and focus are drawn over the cached picture: only the one region's
 * shapes, rendered once per look into a texture the size of that region. */
static void
snapshot_highlight (RrBodyMap   *self,
                    GtkSnapshot *snapshot,
                    const char  *region,
                    gboolean     dark,
                    gboolean     strong)
{
  GHashTable *highlights = strong ? self->strong_highlights : self->highlights;
  Highlight *highlight;

  region = g_intern_string (region);
  highlight = g_hash_table_lookup (highlights, region);
  if (highlight == NULL)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self));
      int height = gtk_widget_get_height (GTK_WIDGET (self));
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      g_autofree char *css = NULL;
      double bx, by, bw, bh, x1, y1, x2, y2;
      cairo_surface_t *surface;
      cairo_t *cr;

      if (!rr_body_art_get_region_bounds (self->art, region, &bx, &by, &bw, &bh))
        return;

      doc_to_widget (self, bx, by, &x1, &y1, NULL);
      doc_to_widget (self, bx + bw, by + bh, &x2, &y2, NULL);
      /* room for the border, which straddles the edge */
      x1 = floor (x1 - 4);
      y1 = floor (y1 - 4);
      x2 = ceil (x2 + 4);
      y2 = ceil (y2 + 4);

      css = rr_body_art_build_highlight_stylesheet (self->art, dark, strong);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) (x2 - x1) * scale, (int) (y2 - y1) * scale);
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      cairo_translate (cr, -x1, -y1);
      rr_body_art_render_region (self->art, cr, width, height, region, css);
      cairo_destroy (cr);

      cairo_surface_set_device_scale (surface, scale, scale);
      highlight = g_new0 (Highlight, 1);
      highlight->surface = surface;
      highlight->bounds = GRAPHENE_RECT_INIT (x1, y1, x2 - x1, y2 - y1);
      g_hash_table_insert (highlights, (gpointer) region, highlight);
    }

  append_picture (self, snapshot, highlight->surface, &highlight->texture, &highlight->bounds);
}

static void
rr_body_map_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  RrBodyMap *self = RR_BODY_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  gboolean dark = is_dark (self);
  const char *focused;
  GtkWidget *focus_child;

  if (width <= 0 || height <= 0)
    return;

  if (self->resizing && self->cache_surface != NULL &&
      self->cache_scale == scale && self->cache_dark == dark)
    {
      /* The last picture, moved and scaled as the art is to the new size. */
      double s0, x0, y0, s1, x1, y1, k;

      rr_body_art_get_transform (self->art, self->cache_width, self->cache_height, &s0, &x0, &y0);
      rr_body_art_get_transform (self->art, width, height, &s1, &x1, &y1);
      k = s0 > 0 ? s1 / s0 : 1;
      append_picture (self, snapshot, self->cache_surface, &self->cache,
                      &GRAPHENE_RECT_INIT (x1 - x0 * k, y1 - y0 * k,
                                           self->cache_width * k, self->cache_height * k));
      if (self->settle_id == 0)
        self->settle_id = gtk_widget_add_tick_callback (widget, settle_cb, NULL, NULL);
      return;
    }

  ensure_cache (self, width, height, scale, dark);
  append_picture (self, snapshot, self->cache_surface, &self->cache,
                               &GRAPHENE_RECT_INIT (0, 0, width, height));

  focused = rr_body_map_get_focus_region (self);
  focus_child = gtk_widget_get_focus_child (widget);
  if (focused != NULL && !gtk_widget_has_visible_focus (focus_child))
    focused = NULL;

  if (self->hovered != NULL && self->hovered != focused)
    snapshot_highlight (self, snapshot, self->hovered, dark, FALSE);
  if (focused != NULL)
    snapshot_highlight (self, snapshot, focused, dark, TRUE);
}

static gboolean
rr_body_map_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard_mode,
                           GtkTooltip *tooltip)
{
  RrBodyMap *self = RR_BODY_MAP (widget);
  const char *region;
  double bx, by, bw, bh, x1, y1, x2, y2;

  region = keyboard_mode ? rr_body_map_get_focus_region (self)
                         : rr_body_map_region_at (self, x, y);
  if (region == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, rr_body_map_get_region_name (self, region));

  /* the tooltip follows the pointer into the next region */
  if (!keyboard_mode && rr_body_art_get_region_bounds (self->art, region, &bx, &by, &bw, &bh))
    {
      doc_to_widget (self, bx, by, &x1, &y1, NULL);
      doc_to_widget (self, bx + bw, by + bh, &x2, &y2, NULL);
      gtk_tooltip_set_tip_area (tooltip,
                                &(GdkRectangle) { (int) x1, (int) y1,
                                                  (int) ceil (x2 - x1), (int) ceil (y2 - y1) });
    }

  return TRUE;
}

static gboolean
rr_body_map_focus (GtkWidget        *widget,
                   GtkDirectionType  direction)
{
  RrBodyMap *self = RR_BODY_MAP (widget);

  /* One Tab stop for the whole map: Tab enters on one region and the next
   * Tab leaves; arrows move inside. */
  if (rr_body_map_get_focus_region (self) == NULL)
    return focus_region (self, entry_region (self));

  if (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD)
    return FALSE;

  return move_focus (self, direction);
}

static gboolean
rr_body_map_grab_focus (GtkWidget *widget)
{
  RrBodyMap *self = RR_BODY_MAP (widget);

  return focus_region (self, entry_region (self));
}

static void
rr_body_map_set_focus_child (GtkWidget *widget,
                             GtkWidget *child)
{
  RrBodyMap *self = RR_BODY_MAP (widget);

  GTK_WIDGET_CLASS (rr_body_map_parent_class)->set_focus_child (widget, child);

  if (child != NULL)
    self->current = RR_BODY_MAP_SPOT (child)->region;
  gtk_widget_queue_draw (widget);
}

static void
rr_body_map_root (GtkWidget *widget)
{
  RrBodyMap *self = RR_BODY_MAP (widget);

  GTK_WIDGET_CLASS (rr_body_map_parent_class)->root (widget);

  self->root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (self->root))
    self->focus_visible_id = g_signal_connect_swapped (self->root, "notify::focus-visible",
                                                       G_CALLBACK (focus_visible_changed_cb),
                                                       self);
  else
    self->root = NULL;
}

static void
rr_body_map_unroot (GtkWidget *widget)
{
  RrBodyMap *self = RR_BODY_MAP (widget);

  if (self->root != NULL)
    g_clear_signal_handler (&self->focus_visible_id, self->root);
  self->root = NULL;

  GTK_WIDGET_CLASS (rr_body_map_parent_class)->unroot (widget);
}

static void
rr_body_map_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rr_body_map_parent_class)->css_changed (widget, change);

  /* the colours may follow a new foreground (dark or light) */
  gtk_widget_queue_draw (widget);
}

/* ------------------------------------------------------------------------ */
/* GObject */

static void
rr_body_map_dispose (GObject *object)
{
  RrBodyMap *self = RR_BODY_MAP (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->spots, g_hash_table_unref);
  if (self->settle_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_id);
  self->settle_id = 0;
  g_clear_object (&self->cache);
  g_clear_pointer (&self->cache_surface, cairo_surface_destroy);
  g_clear_object (&self->picture);
  g_clear_pointer (&self->highlights, g_hash_table_unref);
  g_clear_pointer (&self->strong_highlights, g_hash_table_unref);

  G_OBJECT_CLASS (rr_body_map_parent_class)->dispose (object);
}

static void
rr_body_map_finalize (GObject *object)
{
  RrBodyMap *self = RR_BODY_MAP (object);

  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->levels, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);

  G_OBJECT_CLASS (rr_body_map_parent_class)->finalize (object);
}

static void
rr_body_map_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RrBodyMap *self = RR_BODY_MAP (object);

  switch (prop_id)
    {
    case PROP_HOVERED_REGION:
      g_value_set_string (value, self->hovered);
      break;
    case PROP_ACTIVE_REGION:
      g_value_set_string (value, self->active);
      break;
    case PROP_DEFAULT_LEVEL:
      g_value_set_int (value, self->default_level);
      break;
    case PROP_INTERACTIVE:
      g_value_set_boolean (value, self->interactive);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_body_map_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RrBodyMap *self = RR_BODY_MAP (object);

  switch (prop_id)
    {
    case PROP_ACTIVE_REGION:
      rr_body_map_set_active (self, g_value_get_string (value));
      break;
    case PROP_DEFAULT_LEVEL:
      rr_body_map_set_default_level (self, g_value_get_int (value));
      break;
    case PROP_INTERACTIVE:
      self->interactive = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void rr_body_map_constructed (GObject *object);

static void
rr_body_map_class_init (RrBodyMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rr_body_map_dispose;
  object_class->finalize = rr_body_map_finalize;
  object_class->get_property = rr_body_map_get_property;
  object_class->set_property = rr_body_map_set_property;
  object_class->constructed = rr_body_map_constructed;

  widget_class->measure = rr_body_map_measure;
  widget_class->size_allocate = rr_body_map_size_allocate;
  widget_class->snapshot = rr_body_map_snapshot;
  widget_class->query_tooltip = rr_body_map_query_tooltip;
  widget_class->focus = rr_body_map_focus;
  widget_class->grab_focus = rr_body_map_grab_focus;
  widget_class->set_focus_child = rr_body_map_set_focus_child;
  widget_class->root = rr_body_map_root;
  widget_class->unroot = rr_body_map_unroot;
  widget_class->css_changed = rr_body_map_css_changed;

  /**
   * RrBodyMap:hovered-region:
   *
   * The region under the pointer, or %NULL.
   */
  properties[PROP_HOVERED_REGION] =
    g_param_spec_string ("hovered-region", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RrBodyMap:active-region:
   *
   * The spot being edited, drawn with a strong outline, or %NULL.
   */
  properties[PROP_ACTIVE_REGION] =
    g_param_spec_string ("active-region", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RrBodyMap:default-level:
   *
   * The level a spot gets when the user selects it.
   */
  properties[PROP_DEFAULT_LEVEL] =
    g_param_spec_int ("default-level", NULL, NULL, 0, 10, DEFAULT_LEVEL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RrBodyMap:interactive:
   *
   * Whether the runner chooses spots on it. A map that only shows (the diary's)
   * has no spots for the keyboard or a screen reader, and takes no clicks.
   */
  properties[PROP_INTERACTIVE] =
    g_param_spec_boolean ("interactive", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RrBodyMap::region-toggled:
   * @region: the region id
   * @selected: its new state
   *
   * The user clicked a region or pressed Enter or Space on it; emitted after
   * the selection changed.
   */
  signals[REGION_TOGGLED] =
    g_signal_new ("region-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_BOOLEAN);

  /**
   * RrBodyMap::selection-changed:
   *
   * The set of selected regions changed, by the user or by the program.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "bodymap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rr_body_map_init (RrBodyMap *self)
{
  self->art = rr_body_art_get_default ();
  self->picture = rr_body_picture_new (self->art);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->levels = g_hash_table_new (NULL, NULL);
  self->order = g_ptr_array_new ();
  self->spots = g_hash_table_new (NULL, NULL);
  self->highlights = g_hash_table_new_full (NULL, NULL, NULL, highlight_free);
  self->strong_highlights = g_hash_table_new_full (NULL, NULL, NULL, highlight_free);
  self->default_level = DEFAULT_LEVEL;
  self->interactive = TRUE;

  /* Anatomy has a left and a right: a right-to-left language mirrors the window
   * around the map, never the map itself. */
  gtk_widget_set_direction (GTK_WIDGET (self), GTK_TEXT_DIR_LTR);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

static void
rr_body_map_constructed (GObject *object)
{
  RrBodyMap *self = RR_BODY_MAP (object);
  GtkWidget *widget = GTK_WIDGET (self);
  const char * const *regions;
  GtkGesture *click;
  GtkEventController *controller;

  G_OBJECT_CLASS (rr_body_map_parent_class)->constructed (object);

  if (!self->interactive)
    {
      gtk_widget_set_can_target (widget, FALSE);
      return;
    }

  regions = rr_body_art_get_regions (self->art);
  for (guint i = 0; regions[i] != NULL; i++)
    {
      GtkWidget *spot = rr_body_map_spot_new (regions[i]);

      g_hash_table_insert (self->spots, (gpointer) g_intern_string (regions[i]), spot);
      gtk_widget_set_parent (spot, widget);
      update_spot_label (self, regions[i]);
    }

  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_cursor_from_name (widget, "pointer");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Body map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Choose where it hurts: the arrow keys move between spots, Space chooses one or takes it away"),
                                  -1);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, controller);
}

/* ------------------------------------------------------------------------ */
/* Public API */

GtkWidget *
rr_body_map_new (void)
{
  return g_object_new (RR_TYPE_BODY_MAP, NULL);
}

void
rr_body_map_set_region_names (RrBodyMap  *self,
                              GHashTable *names)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (RR_IS_BODY_MAP (self));

  g_hash_table_remove_all (self->names);
  if (names != NULL)
    {
      g_hash_table_iter_init (&iter, names);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (key != NULL && value != NULL)
          g_hash_table_insert (self->names, g_strdup (key), g_strdup (value));
    }

  g_hash_table_iter_init (&iter, self->spots);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    update_spot_label (self, key);
}

void
rr_body_map_set_selected (RrBodyMap  *self,
                          const char *region,
                          gboolean    selected)
{
  g_return_if_fail (RR_IS_BODY_MAP (self));
  g_return_if_fail (rr_body_art_has_region (self->art, region));

  if (change_selected (self, region, !!selected))
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

gboolean
rr_body_map_get_selected (RrBodyMap  *self,
                          const char *region)
{
  g_return_val_if_fail (RR_IS_BODY_MAP (self), FALSE);

  return region != NULL && g_hash_table_contains (self->levels, g_intern_string (region));
}

/**
 * rr_body_map_set_level:
 *
 * Sets the level (0..10) of a selected spot; does nothing for a region that
 * is not selected.
 */
void
rr_body_map_set_level (RrBodyMap  *self,
                       const char *region,
                       int         level)
{
  gpointer key, value;

  g_return_if_fail (RR_IS_BODY_MAP (self));
  g_return_if_fail (region != NULL);
  g_return_if_fail (level >= 0 && level <= RR_BODY_ART_MAX_LEVEL);

  region = g_intern_string (region);
  if (!g_hash_table_lookup_extended (self->levels, region, &key, &value) ||
      GPOINTER_TO_INT (value) == level)
    return;

  g_hash_table_insert (self->levels, (gpointer) region, GINT_TO_POINTER (level));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rr_body_map_get_level:
 *
 * Returns: the level of a selected spot, or -1
 */
int
rr_body_map_get_level (RrBodyMap  *self,
                       const char *region)
{
  gpointer key, value;

  g_return_val_if_fail (RR_IS_BODY_MAP (self), -1);
  g_return_val_if_fail (region != NULL, -1);

  if (!g_hash_table_lookup_extended (self->levels, g_intern_string (region), &key, &value))
    return -1;

  return GPOINTER_TO_INT (value);
}

void
rr_body_map_set_default_level (RrBodyMap *self,
                               int        level)
{
  g_return_if_fail (RR_IS_BODY_MAP (self));
  g_return_if_fail (level >= 0 && level <= RR_BODY_ART_MAX_LEVEL);

  if (self->default_level == level)
    return;

  self->default_level = level;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_LEVEL]);
}

void
rr_body_map_set_active (RrBodyMap  *self,
                        const char *region)
{
  g_return_if_fail (RR_IS_BODY_MAP (self));

  region = region ? g_intern_string (region) : NULL;
  if (self->active == region)
    return;

  self->active = region;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_REGION]);
}

const char *
rr_body_map_get_active (RrBodyMap *self)
{
  g_return_val_if_fail (RR_IS_BODY_MAP (self), NULL);

  return self->active;
}

const char *
rr_body_map_get_hovered_region (RrBodyMap *self)
{
  g_return_val_if_fail (RR_IS_BODY_MAP (self), NULL);

  return self->hovered;
}

/**
 * rr_body_map_get_selection:
 *
 * Returns: (transfer full): the selected region ids, in order of selection
 */
char **
rr_body_map_get_selection (RrBodyMap *self)
{
  GStrvBuilder *builder;
  char **result;

  g_return_val_if_fail (RR_IS_BODY_MAP (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->order->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->order, i));
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return result;
}

void
rr_body_map_set_levels (RrBodyMap          *self,
                        const char * const *regions,
                        const int          *levels)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
  gboolean changed = FALSE;

  g_return_if_fail (RR_IS_BODY_MAP (self));
  g_return_if_fail (regions != NULL);

  for (guint i = 0; regions[i]; i++)
    g_hash_table_add (wanted, (gpointer) g_intern_string (regions[i]));
  for (guint i = self->order->len; i > 0; i--)
    {
      const char *region = g_ptr_array_index (self->order, i - 1);

      if (!g_hash_table_contains (wanted, region))
        changed |= change_selected (self, region, FALSE);
    }
  for (guint i = 0; regions[i]; i++)
    {
      const char *region = g_intern_string (regions[i]);
      int level = CLAMP (levels[i], 0, RR_BODY_ART_MAX_LEVEL);

      changed |= change_selected (self, region, TRUE);
      if (GPOINTER_TO_INT (g_hash_table_lookup (self->levels, region)) != level)
        {
          g_hash_table_insert (self->levels, (gpointer) region, GINT_TO_POINTER (level));
          gtk_widget_queue_draw (GTK_WIDGET (self));
          changed = TRUE;
        }
    }
  if (changed)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
rr_body_map_clear (RrBodyMap *self)
{
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (RR_IS_BODY_MAP (self));

  if (self->order->len == 0)
    return;

  old = g_steal_pointer (&self->order);
  self->order = g_ptr_array_new ();
  g_hash_table_remove_all (self->levels);
  for (guint i = 0; i < old->len; i++)
    update_spot_state (self, g_ptr_array_index (old, i));

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}
