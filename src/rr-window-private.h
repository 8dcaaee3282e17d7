/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rr-assessment-page.h"
#include "rr-body-map.h"
#include "rr-diary-view.h"
#include "rr-guidance.h"
#include "rr-region-search.h"
#include "rr-session.h"
#include "rr-status-bars.h"
#include "rr-window.h"

G_BEGIN_DECLS

/* Shared by rr-window.c (state, layout) and rr-window-actions.c (what it does). */
struct _RrWindow
{
  GtkApplicationWindow parent_instance;

  RrSession      *session;         /* what the window shows, and every rule about it */
  RrRulebook     *rulebook;        /* the session's */
  RrAssessment   *assessment;      /* the session's */
  RrGuidance     *guidance;        /* the session's, as last shown */
  GSettings      *settings;
  RrDiary        *diary;
  RrLayout        layout;
  guint           layout_idle;
  GCancellable   *export_cancellable;     /* while an export runs */

  /* Template children */
  RrStatusBars   *status;
  GtkStack       *page_stack;
  RrDiaryView    *diary_view;
  GtkPopover     *save_popover;
  GtkEditable    *note_entry;
  GtkSpinButton  *distance_spin;
  GtkSpinButton  *duration_spin;
  GtkHeaderBar   *header_bar;
  GtkWidget      *top_switcher;
  GtkWidget      *bottom_switcher;
  RrAssessmentPage *assessment_page;
  RrRegionSearch *region_search;
  GtkPopover     *find_popover;
  GtkWindow      *help_overlay;   /* made when first shown */
  gboolean        found_spot;     /* a spot chosen in the search: the slider takes the focus */
};

/* rr-window-actions.c */
void        rr_window_class_add_actions (GtkWidgetClass *widget_class);

/* For the tests: the same paths a click on the map or a spot chip takes. */
void        rr_window_toggle_region   (RrWindow   *self,
                                       const char *region);
void        rr_window_set_active      (RrWindow   *self,
                                       const char *region);
const char *rr_window_get_active      (RrWindow   *self);
RrGuidance *rr_window_get_guidance    (RrWindow   *self);
GtkWidget  *rr_window_get_question    (RrWindow   *self,
                                       const char *symptom);
GtkWidget  *rr_window_get_pain_scale  (RrWindow   *self);
RrBodyMap  *rr_window_get_body_map    (RrWindow   *self);
RrDiary    *rr_window_get_diary       (RrWindow   *self);
RrDiaryView *rr_window_get_diary_view (RrWindow   *self);
const char *rr_window_get_error      (RrWindow   *self);
const char *rr_window_get_notice     (RrWindow   *self);
const char *rr_window_get_toast      (RrWindow   *self);
void        rr_window_export_diary   (RrWindow   *self,
                                      GFile      *file);
GtkWidget  *rr_window_get_verdict_bar (RrWindow   *self);
GtkWidget  *rr_window_get_level_prompt (RrWindow  *self);
GtkWidget  *rr_window_get_more_questions (RrWindow *self);
void        rr_window_apply_layout_for_width (RrWindow *self,
                                              int       width);

G_END_DECLS
