/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-announce.h: a message said to a screen reader, where GTK can say it
 *
 * gtk_accessible_announce() is GTK 4.14; the build targets 4.8
 * (GDK_VERSION_MAX_ALLOWED), so this is the one place that reaches past it.
 * Returns FALSE where GTK cannot announce: the caller then finds another way
 * (moving the focus, a label the screen reader reads on its own).
 */
#pragma once

#include <gtk/gtk.h>

static inline gboolean
rr_announce (GtkWidget  *widget,
             const char *message,
             gboolean    urgent)
{
#if GTK_CHECK_VERSION (4, 14, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_accessible_announce (GTK_ACCESSIBLE (widget), message,
                           urgent ? GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_HIGH
                                  : GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return TRUE;
#else
  (void) widget;
  (void) message;
  (void) urgent;
  return FALSE;
#endif
}
