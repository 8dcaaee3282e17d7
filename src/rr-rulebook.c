/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-rulebook.c: the rulebook object, the built-in one, and its vocabulary. Reading
 * a file is in rr-rulebook-load.c, evaluating in rr-rulebook-eval.c. */
#include "config.h"

#include "rr-rulebook-private.h"

G_DEFINE_FINAL_TYPE (RrRulebook, rr_rulebook, G_TYPE_OBJECT)

G_DEFINE_QUARK (rr-rulebook-error-quark, rr_rulebook_error)

static void
entry_set_init (EntrySet *set)
{
  set->entries = g_ptr_array_new_with_free_func (rr_rulebook_entry_free);
  set->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  set->ids = g_ptr_array_new_null_terminated (32, NULL, TRUE);
}

static void
entry_set_clear (EntrySet *set)
{
  /* The index and the ids point into the entries: they go first. */
  g_clear_pointer (&set->by_id, g_hash_table_unref);
  g_clear_pointer (&set->ids, g_ptr_array_unref);
  g_clear_pointer (&set->entries, g_ptr_array_unref);
}

static void
rr_rulebook_finalize (GObject *object)
{
  RrRulebook *self = RR_RULEBOOK (object);

  g_free (self->disclaimer);
  for (guint i = 0; i < RR_N_VERDICTS; i++)
    rr_rulebook_entry_clear (&self->verdicts[i].entry);

  g_clear_pointer (&self->parts, g_hash_table_unref);   /* points into the regions */
  entry_set_clear (&self->sources);
  entry_set_clear (&self->grades);
  entry_set_clear (&self->regions);
  entry_set_clear (&self->symptoms);
  entry_set_clear (&self->conditions);
  entry_set_clear (&self->advice);
  entry_set_clear (&self->rules);

  G_OBJECT_CLASS (rr_rulebook_parent_class)->finalize (object);
}

static void
rr_rulebook_class_init (RrRulebookClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rr_rulebook_finalize;
}

static void
rr_rulebook_init (RrRulebook *self)
{
  entry_set_init (&self->sources);
  entry_set_init (&self->grades);
  entry_set_init (&self->regions);
  entry_set_init (&self->symptoms);
  entry_set_init (&self->conditions);
  entry_set_init (&self->advice);
  entry_set_init (&self->rules);
  self->parts = g_hash_table_new (g_str_hash, g_str_equal);
}

/* The resource is linked into the engine library; naming it here makes sure the
 * linker keeps it, together with the constructor that registers it. */
extern GResource *rr_get_resource (void);

/**
 * rr_rulebook_get_default:
 *
 * Returns: (transfer none): the rulebook shipped inside the program.
 */
RrRulebook *
rr_rulebook_get_default (void)
{
  static RrRulebook *book;

  if (g_once_init_enter (&book))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      RrRulebook *loaded;

      bytes = g_resource_lookup_data (rr_get_resource (), RR_RULEBOOK_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("The built-in rulebook is missing: %s", error->message);

      loaded = rr_rulebook_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                          "resource://" RR_RULEBOOK_RESOURCE, &error);
      if (loaded == NULL)
        g_error ("The built-in rulebook is broken: %s", error->message);

      g_once_init_leave (&book, loaded);
    }

  return book;
}

/* ------------------------------------------------------------------------------ */
/* Vocabulary                                                                      */
/* ------------------------------------------------------------------------------ */

const char * const *
rr_rulebook_get_regions (RrRulebook *self)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  return (const char * const *) self->regions.ids->pdata;
}

gboolean
rr_rulebook_has_region (RrRulebook *self,
                        const char *region)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), FALSE);
  return region && g_hash_table_contains (self->regions.by_id, region);
}

#define REGION_FIELD_GETTER(field, translated)                                  \
  const char *                                                                  \
  rr_rulebook_get_region_##field (RrRulebook *self,                             \
                                  const char *region)                           \
  {                                                                             \
    Region *r;                                                                  \
    g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);                         \
    r = region ? g_hash_table_lookup (self->regions.by_id, region) : NULL;      \
    if (r == NULL)                                                              \
      return NULL;                                                              \
    return translated ? rr_rulebook_translate (r->field) : r->field;            \
  }

REGION_FIELD_GETTER (name, TRUE)
REGION_FIELD_GETTER (part, FALSE)
REGION_FIELD_GETTER (side, FALSE)
REGION_FIELD_GETTER (view, FALSE)

const char * const *
rr_rulebook_get_symptoms (RrRulebook *self)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  return (const char * const *) self->symptoms.ids->pdata;
}

gboolean
rr_rulebook_has_symptom (RrRulebook *self,
                         const char *symptom)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), FALSE);
  return symptom && g_hash_table_contains (self->symptoms.by_id, symptom);
}

static Symptom *
lookup_symptom (RrRulebook *self,
                const char *symptom)
{
  return symptom ? g_hash_table_lookup (self->symptoms.by_id, symptom) : NULL;
}

const char *
rr_rulebook_get_symptom_name (RrRulebook *self,
                              const char *symptom)
{
  Symptom *s;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  s = lookup_symptom (self, symptom);
  return s ? rr_rulebook_translate (s->name) : NULL;
}

const char *
rr_rulebook_get_symptom_question (RrRulebook *self,
                                  const char *symptom)
{
  Symptom *s;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  s = lookup_symptom (self, symptom);
  return s ? rr_rulebook_translate (s->question) : NULL;
}

RrSymptomGroup
rr_rulebook_get_symptom_group (RrRulebook *self,
                               const char *symptom)
{
  Symptom *s;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), RR_SYMPTOM_GENERAL);
  s = lookup_symptom (self, symptom);
  return s ? s->group : RR_SYMPTOM_GENERAL;
}

gboolean
rr_rulebook_is_red_flag (RrRulebook *self,
                         const char *symptom)
{
  Symptom *s;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), FALSE);
  s = lookup_symptom (self, symptom);
  return s && s->red_flag;
}

static gboolean
symptom_applies_to (RrRulebook *self,
                    Symptom    *s,
                    const char *region)
{
  Region *r = g_hash_table_lookup (self->regions.by_id, region);

  if (s->regions && g_strv_contains ((const char * const *) s->regions, region))
    return TRUE;
  return r && s->parts && g_strv_contains ((const char * const *) s->parts, r->part);
}

/* Whether the window asks about @s for these spots: warning signs always, the
 * general questions for any spot, a spot question for its own spots. */
gboolean
rr_rulebook_symptom_asked_for (RrRulebook         *self,
                               Symptom            *s,
                               const char * const *regions)
{
  switch (s->group)
    {
    case RR_SYMPTOM_WARNING:
      return TRUE;
    case RR_SYMPTOM_GENERAL:
      return regions[0] != NULL;
    case RR_SYMPTOM_SPOT:
      for (guint i = 0; regions[i]; i++)
        if (symptom_applies_to (self, s, regions[i]))
          return TRUE;
      return FALSE;
    case RR_SYMPTOM_CONTEXT:
    default:
      return FALSE;
    }
}

/**
 * rr_rulebook_symptom_is_asked:
 *
 * Whether @symptom is a question for the spots of @assessment (a warning sign is
 * always one, the race switch never): an answer to any other would count for nothing.
 */
gboolean
rr_rulebook_symptom_is_asked (RrRulebook   *self,
                              const char   *symptom,
                              RrAssessment *assessment)
{
  Symptom *s;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), FALSE);
  g_return_val_if_fail (RR_IS_ASSESSMENT (assessment), FALSE);

  s = lookup_symptom (self, symptom);
  return s && rr_rulebook_symptom_asked_for (self, s, rr_assessment_get_regions (assessment));
}

char **
rr_rulebook_get_questions_for (RrRulebook   *self,
                               RrAssessment *assessment)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *regions;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  g_return_val_if_fail (RR_IS_ASSESSMENT (assessment), NULL);

  regions = rr_assessment_get_regions (assessment);
  if (regions[0] == NULL)
    return g_strv_builder_end (builder);

  for (guint i = 0; i < self->symptoms.entries->len; i++)
    {
      Symptom *s = g_ptr_array_index (self->symptoms.entries, i);

      if (s->group != RR_SYMPTOM_SPOT)
        continue;
      for (guint j = 0; regions[j]; j++)
        if (symptom_applies_to (self, s, regions[j]))
          {
            g_strv_builder_add (builder, s->entry.id);
            break;
          }
    }
  for (guint i = 0; i < self->symptoms.entries->len; i++)
    {
      Symptom *s = g_ptr_array_index (self->symptoms.entries, i);

      if (s->group == RR_SYMPTOM_GENERAL)
        g_strv_builder_add (builder, s->entry.id);
    }

  return g_strv_builder_end (builder);
}

/**
 * rr_rulebook_get_first_questions:
 * @max: how many at most
 *
 * The few questions for these spots whose answer alone would change the most: each
 * asked question is tried alone, with the spots at no pain, and those that would
 * call for a professional or more come first, the most serious first, then those
 * that point to a cause for these spots, then rulebook order. The window asks them
 * first and keeps the rest a click away. It depends on the spots only, not on their
 * levels, so the list holds still while the slider moves.
 */
char **
rr_rulebook_get_first_questions (RrRulebook   *self,
                                 RrAssessment *assessment,
                                 guint         max)
{
  g_autoptr(RrAssessment) probe = rr_assessment_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) questions = NULL;
  const char * const *regions;
  g_autofree RrVerdict *verdicts = NULL;
  g_autofree gboolean *specific = NULL;
  guint n, n_bare, taken = 0;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  g_return_val_if_fail (RR_IS_ASSESSMENT (assessment), NULL);

  regions = rr_assessment_get_regions (assessment);
  for (guint i = 0; regions[i]; i++)
    rr_assessment_add_region (probe, regions[i], 0);
  questions = rr_rulebook_get_questions_for (self, probe);
  n = g_strv_length (questions);
  verdicts = g_new (RrVerdict, n + 1);
  specific = g_new (gboolean, n + 1);
  {
    g_autoptr(RrGuidance) bare = rr_rulebook_evaluate (self, probe);

    n_bare = rr_guidance_get_n_conditions (bare);
  }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RrGuidance) guidance = NULL;

      rr_assessment_set_symptom (probe, questions[i], TRUE);
      guidance = rr_rulebook_evaluate (self, probe);
      verdicts[i] = rr_guidance_get_verdict (guidance);
      /* A question that points to a cause for these spots (a bone stress injury for
       * a shin tender to the touch) says more than a red flag asked everywhere. */
      specific[i] = rr_guidance_get_n_conditions (guidance) > n_bare;
      rr_assessment_set_symptom (probe, questions[i], FALSE);
    }

  for (int level = RR_VERDICT_EMERGENCY; level >= RR_VERDICT_SEE_PROFESSIONAL; level--)
    for (int pass = 0; pass < 2; pass++)
      for (guint i = 0; i < n && taken < max; i++)
        if ((int) verdicts[i] == level && specific[i] == (pass == 0))
          {
            g_strv_builder_add (builder, questions[i]);
            taken++;
          }

  return g_strv_builder_end (builder);
}

const char * const *
rr_rulebook_get_conditions (RrRulebook *self)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  return (const char * const *) self->conditions.ids->pdata;
}

const char *
rr_rulebook_get_condition_name (RrRulebook *self,
                                const char *condition)
{
  Condition *c;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  c = condition ? g_hash_table_lookup (self->conditions.by_id, condition) : NULL;
  return c ? rr_rulebook_translate (c->name) : NULL;
}

const char * const *
rr_rulebook_get_advice (RrRulebook *self)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  return (const char * const *) self->advice.ids->pdata;
}

const char * const *
rr_rulebook_get_sources (RrRulebook *self)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  return (const char * const *) self->sources.ids->pdata;
}

const char *
rr_rulebook_get_verdict_name (RrRulebook *self,
                              RrVerdict   verdict)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  g_return_val_if_fail (verdict < RR_N_VERDICTS, NULL);
  return rr_rulebook_translate (self->verdicts[verdict].name);
}

/**
 * rr_rulebook_get_pain_grade:
 * @description: (out) (optional): a one-line description of the grade
 *
 * Returns: the translated name of the grade of @level ("Mild", …).
 */
const char *
rr_rulebook_get_pain_grade (RrRulebook  *self,
                            int          level,
                            const char **description)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);

  for (guint i = 0; i < self->grades.entries->len; i++)
    {
      Grade *grade = g_ptr_array_index (self->grades.entries, i);

      if (level >= grade->min && level <= grade->max)
        {
          if (description)
            *description = rr_rulebook_translate (grade->description);
          return rr_rulebook_translate (grade->name);
        }
    }

  if (description)
    *description = NULL;
  return NULL;
}

