/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-assessment-page.h"
#include "rr-diary-view.h"
#include "rr-region-search.h"
#include "rr-rulebook.h"
#include "rr-print-operation.h"
#include "rr-session.h"
#include "rr-status-bars.h"
#include "rr-window-private.h"

/* Wide: map, questions and guidance side by side. Medium: the guidance goes below the
 * questions. Narrow: the map goes above the questions instead of beside them. */
#define WIDE_WIDTH   1180
#define NARROW_WIDTH 660


G_DEFINE_FINAL_TYPE (RrWindow, rr_window, GTK_TYPE_APPLICATION_WINDOW)

static void update_from_session (RrWindow *self);

/* ------------------------------------------------------------------------------ */
/* Input widgets write to the assessment                                            */
/* ------------------------------------------------------------------------------ */

void
rr_window_set_active (RrWindow   *self,
                      const char *region)
{
  g_return_if_fail (RR_IS_WINDOW (self));

  rr_session_set_active (self->session, region);
}

const char *
rr_window_get_active (RrWindow *self)
{
  return rr_session_get_active (self->session);
}

void
rr_window_toggle_region (RrWindow   *self,
                         const char *region)
{
  g_return_if_fail (RR_IS_WINDOW (self));

  rr_session_toggle_region (self->session, region);
}

static void
region_search_activated_cb (RrWindow   *self,
                            const char *region)
{
  if (!rr_assessment_has_region (self->assessment, region))
    rr_window_toggle_region (self, region);
  else
    rr_window_set_active (self, region);
  self->found_spot = TRUE;
  gtk_popover_popdown (self->find_popover);
}

/* After a spot found by name, the slider for it takes the focus: it says which spot
 * was chosen and its level, and it is what the runner sets next. */
static gboolean
focus_found_spot_cb (gpointer user_data)
{
  RrWindow *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (rr_window_get_pain_scale (self));
  return G_SOURCE_REMOVE;
}

static void
find_popover_closed_cb (RrWindow *self)
{
  /* once the popover has given the focus back to its button */
  if (self->found_spot)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_found_spot_cb, g_object_ref (self), g_object_unref);
  self->found_spot = FALSE;
}

static void
find_popover_show_cb (RrWindow *self)
{
  const char * const *regions = rr_rulebook_get_regions (self->rulebook);

  /* The spots already chosen are ticked. */
  for (guint i = 0; regions[i]; i++)
    rr_region_search_set_selected (self->region_search, regions[i], rr_assessment_has_region (self->assessment, regions[i]));
  gtk_widget_grab_focus (GTK_WIDGET (self->region_search));
}

/* ------------------------------------------------------------------------------ */
/* Everything that shows the answer reads the assessment and the guidance           */
/* ------------------------------------------------------------------------------ */

/* The actions follow the session: print and save once there is an answer. */
static void
update_from_session (RrWindow *self)
{
  gboolean answered = rr_session_get_answered (self->session);

  self->guidance = rr_session_get_guidance (self->session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", answered);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-to-diary",
                                 self->diary != NULL && rr_diary_get_read_only (self->diary) == NULL && answered);
}

/* What the diary page asks for. */
static void
diary_problem_cb (RrWindow   *self,
                  const char *message)
{
  rr_status_bars_show_error (self->status, message);
}

static void
diary_entry_opened_cb (RrWindow *self,
                       gint64    id)
{
  g_autoptr(RrDiaryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = rr_diary_get_entry (self->diary, id, &error);
  if (entry == NULL)
    {
      rr_status_bars_show_error (self->status, error->message);
      return;
    }
  rr_session_open_entry (self->session, entry->assessment);
  gtk_stack_set_visible_child_name (self->page_stack, "assessment");
}

/* ------------------------------------------------------------------------------ */
/* Layout and state                                                                 */
/* ------------------------------------------------------------------------------ */

static gboolean
apply_layout_cb (gpointer user_data)
{
  RrWindow *self = user_data;
  gboolean narrow = self->layout == RR_LAYOUT_NARROW;

  self->layout_idle = 0;

  rr_assessment_page_set_layout (self->assessment_page, self->layout);
  /* On a phone the header bar has no room for the page switcher: it moves down. */
  gtk_widget_set_visible (self->top_switcher, !narrow);
  /* And only the close button, as on a phone: with the three window buttons GTK 4.24's
   * header bar alone was wider than 360 px. */
  gtk_header_bar_set_decoration_layout (self->header_bar, narrow ? ":close" : NULL);
  gtk_widget_set_visible (self->bottom_switcher, narrow);
  rr_diary_view_set_narrow (self->diary_view, self->layout != RR_LAYOUT_WIDE);

  if (narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");

  return G_SOURCE_REMOVE;
}

static RrLayout
layout_for_width (int width)
{
  return width < NARROW_WIDTH ? RR_LAYOUT_NARROW : width < WIDE_WIDTH ? RR_LAYOUT_MEDIUM : RR_LAYOUT_WIDE;
}

/* For the tests: the layout a window @width wide gets, at once. */
void
rr_window_apply_layout_for_width (RrWindow *self,
                                  int       width)
{
  g_return_if_fail (RR_IS_WINDOW (self));

  self->layout = layout_for_width (width);
  g_clear_handle_id (&self->layout_idle, g_source_remove);
  apply_layout_cb (self);
}

static void
rr_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  RrWindow *self = RR_WINDOW (widget);
  RrLayout layout = layout_for_width (width);

  GTK_WIDGET_CLASS (rr_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* Changing the layout inside an allocation would re-enter it: do it right after. */
  if (layout != self->layout)
    {
      self->layout = layout;
      if (self->layout_idle == 0)
        self->layout_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_layout_cb, self, NULL);
    }
}

/* The window's minimum height is the same at every width: the one it has at its
 * narrowest, where the verdict bar and the map's hint wrap the most. Counted from the
 * children (height for width), it changed with the width, and GTK >= 4.10 then
 * measured the window, once at its minimum height, for a height below the minimum
 * of its narrowest width, and warned. Everything inside is still laid out height
 * for width. */
static GtkSizeRequestMode
rr_window_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
save_state (RrWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_value (self->settings, "last-assessment", rr_assessment_serialize (self->assessment));
  g_settings_apply (self->settings);
}

static gboolean
rr_window_close_request (GtkWindow *window)
{
  save_state (RR_WINDOW (window));

  return GTK_WINDOW_CLASS (rr_window_parent_class)->close_request (window);
}

/* The settings are optional: a build run outside `meson devenv` has no schema, and
 * the app must still work, just without remembering. */
static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("Settings schema %s is not installed: the window will not remember its state", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_state (RrWindow *self)
{
  g_autoptr(GVariant) last = NULL;

  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last = g_settings_get_value (self->settings, "last-assessment");
  rr_session_restore (self->session, last);
}

/* Said until the runner closes it: where a set-aside diary went, and why the diary
 * can only be read. At start-up, and again when the check of its pages, once the
 * window is up, finds damage. */
static void
show_diary_state (RrWindow *self)
{
  const char *parts[] = { rr_diary_get_notice (self->diary), rr_diary_get_read_only (self->diary) };
  g_autoptr(GString) message = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i])
      g_string_append_printf (message, "%s%s", message->len ? "\n\n" : "", parts[i]);
  if (message->len)
    rr_status_bars_show_notice (self->status, message->str);
}

/* The diary is optional too: without it the app still gives guidance. */
static void
open_diary (RrWindow *self)
{
  g_autofree char *path = rr_diary_get_default_path ();
  g_autoptr(GError) error = NULL;

  self->diary = rr_diary_open (path, &error);
  if (self->diary == NULL)
    {
      rr_status_bars_show_notice (self->status, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->diary_view), FALSE);
      return;
    }

  show_diary_state (self);
  /* Damage the check of the pages finds once the window is up. */
  g_signal_connect_object (self->diary, "notify::notice", G_CALLBACK (show_diary_state), self, G_CONNECT_SWAPPED);
  rr_diary_view_set_diary (self->diary_view, self->diary, self->rulebook);
  rr_session_set_diary (self->session, self->diary);
}

static void
rr_window_dispose (GObject *object)
{
  RrWindow *self = RR_WINDOW (object);

  g_clear_handle_id (&self->layout_idle, g_source_remove);
  /* With the window (its weak pointer clears the field). */
  if (self->help_overlay)
    gtk_window_destroy (self->help_overlay);
  if (self->export_cancellable)
    g_cancellable_cancel (self->export_cancellable);
  if (self->session)
    g_signal_handlers_disconnect_by_func (self->session, update_from_session, self);

  g_clear_object (&self->session);
  self->assessment = NULL;
  self->guidance = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->diary);

  G_OBJECT_CLASS (rr_window_parent_class)->dispose (object);
}

/* A saved size, or the default one, may be larger than the screen the window opens
 * on (a small laptop, or text scaled to 200 %): it opens no larger than the first
 * monitor, so the page switcher and the verdict are in view. */
static void
fit_default_size (RrWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle area;
  int width, height;

  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &area);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > area.width || height > area.height)
    gtk_window_set_default_size (GTK_WINDOW (self), MIN (width, area.width), MIN (height, area.height));
}

/* GTK puts the first focus on the map, unseen: the first Tab would then leave the
 * map before the runner saw it there. With no focus at the start, the first Tab
 * lands on the map, where a screen reader also starts reading. */
static void
rr_window_show (GtkWidget *widget)
{
  fit_default_size (RR_WINDOW (widget));
  GTK_WIDGET_CLASS (rr_window_parent_class)->show (widget);

  gtk_window_set_focus (GTK_WINDOW (widget), NULL);
}

static void
rr_window_class_init (RrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rr_window_dispose;
  widget_class->size_allocate = rr_window_size_allocate;
  widget_class->show = rr_window_show;
  widget_class->get_request_mode = rr_window_get_request_mode;
  window_class->close_request = rr_window_close_request;

  g_type_ensure (RR_TYPE_ASSESSMENT_PAGE);
  g_type_ensure (RR_TYPE_STATUS_BARS);
  g_type_ensure (RR_TYPE_REGION_SEARCH);
  g_type_ensure (RR_TYPE_DIARY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RrWindow, status);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, assessment_page);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, diary_view);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, save_popover);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, note_entry);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, distance_spin);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, top_switcher);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, bottom_switcher);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, region_search);
  gtk_widget_class_bind_template_child (widget_class, RrWindow, find_popover);
  gtk_widget_class_bind_template_callback (widget_class, region_search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, diary_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, diary_entry_opened_cb);

  rr_window_class_add_actions (widget_class);
}

static void
rr_window_init (RrWindow *self)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *regions;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->session = rr_session_new (rr_rulebook_get_default ());
  self->rulebook = rr_session_get_rulebook (self->session);
  self->assessment = rr_session_get_assessment (self->session);
  self->guidance = rr_session_get_guidance (self->session);
  self->settings = new_settings ();
  g_signal_connect_swapped (self->session, "notify::guidance", G_CALLBACK (update_from_session), self);

  regions = rr_rulebook_get_regions (self->rulebook);
  for (guint i = 0; regions[i]; i++)
    g_hash_table_insert (names, (gpointer) regions[i], (gpointer) rr_rulebook_get_region_name (self->rulebook, regions[i]));
  rr_region_search_set_regions (self->region_search, names);

  rr_assessment_page_set_session (self->assessment_page, self->session);
  open_diary (self);
  restore_state (self);
  update_from_session (self);

  /* Start wide; the first allocation picks the layout that fits. */
  self->layout = RR_LAYOUT_WIDE;
  apply_layout_cb (self);
}

RrWindow *
rr_window_new (GtkApplication *application,
               RrAssessment   *preset)
{
  RrWindow *self = g_object_new (RR_TYPE_WINDOW, "application", application, NULL);

  /* What the command line asked for replaces what was restored. */
  if (preset)
    rr_session_preset (self->session, preset);

  return self;
}

RrAssessment *
rr_window_get_assessment (RrWindow *self)
{
  g_return_val_if_fail (RR_IS_WINDOW (self), NULL);

  return self->assessment;
}

RrGuidance *
rr_window_get_guidance (RrWindow *self)
{
  g_return_val_if_fail (RR_IS_WINDOW (self), NULL);

  return self->guidance;
}

GtkWidget *
rr_window_get_question (RrWindow   *self,
                        const char *symptom)
{
  return rr_assessment_inputs_get_question (rr_assessment_page_get_inputs (self->assessment_page), symptom);
}

GtkWidget *
rr_window_get_more_questions (RrWindow *self)
{
  return rr_assessment_inputs_get_more_questions (rr_assessment_page_get_inputs (self->assessment_page));
}

GtkWidget *
rr_window_get_pain_scale (RrWindow *self)
{
  return rr_assessment_inputs_get_pain_scale (rr_assessment_page_get_inputs (self->assessment_page));
}

GtkWidget *
rr_window_get_level_prompt (RrWindow *self)
{
  return rr_assessment_page_get_level_prompt (self->assessment_page);
}

GtkWidget *
rr_window_get_verdict_bar (RrWindow *self)
{
  return rr_assessment_page_get_verdict_bar (self->assessment_page);
}

RrBodyMap *
rr_window_get_body_map (RrWindow *self)
{
  return rr_assessment_page_get_body_map (self->assessment_page);
}

RrDiary *
rr_window_get_diary (RrWindow *self)
{
  return self->diary;
}

/* The message of the error bar, the notice bar or the toast, when shown; NULL otherwise. */
const char *
rr_window_get_error (RrWindow *self)
{
  return rr_status_bars_get_error (self->status);
}

const char *
rr_window_get_notice (RrWindow *self)
{
  return rr_status_bars_get_notice (self->status);
}

const char *
rr_window_get_toast (RrWindow *self)
{
  return rr_status_bars_get_toast (self->status);
}

RrDiaryView *
rr_window_get_diary_view (RrWindow *self)
{
  return self->diary_view;
}
