/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-window-actions.c: what the window's buttons and shortcuts do */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-print-operation.h"
#include "rr-window-private.h"

static void
show_guidance_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  rr_assessment_page_show_guidance (RR_WINDOW (widget)->assessment_page);
}

static void
new_assessment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  rr_session_clear (RR_WINDOW (widget)->session);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RrWindow *self = RR_WINDOW (widget);
  g_autoptr(RrPrintOperation) operation = NULL;
  g_autoptr(GHashTable) history = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  const char * const *regions = rr_assessment_get_regions (self->assessment);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* The physio sees how each chosen spot went over the last two weeks. */
  for (guint i = 0; self->diary && regions[i]; i++)
    g_hash_table_insert (history, g_strdup (regions[i]), rr_diary_get_trend (self->diary, regions[i], now, 14));

  operation = rr_print_operation_new (self->guidance, history);
  rr_print_operation_show (operation, GTK_WINDOW (self));
}

static void
save_to_diary_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RrWindow *self = RR_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->diary == NULL || rr_guidance_is_empty (self->guidance))
    return;
  if (rr_session_is_saved (self->session))
    {
      gtk_popover_popdown (self->save_popover);
      rr_status_bars_show_toast (self->status, _("This assessment is already in your diary"));
      return;
    }

  if (rr_session_save (self->session, gtk_editable_get_text (self->note_entry),
                       gtk_spin_button_get_value (self->distance_spin),
                       gtk_spin_button_get_value_as_int (self->duration_spin), &error) < 0)
    {
      g_autofree char *message = g_strdup_printf ("%s %s", _("Your assessment was not saved."), error->message);
      rr_status_bars_show_error (self->status, message);
      return;
    }

  rr_status_bars_hide_error (self->status);
  gtk_editable_set_text (self->note_entry, "");
  gtk_spin_button_set_value (self->distance_spin, 0);
  gtk_spin_button_set_value (self->duration_spin, 0);
  gtk_popover_popdown (self->save_popover);
  rr_status_bars_show_toast (self->status, _("Saved to your diary"));
}

static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  RrWindow *self = user_data;

  rr_status_bars_set_export (self->status, total ? (double) done / total : 1.);
}

static void
export_done_cb (GObject      *diary,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RrWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->export_cancellable);
  rr_status_bars_set_export (self->status, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-diary", TRUE);
  if (rr_diary_export_csv_finish (RR_DIARY (diary), result, &error))
    {
      rr_status_bars_hide_error (self->status);
      rr_status_bars_show_toast (self->status, _("Diary exported"));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      rr_status_bars_show_toast (self->status, _("Export cancelled: no file was written"));
    }
  else
    {
      g_autofree char *message = g_strdup_printf ("%s %s", _("The diary was not exported."), error->message);
      rr_status_bars_show_error (self->status, message);
    }
}

/* Exports to @file while the window goes on: the rows stream from another thread, a
 * bar shows how far it is, and Cancel leaves the file as it was. */
void
rr_window_export_diary (RrWindow *self,
                        GFile    *file)
{
  if (self->diary == NULL || self->export_cancellable)
    return;
  self->export_cancellable = g_cancellable_new ();
  rr_status_bars_set_export (self->status, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-diary", FALSE);
  rr_diary_export_csv_async (self->diary, file, self->export_cancellable, export_progress_cb, self,
                             export_done_cb, g_object_ref (self));
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RrWindow *self = RR_WINDOW (widget);

  if (self->export_cancellable)
    g_cancellable_cancel (self->export_cancellable);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    RrWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file)
    rr_window_export_diary (self, file);
}

static void
export_diary_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RrWindow *self = RR_WINDOW (widget);
  GtkFileChooserNative *dialog;

  if (self->diary == NULL)
    return;

  /* The portal lets a sandboxed app write where the runner chooses, and nowhere else. */
  dialog = gtk_file_chooser_native_new (_("Export Diary"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  /* Translators: default file name of the exported diary */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("run-or-rest-diary.csv"));
  /* Tied to the window: if it goes first, the answer is simply dropped. */
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
show_diary_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RrWindow *self = RR_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->page_stack);

  gtk_stack_set_visible_child_name (self->page_stack, g_strcmp0 (page, "diary") == 0 ? "assessment" : "diary");
}

/* The shortcuts window is built when first asked for: GtkApplication would build it
 * with every window, 20 M instructions of a first frame that never shows it. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RrWindow *self = RR_WINDOW (widget);

  if (self->help_overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/help-overlay.ui");

      self->help_overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (self->help_overlay, GTK_WINDOW (self));
      gtk_window_set_modal (self->help_overlay, TRUE);
      gtk_window_set_hide_on_close (self->help_overlay, TRUE);
      g_object_add_weak_pointer (G_OBJECT (self->help_overlay), (gpointer *) &self->help_overlay);
    }
  gtk_window_present (self->help_overlay);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_popover_popup (RR_WINDOW (widget)->find_popover);
}

void
rr_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-assessment", NULL, new_assessment_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.save-to-diary", NULL, save_to_diary_action);
  gtk_widget_class_install_action (widget_class, "win.export-diary", NULL, export_diary_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-export", NULL, cancel_export_action);
  gtk_widget_class_install_action (widget_class, "win.show-diary", NULL, show_diary_action);
  gtk_widget_class_install_action (widget_class, "win.show-guidance", NULL, show_guidance_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-to-diary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.show-diary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-assessment", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
}
