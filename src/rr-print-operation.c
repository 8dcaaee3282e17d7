/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-print-operation.h"
#include "rr-sheet.h"

struct _RrPrintOperation
{
  GtkPrintOperation  parent_instance;

  RrGuidance        *guidance;
  GHashTable        *history;
  GtkWindow         *parent;     /* weak: where errors are shown */
  gboolean           shown;      /* run by rr_print_operation_show(), which holds a reference */
};

G_DEFINE_FINAL_TYPE (RrPrintOperation, rr_print_operation, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_GUIDANCE,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RrPrintOperation *
rr_print_operation_new (RrGuidance *guidance,
                        GHashTable *history)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (guidance), NULL);

  return g_object_new (RR_TYPE_PRINT_OPERATION, "guidance", guidance, "history", history, NULL);
}

RrGuidance *
rr_print_operation_get_guidance (RrPrintOperation *self)
{
  g_return_val_if_fail (RR_IS_PRINT_OPERATION (self), NULL);

  return self->guidance;
}

void
rr_print_operation_set_guidance (RrPrintOperation *self,
                                 RrGuidance       *guidance)
{
  g_return_if_fail (RR_IS_PRINT_OPERATION (self));
  g_return_if_fail (guidance == NULL || RR_IS_GUIDANCE (guidance));

  if (g_set_object (&self->guidance, guidance))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUIDANCE]);
}

GHashTable *
rr_print_operation_get_history (RrPrintOperation *self)
{
  g_return_val_if_fail (RR_IS_PRINT_OPERATION (self), NULL);

  return self->history;
}

void
rr_print_operation_set_history (RrPrintOperation *self,
                                GHashTable       *history)
{
  g_return_if_fail (RR_IS_PRINT_OPERATION (self));

  if (self->history == history)
    return;
  g_clear_pointer (&self->history, g_hash_table_unref);
  self->history = history ? g_hash_table_ref (history) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

static void
show_error (RrPrintOperation *self,
            const GError     *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (self->parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                              _("Could not print the guidance sheet"));

  if (error)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
rr_print_operation_show (RrPrintOperation *self,
                         GtkWindow        *parent)
{
  g_return_if_fail (RR_IS_PRINT_OPERATION (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (!self->shown);

  g_set_weak_pointer (&self->parent, parent);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (self), TRUE);
  /* Kept alive until ::done, which GTK emits on every outcome, errors included
   * (reported there, once). */
  self->shown = TRUE;
  g_object_ref (self);
  gtk_print_operation_run (GTK_PRINT_OPERATION (self), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, NULL);
}

static void
rr_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  gtk_print_operation_set_n_pages (operation, 1);
}

static void
rr_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  RrPrintOperation *self = RR_PRINT_OPERATION (operation);
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  RrSheetMargins margins;

  /* The context starts inside the printer's margins; the sheet adds what is
   * missing to its own. */
  margins.left = MAX (6, RR_SHEET_MARGIN - gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS));
  margins.right = MAX (6, RR_SHEET_MARGIN - gtk_page_setup_get_right_margin (setup, GTK_UNIT_POINTS));
  margins.top = MAX (6, RR_SHEET_MARGIN - gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS));
  margins.bottom = MAX (6, RR_SHEET_MARGIN - gtk_page_setup_get_bottom_margin (setup, GTK_UNIT_POINTS));

  rr_sheet_draw (self->guidance, self->history, gtk_print_context_get_cairo_context (context),
                 gtk_print_context_get_width (context), gtk_print_context_get_height (context), &margins);
}

static void
rr_print_operation_done (GtkPrintOperation       *operation,
                         GtkPrintOperationResult  result)
{
  RrPrintOperation *self = RR_PRINT_OPERATION (operation);

  /* An export's caller gets the error from gtk_print_operation_run(). */
  if (!self->shown)
    return;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (self, error);
    }
  g_object_unref (self);
}

static void
rr_print_operation_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RrPrintOperation *self = RR_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_GUIDANCE:
      g_value_set_object (value, self->guidance);
      break;
    case PROP_HISTORY:
      g_value_set_boxed (value, self->history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_print_operation_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RrPrintOperation *self = RR_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_GUIDANCE:
      rr_print_operation_set_guidance (self, g_value_get_object (value));
      break;
    case PROP_HISTORY:
      rr_print_operation_set_history (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_print_operation_finalize (GObject *object)
{
  RrPrintOperation *self = RR_PRINT_OPERATION (object);

  g_clear_object (&self->guidance);
  g_clear_pointer (&self->history, g_hash_table_unref);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (rr_print_operation_parent_class)->finalize (object);
}

static void
rr_print_operation_class_init (RrPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->get_property = rr_print_operation_get_property;
  object_class->set_property = rr_print_operation_set_property;
  object_class->finalize = rr_print_operation_finalize;
  operation_class->begin_print = rr_print_operation_begin_print;
  operation_class->draw_page = rr_print_operation_draw_page;
  operation_class->done = rr_print_operation_done;

  properties[PROP_GUIDANCE] =
    g_param_spec_object ("guidance", NULL, NULL, RR_TYPE_GUIDANCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* region id -> GArray of RrDiaryPoint */
  properties[PROP_HISTORY] =
    g_param_spec_boxed ("history", NULL, NULL, G_TYPE_HASH_TABLE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rr_print_operation_init (RrPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  /* Translators: the name of the print job. */
  gtk_print_operation_set_job_name (operation, _("Run or Rest guidance sheet"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
}
