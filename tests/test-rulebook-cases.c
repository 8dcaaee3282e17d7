/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rr-rulebook.h"

/* The rulebook case by case: what the article ("When Should I Run Through Pain?") says
 * a runner in each situation should do, written down as a table before looking at what
 * the rules make of it. Each case gives the spots (space separated, "id" or "id:level"),
 * the pain level (for spots given without one, and the overall level), the symptoms
 * ticked, the range the verdict must fall in, the conditions and advice that must come
 * up and the conditions (and advice) that must not. */

#define KEEP  RR_VERDICT_KEEP_RUNNING
#define EASE  RR_VERDICT_EASE_OFF
#define STOP  RR_VERDICT_STOP_AND_REST
#define PRO   RR_VERDICT_SEE_PROFESSIONAL
#define EMERG RR_VERDICT_EMERGENCY

typedef struct {
  const char *name;
  const char *regions;
  int         pain;
  const char *symptoms;
  RrVerdict   min;
  RrVerdict   max;
  const char *conditions_expected;
  const char *advice_expected;
  const char *must_not_conditions;
  const char *must_not_advice;
} Case;

static const Case cases[] = {
  /* The grades, with no spot chosen: 0 / 1-3 / 4-6 / 7-10 and their edges. */
  { "no-pain", "", 0, "", KEEP, KEEP, "", "", "", "police" },
  { "no-region-pain-1", "", 1, "", KEEP, KEEP, "", "add-mileage-gradually rest-days", "", "stop-running-now police" },
  { "no-region-pain-3", "", 3, "", KEEP, KEEP, "", "", "", "stop-running-now" },
  /* Pain 4 is read as moderate (the safer of the article's two readings). */
  { "no-region-pain-4-is-moderate", "", 4, "", EASE, EASE, "", "end-training-run", "", "" },
  { "no-region-pain-6", "", 6, "", EASE, EASE, "", "listen-to-your-body end-training-run", "", "run-through-strategies" },
  { "no-region-pain-7-severe", "", 7, "", PRO, PRO, "", "stop-running-now see-doctor-or-physio", "", "run-through-strategies" },
  { "no-region-pain-10-intolerable", "", 10, "", PRO, PRO, "", "stop-running-now", "", "" },

  /* The same edges on a spot the article does not discuss: the grades alone. */
  { "thigh-front-pain-3", "left-thigh-front", 3, "", KEEP, KEEP, "", "run-through-strategies", "", "police" },
  { "thigh-front-pain-4", "left-thigh-front", 4, "", EASE, EASE, "", "police end-training-run", "", "run-through-strategies" },
  { "thigh-front-pain-6", "left-thigh-front", 6, "", EASE, EASE, "", "police end-training-run", "", "run-through-strategies" },
  { "thigh-front-pain-7", "left-thigh-front", 7, "", PRO, PRO, "", "stop-running-now", "", "run-through-strategies" },
  { "abdomen-grade-only", "abdomen", 5, "", EASE, EASE, "", "end-training-run", "heart-attack", "police" },
  { "groin-severe", "right-groin", 8, "", PRO, PRO, "", "see-doctor-or-physio", "", "" },

  /* Race or training with moderate pain. */
  { "moderate-training-run", "right-thigh-back", 5, "", EASE, EASE, "", "end-training-run police", "", "finish-race-carefully" },
  { "moderate-race", "right-thigh-back", 5, "race", EASE, EASE, "", "finish-race-carefully police", "", "end-training-run" },
  { "pain-4-race-finish-easier", "left-glute", 4, "race", EASE, EASE, "", "finish-race-carefully run-through-strategies", "", "" },
  { "race-does-not-hide-limping", "left-glute", 5, "race limping", STOP, STOP, "", "stop-running-now", "", "finish-race-carefully" },

  /* Patterns that stop the run whatever the number. */
  { "limping-at-low-pain", "right-knee-inner", 2, "limping", STOP, STOP, "", "stop-running-now", "", "run-through-strategies" },
  { "limping-no-region", "", 0, "limping", STOP, STOP, "", "stop-running-now", "", "" },
  { "worsening", "left-arm", 3, "worsening", STOP, STOP, "", "stop-running-now", "", "run-through-strategies" },
  { "before-during-after", "upper-back", 4, "before-during-after", STOP, STOP, "", "take-a-break", "", "" },
  { "hurts-at-rest", "right-thigh-front", 5, "at-rest", STOP, STOP, "", "take-a-break police cross-train gradual-return", "", "run-through-strategies" },

  /* The article's red flags: see a professional, however low the pain. */
  { "flag-radiating-lower-back", "lower-back", 3, "radiating", PRO, PRO, "low-back-soreness", "see-doctor-or-physio", "", "run-through-strategies" },
  { "flag-swelling-no-region", "", 1, "swelling", PRO, PRO, "", "see-doctor-or-physio", "", "" },
  { "flag-giving-way", "left-knee-back", 2, "giving-way", PRO, PRO, "", "stop-running-now", "", "" },
  { "flag-numb-foot-shoes-too", "left-foot-top", 2, "numbness", PRO, PRO, "tight-shoes", "check-shoes see-doctor-or-physio", "", "" },
  { "flag-numb-arm", "right-arm", 0, "numbness", PRO, PRO, "", "see-doctor-or-physio", "tight-shoes", "" },
  { "flag-tender-shin-moderate", "left-shin-inner", 5, "tender-to-touch", PRO, PRO, "bone-stress-injury", "stop-running-now", "stress-fracture", "end-training-run run-through-strategies" },
  { "flag-tender-shin-bone", "right-shin-inner", 1, "tender-to-touch", PRO, PRO, "bone-stress-injury shin-splints", "see-doctor-or-physio", "", "" },
  { "flag-tender-thigh", "left-thigh-back", 0, "tender-to-touch", PRO, PRO, "", "see-doctor-or-physio", "bone-stress-injury", "" },
  { "persistent-anywhere", "left-knee-inner", 2, "persistent", PRO, PRO, "", "see-doctor-or-physio", "", "" },

  /* Emergencies: a possible heart attack, a possible heat stroke. */
  { "chest-with-sweating", "chest", 3, "sweating", EMERG, EMERG, "heart-attack", "call-emergency", "", "" },
  { "chest-with-breathlessness", "chest", 6, "breathless", EMERG, EMERG, "heart-attack", "call-emergency", "", "" },
  { "chest-radiating", "chest", 2, "radiating", EMERG, EMERG, "heart-attack", "call-emergency", "", "" },
  { "chest-pain-alone", "chest", 2, "", PRO, PRO, "", "stop-running-now see-doctor-or-physio", "heart-attack", "run-through-strategies" },
  { "sweating-and-breathless-no-chest", "", 0, "sweating breathless", EMERG, EMERG, "heart-attack", "call-emergency", "", "" },
  { "heat-stroke-dizzy", "", 0, "hot-dry-skin dizziness", EMERG, EMERG, "heat-stroke", "call-emergency cool-down-now", "", "" },
  { "heat-stroke-vomiting-on-a-run", "left-calf", 2, "hot-dry-skin vomiting", EMERG, EMERG, "heat-stroke shin-splints", "call-emergency", "", "" },
  { "hot-dry-skin-alone", "left-knee-front", 2, "hot-dry-skin", EMERG, EMERG, "heat-stroke runners-knee", "call-emergency", "", "" },
  { "dizzy-alone", "", 0, "dizziness", STOP, STOP, "dehydration", "hydrate stop-running-now", "heat-stroke", "" },
  { "fainted-anywhere", "right-calf", 1, "fainted", EMERG, EMERG, "", "call-emergency", "", "" },
  { "double-vision-no-region", "", 0, "double-vision", EMERG, EMERG, "", "call-emergency", "", "" },

  /* Head. */
  { "headache-mild", "head", 3, "", KEEP, KEEP, "exertional-headache dehydration", "hydrate pain-relief", "", "run-through-strategies police" },
  { "headache-one-sided", "head", 2, "one-sided", PRO, PRO, "exertional-headache", "see-doctor-or-physio", "", "" },
  { "headache-painkillers-fail", "head", 4, "not-relieved-by-medication", PRO, PRO, "", "see-doctor-or-physio", "", "" },
  { "headache-first-over-40", "head", 3, "first-headache-over-40", PRO, PRO, "", "see-doctor-or-physio", "", "" },
  { "headache-rigid-neck", "head", 5, "stiff-neck", EMERG, EMERG, "", "call-emergency", "", "" },
  { "headache-vomiting", "head", 4, "vomiting", EMERG, EMERG, "", "call-emergency", "", "" },

  /* Neck and shoulders. */
  { "neck-tension", "neck", 3, "", KEEP, KEEP, "neck-shoulder-tension", "relax-upper-body cross-train", "", "" },
  { "shoulder-moderate-hold-off", "left-shoulder", 5, "", STOP, STOP, "neck-shoulder-tension", "cross-train", "", "run-through-strategies" },

  /* Lower back. */
  { "lower-back-soreness", "lower-back", 4, "", EASE, EASE, "low-back-soreness", "strengthen-core unilateral-strength stretch-and-foam-roll", "", "" },

  /* Hips. */
  { "hip-flexors-tight", "right-hip-front", 2, "", KEEP, KEEP, "tight-hip-flexors", "stretch-and-foam-roll warm-up", "hip-bursitis", "" },
  { "hip-joint-swelling", "right-hip-front", 3, "swelling", PRO, PRO, "hip-bursitis", "take-a-break gradual-return", "", "" },
  { "hip-outer-bursitis", "left-hip-outer", 5, "", STOP, STOP, "hip-bursitis", "take-a-break cross-train gradual-return", "", "run-through-strategies" },
  { "hip-stress-fracture", "left-groin", 3, "worsening", PRO, PRO, "stress-fracture", "see-doctor-or-physio", "", "" },

  /* Knees. */
  { "knee-outer-moderate", "left-knee-outer", 5, "", PRO, PRO, "it-band-syndrome", "see-doctor-or-physio", "", "run-through-strategies" },
  { "knee-outer-pain-4-race", "left-knee-outer", 4, "race", PRO, PRO, "it-band-syndrome", "see-doctor-or-physio", "", "finish-race-carefully" },
  { "knee-outer-mild", "right-knee-outer", 2, "", KEEP, KEEP, "it-band-syndrome", "see-doctor-or-physio", "", "" },
  { "knee-front-runners-knee", "left-knee-front", 3, "", KEEP, KEEP, "runners-knee", "ice-and-rest strengthen-quads short-quick-strides", "", "" },
  { "knee-below-moderate", "right-knee-below", 4, "", EASE, EASE, "patellar-tendinitis", "police", "", "" },
  { "knee-below-swelling", "right-knee-below", 2, "swelling", PRO, PRO, "patellar-tendinitis", "see-doctor-or-physio", "", "" },
  { "knee-below-warms-up-tendinopathy", "left-knee-below", 2, "eases-with-warmup", KEEP, KEEP, "tendinopathy patellar-tendinitis", "ice-and-rest run-through-strategies", "", "police" },

  /* Shins. */
  { "shin-splints-mild", "right-calf", 3, "", KEEP, KEEP, "shin-splints", "ice-and-rest add-mileage-gradually", "stress-fracture", "" },
  { "shin-pain-persists", "left-shin-front", 3, "persistent", PRO, PRO, "shin-splints stress-fracture", "see-doctor-or-physio", "", "" },

  /* Ankles. */
  { "achilles-sore", "right-ankle-back", 3, "", KEEP, KEEP, "achilles-tendinitis", "ice-and-rest anti-inflammatory", "", "police" },
  { "ankle-twist", "left-ankle-outer", 6, "sudden-sharp", PRO, PRO, "sprain-or-fracture", "stop-running-now see-doctor-or-physio", "", "" },
  { "ankle-worsening-stress-fracture", "right-ankle-inner", 3, "worsening", PRO, PRO, "stress-fracture", "see-doctor-or-physio", "sprain-or-fracture", "" },

  /* Feet. */
  { "heel-morning-plantar-fasciitis", "right-heel", 3, "morning-worse", KEEP, KEEP, "plantar-fasciitis", "check-shoes", "stress-fracture", "" },
  { "arch-sudden-sharp", "left-arch", 2, "sudden-sharp", PRO, PRO, "stress-fracture", "stop-running-now", "", "" },
  { "toes-worsening", "right-toes", 4, "worsening", PRO, PRO, "stress-fracture", "see-doctor-or-physio", "", "" },

  /* Several spots: each keeps its own level, the worst one sets the grade. */
  { "two-spots-worst-counts", "left-knee-front:2 right-calf:8", 0, "", PRO, PRO, "runners-knee shin-splints", "stop-running-now", "", "" },
  { "two-spots-each-level", "left-knee-outer:2 left-knee-front:5", 0, "", EASE, EASE, "it-band-syndrome runners-knee", "see-doctor-or-physio strengthen-quads", "", "" },
  { "both-knees-below-warm-up", "left-knee-below right-knee-below", 2, "eases-with-warmup", KEEP, KEEP, "tendinopathy patellar-tendinitis", "ice-and-rest", "", "police" },
  { "chest-and-knee", "chest:1 right-knee-front:1", 0, "breathless", EMERG, EMERG, "heart-attack runners-knee", "call-emergency", "", "" },

  /* The article's other hints of tendinopathy: the same part on both sides, an ache
   * that moves around. */
  { "both-achilles-mild", "left-ankle-back right-ankle-back", 2, "", KEEP, KEEP, "tendinopathy achilles-tendinitis", "", "", "police" },
  { "one-achilles-mild", "left-ankle-back", 2, "", KEEP, KEEP, "achilles-tendinitis", "", "tendinopathy", "" },
  { "ache-moves-around", "right-thigh-back", 2, "moves-around", KEEP, KEEP, "tendinopathy", "", "", "" },

  /* Heart and heat: the signs that go together. */
  { "chest-vomiting", "chest", 4, "vomiting", EMERG, EMERG, "heart-attack", "call-emergency", "", "cross-train add-mileage-gradually hydrate" },
  { "arm-spreading-sweat", "left-arm", 4, "radiating sweating", EMERG, EMERG, "heart-attack", "call-emergency", "", "see-doctor-or-physio" },
  { "upper-back-spreading-breathless", "upper-back", 3, "radiating breathless", EMERG, EMERG, "heart-attack", "call-emergency", "", "" },
  { "arm-spreading-alone", "right-arm", 3, "radiating", PRO, PRO, "", "see-doctor-or-physio", "heart-attack", "" },
  { "overheated-dizzy", "", 0, "overheated dizziness", EMERG, EMERG, "heat-stroke", "call-emergency cool-down-now", "", "hydrate" },
  { "overheated-alone", "", 0, "overheated", STOP, STOP, "", "cool-down-now stop-running-now", "heat-stroke", "" },

  /* The severe pattern at a moderate number: see a doctor or physiotherapist. */
  { "severe-pattern-at-5", "right-thigh-front", 5, "before-during-after worsening limping", PRO, PRO, "", "see-doctor-or-physio", "", "run-through-strategies" },
  { "calf-worsening", "left-calf", 3, "worsening", PRO, PRO, "stress-fracture", "see-doctor-or-physio", "", "" },
};

static gboolean
contains_all (RrGuidance *guidance,
              const char *ids,
              gboolean  (*has) (RrGuidance *, const char *),
              gboolean    wanted)
{
  g_auto(GStrv) list = g_strsplit (ids, " ", -1);

  for (guint i = 0; list[i]; i++)
    if (*list[i] && has (guidance, list[i]) != wanted)
      return FALSE;
  return TRUE;
}

static char *
describe (RrGuidance *guidance)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "verdict %s; conditions:", rr_guidance_get_verdict_id (guidance));
  for (guint i = 0; i < rr_guidance_get_n_conditions (guidance); i++)
    {
      const RrGuidanceCondition *c = rr_guidance_get_condition (guidance, i);
      g_string_append_printf (out, " %s@%s", c->id, c->region ? c->region : "-");
    }
  g_string_append (out, "; advice:");
  for (guint i = 0; i < rr_guidance_get_n_advice (guidance); i++)
    g_string_append_printf (out, " %s", rr_guidance_get_advice (guidance, i)->id);
  return g_string_free (out, FALSE);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(RrAssessment) a = rr_assessment_new ();
  g_autoptr(RrGuidance) g = NULL;
  g_auto(GStrv) regions = g_strsplit (c->regions, " ", -1);
  g_auto(GStrv) symptoms = g_strsplit (c->symptoms, " ", -1);
  RrVerdict verdict;
  gboolean ok;

  rr_assessment_set_pain (a, c->pain);
  for (guint i = 0; regions[i]; i++)
    {
      g_auto(GStrv) spot = g_strsplit (regions[i], ":", 2);
      int level = c->pain;

      if (*spot[0] == '\0')
        continue;
      if (spot[1])
        level = (int) g_ascii_strtoll (spot[1], NULL, 10);
      g_assert_true (rr_rulebook_has_region (rr_rulebook_get_default (), spot[0]));
      rr_assessment_add_region (a, spot[0], level);
    }
  for (guint i = 0; symptoms[i]; i++)
    if (*symptoms[i])
      {
        g_assert_true (rr_rulebook_has_symptom (rr_rulebook_get_default (), symptoms[i]));
        rr_assessment_set_symptom (a, symptoms[i], TRUE);
      }

  g = rr_rulebook_evaluate (rr_rulebook_get_default (), a);
  verdict = rr_guidance_get_verdict (g);

  ok = verdict >= c->min && verdict <= c->max &&
       contains_all (g, c->conditions_expected, rr_guidance_has_condition, TRUE) &&
       contains_all (g, c->advice_expected, rr_guidance_has_advice, TRUE) &&
       contains_all (g, c->must_not_conditions, rr_guidance_has_condition, FALSE) &&
       contains_all (g, c->must_not_advice, rr_guidance_has_advice, FALSE);

  if (!ok)
    {
      g_autofree char *got = describe (g);

      g_test_message ("case %s: regions \"%s\", pain %d, symptoms \"%s\"", c->name, c->regions,
                      c->pain, c->symptoms);
      g_test_message ("  expected verdict %s..%s, conditions \"%s\", advice \"%s\", "
                      "not conditions \"%s\", not advice \"%s\"",
                      rr_verdict_to_id (c->min), rr_verdict_to_id (c->max), c->conditions_expected,
                      c->advice_expected, c->must_not_conditions, c->must_not_advice);
      g_test_message ("  got %s", got);
    }

  /* Compared as ids, so a failure reads "keep-running" rather than 0. */
  if (verdict < c->min)
    g_assert_cmpstr (rr_verdict_to_id (verdict), ==, rr_verdict_to_id (c->min));
  if (verdict > c->max)
    g_assert_cmpstr (rr_verdict_to_id (verdict), ==, rr_verdict_to_id (c->max));
  g_assert_true (contains_all (g, c->conditions_expected, rr_guidance_has_condition, TRUE));
  g_assert_true (contains_all (g, c->advice_expected, rr_guidance_has_advice, TRUE));
  g_assert_true (contains_all (g, c->must_not_conditions, rr_guidance_has_condition, FALSE));
  g_assert_true (contains_all (g, c->must_not_advice, rr_guidance_has_advice, FALSE));
  /* A verdict above "keep running" always says why. */
  if (verdict > RR_VERDICT_KEEP_RUNNING)
    g_assert_cmpuint (rr_guidance_get_n_reasons (g), >, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rulebook/case/%02u-%s", i + 1, cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }

  return g_test_run ();
}
