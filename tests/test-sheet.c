/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rr-rulebook.h"
#include "rr-diary.h"
#include "rr-sheet.h"

/* The printed guidance sheet: one page, text kept as text (pdftotext reads it
 * back), everything a physio needs, never past the bottom margin. */

static gboolean have_display;

static RrGuidance *
evaluate (const char * const *regions,
          const int          *levels,
          const char * const *symptoms)
{
  g_autoptr(RrAssessment) assessment = rr_assessment_new ();

  for (guint i = 0; regions[i]; i++)
    rr_assessment_add_region (assessment, regions[i], levels[i]);
  for (guint i = 0; symptoms && symptoms[i]; i++)
    rr_assessment_set_symptom (assessment, symptoms[i], TRUE);
  return rr_rulebook_evaluate (rr_rulebook_get_default (), assessment);
}

/* Four spots and several symptoms: the case the sheet must hold on one page. */
static RrGuidance *
four_spots (void)
{
  const char *regions[] = { "left-knee-front", "right-shin-inner", "left-heel", "lower-back", NULL };
  const int levels[] = { 4, 6, 3, 5 };
  const char *symptoms[] = { "morning-worse", "swelling", "worsening", "tender-to-touch", NULL };

  return evaluate (regions, levels, symptoms);
}

static char *
run_tool (const char *tool,
          const char *path)
{
  const char *argv[] = { tool, path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  if (g_str_equal (tool, "pdfinfo"))
    argv[2] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Line breaks and spaces may fall anywhere in the extracted text: compare without them. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *squeezed,
                 const char *expected)
{
  g_autofree char *needle = squeeze (expected);

  if (strstr (squeezed, needle) == NULL)
    g_error ("the sheet lacks “%s”", expected);
}

static gboolean
contains (const char *squeezed,
          const char *expected)
{
  g_autofree char *needle = squeeze (expected);

  return strstr (squeezed, needle) != NULL;
}

/* The sheet's font is the one the tests' own fontconfig file gives (RR_TEST_FONT
 * names it): a developer's extra fonts change nothing. Asked of Pango, as the sheet
 * does: cairo names the fonts it embeds from variable fonts "CairoFont-0-0". */
static void
assert_font (void)
{
  const char *expected = g_getenv ("RR_TEST_FONT");
  /* Pango 1.50 has no autoptr for its objects. */
  g_autoptr(GObject) context = G_OBJECT (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (RR_SHEET_FONT_FAMILY);
  g_autoptr(GObject) font = NULL;
  g_autoptr(PangoFontDescription) used = NULL;

  pango_font_description_set_absolute_size (description, 9 * PANGO_SCALE);
  font = G_OBJECT (pango_context_load_font (PANGO_CONTEXT (context), description));
  g_assert_nonnull (font);
  used = pango_font_describe (PANGO_FONT (font));
  if (expected)
    g_assert_cmpstr (pango_font_description_get_family (used), ==, expected);
}

/* Everything that must be on the page is: the verdict, the reasons, the spots, the
 * warning signs, the disclaimer and every source with its DOI. Causes and advice are
 * there too, or the sheet says how many more the app shows. */
static void
assert_pdf_holds (const char *path,
                  RrGuidance *guidance)
{
  g_autofree char *info = run_tool ("pdfinfo", path);
  g_autofree char *text = run_tool ("pdftotext", path);
  g_autofree char *squeezed = squeeze (text);
  guint missing_causes = 0, missing_advice = 0;

  g_assert_true (g_regex_match_simple ("^Pages:\\s+1$", info, G_REGEX_MULTILINE, 0));

  assert_contains (squeezed, rr_guidance_get_verdict_name (guidance));
  assert_contains (squeezed, rr_guidance_get_headline (guidance));
  for (guint i = 0; i < rr_guidance_get_n_reasons (guidance); i++)
    assert_contains (squeezed, rr_guidance_get_reason (guidance, i));
  for (guint i = 0; i < rr_guidance_get_n_spots (guidance); i++)
    assert_contains (squeezed, rr_guidance_get_spot (guidance, i)->name);
  for (guint i = 0; i < rr_guidance_get_n_flags (guidance); i++)
    assert_contains (squeezed, rr_guidance_get_flag (guidance, i)->question);
  for (guint i = 0; i < rr_guidance_get_n_conditions (guidance); i++)
    missing_causes += !contains (squeezed, rr_guidance_get_condition (guidance, i)->name);
  for (guint i = 0; i < rr_guidance_get_n_advice (guidance); i++)
    missing_advice += !contains (squeezed, rr_guidance_get_advice (guidance, i)->title);
  if (missing_advice > 0)
    {
      g_autofree char *line = g_strdup_printf (ngettext ("%u more suggestion in the app.", "%u more suggestions in the app.",
                                                         missing_advice), missing_advice);
      assert_contains (squeezed, line);
    }
  if (missing_causes > 0)
    {
      g_autofree char *line = g_strdup_printf (ngettext ("%u more likely cause in the app.", "%u more likely causes in the app.",
                                                         missing_causes), missing_causes);
      assert_contains (squeezed, line);
    }
  for (guint i = 0; i < rr_guidance_get_n_sources (guidance); i++)
    {
      const RrGuidanceSource *source = rr_guidance_get_source (guidance, i);

      if (source->doi)
        assert_contains (squeezed, source->doi);
    }
  assert_contains (squeezed, rr_guidance_get_disclaimer (guidance));
}

static void
test_font (void)
{
  assert_font ();
}

static void
test_export_pdf (void)
{
  g_autoptr(RrGuidance) guidance = four_spots ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rr-sheet-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rr_guidance_get_n_spots (guidance), ==, 4);
  g_assert_cmpuint (rr_guidance_get_n_symptoms (guidance), >=, 3);
  g_assert_cmpuint (rr_guidance_get_n_conditions (guidance), >=, 4);

  path = g_build_filename (dir, "sheet.pdf", NULL);
  g_assert_true (rr_sheet_export_pdf (guidance, path, &error));
  g_assert_no_error (error);
  assert_pdf_holds (path, guidance);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_error (void)
{
  g_autoptr(RrGuidance) guidance = four_spots ();
  g_autoptr(GError) error = NULL;

  g_assert_false (rr_sheet_export_pdf (guidance, "/nonexistent-dir/sheet.pdf", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/sheet.pdf"));
}

/* Draws on a recording surface; returns whether it all fitted and where the ink is. */
static gboolean
record (RrGuidance *guidance,
        double      width,
        double      height,
        double     *ink_bottom)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  double x, y, w, h;
  gboolean fits;

  fits = rr_sheet_draw (guidance, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
  cairo_surface_destroy (surface);

  g_assert_cmpfloat (x, >=, RR_SHEET_MARGIN - 1);
  g_assert_cmpfloat (x + w, <=, width - RR_SHEET_MARGIN + 1);
  g_assert_cmpfloat (y, >=, RR_SHEET_MARGIN - 2);
  *ink_bottom = y + h;
  return fits;
}

/* Four spots fit on A4 and on Letter. */
static void
test_fits (void)
{
  g_autoptr(RrGuidance) guidance = four_spots ();
  double bottom;

  g_assert_true (record (guidance, 595, 842, &bottom));
  g_assert_cmpfloat (bottom, <=, 842 - RR_SHEET_MARGIN + 1);
  g_assert_true (record (guidance, 612, 792, &bottom));
  g_assert_cmpfloat (bottom, <=, 792 - RR_SHEET_MARGIN + 1);
}

/* Far too much for a page: the sheet says what fits and stops at the margin. */
static void
test_overflow (void)
{
  RrRulebook *rulebook = rr_rulebook_get_default ();
  const char * const *all = rr_rulebook_get_regions (rulebook);
  g_autoptr(RrAssessment) assessment = rr_assessment_new ();
  g_autoptr(RrGuidance) guidance = NULL;
  double bottom;

  for (guint i = 0; all[i]; i++)
    rr_assessment_add_region (assessment, all[i], 3 + i % 4);
  rr_assessment_set_symptom (assessment, "swelling", TRUE);
  rr_assessment_set_symptom (assessment, "worsening", TRUE);
  guidance = rr_rulebook_evaluate (rulebook, assessment);

  record (guidance, 595, 842, &bottom);
  g_assert_cmpfloat (bottom, <=, 842 - RR_SHEET_MARGIN + 1);
}

static void
test_emergency_and_empty (void)
{
  const char *chest[] = { "chest", NULL };
  const int chest_level[] = { 2 };
  const char *sweating[] = { "sweating", NULL };
  const char *none[] = { NULL };
  g_autoptr(RrGuidance) emergency = evaluate (chest, chest_level, sweating);
  g_autoptr(RrGuidance) empty = evaluate (none, NULL, NULL);
  double bottom;

  g_assert_cmpint (rr_guidance_get_verdict (emergency), ==, RR_VERDICT_EMERGENCY);
  g_assert_true (record (emergency, 595, 842, &bottom));
  g_assert_true (rr_guidance_is_empty (empty));
  g_assert_true (record (empty, 595, 842, &bottom));
}

/* The print dialog's code path, exported without a dialog. */
static void
test_print_operation (void)
{
  g_autoptr(RrGuidance) guidance = four_spots ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GtkPrintOperationResult result;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = g_dir_make_tmp ("rr-sheet-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "printed.pdf", NULL);
  result = rr_sheet_print (guidance, NULL, NULL, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  assert_pdf_holds (path, guidance);

  g_unlink (path);
  g_rmdir (dir);
}

/* With the diary's last two weeks, the sheet gains the history strip and still fits
 * one page with four spots. */
static void
test_print_with_history (void)
{
  g_autoptr(RrGuidance) guidance = four_spots ();
  g_autoptr(GHashTable) history = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  for (guint i = 0; i < rr_guidance_get_n_spots (guidance); i++)
    {
      GArray *points = g_array_new (FALSE, FALSE, sizeof (RrDiaryPoint));

      for (int day = 13; day >= 0; day -= 3)
        {
          RrDiaryPoint point = { now - day * 24 * 3600, (day + (int) i) % 11 };
          g_array_append_val (points, point);
        }
      g_hash_table_insert (history, (gpointer) rr_guidance_get_spot (guidance, i)->id, points);
    }

  dir = g_dir_make_tmp ("rr-sheet-XXXXXX", &error);
  path = g_build_filename (dir, "history.pdf", NULL);
  g_assert_cmpint (rr_sheet_print (guidance, history, NULL, path, &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_pdf_holds (path, guidance);
  text = run_tool ("pdftotext", path);
  squeezed = squeeze (text);
  assert_contains (squeezed, "Recent history");

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The PDF export needs no display; only the print operation does. */
  have_display = gtk_init_check ();

  g_test_add_func ("/sheet/font", test_font);
  g_test_add_func ("/sheet/export-pdf", test_export_pdf);
  g_test_add_func ("/sheet/export-error", test_export_error);
  g_test_add_func ("/sheet/fits", test_fits);
  g_test_add_func ("/sheet/overflow", test_overflow);
  g_test_add_func ("/sheet/emergency-and-empty", test_emergency_and_empty);
  g_test_add_func ("/sheet/print-operation", test_print_operation);
  g_test_add_func ("/sheet/print-with-history", test_print_with_history);

  return g_test_run ();
}
