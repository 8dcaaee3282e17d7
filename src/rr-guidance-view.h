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

G_END_DECLS
