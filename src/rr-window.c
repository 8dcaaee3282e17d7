/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-window.h"

struct _RrWindow
{
  GtkApplicationWindow parent_instance;

  RrAssessment *assessment;
};

G_DEFINE_FINAL_TYPE (RrWindow, rr_window, GTK_TYPE_APPLICATION_WINDOW)

static void
rr_window_dispose (GObject *object)
{
  RrWindow *self = RR_WINDOW (object);

  g_clear_object (&self->assessment);

  G_OBJECT_CLASS (rr_window_parent_class)->dispose (object);
}

static void
rr_window_class_init (RrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rr_window_dispose;
}

static void
rr_window_init (RrWindow *self)
{
  self->assessment = rr_assessment_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Run or Rest"));
}

RrWindow *
rr_window_new (GtkApplication *application)
{
  return g_object_new (RR_TYPE_WINDOW, "application", application, NULL);
}

RrAssessment *
rr_window_get_assessment (RrWindow *self)
{
  g_return_val_if_fail (RR_IS_WINDOW (self), NULL);

  return self->assessment;
}
