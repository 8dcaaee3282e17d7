/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rr-cli-parse.h"

/* What the runner typed, fit to quote in a one-line message on a terminal: valid UTF-8,
 * and no control characters (a newline would break the line, an escape sequence
 * would reach the terminal). */
static char *
quotable (const char *text)
{
  char *copy = g_utf8_make_valid (text ? text : "", -1);

  for (char *c = copy; *c; c++)
    if ((guchar) *c < 0x20 || *c == 0x7f)
      *c = '?';
  return copy;
}

/**
 * rr_cli_parse_pain:
 *
 * Accepts a whole number from 0 to 10 and nothing else.
 */
gboolean
rr_cli_parse_pain (const char  *text,
                   int         *level,
                   GError     **error)
{
  guint64 value;

  /* Digits only: strtoull, under g_ascii_string_to_unsigned, skips a leading vertical
   * tab that GLib's own space check lets through. */
  if (text == NULL || text[strspn (text, "0123456789")] != '\0' ||
      !g_ascii_string_to_unsigned (text, 10, RR_PAIN_MIN, RR_PAIN_MAX, &value, NULL))
    {
      g_autofree char *quoted = quotable (text);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("pain must be a whole number from 0 to 10, not “%s”"), quoted);
      return FALSE;
    }

  *level = (int) value;
  return TRUE;
}

static char *
join_valid (const char * const *ids)
{
  return g_strjoinv (", ", (char **) ids);
}

/* The regions @symptom is asked about, for a message ("head", or "left-arm,
 * --region=right-arm"); NULL when it is asked about every spot. */
static char *
spots_asking (RrRulebook *rulebook,
              const char *symptom)
{
  const char * const *regions = rr_rulebook_get_regions (rulebook);
  g_autoptr(GPtrArray) asking = g_ptr_array_new ();

  for (guint i = 0; regions[i]; i++)
    {
      g_autoptr(RrAssessment) one = rr_assessment_new ();

      rr_assessment_add_region (one, regions[i], 1);
      if (rr_rulebook_symptom_is_asked (rulebook, symptom, one))
        g_ptr_array_add (asking, (gpointer) regions[i]);
    }
  if (regions[asking->len] == NULL)
    return NULL;
  g_ptr_array_add (asking, NULL);
  return g_strjoinv (", --region=", (char **) asking->pdata);
}

/**
 * rr_cli_build_assessment:
 * @regions: "ID" or "ID:LEVEL" for each spot
 * @pain: (nullable): the level of spots given without one, and the overall level
 *
 * Turns what the runner typed into an assessment, checking every id against the
 * rulebook. Errors say what would have been valid.
 */
RrAssessment *
rr_cli_build_assessment (RrRulebook         *rulebook,
                         const char * const *regions,
                         const char         *pain,
                         const char * const *symptoms,
                         GError            **error)
{
  g_autoptr(RrAssessment) assessment = rr_assessment_new ();
  int default_level = -1;
  gboolean pain_used = pain == NULL || regions == NULL || regions[0] == NULL;

  if (pain != NULL)
    {
      if (!rr_cli_parse_pain (pain, &default_level, error))
        return NULL;
      rr_assessment_set_pain (assessment, default_level);
    }

  for (guint i = 0; regions && regions[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (regions[i], ":", 2);
      int level = default_level;

      if (!rr_rulebook_has_region (rulebook, parts[0]))
        {
          g_autofree char *valid = join_valid (rr_rulebook_get_regions (rulebook));
          g_autofree char *quoted = quotable (parts[0]);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("unknown region “%s”; valid regions are: %s"), quoted, valid);
          return NULL;
        }

      if (parts[1] != NULL && !rr_cli_parse_pain (parts[1], &level, error))
        {
          g_prefix_error (error, "%s: ", parts[0]);
          return NULL;
        }
      if (parts[1] == NULL)
        pain_used = TRUE;

      if (level < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("region “%s” has no pain level: write %s:N or add --pain=N (N from 0 to 10)"),
                       parts[0], parts[0]);
          return NULL;
        }

      /* The same spot twice: the worst level counts, as the window would keep it. */
      if (rr_assessment_has_region (assessment, parts[0]))
        level = MAX (level, rr_assessment_get_region_level (assessment, parts[0]));
      rr_assessment_add_region (assessment, parts[0], level);
    }

  /* A level that no spot takes would be silently dropped: refuse it. */
  if (!pain_used)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--pain=%s applies to no spot: every --region gives its own level (write a spot without :N to use it)"),
                   pain);   /* digits only, once parsed */
      return NULL;
    }

  for (guint i = 0; symptoms && symptoms[i]; i++)
    {
      if (!rr_rulebook_has_symptom (rulebook, symptoms[i]))
        {
          g_autofree char *valid = join_valid (rr_rulebook_get_symptoms (rulebook));
          g_autofree char *quoted = quotable (symptoms[i]);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("unknown symptom “%s”; valid symptoms are: %s"), quoted, valid);
          return NULL;
        }
    }

  /* A question about one part of the body (a headache's stiff neck) answered for
   * other spots would count for nothing: say which spots it is asked about instead.
   * The general questions and the warning signs count with or without a spot. */
  for (guint i = 0; symptoms && symptoms[i]; i++)
    {
      if (rr_rulebook_get_symptom_group (rulebook, symptoms[i]) == RR_SYMPTOM_SPOT &&
          !rr_rulebook_symptom_is_asked (rulebook, symptoms[i], assessment))
        {
          g_autofree char *where = spots_asking (rulebook, symptoms[i]);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("symptom “%s” is not asked about the spots given: add one of --region=%s"),
                       symptoms[i], where ? where : "ID:N");
          return NULL;
        }
      rr_assessment_set_symptom (assessment, symptoms[i], TRUE);
    }

  return g_steal_pointer (&assessment);
}
