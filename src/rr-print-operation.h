/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-print-operation.h: printing the guidance sheet
 *
 * A GtkPrintOperation that draws the one-page sheet (rr-sheet.h) for a guidance,
 * with the diary's last two weeks of the chosen spots when it has them, and tells
 * the runner in one dialog when a print job fails.
 */
#pragma once

#include <gtk/gtk.h>

#include "rr-guidance.h"

G_BEGIN_DECLS

#define RR_TYPE_PRINT_OPERATION (rr_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (RrPrintOperation, rr_print_operation, RR, PRINT_OPERATION, GtkPrintOperation)

/* @history: region id -> GArray of RrDiaryPoint, or NULL. */
RrPrintOperation *rr_print_operation_new         (RrGuidance        *guidance,
                                                  GHashTable        *history);

RrGuidance       *rr_print_operation_get_guidance (RrPrintOperation *self);
void              rr_print_operation_set_guidance (RrPrintOperation *self,
                                                   RrGuidance       *guidance);
GHashTable       *rr_print_operation_get_history  (RrPrintOperation *self);
void              rr_print_operation_set_history  (RrPrintOperation *self,
                                                   GHashTable       *history);

/* Shows the print dialog over @parent; the job goes on after it returns. Any
 * error, now or when the job ends, is shown to the runner. */
void              rr_print_operation_show        (RrPrintOperation  *self,
                                                  GtkWindow         *parent);

G_END_DECLS
