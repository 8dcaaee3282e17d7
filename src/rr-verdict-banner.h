/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-verdict-banner.h: the verdict as a stop of its own
 *
 * Holds the verdict banner and takes keyboard focus itself, so that Tab reaches
 * the answer and a screen reader reads its name (the verdict) and description
 * (the headline). A GtkBox only passes focus on to its children.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RR_TYPE_VERDICT_BANNER (rr_verdict_banner_get_type ())
G_DECLARE_FINAL_TYPE (RrVerdictBanner, rr_verdict_banner, RR, VERDICT_BANNER, GtkWidget)

G_END_DECLS
