/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rr-assessment.h"

G_BEGIN_DECLS

#define RR_TYPE_WINDOW (rr_window_get_type ())
G_DECLARE_FINAL_TYPE (RrWindow, rr_window, RR, WINDOW, GtkApplicationWindow)

RrWindow     *rr_window_new            (GtkApplication *application,
                                        RrAssessment   *preset);
RrAssessment *rr_window_get_assessment (RrWindow       *self);

G_END_DECLS
