/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rr-diary-item.h"
#include "rr-rulebook.h"

G_BEGIN_DECLS

/* One entry of the diary page: when, the verdict, the spots, the note, and buttons
 * that activate the page's actions with it as target (diary.open-entry,
 * diary.delete-entry, diary.set-note). */
#define RR_TYPE_DIARY_ROW (rr_diary_row_get_type ())
G_DECLARE_FINAL_TYPE (RrDiaryRow, rr_diary_row, RR, DIARY_ROW, GtkWidget)

GtkWidget *rr_diary_row_new      (void);
void       rr_diary_row_set_item (RrDiaryRow  *self,
                                  RrDiaryItem *item,
                                  RrRulebook  *rulebook,
                                  gboolean     writable);

G_END_DECLS
