/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-body-art.h"
#include "rr-body-map.h"
#include "rr-diary-view.h"
#include "rr-grid-place.h"
#include "rr-trend.h"

/* How far back the History mode looks. */
#define HISTORY_DAYS 14
/* How long "Undo" stays offered after a delete. */
#define UNDO_SECONDS 10

struct _RrDiaryView
{
  GtkWidget    parent_instance;

  RrDiary     *diary;
  RrRulebook  *rulebook;
  gint64       deleted_id;
  guint        undo_timeout;
  guint        n_rows;
  gboolean     reloading;

  /* Template children */
  GtkWidget   *main_box;
  GtkRevealer *undo_revealer;
  GtkGrid     *history_box;
  GtkWidget   *history_text;
  RrBodyMap   *history_map;
  GtkBox      *legend_box;
  GtkBox      *trends_box;
  GtkWidget   *empty_label;
  GtkListBox  *entries_list;
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
  GHashTableIter iter;
  gpointer key, value;
  GtkWidget *child;

  rr_body_map_clear (self->history_map);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->trends_box))))
    gtk_box_remove (self->trends_box, child);

  g_hash_table_iter_init (&iter, history);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RrDiaryHistory *h = value;

      rr_body_map_set_selected (self->history_map, key, TRUE);
      rr_body_map_set_level (self->history_map, key, h->worst);
      g_ptr_array_add (regions, key);
    }

  /* The spots that hurt most often come first. */
  g_ptr_array_sort_with_data (regions, compare_history, history);
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

static gint64
row_id (GtkWidget *widget)
{
  return *(gint64 *) g_object_get_data (G_OBJECT (widget), "entry-id");
}

static void
set_row_id (GtkWidget *widget,
            gint64     id)
{
  g_object_set_data_full (G_OBJECT (widget), "entry-id", g_memdup2 (&id, sizeof id), g_free);
}

static void
open_clicked_cb (GtkButton   *button,
                 RrDiaryView *self)
{
  g_signal_emit (self, signals[ENTRY_OPENED], 0, row_id (GTK_WIDGET (button)));
}

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
delete_clicked_cb (GtkButton   *button,
                   RrDiaryView *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = row_id (GTK_WIDGET (button));

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

/* Saves the note being edited if it changed: on Enter, and when the runner clicks or
 * tabs away, so that nothing they typed is dropped. */
static void
commit_note (RrDiaryView *self,
             GtkEntry    *entry)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean was_reloading;

  if (self->diary == NULL || g_strcmp0 (text, g_object_get_data (G_OBJECT (entry), "note")) == 0)
    return;
  /* The row shows the new note in place: rebuilding the list would close the note
   * the runner may go on editing. */
  was_reloading = self->reloading;
  self->reloading = TRUE;
  if (!rr_diary_set_note (self->diary, row_id (GTK_WIDGET (entry)), text, &error))
    problem (self, _("The note was not saved."), error);
  else
    {
      GtkWidget *label = g_object_get_data (G_OBJECT (entry), "note-label");

      g_object_set_data_full (G_OBJECT (entry), "note", g_strdup (text), g_free);
      gtk_label_set_label (GTK_LABEL (label), text);
      gtk_widget_set_visible (label, *text != '\0');
    }
  self->reloading = was_reloading;
}

static void
note_activate_cb (GtkEntry    *entry,
                  RrDiaryView *self)
{
  commit_note (self, entry);
}

static void
note_leave_cb (GtkEventControllerFocus *focus,
               RrDiaryView             *self)
{
  commit_note (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))));
}

static void
edit_toggled_cb (GtkToggleButton *button,
                 GtkWidget       *entry)
{
  gtk_widget_set_visible (entry, gtk_toggle_button_get_active (button));
  /* The cursor goes to the end of the note: typing adds to it, never replaces it. */
  if (gtk_toggle_button_get_active (button))
    {
      gtk_entry_grab_focus_without_selecting (GTK_ENTRY (entry));
      gtk_editable_set_position (GTK_EDITABLE (entry), -1);
    }
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  set_row_id (button, id);
  return button;
}

static GtkWidget *
new_entry_row (RrDiaryView        *self,
               const RrDiaryEntry *entry)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (entry->created);
  /* Translators: date and time of a diary entry, in strftime() format for your locale */
  g_autofree char *date = g_date_time_format (when, _("%a %x, %H:%M"));
  g_autoptr(GString) spots = g_string_new (NULL);
  g_autofree char *verdict_class = g_strconcat ("verdict-", entry->verdict, NULL);
  const char * const *regions = rr_assessment_get_regions (entry->assessment);
  RrVerdict verdict = RR_VERDICT_KEEP_RUNNING;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *date_label = gtk_label_new (date);
  GtkWidget *verdict_label;
  GtkWidget *spots_label;
  GtkWidget *open = icon_button ("document-open-symbolic", _("Open in the Assessment"), entry->id);
  GtkWidget *edit = gtk_toggle_button_new ();
  GtkWidget *delete = icon_button ("user-trash-symbolic", _("Delete Entry"), entry->id);
  GtkWidget *note = gtk_label_new (entry->note);
  GtkWidget *note_entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  gboolean writable = rr_diary_get_read_only (self->diary) == NULL;

  rr_verdict_from_id (entry->verdict, &verdict);
  verdict_label = gtk_label_new (rr_rulebook_get_verdict_name (self->rulebook, verdict));
  gtk_widget_add_css_class (verdict_label, "verdict-pill");
  gtk_widget_add_css_class (verdict_label, verdict_class);

  for (guint i = 0; regions[i]; i++)
    g_string_append_printf (spots, "%s%s %d", i ? " · " : "", region_name (self, regions[i]),
                            rr_assessment_get_region_level (entry->assessment, regions[i]));
  if (regions[0] == NULL)
    /* Translators: a diary entry without a chosen spot */
    g_string_printf (spots, _("Overall pain %d"), rr_assessment_get_pain (entry->assessment));
  if (entry->distance_km >= 0 || entry->duration_min >= 0)
    {
      g_string_append (spots, "  —  ");
      /* Whole phrases, so each language joins them with its own comma. */
      if (entry->distance_km >= 0 && entry->duration_min >= 0)
        /* Translators: a run's distance and duration in a diary entry */
        g_string_append_printf (spots, _("%.1f km, %d min"), entry->distance_km, entry->duration_min);
      else if (entry->distance_km >= 0)
        /* Translators: a run's distance in a diary entry */
        g_string_append_printf (spots, _("%.1f km"), entry->distance_km);
      else
        /* Translators: a run's duration in a diary entry */
        g_string_append_printf (spots, _("%d min"), entry->duration_min);
    }
  spots_label = gtk_label_new (spots->str);

  gtk_widget_add_css_class (date_label, "heading");
  gtk_widget_set_hexpand (date_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (date_label), 0);
  gtk_label_set_xalign (GTK_LABEL (spots_label), 0);
  gtk_label_set_wrap (GTK_LABEL (spots_label), TRUE);

  gtk_button_set_icon_name (GTK_BUTTON (edit), "document-edit-symbolic");
  gtk_widget_set_tooltip_text (edit, _("Edit Note"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit Note"), -1);
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");

  gtk_box_append (GTK_BOX (top), date_label);
  gtk_box_append (GTK_BOX (top), verdict_label);
  gtk_box_append (GTK_BOX (top), open);
  /* A diary that can only be read just now offers nothing that would change it. */
  gtk_widget_set_visible (edit, writable);
  gtk_widget_set_visible (delete, writable);
  gtk_box_append (GTK_BOX (top), edit);
  gtk_box_append (GTK_BOX (top), delete);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), spots_label);

  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_selectable (GTK_LABEL (note), TRUE);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_set_visible (note, *entry->note != '\0');
  gtk_box_append (GTK_BOX (box), note);
  g_object_set_data (G_OBJECT (note_entry), "note-label", note);

  gtk_editable_set_text (GTK_EDITABLE (note_entry), entry->note);
  g_object_set_data_full (G_OBJECT (note_entry), "note", g_strdup (entry->note), g_free);
  gtk_entry_set_placeholder_text (GTK_ENTRY (note_entry), _("A note: shoes, route, how it felt…"));
  gtk_widget_set_visible (note_entry, FALSE);
  set_row_id (note_entry, entry->id);
  gtk_box_append (GTK_BOX (box), note_entry);

  g_signal_connect (open, "clicked", G_CALLBACK (open_clicked_cb), self);
  g_signal_connect (delete, "clicked", G_CALLBACK (delete_clicked_cb), self);
  g_signal_connect (edit, "toggled", G_CALLBACK (edit_toggled_cb), note_entry);
  g_signal_connect (note_entry, "activate", G_CALLBACK (note_activate_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (note_leave_cb), self);
  gtk_widget_add_controller (note_entry, focus);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  set_row_id (box, entry->id);
  return box;
}

void
rr_diary_view_reload (RrDiaryView *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  gint64 now = now_seconds ();

  g_return_if_fail (RR_IS_DIARY_VIEW (self));

  /* Removing a note being edited saves it (focus leaves it), which changes the
   * diary: the list read below already holds it. */
  self->reloading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entries_list))))
    gtk_list_box_remove (self->entries_list, child);
  self->reloading = FALSE;
  self->n_rows = 0;

  if (self->diary == NULL)
    return;

  entries = rr_diary_list (self->diary, &error);
  if (entries == NULL)
    {
      problem (self, _("Your diary could not be read."), error);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->entries_list, new_entry_row (self, g_ptr_array_index (entries, i)));
  self->n_rows = entries->len;

  gtk_widget_set_visible (self->empty_label, entries->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->entries_list), entries->len > 0);
  reload_history (self, now);
}

/* On a narrow window the history map goes above its legend and trends. */
void
rr_diary_view_set_narrow (RrDiaryView *self,
                          gboolean     narrow)
{
  g_return_if_fail (RR_IS_DIARY_VIEW (self));

  rr_grid_place (self->history_box, GTK_WIDGET (self->history_map), 0, narrow);
  rr_grid_place (self->history_box, self->history_text, 1, narrow);
  gtk_widget_set_size_request (GTK_WIDGET (self->history_map), narrow ? 240 : 360, narrow ? 260 : 360);
}

guint
rr_diary_view_get_n_rows (RrDiaryView *self)
{
  g_return_val_if_fail (RR_IS_DIARY_VIEW (self), 0);
  return self->n_rows;
}

static void
diary_changed_cb (RrDiaryView *self)
{
  if (!self->reloading)
    rr_diary_view_reload (self);
}

void
rr_diary_view_set_diary (RrDiaryView *self,
                         RrDiary     *diary,
                         RrRulebook  *rulebook)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *regions;

  g_return_if_fail (RR_IS_DIARY_VIEW (self));

  if (self->diary)
    g_signal_handlers_disconnect_by_func (self->diary, diary_changed_cb, self);
  g_set_object (&self->diary, diary);
  /* Every change, from this window or any other, shows at once. */
  if (diary)
    g_signal_connect_object (diary, "changed", G_CALLBACK (diary_changed_cb), self, G_CONNECT_SWAPPED);
  self->rulebook = rulebook;

  regions = rr_rulebook_get_regions (rulebook);
  for (guint i = 0; regions[i]; i++)
    g_hash_table_insert (names, (gpointer) regions[i], (gpointer) rr_rulebook_get_region_name (rulebook, regions[i]));
  rr_body_map_set_region_names (self->history_map, names);

  rr_diary_view_reload (self);
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
  g_clear_object (&self->diary);

  G_OBJECT_CLASS (rr_diary_view_parent_class)->dispose (object);
}

static void
rr_diary_view_class_init (RrDiaryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rr_diary_view_dispose;

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
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rr-diary-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, main_box);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, undo_revealer);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, history_box);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, history_text);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, history_map);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, trends_box);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryView, entries_list);
  gtk_widget_class_install_action (widget_class, "diary.undo-delete", NULL, undo_delete_action);
}

static void
rr_diary_view_init (RrDiaryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->deleted_id = -1;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diary.undo-delete", FALSE);
  fill_legend (self);
}
