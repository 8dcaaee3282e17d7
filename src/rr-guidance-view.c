/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rr-guidance-view.h"

struct _RrGuidanceView
{
  GtkWidget   parent_instance;
  RrGuidance *guidance;
};

G_DEFINE_FINAL_TYPE (RrGuidanceView, rr_guidance_view, GTK_TYPE_WIDGET)

static void rr_guidance_view_class_init (RrGuidanceViewClass *klass) {}
static void rr_guidance_view_init (RrGuidanceView *self) {}
GtkWidget *rr_guidance_view_new (void) { return g_object_new (RR_TYPE_GUIDANCE_VIEW, NULL); }
RrGuidance *rr_guidance_view_get_guidance (RrGuidanceView *self) { return self->guidance; }
void rr_guidance_view_set_guidance (RrGuidanceView *self, RrGuidance *guidance) { g_set_object (&self->guidance, guidance); }
