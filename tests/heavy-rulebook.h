/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The heaviest rulebooks the loader accepts, for test-broken-rulebooks (they load and
 * evaluate) and rr-bench (how long that takes: speed is measured there, not in tests). */
#pragma once

#include <glib.h>

#include "rr-rulebook.h"

/* The shapes: entries of each kind, rules, ids in each list of a rule. */
static const guint heavy_shapes[][3] = {
  { 512, 14, 128 },   /* few rules with long lists: every rule matches 384 spots */
  { 512, 56, 32 },
  { 512, 512, 3 },    /* as many entries as allowed of every kind */
};

/* A rulebook as slow as a hostile file may make one: @n entries of each kind and rules
 * whose lists name @refs ids each, spread so that every rule matches every spot. */
static inline GString *
heavy_rulebook (guint n,
                guint n_rules,
                guint refs)
{
  static const char * const verdicts[] = {
    "keep-running", "ease-off", "stop-and-rest", "see-professional", "emergency",
  };
  GString *xml = g_string_new ("<rulebook version=\"1\"><disclaimer>d</disclaimer>"
                               "<sources><source id=\"s\" authors=\"a\" title=\"t\" journal=\"j\" year=\"1\"/></sources>"
                               "<verdicts>");

  for (guint i = 0; i < G_N_ELEMENTS (verdicts); i++)
    g_string_append_printf (xml, "<verdict id=\"%s\"><name>n</name><headline>h</headline></verdict>", verdicts[i]);
  g_string_append (xml, "</verdicts><grades><grade id=\"g\" min=\"0\" max=\"10\"><name>n</name>"
                        "<description>d</description></grade></grades><regions>");
  /* Paired parts: one id in parts= covers three regions (left, right and centre). */
  for (guint i = 0; i < n; i++)
    {
      static const char * const sides[] = { "center", "left", "right" };
      const char *side = sides[i % 3];

      g_string_append_printf (xml, "<region id=\"%s%sr%u\" part=\"r%u\" side=\"%s\" view=\"front\"><name>n</name></region>",
                              i % 3 ? side : "", i % 3 ? "-" : "", i / 3, i / 3, side);
    }
  g_string_append (xml, "</regions><symptoms>");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, "<symptom id=\"s%u\" group=\"general\"><name>n</name><question>q</question></symptom>", i);
  g_string_append (xml, "</symptoms><conditions>");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, "<condition id=\"c%u\" sources=\"s\"><name>n</name><text>t</text></condition>", i);
  g_string_append (xml, "</conditions><advice>");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, "<item id=\"a%u\" priority=\"1\" sources=\"s\"><title>t</title><text>t</text></item>", i);
  g_string_append (xml, "</advice><rules>");
  for (guint i = 0; i < n_rules; i++)
    {
      static const char * const lists[] = { "parts", "any", "conditions", "advice" };
      static const char prefix[] = { 'r', 's', 'c', 'a' };

      g_string_append_printf (xml, "<rule id=\"u%u\" verdict=\"%s\"", i, verdicts[i % 4]);
      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        {
          g_string_append_printf (xml, " %s=\"", lists[l]);
          for (guint k = 0; k < refs; k++)
            g_string_append_printf (xml, "%s%c%u", k ? " " : "", prefix[l],
                                    (i + k * 7) % (prefix[l] == 'r' ? (n + 2) / 3 : n));
          g_string_append_c (xml, '"');
        }
      g_string_append (xml, "/>");
    }
  g_string_append (xml, "</rules></rulebook>");

  return xml;
}

/* Every spot and every other symptom: as much work as one evaluation can be. */
static inline void
evaluate_everything (RrRulebook *book)
{
  const char * const *regions = rr_rulebook_get_regions (book);
  const char * const *symptoms = rr_rulebook_get_symptoms (book);
  g_autoptr(RrAssessment) assessment = rr_assessment_new ();
  g_autoptr(RrGuidance) guidance = NULL;

  for (guint i = 0; regions[i]; i++)
    rr_assessment_add_region (assessment, regions[i], (int) (i % 11));
  for (guint i = 0; symptoms[i]; i += 2)
    rr_assessment_set_symptom (assessment, symptoms[i], TRUE);
  guidance = rr_rulebook_evaluate (book, assessment);
  g_assert_nonnull (guidance);
}
