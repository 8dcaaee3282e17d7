/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "rr-application.h"
#include "rr-assessment-inputs.h"
#include "rr-body-map.h"
#include "rr-region-search.h"
#include "rr-rulebook.h"
#include "rr-verdict-banner.h"
#include "rr-window-private.h"

/* The window as a runner uses it, under Xvfb with warnings fatal: spots, the slider,
 * the questions, and the guidance that follows them. */

typedef struct {
  RrWindow     *window;
  RrAssessment *assessment;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = rr_window_new (NULL, NULL);
  f->assessment = rr_window_get_assessment (f->window);
  /* Start clean whatever the settings held. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-assessment", NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  iterate ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
}

static RrVerdict
verdict (Fixture *f)
{
  return rr_guidance_get_verdict (rr_window_get_guidance (f->window));
}

/* Right to left, the window mirrors as GTK does, but the map keeps the runner's
 * left on the picture's right in the front view: anatomy does not mirror. */
static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

/* Until the window has laid out and painted what changed. */
static void
wait_for_frame (RrWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_true), &painted);

  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static void
set_slider (Fixture *f,
            int      level)
{
  gtk_range_set_value (GTK_RANGE (rr_window_get_pain_scale (f->window)), level);
}

static void
test_builds (Fixture       *f,
             gconstpointer  data)
{
  g_assert_true (gtk_widget_get_realized (GTK_WIDGET (f->window)));
  g_assert_true (rr_guidance_is_empty (rr_window_get_guidance (f->window)));
  /* The warning signs are there before anything is chosen. */
  g_assert_nonnull (rr_window_get_question (f->window, "hot-dry-skin"));
  g_assert_true (gtk_widget_get_visible (rr_window_get_question (f->window, "sweating")));
  g_assert_null (rr_window_get_question (f->window, "morning-worse"));
}

static void
test_spot_and_slider (Fixture       *f,
                      gconstpointer  data)
{
  set_slider (f, 2);
  rr_window_toggle_region (f->window, "left-knee-front");
  iterate ();
  g_assert_true (rr_assessment_has_region (f->assessment, "left-knee-front"));
  g_assert_cmpint (rr_assessment_get_region_level (f->assessment, "left-knee-front"), ==, 2);
  g_assert_cmpstr (rr_window_get_active (f->window), ==, "left-knee-front");
  g_assert_cmpint (verdict (f), ==, RR_VERDICT_KEEP_RUNNING);
  g_assert_true (rr_guidance_has_condition (rr_window_get_guidance (f->window), "runners-knee"));

  /* The slider edits the active spot only. */
  set_slider (f, 8);
  iterate ();
  g_assert_cmpint (rr_assessment_get_region_level (f->assessment, "left-knee-front"), ==, 8);
  g_assert_cmpint (verdict (f), >=, RR_VERDICT_STOP_AND_REST);

  /* A second spot starts at the slider's level and becomes active. */
  rr_window_toggle_region (f->window, "right-heel");
  g_assert_cmpint (rr_assessment_get_region_level (f->assessment, "right-heel"), ==, 8);
  set_slider (f, 1);
  g_assert_cmpint (rr_assessment_get_region_level (f->assessment, "right-heel"), ==, 1);
  g_assert_cmpint (rr_assessment_get_region_level (f->assessment, "left-knee-front"), ==, 8);

  /* Choosing the first spot again moves the slider to its level. */
  rr_window_set_active (f->window, "left-knee-front");
  g_assert_cmpint ((int) gtk_range_get_value (GTK_RANGE (rr_window_get_pain_scale (f->window))), ==, 8);

  /* Removing the active spot hands the slider to the remaining one. */
  rr_window_toggle_region (f->window, "left-knee-front");
  g_assert_cmpstr (rr_window_get_active (f->window), ==, "right-heel");
  g_assert_cmpint ((int) gtk_range_get_value (GTK_RANGE (rr_window_get_pain_scale (f->window))), ==, 1);
}

static void
test_questions_follow_spots (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *morning;

  set_slider (f, 3);
  rr_window_toggle_region (f->window, "left-heel");
  iterate ();
  morning = rr_window_get_question (f->window, "morning-worse");
  g_assert_nonnull (morning);
  g_assert_nonnull (rr_window_get_question (f->window, "limping"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (morning), TRUE);
  g_assert_true (rr_assessment_has_symptom (f->assessment, "morning-worse"));
  g_assert_true (rr_guidance_has_condition (rr_window_get_guidance (f->window), "plantar-fasciitis"));

  /* Ticking limping stops the run. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (rr_window_get_question (f->window, "limping")), TRUE);
  g_assert_cmpint (verdict (f), >=, RR_VERDICT_STOP_AND_REST);

  /* The heel question goes with the heel, and so does its answer. */
  rr_window_toggle_region (f->window, "left-heel");
  rr_window_toggle_region (f->window, "neck");
  iterate ();
  g_assert_null (rr_window_get_question (f->window, "morning-worse"));
  g_assert_false (rr_assessment_has_symptom (f->assessment, "morning-worse"));
  g_assert_false (rr_guidance_has_condition (rr_window_get_guidance (f->window), "plantar-fasciitis"));
}

/* The few questions that change the answer most come first, the rest wait behind
 * an expander, which opens by itself when one of them is answered. */
static void
test_questions_first (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *first_box, *warmup, *expander;
  guint n_first = 0;

  set_slider (f, 3);
  rr_window_toggle_region (f->window, "left-knee-front");
  first_box = gtk_widget_get_parent (rr_window_get_question (f->window, "swelling"));
  for (GtkWidget *child = gtk_widget_get_first_child (first_box); child; child = gtk_widget_get_next_sibling (child))
    n_first++;
  g_assert_cmpuint (n_first, >=, 3);
  g_assert_cmpuint (n_first, <=, 5);

  /* "Does it fade once you have warmed up?" changes little: it waits. */
  expander = rr_window_get_more_questions (f->window);
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  warmup = rr_window_get_question (f->window, "eases-with-warmup");
  g_assert_true (gtk_widget_get_parent (warmup) != first_box);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (warmup), TRUE);
  g_assert_true (rr_assessment_has_symptom (f->assessment, "eases-with-warmup"));
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (expander)));

  /* A headache asks first about what makes it an emergency. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-assessment", NULL);
  set_slider (f, 3);
  rr_window_toggle_region (f->window, "head");
  first_box = gtk_widget_get_parent (rr_window_get_question (f->window, "stiff-neck"));
  g_assert_true (first_box == gtk_widget_get_parent (rr_window_get_question (f->window, "double-vision")));
  g_assert_true (first_box == gtk_widget_get_parent (rr_window_get_question (f->window, "one-sided")));
  g_assert_true (first_box != gtk_widget_get_parent (rr_window_get_question (f->window, "limping")));
}

static void
test_emergency (Fixture       *f,
                gconstpointer  data)
{
  set_slider (f, 1);
  rr_window_toggle_region (f->window, "chest");
  g_assert_cmpint (verdict (f), <, RR_VERDICT_EMERGENCY);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (rr_window_get_question (f->window, "breathless")), TRUE);
  g_assert_cmpint (verdict (f), ==, RR_VERDICT_EMERGENCY);
  g_assert_cmpstr (rr_guidance_get_advice (rr_window_get_guidance (f->window), 0)->id, ==, "call-emergency");
}

/* A warning sign ticked from the keyboard makes an emergency, and a screen reader
 * hears it: GTK 4.14 and later announce it and leave the focus on the question; older
 * GTK moves the focus to the verdict, which Orca then reads ("Emergency panel. Stop
 * now and call…"). A milder change takes no focus. */
static void
test_verdict_told (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *question, *focus;

  rr_window_apply_layout_for_width (f->window, 1300);
  set_slider (f, 2);
  rr_window_toggle_region (f->window, "left-calf");
  question = rr_window_get_question (f->window, "fainted");
  gtk_widget_grab_focus (question);
  g_assert_true (gtk_widget_has_focus (question));

  set_slider (f, 5);
  g_assert_cmpint (verdict (f), ==, RR_VERDICT_EASE_OFF);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == question);
  /* GTK 4.8 says nothing when a slider moves, but says the new name of the focus:
   * the slider's name carries its level and the verdict. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (rr_window_get_pain_scale (f->window)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Pain at Left calf: 5 — Moderate. Ease off");

  /* The slider keeps the keys while it moves, even into a graver verdict. */
  gtk_widget_grab_focus (rr_window_get_pain_scale (f->window));
  set_slider (f, 9);
  g_assert_cmpint (verdict (f), >=, RR_VERDICT_SEE_PROFESSIONAL);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == rr_window_get_pain_scale (f->window));
  set_slider (f, 5);

  gtk_widget_grab_focus (question);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (question), TRUE);
  g_assert_cmpint (verdict (f), ==, RR_VERDICT_EMERGENCY);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
#if GTK_CHECK_VERSION (4, 14, 0)
  g_assert_true (focus == question);
#else
  g_assert_nonnull (focus);
  g_assert_true (RR_IS_VERDICT_BANNER (focus));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (focus), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       rr_guidance_get_verdict_name (rr_window_get_guidance (f->window)));
#endif
}

static void
test_new_assessment (Fixture       *f,
                     gconstpointer  data)
{
  set_slider (f, 5);
  rr_window_toggle_region (f->window, "left-shin-inner");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (rr_window_get_question (f->window, "sweating")), TRUE);
  g_assert_false (rr_guidance_is_empty (rr_window_get_guidance (f->window)));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-assessment", NULL);
  iterate ();
  g_assert_cmpuint (rr_assessment_get_n_regions (f->assessment), ==, 0);
  g_assert_null (rr_assessment_get_symptoms (f->assessment)[0]);
  g_assert_true (rr_guidance_is_empty (rr_window_get_guidance (f->window)));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (rr_window_get_question (f->window, "sweating"))));
  g_assert_null (rr_window_get_active (f->window));
}

/* A spot chosen before the runner said how much it hurts gets no verdict yet (level 0
 * would read "nothing hurts"); the slider gives one. A warning sign is answered at once. */
static void
test_level_prompt (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *prompt = rr_window_get_level_prompt (f->window);
  GtkWidget *fainted = rr_window_get_question (f->window, "fainted");

  g_assert_false (gtk_widget_get_visible (prompt));
  rr_window_toggle_region (f->window, "left-knee-front");
  rr_window_toggle_region (f->window, "right-heel");
  g_assert_true (gtk_widget_get_visible (prompt));

  /* Saying it is a race is no answer about the pain. */
  rr_assessment_set_symptom (f->assessment, "race", TRUE);
  g_assert_true (gtk_widget_get_visible (prompt));
  rr_assessment_set_symptom (f->assessment, "race", FALSE);

  /* The bar's click leads to the slider. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-guidance", NULL));
  g_assert_true (gtk_widget_has_focus (rr_window_get_pain_scale (f->window)));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (fainted), TRUE);
  g_assert_false (gtk_widget_get_visible (prompt));
  g_assert_cmpint (verdict (f), ==, RR_VERDICT_EMERGENCY);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (fainted), FALSE);
  g_assert_true (gtk_widget_get_visible (prompt));

  set_slider (f, 4);
  g_assert_false (gtk_widget_get_visible (prompt));
  g_assert_cmpint (verdict (f), >=, RR_VERDICT_EASE_OFF);

  /* Once levels are given, a new spot starts at the slider's, as before. */
  rr_window_toggle_region (f->window, "left-shin-inner");
  g_assert_false (gtk_widget_get_visible (prompt));
  g_assert_cmpint (rr_assessment_get_region_level (f->assessment, "left-shin-inner"), ==, 4);
}

/* Stacked for a phone, the window fits its 360x720, verdict bar and all; and every
 * layout can be shrunk into the next one. */
static void
test_fits_a_phone (Fixture       *f,
                   gconstpointer  data)
{
  int min_width, min_height;

  set_slider (f, 6);
  rr_window_toggle_region (f->window, "left-knee-outer");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (rr_window_get_question (f->window, "swelling")), TRUE);
  rr_window_apply_layout_for_width (f->window, 360);
  g_assert_true (gtk_widget_get_visible (rr_window_get_verdict_bar (f->window)));

  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_VERTICAL, 360, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);
  g_assert_cmpint (min_height, <=, 720);

  /* Each wider layout can be shrunk to the next: no window stuck between two. */
  rr_window_apply_layout_for_width (f->window, 900);
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <, 700);
  rr_window_apply_layout_for_width (f->window, 1300);
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <, 1180);
}

/* The map shows what the assessment holds, with each spot's level. */
static void
test_map_mirrors (Fixture       *f,
                  gconstpointer  data)
{
  RrBodyMap *body_map = rr_window_get_body_map (f->window);

  set_slider (f, 6);
  rr_window_toggle_region (f->window, "right-calf");
  g_assert_true (rr_body_map_get_selected (body_map, "right-calf"));
  g_assert_cmpint (rr_body_map_get_level (body_map, "right-calf"), ==, 6);
  g_assert_cmpstr (rr_body_map_get_active (body_map), ==, "right-calf");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-assessment", NULL);
  g_assert_false (rr_body_map_get_selected (body_map, "right-calf"));
}

/* A preset from the command line replaces what was there. */
static void
test_preset (void)
{
  g_autoptr(RrAssessment) preset = rr_assessment_new ();
  RrWindow *window;

  rr_assessment_add_region (preset, "left-ankle-back", 4);
  rr_assessment_set_symptom (preset, "swelling", TRUE);
  window = rr_window_new (NULL, preset);
  g_assert_cmpint (rr_assessment_get_region_level (rr_window_get_assessment (window), "left-ankle-back"), ==, 4);
  g_assert_cmpstr (rr_window_get_active (window), ==, "left-ankle-back");
  g_assert_cmpint (rr_guidance_get_verdict (rr_window_get_guidance (window)), >=, RR_VERDICT_SEE_PROFESSIONAL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing saves the assessment; a new window brings it back. */
static void
test_restore (void)
{
  RrWindow *first = rr_window_new (NULL, NULL);
  RrWindow *second;

  /* Only a realized window can be closed, as a runner would close it. */
  gtk_window_present (GTK_WINDOW (first));
  iterate ();
  gtk_widget_activate_action (GTK_WIDGET (first), "win.new-assessment", NULL);
  rr_assessment_add_region (rr_window_get_assessment (first), "right-hip-outer", 3);
  gtk_window_close (GTK_WINDOW (first));
  iterate ();

  second = rr_window_new (NULL, NULL);
  g_assert_cmpint (rr_assessment_get_region_level (rr_window_get_assessment (second), "right-hip-outer"), ==, 3);
  g_assert_false (gtk_widget_get_visible (rr_window_get_level_prompt (second)));

  /* Closed before any level was given: it still asks for one. */
  gtk_window_present (GTK_WINDOW (second));
  iterate ();
  gtk_widget_activate_action (GTK_WIDGET (second), "win.new-assessment", NULL);
  rr_window_toggle_region (second, "right-hip-outer");
  g_assert_true (gtk_widget_get_visible (rr_window_get_level_prompt (second)));
  gtk_window_close (GTK_WINDOW (second));
  iterate ();

  first = rr_window_new (NULL, NULL);
  g_assert_cmpint (rr_assessment_get_region_level (rr_window_get_assessment (first), "right-hip-outer"), ==, 0);
  g_assert_true (gtk_widget_get_visible (rr_window_get_level_prompt (first)));
  gtk_window_destroy (GTK_WINDOW (first));
}

/* A wrapping label inside a horizontal GtkBox costs a dozen Pango layouts per frame
 * in GTK 4.8 (the box measures it at trial heights, and the label bisects each): it
 * made the first frame three times slower. Rows beside wrapping text are grids. */
static void
check_no_wrap_in_rows (GtkWidget *widget,
                       guint     *n_checked)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_no_wrap_in_rows (child, n_checked);

  /* Labels of the window's own surface (popovers and tooltips are measured apart);
   * the notice bar is GTK's own row, shown once for an unusable diary file. */
  if (!GTK_IS_LABEL (widget) || !gtk_label_get_wrap (GTK_LABEL (widget)) ||
      !GTK_IS_WINDOW (gtk_widget_get_native (widget)) ||
      gtk_widget_get_ancestor (widget, GTK_TYPE_INFO_BAR) != NULL)
    return;

  (*n_checked)++;
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    {
      GtkLayoutManager *layout = gtk_widget_get_layout_manager (up);

      if (GTK_IS_BOX_LAYOUT (layout) &&
          gtk_orientable_get_orientation (GTK_ORIENTABLE (layout)) == GTK_ORIENTATION_HORIZONTAL)
        g_error ("'%s' wraps inside a horizontal %s (%s)", gtk_label_get_text (GTK_LABEL (widget)),
                 G_OBJECT_TYPE_NAME (up), gtk_widget_get_css_name (up));
    }
}

static void
test_no_wrap_in_rows (Fixture       *f,
                      gconstpointer  data)
{
  guint n_checked = 0;

  /* Every kind of row: questions, advice, causes, flags, sources, the emergency's
   * first action, and a diary entry with its trend. */
  set_slider (f, 5);
  rr_window_toggle_region (f->window, "left-knee-outer");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-to-diary", NULL));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (rr_window_get_question (f->window, "fainted")), TRUE);
  iterate ();

  check_no_wrap_in_rows (GTK_WIDGET (f->window), &n_checked);
  g_assert_cmpuint (n_checked, >, 40);
}

static guint
count_shortcuts_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      n += GTK_IS_SHORTCUTS_WINDOW (window);
    }
  return n;
}

/* The shortcuts window is not built with the window, only when asked for, and is the
 * same one the next time. */
static void
test_shortcuts_on_demand (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *shortcuts = NULL;

  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);
  for (int round = 0; round < 2; round++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
      iterate ();
      g_assert_cmpuint (count_shortcuts_windows (), ==, 1);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (!GTK_IS_SHORTCUTS_WINDOW (window))
            continue;
          g_assert_true (shortcuts == NULL || shortcuts == GTK_WINDOW (window));
          shortcuts = GTK_WINDOW (window);
        }
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
      g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (f->window));
      gtk_window_close (shortcuts);
      iterate ();
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
    }
}

/* The toast shows over the page, which stays where it was: in the window's flow, it
 * pushed the whole page down and back up at every save. */
static void
test_toast_keeps_page (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (f->window->assessment_page);
  graphene_rect_t before, after;

  set_slider (f, 4);
  rr_window_toggle_region (f->window, "left-heel");
  wait_for_frame (f->window);
  g_assert_true (gtk_widget_compute_bounds (page, GTK_WIDGET (f->window), &before));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-to-diary", NULL));
  g_assert_cmpstr (rr_window_get_toast (f->window), ==, "Saved to your diary");
  for (int i = 0; i < 30; i++)
    wait_for_frame (f->window);
  g_assert_true (gtk_widget_compute_bounds (page, GTK_WIDGET (f->window), &after));
  g_assert_cmpfloat (after.origin.y, ==, before.origin.y);
  g_assert_cmpfloat (after.size.height, ==, before.size.height);
}

/* A question still asked after a change of spots is the same check button: its
 * text is not laid out again, and, still among the first questions, it keeps the
 * focus. */
static void
test_questions_kept (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *giving_way, *first_box, *morning;

  set_slider (f, 1);
  rr_window_toggle_region (f->window, "left-knee-outer");
  wait_for_frame (f->window);
  giving_way = rr_window_get_question (f->window, "giving-way");
  g_assert_nonnull (giving_way);
  first_box = gtk_widget_get_parent (giving_way);
  g_assert_null (rr_window_get_question (f->window, "morning-worse"));
  g_assert_true (gtk_widget_grab_focus (giving_way));

  /* The heel brings a question of its own. */
  rr_window_toggle_region (f->window, "left-heel");
  wait_for_frame (f->window);
  morning = rr_window_get_question (f->window, "morning-worse");
  g_assert_nonnull (morning);
  g_assert_true (rr_window_get_question (f->window, "giving-way") == giving_way);
  g_assert_true (gtk_widget_get_parent (giving_way) == first_box);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == giving_way);

  /* Gone with the heel, and made again when it comes back. */
  rr_window_toggle_region (f->window, "left-heel");
  wait_for_frame (f->window);
  g_assert_null (rr_window_get_question (f->window, "morning-worse"));
  rr_window_toggle_region (f->window, "left-heel");
  wait_for_frame (f->window);
  g_assert_nonnull (rr_window_get_question (f->window, "morning-worse"));
  g_assert_true (rr_window_get_question (f->window, "giving-way") == giving_way);
}

/* Save to Diary keeps the assessment; the diary page lists it and can load it back. */
static void
test_diary_save_and_open (Fixture       *f,
                          gconstpointer  data)
{
  RrDiary *diary = rr_window_get_diary (f->window);
  RrDiaryView *view = rr_window_get_diary_view (f->window);
  g_autoptr(GPtrArray) entries = NULL;
  guint before;

  g_assert_nonnull (diary);
  before = rr_diary_view_get_n_rows (view);

  /* Nothing to save before anything is said. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-to-diary", NULL) &&
                  rr_diary_view_get_n_rows (view) > before);

  set_slider (f, 4);
  rr_window_toggle_region (f->window, "right-ankle-back");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-to-diary", NULL));
  g_assert_cmpuint (rr_diary_view_get_n_rows (view), ==, before + 1);
  entries = rr_diary_list_range (diary, 0, G_MAXINT, NULL);
  g_assert_cmpint (rr_assessment_get_region_level (((RrDiaryEntry *) entries->pdata[0])->assessment, "right-ankle-back"), ==, 4);

  /* Opening the entry after a New Assessment brings the spot back. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-assessment", NULL);
  g_signal_emit_by_name (view, "entry-opened", ((RrDiaryEntry *) entries->pdata[0])->id);
  g_assert_cmpint (rr_assessment_get_region_level (f->assessment, "right-ankle-back"), ==, 4);
  g_assert_cmpstr (rr_window_get_active (f->window), ==, "right-ankle-back");
}

/* Shin pain logged on three of the last days is pain that persists: the window ticks
 * it, the stress-fracture advice follows, and the runner may untick it. */
static void
test_diary_persistence (Fixture       *f,
                        gconstpointer  data)
{
  RrDiary *diary = rr_window_get_diary (f->window);
  g_autoptr(RrAssessment) logged = rr_assessment_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GtkWidget *question;

  rr_assessment_add_region (logged, "left-shin-front", 4);
  for (int day = 1; day <= 3; day++)
    g_assert_cmpint (rr_diary_add (diary, now - day * 24 * 3600 - 60, logged, "ease-off", "", -1, -1, NULL), >, 0);

  set_slider (f, 3);
  rr_window_toggle_region (f->window, "left-shin-front");
  g_assert_true (rr_assessment_has_symptom (f->assessment, "persistent"));
  g_assert_true (rr_guidance_has_condition (rr_window_get_guidance (f->window), "stress-fracture"));
  question = rr_window_get_question (f->window, "persistent");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (question)));

  /* Unticked by the runner, it stays unticked while they edit. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (question), FALSE);
  g_assert_false (rr_assessment_has_symptom (f->assessment, "persistent"));
  set_slider (f, 5);
  g_assert_false (rr_assessment_has_symptom (f->assessment, "persistent"));

  /* A spot without that history does not get it. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-assessment", NULL);
  rr_window_toggle_region (f->window, "right-shin-front");
  g_assert_false (rr_assessment_has_symptom (f->assessment, "persistent"));
}

/* Where the guidance has no column of its own, its verdict stays in sight above the
 * questions, and a click on it scrolls down to the rest; with the column, it does not. */
static RrWindow *
sized_window (int width,
              int height)
{
  RrWindow *window = rr_window_new (NULL, NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-assessment", NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  /* The layout that fits is chosen at the first allocation, and applied after it. */
  wait_for_frame (window);
  wait_for_frame (window);
  return window;
}

/* What GTK 4.10 and later check at every allocation, done here on any GTK: a widget
 * aligned other than "fill" is measured for the size it was given, and that size must
 * not be below its minimum for an unconstrained measure (GTK warns "Trying to measure
 * GtkGrid for height of 192, but it needs at least 672"): wrapping text under a
 * centred grid breaks this as soon as the column is wider than the text's minimum. */
static void
check_aligned_sizes (GtkWidget *widget,
                     guint     *n_checked)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_aligned_sizes (child, n_checked);

  if (gtk_widget_get_halign (widget) != GTK_ALIGN_FILL || gtk_widget_get_valign (widget) != GTK_ALIGN_FILL)
    {
      /* GTK measures a height-for-width widget's width for the height it was given,
       * any other's height for its width. The size given is known only where the
       * widget fills it (the allocation is then that size less the margins). */
      gboolean height_for_width = gtk_widget_get_request_mode (widget) == GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
      GtkOrientation opposite = height_for_width ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;
      GtkAllocation allocation;
      int given, minimum;

      if ((height_for_width ? gtk_widget_get_valign (widget) : gtk_widget_get_halign (widget)) != GTK_ALIGN_FILL)
        return;
      gtk_widget_get_allocation (widget, &allocation);
      given = height_for_width
              ? allocation.height + gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget)
              : allocation.width + gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
      gtk_widget_measure (widget, opposite, -1, &minimum, NULL, NULL, NULL);
      (*n_checked)++;
      if (given < minimum)
        g_error ("%s (%s) is aligned, %d px %s where it needs at least %d", G_OBJECT_TYPE_NAME (widget),
                 gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) ?: gtk_widget_get_css_name (widget),
                 given, height_for_width ? "high" : "wide", minimum);
    }
}

/* No empty band between the children of a vertical box: each follows the one before
 * at the box's spacing (a stale measure once left 230 px between "Why" and "What to Do
 * Now"). Boxes whose children expand, or are not aligned to fill, are left out. */
static void
check_no_gaps (GtkWidget *widget,
               guint     *n_checked)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (widget);
  GtkWidget *previous = NULL;
  graphene_rect_t previous_bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  if (!gtk_widget_get_mapped (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_no_gaps (child, n_checked);

  if (!GTK_IS_BOX (widget) || !GTK_IS_BOX_LAYOUT (layout) ||
      gtk_orientable_get_orientation (GTK_ORIENTABLE (widget)) != GTK_ORIENTATION_VERTICAL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) &&
        (gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL) || gtk_widget_get_valign (child) != GTK_ALIGN_FILL))
      return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_visible (child) || !gtk_widget_compute_bounds (child, widget, &bounds))
        continue;
      if (previous)
        {
          double gap = bounds.origin.y - (previous_bounds.origin.y + previous_bounds.size.height);
          double allowed = gtk_box_get_spacing (GTK_BOX (widget)) + gtk_widget_get_margin_bottom (previous) +
                           gtk_widget_get_margin_top (child);

          (*n_checked)++;
          if (gap > allowed + 1)
            g_error ("%.0f px of empty space after %s (%s) in %s (%s), where the spacing is %.0f",
                     gap, G_OBJECT_TYPE_NAME (previous),
                     gtk_buildable_get_buildable_id (GTK_BUILDABLE (previous)) ?: gtk_widget_get_css_name (previous),
                     G_OBJECT_TYPE_NAME (widget),
                     gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) ?: gtk_widget_get_css_name (widget),
                     allowed);
        }
      previous = child;
      previous_bounds = bounds;
    }

  /* Nor after the last child, where a box is laid out at its own height (in a
   * vertical box, not expanding): its height is then its children's. */
  if (previous && GTK_IS_BOX (gtk_widget_get_parent (widget)) &&
      gtk_orientable_get_orientation (GTK_ORIENTABLE (gtk_widget_get_parent (widget))) == GTK_ORIENTATION_VERTICAL &&
      !gtk_widget_compute_expand (widget, GTK_ORIENTATION_VERTICAL))
    {
      double gap = gtk_widget_get_height (widget) - (previous_bounds.origin.y + previous_bounds.size.height);

      (*n_checked)++;
      if (gap > gtk_widget_get_margin_bottom (previous) + 1)
        g_error ("%.0f px of empty space at the end of %s (%s), after %s (%s)", gap, G_OBJECT_TYPE_NAME (widget),
                 gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) ?: gtk_widget_get_css_name (widget),
                 G_OBJECT_TYPE_NAME (previous),
                 gtk_buildable_get_buildable_id (GTK_BUILDABLE (previous)) ?: gtk_widget_get_css_name (previous));
    }
}

/* GTK >= 4.10 finds a window's minimum size by measuring its width for its minimum
 * height at the current width, which must not be below its unconstrained minimum
 * height: the window's minimum height may not shrink as it widens. */
static void
check_window_minimum (RrWindow *window)
{
  int min_width, min_height;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  for (int width = min_width; width <= 1400; width += 20)
    {
      int height;

      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
      if (height < min_height)
        g_error ("the window needs %d px of height at %d px of width, %d at its narrowest (%d px)",
                 height, width, min_height, min_width);
    }
}

static void
check_layout (RrWindow *window,
              guint    *n_aligned,
              guint    *n_gaps)
{
  wait_for_frame (window);
  wait_for_frame (window);
  check_aligned_sizes (GTK_WIDGET (window), n_aligned);
  check_no_gaps (GTK_WIDGET (window), n_gaps);
  check_window_minimum (window);
}

/* Every state a runner goes through, in every layout: nothing allocated below what it
 * needs, no empty band. */
static void
test_layout_holds (void)
{
  static const int sizes[][2] = { { 1200, 780 }, { 1000, 700 }, { 600, 900 }, { 360, 720 } };
  guint n_aligned = 0, n_gaps = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      RrWindow *window = sized_window (sizes[i][0], sizes[i][1]);
      GtkRange *scale = GTK_RANGE (rr_window_get_pain_scale (window));

      /* Under Xvfb no window manager resizes the window into the next layout. */
      rr_window_apply_layout_for_width (window, sizes[i][0]);

      /* Empty, then a spot waiting for its level, then the answer. */
      check_layout (window, &n_aligned, &n_gaps);
      rr_window_toggle_region (window, "left-knee-front");
      check_layout (window, &n_aligned, &n_gaps);
      gtk_range_set_value (scale, 5);
      check_layout (window, &n_aligned, &n_gaps);
      rr_window_toggle_region (window, "right-shin-inner");
      gtk_check_button_set_active (GTK_CHECK_BUTTON (rr_window_get_question (window, "swelling")), TRUE);
      check_layout (window, &n_aligned, &n_gaps);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (rr_window_get_question (window, "fainted")), TRUE);
      check_layout (window, &n_aligned, &n_gaps);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-to-diary", NULL));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-diary", NULL));
      check_layout (window, &n_aligned, &n_gaps);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_test_message ("%u aligned widgets and %u gaps checked", n_aligned, n_gaps);
  g_assert_cmpuint (n_aligned, >, 100);
  g_assert_cmpuint (n_gaps, >, 100);
}

static GtkWidget *
find_mapped (GtkWidget *widget,
             GType      type);

/* Chips that wrap when the window narrows stay inside their box: a flow box aligned
 * to the start was measured one row high for the width of the column and then given
 * less, so that its second row of chips lay over the slider's title. */
static void
test_chips_wrap_inside (void)
{
  RrWindow *window = sized_window (1300, 800);
  GtkWidget *chips;
  const char *spots[] = { "left-knee-outer", "right-heel", "left-shin-front" };

  rr_window_apply_layout_for_width (window, 1300);
  for (guint i = 0; i < G_N_ELEMENTS (spots); i++)
    {
      rr_window_toggle_region (window, spots[i]);
      gtk_range_set_value (GTK_RANGE (rr_window_get_pain_scale (window)), 3 + i);
    }
  wait_for_frame (window);
  chips = rr_assessment_inputs_get_chips (RR_ASSESSMENT_INPUTS (find_mapped (GTK_WIDGET (window), RR_TYPE_ASSESSMENT_INPUTS)));

  for (int width = 1300; width >= 700; width -= 40)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
      rr_window_apply_layout_for_width (window, width);
      wait_for_frame (window);
      wait_for_frame (window);
      for (GtkWidget *child = gtk_widget_get_first_child (chips); child; child = gtk_widget_get_next_sibling (child))
        {
          graphene_rect_t bounds;

          g_assert_true (gtk_widget_compute_bounds (child, chips, &bounds));
          if (bounds.origin.y + bounds.size.height > gtk_widget_get_height (chips) + 1 ||
              bounds.origin.x + bounds.size.width > gtk_widget_get_width (chips) + 1)
            g_error ("at %d px, a chip ends at %.0f,%.0f outside its %dx%d box", width,
                     bounds.origin.x + bounds.size.width, bounds.origin.y + bounds.size.height,
                     gtk_widget_get_width (chips), gtk_widget_get_height (chips));
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The diary page's two columns keep their widths as the list scrolls. Shared out by
 * what the rows in sight need at least (a "See a professional" pill is wider than
 * "Ease off"), they moved as the list scrolled, and the history's map, resized, was
 * drawn again at each such scroll. */
static void
test_diary_split_steady (void)
{
  RrWindow *window = sized_window (1200, 780);
  RrDiary *diary = rr_window_get_diary (window);
  g_autoptr(RrAssessment) logged = rr_assessment_new ();
  g_autoptr(RrAssessment) full = rr_assessment_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GtkWidget *map, *list;
  GtkAdjustment *adjustment;
  int width;

  rr_assessment_add_region (logged, "left-shin-front", 4);
  rr_assessment_add_region (full, "left-knee-outer", 5);
  rr_assessment_add_region (full, "right-thigh-back", 3);
  rr_assessment_add_region (full, "left-ankle-back", 6);
  rr_assessment_add_region (full, "right-heel", 2);
  /* Long lines and a long verdict in sight first, the oldest short. */
  for (int day = 1; day <= 80; day++)
    g_assert_cmpint (rr_diary_add (diary, now - day * 24 * 3600 - 60, day > 40 ? logged : full,
                                   day > 40 ? "ease-off" : "see-professional",
                                   day > 40 ? "" : "Hill repeats, then sore on the stairs all evening", 12, 70, NULL), >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-diary", NULL));
  wait_for_frame (window);
  map = find_mapped (GTK_WIDGET (rr_window_get_diary_view (window)), RR_TYPE_BODY_MAP);
  list = find_mapped (GTK_WIDGET (rr_window_get_diary_view (window)), GTK_TYPE_GRID_VIEW);
  g_assert_nonnull (map);
  g_assert_nonnull (list);
  width = gtk_widget_get_width (map);
  g_assert_cmpint (width, >, 0);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  for (int i = 0; i < 4; i++)
    wait_for_frame (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_cmpint (gtk_widget_get_width (map), ==, width);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_mapped (GtkWidget *widget,
             GType      type)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static void
assert_in_view (RrWindow  *window,
                GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  g_test_message ("%s at %g,%g %gx%g in %dx%d", G_OBJECT_TYPE_NAME (widget),
                  bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  /* a pixel of slack: the header bar's buttons reach a pixel above it */
  g_assert_cmpfloat (bounds.origin.x, >=, -1);
  g_assert_cmpfloat (bounds.origin.y, >=, -1);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)) + 1);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (window)) + 1);
}

/* A window opens within the screen, whatever size it was saved at, with the page
 * switcher and the verdict in view. Run again at GDK_SCALE=2 (test-window-scale2),
 * where the 1400x900 screen is 700x450. */
static void
test_fits_screen (void)
{
  RrWindow *window = rr_window_new (NULL, NULL);
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
  GtkWidget *verdict;
  GdkRectangle area;

  gdk_monitor_get_geometry (monitor, &area);
  g_test_message ("monitor %dx%d, scale %d", area.width, area.height, gdk_monitor_get_scale_factor (monitor));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-assessment", NULL);
  /* the size saved on a larger screen */
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1100);
  rr_window_toggle_region (window, "left-knee-front");
  gtk_range_set_value (GTK_RANGE (rr_window_get_pain_scale (window)), 5);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 3; i++)
    wait_for_frame (window);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, area.width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, area.height);
  verdict = gtk_widget_get_mapped (rr_window_get_verdict_bar (window)) ? rr_window_get_verdict_bar (window)
                                                                         : find_mapped (GTK_WIDGET (window), RR_TYPE_VERDICT_BANNER);
  assert_in_view (window, verdict);
  assert_in_view (window, find_mapped (GTK_WIDGET (window), GTK_TYPE_STACK_SWITCHER));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* The search's row for @region, if it has been made. */
static GtkWidget *
search_row (GtkWidget  *widget,
            const char *region)
{
  if (GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "rr-region"), region) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = search_row (child, region);

      if (found)
        return found;
    }
  return NULL;
}

/* A spot found by name gives the focus to its slider, which says the spot and its
 * level: the confirmation a screen reader hears, and what the runner sets next. */
static void
test_found_spot_takes_slider (void)
{
  RrWindow *window = sized_window (1200, 780);
  GtkWidget *search;

  /* The search's rows are not made before it is first shown. */
  g_assert_null (search_row (GTK_WIDGET (window), "left-heel"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  wait_for_frame (window);
  search = find_mapped (GTK_WIDGET (window), RR_TYPE_REGION_SEARCH);
  g_assert_nonnull (search);
  g_signal_emit_by_name (search, "region-activated", "left-heel");
  for (int i = 0; i < 3; i++)
    wait_for_frame (window);
  iterate ();

  g_assert_cmpstr (rr_window_get_active (window), ==, "left-heel");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == rr_window_get_pain_scale (window));

  /* Shown again, the search ticks the spot chosen, and only it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  wait_for_frame (window);
  g_assert_true (gtk_widget_get_visible (g_object_get_data (G_OBJECT (search_row (search, "left-heel")), "rr-check")));
  g_assert_false (gtk_widget_get_visible (g_object_get_data (G_OBJECT (search_row (search, "right-heel")), "rr-check")));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_verdict_bar (void)
{
  RrWindow *window = sized_window (1000, 700);
  GtkWidget *bar = rr_window_get_verdict_bar (window);
  GtkWidget *scroller = gtk_widget_get_ancestor (rr_window_get_pain_scale (window), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_autofree char *text = NULL;

  g_assert_false (gtk_widget_get_visible (bar));
  rr_window_toggle_region (window, "left-knee-outer");
  gtk_range_set_value (GTK_RANGE (rr_window_get_pain_scale (window)), 5);
  iterate ();
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (gtk_widget_has_css_class (bar, "verdict-see-professional"));
  text = g_strdup (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (gtk_widget_get_first_child (bar)))));
  g_assert_nonnull (strstr (text, rr_guidance_get_verdict_name (rr_window_get_guidance (window))));

  /* The guidance laid out under the questions first: the layout follows the frame. */
  wait_for_frame (window);
  wait_for_frame (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-guidance", NULL));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  gtk_window_destroy (GTK_WINDOW (window));

  window = sized_window (1400, 860);
  rr_window_toggle_region (window, "left-knee-outer");
  iterate ();
  g_assert_false (rr_guidance_is_empty (rr_window_get_guidance (window)));
  g_assert_false (gtk_widget_get_visible (rr_window_get_verdict_bar (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_right_to_left (void)
{
  RrWindow *window;
  RrBodyMap *map;
  GtkWidget *column;

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  window = rr_window_new (NULL, NULL);
  map = rr_window_get_body_map (window);
  column = gtk_widget_get_parent (GTK_WIDGET (map));

  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  g_assert_cmpint (gtk_widget_get_direction (column), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (map)), ==, GTK_TEXT_DIR_LTR);
  gtk_window_destroy (GTK_WINDOW (window));
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

/* Quit (Ctrl+Q) closes every window, each saving its state, after a save and the
 * diary page: closing one used to free the list node the loop was about to read
 * (the asan build catches it). */
static void
test_quit (void)
{
  g_autoptr(RrApplication) app = rr_application_new (NULL);
  g_autoptr(GError) error = NULL;
  RrWindow *first, *second;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  /* A name of its own: /window/preset-reaches-running-app's application keeps the
   * app's name on the bus until the process ends. */
  g_application_set_application_id (G_APPLICATION (app), "io.github.runorrest.RunOrRest.TestQuit");
  /* The app's own resources, where GtkApplication looks for a help overlay to build. */
  g_application_set_resource_base_path (G_APPLICATION (app), "/io/github/runorrest/RunOrRest");
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  first = rr_window_new (GTK_APPLICATION (app), NULL);
  second = rr_window_new (GTK_APPLICATION (app), NULL);
  gtk_window_present (GTK_WINDOW (first));
  gtk_window_present (GTK_WINDOW (second));
  gtk_range_set_value (GTK_RANGE (rr_window_get_pain_scale (first)), 3);
  rr_window_toggle_region (first, "left-heel");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first), "win.save-to-diary", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first), "win.show-diary", NULL));
  iterate ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);
  /* No shortcuts window is built with them, and Ctrl+? still shows one. */
  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");

    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  iterate ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}


static void
press_save (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-to-diary", NULL));
  iterate ();
}

/* Ctrl+S twice saves one entry and says it is already there; a change, or deleting
 * that entry, makes the next one count. It once logged 114 entries of 39 runs. */
static void
test_save_once (Fixture       *f,
                gconstpointer  data)
{
  RrDiary *diary = rr_window_get_diary (f->window);
  RrDiaryView *view = rr_window_get_diary_view (f->window);
  guint before = rr_diary_view_get_n_rows (view);
  g_autoptr(GPtrArray) entries = NULL;

  set_slider (f, 3);
  rr_window_toggle_region (f->window, "left-shin-inner");
  press_save (f);
  g_assert_cmpuint (rr_diary_view_get_n_rows (view), ==, before + 1);
  press_save (f);
  g_assert_cmpuint (rr_diary_view_get_n_rows (view), ==, before + 1);
  g_assert_cmpstr (rr_window_get_toast (f->window), ==, "This assessment is already in your diary");

  set_slider (f, 5);
  press_save (f);
  g_assert_cmpuint (rr_diary_view_get_n_rows (view), ==, before + 2);
  g_assert_cmpstr (rr_window_get_toast (f->window), ==, "Saved to your diary");

  entries = rr_diary_list_range (diary, 0, G_MAXINT, NULL);
  g_assert_true (rr_diary_delete (diary, ((RrDiaryEntry *) entries->pdata[0])->id, NULL));
  iterate ();
  g_assert_cmpuint (rr_diary_view_get_n_rows (view), ==, before + 1);
  press_save (f);
  g_assert_cmpuint (rr_diary_view_get_n_rows (view), ==, before + 2);
}

/* The first descendant of @root of @type whose tooltip is @tooltip (any, if NULL). */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *tooltip)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (tooltip == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, tooltip);

      if (found)
        return found;
    }
  return NULL;
}

/* A note edited on the diary page is kept when the runner clicks away instead of
 * pressing Enter, and focusing it does not select the old text (typing replaced it). */
static void
test_note_kept_on_leave (Fixture       *f,
                         gconstpointer  data)
{
  RrDiary *diary = rr_window_get_diary (f->window);
  RrDiaryView *view = rr_window_get_diary_view (f->window);
  g_autoptr(RrDiaryEntry) entry = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *edit, *note;
  int start, end;

  set_slider (f, 2);
  rr_window_toggle_region (f->window, "neck");
  press_save (f);
  entries = rr_diary_list_range (diary, 0, G_MAXINT, NULL);
  g_assert_true (rr_diary_set_note (diary, ((RrDiaryEntry *) entries->pdata[0])->id, "new shoes", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-diary", NULL));
  iterate ();
  wait_for_frame (f->window);

  /* The first row is the newest entry. */
  edit = find_widget (GTK_WIDGET (view), GTK_TYPE_TOGGLE_BUTTON, "Edit Note");
  g_assert_nonnull (edit);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (edit), TRUE);
  iterate ();
  note = gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), GTK_TYPE_ENTRY);
  g_assert_nonnull (note);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (note)), ==, "new shoes");
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (note), &start, &end));
  start = gtk_editable_get_position (GTK_EDITABLE (note));
  g_assert_cmpint (start, ==, strlen ("new shoes"));

  gtk_editable_insert_text (GTK_EDITABLE (note), ", knee fine", -1, &start);
  /* Away, without Enter. */
  gtk_widget_grab_focus (edit);
  iterate ();
  entry = rr_diary_get_entry (diary, ((RrDiaryEntry *) entries->pdata[0])->id, NULL);
  g_assert_cmpstr (entry->note, ==, "new shoes, knee fine");
  /* Still editable where the runner left it: the list was not rebuilt under them. */
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (edit)));
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-diary", NULL));
}

/* A save that fails says why and what to do, in the window, until a later one
 * succeeds; the red bar then goes. */
static void
test_error_clears (Fixture       *f,
                   gconstpointer  data)
{
  RrDiary *diary = rr_window_get_diary (f->window);
  sqlite3 *holder = NULL;

  set_slider (f, 6);
  rr_window_toggle_region (f->window, "right-heel");
  g_assert_null (rr_window_get_error (f->window));

  /* Another program writing the diary for longer than the save waits. */
  g_assert_cmpint (sqlite3_open (rr_diary_get_path (diary), &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  press_save (f);
  g_assert_nonnull (rr_window_get_error (f->window));
  g_assert_true (g_str_has_prefix (rr_window_get_error (f->window), "Your assessment was not saved. "));
  g_assert_nonnull (strstr (rr_window_get_error (f->window), "try again in a moment"));
  g_assert_cmpint (sqlite3_exec (holder, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (holder);

  press_save (f);
  g_assert_null (rr_window_get_error (f->window));
  g_assert_cmpstr (rr_window_get_toast (f->window), ==, "Saved to your diary");
}


/* Export from the window: a progress bar while it runs, a word when it is done. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("rr-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "diary.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;

  set_slider (f, 3);
  rr_window_toggle_region (f->window, "left-heel");
  press_save (f);
  rr_window_export_diary (f->window, file);
  while (g_strcmp0 (rr_window_get_toast (f->window), "Diary exported") != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "date,verdict,pain,spots,symptoms,distance_km,duration_min,note\r\n"));
  g_assert_nonnull (strstr (contents, "left-heel:3"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
count_windows (GtkApplication *app,
               GtkWindow      *window,
               guint          *n)
{
  (*n)++;
}

/* `run-or-rest --region=…` while the app runs (one session bus) opens a window with
 * those spots in the running app: the preset once was dropped and the old window
 * raised. */
static void
test_preset_reaches_running_app (void)
{
  g_autoptr(RrApplication) app = rr_application_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) second = NULL;
  GtkWindow *window;
  guint added = 0;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
  g_signal_connect (app, "window-added", G_CALLBACK (count_windows), &added);

  second = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("RR_EXECUTABLE"),
                             "--region=left-knee-front:5", "--symptom=swelling", NULL);
  g_assert_no_error (error);
  while (added == 0 || g_subprocess_get_identifier (second) != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_successful (second));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  g_assert_cmpint (rr_assessment_get_region_level (rr_window_get_assessment (RR_WINDOW (window)), "left-knee-front"), ==, 5);
  g_assert_true (rr_assessment_has_symptom (rr_window_get_assessment (RR_WINDOW (window)), "swelling"));
  gtk_window_destroy (window);
  iterate ();
}

/* Run with LANGUAGE=ar, GTK itself picks right to left. */
static void
test_arabic (void)
{
  if (!g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "ar"))
    {
      g_test_skip ("needs LANGUAGE=ar");
      return;
    }
  g_assert_cmpint (gtk_get_locale_direction (), ==, GTK_TEXT_DIR_RTL);
  test_right_to_left ();
}

/* Every button that shows only an icon, and every expander with a title of its own
 * making, has a name a screen reader can say, and no nameless box takes focus: Orca
 * said "GtkImage push button", "GtkMenuButton push button", "GtkExpander collapsed
 * push button" and "GtkFlowBoxChild". */
static gboolean
icon_only (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL;
  return GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
         (gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL ||
          GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))));
}

static void
test_buttons_named (Fixture       *f,
                    gconstpointer  data)
{
  GPtrArray *pending = g_ptr_array_new ();
  guint n_buttons = 0, n_expanders = 0;

  /* Wide, so the guidance and its "More you can do" are shown too. */
  rr_window_apply_layout_for_width (f->window, 1300);
  set_slider (f, 5);
  rr_window_toggle_region (f->window, "left-knee-front");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (rr_window_get_question (f->window, "sweating")), TRUE);
  iterate ();

  g_ptr_array_add (pending, gtk_window_get_titlebar (GTK_WINDOW (f->window)));
  g_ptr_array_add (pending, gtk_window_get_child (GTK_WINDOW (f->window)));
  while (pending->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (pending, pending->len - 1);

      /* What is hidden (a closed bar, the other layouts' widgets) is not heard. */
      if (!gtk_widget_get_visible (widget))
        continue;
      if (icon_only (widget))
        {
          n_buttons++;
          if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
            g_error ("an icon button (%s, in a %s) has no accessible name", gtk_widget_get_tooltip_text (widget),
                     G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
          continue;
        }
      if (GTK_IS_EXPANDER (widget))
        {
          n_expanders++;
          if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
            g_error ("an expander (%s) has no accessible name", gtk_widget_get_name (widget));
        }
      if (GTK_IS_FLOW_BOX_CHILD (widget))
        g_assert_false (gtk_widget_get_focusable (widget));
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (pending, child);
    }
  g_ptr_array_unref (pending);
  /* New, save, find, print, menu; the chip's remove button; "More questions" and
   * "More you can do". */
  g_assert_cmpuint (n_buttons, >=, 6);
  g_assert_cmpuint (n_expanders, >=, 2);
}

int
main (int argc, char *argv[])
{
  /* A diary of its own, empty, for every run of the tests. */
  g_autofree char *data_home = g_dir_make_tmp ("rr-test-window-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* As the app starts: the locale of the environment (the tests set a real one,
   * en_US.UTF-8 or ar_EG.UTF-8), before GTK reads its direction from it, which
   * GTK 4.18 does once, at gtk_init(). gtk_test_init() would pin en_US first. */
  g_test_init (&argc, &argv, NULL);
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("no locale %s (LOCPATH=%s)", g_getenv ("LC_ALL"), g_getenv ("LOCPATH"));
  gtk_disable_setlocale ();
  gtk_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/window/builds", test_builds);
  ADD ("/window/spot-and-slider", test_spot_and_slider);
  ADD ("/window/questions-follow-spots", test_questions_follow_spots);
  ADD ("/window/questions-kept", test_questions_kept);
  ADD ("/window/questions-first", test_questions_first);
  ADD ("/window/emergency", test_emergency);
  ADD ("/window/verdict-told", test_verdict_told);
  ADD ("/window/new-assessment", test_new_assessment);
  ADD ("/window/map-mirrors", test_map_mirrors);
  ADD ("/window/diary-save-and-open", test_diary_save_and_open);
  ADD ("/window/shortcuts-on-demand", test_shortcuts_on_demand);
  ADD ("/window/toast-keeps-page", test_toast_keeps_page);
  ADD ("/window/diary-persistence", test_diary_persistence);
  ADD ("/window/save-once", test_save_once);
  ADD ("/window/note-kept-on-leave", test_note_kept_on_leave);
  ADD ("/window/error-clears", test_error_clears);
  ADD ("/window/export", test_export);
  ADD ("/window/no-wrap-in-rows", test_no_wrap_in_rows);
  ADD ("/window/level-prompt", test_level_prompt);
  ADD ("/window/fits-a-phone", test_fits_a_phone);
  ADD ("/window/buttons-named", test_buttons_named);
#undef ADD
  g_test_add_func ("/window/preset", test_preset);
  g_test_add_func ("/window/restore", test_restore);
  g_test_add_func ("/window/verdict-bar", test_verdict_bar);
  g_test_add_func ("/window/layout-holds", test_layout_holds);
  g_test_add_func ("/window/chips-wrap-inside", test_chips_wrap_inside);
  g_test_add_func ("/window/diary-split-steady", test_diary_split_steady);
  g_test_add_func ("/window/fits-screen", test_fits_screen);
  g_test_add_func ("/window/found-spot-takes-slider", test_found_spot_takes_slider);
  g_test_add_func ("/window/preset-reaches-running-app", test_preset_reaches_running_app);
  g_test_add_func ("/window/quit", test_quit);
  g_test_add_func ("/window/right-to-left", test_right_to_left);
  g_test_add_func ("/window/arabic", test_arabic);

  return g_test_run ();
}
