/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-application.h"
#include "rr-window.h"

struct _RrApplication
{
  GtkApplication parent_instance;

  RrAssessment *preset;
};

G_DEFINE_FINAL_TYPE (RrApplication, rr_application, GTK_TYPE_APPLICATION)

static void
rr_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (rr_window_new (GTK_APPLICATION (app)));

  gtk_window_present (window);
}

static void
rr_application_dispose (GObject *object)
{
  RrApplication *self = RR_APPLICATION (object);

  g_clear_object (&self->preset);

  G_OBJECT_CLASS (rr_application_parent_class)->dispose (object);
}

static void
rr_application_class_init (RrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rr_application_dispose;
  app_class->activate = rr_application_activate;
}

static void
rr_application_init (RrApplication *self)
{
}

RrApplication *
rr_application_new (RrAssessment *preset)
{
  RrApplication *self = g_object_new (RR_TYPE_APPLICATION,
                                      "application-id", APP_ID,
                                      "flags", G_APPLICATION_DEFAULT_FLAGS,
                                      NULL);

  g_set_object (&self->preset, preset);
  return self;
}
