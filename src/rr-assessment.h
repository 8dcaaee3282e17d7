/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RR_PAIN_MIN 0
#define RR_PAIN_MAX 10

#define RR_TYPE_ASSESSMENT (rr_assessment_get_type ())
G_DECLARE_FINAL_TYPE (RrAssessment, rr_assessment, RR, ASSESSMENT, GObject)

/* What the runner said: the spots that hurt (each with its own level 0..10), the
 * overall pain level used when no spot is chosen, and the symptoms they ticked.
 * Every change emits "changed" once; "pain" also notifies. */
RrAssessment        *rr_assessment_new              (void);
RrAssessment        *rr_assessment_copy             (RrAssessment *self);

int                  rr_assessment_get_pain         (RrAssessment *self);
void                 rr_assessment_set_pain         (RrAssessment *self,
                                                     int           level);
int                  rr_assessment_get_max_pain     (RrAssessment *self);

void                 rr_assessment_add_region       (RrAssessment *self,
                                                     const char   *region,
                                                     int           level);
void                 rr_assessment_remove_region    (RrAssessment *self,
                                                     const char   *region);
gboolean             rr_assessment_has_region       (RrAssessment *self,
                                                     const char   *region);
int                  rr_assessment_get_region_level (RrAssessment *self,
                                                     const char   *region);
const char * const  *rr_assessment_get_regions      (RrAssessment *self);
guint                rr_assessment_get_n_regions    (RrAssessment *self);

void                 rr_assessment_set_symptom      (RrAssessment *self,
                                                     const char   *symptom,
                                                     gboolean      present);
gboolean             rr_assessment_has_symptom      (RrAssessment *self,
                                                     const char   *symptom);
const char * const  *rr_assessment_get_symptoms     (RrAssessment *self);

void                 rr_assessment_clear            (RrAssessment *self);

GVariant            *rr_assessment_serialize        (RrAssessment *self);
gboolean             rr_assessment_deserialize      (RrAssessment *self,
                                                     GVariant     *variant);

G_END_DECLS
