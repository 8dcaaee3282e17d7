/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-session.h: what the window shows, without the window
 *
 * One runner's assessment as it is being given: the spots, levels and answers,
 * the spot the slider edits, whether a level is still awaited, what the diary
 * says about pain that persists, which questions are asked, and the guidance
 * for all of it. The views only show the session and tell it what the runner
 * did; every rule about what that means lives here, tested without a display.
 */
#pragma once

#include <glib-object.h>

#include "rr-assessment.h"
#include "rr-diary.h"
#include "rr-guidance.h"
#include "rr-rulebook.h"

G_BEGIN_DECLS

#define RR_TYPE_SESSION (rr_session_get_type ())
G_DECLARE_FINAL_TYPE (RrSession, rr_session, RR, SESSION, GObject)

RrSession          *rr_session_new                 (RrRulebook   *rulebook);

RrRulebook         *rr_session_get_rulebook        (RrSession    *self);
RrAssessment       *rr_session_get_assessment      (RrSession    *self);
/* A new guidance (notify::guidance) after every change. */
RrGuidance         *rr_session_get_guidance        (RrSession    *self);
RrDiary            *rr_session_get_diary           (RrSession    *self);
void                rr_session_set_diary           (RrSession    *self,
                                                    RrDiary      *diary);

/* What the runner does. */
void                rr_session_toggle_region       (RrSession    *self,
                                                    const char   *region);
const char         *rr_session_get_active          (RrSession    *self);
void                rr_session_set_active          (RrSession    *self,
                                                    const char   *region);
/* The level the slider shows: the active spot's, else the overall pain. */
int                 rr_session_get_level           (RrSession    *self);
void                rr_session_set_level           (RrSession    *self,
                                                    int           level);
void                rr_session_set_symptom         (RrSession    *self,
                                                    const char   *symptom,
                                                    gboolean      present);
void                rr_session_clear               (RrSession    *self);

/* Where an assessment comes from; each keeps only the ids the rulebook knows. */
void                rr_session_restore             (RrSession    *self,
                                                    GVariant     *state);
void                rr_session_open_entry          (RrSession    *self,
                                                    RrAssessment *entry);
void                rr_session_preset              (RrSession    *self,
                                                    RrAssessment *preset);

/* A spot is chosen but no level given and nothing ticked: the answer waits. */
gboolean            rr_session_get_asking_level    (RrSession    *self);
/* There is guidance to show, print and save. */
gboolean            rr_session_get_answered        (RrSession    *self);
/* Why "persistent" is ticked, when the diary ticked it; NULL otherwise. */
const char         *rr_session_get_persistent_note (RrSession    *self);
/* The questions for the spots: asked first, and the rest. */
const char * const *rr_session_get_first_questions (RrSession    *self);
const char * const *rr_session_get_more_questions  (RrSession    *self);

/* Saving to the diary: once per assessment. */
gboolean            rr_session_is_saved            (RrSession    *self);
gint64              rr_session_save                (RrSession    *self,
                                                    const char   *note,
                                                    double        distance_km,
                                                    int           duration_min,
                                                    GError      **error);

G_END_DECLS
