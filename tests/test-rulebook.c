/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rr-rulebook.h"
#include "vocabulary.h"

static RrGuidance *
evaluate (const char *regions,
          int         pain,
          const char *symptoms)
{
  g_autoptr(RrAssessment) a = rr_assessment_new ();
  g_auto(GStrv) r = g_strsplit (regions, " ", -1);
  g_auto(GStrv) s = g_strsplit (symptoms, " ", -1);

  rr_assessment_set_pain (a, pain);
  for (guint i = 0; r[i]; i++)
    if (*r[i])
      rr_assessment_add_region (a, r[i], pain);
  for (guint i = 0; s[i]; i++)
    if (*s[i])
      rr_assessment_set_symptom (a, s[i], TRUE);

  return rr_rulebook_evaluate (rr_rulebook_get_default (), a);
}

static void
test_vocabulary (void)
{
  RrRulebook *book = rr_rulebook_get_default ();
  g_auto(GStrv) regions = vocabulary_regions ();

  g_assert_nonnull (book);

  /* Exactly the shared vocabulary, each with its name. */
  g_assert_cmpuint (g_strv_length ((char **) rr_rulebook_get_regions (book)), ==, g_strv_length (regions));
  for (guint i = 0; regions[i]; i++)
    {
      const char *part = rr_rulebook_get_region_part (book, regions[i]);

      if (!rr_rulebook_has_region (book, regions[i]))
        g_error ("region %s is missing", regions[i]);
      g_assert_nonnull (rr_rulebook_get_region_name (book, regions[i]));
      g_assert_true (g_str_has_suffix (regions[i], part));
      g_assert_true (g_strv_contains ((const char * const[]) { "front", "back", "sole", NULL },
                                      rr_rulebook_get_region_view (book, regions[i])));
    }

  g_assert_cmpuint (g_strv_length ((char **) rr_rulebook_get_symptoms (book)), ==,
                    g_strv_length ((char **) vocabulary_symptoms));
  for (guint i = 0; vocabulary_symptoms[i]; i++)
    {
      if (!rr_rulebook_has_symptom (book, vocabulary_symptoms[i]))
        g_error ("symptom %s is missing", vocabulary_symptoms[i]);
      g_assert_nonnull (rr_rulebook_get_symptom_name (book, vocabulary_symptoms[i]));
      g_assert_nonnull (rr_rulebook_get_symptom_question (book, vocabulary_symptoms[i]));
    }
  g_assert_cmpint (rr_rulebook_get_symptom_group (book, "race"), ==, RR_SYMPTOM_CONTEXT);

  for (guint i = 0; vocabulary_conditions[i]; i++)
    if (!g_strv_contains (rr_rulebook_get_conditions (book), vocabulary_conditions[i]))
      g_error ("condition %s is missing", vocabulary_conditions[i]);
  for (guint i = 0; vocabulary_advice[i]; i++)
    if (!g_strv_contains (rr_rulebook_get_advice (book), vocabulary_advice[i]))
      g_error ("advice %s is missing", vocabulary_advice[i]);

  for (guint v = 0; v < RR_N_VERDICTS; v++)
    g_assert_nonnull (rr_rulebook_get_verdict_name (book, v));
  for (int level = 0; level <= 10; level++)
    {
      const char *description = NULL;

      g_assert_nonnull (rr_rulebook_get_pain_grade (book, level, &description));
      g_assert_nonnull (description);
    }
}

/* The article and its 14 studies are all there, and every condition and piece of
 * advice, whichever rule brings it, comes with sources that the guidance lists. */
static void
test_sources (void)
{
  RrRulebook *book = rr_rulebook_get_default ();
  g_auto(GStrv) regions = vocabulary_regions ();
  g_autoptr(GHashTable) dois = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) conditions = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *symptoms = rr_rulebook_get_symptoms (book);

  g_assert_true (g_strv_contains (rr_rulebook_get_sources (book), "article"));
  g_assert_cmpuint (g_strv_length ((char **) rr_rulebook_get_sources (book)), ==, 15);

  for (guint i = 0; regions[i]; i++)
    for (int pain = 0; pain <= 10; pain += 2)
      for (guint s = 0; symptoms[s]; s++)
        {
          g_autoptr(RrGuidance) g = evaluate (regions[i], pain, symptoms[s]);
          g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);

          for (guint k = 0; k < rr_guidance_get_n_sources (g); k++)
            {
              const RrGuidanceSource *source = rr_guidance_get_source (g, k);

              g_hash_table_add (listed, (gpointer) source->id);
              if (source->doi)
                g_hash_table_add (dois, (gpointer) g_intern_string (source->doi));
            }
          for (guint k = 0; k < rr_guidance_get_n_conditions (g); k++)
            {
              const RrGuidanceCondition *c = rr_guidance_get_condition (g, k);

              g_assert_nonnull (c->sources[0]);
              for (guint j = 0; c->sources[j]; j++)
                g_assert_true (g_hash_table_contains (listed, c->sources[j]));
              g_hash_table_add (conditions, (gpointer) g_intern_string (c->id));
            }
          for (guint k = 0; k < rr_guidance_get_n_advice (g); k++)
            {
              const RrGuidanceAdvice *a = rr_guidance_get_advice (g, k);

              g_assert_nonnull (a->sources[0]);
              for (guint j = 0; a->sources[j]; j++)
                g_assert_true (g_hash_table_contains (listed, a->sources[j]));
            }
        }

  /* Each study is cited by some guidance, and each named condition can come up. */
  for (guint i = 0; vocabulary_studies[i]; i++)
    if (!g_hash_table_contains (dois, vocabulary_studies[i]))
      g_error ("no guidance cites doi:%s", vocabulary_studies[i]);
  for (guint i = 0; vocabulary_conditions[i]; i++)
    if (!g_hash_table_contains (conditions, vocabulary_conditions[i]))
      g_error ("no single-symptom assessment brings up %s", vocabulary_conditions[i]);
}

static void
test_empty (void)
{
  g_autoptr(RrGuidance) g = evaluate ("", 0, "");

  g_assert_true (rr_guidance_is_empty (g));
  g_assert_cmpint (rr_guidance_get_verdict (g), ==, RR_VERDICT_KEEP_RUNNING);
  g_assert_nonnull (rr_guidance_get_disclaimer (g));
  g_assert_cmpstr (rr_guidance_get_disclaimer (g), !=, "");
  /* Even before anything is said, the signs that would need help are listed. */
  g_assert_cmpuint (rr_guidance_get_n_flags (g), >, 0);
  g_assert_cmpint (rr_guidance_get_flag (g, 0)->verdict, ==, RR_VERDICT_EMERGENCY);
}

/* Advice comes once each and in priority order; conditions are given per spot. */
static void
test_structure (void)
{
  g_autoptr(RrGuidance) g = evaluate ("left-knee-outer right-knee-outer left-knee-front", 5, "limping swelling");
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint it_band = 0;

  g_assert_cmpuint (rr_guidance_get_n_spots (g), ==, 3);
  g_assert_cmpstr (rr_guidance_get_spot (g, 2)->id, ==, "left-knee-front");
  g_assert_cmpint (rr_guidance_get_spot (g, 2)->level, ==, 5);
  g_assert_nonnull (rr_guidance_get_spot (g, 2)->grade);

  for (guint i = 0; i < rr_guidance_get_n_advice (g); i++)
    g_assert_true (g_hash_table_add (ids, (gpointer) rr_guidance_get_advice (g, i)->id));

  for (guint i = 0; i < rr_guidance_get_n_conditions (g); i++)
    {
      const RrGuidanceCondition *c = rr_guidance_get_condition (g, i);

      if (g_str_equal (c->id, "it-band-syndrome"))
        {
          g_assert_true (g_str_has_suffix (c->region, "knee-outer"));
          it_band++;
        }
      if (g_str_equal (c->id, "runners-knee"))
        g_assert_cmpstr (c->region, ==, "left-knee-front");
    }
  g_assert_cmpuint (it_band, ==, 2);
  g_assert_true (rr_guidance_has_condition (g, "runners-knee"));

  /* The reasons explain the verdict, and a verdict above keep-running has some. */
  g_assert_cmpint (rr_guidance_get_verdict (g), >=, RR_VERDICT_SEE_PROFESSIONAL);
  g_assert_cmpuint (rr_guidance_get_n_reasons (g), >, 0);
  /* What is already reported is not a warning sign to watch for. */
  for (guint i = 0; i < rr_guidance_get_n_flags (g); i++)
    {
      g_assert_cmpstr (rr_guidance_get_flag (g, i)->id, !=, "swelling");
      g_assert_cmpint (rr_guidance_get_flag (g, i)->verdict, >, rr_guidance_get_verdict (g));
    }
}

static void
test_questions (void)
{
  RrRulebook *book = rr_rulebook_get_default ();
  g_autoptr(RrAssessment) a = rr_assessment_new ();
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) heel = NULL;
  g_auto(GStrv) knee = NULL;

  none = rr_rulebook_get_questions_for (book, a);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  rr_assessment_add_region (a, "right-heel", 3);
  heel = rr_rulebook_get_questions_for (book, a);
  g_assert_true (g_strv_contains ((const char * const *) heel, "morning-worse"));
  g_assert_true (g_strv_contains ((const char * const *) heel, "limping"));
  /* Warnings and context are shown apart by the window, never in this list. */
  for (guint i = 0; heel[i]; i++)
    {
      RrSymptomGroup group = rr_rulebook_get_symptom_group (book, heel[i]);
      g_assert_true (group == RR_SYMPTOM_SPOT || group == RR_SYMPTOM_GENERAL);
    }

  rr_assessment_remove_region (a, "right-heel");
  rr_assessment_add_region (a, "left-knee-outer", 3);
  knee = rr_rulebook_get_questions_for (book, a);
  g_assert_false (g_strv_contains ((const char * const *) knee, "morning-worse"));
}

static void
test_json (void)
{
  g_autoptr(RrGuidance) g = evaluate ("left-knee-outer", 5, "race");
  g_autofree char *json = rr_guidance_to_json (g);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *conditions;
  gboolean found = FALSE;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, rr_guidance_get_verdict_id (g));
  g_assert_cmpint (json_object_get_int_member (root, "pain"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (root, "level"), ==, rr_guidance_get_verdict (g));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "regions")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (root, "symptoms"), 0), ==, "race");

  conditions = json_object_get_array_member (root, "conditions");
  for (guint i = 0; i < json_array_get_length (conditions); i++)
    {
      JsonObject *c = json_array_get_object_element (conditions, i);

      if (g_str_equal (json_object_get_string_member (c, "id"), "it-band-syndrome"))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (c, "region"), ==, "left-knee-outer");
          g_assert_nonnull (json_object_get_string_member (c, "name"));
          g_assert_nonnull (json_object_get_string_member (c, "text"));
        }
    }
  g_assert_true (found);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "advice")), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "sources")), >, 0);
}

static void
test_text (void)
{
  g_autoptr(RrGuidance) g = evaluate ("right-heel", 3, "morning-worse");
  g_autofree char *text = rr_guidance_to_text (g);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_nonnull (strstr (text, rr_guidance_get_verdict_name (g)));
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *flat = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);

  /* Wrapping may break lines anywhere, but every word of these is there in order. */
  g_assert_nonnull (strstr (flat, rr_guidance_get_disclaimer (g)));
  g_assert_nonnull (strstr (flat, rr_guidance_get_headline (g)));
  for (guint i = 0; lines[i]; i++)
    if (g_utf8_strlen (lines[i], -1) > 78)
      g_error ("line longer than 78 columns: %s", lines[i]);
}

/* The same assessment always gives the same answer. */
static void
test_pure (void)
{
  g_autoptr(RrGuidance) a = evaluate ("left-shin-inner right-calf", 6, "persistent at-rest");
  g_autoptr(RrGuidance) b = evaluate ("left-shin-inner right-calf", 6, "persistent at-rest");
  g_autofree char *ja = rr_guidance_to_json (a);
  g_autofree char *jb = rr_guidance_to_json (b);

  g_assert_cmpstr (ja, ==, jb);
  g_assert_finalize_object (g_steal_pointer (&a));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rulebook/vocabulary", test_vocabulary);
  g_test_add_func ("/rulebook/sources", test_sources);
  g_test_add_func ("/rulebook/empty", test_empty);
  g_test_add_func ("/rulebook/structure", test_structure);
  g_test_add_func ("/rulebook/questions", test_questions);
  g_test_add_func ("/rulebook/json", test_json);
  g_test_add_func ("/rulebook/text", test_text);
  g_test_add_func ("/rulebook/pure", test_pure);

  return g_test_run ();
}
