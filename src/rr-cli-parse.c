/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, RR_PAIN_MIN, RR_PAIN_MAX, &value, NULL))
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

      if (level < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("region “%s” has no pain level: write %s:N or add --pain=N (N from 0 to 10)"),
                       parts[0], parts[0]);
          return NULL;
        }

      rr_assessment_add_region (assessment, parts[0], level);
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
      rr_assessment_set_symptom (assessment, symptoms[i], TRUE);
    }

  return g_steal_pointer (&assessment);
}
