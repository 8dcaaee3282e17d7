/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

/* The warning signs an answer lists at most: a few, to take in at a glance. */
#define RR_GUIDANCE_MAX_FLAGS 6

G_BEGIN_DECLS

/* Lowest to highest; the order is the safety order. */
typedef enum {
  RR_VERDICT_KEEP_RUNNING,
  RR_VERDICT_EASE_OFF,
  RR_VERDICT_STOP_AND_REST,
  RR_VERDICT_SEE_PROFESSIONAL,
  RR_VERDICT_EMERGENCY,
} RrVerdict;

#define RR_N_VERDICTS (RR_VERDICT_EMERGENCY + 1)

const char *rr_verdict_to_id   (RrVerdict   verdict);
gboolean    rr_verdict_from_id (const char *id,
                                RrVerdict  *verdict);

/* The items of a guidance. Their strings are translated and owned by the guidance. */
typedef struct {
  const char *id;       /* region id */
  const char *name;     /* translated region name */
  int         level;    /* 0..10 */
  const char *grade;    /* translated grade of that level: "Mild", … */
} RrGuidanceSpot;

typedef struct {
  const char *id;       /* symptom id */
  const char *name;     /* short translated label */
  const char *question; /* the question as asked */
} RrGuidanceSymptom;

typedef struct {
  const char         *id;       /* condition id */
  const char         *region;   /* the spot it may explain; NULL when it is not about one spot */
  const char         *name;
  const char         *brief;    /* one short line (the printed sheet), or NULL */
  const char         *text;     /* one paragraph */
  const char * const *sources;  /* source ids, never empty */
} RrGuidanceCondition;

typedef struct {
  const char         *id;
  const char         *title;
  const char         *text;
  const char * const *sources;  /* never empty */
} RrGuidanceAdvice;

typedef struct {
  const char *id;
  const char *citation;  /* authors, title, journal, year */
  const char *doi;       /* may be NULL (the article) */
  const char *url;       /* https://doi.org/… or the article's address */
} RrGuidanceSource;

typedef struct {
  const char *id;        /* a symptom the runner did not report that would raise the verdict */
  const char *question;
  RrVerdict   verdict;   /* what it would raise the verdict to */
} RrGuidanceFlag;

#define RR_TYPE_GUIDANCE (rr_guidance_get_type ())
G_DECLARE_FINAL_TYPE (RrGuidance, rr_guidance, RR, GUIDANCE, GObject)

/* Immutable: made by rr_rulebook_evaluate(). */
RrVerdict                  rr_guidance_get_verdict        (RrGuidance *self);
const char                *rr_guidance_get_verdict_id     (RrGuidance *self);
const char                *rr_guidance_get_verdict_name   (RrGuidance *self);
const char                *rr_guidance_get_headline       (RrGuidance *self);
const char                *rr_guidance_get_summary        (RrGuidance *self);
const char                *rr_guidance_get_disclaimer     (RrGuidance *self);
int                        rr_guidance_get_pain           (RrGuidance *self);
gboolean                   rr_guidance_is_empty           (RrGuidance *self);

guint                      rr_guidance_get_n_spots        (RrGuidance *self);
const RrGuidanceSpot      *rr_guidance_get_spot           (RrGuidance *self,
                                                           guint       i);
const char                *rr_guidance_get_spot_name      (RrGuidance *self,
                                                           const char *region);
GPtrArray                 *rr_guidance_get_cause_groups   (RrGuidance *self);
guint                      rr_guidance_get_n_symptoms     (RrGuidance *self);
const RrGuidanceSymptom   *rr_guidance_get_symptom        (RrGuidance *self,
                                                           guint       i);
guint                      rr_guidance_get_n_conditions   (RrGuidance *self);
const RrGuidanceCondition *rr_guidance_get_condition      (RrGuidance *self,
                                                           guint       i);
guint                      rr_guidance_get_n_advice       (RrGuidance *self);
const RrGuidanceAdvice    *rr_guidance_get_advice         (RrGuidance *self,
                                                           guint       i);
guint                      rr_guidance_get_n_sources      (RrGuidance *self);
const RrGuidanceSource    *rr_guidance_get_source         (RrGuidance *self,
                                                           guint       i);
/* Why the verdict is what it is: the reasons of the rules that asked for it. */
guint                      rr_guidance_get_n_reasons      (RrGuidance *self);
const char                *rr_guidance_get_reason         (RrGuidance *self,
                                                           guint       i);
guint                      rr_guidance_get_n_flags        (RrGuidance *self);
const RrGuidanceFlag      *rr_guidance_get_flag           (RrGuidance *self,
                                                           guint       i);

gboolean                   rr_guidance_has_condition      (RrGuidance *self,
                                                           const char *id);
gboolean                   rr_guidance_has_advice         (RrGuidance *self,
                                                           const char *id);

char                      *rr_guidance_to_json            (RrGuidance *self);
char                      *rr_guidance_to_text            (RrGuidance *self);

G_END_DECLS
