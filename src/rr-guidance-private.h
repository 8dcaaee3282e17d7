/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rr-guidance.h"

G_BEGIN_DECLS

/* Only the rulebook builds guidance; everyone else reads it. Strings are copied. */
RrGuidance *rr_guidance_new           (RrVerdict           verdict,
                                       const char         *verdict_name,
                                       const char         *headline,
                                       const char         *disclaimer,
                                       int                 pain,
                                       gboolean            empty);
void        rr_guidance_set_summary   (RrGuidance         *self,
                                       const char         *summary);
void        rr_guidance_add_spot      (RrGuidance         *self,
                                       const char         *id,
                                       const char         *name,
                                       int                 level,
                                       const char         *grade);
void        rr_guidance_add_symptom   (RrGuidance         *self,
                                       const char         *id,
                                       const char         *name,
                                       const char         *question);
void        rr_guidance_add_condition (RrGuidance         *self,
                                       const char         *id,
                                       const char         *region,
                                       const char         *name,
                                       const char         *brief,
                                       const char         *text,
                                       const char * const *sources);
void        rr_guidance_add_advice    (RrGuidance         *self,
                                       const char         *id,
                                       const char         *title,
                                       const char         *text,
                                       const char * const *sources);
void        rr_guidance_add_source    (RrGuidance         *self,
                                       const char         *id,
                                       const char         *citation,
                                       const char         *doi,
                                       const char         *url);
void        rr_guidance_add_flag      (RrGuidance         *self,
                                       const char         *id,
                                       const char         *question,
                                       RrVerdict           verdict);
void        rr_guidance_add_reason    (RrGuidance         *self,
                                       const char         *reason);

G_END_DECLS
