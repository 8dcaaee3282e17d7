/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-rulebook-eval.c: what the rules make of an assessment */
#include "config.h"

#include <string.h>

#include "rr-guidance-private.h"
#include "rr-rulebook-private.h"

#define BITS_WORDS(n)  (((n) + 63) / 64)
#define BITS_SET(b, i) ((b)[(i) / 64] |= G_GUINT64_CONSTANT (1) << ((i) % 64))
#define BITS_HAS(b, i) ((((b)[(i) / 64]) >> ((i) % 64)) & 1)
static void

set_symptom_bits (RrRulebook  *self,
                  Bits        *bits,
                  char       **ids)
{
  for (guint i = 0; ids && ids[i]; i++)
    {
      Symptom *s = g_hash_table_lookup (self->symptoms.by_id, ids[i]);

      BITS_SET (bits, s->index);
    }
}

static void
add_raising_rule (RrRulebook  *self,
                  Rule        *rule,
                  char       **ids)
{
  for (guint i = 0; ids && ids[i]; i++)
    {
      Symptom *s = g_hash_table_lookup (self->symptoms.by_id, ids[i]);

      if (!g_ptr_array_find (s->raising, rule, NULL))
        g_ptr_array_add (s->raising, rule);
    }
}

/* Called once the references are known to be good. */
void
rr_rulebook_build_index (RrRulebook *self)
{
  /* At least one word, even for a book without symptoms: the sets are allocated with
   * this size, and offsets into a NULL block would be undefined behaviour. */
  guint symptom_words = MAX (BITS_WORDS (self->symptoms.entries->len), 1);
  guint region_words = BITS_WORDS (self->regions.entries->len);

  self->symptom_words = symptom_words;

  for (guint i = 0; i < self->symptoms.entries->len; i++)
    {
      Symptom *s = g_ptr_array_index (self->symptoms.entries, i);

      s->index = i;
      s->raising = g_ptr_array_new ();
    }
  for (guint i = 0; i < self->regions.entries->len; i++)
    ((Region *) g_ptr_array_index (self->regions.entries, i))->index = i;

  for (guint i = 0; i < self->rules.entries->len; i++)
    {
      Rule *rule = g_ptr_array_index (self->rules.entries, i);

      rule->bits = g_new0 (Bits, 3 * symptom_words + region_words);
      rule->all_bits = rule->bits;
      rule->any_bits = rule->bits + symptom_words;
      rule->unless_bits = rule->bits + 2 * symptom_words;
      rule->region_bits = rule->bits + 3 * symptom_words;

      set_symptom_bits (self, rule->all_bits, rule->all);
      set_symptom_bits (self, rule->any_bits, rule->any);
      set_symptom_bits (self, rule->unless_bits, rule->unless);

      for (guint j = 0; j < self->regions.entries->len; j++)
        {
          Region *r = g_ptr_array_index (self->regions.entries, j);

          if ((rule->regions && g_strv_contains ((const char * const *) rule->regions, r->entry.id)) ||
              (rule->parts && g_strv_contains ((const char * const *) rule->parts, r->part)))
            BITS_SET (rule->region_bits, j);
        }

      if (rule->has_verdict)
        {
          add_raising_rule (self, rule, rule->all);
          add_raising_rule (self, rule, rule->any);
        }
    }
}

/* What the runner said, in the rulebook's indexes; worked out once per evaluation. */
typedef struct {
  Bits               *present;   /* the symptoms reported */
  Bits               *scratch;   /* the same plus one, for "what if" */
  guint               n_spots;
  const char * const *regions;
  int                *levels;
  int                *indexes;   /* region index, -1 when the rulebook does not know it */
  int                 max_pain;
} Facts;

static void
facts_init (Facts        *facts,
            RrRulebook   *self,
            RrAssessment *assessment)
{
  const char * const *symptoms = rr_assessment_get_symptoms (assessment);

  facts->present = g_new0 (Bits, 2 * self->symptom_words);
  facts->scratch = facts->present + self->symptom_words;
  /* Symptoms the rulebook does not know are named by no rule. */
  for (guint i = 0; symptoms[i]; i++)
    {
      Symptom *s = g_hash_table_lookup (self->symptoms.by_id, symptoms[i]);

      if (s)
        BITS_SET (facts->present, s->index);
    }

  facts->regions = rr_assessment_get_regions (assessment);
  facts->n_spots = g_strv_length ((char **) facts->regions);
  facts->levels = g_new (int, 2 * facts->n_spots + 1);
  facts->indexes = facts->levels + facts->n_spots;
  for (guint i = 0; i < facts->n_spots; i++)
    {
      Region *r = g_hash_table_lookup (self->regions.by_id, facts->regions[i]);

      facts->levels[i] = rr_assessment_get_region_level (assessment, facts->regions[i]);
      facts->indexes[i] = r ? (int) r->index : -1;
    }
  facts->max_pain = rr_assessment_get_max_pain (assessment);
}

static void
facts_clear (Facts *facts)
{
  g_clear_pointer (&facts->present, g_free);
  g_clear_pointer (&facts->levels, g_free);
}

static gboolean
symptoms_match (RrRulebook  *self,
                Rule        *rule,
                const Bits  *present)
{
  gboolean any = rule->any == NULL;

  for (guint w = 0; w < self->symptom_words; w++)
    {
      if ((rule->all_bits[w] & present[w]) != rule->all_bits[w] ||
          (rule->unless_bits[w] & present[w]) != 0)
        return FALSE;
      any = any || (rule->any_bits[w] & present[w]) != 0;
    }

  return any;
}

static gboolean
rule_is_spot_rule (Rule *rule)
{
  return rule->regions != NULL || rule->parts != NULL;
}

typedef void (*MatchFunc) (Rule       *rule,
                           const char *region,
                           gpointer    user_data);

/* Calls @func for every way @rule matches: once per matching spot for a spot rule,
 * once for a global rule. @present is the set of symptoms to go by. */
/* Whether the same part on the other side is chosen too (with any pain). */
static gboolean
other_side_chosen (RrRulebook *self,
                   Facts      *facts,
                   guint       spot)
{
  Region *r = g_ptr_array_index (self->regions.entries, facts->indexes[spot]);

  if (g_str_equal (r->side, "center"))
    return FALSE;
  for (guint j = 0; j < facts->n_spots; j++)
    {
      Region *other;

      if (j == spot || facts->indexes[j] < 0)
        continue;
      other = g_ptr_array_index (self->regions.entries, facts->indexes[j]);
      if (g_str_equal (other->part, r->part) && !g_str_equal (other->side, r->side))
        return TRUE;
    }
  return FALSE;
}

static void
rule_foreach_match (RrRulebook  *self,
                    Rule        *rule,
                    Facts       *facts,
                    const Bits  *present,
                    MatchFunc    func,
                    gpointer     user_data)
{
  if (!symptoms_match (self, rule, present))
    return;

  if (rule_is_spot_rule (rule))
    {
      for (guint i = 0; i < facts->n_spots; i++)
        {
          int level = facts->levels[i];
          int index = facts->indexes[i];

          if (level >= rule->pain_min && level <= rule->pain_max &&
              index >= 0 && BITS_HAS (rule->region_bits, (guint) index) &&
              (!rule->both_sides || other_side_chosen (self, facts, i)))
            func (rule, facts->regions[i], user_data);
        }
    }
  else
    {
      int level = facts->max_pain;

      if (level >= rule->pain_min && level <= rule->pain_max)
        func (rule, NULL, user_data);
    }
}

/* One evaluation on its way to a guidance. */
typedef struct {
  RrRulebook   *book;
  RrAssessment *assessment;
  Facts         facts;
  RrVerdict     verdict;
  GPtrArray    *matches;   /* Rule*, region pairs, flattened */
  GPtrArray    *advice;    /* Advice* to give, in the order the rules name them */
  GPtrArray    *cited;     /* Source* */
  RrGuidance   *guidance;
} Evaluation;

static void
collect_match_cb (Rule       *rule,
                  const char *region,
                  gpointer    user_data)
{
  Evaluation *ev = user_data;

  if (rule->has_verdict)
    ev->verdict = MAX (ev->verdict, rule->verdict);
  g_ptr_array_add (ev->matches, rule);
  g_ptr_array_add (ev->matches, (gpointer) region);
}

static void
raise_verdict_cb (Rule       *rule,
                  const char *region,
                  gpointer    user_data)
{
  RrVerdict *verdict = user_data;

  if (rule->has_verdict)
    *verdict = MAX (*verdict, rule->verdict);
}

/* What the verdict would become if the runner also reported @symptom. Only rules that
 * mention it can change anything, since no rule that sets a verdict uses unless=. */
static RrVerdict
verdict_with_symptom (RrRulebook *self,
                      Facts      *facts,
                      RrVerdict   current,
                      Symptom    *symptom)
{
  RrVerdict verdict = current;

  memcpy (facts->scratch, facts->present, self->symptom_words * sizeof (Bits));
  BITS_SET (facts->scratch, symptom->index);

  for (guint i = 0; i < symptom->raising->len; i++)
    {
      Rule *rule = g_ptr_array_index (symptom->raising, i);

      if (rule->verdict <= verdict)
        continue;
      rule_foreach_match (self, rule, facts, facts->scratch, raise_verdict_cb, &verdict);
    }

  return verdict;
}

static int
compare_advice (gconstpointer a,
                gconstpointer b)
{
  const Advice *x = *(Advice **) a;
  const Advice *y = *(Advice **) b;

  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

static int
compare_sources (gconstpointer a,
                 gconstpointer b)
{
  const Source *x = *(Source **) a;
  const Source *y = *(Source **) b;

  return x->position < y->position ? -1 : x->position > y->position;
}

static void
cite (RrRulebook *self,
      GPtrArray  *cited,
      char      **sources)
{
  for (guint i = 0; sources && sources[i]; i++)
    {
      Source *source = g_hash_table_lookup (self->sources.by_id, sources[i]);

      if (!g_ptr_array_find (cited, source, NULL))
        g_ptr_array_add (cited, source);
    }
}

static char *
build_summary (RrRulebook   *self,
               RrAssessment *assessment)
{
  const char * const *regions = rr_assessment_get_regions (assessment);
  GString *summary = g_string_new (NULL);

  if (regions[0] == NULL)
    {
      int pain = rr_assessment_get_pain (assessment);

      /* Translators: the overall pain when no spot is chosen, e.g. "Overall pain: 3/10 (Mild)." */
      g_string_printf (summary, _("Overall pain: %d/10 (%s)."), pain,
                       rr_rulebook_get_pain_grade (self, pain, NULL));
      return g_string_free (summary, FALSE);
    }

  for (guint i = 0; regions[i]; i++)
    {
      int level = rr_assessment_get_region_level (assessment, regions[i]);
      const char *name = rr_rulebook_get_region_name (self, regions[i]);

      if (i > 0)
        g_string_append_c (summary, ' ');
      /* Translators: one spot in the summary, e.g. "Left heel: 3/10 (Mild)." */
      g_string_append_printf (summary, _("%s: %d/10 (%s)."), name ? name : regions[i], level,
                              rr_rulebook_get_pain_grade (self, level, NULL));
    }

  return g_string_free (summary, FALSE);
}

/* The spots and symptoms as the runner gave them. */
static void
add_what_was_said (Evaluation *ev)
{
  RrRulebook *self = ev->book;
  const char * const *regions = rr_assessment_get_regions (ev->assessment);
  const char * const *symptoms = rr_assessment_get_symptoms (ev->assessment);
  g_autofree char *summary = build_summary (self, ev->assessment);

  rr_guidance_set_summary (ev->guidance, summary);

  for (guint i = 0; regions[i]; i++)
    {
      int level = rr_assessment_get_region_level (ev->assessment, regions[i]);
      const char *name = rr_rulebook_get_region_name (self, regions[i]);

      rr_guidance_add_spot (ev->guidance, regions[i], name ? name : regions[i], level,
                            rr_rulebook_get_pain_grade (self, level, NULL));
    }

  for (guint i = 0; symptoms[i]; i++)
    {
      Symptom *s = g_hash_table_lookup (self->symptoms.by_id, symptoms[i]);

      if (s)
        rr_guidance_add_symptom (ev->guidance, s->entry.id, rr_rulebook_translate (s->name),
                                 rr_rulebook_translate (s->question));
    }
}

/* What each match gives: its reason, its conditions at once, its advice for later. */
static void
add_matches (Evaluation *ev)
{
  RrRulebook *self = ev->book;
  g_autoptr(GHashTable) seen_conditions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < ev->matches->len; i += 2)
    {
      Rule *rule = g_ptr_array_index (ev->matches, i);
      const char *region = g_ptr_array_index (ev->matches, i + 1);

      if (rule->has_verdict && rule->verdict == ev->verdict && rule->reason)
        rr_guidance_add_reason (ev->guidance, rr_rulebook_translate (rule->reason));

      for (guint j = 0; rule->conditions && rule->conditions[j]; j++)
        {
          Condition *c = g_hash_table_lookup (self->conditions.by_id, rule->conditions[j]);
          char *key = g_strconcat (c->entry.id, "@", region ? region : "", NULL);

          /* A condition is given once per spot it may explain. */
          if (!g_hash_table_add (seen_conditions, key))
            continue;
          rr_guidance_add_condition (ev->guidance, c->entry.id, region, rr_rulebook_translate (c->name),
                                     rr_rulebook_translate (c->brief), rr_rulebook_translate (c->text),
                                     (const char * const *) c->sources);
          cite (self, ev->cited, c->sources);
        }

      /* Advice for carrying on makes no sense once the answer is to stop. */
      if (rule->has_advice_limit && ev->verdict > rule->advice_limit)
        continue;

      for (guint j = 0; rule->advice && rule->advice[j]; j++)
        {
          Advice *a = g_hash_table_lookup (self->advice.by_id, rule->advice[j]);

          /* Each item says with which answers it makes sense: an emergency holds
           * emergency advice only, "keep running" nothing that says stop. */
          if ((a->verdicts & (1u << ev->verdict)) && !g_ptr_array_find (ev->advice, a, NULL))
            g_ptr_array_add (ev->advice, a);
        }
    }
}

/* One way of doing a thing per answer: an item gives way to the one that covers it. */
static void
drop_yielding_advice (Evaluation *ev)
{
  for (guint i = ev->advice->len; i > 0; i--)
    {
      Advice *a = g_ptr_array_index (ev->advice, i - 1);

      for (guint j = 0; a->yields_to && a->yields_to[j]; j++)
        if (g_ptr_array_find (ev->advice, g_hash_table_lookup (ev->book->advice.by_id, a->yields_to[j]), NULL))
          {
            g_ptr_array_remove_index (ev->advice, i - 1);
            break;
          }
    }
}

static void
add_advice_and_sources (Evaluation *ev)
{
  g_ptr_array_sort (ev->advice, compare_advice);
  for (guint i = 0; i < ev->advice->len; i++)
    {
      Advice *a = g_ptr_array_index (ev->advice, i);

      rr_guidance_add_advice (ev->guidance, a->entry.id, rr_rulebook_translate (a->title),
                              rr_rulebook_translate (a->text), (const char * const *) a->sources);
      cite (ev->book, ev->cited, a->sources);
    }

  g_ptr_array_sort (ev->cited, compare_sources);
  for (guint i = 0; i < ev->cited->len; i++)
    {
      Source *s = g_ptr_array_index (ev->cited, i);

      rr_guidance_add_source (ev->guidance, s->entry.id, s->citation, s->doi, s->url);
    }
}

/* The warning signs worth watching: whatever, if it appeared, would make the answer
 * more serious. The most serious come first. */
static void
add_flags (Evaluation *ev)
{
  /* A few, to take in at a glance: the most serious first and, among equals, the
   * most specific (a question about this spot, then about any spot, then the
   * warning signs the window always shows anyway). */
  static const RrSymptomGroup order[] = { RR_SYMPTOM_SPOT, RR_SYMPTOM_GENERAL, RR_SYMPTOM_WARNING };
  RrRulebook *self = ev->book;
  const char * const *regions = rr_assessment_get_regions (ev->assessment);
  g_autofree RrVerdict *raised = g_new (RrVerdict, self->symptoms.entries->len);
  guint n_flags = 0;

  for (guint i = 0; i < self->symptoms.entries->len; i++)
    {
      Symptom *s = g_ptr_array_index (self->symptoms.entries, i);

      /* Only what is asked about these spots: no double vision for a knee. */
      raised[i] = BITS_HAS (ev->facts.present, s->index) || !rr_rulebook_symptom_asked_for (self, s, regions)
        ? ev->verdict
        : verdict_with_symptom (self, &ev->facts, ev->verdict, s);
    }

  for (int level = RR_VERDICT_EMERGENCY; level > (int) ev->verdict; level--)
    for (guint g = 0; g < G_N_ELEMENTS (order); g++)
      for (guint i = 0; i < self->symptoms.entries->len && n_flags < RR_GUIDANCE_MAX_FLAGS; i++)
        {
          Symptom *s = g_ptr_array_index (self->symptoms.entries, i);

          if ((int) raised[i] != level || s->group != order[g])
            continue;
          rr_guidance_add_flag (ev->guidance, s->entry.id, rr_rulebook_translate (s->question), level);
          n_flags++;
        }
}

/**
 * rr_rulebook_evaluate:
 *
 * Applies every rule to what the runner said. Pure: the same assessment always gives
 * the same guidance.
 *
 * Returns: (transfer full): a new guidance
 */
RrGuidance *
rr_rulebook_evaluate (RrRulebook   *self,
                      RrAssessment *assessment)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GPtrArray) advice = g_ptr_array_new ();
  g_autoptr(GPtrArray) cited = g_ptr_array_new ();
  Evaluation ev = { self, assessment, { 0 }, RR_VERDICT_KEEP_RUNNING, matches, advice, cited, NULL };
  gboolean empty;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  g_return_val_if_fail (RR_IS_ASSESSMENT (assessment), NULL);

  facts_init (&ev.facts, self, assessment);
  for (guint i = 0; i < self->rules.entries->len; i++)
    rule_foreach_match (self, g_ptr_array_index (self->rules.entries, i), &ev.facts, ev.facts.present,
                        collect_match_cb, &ev);

  empty = rr_assessment_get_regions (assessment)[0] == NULL && rr_assessment_get_symptoms (assessment)[0] == NULL &&
          rr_assessment_get_pain (assessment) == 0;
  ev.guidance = rr_guidance_new (ev.verdict,
                                 rr_rulebook_translate (self->verdicts[ev.verdict].name),
                                 rr_rulebook_translate (self->verdicts[ev.verdict].headline),
                                 rr_rulebook_translate (self->disclaimer),
                                 rr_assessment_get_max_pain (assessment),
                                 empty);

  add_what_was_said (&ev);
  add_matches (&ev);
  drop_yielding_advice (&ev);
  add_advice_and_sources (&ev);
  if (ev.verdict < RR_VERDICT_EMERGENCY)
    add_flags (&ev);

  facts_clear (&ev.facts);
  return ev.guidance;
}
