/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-assessment-inputs.h: what the runner tells
 *
 * The chosen spots as chips, the slider for the active spot (or the overall
 * pain), the questions that matter for the spots (the first few, the rest behind
 * an expander), the race switch and the warning signs. It shows an RrSession and
 * tells it what the runner did; it holds no rule of its own.
 */
#pragma once

#include <gtk/gtk.h>

#include "rr-session.h"

G_BEGIN_DECLS

#define RR_TYPE_ASSESSMENT_INPUTS (rr_assessment_inputs_get_type ())
G_DECLARE_FINAL_TYPE (RrAssessmentInputs, rr_assessment_inputs, RR, ASSESSMENT_INPUTS, GtkWidget)

RrSession *rr_assessment_inputs_get_session        (RrAssessmentInputs *self);
void       rr_assessment_inputs_set_session        (RrAssessmentInputs *self,
                                                    RrSession          *session);

/* For the window and the tests. */
GtkWidget *rr_assessment_inputs_get_pain_scale     (RrAssessmentInputs *self);
GtkWidget *rr_assessment_inputs_get_question       (RrAssessmentInputs *self,
                                                    const char         *symptom);
GtkWidget *rr_assessment_inputs_get_more_questions (RrAssessmentInputs *self);
/* The parts Tab goes through, for the page's order of stops. */
GtkWidget *rr_assessment_inputs_get_chips          (RrAssessmentInputs *self);
GtkWidget *rr_assessment_inputs_get_questions      (RrAssessmentInputs *self);
GtkWidget *rr_assessment_inputs_get_warnings       (RrAssessmentInputs *self);

G_END_DECLS
