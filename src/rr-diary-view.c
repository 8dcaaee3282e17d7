/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-body-art.h"
#include "rr-body-map.h"
#include "rr-diary-model.h"
#include "rr-diary-row.h"
#include "rr-diary-view.h"
#include "rr-grid-place.h"
#include "rr-trend.h"

/* How far back the History mode looks. */
#define HISTORY_DAYS 14
/* How long "Undo" stays offered after a delete. */
#define UNDO_SECONDS 10

struct _RrDiaryView
{
  GtkWidget     parent_instance;

  RrDiary      *diary;
  RrRulebook   *rulebook;
  RrDiaryModel *model;           /* made when the page is first shown */
  gboolean      history_stale;   /* the diary changed while the page was hidden */
  gint64        deleted_id;
  guint         undo_timeout;

  /* Template children */
  GtkWidget    *main_box;
  GtkRevealer  *undo_revealer;
  GtkGrid      *page_grid;
  GtkWidget    *history_scroller;
  GtkWidget    *entries_box;
  GtkGrid      *history_box;
  GtkWidget    *history_text;
  RrBodyMap    *history_map;
  GtkBox       *legend_box;
  GtkBox       *trends_box;
  GtkWidget    *empty_label;
  GtkGridView  *entries_list;
};

G_DEFINE_FINAL_TYPE (RrDiaryView, rr_diary_view, GTK_TYPE_WIDGET)

enum {
  ENTRY_OPENED,
  PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static const char *
region_name (RrDiaryView *self,
             const char  *region)
{
  const char *name = rr_rulebook_get_region_name (self->rulebook, region);

  return name ? name : region;
}

/* ------------------------------------------------------------------------------ */
/* The trend of one spot: its levels over the last two weeks, drawn small           */
/* ------------------------------------------------------------------------------ */

static void
draw_trend (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  static const RrTrendStyle style = {
    .baseline = { 0.5, 0.5, 0.5, 0.35 }, .baseline_width = 1,
    .line = { 0.5, 0.5, 0.5, 0.8 }, .line_width = 1,
    .dot_radius = 3.5,
    .outline = { 0, 0, 0, 0.5 }, .outline_width = 1,
  };
  gint64 now = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (area), "now"));
  double pad = 4;

  /* Half a pixel down: a crisp one-pixel baseline. */
  rr_trend_draw (cr, user_data, now, HISTORY_DAYS, pad, pad + 0.5, width - 2 * pad, height - 2 * pad, &style);
}

static GtkWidget *
new_trend_row (RrDiaryView          *self,
               const char           *region,
               const RrDiaryHistory *history,
               gint64                now)
{
  GtkWidget *row = gtk_grid_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (region_name (self, region));
  /* Translators: under a spot's name in the diary's history, e.g. "3 days, worst 6/10" */
  g_autofree char *days = g_strdup_printf (ngettext ("%u day, worst %d/10", "%u days, worst %d/10",
                                                        history->days),
                                           history->days, history->worst);
  GtkWidget *detail = gtk_label_new (days);
  GtkWidget *area = gtk_drawing_area_new ();
  GArray *points = rr_diary_get_trend (self->diary, region, now, HISTORY_DAYS);
  g_autofree char *description = NULL;

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), detail);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 140);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 36);
  g_object_set_data (G_OBJECT (area), "now", GSIZE_TO_POINTER ((gsize) now));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_trend, points, (GDestroyNotify) g_array_unref);
  /* Translators: what a screen reader says of a spot's trend graph */
  description = g_strdup_printf (_("Pain at %s over the last %d days"), region_name (self, region), HISTORY_DAYS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);

  /* A grid: a horizontal box would measure the wrapping name at trial heights. */
  gtk_grid_set_column_spacing (GTK_GRID (row), 12);
  gtk_grid_attach (GTK_GRID (row), labels, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (row), area, 1, 0, 1, 1);
  return row;
}

static int
compare_history (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GHashTable *history = user_data;
  const RrDiaryHistory *x = g_hash_table_lookup (history, *(const char **) a);
  const RrDiaryHistory *y = g_hash_table_lookup (history, *(const char **) b);

  if (x->days != y->days)
    return x->days > y->days ? -1 : 1;
  if (x->worst != y->worst)
    return x->worst > y->worst ? -1 : 1;
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
reload_history (RrDiaryView *self,
                gint64       now)
{
  g_autoptr(GHashTable) history = rr_diary_get_history (self->diary, now, HISTORY_DAYS);
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  g_autoptr(GArray) worst = g_array_new (FALSE, FALSE, sizeof (int));
  GHashTableIter iter;
  gpointer key, value;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->trends_box))))
    gtk_box_remove (self->trends_box, child);

  g_hash_table_iter_init (&iter, history);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (regions, key);

  /* The spots that hurt most often come first; the map shows each at its worst. */
  g_ptr_array_sort_with_data (regions, compare_history, history);
  for (guint i = 0; i < regions->len; i++)
    g_array_append_val (worst, ((RrDiaryHistory *) g_hash_table_lookup (history, g_ptr_array_index (regions, i)))->worst);
  g_ptr_array_add (regions, NULL);
  rr_body_map_set_levels (self->history_map, (const char * const *) regions->pdata, (const int *) worst->data);
  g_ptr_array_set_size (regions, regions->len - 1);
  for (guint i = 0; i < regions->len; i++)
    {
      const char *region = g_ptr_array_index (regions, i);

      gtk_box_append (self->trends_box, new_trend_row (self, region, g_hash_table_lookup (history, region), now));
    }

  if (regions->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No pain logged in the last 14 days."));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->trends_box, none);
    }
}

/* ------------------------------------------------------------------------------ */
/* The entries                                                                      */
/* ------------------------------------------------------------------------------ */

static gboolean
hide_undo_cb (gpointer user_data)
{
  RrDiaryView *self = user_data;

  self->undo_timeout = 0;
  self->deleted_id = -1;
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diary.undo-delete", FALSE);
  return G_SOURCE_REMOVE;
}

/* Tells the window what went wrong, in a whole sentence: @what, then the diary's why. */
static void
problem (RrDiaryView  *self,
         const char   *what,
         const GError *error)
{
  g_autofree char *message = g_strdup_printf ("%s %s", what, error->message);

  g_signal_emit (self, signals[PROBLEM], 0, message);
}

static void
open_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[ENTRY_OPENED], 0, g_variant_get_int64 (parameter));
}

static void
delete_entry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RrDiaryView *self = RR_DIARY_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (!rr_diary_delete (self->diary, id, &error))
    {
      problem (self, _("The entry was not deleted."), error);
      return;
    }

  self->deleted_id = id;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diary.undo-delete", TRUE);
  gtk_revealer_set_reveal_child (self->undo_revealer, TRUE);
  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  self->undo_timeout = g_timeout_add_seconds (UNDO_SECONDS, hide_undo_cb, self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RrDiaryView *self = RR_DIARY_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->deleted_id < 0)
    return;
  if (!rr_diary_undelete (self->diary, self->deleted_id, &error))
    problem (self, _("The entry could not be brought back."), error);

  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  hide_undo_cb (self);
}

static void
set_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RrDiaryView *self = RR_DIARY_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *note;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &note);
  if (!rr_diary_set_note (self->diary, id, note, &error))
    problem (self, _("The note was not saved."), error);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RrDiaryView              *self)
{
  gtk_list_item_set_child (item, rr_diary_row_new ());
  /* The row's buttons are the stops; the row itself is not one. */
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RrDiaryView              *self)
{
  rr_diary_row_set_item (RR_DIARY_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item),
                         self->rulebook, rr_diary_get_read_only (self->diary) == NULL);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               RrDiaryView              *self)
{
  rr_diary_row_set_item (RR_DIARY_ROW (gtk_list_item_get_child (item)), NULL, self->rulebook, FALSE);
}

static void
update_empty (RrDiaryView *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  gtk_widget_set_visible (self->empty_label, n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->entries_list), n > 0);
}

/* The list reads the diary only once the page is shown, and then only the rows in
 * sight: a start-up never waits for a long diary. */
static void
ensure_model (RrDiaryView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->model || self->diary == NULL)
    return;
  self->model = rr_diary_model_new (self->diary);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_grid_view_set_model (self->entries_list, GTK_SELECTION_MODEL (selection));
  update_empty (self);
}

static void
diary_changed_cb (RrDiaryView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload_history (self, now_seconds ());
  else
    self->history_stale = TRUE;
}

static void
rr_diary_view_map (GtkWidget *widget)
{
  RrDiaryView *self = RR_DIARY_VIEW (widget);

  GTK_WIDGET_CLASS (rr_diary_view_parent_class)->map (widget);

  ensure_model (self);
  if (self->history_stale && self->diary)
    {
      self->history_stale = FALSE;
      reload_history (self, now_seconds ());
    }
}

/* On a narrow window the history goes above the entries, and its map above its
 * legend and trends; on a wide one the history is a column beside the entries. */
void
rr_diary_view_set_narrow (RrDiaryView *self,
                          gboolean     narrow)
{
  g_return_if_fail (RR_IS_DIARY_VIEW (self));

  rr_grid_place (self->page_grid, self->history_scroller, 0, narrow);
  rr_grid_place (self->page_grid, self->entries_box, 1, narrow);
  /* Side by side, half each: shared out by what each column needs, the split would
   * follow the rows in sight, and the history (its map drawn again) would jump as
   * the list scrolls. */
  gtk_grid_set_column_homogeneous (self->page_grid, !narrow);
  /* Stacked, the history takes what it needs, as far as the entries' least height
   * leaves room (the grid shares out what is short). */
  gtk_widget_set_vexpand (self->history_scroller, !narrow);
  gtk_widget_set_size_request (self->history_scroller, narrow ? -1 : 420, -1);
  rr_grid_place (self->history_box, GTK_WIDGET (self->history_map), 0, TRUE);
  rr_grid_place (self->history_box, self->history_text, 1, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->history_map), narrow ? 200 : 360, narrow ? 220 : 360);
}

/* How many entries the list shows. */
guint
rr_diary_view_get_n_rows (RrDiaryView *self)
{
  g_return_val_if_fail (RR_IS_DIARY_VIEW (self), 0);
  ensure_model (self);
  return self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

void
rr_diary_view_set_diary (RrDiaryView *self,
                         RrDiary     *diary,
                         RrRulebook  *rulebook)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *regions;

  g_return_if_fail (RR_IS_DIARY_VIEW (self));
  g_return_if_fail (self->diary == NULL);

  self->diary = g_object_ref (diary);
  self->rulebook = rulebook;
  /* Every change, from this window or any other, shows at once. */
  g_signal_connect_object (diary, "changed", G_CALLBACK (diary_changed_cb), self, G_CONNECT_SWAPPED);

  regions = rr_rulebook_get_regions (rulebook);
  for (guint i = 0; regions[i]; i++)
    g_hash_table_insert (names, (gpointer) regions[i], (gpointer) rr_rulebook_get_region_name (rulebook, regions[i]));
  rr_body_map_set_region_names (self->history_map, names);

  self->history_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rr_diary_view_map (GTK_WIDGET (self));
}

/* The legend: the pain scale the map's shades come from. */
static void
fill_legend (RrDiaryView *self)
{
  for (int level = 0; level <= 10; level++)
    {
      GtkWidget *swatch = gtk_label_new (NULL);
      g_autofree char *text = g_strdup_printf ("%d", level);
      g_autofree char *css_class = g_strdup_printf ("level-%d", level);

      gtk_label_set_text (GTK_LABEL (swatch), text);
      gtk_widget_add_css_class (swatch, "legend-swatch");
      gtk_widget_add_css_class (swatch, css_class);
      gtk_box_append (self->legend_box, swatch);
    }
}

static void
rr_diary_view_dispose (GObject *object)
{
  RrDiaryView *self = RR_DIARY_VIEW (object);

  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  g_clear_pointer (&self->main_box, gtk_widget_unparent);
  g_clear_object (&self->model);
  g_clear_object (&self->diary);

  G_OBJECT_CLASS (rr_diary_view_parent_class)->dispose (object);
}

static void
rr_diary_view_class_init (RrDiaryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rr_diary_view_dispose;
  widget_class->map = rr_diary_view_map;

  /**
   * RrDiaryView::entry-opened:
   * @id: the diary entry
   *
   * The runner asked to load an entry into the assessment.
   */
  signals[ENTRY_OPENED] =
    g_signal_new ("entry-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * RrDiaryView::problem:
   * @message: what went wrong and what to do, for the runner
   *
   * A change the runner asked for did not reach the diary.
   */
  signals[PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (RR_TYPE_BODY_MAP);
  /* a group, not a nameless "RrDiaryView" to a screen reader */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rr-diary-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, main_box);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, undo_revealer);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, page_grid);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, history_scroller);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, entries_box);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, history_box);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, history_text);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, history_map);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, trends_box);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, entries_list);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);
  gtk_widget_class_install_action (widget_class, "diary.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "diary.open-entry", "x", open_entry_action);
  gtk_widget_class_install_action (widget_class, "diary.delete-entry", "x", delete_entry_action);
  gtk_widget_class_install_action (widget_class, "diary.set-note", "(xs)", set_note_action);
}

static void
rr_diary_view_init (RrDiaryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->deleted_id = -1;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diary.undo-delete", FALSE);
  fill_legend (self);
}
