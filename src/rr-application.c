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

/* Starting the app again raises its window; one started with spots on the command
 * line (a preset) opens a window of its own with them, in the running instance. */
static void
rr_application_activate (GApplication *app)
{
  RrApplication *self = RR_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL || self->preset != NULL)
    {
      window = GTK_WINDOW (rr_window_new (GTK_APPLICATION (app), self->preset));
      g_clear_object (&self->preset);
    }

  gtk_window_present (window);
}

/* In a second instance: the preset travels to the running one with the activation. */
static void
rr_application_add_platform_data (GApplication    *app,
                                  GVariantBuilder *builder)
{
  RrApplication *self = RR_APPLICATION (app);

  G_APPLICATION_CLASS (rr_application_parent_class)->add_platform_data (app, builder);
  if (self->preset)
    g_variant_builder_add (builder, "{sv}", "run-or-rest-preset", rr_assessment_serialize (self->preset));
}

/* In the running instance: the preset a second one sent, for activate(). */
static void
rr_application_before_emit (GApplication *app,
                            GVariant     *platform_data)
{
  RrApplication *self = RR_APPLICATION (app);
  g_autoptr(GVariant) state = g_variant_lookup_value (platform_data, "run-or-rest-preset", NULL);

  G_APPLICATION_CLASS (rr_application_parent_class)->before_emit (app, platform_data);
  if (state == NULL)
    return;
  g_clear_object (&self->preset);
  self->preset = rr_assessment_new ();
  if (!rr_assessment_deserialize (self->preset, state))
    {
      g_message ("A preset from another instance could not be read");
      g_clear_object (&self->preset);
    }
}

static void
rr_application_startup (GApplication *app)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (rr_application_parent_class)->startup (app);

  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Run or Rest developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_about_dialog (parent,
                         "program-name", _("Run or Rest"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Where it hurts, how much, and what to do about it: guidance for "
                                       "runners in pain, based on a sports-medicine article and the studies "
                                       "it cites. It does not replace a doctor or a physiotherapist."),
                         "website", "https://github.com/runorrest/run-or-rest",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         /* Translators: your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;

  /* A copy: closing a window takes it off the application's own list. */
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = gtk_application_get_windows (app); l; l = l->next)
    g_ptr_array_add (windows, g_object_ref (l->data));
  /* Closing each window saves its state, as the close button does. */
  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (g_ptr_array_index (windows, i));
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

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
  app_class->add_platform_data = rr_application_add_platform_data;
  app_class->before_emit = rr_application_before_emit;
  app_class->startup = rr_application_startup;
}

static void
rr_application_init (RrApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  /* What GtkApplication gives a help overlay it finds itself (ours is built later). */
  static const char *help_accels[] = { "<Control>question", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
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
