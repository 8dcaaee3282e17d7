/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-session.h"

/* How many questions are asked first; the rest wait behind "More questions". */
#define FIRST_QUESTIONS 5

struct _RrSession
{
  GObject       parent_instance;

  RrRulebook   *rulebook;
  RrAssessment *assessment;
  RrGuidance   *guidance;
  RrDiary      *diary;
  char         *active;                /* the spot the slider edits, or NULL */
  gboolean      awaiting_level;        /* a spot was chosen before any level was given */
  gboolean      persistent_auto;       /* "persistent" was ticked from the diary */
  gboolean      persistent_dismissed;  /* ...and the runner unticked it */
  char         *persistent_note;
  char         *first_spots;           /* the spots first_questions was worked out for, joined */
  char        **first_questions;       /* asked first; they depend on the spots only */
  GPtrArray    *more_questions;        /* the rest, NULL-terminated */
  GVariant     *saved_state;           /* the assessment as last saved here, as entry saved_id */
  gint64        saved_id;
};

G_DEFINE_FINAL_TYPE (RrSession, rr_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULEBOOK,
  PROP_ASSESSMENT,
  PROP_GUIDANCE,
  PROP_DIARY,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update (RrSession *self);

/* ------------------------------------------------------------------------------ */
/* The rules                                                                        */
/* ------------------------------------------------------------------------------ */

/* A question that goes away takes its answer with it, so a hidden tick never changes
 * the advice. Returns TRUE when it changed the assessment. */
static gboolean
drop_hidden_answers (RrSession *self)
{
  g_auto(GStrv) questions = rr_rulebook_get_questions_for (self->rulebook, self->assessment);
  const char * const *symptoms = rr_assessment_get_symptoms (self->assessment);
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; symptoms[i]; i++)
    {
      RrSymptomGroup group = rr_rulebook_get_symptom_group (self->rulebook, symptoms[i]);

      if ((group == RR_SYMPTOM_SPOT || group == RR_SYMPTOM_GENERAL) &&
          !g_strv_contains ((const char * const *) questions, symptoms[i]))
        g_ptr_array_add (dropped, g_strdup (symptoms[i]));
    }
  for (guint i = 0; i < dropped->len; i++)
    rr_assessment_set_symptom (self->assessment, g_ptr_array_index (dropped, i), FALSE);

  return dropped->len > 0;
}

/* Pain logged at the same spot on several of the last days is pain that persists:
 * the diary ticks that question, and says so; the runner can untick it. Returns TRUE
 * when it changed the assessment. */
static gboolean
apply_diary_persistence (RrSession *self)
{
  const char * const *regions = rr_assessment_get_regions (self->assessment);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GHashTable) persistent = NULL;

  g_clear_pointer (&self->persistent_note, g_free);
  if (self->diary == NULL)
    return FALSE;

  /* One look at the diary for all the spots, not one per spot. */
  persistent = rr_diary_get_persistent (self->diary, now);
  for (guint i = 0; regions[i]; i++)
    if (g_hash_table_contains (persistent, regions[i]))
      /* Translators: between the names of spots in a list */
      g_string_append_printf (where, "%s%s", where->len ? _(", ") : "", rr_rulebook_get_region_name (self->rulebook, regions[i]));

  if (where->len > 0)
    {
      if (!self->persistent_dismissed && !rr_assessment_has_symptom (self->assessment, "persistent"))
        {
          self->persistent_auto = TRUE;
          rr_assessment_set_symptom (self->assessment, "persistent", TRUE);
          return TRUE;
        }
      if (self->persistent_auto && rr_assessment_has_symptom (self->assessment, "persistent"))
        /* Translators: under the questions; %1$s lists spots; %4$s is the ticked question, as its checkbox says it */
        self->persistent_note = g_strdup_printf (_("Your diary shows pain at %1$s on %2$d or more of the last %3$d days, "
                                                   "so “%4$s” is ticked. Untick it if that is not right."),
                                                 where->str, RR_DIARY_PERSISTENT_MIN_DAYS, RR_DIARY_PERSISTENT_WINDOW_DAYS,
                                                 rr_rulebook_get_symptom_question (self->rulebook, "persistent"));
    }
  else if (self->persistent_auto)
    {
      /* The spots that made it persistent are gone: so is the tick. */
      self->persistent_auto = FALSE;
      rr_assessment_set_symptom (self->assessment, "persistent", FALSE);
      return TRUE;
    }
  return FALSE;
}

/* Working them out evaluates the rulebook once per question: only when the spots
 * change, not at every step of the slider. */
static void
update_questions (RrSession *self)
{
  g_auto(GStrv) questions = rr_rulebook_get_questions_for (self->rulebook, self->assessment);
  g_autofree char *spots = g_strjoinv (" ", (char **) rr_assessment_get_regions (self->assessment));

  if (g_strcmp0 (spots, self->first_spots) != 0)
    {
      g_strfreev (self->first_questions);
      self->first_questions = rr_rulebook_get_first_questions (self->rulebook, self->assessment, FIRST_QUESTIONS);
      g_free (self->first_spots);
      self->first_spots = g_steal_pointer (&spots);
    }
  g_ptr_array_set_size (self->more_questions, 0);
  for (guint i = 0; questions[i]; i++)
    if (!g_strv_contains ((const char * const *) self->first_questions, questions[i]))
      g_ptr_array_add (self->more_questions, g_strdup (questions[i]));
  g_ptr_array_add (self->more_questions, NULL);
}

/* The assessment as the rules leave it, then its guidance. The rules change the
 * assessment themselves (an answer dropped, "persistent" ticked): until they
 * agree, with this handler held back, so the views see one change. */
static void
update (RrSession *self)
{
  g_signal_handlers_block_by_func (self->assessment, update, self);
  /* Bounded: each rule settles in one round, given what the other did. */
  for (guint round = 0; round < 4 && (drop_hidden_answers (self) || apply_diary_persistence (self)); round++)
    ;
  g_signal_handlers_unblock_by_func (self->assessment, update, self);

  if (self->active && !rr_assessment_has_region (self->assessment, self->active))
    {
      g_clear_pointer (&self->active, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
  update_questions (self);

  g_clear_object (&self->guidance);
  self->guidance = rr_rulebook_evaluate (self->rulebook, self->assessment);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUIDANCE]);
}

static void
set_active (RrSession  *self,
            const char *region)
{
  if (g_strcmp0 (self->active, region) == 0)
    return;
  g_free (self->active);
  self->active = g_strdup (region);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/* ------------------------------------------------------------------------------ */
/* What the runner does                                                             */
/* ------------------------------------------------------------------------------ */

void
rr_session_toggle_region (RrSession  *self,
                          const char *region)
{
  g_return_if_fail (RR_IS_SESSION (self));
  g_return_if_fail (region != NULL);

  if (rr_assessment_has_region (self->assessment, region))
    {
      /* The slider moves on to the spot chosen last. */
      if (g_strcmp0 (self->active, region) == 0)
        {
          const char * const *regions = rr_assessment_get_regions (self->assessment);
          const char *next = NULL;

          for (guint i = 0; regions[i]; i++)
            if (!g_str_equal (regions[i], region))
              next = regions[i];
          set_active (self, next);
        }
      rr_assessment_remove_region (self->assessment, region);
    }
  else
    {
      int level = rr_session_get_level (self);

      /* A new spot starts at the slider's level. The first one, chosen before the
       * runner said how much it hurts, waits for a level instead of reading as
       * "no pain". */
      self->awaiting_level = level == 0 &&
                             (rr_assessment_get_n_regions (self->assessment) == 0 || self->awaiting_level);
      set_active (self, region);
      rr_assessment_add_region (self->assessment, region, level);
    }
}

const char *
rr_session_get_active (RrSession *self)
{
  g_return_val_if_fail (RR_IS_SESSION (self), NULL);

  return self->active;
}

void
rr_session_set_active (RrSession  *self,
                       const char *region)
{
  g_return_if_fail (RR_IS_SESSION (self));

  if (g_strcmp0 (self->active, region) == 0)
    return;
  set_active (self, region);
  /* The slider and the chips show the new spot. */
  update (self);
}

int
rr_session_get_level (RrSession *self)
{
  g_return_val_if_fail (RR_IS_SESSION (self), 0);

  if (self->active && rr_assessment_has_region (self->assessment, self->active))
    return rr_assessment_get_region_level (self->assessment, self->active);
  return rr_assessment_get_pain (self->assessment);
}

void
rr_session_set_level (RrSession *self,
                      int        level)
{
  g_return_if_fail (RR_IS_SESSION (self));

  self->awaiting_level = FALSE;
  if (self->active && rr_assessment_has_region (self->assessment, self->active))
    rr_assessment_add_region (self->assessment, self->active, level);
  else
    rr_assessment_set_pain (self->assessment, level);
}

void
rr_session_set_symptom (RrSession  *self,
                        const char *symptom,
                        gboolean    present)
{
  g_return_if_fail (RR_IS_SESSION (self));

  /* Unticking what the diary ticked is the runner's call, and it sticks. */
  if (g_str_equal (symptom, "persistent") && self->persistent_auto && !present)
    {
      self->persistent_auto = FALSE;
      self->persistent_dismissed = TRUE;
    }
  rr_assessment_set_symptom (self->assessment, symptom, present);
}

void
rr_session_clear (RrSession *self)
{
  g_return_if_fail (RR_IS_SESSION (self));

  set_active (self, NULL);
  self->persistent_auto = FALSE;
  self->persistent_dismissed = FALSE;
  self->awaiting_level = FALSE;
  rr_assessment_clear (self->assessment);
}

/* Replaces the assessment with what of @source this rulebook knows, in one change:
 * a saved id that no longer exists is dropped rather than shown as an unknown spot.
 * With @last_active, the slider edits the spot chosen last. */
static void
load_known (RrSession    *self,
            RrAssessment *source,
            gboolean      last_active)
{
  const char * const *regions = rr_assessment_get_regions (source);
  const char * const *symptoms = rr_assessment_get_symptoms (source);
  g_autoptr(RrAssessment) known = rr_assessment_new ();
  g_autoptr(GVariant) state = NULL;
  guint n;

  rr_assessment_set_pain (known, rr_assessment_get_pain (source));
  for (guint i = 0; regions[i]; i++)
    if (rr_rulebook_has_region (self->rulebook, regions[i]))
      rr_assessment_add_region (known, regions[i], rr_assessment_get_region_level (source, regions[i]));
  for (guint i = 0; symptoms[i]; i++)
    if (rr_rulebook_has_symptom (self->rulebook, symptoms[i]))
      rr_assessment_set_symptom (known, symptoms[i], TRUE);

  regions = rr_assessment_get_regions (known);
  n = g_strv_length ((char **) regions);
  set_active (self, last_active && n > 0 ? regions[n - 1] : NULL);
  state = g_variant_ref_sink (rr_assessment_serialize (known));
  rr_assessment_deserialize (self->assessment, state);
}

/* What the window showed when it was last closed. */
void
rr_session_restore (RrSession *self,
                    GVariant  *state)
{
  g_autoptr(RrAssessment) restored = rr_assessment_new ();
  const char * const *regions;

  g_return_if_fail (RR_IS_SESSION (self));

  if (!rr_assessment_deserialize (restored, state))
    return;

  /* Left before any level was given: still waiting for one. */
  self->awaiting_level = TRUE;
  regions = rr_assessment_get_regions (restored);
  for (guint i = 0; regions[i]; i++)
    if (rr_rulebook_has_region (self->rulebook, regions[i]) && rr_assessment_get_region_level (restored, regions[i]) > 0)
      self->awaiting_level = FALSE;
  load_known (self, restored, FALSE);
}

/* A diary entry, opened to look at it again. */
void
rr_session_open_entry (RrSession    *self,
                       RrAssessment *entry)
{
  g_return_if_fail (RR_IS_SESSION (self));
  g_return_if_fail (RR_IS_ASSESSMENT (entry));

  /* What the entry says about persistence is the runner's own answer. */
  self->persistent_auto = FALSE;
  self->persistent_dismissed = !rr_assessment_has_symptom (entry, "persistent");
  self->awaiting_level = FALSE;
  load_known (self, entry, TRUE);
}

/* What the command line asked for. */
void
rr_session_preset (RrSession    *self,
                   RrAssessment *preset)
{
  g_return_if_fail (RR_IS_SESSION (self));
  g_return_if_fail (RR_IS_ASSESSMENT (preset));

  self->awaiting_level = FALSE;
  load_known (self, preset, TRUE);
}

gboolean
rr_session_get_asking_level (RrSession *self)
{
  const char * const *symptoms;

  g_return_val_if_fail (RR_IS_SESSION (self), FALSE);

  /* A ticked question, warning signs above all, is answered at once whatever the
   * level; context (the race switch) says nothing about the pain. */
  if (!self->awaiting_level || rr_assessment_get_n_regions (self->assessment) == 0)
    return FALSE;
  symptoms = rr_assessment_get_symptoms (self->assessment);
  for (guint i = 0; symptoms[i]; i++)
    if (rr_rulebook_get_symptom_group (self->rulebook, symptoms[i]) != RR_SYMPTOM_CONTEXT)
      return FALSE;
  return TRUE;
}

gboolean
rr_session_get_answered (RrSession *self)
{
  g_return_val_if_fail (RR_IS_SESSION (self), FALSE);

  return !rr_guidance_is_empty (self->guidance) && !rr_session_get_asking_level (self);
}

const char *
rr_session_get_persistent_note (RrSession *self)
{
  g_return_val_if_fail (RR_IS_SESSION (self), NULL);

  return self->persistent_note;
}

const char * const *
rr_session_get_first_questions (RrSession *self)
{
  g_return_val_if_fail (RR_IS_SESSION (self), NULL);

  return (const char * const *) self->first_questions;
}

const char * const *
rr_session_get_more_questions (RrSession *self)
{
  g_return_val_if_fail (RR_IS_SESSION (self), NULL);

  return (const char * const *) self->more_questions->pdata;
}

/* Whether the assessment is already in the diary, as saved from here and not
 * deleted since: saving it again would only log the same run twice. */
gboolean
rr_session_is_saved (RrSession *self)
{
  g_autoptr(GVariant) state = NULL;
  g_autoptr(RrDiaryEntry) entry = NULL;

  g_return_val_if_fail (RR_IS_SESSION (self), FALSE);

  if (self->saved_state == NULL || self->diary == NULL)
    return FALSE;
  state = g_variant_ref_sink (rr_assessment_serialize (self->assessment));
  entry = g_variant_equal (state, self->saved_state) ? rr_diary_get_entry (self->diary, self->saved_id, NULL) : NULL;
  return entry != NULL;
}

/* Returns the new entry's id, or -1 with @error set. */
gint64
rr_session_save (RrSession   *self,
                 const char  *note,
                 double       distance_km,
                 int          duration_min,
                 GError     **error)
{
  gint64 id;

  g_return_val_if_fail (RR_IS_SESSION (self), -1);
  g_return_val_if_fail (self->diary != NULL, -1);

  id = rr_diary_add (self->diary, g_get_real_time () / G_USEC_PER_SEC, self->assessment,
                     rr_guidance_get_verdict_id (self->guidance), note,
                     distance_km > 0 ? distance_km : -1, duration_min > 0 ? duration_min : -1, error);
  if (id < 0)
    return -1;

  g_clear_pointer (&self->saved_state, g_variant_unref);
  self->saved_state = g_variant_ref_sink (rr_assessment_serialize (self->assessment));
  self->saved_id = id;
  return id;
}

/* ------------------------------------------------------------------------------ */
/* The object                                                                       */
/* ------------------------------------------------------------------------------ */

RrSession *
rr_session_new (RrRulebook *rulebook)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (rulebook), NULL);

  return g_object_new (RR_TYPE_SESSION, "rulebook", rulebook, NULL);
}

RrRulebook *
rr_session_get_rulebook (RrSession *self)
{
  g_return_val_if_fail (RR_IS_SESSION (self), NULL);

  return self->rulebook;
}

RrAssessment *
rr_session_get_assessment (RrSession *self)
{
  g_return_val_if_fail (RR_IS_SESSION (self), NULL);

  return self->assessment;
}

RrGuidance *
rr_session_get_guidance (RrSession *self)
{
  g_return_val_if_fail (RR_IS_SESSION (self), NULL);

  return self->guidance;
}

RrDiary *
rr_session_get_diary (RrSession *self)
{
  g_return_val_if_fail (RR_IS_SESSION (self), NULL);

  return self->diary;
}

void
rr_session_set_diary (RrSession *self,
                      RrDiary   *diary)
{
  g_return_if_fail (RR_IS_SESSION (self));
  g_return_if_fail (diary == NULL || RR_IS_DIARY (diary));

  if (self->diary == diary)
    return;
  if (self->diary)
    g_signal_handlers_disconnect_by_func (self->diary, update, self);
  g_set_object (&self->diary, diary);
  /* Pain logged in another window counts for persistence here too. */
  if (diary)
    g_signal_connect_swapped (diary, "changed", G_CALLBACK (update), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIARY]);
  update (self);
}

static void
rr_session_constructed (GObject *object)
{
  RrSession *self = RR_SESSION (object);

  G_OBJECT_CLASS (rr_session_parent_class)->constructed (object);

  if (self->rulebook == NULL)
    self->rulebook = g_object_ref (rr_rulebook_get_default ());
  g_signal_connect_swapped (self->assessment, "changed", G_CALLBACK (update), self);
  update (self);
}

static void
rr_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RrSession *self = RR_SESSION (object);

  switch (prop_id)
    {
    case PROP_RULEBOOK:
      g_value_set_object (value, self->rulebook);
      break;
    case PROP_ASSESSMENT:
      g_value_set_object (value, self->assessment);
      break;
    case PROP_GUIDANCE:
      g_value_set_object (value, self->guidance);
      break;
    case PROP_DIARY:
      g_value_set_object (value, self->diary);
      break;
    case PROP_ACTIVE:
      g_value_set_string (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RrSession *self = RR_SESSION (object);

  switch (prop_id)
    {
    case PROP_RULEBOOK:
      self->rulebook = g_value_dup_object (value);
      break;
    case PROP_DIARY:
      rr_session_set_diary (self, g_value_get_object (value));
      break;
    case PROP_ACTIVE:
      rr_session_set_active (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_session_dispose (GObject *object)
{
  RrSession *self = RR_SESSION (object);

  if (self->diary)
    g_signal_handlers_disconnect_by_func (self->diary, update, self);
  if (self->assessment)
    g_signal_handlers_disconnect_by_func (self->assessment, update, self);
  g_clear_object (&self->diary);
  g_clear_object (&self->assessment);
  g_clear_object (&self->guidance);
  g_clear_object (&self->rulebook);

  G_OBJECT_CLASS (rr_session_parent_class)->dispose (object);
}

static void
rr_session_finalize (GObject *object)
{
  RrSession *self = RR_SESSION (object);

  g_free (self->active);
  g_free (self->persistent_note);
  g_free (self->first_spots);
  g_strfreev (self->first_questions);
  g_ptr_array_unref (self->more_questions);
  g_clear_pointer (&self->saved_state, g_variant_unref);

  G_OBJECT_CLASS (rr_session_parent_class)->finalize (object);
}

static void
rr_session_class_init (RrSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rr_session_constructed;
  object_class->get_property = rr_session_get_property;
  object_class->set_property = rr_session_set_property;
  object_class->dispose = rr_session_dispose;
  object_class->finalize = rr_session_finalize;

  properties[PROP_RULEBOOK] =
    g_param_spec_object ("rulebook", NULL, NULL, RR_TYPE_RULEBOOK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ASSESSMENT] =
    g_param_spec_object ("assessment", NULL, NULL, RR_TYPE_ASSESSMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GUIDANCE] =
    g_param_spec_object ("guidance", NULL, NULL, RR_TYPE_GUIDANCE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIARY] =
    g_param_spec_object ("diary", NULL, NULL, RR_TYPE_DIARY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_string ("active", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rr_session_init (RrSession *self)
{
  self->assessment = rr_assessment_new ();
  self->more_questions = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->more_questions, NULL);
}
