/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rr-diary.h"
#include "rr-rulebook.h"

G_BEGIN_DECLS

#define RR_TYPE_DIARY_VIEW (rr_diary_view_get_type ())
G_DECLARE_FINAL_TYPE (RrDiaryView, rr_diary_view, RR, DIARY_VIEW, GtkWidget)

/* The diary page: the body in History mode, each sore spot's trend, and the entries,
 * newest first, to open, annotate or delete (with undo). */
void      rr_diary_view_set_diary (RrDiaryView *self,
                                   RrDiary     *diary,
                                   RrRulebook  *rulebook);
guint     rr_diary_view_get_n_rows (RrDiaryView *self);
void      rr_diary_view_set_narrow (RrDiaryView *self,
                                    gboolean     narrow);

G_END_DECLS
