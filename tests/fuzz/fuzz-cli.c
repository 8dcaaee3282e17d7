/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-cli: the command-line assessment parser on arbitrary argument lists.
 *
 * The input is split at newlines and NUL bytes into arguments. --region=, --pain= and
 * --symptom= arguments are collected as rr_cli_run() collects them and handed to
 * rr_cli_build_assessment() with the built-in rulebook; every other argument goes to
 * rr_cli_parse_pain(). Whatever they hold: an assessment or an error, never a crash. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "rr-cli-parse.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* Loaded once, as the program does. */
  (void) rr_rulebook_get_default ();
  return 0;
}

static void
parse_alone (const char *text)
{
  g_autoptr(GError) error = NULL;
  int level = -1;

  if (rr_cli_parse_pain (text, &level, &error))
    {
      g_assert_no_error (error);
      g_assert_cmpint (level, >=, RR_PAIN_MIN);
      g_assert_cmpint (level, <=, RR_PAIN_MAX);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_null (strchr (error->message, '\033'));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  RrRulebook *book = rr_rulebook_get_default ();
  g_autofree char *copy = g_strndup ((const char *) data, size);   /* stops at a NUL */
  g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) symptoms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pain = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RrAssessment) assessment = NULL;
  gsize start = 0;

  /* Split the whole input, NULs included, into arguments. */
  for (gsize i = 0; i <= size; i++)
    {
      g_autofree char *arg = NULL;

      if (i < size && data[i] != '\n' && data[i] != '\0')
        continue;
      arg = g_strndup ((const char *) data + start, i - start);
      start = i + 1;

      if (g_str_has_prefix (arg, "--region="))
        g_ptr_array_add (regions, g_strdup (arg + strlen ("--region=")));
      else if (g_str_has_prefix (arg, "--symptom="))
        g_ptr_array_add (symptoms, g_strdup (arg + strlen ("--symptom=")));
      else if (g_str_has_prefix (arg, "--pain="))
        {
          g_free (pain);   /* the last one counts, as with GOption */
          pain = g_strdup (arg + strlen ("--pain="));
        }
      else
        parse_alone (arg);
    }
  g_ptr_array_add (regions, NULL);
  g_ptr_array_add (symptoms, NULL);

  parse_alone (copy);

  assessment = rr_cli_build_assessment (book,
                                        (const char * const *) regions->pdata, pain,
                                        (const char * const *) symptoms->pdata, &error);
  if (assessment == NULL)
    {
      /* One line on stderr, whatever was typed: valid UTF-8, no control characters. */
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      for (const char *c = error->message; *c; c++)
        g_assert_true ((guchar) *c >= 0x20 && *c != 0x7f);
      return 0;
    }
  g_assert_no_error (error);

  {
    g_autoptr(RrGuidance) guidance = rr_rulebook_evaluate (book, assessment);
    g_autofree char *json = rr_guidance_to_json (guidance);
    g_autofree char *text = rr_guidance_to_text (guidance);

    g_assert_cmpuint (rr_guidance_get_n_spots (guidance), ==, rr_assessment_get_n_regions (assessment));
    g_assert_true (g_utf8_validate (json, -1, NULL));
    g_assert_true (g_utf8_validate (text, -1, NULL));
  }

  return 0;
}
