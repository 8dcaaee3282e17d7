/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rr-rulebook.h"
#include "vocabulary.h"

/* The article's red flags: any one of them means stop and get checked, whatever the
 * pain level. The rulebook may mark more; these it may not unmark. */
static const char * const article_red_flags[] = {
  "radiating", "swelling", "giving-way", "numbness", "tender-to-touch", NULL
};

/* RR_TEST_QUICK=1 (set by the valgrind test setup) checks every STRIDE-th region or
 * symptom pair instead of all of them: the same properties on a sample, ~5 times fewer
 * evaluations. */
static guint
stride (void)
{
  return g_getenv ("RR_TEST_QUICK") ? 5 : 1;
}

static RrVerdict
verdict_of (const char *region,
            int         pain,
            const char *symptom_a,
            const char *symptom_b)
{
  g_autoptr(RrAssessment) a = rr_assessment_new ();
  g_autoptr(RrGuidance) g = NULL;

  rr_assessment_set_pain (a, pain);
  if (region)
    rr_assessment_add_region (a, region, pain);
  if (symptom_a)
    rr_assessment_set_symptom (a, symptom_a, TRUE);
  if (symptom_b)
    rr_assessment_set_symptom (a, symptom_b, TRUE);

  g = rr_rulebook_evaluate (rr_rulebook_get_default (), a);
  return rr_guidance_get_verdict (g);
}

static void
fail (const char *what,
      const char *region,
      int         pain,
      const char *symptom_a,
      const char *symptom_b,
      RrVerdict   got)
{
  g_error ("%s: region %s, pain %d, symptoms %s %s gave %s", what,
           region ? region : "(none)", pain, symptom_a ? symptom_a : "", symptom_b ? symptom_b : "",
           rr_verdict_to_id (got));
}

/* Every region (and no region) x pain 0..10 x no symptom or each single symptom. */
static void
test_single_symptoms (void)
{
  RrRulebook *book = rr_rulebook_get_default ();
  g_auto(GStrv) vocabulary = vocabulary_regions ();
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  const char * const *symptoms = rr_rulebook_get_symptoms (book);
  guint n_symptoms = g_strv_length ((char **) symptoms);
  guint checked = 0;

  g_ptr_array_add (regions, NULL);
  for (guint i = 0; i < g_strv_length (vocabulary); i += stride ())
    g_ptr_array_add (regions, vocabulary[i]);

  for (guint r = 0; r < regions->len; r++)
    {
      const char *region = g_ptr_array_index (regions, r);
      RrVerdict previous[32] = { 0 };

      g_assert_cmpuint (n_symptoms + 1, <=, G_N_ELEMENTS (previous));

      for (int pain = 0; pain <= 10; pain++)
        {
          RrVerdict bare = verdict_of (region, pain, NULL, NULL);

          /* More pain never lowers the verdict. */
          if (bare < previous[n_symptoms])
            fail ("more pain lowered the verdict", region, pain, NULL, NULL, bare);
          previous[n_symptoms] = bare;

          /* The grades: severe pain is never "keep running" or "ease off". */
          if (pain >= 7 && bare < RR_VERDICT_STOP_AND_REST)
            fail ("severe pain must stop the run", region, pain, NULL, NULL, bare);
          if (pain >= 4 && bare < RR_VERDICT_EASE_OFF)
            fail ("moderate pain must ease off at least", region, pain, NULL, NULL, bare);

          for (guint s = 0; s < n_symptoms; s++)
            {
              RrVerdict v = verdict_of (region, pain, symptoms[s], NULL);

              checked++;
              if (v < bare)
                fail ("a symptom lowered the verdict", region, pain, symptoms[s], NULL, v);
              if (v < previous[s])
                fail ("more pain lowered the verdict", region, pain, symptoms[s], NULL, v);
              previous[s] = v;

              if ((rr_rulebook_is_red_flag (book, symptoms[s]) ||
                   g_strv_contains (article_red_flags, symptoms[s])) &&
                  v < RR_VERDICT_SEE_PROFESSIONAL)
                fail ("a red flag was outranked", region, pain, symptoms[s], NULL, v);

              if (g_str_equal (symptoms[s], "limping") && v < RR_VERDICT_STOP_AND_REST)
                fail ("limping must stop the run", region, pain, symptoms[s], NULL, v);

              if (g_str_equal (symptoms[s], "hot-dry-skin") && v != RR_VERDICT_EMERGENCY)
                fail ("heat stroke signs must be an emergency", region, pain, symptoms[s], NULL, v);
            }
        }
    }

  g_test_message ("%u single-symptom assessments checked", checked);
}

/* Pairs of symptoms for a sample of regions: still monotonic, and the emergency signs
 * are emergencies whatever else is going on. */
static void
test_symptom_pairs (void)
{
  static const char * const sample[] = {
    NULL, "chest", "head", "left-knee-outer", "right-shin-inner", "left-heel",
    "right-ankle-outer", "lower-back", "right-hip-outer", "left-calf",
  };
  RrRulebook *book = rr_rulebook_get_default ();
  const char * const *symptoms = rr_rulebook_get_symptoms (book);
  guint checked = 0;

  for (guint r = 0; r < G_N_ELEMENTS (sample); r += stride () > 1 ? 3 : 1)
    for (int pain = 0; pain <= 10; pain += stride () > 1 ? 2 : 1)
      for (guint i = 0; symptoms[i]; i++)
        {
          RrVerdict single = verdict_of (sample[r], pain, symptoms[i], NULL);

          for (guint j = i + 1; symptoms[j]; j++)
            {
              RrVerdict pair = verdict_of (sample[r], pain, symptoms[i], symptoms[j]);
              RrVerdict other = verdict_of (sample[r], pain, symptoms[j], NULL);

              checked++;
              if (pair < single || pair < other)
                fail ("a second symptom lowered the verdict", sample[r], pain, symptoms[i], symptoms[j], pair);
            }
        }

  g_test_message ("%u symptom pairs checked", checked);
}

static void
test_emergencies (void)
{
  g_auto(GStrv) regions = vocabulary_regions ();
  guint n_regions = g_strv_length (regions);

  for (int pain = 0; pain <= 10; pain++)
    {
      /* Chest pain with sweating or breathlessness: a possible heart attack. */
      RrVerdict sweating = verdict_of ("chest", pain, "sweating", NULL);
      RrVerdict breathless = verdict_of ("chest", pain, "breathless", NULL);
      RrVerdict radiating = verdict_of ("chest", pain, "radiating", NULL);

      if (sweating != RR_VERDICT_EMERGENCY)
        fail ("chest pain with sweating", "chest", pain, "sweating", NULL, sweating);
      if (breathless != RR_VERDICT_EMERGENCY)
        fail ("chest pain with breathlessness", "chest", pain, "breathless", NULL, breathless);
      if (radiating != RR_VERDICT_EMERGENCY)
        fail ("radiating chest pain", "chest", pain, "radiating", NULL, radiating);

      /* Hot dry skin with dizziness, nausea or vomiting: heat stroke, anywhere. */
      for (guint i = 0; i < n_regions; i += 5)
        {
          static const char * const with[] = { "dizziness", "nausea", "vomiting" };

          for (guint k = 0; k < G_N_ELEMENTS (with); k++)
            {
              RrVerdict v = verdict_of (regions[i], pain, "hot-dry-skin", with[k]);

              if (v != RR_VERDICT_EMERGENCY)
                fail ("heat stroke", regions[i], pain, "hot-dry-skin", with[k], v);
            }
        }
      {
        RrVerdict v = verdict_of (NULL, pain, "hot-dry-skin", "dizziness");
        if (v != RR_VERDICT_EMERGENCY)
          fail ("heat stroke", NULL, pain, "hot-dry-skin", "dizziness", v);
      }
    }
}

/* A second sore spot never makes the answer milder. */
static void
test_more_spots (void)
{
  RrRulebook *book = rr_rulebook_get_default ();
  g_auto(GStrv) regions = vocabulary_regions ();
  guint n_regions = g_strv_length (regions);

  for (guint i = 0; i < n_regions; i += stride ())
    for (guint j = i % 7; j < n_regions; j += 7)
      for (int pain = 0; pain <= 10; pain += 3)
        {
          g_autoptr(RrAssessment) one = rr_assessment_new ();
          g_autoptr(RrAssessment) two = NULL;
          g_autoptr(RrGuidance) g1 = NULL;
          g_autoptr(RrGuidance) g2 = NULL;

          if (i == j)
            continue;
          rr_assessment_add_region (one, regions[i], pain);
          two = rr_assessment_copy (one);
          rr_assessment_add_region (two, regions[j], 10 - pain);
          g1 = rr_rulebook_evaluate (book, one);
          g2 = rr_rulebook_evaluate (book, two);
          if (rr_guidance_get_verdict (g2) < rr_guidance_get_verdict (g1))
            fail ("a second spot lowered the verdict", regions[i], pain, regions[j], NULL,
                  rr_guidance_get_verdict (g2));
        }
}

/* ------------------------------------------------------------------------------ */
/* Coherent and focused: an answer says one thing, and fits in a glance.          */
/* ------------------------------------------------------------------------------ */

/* What an emergency says: call, stop, and what to do until help comes. */
static const char * const emergency_advice[] = {
  "call-emergency", "cool-down-now", "stop-running-now", NULL
};

/* Advice that tells the runner to stop running (now or for days). */
static const char * const stopping_advice[] = {
  "call-emergency", "cool-down-now", "stop-running-now", "end-training-run", "take-a-break", NULL
};

/* Pairs that contradict each other in one answer: two icing regimes; cutting a training
 * run short and getting through the rest of it. */
static const char * const contradicting_advice[][2] = {
  { "police", "ice-and-rest" },
  { "end-training-run", "run-through-strategies" },
};

#define MAX_ADVICE_ONE_SPOT 8

static gboolean
has_advice (RrGuidance *g,
            const char *id)
{
  for (guint i = 0; i < rr_guidance_get_n_advice (g); i++)
    if (g_str_equal (rr_guidance_get_advice (g, i)->id, id))
      return TRUE;
  return FALSE;
}

static void
incoherent (const char   *what,
            RrAssessment *a,
            RrGuidance   *g,
            const char   *detail)
{
  g_autoptr(GVariant) state = g_variant_ref_sink (rr_assessment_serialize (a));
  g_autofree char *said = g_variant_print (state, FALSE);

  g_error ("%s (%s): %s gave %s", what, detail, said, rr_verdict_to_id (rr_guidance_get_verdict (g)));
}

static void
check_coherent (RrRulebook   *book,
                RrAssessment *a,
                guint        *checked)
{
  g_autoptr(RrGuidance) g = rr_rulebook_evaluate (book, a);
  RrVerdict verdict = rr_guidance_get_verdict (g);
  gboolean one_spot = g_strv_length ((char **) rr_assessment_get_regions (a)) == 1;

  (*checked)++;
  if (verdict == RR_VERDICT_EMERGENCY && !has_advice (g, "call-emergency"))
    incoherent ("an emergency does not say to call for help", a, g, "");
  for (guint i = 0; i < rr_guidance_get_n_advice (g); i++)
    {
      const char *id = rr_guidance_get_advice (g, i)->id;

      if (verdict == RR_VERDICT_EMERGENCY && !g_strv_contains (emergency_advice, id))
        incoherent ("an emergency holds everyday advice", a, g, id);
      if (verdict == RR_VERDICT_KEEP_RUNNING && g_strv_contains (stopping_advice, id))
        incoherent ("\"keep running\" tells the runner to stop", a, g, id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (contradicting_advice); i++)
    if (has_advice (g, contradicting_advice[i][0]) && has_advice (g, contradicting_advice[i][1]))
      incoherent ("two pieces of advice contradict each other", a, g, contradicting_advice[i][0]);

  for (guint i = 0; i < rr_guidance_get_n_flags (g); i++)
    {
      const RrGuidanceFlag *flag = rr_guidance_get_flag (g, i);

      if (!rr_rulebook_symptom_is_asked (book, flag->id, a))
        incoherent ("a warning sign listed does not apply to the spots", a, g, flag->id);
      if (rr_assessment_has_symptom (a, flag->id))
        incoherent ("a warning sign listed is already ticked", a, g, flag->id);
      if (flag->verdict <= verdict)
        incoherent ("a warning sign listed would not change the answer", a, g, flag->id);
      if (i > 0 && flag->verdict > rr_guidance_get_flag (g, i - 1)->verdict)
        incoherent ("the warning signs are not most serious first", a, g, flag->id);
    }
  if (one_spot && rr_guidance_get_n_flags (g) > RR_GUIDANCE_MAX_FLAGS)
    incoherent ("too many warning signs for one spot", a, g, "");
  if (one_spot && rr_guidance_get_n_advice (g) > MAX_ADVICE_ONE_SPOT)
    incoherent ("too much advice for one spot", a, g, "");
}

/* Every region (and none) x pain 0..10 x no symptom, each single symptom, and pairs for
 * the sample regions of the pairs test. */
static void
test_coherent (void)
{
  static const char * const sample[] = {
    "chest", "head", "left-knee-front", "right-shin-inner", "left-heel", "lower-back", "left-arm",
  };
  RrRulebook *book = rr_rulebook_get_default ();
  g_auto(GStrv) vocabulary = vocabulary_regions ();
  const char * const *symptoms = rr_rulebook_get_symptoms (book);
  guint checked = 0;

  for (guint r = 0; r <= g_strv_length (vocabulary); r += stride ())
    for (int pain = 0; pain <= 10; pain++)
      for (int s = -1; s < (int) g_strv_length ((char **) symptoms); s++)
        {
          g_autoptr(RrAssessment) a = rr_assessment_new ();

          rr_assessment_set_pain (a, pain);
          if (vocabulary[r])
            rr_assessment_add_region (a, vocabulary[r], pain);
          if (s >= 0)
            rr_assessment_set_symptom (a, symptoms[s], TRUE);
          check_coherent (book, a, &checked);
        }

  for (guint r = 0; r < G_N_ELEMENTS (sample); r += stride ())
    for (int pain = 0; pain <= 10; pain += stride ())
      for (guint i = 0; symptoms[i]; i++)
        for (guint j = i + 1; symptoms[j]; j++)
          {
            g_autoptr(RrAssessment) a = rr_assessment_new ();

            rr_assessment_add_region (a, sample[r], pain);
            rr_assessment_set_symptom (a, symptoms[i], TRUE);
            rr_assessment_set_symptom (a, symptoms[j], TRUE);
            check_coherent (book, a, &checked);
          }

  g_test_message ("%u answers checked for coherence", checked);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safety/single-symptoms", test_single_symptoms);
  g_test_add_func ("/safety/symptom-pairs", test_symptom_pairs);
  g_test_add_func ("/safety/emergencies", test_emergencies);
  g_test_add_func ("/safety/more-spots", test_more_spots);
  g_test_add_func ("/safety/coherent", test_coherent);

  return g_test_run ();
}
