/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-guidance-view.h"
#include "rr-verdict-banner.h"
#include "rr-rulebook.h"

/* The guidance panel. It is rebuilt live while the runner clicks and drags a
 * slider, so it keeps every widget it can: the sections come from the template,
 * and a section's rows are made again only when what they show changed (a cheap
 * key of the ids it lists). No flicker, no jump of the scroll position. */

struct _RrGuidanceView
{
  GtkWidget   parent_instance;

  RrGuidance *guidance;

  /* What each section shows now */
  char       *reasons_key;
  char       *advice_key;
  char       *causes_key;
  char       *flags_key;
  char       *sources_key;

  /* Template children */
  GtkWidget  *main_box;
  GtkWidget  *verdict_stop;   /* takes focus: the verdict's accessible name and headline */
  GtkWidget  *banner;
  GtkImage   *banner_icon;
  GtkLabel   *verdict_label;
  GtkLabel   *headline_label;
  GtkWidget  *first_action;
  GtkLabel   *first_action_label;
  GtkWidget  *why_section;
  GtkWidget  *reasons_box;
  GtkWidget  *advice_section;
  GtkWidget  *advice_box;
  GtkWidget  *causes_section;
  GtkWidget  *causes_box;
  GtkWidget  *flags_section;
  GtkWidget  *flags_box;
  GtkWidget  *sources_section;
  GtkWidget  *sources_box;
  GtkLabel   *disclaimer_label;
};

G_DEFINE_FINAL_TYPE (RrGuidanceView, rr_guidance_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_GUIDANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Words and a shape for each verdict, never colour alone. */
static const char * const verdict_icons[RR_N_VERDICTS] = {
  [RR_VERDICT_KEEP_RUNNING] = "object-select-symbolic",
  [RR_VERDICT_EASE_OFF] = "dialog-warning-symbolic",
  [RR_VERDICT_STOP_AND_REST] = "media-playback-pause-symbolic",
  [RR_VERDICT_SEE_PROFESSIONAL] = "user-info-symbolic",
  [RR_VERDICT_EMERGENCY] = "dialog-error-symbolic",
};

const char *
rr_guidance_view_get_verdict_icon (RrVerdict verdict)
{
  g_return_val_if_fail (verdict < RR_N_VERDICTS, NULL);

  return verdict_icons[verdict];
}

void
rr_guidance_view_style_verdict (GtkWidget *widget,
                                RrVerdict  verdict)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (int v = 0; v < RR_N_VERDICTS; v++)
    {
      g_autofree char *css_class = g_strconcat ("verdict-", rr_verdict_to_id (v), NULL);

      if (v == (int) verdict)
        gtk_widget_add_css_class (widget, css_class);
      else
        gtk_widget_remove_css_class (widget, css_class);
    }
}

static GtkWidget *
new_label (const char *text,
           gboolean    markup,
           gboolean    selectable,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (markup)
    gtk_label_set_markup (GTK_LABEL (label), text);
  else
    gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Word wrapping only: with WORD_CHAR, GTK measures the narrowest width by breaking
   * every character, which made each click cost a third more. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  gtk_widget_set_hexpand (label, TRUE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A marker (bullet, number) beside wrapped text. A grid rather than a horizontal box:
 * GTK 4.8's box measures wrapping text at a series of trial heights, a dozen Pango
 * layouts per row and frame, where a grid measures it once per width. */
static GtkWidget *
new_row (GtkWidget *marker,
         GtkWidget *content)
{
  GtkWidget *row = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (row), 8);
  gtk_widget_set_valign (marker, GTK_ALIGN_START);
  gtk_grid_attach (GTK_GRID (row), marker, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (row), content, 1, 0, 1, 1);
  return row;
}

/* A bullet and a wrapped text, the text's lines aligned with each other. */
static GtkWidget *
new_bullet_row (const char *text,
                gboolean    markup,
                const char *css_class)
{
  GtkWidget *bullet = gtk_label_new ("•");
  GtkWidget *row = new_row (bullet, new_label (text, markup, FALSE, NULL));

  gtk_accessible_update_property (GTK_ACCESSIBLE (bullet), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  if (css_class)
    gtk_widget_add_css_class (row, css_class);
  return row;
}

/* Rows made for the last guidance, by what they show, taken out of @box (and out of
 * an expander in it): a row that shows the same text again is moved into the new
 * list instead of made again, which spares laying its text out again. */
static GHashTable *
take_rows (GtkWidget *box)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *key = g_object_get_data (G_OBJECT (child), "rr-row-key");

      if (GTK_IS_EXPANDER (child) && gtk_expander_get_child (GTK_EXPANDER (child)) != NULL)
        {
          GtkWidget *inner = gtk_expander_get_child (GTK_EXPANDER (child));

          for (GtkWidget *row = gtk_widget_get_first_child (inner); row; row = gtk_widget_get_next_sibling (row))
            if ((key = g_object_get_data (G_OBJECT (row), "rr-row-key")) != NULL)
              g_hash_table_replace (rows, (gpointer) key, g_object_ref (row));
        }
      else if (key != NULL)
        g_hash_table_replace (rows, (gpointer) key, g_object_ref (child));
    }
  return rows;
}

/* The row that showed @key, unparented and ready to append; NULL when there is none. */
static GtkWidget *
reuse_row (GHashTable *rows,
           const char *key)
{
  gpointer row;

  if (!g_hash_table_steal_extended (rows, key, NULL, &row))
    return NULL;
  if (gtk_widget_get_parent (row) != NULL)
    gtk_widget_unparent (row);
  /* A reference of its own stays with the caller's new list. */
  g_object_force_floating (row);
  return row;
}

static void
set_row_key (GtkWidget  *row,
             const char *key)
{
  g_object_set_data_full (G_OBJECT (row), "rr-row-key", g_strdup (key), g_free);
}

/* Empties a list by putting a new, empty box in its place. Emptying the old one
 * (GTK 4.8) could leave it measuring its new rows at the size of their narrowest
 * width, a band of empty space under them until the next change. */
static void
renew_list (GtkWidget **box)
{
  GtkWidget *old = *box;
  GtkWidget *parent = gtk_widget_get_parent (old);

  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, gtk_box_get_spacing (GTK_BOX (old)));
  gtk_widget_set_name (*box, gtk_widget_get_name (old));
  gtk_box_insert_child_after (GTK_BOX (parent), *box, old);
  gtk_box_remove (GTK_BOX (parent), old);
}

/* Stores @key for a section; TRUE when it differs from the one it had, that is
 * when the section's rows must be made again. */
static gboolean
update_key (char       **stored,
            GString     *key)
{
  if (g_strcmp0 (*stored, key->str) == 0)
    return FALSE;
  g_free (*stored);
  *stored = g_strdup (key->str);
  return TRUE;
}

/* ------------------------------------------------------------------------------ */
/* The sections                                                                     */
/* ------------------------------------------------------------------------------ */

static void
update_banner (RrGuidanceView *self)
{
  RrGuidance *guidance = self->guidance;
  RrVerdict verdict = rr_guidance_get_verdict (guidance);
  const char *name = rr_guidance_get_verdict_name (guidance);
  const char *headline = rr_guidance_get_headline (guidance);
  gboolean emergency = verdict == RR_VERDICT_EMERGENCY && rr_guidance_get_n_advice (guidance) > 0;
  g_autofree char *description = NULL;

  rr_guidance_view_style_verdict (self->banner, verdict);

  gtk_image_set_from_icon_name (self->banner_icon, verdict_icons[verdict]);
  gtk_label_set_text (self->verdict_label, name);
  gtk_label_set_text (self->headline_label, headline);

  /* In an emergency the first thing to do is in the banner itself. */
  if (emergency)
    {
      const RrGuidanceAdvice *first = rr_guidance_get_advice (guidance, 0);
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n%s", first->title, first->text);

      if (g_strcmp0 (gtk_label_get_label (self->first_action_label), markup) != 0)
        gtk_label_set_markup (self->first_action_label, markup);
      /* Heard when the verdict takes the focus: short, so the first action comes
       * at once; its whole text follows in the banner. */
      description = g_strdup_printf ("%s %s.", headline, first->title);
    }
  else
    {
      description = g_strdup (headline);
    }
  gtk_widget_set_visible (self->first_action, emergency);
  gtk_label_set_text (self->verdict_label, name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), emergency ? "title-2" : "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), emergency ? "title-1" : "title-2");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_stop),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
update_reasons (RrGuidanceView *self)
{
  RrGuidance *guidance = self->guidance;
  guint n = rr_guidance_get_n_reasons (guidance);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GHashTable) old_rows = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (key, "%s\n", rr_guidance_get_reason (guidance, i));
  gtk_widget_set_visible (self->why_section, n > 0);
  if (!update_key (&self->reasons_key, key))
    return;

  old_rows = take_rows (self->reasons_box);
  renew_list (&self->reasons_box);
  for (guint i = 0; i < n; i++)
    {
      const char *reason = rr_guidance_get_reason (guidance, i);
      GtkWidget *row = reuse_row (old_rows, reason);

      if (row == NULL)
        {
          row = new_bullet_row (reason, FALSE, NULL);
          set_row_key (row, reason);
        }
      gtk_box_append (GTK_BOX (self->reasons_box), row);
    }
}

/* How many pieces of advice show before "More you can do" (all of them when only one
 * more would wait behind it). */
#define ADVICE_SHOWN 5

static void
update_advice (RrGuidanceView *self)
{
  RrGuidance *guidance = self->guidance;
  GtkWidget *more = NULL;
  guint n = rr_guidance_get_n_advice (guidance);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GHashTable) old_rows = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (key, "%s ", rr_guidance_get_advice (guidance, i)->id);
  gtk_widget_set_visible (self->advice_section, n > 0);
  if (!update_key (&self->advice_key, key))
    return;

  old_rows = take_rows (self->advice_box);
  renew_list (&self->advice_box);
  for (guint i = 0; i < n; i++)
    {
      const RrGuidanceAdvice *advice = rr_guidance_get_advice (guidance, i);
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);
      g_autofree char *row_key = g_strconcat ("advice:", advice->id, NULL);
      GtkWidget *text, *number_label;
      GtkWidget *row = reuse_row (old_rows, row_key);

      /* What to do now comes first; the rest (rehab, prevention) waits behind an
       * expander, which also spares laying out text nobody asked to read yet. */
      if (i == ADVICE_SHOWN && n > ADVICE_SHOWN + 1)
        {
          GtkWidget *expander = gtk_expander_new (NULL);
          GtkWidget *label = gtk_label_new (NULL);
          /* Translators: the expander with the rest of the advice; the number is how many */
          g_autofree char *title = g_strdup_printf ("%s (%u)", _("More you can do"), n - ADVICE_SHOWN);

          gtk_label_set_text (GTK_LABEL (label), title);
          gtk_widget_add_css_class (label, "heading");
          gtk_expander_set_label_widget (GTK_EXPANDER (expander), label);
          /* A title of its own making: a screen reader would say "GtkExpander". */
          gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
          more = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
          gtk_widget_set_margin_top (more, 10);
          gtk_expander_set_child (GTK_EXPANDER (expander), more);
          gtk_widget_set_name (expander, "advice-more");
          gtk_box_append (GTK_BOX (self->advice_box), expander);
        }

      if (row != NULL)
        {
          /* The same advice, perhaps at another place in the list. */
          gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (row), 0, 0)), number);
          gtk_box_append (GTK_BOX (more ? more : self->advice_box), row);
          continue;
        }

      text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      number_label = gtk_label_new (number);
      gtk_widget_add_css_class (number_label, "advice-number");
      gtk_widget_add_css_class (number_label, "heading");
      gtk_label_set_xalign (GTK_LABEL (number_label), 1);
      gtk_box_append (GTK_BOX (text), new_label (advice->title, FALSE, FALSE, "heading"));
      gtk_box_append (GTK_BOX (text), new_label (advice->text, FALSE, FALSE, NULL));
      row = new_row (number_label, text);
      gtk_widget_add_css_class (row, "advice-row");
      set_row_key (row, row_key);
      gtk_box_append (GTK_BOX (more ? more : self->advice_box), row);
    }
}

static void
update_causes (RrGuidanceView *self)
{
  RrGuidance *guidance = self->guidance;
  guint n = rr_guidance_get_n_conditions (guidance);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GHashTable) explained = NULL;
  g_autoptr(GHashTable) old_rows = NULL;

  /* The spots' names are in the headings: they are part of the key. */
  for (guint i = 0; i < n; i++)
    {
      const RrGuidanceCondition *condition = rr_guidance_get_condition (guidance, i);

      g_string_append_printf (key, "%s@%s:%s ", condition->id, condition->region ? condition->region : "",
                              condition->region ? rr_guidance_get_spot_name (guidance, condition->region) : "");
    }
  gtk_widget_set_visible (self->causes_section, n > 0);
  if (!update_key (&self->causes_key, key))
    return;

  old_rows = take_rows (self->causes_box);
  renew_list (&self->causes_box);

  /* Grouped per spot, in the order of the spots; the general ones last. */
  groups = rr_guidance_get_cause_groups (guidance);

  explained = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint g = 0; g < groups->len; g++)
    {
      const char *region = g_ptr_array_index (groups, g);
      g_autoptr(GString) group_key = g_string_new (region ? rr_guidance_get_spot_name (guidance, region) : "");
      GtkWidget *group;

      /* What the group shows: its heading, its causes, which of them only point above. */
      for (guint i = 0; i < n; i++)
        {
          const RrGuidanceCondition *condition = rr_guidance_get_condition (guidance, i);

          if (g_strcmp0 (condition->region, region) == 0)
            g_string_append_printf (group_key, "\n%s%s", condition->id,
                                    g_hash_table_contains (explained, condition->id) ? " (above)" : "");
        }

      group = reuse_row (old_rows, group_key->str);
      if (group == NULL)
        {
          group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
          gtk_widget_add_css_class (group, "cause-group");
          /* Translators: the group of likely causes that are not about one spot. */
          gtk_box_append (GTK_BOX (group), new_label (region ? rr_guidance_get_spot_name (guidance, region) : _("Overall"),
                                                      FALSE, FALSE, "heading"));
          set_row_key (group, group_key->str);

          for (guint i = 0; i < n; i++)
            {
              const RrGuidanceCondition *condition = rr_guidance_get_condition (guidance, i);
              GtkWidget *item;

              if (g_strcmp0 (condition->region, region) != 0)
                continue;

              item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
              gtk_widget_add_css_class (item, "cause");
              gtk_widget_set_margin_start (item, 12);
              if (g_hash_table_contains (explained, condition->id))
                {
                  /* Translators: a likely cause already explained for another spot, above. */
                  g_autofree char *markup = g_markup_printf_escaped (_("<b>%s</b>: see above."), condition->name);

                  gtk_box_append (GTK_BOX (item), new_label (markup, TRUE, FALSE, NULL));
                }
              else
                {
                  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", condition->name);

                  gtk_box_append (GTK_BOX (item), new_label (markup, TRUE, FALSE, NULL));
                  gtk_box_append (GTK_BOX (item), new_label (condition->text, FALSE, FALSE, NULL));
                }
              gtk_box_append (GTK_BOX (group), item);
            }
        }
      gtk_box_append (GTK_BOX (self->causes_box), group);

      for (guint i = 0; i < n; i++)
        {
          const RrGuidanceCondition *condition = rr_guidance_get_condition (guidance, i);

          if (g_strcmp0 (condition->region, region) == 0)
            g_hash_table_add (explained, (gpointer) condition->id);
        }
    }
}

static void
update_flags (RrGuidanceView *self)
{
  RrGuidance *guidance = self->guidance;
  RrRulebook *rulebook = rr_rulebook_get_default ();
  guint n = rr_guidance_get_n_flags (guidance);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GHashTable) old_rows = NULL;

  for (guint i = 0; i < n; i++)
    {
      const RrGuidanceFlag *flag = rr_guidance_get_flag (guidance, i);

      g_string_append_printf (key, "%s>%d ", flag->id, flag->verdict);
    }
  gtk_widget_set_visible (self->flags_section, n > 0);
  if (!update_key (&self->flags_key, key))
    return;

  old_rows = take_rows (self->flags_box);
  renew_list (&self->flags_box);
  for (guint i = 0; i < n; i++)
    {
      const RrGuidanceFlag *flag = rr_guidance_get_flag (guidance, i);
      /* Translators: a warning sign: the question, then what it would mean, e.g. "→ See a professional". */
      g_autofree char *markup = g_markup_printf_escaped (_("%s <b>→ %s</b>"), flag->question,
                                                         rr_rulebook_get_verdict_name (rulebook, flag->verdict));
      GtkWidget *row = reuse_row (old_rows, markup);

      if (row == NULL)
        {
          g_autofree char *css_class = g_strconcat ("verdict-", rr_verdict_to_id (flag->verdict), NULL);

          row = new_bullet_row (markup, TRUE, "warning-sign");
          gtk_widget_add_css_class (row, css_class);
          set_row_key (row, markup);
        }
      gtk_box_append (GTK_BOX (self->flags_box), row);
    }
}

static void
update_sources (RrGuidanceView *self)
{
  RrGuidance *guidance = self->guidance;
  guint n = rr_guidance_get_n_sources (guidance);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GHashTable) old_rows = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (key, "%s ", rr_guidance_get_source (guidance, i)->id);
  gtk_widget_set_visible (self->sources_section, n > 0);
  if (!update_key (&self->sources_key, key))
    return;

  old_rows = take_rows (self->sources_box);
  renew_list (&self->sources_box);
  for (guint i = 0; i < n; i++)
    {
      const RrGuidanceSource *source = rr_guidance_get_source (guidance, i);
      g_autofree char *markup = NULL;
      GtkWidget *row;

      if (source->doi)
        markup = g_markup_printf_escaped ("%u. %s <a href=\"https://doi.org/%s\">doi:%s</a>",
                                          i + 1, source->citation, source->doi, source->doi);
      else if (source->url)
        markup = g_markup_printf_escaped ("%u. %s <a href=\"%s\">%s</a>",
                                          i + 1, source->citation, source->url, source->url);
      else
        markup = g_markup_printf_escaped ("%u. %s", i + 1, source->citation);

      if ((row = reuse_row (old_rows, markup)) == NULL)
        {
          row = new_label (markup, TRUE, FALSE, "source");
          set_row_key (row, markup);
        }
      gtk_box_append (GTK_BOX (self->sources_box), row);
    }
}

static void
update (RrGuidanceView *self)
{
  gboolean empty = self->guidance == NULL || rr_guidance_is_empty (self->guidance);

  /* Empty: nothing at all; the window shows its own invitation. */
  gtk_widget_set_visible (self->main_box, !empty);
  if (empty)
    return;

  update_banner (self);
  update_reasons (self);
  update_advice (self);
  update_causes (self);
  update_flags (self);
  update_sources (self);
  gtk_label_set_text (self->disclaimer_label, rr_guidance_get_disclaimer (self->guidance));
}

/* ------------------------------------------------------------------------------ */
/* GObject                                                                          */
/* ------------------------------------------------------------------------------ */

static void
rr_guidance_view_dispose (GObject *object)
{
  RrGuidanceView *self = RR_GUIDANCE_VIEW (object);

  g_clear_object (&self->guidance);
  g_clear_pointer (&self->main_box, gtk_widget_unparent);

  G_OBJECT_CLASS (rr_guidance_view_parent_class)->dispose (object);
}

static void
rr_guidance_view_finalize (GObject *object)
{
  RrGuidanceView *self = RR_GUIDANCE_VIEW (object);

  g_free (self->reasons_key);
  g_free (self->advice_key);
  g_free (self->causes_key);
  g_free (self->flags_key);
  g_free (self->sources_key);

  G_OBJECT_CLASS (rr_guidance_view_parent_class)->finalize (object);
}

static void
rr_guidance_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RrGuidanceView *self = RR_GUIDANCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_GUIDANCE:
      g_value_set_object (value, self->guidance);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_guidance_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RrGuidanceView *self = RR_GUIDANCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_GUIDANCE:
      rr_guidance_view_set_guidance (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_guidance_view_class_init (RrGuidanceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rr_guidance_view_dispose;
  object_class->finalize = rr_guidance_view_finalize;
  object_class->get_property = rr_guidance_view_get_property;
  object_class->set_property = rr_guidance_view_set_property;

  properties[PROP_GUIDANCE] =
    g_param_spec_object ("guidance", NULL, NULL,
                         RR_TYPE_GUIDANCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RR_TYPE_VERDICT_BANNER);
  /* a group, not a nameless "RrGuidanceView" to a screen reader */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runorrest/RunOrRest/ui/rr-guidance-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, main_box);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, verdict_stop);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, banner);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, headline_label);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, first_action);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, first_action_label);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, why_section);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, reasons_box);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, advice_section);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, advice_box);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, causes_section);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, causes_box);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, flags_section);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, flags_box);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, sources_section);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, sources_box);
  gtk_widget_class_bind_template_child (widget_class, RrGuidanceView, disclaimer_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "guidanceview");
}

static void
rr_guidance_view_init (RrGuidanceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->main_box, FALSE);
}

GtkWidget *
rr_guidance_view_new (void)
{
  return g_object_new (RR_TYPE_GUIDANCE_VIEW, NULL);
}

RrGuidance *
rr_guidance_view_get_guidance (RrGuidanceView *self)
{
  g_return_val_if_fail (RR_IS_GUIDANCE_VIEW (self), NULL);

  return self->guidance;
}

/**
 * rr_guidance_view_set_guidance:
 * @guidance: (nullable): the guidance to show
 *
 * Shows @guidance, remaking only the sections whose content changed.
 */
GtkWidget *
rr_guidance_view_get_verdict (RrGuidanceView *self)
{
  g_return_val_if_fail (RR_IS_GUIDANCE_VIEW (self), NULL);

  return self->verdict_stop;
}

void
rr_guidance_view_set_guidance (RrGuidanceView *self,
                               RrGuidance     *guidance)
{
  g_return_if_fail (RR_IS_GUIDANCE_VIEW (self));
  g_return_if_fail (guidance == NULL || RR_IS_GUIDANCE (guidance));

  if (!g_set_object (&self->guidance, guidance))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUIDANCE]);
}
