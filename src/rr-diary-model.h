/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rr-diary.h"

G_BEGIN_DECLS

/* The diary's entries, newest first, as a GListModel of RrDiaryItem: read from the
 * file a page at a time, as a list view asks for them. */
#define RR_TYPE_DIARY_MODEL (rr_diary_model_get_type ())
G_DECLARE_FINAL_TYPE (RrDiaryModel, rr_diary_model, RR, DIARY_MODEL, GObject)

RrDiaryModel *rr_diary_model_new          (RrDiary      *diary);
guint         rr_diary_model_get_n_cached (RrDiaryModel *self);

G_END_DECLS
