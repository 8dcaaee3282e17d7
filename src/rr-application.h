/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rr-assessment.h"

G_BEGIN_DECLS

#define RR_TYPE_APPLICATION (rr_application_get_type ())
G_DECLARE_FINAL_TYPE (RrApplication, rr_application, RR, APPLICATION, GtkApplication)

RrApplication *rr_application_new (RrAssessment *preset);

G_END_DECLS
