/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-assessment-inputs.h"

struct _RrAssessmentInputs
{
  GtkWidget       parent_instance;

  RrSession      *session;
  char           *questions_key;   /* the question ids shown, joined */

  /* Template children */
  GtkWidget      *no_spot_label;
  GtkFlowBox     *spot_chips;
  GtkLabel       *pain_title;
  GtkLabel       *pain_value;
  GtkLabel       *pain_description;
  GtkRange       *pain_scale;
  GtkWidget      *questions_section;
  GtkWidget      *warnings_frame;
  GtkBox         *questions_box;
  GtkExpander    *more_questions;
  GtkLabel       *more_questions_label;
  GtkBox         *more_questions_box;
  GtkWidget      *persistent_note;
  GtkSwitch      *race_switch;
  GtkBox         *warnings_box;
};

G_DEFINE_FINAL_TYPE (RrAssessmentInputs, rr_assessment_inputs, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static RrRulebook *
rulebook (RrAssessmentInputs *self)
{
  return rr_session_get_rulebook (self->session);
}

static RrAssessment *
assessment (RrAssessmentInputs *self)
{
  return rr_session_get_assessment (self->session);
}

static int
slider_level (RrAssessmentInputs *self)
{
  return (int) (gtk_range_get_value (self->pain_scale) + 0.5);
}

/* ------------------------------------------------------------------------------ */
/* What the runner does goes to the session                                         */
/* ------------------------------------------------------------------------------ */

static void
pain_scale_value_changed_cb (RrAssessmentInputs *self)
{
  rr_session_set_level (self->session, slider_level (self));
}

static void
race_switch_active_cb (RrAssessmentInputs *self)
{
  rr_session_set_symptom (self->session, "race", gtk_switch_get_active (self->race_switch));
}

static void
question_toggled_cb (GtkCheckButton     *button,
                     RrAssessmentInputs *self)
{
  /* Each question is named after its symptom. */
  rr_session_set_symptom (self->session, gtk_widget_get_name (GTK_WIDGET (button)),
                          gtk_check_button_get_active (button));
}

static void
edit_spot_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  rr_session_set_active (RR_ASSESSMENT_INPUTS (widget)->session, g_variant_get_string (parameter, NULL));
}

static void
remove_spot_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  /* The chip that carries the id goes with the change: copy it first. */
  g_autofree char *region = g_variant_dup_string (parameter, NULL);

  rr_session_toggle_region (RR_ASSESSMENT_INPUTS (widget)->session, region);
}

/* ------------------------------------------------------------------------------ */
/* Showing the session                                                              */
/* ------------------------------------------------------------------------------ */

static GtkWidget *
new_question (RrAssessmentInputs *self,
              const char         *symptom)
{
  GtkWidget *check = gtk_check_button_new_with_label (rr_rulebook_get_symptom_question (rulebook (self), symptom));
  GtkWidget *label = gtk_widget_get_last_child (check);

  /* Long questions wrap instead of widening the column. */
  if (GTK_IS_LABEL (label))
    {
      GtkLayoutManager *grid = gtk_grid_layout_new ();

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* A check button places its box and label with a box layout, and GTK 4.8's box
       * asks a wrapping label for its width at a series of trial heights: a dozen
       * Pango layouts per question and frame. A grid asks once per width. */
      gtk_widget_set_layout_manager (check, grid);
      gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (grid, label)), 1);
    }
  gtk_widget_set_name (check, symptom);
  g_signal_connect (check, "toggled", G_CALLBACK (question_toggled_cb), self);
  return check;
}

static void
sync_checks (RrAssessmentInputs *self,
             GtkBox             *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean active = rr_assessment_has_symptom (assessment (self), gtk_widget_get_name (child));

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)) != active)
        {
          g_signal_handlers_block_by_func (child, question_toggled_cb, self);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (child), active);
          g_signal_handlers_unblock_by_func (child, question_toggled_cb, self);
        }
    }
}

/* Puts the questions @ids in @box, in that order. One already shown (in @shown, by
 * symptom) is moved rather than made again: a new check button lays its question
 * out afresh, and one that stays in its box keeps the focus. */
static void
place_questions (RrAssessmentInputs *self,
                 GtkBox             *box,
                 const char * const *ids,
                 GHashTable         *shown)
{
  GtkWidget *previous = NULL;

  for (guint i = 0; ids[i]; i++)
    {
      GtkWidget *check = g_hash_table_lookup (shown, ids[i]);

      g_hash_table_remove (shown, ids[i]);
      if (check == NULL)
        {
          check = new_question (self, ids[i]);
          gtk_box_insert_child_after (box, check, previous);
        }
      else if (gtk_widget_get_parent (check) == GTK_WIDGET (box))
        gtk_box_reorder_child_after (box, check, previous);
      else
        {
          g_object_ref (check);
          gtk_box_remove (GTK_BOX (gtk_widget_get_parent (check)), check);
          gtk_box_insert_child_after (box, check, previous);
          g_object_unref (check);
        }
      previous = check;
    }
}

static void
list_questions (GtkBox     *box,
                GHashTable *shown)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child; child = gtk_widget_get_next_sibling (child))
    g_hash_table_insert (shown, (gpointer) gtk_widget_get_name (child), child);
}

/* Shows only the questions that matter for the chosen spots, the first few in
 * sight, the rest behind "More questions". */
static void
update_questions (RrAssessmentInputs *self)
{
  const char * const *first = rr_session_get_first_questions (self->session);
  const char * const *more = rr_session_get_more_questions (self->session);
  g_autofree char *firsts = g_strjoinv (" ", (char **) first);
  g_autofree char *mores = g_strjoinv (" ", (char **) more);
  g_autofree char *key = g_strconcat (firsts, "|", mores, NULL);
  guint n_more = g_strv_length ((char **) more);
  gboolean more_answered = FALSE;

  if (g_strcmp0 (key, self->questions_key) != 0)
    {
      g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GList) gone = NULL;

      list_questions (self->questions_box, shown);
      list_questions (self->more_questions_box, shown);
      place_questions (self, self->questions_box, first, shown);
      place_questions (self, self->more_questions_box, more, shown);
      /* What is left is no longer asked. */
      gone = g_hash_table_get_values (shown);
      for (GList *l = gone; l; l = l->next)
        gtk_box_remove (GTK_BOX (gtk_widget_get_parent (l->data)), l->data);

      if (n_more > 0)
        {
          /* Translators: the expander with the rest of the questions; the number is how many */
          g_autofree char *title = g_strdup_printf (_("More questions (%u)"), n_more);

          gtk_label_set_text (self->more_questions_label, title);
          /* Its title is a label widget: a screen reader would say "GtkExpander". */
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_questions), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
        }
      g_free (self->questions_key);
      self->questions_key = g_steal_pointer (&key);
    }

  gtk_widget_set_visible (self->questions_section, first[0] != NULL || more[0] != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->more_questions), n_more > 0);
  sync_checks (self, self->questions_box);
  sync_checks (self, self->more_questions_box);
  sync_checks (self, self->warnings_box);

  /* An answer is never out of sight: a ticked question opens the expander. */
  for (guint i = 0; more[i]; i++)
    if (rr_assessment_has_symptom (assessment (self), more[i]))
      more_answered = TRUE;
  if (more_answered)
    gtk_expander_set_expanded (self->more_questions, TRUE);

  g_signal_handlers_block_by_func (self->race_switch, race_switch_active_cb, self);
  gtk_switch_set_active (self->race_switch, rr_assessment_has_symptom (assessment (self), "race"));
  g_signal_handlers_unblock_by_func (self->race_switch, race_switch_active_cb, self);
}

/* A chip's level and whether it is the one being edited. */
static void
update_chip (RrAssessmentInputs *self,
             GtkWidget          *box,
             int                 level)
{
  const char *region = g_object_get_data (G_OBJECT (box), "rr-region");
  g_autofree char *label = g_strdup_printf ("%s · %d", rr_rulebook_get_region_name (rulebook (self), region), level);
  g_autofree char *level_class = g_strdup_printf ("level-%d", level);
  gboolean active = g_strcmp0 (region, rr_session_get_active (self->session)) == 0;
  GtkButton *button = GTK_BUTTON (gtk_widget_get_first_child (box));
  const char *classes[] = { "linked", "spot-chip", level_class, active ? "active" : NULL, NULL };

  if (g_strcmp0 (gtk_button_get_label (button), label) != 0)
    gtk_button_set_label (button, label);
  gtk_widget_set_css_classes (box, classes);
}

/* A chosen spot: its name and level to edit it with the slider, a × to remove it. */
static GtkWidget *
new_chip (RrAssessmentInputs *self,
          const char         *region,
          int                 level)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *remove = gtk_button_new ();
  /* The button says what it does; its icon says nothing more. */
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "window-close-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  const char *name = rr_rulebook_get_region_name (rulebook (self), region);
  /* Translators: tooltip of the small × on a spot chip */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);

  g_object_set_data (G_OBJECT (box), "rr-region", (gpointer) g_intern_string (region));
  gtk_button_set_child (GTK_BUTTON (remove), icon);
  gtk_widget_set_tooltip_text (button, _("Edit this spot’s pain with the slider"));
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "inputs.edit-spot");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", region);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "inputs.remove-spot");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", region);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), remove);
  update_chip (self, box, level);
  return box;
}

/* Whether the chips show exactly @regions, in that order. */
static gboolean
chips_show (RrAssessmentInputs *self,
            const char * const *regions)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->spot_chips));
  guint i = 0;

  for (; child != NULL && regions[i] != NULL; child = gtk_widget_get_next_sibling (child), i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child))), "rr-region"),
                   regions[i]) != 0)
      return FALSE;

  return child == NULL && regions[i] == NULL;
}

/* Which spot's chip has the focus, and whether on its remove button; or -1. */
static int
focused_chip (RrAssessmentInputs *self,
              char              **region,
              gboolean           *remove)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GVariant *target;
  int index = 0;

  if (focus == NULL || !GTK_IS_ACTIONABLE (focus) || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->spot_chips)))
    return -1;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (focus));
  *region = g_variant_dup_string (target, NULL);
  *remove = g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), "inputs.remove-spot") == 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->spot_chips));
       child != NULL && !gtk_widget_is_ancestor (focus, child);
       child = gtk_widget_get_next_sibling (child))
    index++;

  return index;
}

/* The same spots keep their chips, which only show a new level (the slider moves
 * without remaking widgets a screen reader is reading). Other changes make them
 * anew; the focus then stays on the same chip, or moves to the next one when its
 * spot went, or back to the map with the last. */
static void
update_chips (RrAssessmentInputs *self)
{
  const char * const *regions = rr_assessment_get_regions (assessment (self));
  g_autofree char *focus_region = NULL;
  gboolean focus_remove = FALSE;
  int focus_index;
  GtkWidget *focus_chip = NULL;
  GtkWidget *child;
  guint n = 0;

  if (chips_show (self, regions))
    {
      child = gtk_widget_get_first_child (GTK_WIDGET (self->spot_chips));
      for (guint i = 0; regions[i]; i++, child = gtk_widget_get_next_sibling (child))
        update_chip (self, gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)),
                     rr_assessment_get_region_level (assessment (self), regions[i]));
      return;
    }

  focus_index = focused_chip (self, &focus_region, &focus_remove);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->spot_chips))))
    gtk_flow_box_remove (self->spot_chips, child);
  for (guint i = 0; regions[i]; i++, n++)
    {
      GtkWidget *chip = new_chip (self, regions[i], rr_assessment_get_region_level (assessment (self), regions[i]));

      gtk_flow_box_append (self->spot_chips, chip);
      /* Tab goes to the chip's buttons, not to a box around them; a screen reader
       * that meets the box hears the spot's name. */
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (chip)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rr_rulebook_get_region_name (rulebook (self), regions[i]), -1);
      if (g_strcmp0 (regions[i], focus_region) == 0)
        focus_chip = chip;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->spot_chips), regions[0] != NULL);
  gtk_widget_set_visible (self->no_spot_label, regions[0] == NULL);

  if (focus_index < 0)
    return;
  if (focus_chip == NULL && n > 0)
    {
      focus_chip = gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (self->spot_chips, MIN ((guint) focus_index, n - 1)));
      focus_remove = TRUE;
    }
  if (focus_chip != NULL)
    gtk_widget_grab_focus (focus_remove ? gtk_widget_get_last_child (focus_chip) : gtk_widget_get_first_child (focus_chip));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "assessment.focus-map", NULL);
}

static void
update_pain (RrAssessmentInputs *self)
{
  const char *active = rr_session_get_active (self->session);
  int level = rr_session_get_level (self->session);
  const char *description = NULL;
  const char *grade;
  g_autofree char *title = NULL;
  g_autofree char *value = NULL;

  if (active)
    /* Translators: heading above the slider; %s is a spot, e.g. "Left heel" */
    title = g_strdup_printf (_("Pain at %s"), rr_rulebook_get_region_name (rulebook (self), active));
  else
    title = g_strdup (_("How Much It Hurts"));

  grade = rr_rulebook_get_pain_grade (rulebook (self), level, &description);
  /* Translators: the level and its grade beside the slider, e.g. "5 — Moderate" */
  value = g_strdup_printf (_("%d — %s"), level, grade);

  gtk_label_set_label (self->pain_title, title);
  gtk_label_set_label (self->pain_value, value);
  gtk_label_set_label (self->pain_description, description);
  {
    /* GTK 4.8 tells a screen reader nothing when a slider moves, but it does say
     * the new name of what has the focus: the name carries the level, its grade and,
     * once there is one, the verdict ("Pain at Left heel: 7 — Severe. See a
     * professional"). */
    RrGuidance *guidance = rr_session_get_guidance (self->session);
    g_autofree char *name = rr_session_get_answered (self->session)
                            ? g_strdup_printf ("%s: %s. %s", title, value, rr_guidance_get_verdict_name (guidance))
                            : g_strdup_printf ("%s: %s", title, value);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->pain_scale),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, value,
                                    -1);
  }

  if (slider_level (self) != level)
    {
      g_signal_handlers_block_by_func (self->pain_scale, pain_scale_value_changed_cb, self);
      gtk_range_set_value (self->pain_scale, level);
      g_signal_handlers_unblock_by_func (self->pain_scale, pain_scale_value_changed_cb, self);
    }
}

static void
update (RrAssessmentInputs *self)
{
  const char *note = rr_session_get_persistent_note (self->session);

  update_questions (self);
  update_chips (self);
  update_pain (self);
  if (note)
    gtk_label_set_label (GTK_LABEL (self->persistent_note), note);
  gtk_widget_set_visible (self->persistent_note, note != NULL);
}

/* The warning signs are always asked, whatever the spots. */
static void
fill_warning_signs (RrAssessmentInputs *self)
{
  const char * const *symptoms = rr_rulebook_get_symptoms (rulebook (self));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_box))))
    gtk_box_remove (self->warnings_box, child);
  for (guint i = 0; symptoms[i]; i++)
    if (rr_rulebook_get_symptom_group (rulebook (self), symptoms[i]) == RR_SYMPTOM_WARNING)
      gtk_box_append (self->warnings_box, new_question (self, symptoms[i]));
}

/* ------------------------------------------------------------------------------ */
/* The object                                                                       */
/* ------------------------------------------------------------------------------ */

RrSession *
rr_assessment_inputs_get_session (RrAssessmentInputs *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT_INPUTS (self), NULL);

  return self->session;
}

void
rr_assessment_inputs_set_session (RrAssessmentInputs *self,
                                  RrSession          *session)
{
  g_return_if_fail (RR_IS_ASSESSMENT_INPUTS (self));
  g_return_if_fail (session == NULL || RR_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session)
    g_signal_handlers_disconnect_by_func (self->session, update, self);
  g_set_object (&self->session, session);
  g_clear_pointer (&self->questions_key, g_free);
  if (session)
    {
      g_signal_connect_swapped (session, "notify::guidance", G_CALLBACK (update), self);
      fill_warning_signs (self);
      update (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

GtkWidget *
rr_assessment_inputs_get_pain_scale (RrAssessmentInputs *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT_INPUTS (self), NULL);

  return GTK_WIDGET (self->pain_scale);
}

GtkWidget *
rr_assessment_inputs_get_question (RrAssessmentInputs *self,
                                   const char         *symptom)
{
  GtkBox *boxes[] = { self->questions_box, self->more_questions_box, self->warnings_box };

  g_return_val_if_fail (RR_IS_ASSESSMENT_INPUTS (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (boxes[i]));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (g_strcmp0 (gtk_widget_get_name (child), symptom) == 0)
        return child;
  return NULL;
}

GtkWidget *
rr_assessment_inputs_get_chips (RrAssessmentInputs *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT_INPUTS (self), NULL);

  return GTK_WIDGET (self->spot_chips);
}

GtkWidget *
rr_assessment_inputs_get_questions (RrAssessmentInputs *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT_INPUTS (self), NULL);

  return self->questions_section;
}

GtkWidget *
rr_assessment_inputs_get_warnings (RrAssessmentInputs *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT_INPUTS (self), NULL);

  return self->warnings_frame;
}

GtkWidget *
rr_assessment_inputs_get_more_questions (RrAssessmentInputs *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT_INPUTS (self), NULL);

  return GTK_WIDGET (self->more_questions);
}

static void
rr_assessment_inputs_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RrAssessmentInputs *self = RR_ASSESSMENT_INPUTS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_assessment_inputs_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RrAssessmentInputs *self = RR_ASSESSMENT_INPUTS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rr_assessment_inputs_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_assessment_inputs_dispose (GObject *object)
{
  RrAssessmentInputs *self = RR_ASSESSMENT_INPUTS (object);

  GtkWidget *child;

  rr_assessment_inputs_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RR_TYPE_ASSESSMENT_INPUTS);
  /* The sections are the template's, but not bound: they go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rr_assessment_inputs_parent_class)->dispose (object);
}

static void
rr_assessment_inputs_finalize (GObject *object)
{
  RrAssessmentInputs *self = RR_ASSESSMENT_INPUTS (object);

  g_free (self->questions_key);

  G_OBJECT_CLASS (rr_assessment_inputs_parent_class)->finalize (object);
}

/* As a box: it grows where its children would, so the column takes the same room. */
static void
rr_assessment_inputs_compute_expand (GtkWidget *widget,
                                     gboolean  *hexpand,
                                     gboolean  *vexpand)
{
  *hexpand = *vexpand = FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      *hexpand = *hexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
      *vexpand = *vexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL);
    }
}

static void
rr_assessment_inputs_class_init (RrAssessmentInputsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rr_assessment_inputs_get_property;
  object_class->set_property = rr_assessment_inputs_set_property;
  object_class->dispose = rr_assessment_inputs_dispose;
  object_class->finalize = rr_assessment_inputs_finalize;
  widget_class->compute_expand = rr_assessment_inputs_compute_expand;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RR_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* a group, not a nameless "RrAssessmentInputs" to a screen reader */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rr-assessment-inputs.ui");
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, no_spot_label);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, spot_chips);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, pain_title);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, pain_value);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, pain_description);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, pain_scale);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, questions_section);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, warnings_frame);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, questions_box);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, more_questions);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, more_questions_label);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, more_questions_box);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, persistent_note);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, race_switch);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentInputs, warnings_box);
  gtk_widget_class_bind_template_callback (widget_class, pain_scale_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, race_switch_active_cb);

  gtk_widget_class_install_action (widget_class, "inputs.edit-spot", "s", edit_spot_action);
  gtk_widget_class_install_action (widget_class, "inputs.remove-spot", "s", remove_spot_action);
}

static void
rr_assessment_inputs_init (RrAssessmentInputs *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
