/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <pango/pangocairo.h>
#include <string.h>

#include <cairo-pdf.h>
#include <stdlib.h>

#include "rr-diary.h"
#include "rr-flow.h"
#include "rr-print-operation.h"
#include "rr-rulebook.h"
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

  /* Only pdftotext writes to a file unless told "-". */
  if (!g_str_equal (tool, "pdftotext"))
    argv[2] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
run_tool_args (const char *tool,
               const char *option,
               const char *path)
{
  const char *argv[] = { tool, option, path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
unhyphenate (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", -1);

  return g_strjoinv ("", parts);
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

/* The words of the body map's own labels (Front, Back, Soles, L, R): part of the
 * figure, scaled with it, like the level numbers on it. */
static GHashTable *
map_labels (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "body-map.svg", NULL);
  g_autofree char *svg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<text[^>]*>([^<]+)</text>", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_file_get_contents (path, &svg, NULL, &error);
  g_assert_no_error (error);
  for (g_regex_match (regex, svg, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    g_hash_table_add (labels, g_match_info_fetch (match, 1));
  g_assert_cmpuint (g_hash_table_size (labels), >=, 3);
  return labels;
}

/* Every text on the page is at least RR_SHEET_BODY_SIZE, but for the map's labels
 * and the numbers in level marks. pdftohtml gives font sizes in whole units at
 * its largest zoom, 3: thirds of a point. */
static void
assert_sizes (const char *path)
{
  const char *argv[] = { "pdftohtml", "-xml", "-i", "-stdout", "-q", "-zoom", "3", path, NULL };
  g_autoptr(GHashTable) sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) labels = map_labels ();
  g_autoptr(GRegex) fontspec = g_regex_new ("<fontspec id=\"(\\d+)\" size=\"(\\d+)\"", 0, 0, NULL);
  g_autoptr(GRegex) text = g_regex_new ("<text [^>]*font=\"(\\d+)\"[^>]*>(.*?)</text>", 0, 0, NULL);
  g_autoptr(GRegex) tags = g_regex_new ("<[^>]*>", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  guint n_texts = 0;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  for (g_regex_match (fontspec, out, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *id = g_match_info_fetch (match, 1);
      g_autofree char *size = g_match_info_fetch (match, 2);

      g_hash_table_insert (sizes, g_steal_pointer (&id), GINT_TO_POINTER (atoi (size)));
    }
  g_clear_pointer (&match, g_match_info_unref);

  for (g_regex_match (text, out, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *font = g_match_info_fetch (match, 1);
      g_autofree char *content = g_match_info_fetch (match, 2);
      g_autofree char *plain = g_regex_replace_literal (tags, content, -1, 0, "", 0, NULL);
      g_autofree char *word = g_strstrip (g_strdup (plain));
      int size = GPOINTER_TO_INT (g_hash_table_lookup (sizes, font));

      g_assert_cmpint (size, >, 0);
      n_texts++;
      if (g_hash_table_contains (labels, word) || g_regex_match_simple ("^\\d{1,2}(\\s+\\d{1,2})*$", word, 0, 0))
        continue;
      if (size < (int) (RR_SHEET_BODY_SIZE * 3))
        g_error ("“%s” is printed at %.1f pt", word, size / 3.0);
    }
  g_assert_cmpuint (n_texts, >, 20);
}

/* Every font is embedded: the sheet prints the same at the physio's. */
static void
assert_fonts_embedded (const char *path)
{
  g_autofree char *fonts = run_tool ("pdffonts", path);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n_fonts = 0;

  /* name, type, encoding, emb, sub, uni, object ID: the columns after the
   * header's two lines; "emb" is the fourth from the end. */
  for (guint i = 2; lines[i]; i++)
    {
      g_auto(GStrv) columns = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);
      guint n = g_strv_length (columns);

      if (n < 6)
        continue;
      n_fonts++;
      g_assert_cmpstr (columns[n - 5], ==, "yes");
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

/* Everything that must be on the page is: the verdict, the reasons, the spots, the
 * warning signs and the disclaimer. Causes and advice are there, or one line says
 * how many more the app shows, and that line is there only then. Every source of
 * what is printed is there with its DOI, and none of what is not. */
static void
assert_pdf_holds (const char *path,
                  RrGuidance *guidance)
{
  g_autofree char *info = run_tool ("pdfinfo", path);
  g_autofree char *text = run_tool ("pdftotext", path);
  g_autofree char *squeezed = squeeze (text);
  g_autoptr(GHashTable) missing_causes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) needed = g_hash_table_new (g_str_hash, g_str_equal);
  guint missing_advice = 0;
  g_autofree char *urls = NULL;
  g_autofree char *unhyphenated = NULL;
  g_autofree char *advice_line = NULL;
  g_autofree char *causes_line = NULL;

  g_assert_true (g_regex_match_simple ("^Pages:\\s+1$", info, G_REGEX_MULTILINE, 0));

  assert_contains (squeezed, rr_guidance_get_verdict_name (guidance));
  assert_contains (squeezed, rr_guidance_get_headline (guidance));
  for (guint i = 0; i < rr_guidance_get_n_reasons (guidance); i++)
    assert_contains (squeezed, rr_guidance_get_reason (guidance, i));
  for (guint i = 0; i < rr_guidance_get_n_spots (guidance); i++)
    assert_contains (squeezed, rr_guidance_get_spot (guidance, i)->name);
  for (guint i = 0; i < rr_guidance_get_n_flags (guidance); i++)
    assert_contains (squeezed, rr_guidance_get_flag (guidance, i)->question);
  assert_contains (squeezed, rr_guidance_get_disclaimer (guidance));

  for (guint i = 0; i < rr_guidance_get_n_conditions (guidance); i++)
    {
      const RrGuidanceCondition *condition = rr_guidance_get_condition (guidance, i);

      if (!contains (squeezed, condition->name))
        g_hash_table_add (missing_causes, (gpointer) condition->id);
      else
        for (guint j = 0; condition->sources[j]; j++)
          g_hash_table_add (needed, (gpointer) condition->sources[j]);
    }
  for (guint i = 0; i < rr_guidance_get_n_advice (guidance); i++)
    {
      const RrGuidanceAdvice *advice = rr_guidance_get_advice (guidance, i);

      if (!contains (squeezed, advice->title))
        missing_advice++;
      else
        for (guint j = 0; advice->sources[j]; j++)
          g_hash_table_add (needed, (gpointer) advice->sources[j]);
    }

  advice_line = g_strdup_printf (ngettext ("%u more suggestion in the app.", "%u more suggestions in the app.",
                                           missing_advice), missing_advice);
  causes_line = g_strdup_printf (ngettext ("%u more likely cause in the app.", "%u more likely causes in the app.",
                                           g_hash_table_size (missing_causes)), g_hash_table_size (missing_causes));
  g_assert_true (contains (squeezed, advice_line) == (missing_advice > 0));
  g_assert_true (contains (squeezed, causes_line) == (g_hash_table_size (missing_causes) > 0));
  g_assert_true (contains (squeezed, "more suggestion") == (missing_advice > 0));
  g_assert_true (contains (squeezed, "more likely cause") == (g_hash_table_size (missing_causes) > 0));

  /* A DOI may break after a hyphen, which pdftotext then drops: its text is looked
   * for without hyphens, and its link exactly. */
  urls = run_tool_args ("pdfinfo", "-url", path);
  unhyphenated = unhyphenate (squeezed);
  for (guint i = 0; i < rr_guidance_get_n_sources (guidance); i++)
    {
      const RrGuidanceSource *source = rr_guidance_get_source (guidance, i);
      g_autofree char *doi = NULL;
      g_autofree char *link = NULL;

      if (source->doi == NULL)
        continue;
      doi = unhyphenate (source->doi);
      link = g_strdup_printf (" https://doi.org/%s\n", source->doi);
      if (g_hash_table_contains (needed, source->id))
        {
          assert_contains (unhyphenated, doi);
          g_assert_nonnull (strstr (urls, link));
        }
      else if (contains (unhyphenated, doi))
        g_error ("the sheet lists %s, which nothing printed cites", source->doi);
    }

  /* Every number cited is one of the sources listed: they are numbered 1 to n. */
  {
    g_autoptr(GRegex) citation = g_regex_new ("\\[(\\d+(?:,\\d+)*)\\]", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    guint highest = 0;

    for (g_regex_match (citation, squeezed, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
      {
        g_autofree char *numbers = g_match_info_fetch (match, 1);
        g_auto(GStrv) each = g_strsplit (numbers, ",", -1);

        for (guint i = 0; each[i]; i++)
          highest = MAX (highest, (guint) atoi (each[i]));
      }
    g_assert_cmpuint (highest, ==, g_hash_table_size (needed));
  }

  assert_sizes (path);
  assert_fonts_embedded (path);
}

/* RR_TEST_KEEP_SHEETS=1 keeps the PDFs to look at. */
static void
remove_pdf (const char *path)
{
  if (g_getenv ("RR_TEST_KEEP_SHEETS"))
    g_test_message ("kept %s", path);
  else
    g_unlink (path);
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

  remove_pdf (path);
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

/* ------------------------------------------------------------------------------ */
/* Every case on every paper                                                        */
/* ------------------------------------------------------------------------------ */

static RrGuidance *
emergency (void)
{
  const char *regions[] = { "chest", NULL };
  const int levels[] = { 2 };
  const char *symptoms[] = { "sweating", "breathless", NULL };

  return evaluate (regions, levels, symptoms);
}

static RrGuidance *
ten_spots (void)
{
  const char *regions[] = { "head", "lower-back", "left-hip-outer", "right-knee-outer", "left-knee-below",
                            "left-shin-front", "right-calf", "left-ankle-back", "right-arch", "left-toes", NULL };
  const int levels[] = { 3, 5, 4, 5, 4, 6, 3, 5, 4, 2 };
  const char *symptoms[] = { "swelling", "numbness", "radiating", "morning-worse", NULL };

  return evaluate (regions, levels, symptoms);
}

/* Every region at once: far too much for a page. */
static RrGuidance *
all_regions (void)
{
  RrRulebook *rulebook = rr_rulebook_get_default ();
  const char * const *all = rr_rulebook_get_regions (rulebook);
  g_autoptr(RrAssessment) assessment = rr_assessment_new ();

  for (guint i = 0; all[i]; i++)
    rr_assessment_add_region (assessment, all[i], 3 + i % 4);
  rr_assessment_set_symptom (assessment, "swelling", TRUE);
  rr_assessment_set_symptom (assessment, "worsening", TRUE);
  return rr_rulebook_evaluate (rulebook, assessment);
}

typedef struct {
  const char   *name;
  RrGuidance *(*make) (void);
} Case;

static const Case cases[] = {
  { "four-spots", four_spots },
  { "emergency", emergency },
  { "ten-spots", ten_spots },
  { "all-regions", all_regions },
};

typedef struct {
  const char *name;
  double      width, height;
} Paper;

static const Paper papers[] = {
  { "a4", 595.276, 841.89 },
  { "letter", 612, 792 },
};

/* Draws on a recording surface: nothing past the margins. */
static gboolean
record (RrGuidance *guidance,
        double      width,
        double      height)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  double x, y, w, h;
  gboolean fits;

  fits = rr_sheet_draw (guidance, NULL, cr, width, height, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
  cairo_surface_destroy (surface);

  g_assert_cmpfloat (x, >=, RR_SHEET_MARGIN - 1);
  g_assert_cmpfloat (x + w, <=, width - RR_SHEET_MARGIN + 1);
  g_assert_cmpfloat (y, >=, RR_SHEET_MARGIN - 2);
  g_assert_cmpfloat (y + h, <=, height - RR_SHEET_MARGIN + 1);
  return fits;
}

static void
write_pdf (RrGuidance *guidance,
           const char *path,
           double      width,
           double      height)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, width, height);
  cairo_t *cr = cairo_create (surface);

  rr_sheet_draw (guidance, NULL, cr, width, height, NULL);
  cairo_show_page (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
test_case (gconstpointer data)
{
  const Case *test_case = data;
  g_autoptr(RrGuidance) guidance = test_case->make ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rr-sheet-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.pdf", test_case->name, papers[i].name);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gboolean fits = record (guidance, papers[i].width, papers[i].height);

      write_pdf (guidance, path, papers[i].width, papers[i].height);
      assert_pdf_holds (path, guidance);
      /* Far too much for a page: something was left out, and the sheet says so. */
      if (g_str_equal (test_case->name, "all-regions"))
        g_assert_false (fits);
      remove_pdf (path);
    }
  g_rmdir (dir);
}

/* Nothing to say yet: still one clean page. */
static void
test_empty (void)
{
  const char *none[] = { NULL };
  g_autoptr(RrGuidance) empty = evaluate (none, NULL, NULL);

  g_assert_true (rr_guidance_is_empty (empty));
  g_assert_true (record (empty, 595, 842));
}

/* ------------------------------------------------------------------------------ */
/* The flow's placing rules, on blocks of known heights                             */
/* ------------------------------------------------------------------------------ */

/* Headings, drawn pieces and paragraphs (some of which may run on) of random sizes. */
static GPtrArray *
random_blocks (GRand        *rand,
               PangoContext *context,
               guint         n)
{
  static const char words[] = "the runner felt a dull ache below the knee after the long hill and it eased once warm ";
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) rr_flow_block_free);

  for (guint i = 0; i < n; i++)
    {
      RrFlowBlock *block;

      if (g_rand_boolean (rand))
        {
          g_autoptr(GString) text = g_string_new (NULL);
          guint length = g_rand_int_range (rand, 1, 8);

          for (guint j = 0; j < length; j++)
            g_string_append (text, words);
          block = rr_flow_text_new (NULL, 0, rr_flow_layout_new (context, "Sans", text->str, 9, 150),
                                    g_rand_double_range (rand, 0, 8));
          block->may_split = g_rand_boolean (rand);
        }
      else
        block = rr_flow_drawn_new (g_rand_double_range (rand, 5, 80), g_rand_double_range (rand, 0, 8),
                                   NULL, NULL, NULL);
      block->keep_with_next = g_rand_int_range (rand, 0, 5) == 0;
      g_ptr_array_add (blocks, block);
    }
  return blocks;
}

static double
split_top (RrFlowBlock *block)
{
  return g_array_index (block->line_tops, double, block->split);
}

/* In order, down each column and across, each within its column's top and the
 * bottom; a paragraph runs on only if it may, into the next column's top, with two
 * lines or more on each side; a heading never ends a column when what follows it is
 * placed. */
static void
assert_placed_well (GPtrArray    *blocks,
                    const double *tops,
                    guint         n_columns,
                    double        bottom)
{
  guint column = 0;
  double y = -1;
  gboolean seen_unplaced = FALSE;

  for (guint i = 0; i < blocks->len; i++)
    {
      RrFlowBlock *block = g_ptr_array_index (blocks, i);

      if (!block->placed)
        {
          seen_unplaced = TRUE;
          continue;
        }
      g_assert_false (seen_unplaced);
      g_assert_cmpuint (block->column, >=, column);
      if (block->column > column)
        y = -1;
      column = block->column;
      g_assert_cmpfloat (block->y, >=, tops[column]);
      g_assert_cmpfloat (block->y, >=, y);
      if (block->split)
        {
          g_assert_true (block->may_split);
          g_assert_cmpuint (block->split, >=, 2);
          g_assert_cmpuint (block->split + 2, <=, block->line_tops->len - 1);
          g_assert_cmpuint (column + 1, <, n_columns);
          g_assert_cmpfloat (block->y + split_top (block), <=, bottom + 1e-6);
          column++;
          g_assert_cmpfloat (block->split_y, ==, tops[column]);
          y = block->split_y + block->height - split_top (block);
        }
      else
        y = block->y + block->height;
      g_assert_cmpfloat (y, <=, bottom + 1e-6);

      if (block->keep_with_next && i + 1 < blocks->len)
        {
          RrFlowBlock *next = g_ptr_array_index (blocks, i + 1);

          g_assert_true (next->placed);
          g_assert_cmpuint (next->column, ==, column);
        }
    }
}

static void
test_flow (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  g_autoptr(GObject) context = G_OBJECT (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
  const double tops[3] = { 120, 40, 40 };
  guint n_split = 0;

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GPtrArray) blocks = random_blocks (rand, PANGO_CONTEXT (context), g_rand_int_range (rand, 0, 30));
      double bottom = g_rand_double_range (rand, 200, 900), used = 0, lower = 0;
      gboolean all = rr_flow_place (blocks, 3, tops, bottom, &used);

      assert_placed_well (blocks, tops, 3, bottom);
      g_assert_cmpfloat (used, <=, bottom);
      g_assert_cmpfloat (used, ==, rr_flow_height (blocks));
      for (guint i = 0; i < blocks->len; i++)
        {
          RrFlowBlock *block = g_ptr_array_index (blocks, i);

          g_assert_true (block->placed || !all);
          n_split += block->split > 0;
        }

      if (!all)
        continue;
      /* Balanced: everything still placed, and no bottom much higher would do. */
      g_assert_true (rr_flow_balance (blocks, 3, tops, bottom, &used));
      assert_placed_well (blocks, tops, 3, used);
      g_assert_cmpfloat (used, <=, bottom);
      lower = used - 1;
      if (blocks->len > 0 && lower > tops[0])
        g_assert_false (rr_flow_place (blocks, 3, tops, lower, NULL));
    }
  /* The rounds did try running paragraphs on. */
  g_assert_cmpuint (n_split, >, 10);
}

/* ------------------------------------------------------------------------------ */
/* Printing                                                                         */
/* ------------------------------------------------------------------------------ */

static GtkPrintOperationResult
export (RrGuidance  *guidance,
        GHashTable  *history,
        const char  *path,
        GError     **error)
{
  g_autoptr(RrPrintOperation) operation = rr_print_operation_new (guidance, history);

  g_assert_true (rr_print_operation_get_guidance (operation) == guidance);
  g_assert_true (rr_print_operation_get_history (operation) == history);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  return gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
}

/* The print dialog's code path, exported without a dialog. */
static void
test_print_operation (void)
{
  g_autoptr(RrGuidance) guidance = four_spots ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = g_dir_make_tmp ("rr-sheet-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "printed.pdf", NULL);
  g_assert_cmpint (export (guidance, NULL, path, &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_pdf_holds (path, guidance);

  remove_pdf (path);
  g_rmdir (dir);
}

/* With the diary's last two weeks, the sheet gains the history charts (they come
 * after the advice and the causes: one mild spot leaves room) and still fits one page. */
static void
test_print_with_history (void)
{
  const char *regions[] = { "left-calf", NULL };
  const int levels[] = { 2 };
  g_autoptr(RrGuidance) guidance = evaluate (regions, levels, NULL);
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
  g_assert_cmpint (export (guidance, history, path, &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_pdf_holds (path, guidance);
  text = run_tool ("pdftotext", path);
  squeezed = squeeze (text);
  assert_contains (squeezed, "Recent history");

  remove_pdf (path);
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
  g_test_add_func ("/sheet/flow", test_flow);
  g_test_add_func ("/sheet/export-pdf", test_export_pdf);
  g_test_add_func ("/sheet/export-error", test_export_error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sheet/case/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/sheet/empty", test_empty);
  g_test_add_func ("/sheet/print-operation", test_print_operation);
  g_test_add_func ("/sheet/print-with-history", test_print_with_history);

  return g_test_run ();
}
