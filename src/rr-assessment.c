/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rr-assessment.h"

struct _RrAssessment
{
  GObject parent_instance;

  int        pain;
  /* Kept in the order the runner chose them: the window lists spots that way. The
   * NULL-terminated arrays are what the getters hand out. */
  GPtrArray *regions;
  GArray    *levels;
  GPtrArray *symptoms;
};

G_DEFINE_FINAL_TYPE (RrAssessment, rr_assessment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PAIN,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (RrAssessment *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
find_string (GPtrArray  *array,
             const char *value,
             guint      *index)
{
  for (guint i = 0; i + 1 < array->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
        {
          if (index)
            *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The arrays end with a NULL so they can be handed out as string vectors. */
static void
append_string (GPtrArray  *array,
               const char *value)
{
  g_ptr_array_insert (array, array->len - 1, g_strdup (value));
}

static GPtrArray *
new_string_vector (void)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (array, NULL);
  return array;
}

static void
rr_assessment_finalize (GObject *object)
{
  RrAssessment *self = RR_ASSESSMENT (object);

  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->symptoms, g_ptr_array_unref);

  G_OBJECT_CLASS (rr_assessment_parent_class)->finalize (object);
}

static void
rr_assessment_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RrAssessment *self = RR_ASSESSMENT (object);

  switch (prop_id)
    {
    case PROP_PAIN:
      g_value_set_int (value, self->pain);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_assessment_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RrAssessment *self = RR_ASSESSMENT (object);

  switch (prop_id)
    {
    case PROP_PAIN:
      rr_assessment_set_pain (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_assessment_class_init (RrAssessmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rr_assessment_finalize;
  object_class->get_property = rr_assessment_get_property;
  object_class->set_property = rr_assessment_set_property;

  /**
   * RrAssessment:pain:
   *
   * The overall pain level, used when no spot is chosen and as the level of a new spot.
   */
  properties[PROP_PAIN] =
    g_param_spec_int ("pain", NULL, NULL,
                      RR_PAIN_MIN, RR_PAIN_MAX, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RrAssessment::changed:
   *
   * Emitted once after anything the runner said has changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
rr_assessment_init (RrAssessment *self)
{
  self->regions = new_string_vector ();
  self->levels = g_array_new (FALSE, FALSE, sizeof (int));
  self->symptoms = new_string_vector ();
}

RrAssessment *
rr_assessment_new (void)
{
  return g_object_new (RR_TYPE_ASSESSMENT, NULL);
}

RrAssessment *
rr_assessment_copy (RrAssessment *self)
{
  RrAssessment *copy;

  g_return_val_if_fail (RR_IS_ASSESSMENT (self), NULL);

  copy = rr_assessment_new ();
  copy->pain = self->pain;
  for (guint i = 0; i < self->levels->len; i++)
    {
      append_string (copy->regions, g_ptr_array_index (self->regions, i));
      g_array_append_val (copy->levels, g_array_index (self->levels, int, i));
    }
  for (guint i = 0; i + 1 < self->symptoms->len; i++)
    append_string (copy->symptoms, g_ptr_array_index (self->symptoms, i));

  return copy;
}

int
rr_assessment_get_pain (RrAssessment *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT (self), 0);

  return self->pain;
}

void
rr_assessment_set_pain (RrAssessment *self,
                        int           level)
{
  g_return_if_fail (RR_IS_ASSESSMENT (self));
  g_return_if_fail (level >= RR_PAIN_MIN && level <= RR_PAIN_MAX);

  if (self->pain == level)
    return;

  self->pain = level;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAIN]);
  emit_changed (self);
}

/**
 * rr_assessment_get_max_pain:
 *
 * Returns: the worst level of any spot, or the overall level when no spot is chosen.
 */
int
rr_assessment_get_max_pain (RrAssessment *self)
{
  int max = 0;

  g_return_val_if_fail (RR_IS_ASSESSMENT (self), 0);

  if (self->levels->len == 0)
    return self->pain;

  for (guint i = 0; i < self->levels->len; i++)
    max = MAX (max, g_array_index (self->levels, int, i));

  return max;
}

/**
 * rr_assessment_add_region:
 * @level: 0..10
 *
 * Chooses a spot, or changes the level of a spot already chosen.
 */
void
rr_assessment_add_region (RrAssessment *self,
                          const char   *region,
                          int           level)
{
  guint index;

  g_return_if_fail (RR_IS_ASSESSMENT (self));
  g_return_if_fail (region != NULL);
  g_return_if_fail (level >= RR_PAIN_MIN && level <= RR_PAIN_MAX);

  if (find_string (self->regions, region, &index))
    {
      if (g_array_index (self->levels, int, index) == level)
        return;
      g_array_index (self->levels, int, index) = level;
    }
  else
    {
      append_string (self->regions, region);
      g_array_append_val (self->levels, level);
    }

  emit_changed (self);
}

void
rr_assessment_remove_region (RrAssessment *self,
                             const char   *region)
{
  guint index;

  g_return_if_fail (RR_IS_ASSESSMENT (self));

  if (!find_string (self->regions, region, &index))
    return;

  g_ptr_array_remove_index (self->regions, index);
  g_array_remove_index (self->levels, index);
  emit_changed (self);
}

gboolean
rr_assessment_has_region (RrAssessment *self,
                          const char   *region)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT (self), FALSE);

  return region != NULL && find_string (self->regions, region, NULL);
}

/**
 * rr_assessment_get_region_level:
 *
 * Returns: the spot's level, or -1 when the region is not chosen.
 */
int
rr_assessment_get_region_level (RrAssessment *self,
                                const char   *region)
{
  guint index;

  g_return_val_if_fail (RR_IS_ASSESSMENT (self), -1);

  if (region == NULL || !find_string (self->regions, region, &index))
    return -1;

  return g_array_index (self->levels, int, index);
}

const char * const *
rr_assessment_get_regions (RrAssessment *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT (self), NULL);

  return (const char * const *) self->regions->pdata;
}

guint
rr_assessment_get_n_regions (RrAssessment *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT (self), 0);

  return self->levels->len;
}

void
rr_assessment_set_symptom (RrAssessment *self,
                           const char   *symptom,
                           gboolean      present)
{
  guint index;
  gboolean had;

  g_return_if_fail (RR_IS_ASSESSMENT (self));
  g_return_if_fail (symptom != NULL);

  had = find_string (self->symptoms, symptom, &index);
  if (had == !!present)
    return;

  if (present)
    append_string (self->symptoms, symptom);
  else
    g_ptr_array_remove_index (self->symptoms, index);

  emit_changed (self);
}

gboolean
rr_assessment_has_symptom (RrAssessment *self,
                           const char   *symptom)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT (self), FALSE);

  return symptom != NULL && find_string (self->symptoms, symptom, NULL);
}

const char * const *
rr_assessment_get_symptoms (RrAssessment *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT (self), NULL);

  return (const char * const *) self->symptoms->pdata;
}

/* Forgets everything the runner said, as "New Assessment" does. */
void
rr_assessment_clear (RrAssessment *self)
{
  g_return_if_fail (RR_IS_ASSESSMENT (self));

  if (self->levels->len == 0 && self->symptoms->len == 1 && self->pain == 0)
    return;

  g_ptr_array_set_size (self->regions, 0);
  g_ptr_array_add (self->regions, NULL);
  g_array_set_size (self->levels, 0);
  g_ptr_array_set_size (self->symptoms, 0);
  g_ptr_array_add (self->symptoms, NULL);

  if (self->pain != 0)
    {
      self->pain = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAIN]);
    }

  emit_changed (self);
}

#define SERIAL_TYPE "(ia(si)as)"

/* The form kept in GSettings and the diary: (pain, [(region, level)], [symptom]). */
GVariant *
rr_assessment_serialize (RrAssessment *self)
{
  GVariantBuilder spots;

  g_return_val_if_fail (RR_IS_ASSESSMENT (self), NULL);

  g_variant_builder_init (&spots, G_VARIANT_TYPE ("a(si)"));
  for (guint i = 0; i < self->levels->len; i++)
    g_variant_builder_add (&spots, "(si)",
                           g_ptr_array_index (self->regions, i),
                           g_array_index (self->levels, int, i));

  return g_variant_new ("(i@a(si)^as)", self->pain,
                        g_variant_builder_end (&spots),
                        (const char * const *) self->symptoms->pdata);
}

/**
 * rr_assessment_deserialize:
 *
 * Replaces the contents with a serialized assessment. Levels outside 0..10 make it
 * fail and leave @self untouched; ids are not checked here (the rulebook does that).
 */
gboolean
rr_assessment_deserialize (RrAssessment *self,
                           GVariant     *variant)
{
  g_autoptr(GVariantIter) spots = NULL;
  g_autofree const char **symptoms = NULL;
  const char *region;
  int pain, level;

  g_return_val_if_fail (RR_IS_ASSESSMENT (self), FALSE);

  if (variant == NULL || !g_variant_is_of_type (variant, G_VARIANT_TYPE (SERIAL_TYPE)))
    return FALSE;

  g_variant_get (variant, "(ia(si)^a&s)", &pain, &spots, &symptoms);
  if (pain < RR_PAIN_MIN || pain > RR_PAIN_MAX)
    return FALSE;

  {
    g_autoptr(GVariantIter) check = g_variant_iter_copy (spots);
    while (g_variant_iter_next (check, "(&si)", &region, &level))
      if (level < RR_PAIN_MIN || level > RR_PAIN_MAX)
        return FALSE;
  }

  /* Replaced in place, so that listeners hear of it once. */
  g_ptr_array_set_size (self->regions, 0);
  g_ptr_array_add (self->regions, NULL);
  g_array_set_size (self->levels, 0);
  g_ptr_array_set_size (self->symptoms, 0);
  g_ptr_array_add (self->symptoms, NULL);

  while (g_variant_iter_next (spots, "(&si)", &region, &level))
    if (!find_string (self->regions, region, NULL))
      {
        append_string (self->regions, region);
        g_array_append_val (self->levels, level);
      }
  for (guint i = 0; symptoms[i]; i++)
    if (!find_string (self->symptoms, symptoms[i], NULL))
      append_string (self->symptoms, symptoms[i]);

  if (self->pain != pain)
    {
      self->pain = pain;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAIN]);
    }

  emit_changed (self);
  return TRUE;
}
