/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rr-diary.h"

G_BEGIN_DECLS

/* One diary entry as an item of a list model. */
#define RR_TYPE_DIARY_ITEM (rr_diary_item_get_type ())
G_DECLARE_FINAL_TYPE (RrDiaryItem, rr_diary_item, RR, DIARY_ITEM, GObject)

RrDiaryItem        *rr_diary_item_new       (RrDiaryEntry *entry);
const RrDiaryEntry *rr_diary_item_get_entry (RrDiaryItem  *self);
gint64              rr_diary_item_get_id    (RrDiaryItem  *self);
const char         *rr_diary_item_get_note  (RrDiaryItem  *self);
void                rr_diary_item_set_note  (RrDiaryItem  *self,
                                             const char   *note);

G_END_DECLS
