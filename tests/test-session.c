/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "rr-session.h"

/* The rules of the window, without a window: choosing spots, the level prompt,
 * dropped answers, persistence from the diary, where an assessment comes from and
 * saving it once. */

typedef struct {
  char      *dir;
  RrDiary   *diary;
  RrSession *session;
  guint      n_guidance;   /* notify::guidance seen */
} Fixture;

static void
count_guidance (Fixture *f)
{
  f->n_guidance++;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("rr-session-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "diary.sqlite", NULL);
  f->diary = rr_diary_open (path, &error);
  g_assert_no_error (error);
  f->session = rr_session_new (rr_rulebook_get_default ());
  rr_session_set_diary (f->session, f->diary);
  g_signal_connect_swapped (f->session, "notify::guidance", G_CALLBACK (count_guidance), f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->session);
  g_clear_object (&f->diary);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static RrAssessment *
assessment (RrSession *session)
{
  return rr_session_get_assessment (session);
}

/* A first spot before any level waits for one; the level answers; a second spot
 * starts at the slider's level and takes the slider; removing it gives the slider
 * back to the spot chosen last. */
static void
test_spots_and_levels (Fixture       *f,
                       gconstpointer  data)
{
  RrSession *s = f->session;

  g_assert_true (rr_guidance_is_empty (rr_session_get_guidance (s)));
  g_assert_false (rr_session_get_answered (s));

  rr_session_toggle_region (s, "left-knee-front");
  g_assert_cmpstr (rr_session_get_active (s), ==, "left-knee-front");
  g_assert_true (rr_session_get_asking_level (s));
  g_assert_false (rr_session_get_answered (s));

  rr_session_set_level (s, 5);
  g_assert_false (rr_session_get_asking_level (s));
  g_assert_true (rr_session_get_answered (s));
  g_assert_cmpint (rr_assessment_get_region_level (assessment (s), "left-knee-front"), ==, 5);
  g_assert_cmpint (rr_session_get_level (s), ==, 5);

  rr_session_toggle_region (s, "right-heel");
  g_assert_cmpstr (rr_session_get_active (s), ==, "right-heel");
  g_assert_cmpint (rr_assessment_get_region_level (assessment (s), "right-heel"), ==, 5);
  rr_session_set_level (s, 2);
  g_assert_cmpint (rr_assessment_get_region_level (assessment (s), "left-knee-front"), ==, 5);

  rr_session_toggle_region (s, "right-heel");
  g_assert_cmpstr (rr_session_get_active (s), ==, "left-knee-front");
  g_assert_cmpint (rr_session_get_level (s), ==, 5);

  rr_session_set_active (s, NULL);
  g_assert_cmpint (rr_session_get_level (s), ==, rr_assessment_get_pain (assessment (s)));

  rr_session_clear (s);
  g_assert_null (rr_session_get_active (s));
  g_assert_cmpuint (rr_assessment_get_n_regions (assessment (s)), ==, 0);
  g_assert_true (rr_guidance_is_empty (rr_session_get_guidance (s)));
}

/* A ticked question answers at once, whatever the level: a warning sign above all. */
static void
test_question_answers_at_once (Fixture       *f,
                               gconstpointer  data)
{
  RrSession *s = f->session;

  rr_session_toggle_region (s, "chest");
  g_assert_true (rr_session_get_asking_level (s));
  rr_session_set_symptom (s, "fainted", TRUE);
  g_assert_false (rr_session_get_asking_level (s));
  g_assert_cmpint (rr_guidance_get_verdict (rr_session_get_guidance (s)), ==, RR_VERDICT_EMERGENCY);

  /* Context says nothing about the pain: still waiting. */
  rr_session_clear (s);
  rr_session_toggle_region (s, "left-calf");
  rr_session_set_symptom (s, "race", TRUE);
  g_assert_true (rr_session_get_asking_level (s));
}

/* An answer to a question the spots no longer ask goes with it, in the same change. */
static void
test_hidden_answer_dropped (Fixture       *f,
                            gconstpointer  data)
{
  RrSession *s = f->session;
  guint before;

  rr_session_toggle_region (s, "left-heel");
  rr_session_set_level (s, 4);
  g_assert_true (g_strv_contains (rr_session_get_first_questions (s), "morning-worse") ||
                 g_strv_contains (rr_session_get_more_questions (s), "morning-worse"));
  rr_session_set_symptom (s, "morning-worse", TRUE);
  g_assert_true (rr_assessment_has_symptom (assessment (s), "morning-worse"));

  before = f->n_guidance;
  rr_session_toggle_region (s, "left-heel");
  rr_session_toggle_region (s, "head");
  g_assert_false (rr_assessment_has_symptom (assessment (s), "morning-worse"));
  /* One guidance a change: the dropped answer made no second one. */
  g_assert_cmpuint (f->n_guidance - before, ==, 2);
  for (guint i = 0; rr_session_get_first_questions (s)[i]; i++)
    g_assert_cmpstr (rr_session_get_first_questions (s)[i], !=, "morning-worse");
}

/* Shin pain logged on three of the last days persists: ticked, with a note saying
 * why; unticked by the runner, it stays so; gone with the spot. */
static void
test_persistence (Fixture       *f,
                  gconstpointer  data)
{
  RrSession *s = f->session;
  g_autoptr(RrAssessment) logged = rr_assessment_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  rr_assessment_add_region (logged, "left-shin-front", 4);
  for (int day = 1; day <= 3; day++)
    g_assert_cmpint (rr_diary_add (f->diary, now - day * 24 * 3600 - 60, logged, "ease-off", "", -1, -1, NULL), >, 0);

  rr_session_toggle_region (s, "left-shin-front");
  rr_session_set_level (s, 3);
  g_assert_true (rr_assessment_has_symptom (assessment (s), "persistent"));
  g_assert_nonnull (rr_session_get_persistent_note (s));
  g_assert_true (rr_guidance_has_condition (rr_session_get_guidance (s), "stress-fracture"));

  rr_session_set_symptom (s, "persistent", FALSE);
  g_assert_false (rr_assessment_has_symptom (assessment (s), "persistent"));
  g_assert_null (rr_session_get_persistent_note (s));
  rr_session_set_level (s, 5);
  g_assert_false (rr_assessment_has_symptom (assessment (s), "persistent"));

  /* A new assessment asks again; a spot without that history does not get it. */
  rr_session_clear (s);
  rr_session_toggle_region (s, "right-shin-front");
  g_assert_false (rr_assessment_has_symptom (assessment (s), "persistent"));
  rr_session_toggle_region (s, "left-shin-front");
  g_assert_true (rr_assessment_has_symptom (assessment (s), "persistent"));
  rr_session_toggle_region (s, "left-shin-front");
  g_assert_false (rr_assessment_has_symptom (assessment (s), "persistent"));
}

/* Restored, opened or preset, an assessment keeps only what the rulebook knows. */
static void
test_unknown_ids_dropped (Fixture       *f,
                          gconstpointer  data)
{
  RrSession *s = f->session;
  g_autoptr(RrAssessment) old = rr_assessment_new ();
  g_autoptr(GVariant) state = NULL;

  rr_assessment_add_region (old, "left-heel", 0);
  rr_assessment_add_region (old, "left-wing", 6);
  rr_assessment_set_symptom (old, "swelling", TRUE);
  rr_assessment_set_symptom (old, "glowing", TRUE);
  state = g_variant_ref_sink (rr_assessment_serialize (old));

  /* Closed before a level was given: still waiting for one; no spot active. */
  rr_session_restore (s, state);
  g_assert_false (rr_assessment_has_region (assessment (s), "left-wing"));
  g_assert_true (rr_assessment_has_region (assessment (s), "left-heel"));
  g_assert_false (rr_assessment_has_symptom (assessment (s), "glowing"));
  g_assert_true (rr_assessment_has_symptom (assessment (s), "swelling"));
  g_assert_null (rr_session_get_active (s));

  rr_session_clear (s);
  rr_session_preset (s, old);
  g_assert_false (rr_assessment_has_region (assessment (s), "left-wing"));
  g_assert_cmpstr (rr_session_get_active (s), ==, "left-heel");

  /* Not a state at all: nothing changes. */
  g_clear_pointer (&state, g_variant_unref);
  state = g_variant_ref_sink (g_variant_new_string ("not an assessment"));
  rr_session_restore (s, state);
  g_assert_true (rr_assessment_has_region (assessment (s), "left-heel"));
}

/* An entry opened from the diary: its last spot takes the slider, and what it says
 * about persistence is the runner's own answer. */
static void
test_open_entry (Fixture       *f,
                 gconstpointer  data)
{
  RrSession *s = f->session;
  g_autoptr(RrAssessment) logged = rr_assessment_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  rr_assessment_add_region (logged, "left-knee-front", 2);
  rr_assessment_add_region (logged, "left-shin-front", 4);
  for (int day = 1; day <= 3; day++)
    g_assert_cmpint (rr_diary_add (f->diary, now - day * 24 * 3600 - 60, logged, "ease-off", "", -1, -1, NULL), >, 0);

  rr_session_open_entry (s, logged);
  g_assert_cmpstr (rr_session_get_active (s), ==, "left-shin-front");
  g_assert_false (rr_session_get_asking_level (s));
  g_assert_false (rr_assessment_has_symptom (assessment (s), "persistent"));
}

/* Saved once: the same assessment again is not a second run; a change, or deleting
 * the entry, makes the next one count. */
static void
test_save_once (Fixture       *f,
                gconstpointer  data)
{
  RrSession *s = f->session;
  g_autoptr(GError) error = NULL;
  gint64 id;

  rr_session_toggle_region (s, "left-calf");
  rr_session_set_level (s, 3);
  g_assert_false (rr_session_is_saved (s));
  id = rr_session_save (s, "easy 5k", 5, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (rr_session_is_saved (s));

  rr_session_set_level (s, 4);
  g_assert_false (rr_session_is_saved (s));
  rr_session_set_level (s, 3);
  g_assert_true (rr_session_is_saved (s));

  g_assert_true (rr_diary_delete (f->diary, id, &error));
  g_assert_no_error (error);
  g_assert_false (rr_session_is_saved (s));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/session/spots-and-levels", Fixture, NULL, setup, test_spots_and_levels, teardown);
  g_test_add ("/session/question-answers-at-once", Fixture, NULL, setup, test_question_answers_at_once, teardown);
  g_test_add ("/session/hidden-answer-dropped", Fixture, NULL, setup, test_hidden_answer_dropped, teardown);
  g_test_add ("/session/persistence", Fixture, NULL, setup, test_persistence, teardown);
  g_test_add ("/session/unknown-ids-dropped", Fixture, NULL, setup, test_unknown_ids_dropped, teardown);
  g_test_add ("/session/open-entry", Fixture, NULL, setup, test_open_entry, teardown);
  g_test_add ("/session/save-once", Fixture, NULL, setup, test_save_once, teardown);

  return g_test_run ();
}
