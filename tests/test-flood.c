/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>
#include <malloc.h>
#include <string.h>
#include <unistd.h>

#include "rr-body-map-private.h"
#include "rr-rulebook.h"
#include "rr-window-private.h"

/* A flood of input on the real window: thousands of random clicks and hovers on the map,
 * key presses, slider moves, question toggles and spot switches, from a fixed seed (run
 * with --seed to replay one). Nothing may warn (warnings are fatal in the tests), the
 * window must stay consistent, and resident memory may not keep growing. */

#if defined(__SANITIZE_ADDRESS__)
/* Some ten times slower under AddressSanitizer: fewer actions, same kinds. */
#define N_ACTIONS        300
#else
#define N_ACTIONS        1200
#endif
#define WARM_UP          100
#define MAX_GROWTH_BYTES (8 * 1024 * 1024)

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Resident memory, once malloc has handed back what it holds free: what is left is
 * what the program keeps. */
static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  malloc_trim (0);
  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE);
}

typedef struct {
  RrWindow           *window;
  RrAssessment       *assessment;
  RrBodyMap          *map;
  GtkRange           *scale;
  const char * const *regions;
  const char * const *symptoms;
  guint               n_regions;
  guint               n_symptoms;
  guint               counts[9];
  gint64              usec[9];     /* time spent on each kind, with the redraws */
} Flood;

static const char *
random_region (Flood *f)
{
  return f->regions[g_test_rand_int_range (0, f->n_regions)];
}

/* One thing a runner (or a cat on the keyboard) might do. */
static void
act (Flood *f)
{
  static const guint keys[] = {
    GDK_KEY_Up, GDK_KEY_Down, GDK_KEY_Left, GDK_KEY_Right, GDK_KEY_Return, GDK_KEY_space,
    GDK_KEY_Escape, GDK_KEY_Tab, GDK_KEY_Home, GDK_KEY_End, GDK_KEY_a, GDK_KEY_KP_Enter,
  };
  static const GdkModifierType modifiers[] = {
    0, 0, 0, GDK_SHIFT_MASK, GDK_CONTROL_MASK, GDK_ALT_MASK,
  };
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (f->map)), 1);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (f->map)), 1);
  guint what = g_test_rand_int_range (0, 100);

  if (what < 15)
    {
      /* A click anywhere on the map, or a little outside it. */
      f->counts[0]++;
      rr_body_map_click_at (f->map,
                            g_test_rand_double_range (-10, width + 10),
                            g_test_rand_double_range (-10, height + 10));
    }
  else if (what < 30)
    {
      /* A click right on a region: this is what toggles spots. */
      double x, y;

      f->counts[1]++;
      if (rr_body_map_get_region_point (f->map, random_region (f), &x, &y))
        rr_body_map_click_at (f->map, x, y);
    }
  else if (what < 60)
    {
      /* Pointer motion is most of what a real pointer sends. */
      f->counts[2]++;
      rr_body_map_hover_at (f->map, g_test_rand_double_range (-10, width + 10),
                            g_test_rand_double_range (-10, height + 10));
    }
  else if (what < 72)
    {
      f->counts[3]++;
      rr_body_map_key_pressed (f->map, keys[g_test_rand_int_range (0, G_N_ELEMENTS (keys))],
                               modifiers[g_test_rand_int_range (0, G_N_ELEMENTS (modifiers))]);
    }
  else if (what < 82)
    {
      /* Dragging the slider: whole levels, fractions, and past both ends. */
      f->counts[4]++;
      gtk_range_set_value (f->scale, g_test_rand_double_range (-2, 12));
    }
  else if (what < 94)
    {
      GtkWidget *question = rr_window_get_question (f->window,
                                                    f->symptoms[g_test_rand_int_range (0, f->n_symptoms)]);

      f->counts[5]++;
      if (question && gtk_widget_get_visible (question) && gtk_widget_get_sensitive (question))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (question),
                                     !gtk_check_button_get_active (GTK_CHECK_BUTTON (question)));
    }
  else if (what < 96)
    {
      /* A spot chip: makes one of the chosen spots the one the slider edits. */
      const char * const *chosen = rr_assessment_get_regions (f->assessment);
      guint n = g_strv_length ((char **) chosen);

      f->counts[6]++;
      if (n > 0)
        rr_window_set_active (f->window, chosen[g_test_rand_int_range (0, n)]);
    }
  else if (what < 97)
    {
      f->counts[7]++;
      rr_window_toggle_region (f->window, random_region (f));
    }
  else
    {
      f->counts[8]++;
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-assessment", NULL);
    }
}

/* What the window shows agrees with what it holds. */
static void
check_consistent (Flood *f)
{
  const char * const *chosen = rr_assessment_get_regions (f->assessment);
  const char *active = rr_window_get_active (f->window);
  RrGuidance *guidance = rr_window_get_guidance (f->window);

  g_assert_nonnull (guidance);
  g_assert_cmpuint (rr_guidance_get_n_spots (guidance), ==, g_strv_length ((char **) chosen));
  if (active)
    g_assert_true (rr_assessment_has_region (f->assessment, active));
  for (guint i = 0; chosen[i]; i++)
    {
      int level = rr_assessment_get_region_level (f->assessment, chosen[i]);

      g_assert_true (rr_body_map_get_selected (f->map, chosen[i]));
      g_assert_cmpint (level, >=, RR_PAIN_MIN);
      g_assert_cmpint (level, <=, RR_PAIN_MAX);
    }
}

static void
test_flood (void)
{
  RrRulebook *book = rr_rulebook_get_default ();
  Flood f = { 0 };
  gsize warm = 0, end;
  gint64 start = g_get_monotonic_time ();

  f.window = rr_window_new (NULL, NULL);
  f.assessment = rr_window_get_assessment (f.window);
  f.map = rr_window_get_body_map (f.window);
  f.scale = GTK_RANGE (rr_window_get_pain_scale (f.window));
  f.regions = rr_rulebook_get_regions (book);
  f.symptoms = rr_rulebook_get_symptoms (book);
  f.n_regions = g_strv_length ((char **) f.regions);
  f.n_symptoms = g_strv_length ((char **) f.symptoms);

  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.new-assessment", NULL);
  gtk_window_present (GTK_WINDOW (f.window));
  /* Wait for the map to be on screen with a size: the clicks need its geometry. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!(gtk_widget_get_mapped (GTK_WIDGET (f.map)) && gtk_widget_get_width (GTK_WIDGET (f.map)) > 100) &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  iterate ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f.map)));
  gtk_widget_grab_focus (GTK_WIDGET (f.map));

  for (guint i = 0; i < N_ACTIONS; i++)
    {
      guint before[G_N_ELEMENTS (f.counts)];
      gint64 t0 = g_get_monotonic_time ();

      memcpy (before, f.counts, sizeof before);
      act (&f);
      /* A fast hand: a few actions between two frames. */
      if (i % 4 == 3)
        iterate ();
      for (guint k = 0; k < G_N_ELEMENTS (f.counts); k++)
        if (f.counts[k] != before[k])
          f.usec[k] += g_get_monotonic_time () - t0;
      if (i % 50 == 0)
        check_consistent (&f);
      if (i + 1 == WARM_UP)
        warm = resident_bytes ();
      if ((i + 1) % 500 == 0)
        g_test_message ("%u actions: %.1f MiB resident", i + 1, resident_bytes () / 1048576.0);
    }
  check_consistent (&f);
  end = resident_bytes ();

  g_test_message ("%u actions in %.1f s: %u map clicks, %u region clicks, %u hovers, %u keys, "
                  "%u slider moves, %u question toggles, %u spot switches, %u spot toggles, "
                  "%u new assessments; %u spots at the end",
                  N_ACTIONS, (g_get_monotonic_time () - start) / 1e6,
                  f.counts[0], f.counts[1], f.counts[2], f.counts[3], f.counts[4], f.counts[5],
                  f.counts[6], f.counts[7], f.counts[8],
                  rr_assessment_get_n_regions (f.assessment));
  g_test_message ("milliseconds per action: map click %.1f, region click %.1f, hover %.1f, "
                  "key %.1f, slider %.1f, question %.1f, spot switch %.1f, spot toggle %.1f, new %.1f",
                  f.usec[0] / 1e3 / MAX (f.counts[0], 1), f.usec[1] / 1e3 / MAX (f.counts[1], 1),
                  f.usec[2] / 1e3 / MAX (f.counts[2], 1), f.usec[3] / 1e3 / MAX (f.counts[3], 1),
                  f.usec[4] / 1e3 / MAX (f.counts[4], 1), f.usec[5] / 1e3 / MAX (f.counts[5], 1),
                  f.usec[6] / 1e3 / MAX (f.counts[6], 1), f.usec[7] / 1e3 / MAX (f.counts[7], 1),
                  f.usec[8] / 1e3 / MAX (f.counts[8], 1));
  g_test_message ("resident memory: %.1f MiB after %d actions, %.1f MiB after %d",
                  warm / 1048576.0, WARM_UP, end / 1048576.0, N_ACTIONS);

  /* Every kind of action happened. */
  for (guint i = 0; i < G_N_ELEMENTS (f.counts); i++)
    g_assert_cmpuint (f.counts[i], >, 0);

#if defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer keeps freed memory in quarantine, so resident memory grows by
   * design there; LeakSanitizer checks for leaks instead. */
  g_test_message ("built with AddressSanitizer: memory growth not checked");
#else
  g_assert_cmpuint (warm, >, 0);
  if (end > warm)
    g_assert_cmpuint (end - warm, <, MAX_GROWTH_BYTES);
#endif

  gtk_window_destroy (GTK_WINDOW (f.window));
  iterate ();
}

int
main (int argc, char *argv[])
{
  /* A fixed seed, so that a failure is the same failure every time. */
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  gboolean seeded = FALSE;

  for (int i = 0; i < argc; i++)
    {
      seeded = seeded || g_str_has_prefix (argv[i], "--seed");
      g_ptr_array_add (args, argv[i]);
    }
  if (!seeded)
    g_ptr_array_add (args, (char *) "--seed=R02S6f5a2b1e5c9d4e3f8a7b6c5d4e3f2a1b");
  g_ptr_array_add (args, NULL);
  argc = args->len - 1;
  argv = (char **) args->pdata;

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flood/window", test_flood);

  return g_test_run ();
}
