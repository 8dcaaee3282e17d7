/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "rr-guidance-view.h"
#include "rr-verdict-banner.h"
#include "rr-rulebook.h"

/* The guidance panel: banner words, rows per item, links to the studies, and
 * widgets kept across updates (no flicker while the runner drags a slider). */

static RrGuidance *
evaluate (const char *region,
          int         level,
          const char *symptom)
{
  g_autoptr(RrAssessment) assessment = rr_assessment_new ();

  if (region)
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

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* The advice rows, whether shown or behind "More you can do". */
static guint
count_advice_rows (GtkWidget *widget)
{
  guint n = gtk_widget_has_css_class (widget, "advice-row") ? 1 : 0;

  /* A collapsed expander keeps its child out of the widget tree. */
  if (GTK_IS_EXPANDER (widget) && !gtk_expander_get_expanded (GTK_EXPANDER (widget)))
    n += count_advice_rows (gtk_expander_get_child (GTK_EXPANDER (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_advice_rows (child);
  return n;
}

static GtkWidget *
new_view (void)
{
  GtkWidget *view = rr_guidance_view_new ();

  g_object_ref_sink (view);
  return view;
}

static void
test_knee (void)
{
  GtkWidget *view = new_view ();
  g_autoptr(RrGuidance) guidance = evaluate ("left-knee-front", 5, "sweating");
  GtkWidget *label, *advice, *banner;

  rr_guidance_view_set_guidance (RR_GUIDANCE_VIEW (view), guidance);
  g_assert_true (rr_guidance_view_get_guidance (RR_GUIDANCE_VIEW (view)) == guidance);

  label = find_named (view, "verdict-label");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, rr_guidance_get_verdict_name (guidance));
  banner = find_named (view, "banner");
  g_assert_true (gtk_widget_has_css_class (banner, "verdict-emergency") == FALSE);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_first_child (view)));

  advice = find_named (view, "advice-list");
  g_assert_cmpuint (rr_guidance_get_n_advice (guidance), >, 0);
  g_assert_cmpuint (count_advice_rows (advice), ==, rr_guidance_get_n_advice (guidance));
  /* The first five show; the rest wait, collapsed, behind one expander. */
  g_assert_cmpuint (rr_guidance_get_n_advice (guidance), >, 6);
    {
      GtkWidget *more = find_named (view, "advice-more");

      g_assert_nonnull (more);
      g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (more)));
      g_assert_cmpuint (count_children (advice), ==, 6);
    }
  g_assert_cmpuint (count_children (find_named (view, "sources-list")), ==, rr_guidance_get_n_sources (guidance));

  g_assert_finalize_object (view);
}

static RrGuidance *
evaluate_spots (const char * const *spots,
                int                 level)
{
  g_autoptr(RrAssessment) assessment = rr_assessment_new ();

  for (guint i = 0; spots[i]; i++)
    rr_assessment_add_region (assessment, spots[i], level);
  return rr_rulebook_evaluate (rr_rulebook_get_default (), assessment);
}

/* The advice rows in the order shown, those behind "More you can do" last. */
static GPtrArray *
advice_rows (GtkWidget *view)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (find_named (view, "advice-list")); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_EXPANDER (child))
        {
          for (GtkWidget *row = gtk_widget_get_first_child (gtk_expander_get_child (GTK_EXPANDER (child))); row;
               row = gtk_widget_get_next_sibling (row))
            g_ptr_array_add (rows, row);
        }
      else
        g_ptr_array_add (rows, child);
    }
  return rows;
}

/* A row that shows the same thing after a change is the same widget, moved (its text
 * is not laid out again); every row still shows what the new guidance says, in its
 * order and with its number. */
static void
test_rows_kept (void)
{
  static const char * const knee[] = { "left-knee-outer", NULL };
  static const char * const knee_shin[] = { "left-knee-outer", "left-shin-inner", NULL };
  static const char * const shin_knee_heel[] = { "left-shin-inner", "left-knee-outer", "right-heel", NULL };
  static const char * const heel[] = { "right-heel", NULL };
  const char * const *steps[] = { knee, knee_shin, shin_knee_heel, heel, knee_shin, knee };
  GtkWidget *view = new_view ();
  /* advice id -> row, held so that no new row can take a gone one's address */
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  guint n_kept = 0;

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      g_autoptr(RrGuidance) guidance = evaluate_spots (steps[s], 5);
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GHashTable) now = g_hash_table_new (g_str_hash, g_str_equal);
      GtkWidget *sources;
      guint i = 0;

      rr_guidance_view_set_guidance (RR_GUIDANCE_VIEW (view), guidance);
      rows = advice_rows (view);
      g_assert_cmpuint (rows->len, ==, rr_guidance_get_n_advice (guidance));
      for (i = 0; i < rows->len; i++)
        {
          const RrGuidanceAdvice *advice = rr_guidance_get_advice (guidance, i);
          GtkWidget *row = rows->pdata[i];
          GtkWidget *text = gtk_grid_get_child_at (GTK_GRID (row), 1, 0);
          g_autofree char *number = g_strdup_printf ("%u.", i + 1);

          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (row), 0, 0))), ==, number);
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (text))), ==, advice->title);
          if (g_hash_table_lookup (before, advice->id) == row)
            n_kept++;
          g_hash_table_insert (now, (gpointer) advice->id, row);
        }

      sources = find_named (view, "sources-list");
      i = 0;
      for (GtkWidget *label = gtk_widget_get_first_child (sources); label; label = gtk_widget_get_next_sibling (label), i++)
        g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), rr_guidance_get_source (guidance, i)->citation));
      g_assert_cmpuint (i, ==, rr_guidance_get_n_sources (guidance));

      /* Only rows of this guidance are remembered: a row of two steps ago is gone. */
      g_hash_table_remove_all (before);
      {
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, now);
        while (g_hash_table_iter_next (&iter, &key, &value))
          g_hash_table_insert (before, g_strdup (key), g_object_ref (value));
      }
    }
  g_test_message ("%u advice rows kept across %zu changes", n_kept, G_N_ELEMENTS (steps) - 1);
  g_assert_cmpuint (n_kept, >, 0);

  g_hash_table_remove_all (before);
  g_assert_finalize_object (view);
}

static void
test_emergency (void)
{
  GtkWidget *view = new_view ();
  g_autoptr(RrGuidance) guidance = evaluate ("chest", 2, "sweating");
  GtkWidget *banner, *first, *sources;
  gboolean any_link = FALSE;

  g_assert_cmpint (rr_guidance_get_verdict (guidance), ==, RR_VERDICT_EMERGENCY);
  rr_guidance_view_set_guidance (RR_GUIDANCE_VIEW (view), guidance);

  banner = find_named (view, "banner");
  g_assert_true (gtk_widget_has_css_class (banner, "verdict-emergency"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (view, "verdict-label"))), ==,
                   rr_guidance_get_verdict_name (guidance));

  /* Tab stops on the verdict, and a screen reader reads it: "Emergency", then the
   * headline and what to do first (its whole text is in the banner). */
  {
    GtkWidget *stop = gtk_widget_get_parent (banner);
    g_autofree char *description = NULL;

    g_assert_true (RR_IS_VERDICT_BANNER (stop));
    g_assert_true (gtk_widget_get_focusable (stop));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (stop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         rr_guidance_get_verdict_name (guidance));
    /* one line, and short: Orca 43 heard "Emergency panel." and then stalled on the
     * three-line description with the first action's whole text */
    description = g_strdup_printf ("%s %s.", rr_guidance_get_headline (guidance),
                                   rr_guidance_get_advice (guidance, 0)->title);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (stop), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  }

  /* What to do first is in the banner, in bold. */
  first = find_named (view, "first-action-label");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (first)));
  g_assert_cmpstr (rr_guidance_get_advice (guidance, 0)->id, ==, "call-emergency");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (first)), "<b>"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (first)), rr_guidance_get_advice (guidance, 0)->title));
  g_assert_cmpuint (count_advice_rows (find_named (view, "advice-list")), ==, rr_guidance_get_n_advice (guidance));

  /* The studies' DOIs are links. */
  sources = find_named (view, "sources-list");
  for (GtkWidget *child = gtk_widget_get_first_child (sources); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *markup = gtk_label_get_label (GTK_LABEL (child));

      if (strstr (markup, "<a href=\"https://doi.org/"))
        any_link = TRUE;
    }
  g_assert_true (any_link);
  for (guint i = 0; i < rr_guidance_get_n_sources (guidance); i++)
    {
      const RrGuidanceSource *source = rr_guidance_get_source (guidance, i);
      GtkWidget *label = gtk_widget_get_first_child (sources);

      for (guint j = 0; j < i; j++)
        label = gtk_widget_get_next_sibling (label);
      if (source->doi)
        {
          g_autofree char *href = g_strdup_printf ("href=\"https://doi.org/%s\"", source->doi);

          g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), href));
        }
    }

  g_assert_finalize_object (view);
}

static void
test_empty (void)
{
  GtkWidget *view = new_view ();
  g_autoptr(RrGuidance) knee = evaluate ("left-knee-outer", 4, NULL);
  g_autoptr(RrGuidance) empty = evaluate (NULL, 0, NULL);

  g_assert_true (rr_guidance_is_empty (empty));
  rr_guidance_view_set_guidance (RR_GUIDANCE_VIEW (view), knee);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_first_child (view)));
  rr_guidance_view_set_guidance (RR_GUIDANCE_VIEW (view), empty);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_first_child (view)));
  rr_guidance_view_set_guidance (RR_GUIDANCE_VIEW (view), NULL);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_first_child (view)));

  g_assert_finalize_object (view);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* The same answer again, as a new object: not one row is made again. */
static void
test_no_flicker (void)
{
  GtkWidget *view = new_view ();
  g_autoptr(RrGuidance) first = evaluate ("right-shin-inner", 5, "swelling");
  g_autoptr(RrGuidance) again = evaluate ("right-shin-inner", 5, "swelling");
  g_autoptr(RrGuidance) other = evaluate ("right-heel", 3, NULL);
  const char *lists[] = { "advice-list", "causes-list", "flags-list", "sources-list", "reasons-list" };
  GtkWidget *before[G_N_ELEMENTS (lists)];
  guint notified = 0;

  g_signal_connect (view, "notify::guidance", G_CALLBACK (notify_cb), &notified);
  rr_guidance_view_set_guidance (RR_GUIDANCE_VIEW (view), first);
  g_assert_cmpuint (notified, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    before[i] = gtk_widget_get_first_child (find_named (view, lists[i]));

  rr_guidance_view_set_guidance (RR_GUIDANCE_VIEW (view), first);
  g_assert_cmpuint (notified, ==, 1);
  rr_guidance_view_set_guidance (RR_GUIDANCE_VIEW (view), again);
  g_assert_cmpuint (notified, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_assert_true (gtk_widget_get_first_child (find_named (view, lists[i])) == before[i]);

  /* Another spot: the causes are made again. */
  g_assert_nonnull (before[1]);
  rr_guidance_view_set_guidance (RR_GUIDANCE_VIEW (view), other);
  g_assert_true (gtk_widget_get_first_child (find_named (view, "causes-list")) != before[1]);

  g_assert_finalize_object (view);
}

/* The property, as a .ui or a binding would use it. */
static void
test_property (void)
{
  GtkWidget *view = new_view ();
  g_autoptr(RrGuidance) guidance = evaluate ("left-heel", 3, "morning-worse");
  g_autoptr(RrGuidance) got = NULL;

  g_object_set (view, "guidance", guidance, NULL);
  g_object_get (view, "guidance", &got, NULL);
  g_assert_true (got == guidance);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (view, "verdict-label"))), ==,
                   rr_guidance_get_verdict_name (guidance));

  g_assert_finalize_object (view);
}

/* Each verdict's icon is in the icon theme the Makefile installs: Debian 13's
 * Adwaita no longer has emblem-ok-symbolic, and "Keep running" showed a broken
 * image there. */
static void
test_icons_exist (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  for (int verdict = 0; verdict < RR_N_VERDICTS; verdict++)
    {
      const char *icon = rr_guidance_view_get_verdict_icon (verdict);

      g_test_message ("%s: %s", rr_verdict_to_id (verdict), icon);
      g_assert_true (gtk_icon_theme_has_icon (theme, icon));
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guidance-view/icons-exist", test_icons_exist);
  g_test_add_func ("/guidance-view/knee", test_knee);
  g_test_add_func ("/guidance-view/rows-kept", test_rows_kept);
  g_test_add_func ("/guidance-view/emergency", test_emergency);
  g_test_add_func ("/guidance-view/empty", test_empty);
  g_test_add_func ("/guidance-view/no-flicker", test_no_flicker);
  g_test_add_func ("/guidance-view/property", test_property);

  return g_test_run ();
}
