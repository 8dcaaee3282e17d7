/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rr-verdict-banner.h"

struct _RrVerdictBanner
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RrVerdictBanner, rr_verdict_banner, GTK_TYPE_WIDGET)

static void
rr_verdict_banner_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rr_verdict_banner_parent_class)->dispose (object);
}

static void
rr_verdict_banner_class_init (RrVerdictBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rr_verdict_banner_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "verdictbanner");
}

static void
rr_verdict_banner_init (RrVerdictBanner *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}
