/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rr-assessment-page.h"
#include "rr-announce.h"
#include "rr-grid-place.h"
#include "rr-guidance-view.h"

struct _RrAssessmentPage
{
  GtkWidget           parent_instance;

  RrSession          *session;
  RrLayout            layout;
  int                 told_verdict;     /* the verdict last shown, or -1 for none */

  /* Template children */
  GtkGrid            *content_box;
  GtkWidget          *map_column;
  RrBodyMap          *body_map;
  GtkWidget          *column_separator;
  GtkWidget          *side_column;
  GtkWidget          *verdict_bar;
  GtkImage           *verdict_bar_icon;
  GtkLabel           *verdict_bar_label;
  GtkWidget          *side_scroller;
  GtkBox             *side_box;
  RrAssessmentInputs *inputs;
  GtkWidget          *guidance_separator;
  GtkWidget          *guidance_scroller;
  GtkBox             *guidance_box;
  GtkWidget          *guidance_slot;
  GtkWidget          *empty_state;
  GtkGrid            *scale_grid;
  GtkWidget          *level_prompt;
  RrGuidanceView     *guidance_view;
};

G_DEFINE_FINAL_TYPE (RrAssessmentPage, rr_assessment_page, GTK_TYPE_WIDGET)

static void
body_map_region_toggled_cb (RrAssessmentPage *self,
                            const char       *region,
                            gboolean          selected)
{
  if (selected != rr_assessment_has_region (rr_session_get_assessment (self->session), region))
    rr_session_toggle_region (self->session, region);
  else if (selected)
    rr_session_set_active (self->session, region);
}

/* The map shows the assessment's spots at their levels. */
static void
update_map (RrAssessmentPage *self)
{
  RrAssessment *assessment = rr_session_get_assessment (self->session);
  const char * const *regions = rr_assessment_get_regions (assessment);
  g_autofree int *levels = g_new (int, rr_assessment_get_n_regions (assessment) + 1);

  for (guint i = 0; regions[i]; i++)
    levels[i] = rr_assessment_get_region_level (assessment, regions[i]);
  rr_body_map_set_levels (self->body_map, regions, levels);
  rr_body_map_set_active (self->body_map, rr_session_get_active (self->session));
  rr_body_map_set_default_level (self->body_map, rr_session_get_level (self->session));
}

/* Without a column of its own the guidance sits under the questions; its verdict
 * then stays in sight above them, in the banner's words, icon and colour. */
static void
update_verdict_bar (RrAssessmentPage *self)
{
  RrGuidance *guidance = rr_session_get_guidance (self->session);
  RrVerdict verdict = rr_guidance_get_verdict (guidance);
  gboolean asking = rr_session_get_asking_level (self->session);
  g_autofree char *markup = NULL;

  if (asking)
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s", _("How Much Does It Hurt?"),
                                      _("Move the slider to say how much it hurts there: the advice depends on it."));
  else
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s", rr_guidance_get_verdict_name (guidance),
                                      rr_guidance_get_headline (guidance));

  /* Asking, the bar has no verdict's colour. */
  rr_guidance_view_style_verdict (self->verdict_bar, asking ? RR_N_VERDICTS : verdict);
  gtk_image_set_from_icon_name (self->verdict_bar_icon,
                                asking ? "dialog-question-symbolic" : rr_guidance_view_get_verdict_icon (verdict));
  gtk_label_set_markup (self->verdict_bar_label, markup);
  /* a button with a child of its own is "GtkButton" to a screen reader on GTK 4.8 */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  asking ? _("How Much Does It Hurt?") : rr_guidance_get_verdict_name (guidance),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  asking ? _("Move the slider to say how much it hurts there: the advice depends on it.")
                                         : rr_guidance_get_headline (guidance),
                                  -1);
  gtk_widget_set_tooltip_text (self->verdict_bar, asking ? NULL : _("Show the whole guidance"));
  gtk_widget_set_visible (self->verdict_bar, self->layout != RR_LAYOUT_WIDE && !rr_guidance_is_empty (guidance));
}

/* A new verdict, right after the runner did something on the map or in the
 * questions, is said to a screen reader: announced where GTK can (4.14 and later);
 * on older GTK, a verdict that rises to "see a professional" or an emergency after
 * a click or a ticked question takes the focus, which the screen reader then reads.
 * A runner reading the guidance is left alone. */
static void
tell_verdict (RrAssessmentPage *self,
              int               verdict)
{
  RrGuidance *guidance = rr_session_get_guidance (self->session);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  int before = self->told_verdict;
  g_autofree char *message = NULL;

  self->told_verdict = verdict;
  if (verdict < 0 || verdict == before || focus == NULL ||
      !(gtk_widget_is_ancestor (focus, self->map_column) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->inputs))))
    return;

  /* in an emergency, what to do first, as the banner says it */
  if (verdict == RR_VERDICT_EMERGENCY && rr_guidance_get_n_advice (guidance) > 0)
    message = g_strdup_printf ("%s. %s %s.", rr_guidance_get_verdict_name (guidance),
                               rr_guidance_get_headline (guidance), rr_guidance_get_advice (guidance, 0)->title);
  else
    message = g_strdup_printf ("%s. %s", rr_guidance_get_verdict_name (guidance),
                               rr_guidance_get_headline (guidance));
  if (rr_announce (GTK_WIDGET (self), message, verdict >= RR_VERDICT_SEE_PROFESSIONAL))
    return;

  /* Never while the slider moves under the runner's keys: the next key would land
   * on the verdict. */
  if (verdict >= RR_VERDICT_SEE_PROFESSIONAL && verdict > before &&
      focus != rr_assessment_inputs_get_pain_scale (self->inputs))
    {
      if (gtk_widget_get_visible (self->verdict_bar))
        gtk_widget_grab_focus (self->verdict_bar);
      else
        gtk_widget_grab_focus (rr_guidance_view_get_verdict (self->guidance_view));
    }
}

/* Everything shown follows the session's guidance, renewed at every change. */
static void
update (RrAssessmentPage *self)
{
  RrGuidance *guidance = rr_session_get_guidance (self->session);

  update_map (self);
  rr_guidance_view_set_guidance (self->guidance_view, guidance);
  gtk_widget_set_visible (self->empty_state, rr_guidance_is_empty (guidance));
  gtk_widget_set_visible (self->level_prompt, rr_session_get_asking_level (self->session));
  gtk_widget_set_visible (GTK_WIDGET (self->guidance_view), rr_session_get_answered (self->session));
  update_verdict_bar (self);
  tell_verdict (self, rr_session_get_answered (self->session) ? (int) rr_guidance_get_verdict (guidance) : -1);
}

/* The empty state explains the pain scale with the rulebook's own grades. */
static void
fill_scale_explanation (RrAssessmentPage *self,
                        RrRulebook       *rulebook)
{
  const char *previous = NULL;
  int row = 0;

  for (int level = 0; level <= RR_PAIN_MAX; level++)
    {
      const char *description = NULL;
      const char *grade = rr_rulebook_get_pain_grade (rulebook, level, &description);
      int last = level;
      g_autofree char *range = NULL;
      g_autofree char *markup = NULL;
      GtkWidget *range_label, *text_label;

      if (g_strcmp0 (grade, previous) == 0)
        continue;
      previous = grade;
      while (last < RR_PAIN_MAX && g_strcmp0 (rr_rulebook_get_pain_grade (rulebook, last + 1, NULL), grade) == 0)
        last++;

      range = last == level ? g_strdup_printf ("%d", level) : g_strdup_printf ("%d–%d", level, last);
      range_label = gtk_label_new (range);
      gtk_widget_add_css_class (range_label, "numeric");
      gtk_widget_add_css_class (range_label, "heading");
      gtk_label_set_xalign (GTK_LABEL (range_label), 1);
      text_label = gtk_label_new (NULL);
      markup = g_markup_printf_escaped ("<b>%s</b> — %s", grade, description);
      gtk_label_set_markup (GTK_LABEL (text_label), markup);
      gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (text_label), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (text_label), 40);
      gtk_grid_attach (self->scale_grid, range_label, 0, row, 1, 1);
      gtk_grid_attach (self->scale_grid, text_label, 1, row, 1, 1);
      row++;
    }
}

void
rr_assessment_page_set_session (RrAssessmentPage *self,
                                RrSession        *session)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  RrRulebook *rulebook;
  const char * const *regions;

  g_return_if_fail (RR_IS_ASSESSMENT_PAGE (self));
  g_return_if_fail (RR_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  rulebook = rr_session_get_rulebook (session);
  regions = rr_rulebook_get_regions (rulebook);
  for (guint i = 0; regions[i]; i++)
    g_hash_table_insert (names, (gpointer) regions[i], (gpointer) rr_rulebook_get_region_name (rulebook, regions[i]));
  rr_body_map_set_region_names (self->body_map, names);
  fill_scale_explanation (self, rulebook);

  rr_assessment_inputs_set_session (self->inputs, session);
  g_signal_connect_swapped (session, "notify::guidance", G_CALLBACK (update), self);
  update (self);
}

static void
move_guidance (RrAssessmentPage *self,
               GtkBox           *box)
{
  GtkWidget *parent = gtk_widget_get_parent (self->guidance_slot);

  if (parent == GTK_WIDGET (box))
    return;

  g_object_ref (self->guidance_slot);
  gtk_box_remove (GTK_BOX (parent), self->guidance_slot);
  gtk_box_append (box, self->guidance_slot);
  g_object_unref (self->guidance_slot);
}

void
rr_assessment_page_set_layout (RrAssessmentPage *self,
                               RrLayout          layout)
{
  gboolean narrow = layout == RR_LAYOUT_NARROW;
  gboolean wide = layout == RR_LAYOUT_WIDE;

  g_return_if_fail (RR_IS_ASSESSMENT_PAGE (self));

  self->layout = layout;
  rr_grid_place (self->content_box, self->map_column, 0, narrow);
  rr_grid_place (self->content_box, self->column_separator, 1, narrow);
  rr_grid_place (self->content_box, self->side_column, 2, narrow);
  rr_grid_place (self->content_box, self->guidance_separator, 3, narrow);
  rr_grid_place (self->content_box, self->guidance_scroller, 4, narrow);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->column_separator),
                                  narrow ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  /* Stacked, the map keeps a useful height and the questions scroll below it. */
  gtk_widget_set_size_request (self->map_column, -1, narrow ? 280 : -1);
  gtk_widget_set_vexpand (self->map_column, !narrow);
  /* The columns ask for room only in the layouts that show them side by side, so
   * the window can always be made narrow enough to reach the next layout; stacked,
   * the questions keep 200 px, so that with the map and the verdict bar the window
   * fits a 360x720 phone. */
  gtk_widget_set_size_request (self->side_scroller, narrow ? -1 : 360, narrow ? 200 : -1);
  /* A phone's 360 px hold the longest translated headings with narrower margins. */
  gtk_widget_set_margin_start (GTK_WIDGET (self->side_box), narrow ? 12 : 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->side_box), narrow ? 12 : 18);
  gtk_widget_set_size_request (self->guidance_scroller, wide ? 400 : -1, -1);

  move_guidance (self, wide ? self->guidance_box : self->side_box);
  gtk_widget_set_visible (self->guidance_scroller, wide);
  gtk_widget_set_visible (self->guidance_separator, wide);
  if (self->session)
    update_verdict_bar (self);
}

void
rr_assessment_page_show_guidance (RrAssessmentPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->side_scroller));
  graphene_point_t top;

  g_return_if_fail (RR_IS_ASSESSMENT_PAGE (self));

  if (rr_session_get_asking_level (self->session))
    {
      gtk_widget_grab_focus (rr_assessment_inputs_get_pain_scale (self->inputs));
      return;
    }

  if (gtk_widget_get_ancestor (self->guidance_slot, GTK_TYPE_SCROLLED_WINDOW) != self->side_scroller ||
      !gtk_widget_compute_point (self->guidance_slot, GTK_WIDGET (self->side_box), &GRAPHENE_POINT_INIT (0, 0), &top))
    return;

  gtk_adjustment_set_value (adjustment, top.y);
}

RrBodyMap *
rr_assessment_page_get_body_map (RrAssessmentPage *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT_PAGE (self), NULL);

  return self->body_map;
}

RrAssessmentInputs *
rr_assessment_page_get_inputs (RrAssessmentPage *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT_PAGE (self), NULL);

  return self->inputs;
}

/* Three columns put the verdict far from the map in the order GTK would follow
 * (every chip and question first). Tab goes instead: map, slider, verdict, chips,
 * questions, warning signs, the rest of the guidance; so a runner who cannot see
 * hears the answer two Tabs after choosing a spot, and Shift+Tab walks back the
 * same way. The other layouts show the verdict bar first in the side column,
 * right after the map in GTK's own order. */
typedef enum { STOP_MAP, STOP_SCALE, STOP_VERDICT, STOP_CHIPS, STOP_QUESTIONS, STOP_WARNINGS, STOP_GUIDANCE, N_STOPS } Stop;

static GtkWidget *
stop_widget (RrAssessmentPage *self,
             Stop              stop)
{
  switch (stop)
    {
    case STOP_MAP:       return GTK_WIDGET (self->body_map);
    case STOP_SCALE:     return rr_assessment_inputs_get_pain_scale (self->inputs);
    case STOP_VERDICT:   return rr_guidance_view_get_verdict (self->guidance_view);
    case STOP_CHIPS:     return rr_assessment_inputs_get_chips (self->inputs);
    case STOP_QUESTIONS: return rr_assessment_inputs_get_questions (self->inputs);
    case STOP_WARNINGS:  return rr_assessment_inputs_get_warnings (self->inputs);
    case STOP_GUIDANCE:  return GTK_WIDGET (self->guidance_view);
    case N_STOPS:
    default:             g_return_val_if_reached (NULL);
    }
}

/* Moves the focus into @stop from outside it, at its first or last widget. */
static gboolean
enter_stop (RrAssessmentPage *self,
            Stop              stop,
            GtkDirectionType  direction)
{
  GtkWidget *widget = stop_widget (self, stop);
  GtkWidget *verdict = stop_widget (self, STOP_VERDICT);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (stop == STOP_MAP || stop == STOP_SCALE || stop == STOP_VERDICT)
    return gtk_widget_grab_focus (widget);
  if (stop != STOP_GUIDANCE)
    return gtk_widget_child_focus (widget, direction);

  /* the guidance without its verdict, which has a stop of its own */
  if (direction == GTK_DIR_TAB_FORWARD)
    return gtk_widget_grab_focus (verdict) && gtk_widget_child_focus (widget, direction);
  return gtk_widget_child_focus (widget, direction) && gtk_root_get_focus (root) != verdict;
}

static gboolean
rr_assessment_page_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  RrAssessmentPage *self = RR_ASSESSMENT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  int step = direction == GTK_DIR_TAB_FORWARD ? 1 : -1;
  int stop = -1;

  /* (a stop not on screen, such as the verdict before the level is set, is passed) */
  if (self->layout != RR_LAYOUT_WIDE || focus == NULL ||
      (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD))
    return GTK_WIDGET_CLASS (rr_assessment_page_parent_class)->focus (widget, direction);

  for (Stop s = 0; s < N_STOPS && stop < 0; s++)
    if (focus == stop_widget (self, s) || gtk_widget_is_ancestor (focus, stop_widget (self, s)))
      stop = s;
  if (stop < 0)
    return GTK_WIDGET_CLASS (rr_assessment_page_parent_class)->focus (widget, direction);

  /* first within the stop's own widgets, then on to the next stops */
  if (stop != STOP_MAP && stop != STOP_SCALE && stop != STOP_VERDICT &&
      gtk_widget_child_focus (stop_widget (self, stop), direction) &&
      !(stop == STOP_GUIDANCE && gtk_root_get_focus (root) == stop_widget (self, STOP_VERDICT)))
    return TRUE;
  for (stop += step; stop >= 0 && stop < N_STOPS; stop += step)
    if (enter_stop (self, stop, direction))
      return TRUE;

  return FALSE;
}

GtkWidget *
rr_assessment_page_get_verdict_bar (RrAssessmentPage *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT_PAGE (self), NULL);

  return self->verdict_bar;
}

GtkWidget *
rr_assessment_page_get_level_prompt (RrAssessmentPage *self)
{
  g_return_val_if_fail (RR_IS_ASSESSMENT_PAGE (self), NULL);

  return self->level_prompt;
}

static void
rr_assessment_page_dispose (GObject *object)
{
  RrAssessmentPage *self = RR_ASSESSMENT_PAGE (object);

  if (self->session)
    g_signal_handlers_disconnect_by_func (self->session, update, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), RR_TYPE_ASSESSMENT_PAGE);

  G_OBJECT_CLASS (rr_assessment_page_parent_class)->dispose (object);
}

/* Where the focus goes when the spot that had it is gone: back to choosing one. */
static void
focus_map_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (RR_ASSESSMENT_PAGE (widget)->body_map));
}

static void
rr_assessment_page_class_init (RrAssessmentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rr_assessment_page_dispose;
  widget_class->focus = rr_assessment_page_focus;

  g_type_ensure (RR_TYPE_ASSESSMENT_INPUTS);
  g_type_ensure (RR_TYPE_BODY_MAP);
  g_type_ensure (RR_TYPE_GUIDANCE_VIEW);

  /* a group, not a nameless "RrAssessmentPage" to a screen reader */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rr-assessment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, map_column);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, body_map);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, column_separator);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, side_column);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, verdict_bar);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, verdict_bar_icon);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, verdict_bar_label);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, side_scroller);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, side_box);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, inputs);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, guidance_separator);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, guidance_scroller);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, guidance_box);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, guidance_slot);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, empty_state);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, scale_grid);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, level_prompt);
  gtk_widget_class_bind_template_child (widget_class, RrAssessmentPage, guidance_view);
  gtk_widget_class_bind_template_callback (widget_class, body_map_region_toggled_cb);
  gtk_widget_class_install_action (widget_class, "assessment.focus-map", NULL, focus_map_action);
}

static void
rr_assessment_page_init (RrAssessmentPage *self)
{
  self->told_verdict = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}
