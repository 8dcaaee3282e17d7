/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-rulebook: the rulebook loader on arbitrary bytes.
 *
 * Whatever the bytes, rr_rulebook_new_from_data() either refuses them with an error
 * or returns a rulebook that evaluates without a crash, a leak or a GLib warning. */
#include "config.h"

#include <stdint.h>

#include "rr-rulebook.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* As in the tests: a warning or a critical is a bug, so make it a crash. */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* A fixed assessment built from what the book offers: a few spots at different levels
 * and every other symptom, so most rules get a chance to match. */
static void
evaluate (RrRulebook *book)
{
  const char * const *regions = rr_rulebook_get_regions (book);
  const char * const *symptoms = rr_rulebook_get_symptoms (book);
  g_autoptr(RrAssessment) empty = rr_assessment_new ();
  g_autoptr(RrAssessment) assessment = rr_assessment_new ();
  g_autoptr(RrGuidance) nothing = NULL;
  g_autoptr(RrGuidance) guidance = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) questions = NULL;

  nothing = rr_rulebook_evaluate (book, empty);
  g_assert_true (rr_guidance_is_empty (nothing));

  rr_assessment_set_pain (assessment, 3);
  for (guint i = 0; regions[i] && i < 8; i++)
    rr_assessment_add_region (assessment, regions[i], (int) (i * 4 % (RR_PAIN_MAX + 1)));
  for (guint i = 0; symptoms[i]; i++)
    if (i % 2 == 0)
      rr_assessment_set_symptom (assessment, symptoms[i], TRUE);

  guidance = rr_rulebook_evaluate (book, assessment);
  json = rr_guidance_to_json (guidance);
  text = rr_guidance_to_text (guidance);
  questions = rr_rulebook_get_questions_for (book, assessment);

  for (guint i = 0; symptoms[i]; i++)
    {
      (void) rr_rulebook_get_symptom_name (book, symptoms[i]);
      (void) rr_rulebook_get_symptom_question (book, symptoms[i]);
    }
  for (int level = RR_PAIN_MIN; level <= RR_PAIN_MAX; level++)
    g_assert_nonnull (rr_rulebook_get_pain_grade (book, level, NULL));
  for (RrVerdict v = 0; v < RR_N_VERDICTS; v++)
    g_assert_nonnull (rr_rulebook_get_verdict_name (book, v));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RrRulebook) book = NULL;

  book = rr_rulebook_new_from_data (size ? (const char *) data : "", size, "fuzz.xml", &error);
  if (book == NULL)
    {
      /* A refusal always says why, in the documented domain. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == RR_RULEBOOK_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      for (const char *c = error->message; *c; c++)
        g_assert_true ((guchar) *c >= 0x20 && *c != 0x7f);
      return 0;
    }

  g_assert_no_error (error);
  evaluate (book);
  return 0;
}
