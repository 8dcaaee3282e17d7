/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rr-assessment.h"
#include "rr-guidance.h"

G_BEGIN_DECLS

#define RR_RULEBOOK_ERROR (rr_rulebook_error_quark ())

typedef enum {
  RR_RULEBOOK_ERROR_PARSE,     /* not well-formed XML */
  RR_RULEBOOK_ERROR_INVALID,   /* well-formed, but breaks the rulebook's rules */
  RR_RULEBOOK_ERROR_LIMIT,     /* too large, too deep, too long */
} RrRulebookError;

/* Which group a question belongs to in the window. */
typedef enum {
  RR_SYMPTOM_SPOT,      /* asked only for the regions or parts it names */
  RR_SYMPTOM_GENERAL,   /* asked whenever a spot is chosen */
  RR_SYMPTOM_WARNING,   /* always shown, apart: emergency and red-flag signs */
  RR_SYMPTOM_CONTEXT,   /* not a symptom: e.g. "this is a race" */
} RrSymptomGroup;

#define RR_RULEBOOK_RESOURCE "/io/github/runorrest/RunOrRest/rulebook.xml"

#define RR_TYPE_RULEBOOK (rr_rulebook_get_type ())
G_DECLARE_FINAL_TYPE (RrRulebook, rr_rulebook, RR, RULEBOOK, GObject)

GQuark              rr_rulebook_error_quark         (void);

RrRulebook         *rr_rulebook_get_default         (void);
RrRulebook         *rr_rulebook_new_from_file       (GFile        *file,
                                                     GError      **error);
RrRulebook         *rr_rulebook_new_from_data       (const char   *data,
                                                     gsize         length,
                                                     const char   *filename,
                                                     GError      **error);

RrGuidance         *rr_rulebook_evaluate            (RrRulebook   *self,
                                                     RrAssessment *assessment);

/* The vocabulary, in the rulebook's order; names and questions are translated. */
const char * const *rr_rulebook_get_regions         (RrRulebook   *self);
gboolean            rr_rulebook_has_region          (RrRulebook   *self,
                                                     const char   *region);
const char         *rr_rulebook_get_region_name     (RrRulebook   *self,
                                                     const char   *region);
const char         *rr_rulebook_get_region_part     (RrRulebook   *self,
                                                     const char   *region);
const char         *rr_rulebook_get_region_side     (RrRulebook   *self,
                                                     const char   *region);
const char         *rr_rulebook_get_region_view     (RrRulebook   *self,
                                                     const char   *region);

const char * const *rr_rulebook_get_symptoms        (RrRulebook   *self);
gboolean            rr_rulebook_has_symptom         (RrRulebook   *self,
                                                     const char   *symptom);
const char         *rr_rulebook_get_symptom_name    (RrRulebook   *self,
                                                     const char   *symptom);
const char         *rr_rulebook_get_symptom_question (RrRulebook  *self,
                                                     const char   *symptom);
RrSymptomGroup      rr_rulebook_get_symptom_group   (RrRulebook   *self,
                                                     const char   *symptom);
gboolean            rr_rulebook_is_red_flag         (RrRulebook   *self,
                                                     const char   *symptom);
/* The questions worth asking for these spots, in the rulebook's order: the
 * spot-specific ones first, then the general ones. Warning and context symptoms are
 * not included (the window always shows them). Free with g_strfreev(). */
char              **rr_rulebook_get_questions_for   (RrRulebook   *self,
                                                     RrAssessment *assessment);
char              **rr_rulebook_get_first_questions (RrRulebook   *self,
                                                     RrAssessment *assessment,
                                                     guint         max);
gboolean            rr_rulebook_symptom_is_asked    (RrRulebook   *self,
                                                     const char   *symptom,
                                                     RrAssessment *assessment);

const char * const *rr_rulebook_get_conditions      (RrRulebook   *self);
const char         *rr_rulebook_get_condition_name  (RrRulebook   *self,
                                                     const char   *condition);
const char * const *rr_rulebook_get_advice          (RrRulebook   *self);
const char * const *rr_rulebook_get_sources         (RrRulebook   *self);
const char         *rr_rulebook_get_verdict_name    (RrRulebook   *self,
                                                     RrVerdict     verdict);
const char         *rr_rulebook_get_pain_grade      (RrRulebook   *self,
                                                     int           level,
                                                     const char  **description);

G_END_DECLS
