/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rr-guidance.h"

G_BEGIN_DECLS

#define RR_TYPE_GUIDANCE_VIEW (rr_guidance_view_get_type ())
G_DECLARE_FINAL_TYPE (RrGuidanceView, rr_guidance_view, RR, GUIDANCE_VIEW, GtkWidget)

GtkWidget  *rr_guidance_view_new          (void);
RrGuidance *rr_guidance_view_get_guidance (RrGuidanceView *self);
void        rr_guidance_view_set_guidance (RrGuidanceView *self,
                                           RrGuidance     *guidance);

/* The symbolic icon that stands beside a verdict's words wherever it is shown, and
 * the style class ("verdict-ease-off", ...) that colours it, set on @widget alone
 * (RR_N_VERDICTS: none). */
/* The verdict's stop for the keyboard focus, which a screen reader reads. */
GtkWidget  *rr_guidance_view_get_verdict (RrGuidanceView *self);
const char *rr_guidance_view_get_verdict_icon (RrVerdict  verdict);
void        rr_guidance_view_style_verdict    (GtkWidget *widget,
                                               RrVerdict  verdict);

G_END_DECLS
