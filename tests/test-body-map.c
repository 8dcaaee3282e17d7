/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-body-map.c: the body map widget in a real window (run under Xvfb) */

#include "config.h"

#include <gtk/gtk.h>

#include "rr-body-map-private.h"
#include "rr-region-search.h"

typedef struct
{
  GtkWidget *window;
  RrBodyMap *map;
  GPtrArray *toggled;       /* "region:1" / "region:0" */
  guint      changed;
} Fixture;

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop until the map is allocated and has drawn, or fails
 * after a few seconds instead of hanging. */
static void
wait_for_map (Fixture *fixture)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!timed_out &&
         (!gtk_widget_get_mapped (GTK_WIDGET (fixture->map)) ||
          gtk_widget_get_width (GTK_WIDGET (fixture->map)) < 100))
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* A few frames, so every queued redraw runs (and any warning fires). */
static void
run_frames (void)
{
  gboolean timed_out = FALSE;

  g_timeout_add (200, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static void
region_toggled_cb (RrBodyMap  *map,
                   const char *region,
                   gboolean    selected,
                   Fixture    *fixture)
{
  /* emitted after the state changed */
  g_assert_cmpint (rr_body_map_get_selected (map, region), ==, selected);
  g_ptr_array_add (fixture->toggled, g_strdup_printf ("%s:%d", region, selected));
}

static void
selection_changed_cb (RrBodyMap *map,
                      Fixture   *fixture)
{
  fixture->changed++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->toggled = g_ptr_array_new_with_free_func (g_free);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  fixture->map = RR_BODY_MAP (rr_body_map_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->map));
  g_signal_connect (fixture->map, "region-toggled", G_CALLBACK (region_toggled_cb), fixture);
  g_signal_connect (fixture->map, "selection-changed", G_CALLBACK (selection_changed_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_map (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->map), (gpointer *) &fixture->map);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (fixture->map);
  g_ptr_array_unref (fixture->toggled);
}

static void
click_region (Fixture    *fixture,
              const char *region)
{
  double x, y;

  g_assert_true (rr_body_map_get_region_point (fixture->map, region, &x, &y));
  g_assert_cmpstr (rr_body_map_region_at (fixture->map, x, y), ==, region);
  rr_body_map_click_at (fixture->map, x, y);
}

static void
test_click_toggles (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(GStrv) selection = NULL;

  click_region (fixture, "left-knee-outer");
  g_assert_true (rr_body_map_get_selected (fixture->map, "left-knee-outer"));
  g_assert_cmpint (rr_body_map_get_level (fixture->map, "left-knee-outer"), ==, 5);
  click_region (fixture, "right-heel");
  run_frames ();

  selection = rr_body_map_get_selection (fixture->map);
  g_assert_cmpuint (g_strv_length (selection), ==, 2);
  g_assert_cmpstr (selection[0], ==, "left-knee-outer");
  g_assert_cmpstr (selection[1], ==, "right-heel");

  click_region (fixture, "left-knee-outer");
  g_assert_false (rr_body_map_get_selected (fixture->map, "left-knee-outer"));

  g_assert_cmpuint (fixture->toggled->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (fixture->toggled, 0), ==, "left-knee-outer:1");
  g_assert_cmpstr (g_ptr_array_index (fixture->toggled, 1), ==, "right-heel:1");
  g_assert_cmpstr (g_ptr_array_index (fixture->toggled, 2), ==, "left-knee-outer:0");
  g_assert_cmpuint (fixture->changed, ==, 3);

  /* a click beside the body changes nothing */
  rr_body_map_click_at (fixture->map, 1, 1);
  g_assert_cmpuint (fixture->toggled->len, ==, 3);
  run_frames ();
}

static void
test_program_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(GStrv) selection = NULL;

  rr_body_map_set_selected (fixture->map, "chest", TRUE);
  rr_body_map_set_selected (fixture->map, "chest", TRUE);
  rr_body_map_set_selected (fixture->map, "left-toes", TRUE);
  rr_body_map_set_level (fixture->map, "chest", 9);
  rr_body_map_set_active (fixture->map, "chest");
  run_frames ();

  /* programmatic: selection-changed only, once per real change */
  g_assert_cmpuint (fixture->toggled->len, ==, 0);
  g_assert_cmpuint (fixture->changed, ==, 2);
  g_assert_cmpint (rr_body_map_get_level (fixture->map, "chest"), ==, 9);
  g_assert_cmpint (rr_body_map_get_level (fixture->map, "neck"), ==, -1);
  g_assert_cmpstr (rr_body_map_get_active (fixture->map), ==, "chest");

  selection = rr_body_map_get_selection (fixture->map);
  g_assert_cmpuint (g_strv_length (selection), ==, 2);

  rr_body_map_clear (fixture->map);
  g_assert_false (rr_body_map_get_selected (fixture->map, "chest"));
  g_assert_cmpuint (fixture->changed, ==, 3);
  rr_body_map_clear (fixture->map);
  g_assert_cmpuint (fixture->changed, ==, 3);
  rr_body_map_set_active (fixture->map, NULL);
  run_frames ();
}

/* What a model says, in one change: exactly these spots, in this order, at these
 * levels; nothing said again is no change. */
static void
test_set_levels (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *two[] = { "left-heel", "chest", NULL };
  const int two_levels[] = { 3, 7 };
  const char *one[] = { "chest", NULL };
  const int one_level[] = { 2 };
  const char *none[] = { NULL };
  g_auto(GStrv) selection = NULL;

  rr_body_map_set_selected (fixture->map, "neck", TRUE);
  fixture->changed = 0;
  rr_body_map_set_levels (fixture->map, two, two_levels);
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_false (rr_body_map_get_selected (fixture->map, "neck"));
  selection = rr_body_map_get_selection (fixture->map);
  g_assert_cmpstrv (selection, two);
  g_assert_cmpint (rr_body_map_get_level (fixture->map, "left-heel"), ==, 3);
  g_assert_cmpint (rr_body_map_get_level (fixture->map, "chest"), ==, 7);

  rr_body_map_set_levels (fixture->map, two, two_levels);
  g_assert_cmpuint (fixture->changed, ==, 1);

  rr_body_map_set_levels (fixture->map, one, one_level);
  g_assert_cmpuint (fixture->changed, ==, 2);
  g_assert_false (rr_body_map_get_selected (fixture->map, "left-heel"));
  g_assert_cmpint (rr_body_map_get_level (fixture->map, "chest"), ==, 2);

  rr_body_map_set_levels (fixture->map, none, NULL);
  g_assert_cmpuint (fixture->changed, ==, 3);
  g_assert_cmpuint (fixture->toggled->len, ==, 0);
  run_frames ();
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  const char *first, *below;

  gtk_widget_grab_focus (GTK_WIDGET (fixture->map));
  first = rr_body_map_get_focus_region (fixture->map);
  g_assert_nonnull (first);
  g_assert_cmpstr (first, ==, "chest");

  g_assert_true (rr_body_map_key_pressed (fixture->map, GDK_KEY_Down, 0));
  below = rr_body_map_get_focus_region (fixture->map);
  g_assert_cmpstr (below, ==, "abdomen");
  run_frames ();

  g_assert_true (rr_body_map_key_pressed (fixture->map, GDK_KEY_Return, 0));
  g_assert_true (rr_body_map_get_selected (fixture->map, "abdomen"));
  g_assert_true (rr_body_map_key_pressed (fixture->map, GDK_KEY_space, 0));
  g_assert_false (rr_body_map_get_selected (fixture->map, "abdomen"));
  g_assert_cmpuint (fixture->toggled->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->toggled, 0), ==, "abdomen:1");

  g_assert_true (rr_body_map_key_pressed (fixture->map, GDK_KEY_Up, 0));
  g_assert_cmpstr (rr_body_map_get_focus_region (fixture->map), ==, "chest");
  g_assert_true (rr_body_map_key_pressed (fixture->map, GDK_KEY_Up, 0));
  g_assert_cmpstr (rr_body_map_get_focus_region (fixture->map), ==, "neck");

  /* sideways on the front view: picture right is the runner's left */
  g_assert_true (rr_body_map_key_pressed (fixture->map, GDK_KEY_Down, 0));
  g_assert_true (rr_body_map_key_pressed (fixture->map, GDK_KEY_Right, 0));
  g_assert_true (g_str_has_prefix (rr_body_map_get_focus_region (fixture->map), "left-"));

  /* Escape hides the highlight; a second one is not ours */
  g_assert_true (rr_body_map_key_pressed (fixture->map, GDK_KEY_Escape, 0));
  g_assert_false (rr_body_map_key_pressed (fixture->map, GDK_KEY_Escape, 0));

  /* other keys go on to the window */
  g_assert_false (rr_body_map_key_pressed (fixture->map, GDK_KEY_a, 0));
  g_assert_false (rr_body_map_key_pressed (fixture->map, GDK_KEY_Down, GDK_CONTROL_MASK));
  run_frames ();
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_hover (Fixture       *fixture,
            gconstpointer  data)
{
  double x, y;
  guint notified = 0;

  g_signal_connect_swapped (fixture->map, "notify::hovered-region",
                            G_CALLBACK (count_cb), &notified);

  g_assert_true (rr_body_map_get_region_point (fixture->map, "left-calf", &x, &y));
  rr_body_map_hover_at (fixture->map, x, y);
  rr_body_map_hover_at (fixture->map, x + 1, y);
  g_assert_cmpstr (rr_body_map_get_hovered_region (fixture->map), ==, "left-calf");
  g_assert_cmpuint (notified, ==, 1);
  run_frames ();

  rr_body_map_hover_at (fixture->map, 1, 1);
  g_assert_null (rr_body_map_get_hovered_region (fixture->map));
  g_assert_cmpuint (notified, ==, 2);
  run_frames ();
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *spot;

  g_hash_table_insert (names, (gpointer) "left-knee-outer", (gpointer) "Left knee, outside");
  rr_body_map_set_region_names (fixture->map, names);
  g_assert_cmpstr (rr_body_map_get_region_name (fixture->map, "left-knee-outer"), ==,
                   "Left knee, outside");
  g_assert_cmpstr (rr_body_map_get_region_name (fixture->map, "right-heel"), ==, "right-heel");

  spot = rr_body_map_get_spot (fixture->map, "left-knee-outer");
  g_assert_nonnull (spot);
  /* A chosen spot is heard as chosen: Orca reads the pressed state of a toggle
   * button, a role GTK has from 4.10; on 4.8 it ignores the pressed state of a
   * push button and reads a check box's. */
#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (spot), GTK_ACCESSIBLE_ROLE_TOGGLE_BUTTON);
  G_GNUC_END_IGNORE_DEPRECATIONS
#define CHOSEN_STATE GTK_ACCESSIBLE_STATE_PRESSED
#else
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (spot), GTK_ACCESSIBLE_ROLE_CHECKBOX);
#define CHOSEN_STATE GTK_ACCESSIBLE_STATE_CHECKED
#endif
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spot), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Left knee, outside");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (spot), CHOSEN_STATE, GTK_ACCESSIBLE_TRISTATE_FALSE);

  click_region (fixture, "left-knee-outer");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (spot), CHOSEN_STATE, GTK_ACCESSIBLE_TRISTATE_TRUE);

  /* the spot's action, which a screen reader offers, toggles it as Space does */
  g_assert_true (gtk_widget_activate_action (spot, "spot.toggle", NULL));
  g_assert_false (rr_body_map_get_selected (fixture->map, "left-knee-outer"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (spot), CHOSEN_STATE, GTK_ACCESSIBLE_TRISTATE_FALSE);
  g_assert_true (gtk_widget_activate_action (spot, "spot.toggle", NULL));
  g_assert_true (rr_body_map_get_selected (fixture->map, "left-knee-outer"));

  /* the spot sits over its region */
  {
    graphene_rect_t bounds;
    double x, y;

    g_assert_true (gtk_widget_compute_bounds (spot, GTK_WIDGET (fixture->map), &bounds));
    rr_body_map_get_region_point (fixture->map, "left-knee-outer", &x, &y);
    g_assert_true (graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y)));
  }
}

/* The diary's map only shows: nothing for Tab or a screen reader to stop on. */
static void
test_not_interactive (void)
{
  GtkWidget *map = g_object_ref_sink (g_object_new (RR_TYPE_BODY_MAP, "interactive", FALSE, NULL));

  g_assert_null (rr_body_map_get_spot (RR_BODY_MAP (map), "left-knee-outer"));
  g_assert_null (gtk_widget_get_first_child (map));
  g_assert_false (gtk_widget_get_can_target (map));
  rr_body_map_set_selected (RR_BODY_MAP (map), "left-knee-outer", TRUE);
  g_assert_true (rr_body_map_get_selected (RR_BODY_MAP (map), "left-knee-outer"));
  g_object_unref (map);
}

static void
region_activated_cb (RrRegionSearch  *search,
                     const char      *region,
                     char           **out)
{
  g_free (*out);
  *out = g_strdup (region);
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = GTK_IS_LIST_BOX_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *region)
{
  if (GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "rr-region"), region) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, region);

      if (found)
        return found;
    }
  return NULL;
}

/* The search list, the second way to choose: filters on names and ids. Its rows are
 * made when it is first shown, with the spots ticked before. */
static void
test_region_search (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *search = rr_region_search_new ();
  g_autofree char *activated = NULL;
  char **visible;

  g_hash_table_insert (names, (gpointer) "left-knee-outer", (gpointer) "Left knee, outside");
  g_hash_table_insert (names, (gpointer) "right-knee-outer", (gpointer) "Right knee, outside");
  g_hash_table_insert (names, (gpointer) "left-knee-back", (gpointer) "Back of the left knee");
  g_hash_table_insert (names, (gpointer) "left-heel", (gpointer) "Left heel");
  g_hash_table_insert (names, (gpointer) "right-calf", (gpointer) "Right calf");
  g_hash_table_insert (names, (gpointer) "chest", (gpointer) "Chest");

  gtk_window_set_child (GTK_WINDOW (window), search);
  g_signal_connect (search, "region-activated", G_CALLBACK (region_activated_cb), &activated);
  rr_region_search_set_regions (RR_REGION_SEARCH (search), names);
  rr_region_search_set_selected (RR_REGION_SEARCH (search), "chest", TRUE);
  g_assert_cmpuint (count_rows (search), ==, 0);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (count_rows (search), ==, 6);
  g_assert_true (gtk_widget_get_visible (g_object_get_data (G_OBJECT (find_row (search, "chest")), "rr-check")));
  g_assert_false (gtk_widget_get_visible (g_object_get_data (G_OBJECT (find_row (search, "left-heel")), "rr-check")));

  visible = rr_region_search_get_visible (RR_REGION_SEARCH (search));
  g_assert_cmpuint (g_strv_length (visible), ==, 6);
  /* sorted by name */
  g_assert_cmpstr (visible[0], ==, "left-knee-back");
  g_strfreev (visible);

  rr_region_search_set_text (RR_REGION_SEARCH (search), "KNEE");
  visible = rr_region_search_get_visible (RR_REGION_SEARCH (search));
  g_assert_cmpuint (g_strv_length (visible), ==, 3);
  g_strfreev (visible);

  rr_region_search_set_text (RR_REGION_SEARCH (search), "left knee");
  visible = rr_region_search_get_visible (RR_REGION_SEARCH (search));
  g_assert_cmpuint (g_strv_length (visible), ==, 2);
  g_strfreev (visible);

  /* the id matches too, with its hyphens */
  rr_region_search_set_text (RR_REGION_SEARCH (search), "knee-outer");
  visible = rr_region_search_get_visible (RR_REGION_SEARCH (search));
  g_assert_cmpuint (g_strv_length (visible), ==, 2);
  g_strfreev (visible);

  rr_region_search_set_text (RR_REGION_SEARCH (search), "calf");
  g_signal_emit_by_name (gtk_widget_get_first_child (search), "activate");
  g_assert_cmpstr (activated, ==, "right-calf");

  rr_region_search_set_selected (RR_REGION_SEARCH (search), "right-calf", TRUE);
  rr_region_search_set_text (RR_REGION_SEARCH (search), "");
  visible = rr_region_search_get_visible (RR_REGION_SEARCH (search));
  g_assert_cmpuint (g_strv_length (visible), ==, 6);
  g_strfreev (visible);

  run_frames ();
  g_object_add_weak_pointer (G_OBJECT (search), (gpointer *) &search);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (search);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/body-map/click-toggles", test_click_toggles);
  ADD ("/body-map/program-changes", test_program_changes);
  ADD ("/body-map/set-levels", test_set_levels);
  ADD ("/body-map/keyboard", test_keyboard);
  ADD ("/body-map/hover", test_hover);
  ADD ("/body-map/accessible", test_accessible);
  g_test_add_func ("/body-map/not-interactive", test_not_interactive);
  g_test_add_func ("/region-search/filter", test_region_search);

#undef ADD

  return g_test_run ();
}
