/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rr-status-bars.h"
#include "rr-announce.h"

/* How long a toast stays. */
#define TOAST_SECONDS 4

struct _RrStatusBars
{
  GtkWidget       parent_instance;

  guint           toast_timeout;

  /* Template children */
  GtkInfoBar     *notice_bar;
  GtkLabel       *notice_label;
  GtkInfoBar     *error_bar;
  GtkLabel       *error_label;
  GtkRevealer    *export_revealer;
  GtkProgressBar *export_progress;
  GtkRevealer    *toast_revealer;
  GtkLabel       *toast_label;
  GtkOverlay     *overlay;
};

G_DEFINE_FINAL_TYPE (RrStatusBars, rr_status_bars, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_bar (GtkInfoBar *bar,
          GtkLabel   *label,
          const char *message)
{
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (bar), TRUE);
}

void
rr_status_bars_show_notice (RrStatusBars *self,
                            const char   *message)
{
  g_return_if_fail (RR_IS_STATUS_BARS (self));

  show_bar (self->notice_bar, self->notice_label, message);
}

void
rr_status_bars_show_error (RrStatusBars *self,
                           const char   *message)
{
  g_return_if_fail (RR_IS_STATUS_BARS (self));

  show_bar (self->error_bar, self->error_label, message);
}

void
rr_status_bars_hide_error (RrStatusBars *self)
{
  g_return_if_fail (RR_IS_STATUS_BARS (self));

  gtk_widget_set_visible (GTK_WIDGET (self->error_bar), FALSE);
}

/* Hidden once faded out, so a screen reader finds no empty label there. */
static void
toast_revealed_cb (RrStatusBars *self)
{
  if (!gtk_revealer_get_child_revealed (self->toast_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->toast_revealer), FALSE);
}

static gboolean
hide_toast_cb (gpointer user_data)
{
  RrStatusBars *self = user_data;

  self->toast_timeout = 0;
  gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

void
rr_status_bars_show_toast (RrStatusBars *self,
                           const char   *message)
{
  g_return_if_fail (RR_IS_STATUS_BARS (self));

  gtk_label_set_label (self->toast_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->toast_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->toast_revealer, TRUE);
  rr_announce (GTK_WIDGET (self), message, FALSE);
  g_clear_handle_id (&self->toast_timeout, g_source_remove);
  self->toast_timeout = g_timeout_add_seconds (TOAST_SECONDS, hide_toast_cb, self);
}

void
rr_status_bars_set_export (RrStatusBars *self,
                           double        fraction)
{
  g_return_if_fail (RR_IS_STATUS_BARS (self));

  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->export_progress, MIN (fraction, 1.));
  gtk_widget_set_visible (GTK_WIDGET (self->export_revealer), fraction >= 0);
}

const char *
rr_status_bars_get_notice (RrStatusBars *self)
{
  g_return_val_if_fail (RR_IS_STATUS_BARS (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->notice_bar)) ? gtk_label_get_label (self->notice_label) : NULL;
}

const char *
rr_status_bars_get_error (RrStatusBars *self)
{
  g_return_val_if_fail (RR_IS_STATUS_BARS (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_bar)) ? gtk_label_get_label (self->error_label) : NULL;
}

const char *
rr_status_bars_get_toast (RrStatusBars *self)
{
  g_return_val_if_fail (RR_IS_STATUS_BARS (self), NULL);

  return gtk_revealer_get_reveal_child (self->toast_revealer) ? gtk_label_get_label (self->toast_label) : NULL;
}

/* Both bars stay until the runner closes them. */
static void
info_bar_response_cb (GtkInfoBar *bar)
{
  gtk_widget_set_visible (GTK_WIDGET (bar), FALSE);
}

static void
rr_status_bars_dispose (GObject *object)
{
  RrStatusBars *self = RR_STATUS_BARS (object);
  GtkWidget *child;

  g_clear_handle_id (&self->toast_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RR_TYPE_STATUS_BARS);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rr_status_bars_parent_class)->dispose (object);
}

static void
rr_status_bars_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RrStatusBars *self = RR_STATUS_BARS (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, rr_status_bars_get_child (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_status_bars_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RrStatusBars *self = RR_STATUS_BARS (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      rr_status_bars_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_status_bars_class_init (RrStatusBarsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rr_status_bars_dispose;
  object_class->get_property = rr_status_bars_get_property;
  object_class->set_property = rr_status_bars_set_property;

  /**
   * RrStatusBars:child:
   *
   * What the bars are above and the toast over: the window's pages.
   */
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Nothing of its own to a screen reader: the bars are a group inside, and the
   * pages must not read as part of it. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rr-status-bars.ui");
  gtk_widget_class_bind_template_child (widget_class, RrStatusBars, notice_bar);
  gtk_widget_class_bind_template_child (widget_class, RrStatusBars, notice_label);
  gtk_widget_class_bind_template_child (widget_class, RrStatusBars, error_bar);
  gtk_widget_class_bind_template_child (widget_class, RrStatusBars, error_label);
  gtk_widget_class_bind_template_child (widget_class, RrStatusBars, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, RrStatusBars, export_progress);
  gtk_widget_class_bind_template_child (widget_class, RrStatusBars, toast_revealer);
  gtk_widget_class_bind_template_child (widget_class, RrStatusBars, toast_label);
  gtk_widget_class_bind_template_child (widget_class, RrStatusBars, overlay);
  gtk_widget_class_bind_template_callback (widget_class, info_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, toast_revealed_cb);
}

static void
rr_status_bars_init (RrStatusBars *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rr_status_bars_get_child (RrStatusBars *self)
{
  g_return_val_if_fail (RR_IS_STATUS_BARS (self), NULL);

  /* NULL once disposed */
  return self->overlay ? gtk_overlay_get_child (self->overlay) : NULL;
}

void
rr_status_bars_set_child (RrStatusBars *self,
                          GtkWidget    *child)
{
  g_return_if_fail (RR_IS_STATUS_BARS (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->overlay == NULL || gtk_overlay_get_child (self->overlay) == child)
    return;
  gtk_overlay_set_child (self->overlay, child);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}
