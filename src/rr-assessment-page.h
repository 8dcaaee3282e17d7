/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-assessment-page.h: the assessment page
 *
 * The body map, what the runner tells (RrAssessmentInputs) and the answer: the
 * empty state, the prompt for a level, or the guidance. Wide, in three columns;
 * medium, the guidance goes under the questions and a verdict bar above them keeps
 * the verdict in sight; narrow, the map goes above the questions. It shows an
 * RrSession; the map's clicks go to it.
 */
#pragma once

#include <gtk/gtk.h>

#include "rr-assessment-inputs.h"
#include "rr-body-map.h"
#include "rr-session.h"

G_BEGIN_DECLS

typedef enum {
  RR_LAYOUT_WIDE,     /* map, questions and guidance side by side */
  RR_LAYOUT_MEDIUM,   /* the guidance below the questions */
  RR_LAYOUT_NARROW,   /* the map above the questions too */
} RrLayout;

#define RR_TYPE_ASSESSMENT_PAGE (rr_assessment_page_get_type ())
G_DECLARE_FINAL_TYPE (RrAssessmentPage, rr_assessment_page, RR, ASSESSMENT_PAGE, GtkWidget)

void                rr_assessment_page_set_session       (RrAssessmentPage *self,
                                                          RrSession        *session);
void                rr_assessment_page_set_layout        (RrAssessmentPage *self,
                                                          RrLayout          layout);
/* Brings the answer into view: the guidance under the questions, or the slider
 * while the answer waits for a level. */
void                rr_assessment_page_show_guidance     (RrAssessmentPage *self);

RrBodyMap          *rr_assessment_page_get_body_map      (RrAssessmentPage *self);
RrAssessmentInputs *rr_assessment_page_get_inputs        (RrAssessmentPage *self);
GtkWidget          *rr_assessment_page_get_verdict_bar   (RrAssessmentPage *self);
GtkWidget          *rr_assessment_page_get_level_prompt  (RrAssessmentPage *self);

G_END_DECLS
