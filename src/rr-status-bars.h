/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-status-bars.h: what happened, above the window's pages (its child)
 *
 * The notice says what happened to the diary and stays until the runner closes
 * it; the error is the last change that did not reach the diary, gone once one
 * does; the export bar shows how far an export is, with a Cancel button
 * (win.cancel-export); the toast, over the pages, is a short message that goes
 * by itself.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RR_TYPE_STATUS_BARS (rr_status_bars_get_type ())
G_DECLARE_FINAL_TYPE (RrStatusBars, rr_status_bars, RR, STATUS_BARS, GtkWidget)

GtkWidget  *rr_status_bars_get_child   (RrStatusBars *self);
void        rr_status_bars_set_child   (RrStatusBars *self,
                                        GtkWidget    *child);
void        rr_status_bars_show_notice (RrStatusBars *self,
                                        const char   *message);
void        rr_status_bars_show_error  (RrStatusBars *self,
                                        const char   *message);
void        rr_status_bars_hide_error  (RrStatusBars *self);
void        rr_status_bars_show_toast  (RrStatusBars *self,
                                        const char   *message);
/* The export bar: a fraction from 0 to 1, or a negative one to hide it. */
void        rr_status_bars_set_export  (RrStatusBars *self,
                                        double        fraction);

/* What each shows, or NULL when it is hidden (for the tests). */
const char *rr_status_bars_get_notice  (RrStatusBars *self);
const char *rr_status_bars_get_error   (RrStatusBars *self);
const char *rr_status_bars_get_toast   (RrStatusBars *self);

G_END_DECLS
