/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-diary-row.h"

struct _RrDiaryRow
{
  GtkWidget    parent_instance;

  RrDiaryItem *item;

  /* Template children */
  GtkWidget   *box;
  GtkLabel    *date_label;
  GtkLabel    *verdict_label;
  GtkWidget   *open_button;
  GtkWidget   *edit_button;
  GtkWidget   *delete_button;
  GtkLabel    *spots_label;
  GtkLabel    *note_label;
  GtkWidget   *note_entry;   /* made the first time the note is edited */
};

G_DEFINE_FINAL_TYPE (RrDiaryRow, rr_diary_row, GTK_TYPE_WIDGET)

static const char *
region_name (RrRulebook *rulebook,
             const char *region)
{
  const char *name = rr_rulebook_get_region_name (rulebook, region);

  return name ? name : region;
}

/* "Left heel 3 · Neck 2  —  5.0 km, 30 min" */
static char *
describe (const RrDiaryEntry *entry,
          RrRulebook         *rulebook)
{
  const char * const *regions = rr_assessment_get_regions (entry->assessment);
  GString *spots = g_string_new (NULL);

  for (guint i = 0; regions[i]; i++)
    g_string_append_printf (spots, "%s%s %d", i ? " · " : "", region_name (rulebook, regions[i]),
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
  return g_string_free (spots, FALSE);
}

static void
show_note (RrDiaryRow *self)
{
  const char *note = self->item ? rr_diary_item_get_note (self->item) : "";

  gtk_label_set_label (self->note_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), *note != '\0');
  if (self->note_entry && !gtk_widget_get_visible (self->note_entry))
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note);
}

/* Saves the note being edited if it changed: on Enter, and when the runner clicks or
 * tabs away, so that nothing they typed is dropped. */
static void
commit_note (RrDiaryRow *self)
{
  const char *text = self->note_entry ? gtk_editable_get_text (GTK_EDITABLE (self->note_entry)) : NULL;

  if (self->item == NULL || text == NULL || g_strcmp0 (text, rr_diary_item_get_note (self->item)) == 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "diary.set-note", "(xs)", rr_diary_item_get_id (self->item), text);
}

/* The buttons activate the diary page's actions with the entry as target when
 * clicked: an actionable button would watch its action all the time, and a list
 * builds a couple of hundred rows (GTK 4.8) of which a runner uses one. */
static void
open_clicked_cb (RrDiaryRow *self)
{
  if (self->item)
    gtk_widget_activate_action (GTK_WIDGET (self), "diary.open-entry", "x", rr_diary_item_get_id (self->item));
}

static void
delete_clicked_cb (RrDiaryRow *self)
{
  if (self->item)
    gtk_widget_activate_action (GTK_WIDGET (self), "diary.delete-entry", "x", rr_diary_item_get_id (self->item));
}

/* The entry is made when first wanted: a list builds many rows, and few notes are
 * edited. */
static void
ensure_note_entry (RrDiaryRow *self)
{
  GtkEventController *focus;

  if (self->note_entry)
    return;
  self->note_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->note_entry), _("A note: shoes, route, how it felt…"));
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), self->item ? rr_diary_item_get_note (self->item) : "");
  g_signal_connect_swapped (self->note_entry, "activate", G_CALLBACK (commit_note), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (commit_note), self);
  gtk_widget_add_controller (self->note_entry, focus);
  gtk_grid_attach (GTK_GRID (self->box), self->note_entry, 0, 3, 1, 1);
}

static void
edit_toggled_cb (RrDiaryRow *self)
{
  gboolean editing = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->edit_button));

  if (!editing)
    commit_note (self);
  if (editing)
    ensure_note_entry (self);
  if (self->note_entry)
    gtk_widget_set_visible (self->note_entry, editing);
  /* The cursor goes to the end of the note: typing adds to it, never replaces it. */
  if (editing)
    {
      gtk_entry_grab_focus_without_selecting (GTK_ENTRY (self->note_entry));
      gtk_editable_set_position (GTK_EDITABLE (self->note_entry), -1);
    }
}

/**
 * rr_diary_row_set_item:
 * @item: (nullable): the entry to show
 *
 * Shows @item. A list view hands a row one item after another as the runner scrolls;
 * the note being edited is saved before the row moves on to another entry.
 */
void
rr_diary_row_set_item (RrDiaryRow  *self,
                       RrDiaryItem *item,
                       RrRulebook  *rulebook,
                       gboolean     writable)
{
  const RrDiaryEntry *entry;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *spots = NULL;
  g_autofree char *verdict_class = NULL;
  RrVerdict verdict = RR_VERDICT_KEEP_RUNNING;

  g_return_if_fail (RR_IS_DIARY_ROW (self));

  if (self->item == item)
    return;
  if (self->item)
    {
      /* Closing the note saves it, to the entry it belongs to. */
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->edit_button), FALSE);
      g_signal_handlers_disconnect_by_func (self->item, show_note, self);
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label),
                                   g_object_get_data (G_OBJECT (self->verdict_label), "verdict-class"));
    }
  g_set_object (&self->item, item);
  if (item == NULL)
    return;

  entry = rr_diary_item_get_entry (item);
  when = g_date_time_new_from_unix_local (entry->created);
  /* Translators: date and time of a diary entry, in strftime() format for your locale */
  date = g_date_time_format (when, _("%a %x, %H:%M"));
  gtk_label_set_label (self->date_label, date);

  rr_verdict_from_id (entry->verdict, &verdict);
  verdict_class = g_strconcat ("verdict-", rr_verdict_to_id (verdict), NULL);
  gtk_label_set_label (self->verdict_label, rr_rulebook_get_verdict_name (rulebook, verdict));
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), verdict_class);
  g_object_set_data_full (G_OBJECT (self->verdict_label), "verdict-class", g_steal_pointer (&verdict_class), g_free);

  spots = describe (entry, rulebook);
  gtk_label_set_label (self->spots_label, spots);
  show_note (self);
  g_signal_connect_swapped (item, "notify::note", G_CALLBACK (show_note), self);

  /* A diary that can only be read just now offers nothing that would change it. */
  gtk_widget_set_visible (self->edit_button, writable);
  gtk_widget_set_visible (self->delete_button, writable);
}

static void
rr_diary_row_dispose (GObject *object)
{
  RrDiaryRow *self = RR_DIARY_ROW (object);

  if (self->item)
    g_signal_handlers_disconnect_by_func (self->item, show_note, self);
  g_clear_object (&self->item);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (rr_diary_row_parent_class)->dispose (object);
}

static void
rr_diary_row_class_init (RrDiaryRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rr_diary_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rr-diary-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryRow, box);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryRow, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryRow, spots_label);
  gtk_widget_class_bind_template_child (widget_class, RrDiaryRow, note_label);
  gtk_widget_class_bind_template_callback (widget_class, edit_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
rr_diary_row_init (RrDiaryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rr_diary_row_new (void)
{
  return g_object_new (RR_TYPE_DIARY_ROW, NULL);
}
