/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rr-body-art.h"
#include "rr-diary.h"
#include "rr-flow.h"
#include "rr-rulebook.h"
#include "rr-sheet.h"
#include "rr-trend.h"

/* Sizes in points. The body never shrinks: what does not fit is left out. */
#define BODY RR_SHEET_BODY_SIZE
#define HEADING_SIZE 10.5
#define HEADLINE_SIZE 10.5
#define VERDICT_SIZE 16.0
#define TITLE_SIZE 15.0
#define N_COLUMNS 3
#define COLUMN_GAP 14.0
#define BOX_PAD 8.0

/* Advice in full under "What to do now"; the rest by title, last. */
#define N_FULL_ADVICE 2
/* The diary's last days, one small chart a spot. */
#define HISTORY_DAYS 14

typedef struct {
  double r, g, b;
} Rgb;

static const Rgb ink = { 0.141, 0.122, 0.192 };        /* #241f31 */
static const Rgb dim_ink = { 0.369, 0.361, 0.392 };    /* #5e5c64 */
static const Rgb rule_color = { 0.753, 0.749, 0.737 }; /* #c0bfbc */
#define DIM "#5e5c64"
#define LINK "#1a5fb4"

/* Strong colour (bar, marks) and light tint (background) per verdict, light
 * enough to print on any printer and to keep black text readable. */
static const struct {
  Rgb strong;
  Rgb tint;
} verdict_colors[RR_N_VERDICTS] = {
  [RR_VERDICT_KEEP_RUNNING] = { { 0.149, 0.635, 0.412 }, { 0.902, 0.965, 0.925 } },
  [RR_VERDICT_EASE_OFF] = { { 0.898, 0.647, 0.039 }, { 0.992, 0.957, 0.847 } },
  [RR_VERDICT_STOP_AND_REST] = { { 0.902, 0.380, 0.000 }, { 0.992, 0.906, 0.839 } },
  [RR_VERDICT_SEE_PROFESSIONAL] = { { 0.753, 0.110, 0.157 }, { 0.976, 0.878, 0.878 } },
  [RR_VERDICT_EMERGENCY] = { { 0.647, 0.114, 0.176 }, { 0.965, 0.816, 0.827 } },
};

/* The parts of the flow that may be left out, in the order they go last to first. */
typedef enum {
  UNIT_ADVICE,      /* what to do now, in full */
  UNIT_CAUSE,       /* a likely cause, with one line */
  UNIT_HISTORY,     /* the diary's last two weeks */
  UNIT_TITLE,       /* the rest of the advice, by title */
} UnitKind;

typedef struct {
  UnitKind   kind;
  const char *id;         /* the advice or condition id */
  GPtrArray *blocks;      /* RrFlowBlock */
  guint      n_sources;   /* sources numbered once this unit and those before it are printed */
} Unit;

typedef struct {
  RrGuidance   *guidance;
  GHashTable   *history;
  PangoContext *pango;
  gboolean      rtl;          /* the page reads from right to left */
  double        column_width;
  GHashTable   *numbers;      /* source id -> GUINT_TO_POINTER (number), by first citation */
  GPtrArray    *cited;        /* const RrGuidanceSource *, in the order of their numbers */
  GPtrArray    *fixed;        /* the flow's blocks that are never left out */
  char         *first_cited;  /* in an emergency: the numbers of the sources of what to do first */
  guint         n_fixed_sources; /* the sources that what is never left out cites */
  GPtrArray    *units;        /* Unit */
} Sheet;

static void
unit_free (Unit *unit)
{
  g_ptr_array_unref (unit->blocks);
  g_free (unit);
}

static void
set_color (cairo_t   *cr,
           const Rgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->r, rgb->g, rgb->b);
}

static PangoLayout *
new_layout (Sheet      *sheet,
            const char *markup,
            double      size,
            double      width)
{
  return rr_flow_layout_new (sheet->pango, RR_SHEET_FONT_FAMILY, markup, size, width);
}

static RrFlowBlock *
add_text (GPtrArray  *blocks,
          Sheet      *sheet,
          const char *gutter_markup,
          double      indent,
          const char *body_markup,
          double      size,
          double      width,
          double      space_before)
{
  RrFlowBlock *block = rr_flow_text_new (gutter_markup ? new_layout (sheet, gutter_markup, size, indent) : NULL,
                                         indent, new_layout (sheet, body_markup, size, width - indent),
                                         space_before);

  g_ptr_array_add (blocks, block);
  return block;
}

static void
add_heading (GPtrArray  *blocks,
             Sheet      *sheet,
             const char *title,
             double      width)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", title);
  RrFlowBlock *block = add_text (blocks, sheet, NULL, 0, markup, HEADING_SIZE, width, BODY);

  block->keep_with_next = TRUE;
  block->rule_below = TRUE;
  block->height += 4;  /* room for the rule */
}

static void
add_subheading (GPtrArray  *blocks,
                Sheet      *sheet,
                const char *text,
                double      width)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", text);

  add_text (blocks, sheet, NULL, 0, markup, BODY, width, BODY * 0.5)->keep_with_next = TRUE;
}

/* " [1, 4]": the numbers of the sources behind an item, numbering the sources
 * not cited before. */
static char *
cite (Sheet              *sheet,
      const char * const *sources)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; sources && sources[i]; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (sheet->numbers, sources[i]));

      if (n == 0)
        {
          for (guint j = 0; j < rr_guidance_get_n_sources (sheet->guidance) && n == 0; j++)
            {
              const RrGuidanceSource *source = rr_guidance_get_source (sheet->guidance, j);

              if (g_str_equal (source->id, sources[i]))
                {
                  g_ptr_array_add (sheet->cited, (gpointer) source);
                  n = sheet->cited->len;
                  g_hash_table_insert (sheet->numbers, (gpointer) source->id, GUINT_TO_POINTER (n));
                }
            }
          if (n == 0)
            continue;
        }
      /* A no-break space: "[1," and "4]" never end up on two lines. */
      g_string_append_printf (text, "%s%u", text->len ? ",\u00a0" : "", n);
    }
  if (text->len == 0)
    return g_strdup ("");
  return g_strdup_printf (" <span foreground=\"" DIM "\">[%s]</span>", text->str);
}

static Unit *
add_unit (Sheet      *sheet,
          UnitKind    kind,
          const char *id)
{
  Unit *unit = g_new0 (Unit, 1);

  unit->kind = kind;
  unit->id = id;
  unit->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) rr_flow_block_free);
  g_ptr_array_add (sheet->units, unit);
  return unit;
}

/* ------------------------------------------------------------------------------ */
/* Level marks                                                                      */
/* ------------------------------------------------------------------------------ */

static void
draw_level_mark (cairo_t      *cr,
                 PangoContext *pango,
                 double        cx,
                 double        cy,
                 double        radius,
                 int           level)
{
  g_autofree char *number = g_strdup_printf ("<b>%d</b>", level);
  g_autoptr(PangoLayout) layout = rr_flow_layout_new (pango, RR_SHEET_FONT_FAMILY, number, radius * 1.15, -1);
  double r, g, b;

  rr_body_art_level_color (CLAMP (level, 0, RR_BODY_ART_MAX_LEVEL), &r, &g, &b);
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_fill_preserve (cr);
  set_color (cr, &ink);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);

  /* White on the darkest levels, as on the map in the window. */
  if (level >= 7)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    set_color (cr, &ink);
  cairo_move_to (cr, cx - rr_flow_layout_width (layout) / 2, cy - rr_flow_layout_height (layout) / 2);
  pango_cairo_show_layout (cr, layout);
}

typedef struct {
  PangoContext *pango;
  int           level;
} Mark;

static void
mark_free (Mark *mark)
{
  g_object_unref (mark->pango);
  g_free (mark);
}

/* A spot's level in the gutter of its line. */
static void
draw_gutter_mark (cairo_t  *cr,
                  double    x,
                  double    y,
                  double    width,
                  double    height,
                  gboolean  mirrored,
                  gpointer  data)
{
  Mark *mark = data;
  double radius = BODY * 0.75;
  double cx = mirrored ? x + width - radius - 0.5 : x + radius + 0.5;

  draw_level_mark (cr, mark->pango, cx, y + height / 2, radius, mark->level);
}

/* ------------------------------------------------------------------------------ */
/* What the page holds                                                              */
/* ------------------------------------------------------------------------------ */

/* The verdict box: the verdict in words, the headline, what to do first in an
 * emergency, and why. Placed in one column. */
static GPtrArray *
build_verdict (Sheet  *sheet,
               double  width)
{
  RrGuidance *guidance = sheet->guidance;
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) rr_flow_block_free);
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  g_autofree char *headline = NULL;

  /* Translators: the small label above the verdict on the printed sheet. */
  label = g_markup_printf_escaped ("<span foreground=\"" DIM "\">%s</span>", _("Verdict"));
  add_text (blocks, sheet, NULL, 0, label, BODY, width, 0);
  name = g_markup_printf_escaped ("<b>%s</b>", rr_guidance_get_verdict_name (guidance));
  add_text (blocks, sheet, NULL, 0, name, VERDICT_SIZE, width, 0);
  headline = g_markup_printf_escaped ("<b>%s</b>", rr_guidance_get_headline (guidance));
  add_text (blocks, sheet, NULL, 0, headline, HEADLINE_SIZE, width, 2);

  if (rr_guidance_get_verdict (guidance) == RR_VERDICT_EMERGENCY && rr_guidance_get_n_advice (guidance) > 0)
    {
      const RrGuidanceAdvice *first = rr_guidance_get_advice (guidance, 0);
      /* Translators: on the printed sheet, in an emergency: what to do first. */
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s %s</b> %s", _("First:"), first->title, first->text);
      g_autofree char *full = g_strconcat (markup, sheet->first_cited, NULL);

      add_text (blocks, sheet, NULL, 0, full, HEADLINE_SIZE, width, BODY * 0.4);
    }

  if (rr_guidance_get_n_reasons (guidance) > 0)
    {
      /* Translators: heading of the reasons for the verdict on the printed sheet. */
      g_autofree char *why = g_markup_printf_escaped ("<b>%s</b>", _("Why"));

      add_text (blocks, sheet, NULL, 0, why, BODY, width, BODY * 0.5);
      for (guint i = 0; i < rr_guidance_get_n_reasons (guidance); i++)
        {
          g_autofree char *reason = g_markup_escape_text (rr_guidance_get_reason (guidance, i), -1);

          add_text (blocks, sheet, "•", BODY, reason, BODY, width, BODY * 0.15);
        }
    }

  rr_flow_place (blocks, 1, NULL, G_MAXDOUBLE, NULL);
  return blocks;
}

/* What the runner said: the spots with their levels, and the symptoms. With
 * @compact (dozens of spots), the spots share one paragraph. */
static void
add_answers (Sheet    *sheet,
             gboolean  compact)
{
  RrGuidance *guidance = sheet->guidance;
  double width = sheet->column_width;
  guint n_spots = rr_guidance_get_n_spots (guidance);
  guint n_symptoms = rr_guidance_get_n_symptoms (guidance);
  g_autoptr(GString) line = g_string_new (NULL);

  /* Translators: heading on the printed sheet: the spots that hurt. */
  add_heading (sheet->fixed, sheet, _("Where it hurts"), width);
  for (guint i = 0; i < n_spots; i++)
    {
      const RrGuidanceSpot *spot = rr_guidance_get_spot (guidance, i);
      /* Translators: a spot on the printed sheet: "Left knee (front) — 4/10, Moderate". */
      g_autofree char *markup = g_markup_printf_escaped (_("<b>%s</b> — %d/10, %s"),
                                                         spot->name, spot->level, spot->grade);
      RrFlowBlock *block;
      Mark *mark;

      if (compact)
        {
          /* Lines break between spots, never inside one. */
          g_auto(GStrv) words = g_strsplit (spot->name, " ", -1);
          g_autofree char *name = g_strjoinv ("\u00a0", words);
          g_autofree char *short_markup = g_markup_printf_escaped ("<b>%s</b>\u00a0%d/10", name, spot->level);

          g_string_append_printf (line, "%s%s", i ? " · " : "", short_markup);
          continue;
        }
      block = add_text (sheet->fixed, sheet, NULL, BODY * 2, markup, BODY, width, BODY * 0.25);
      mark = g_new0 (Mark, 1);
      mark->pango = g_object_ref (sheet->pango);
      mark->level = spot->level;
      block->draw = draw_gutter_mark;
      block->data = mark;
      block->destroy = (GDestroyNotify) mark_free;
    }
  if (line->len > 0)
    add_text (sheet->fixed, sheet, NULL, 0, line->str, BODY, width, BODY * 0.25)->may_split = TRUE;
  if (n_spots == 0)
    {
      g_autofree char *markup = NULL;

      if (rr_guidance_is_empty (guidance))
        markup = g_markup_printf_escaped ("<i>%s</i>", _("No spot chosen."));
      else
        /* Translators: on the printed sheet when no spot was chosen. */
        markup = g_markup_printf_escaped (_("Overall pain: %d/10"), rr_guidance_get_pain (guidance));
      add_text (sheet->fixed, sheet, NULL, 0, markup, BODY, width, BODY * 0.25);
    }

  /* Translators: heading on the printed sheet: the symptoms the runner ticked. */
  add_heading (sheet->fixed, sheet, _("Also reported"), width);
  g_string_truncate (line, 0);
  for (guint i = 0; i < n_symptoms; i++)
    {
      g_autofree char *name = g_markup_escape_text (rr_guidance_get_symptom (guidance, i)->name, -1);

      /* One line for all of them: the physio reads them at a glance. */
      g_string_append_printf (line, "%s%s", i ? " · " : "", name);
    }
  if (n_symptoms == 0)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", _("Nothing else reported."));

      g_string_assign (line, markup);
    }
  add_text (sheet->fixed, sheet, NULL, 0, line->str, BODY, width, BODY * 0.25);
}

static void
add_flags (Sheet *sheet)
{
  RrGuidance *guidance = sheet->guidance;
  guint n_flags = rr_guidance_get_n_flags (guidance);

  if (n_flags == 0)
    return;

  /* Translators: heading on the printed sheet: signs that would change the verdict. */
  add_heading (sheet->fixed, sheet, _("Warning signs to watch"), sheet->column_width);
  for (guint i = 0; i < n_flags; i++)
    {
      const RrGuidanceFlag *flag = rr_guidance_get_flag (guidance, i);
      const char *verdict = rr_rulebook_get_verdict_name (rr_rulebook_get_default (), flag->verdict);
      /* Translators: a warning sign on the printed sheet: the question, then the verdict it would lead to. */
      g_autofree char *markup = g_markup_printf_escaped (_("%s <b>→ %s</b>"), flag->question, verdict);

      add_text (sheet->fixed, sheet, "•", BODY, markup, BODY, sheet->column_width, BODY * 0.25);
    }
}

/* Advice @from to @to (exclusive), numbered from @from + 1: in full, or by title. */
static void
add_advice (Sheet    *sheet,
            guint     from,
            guint     to,
            UnitKind  kind)
{
  for (guint i = from; i < to; i++)
    {
      const RrGuidanceAdvice *advice = rr_guidance_get_advice (sheet->guidance, i);
      Unit *unit = add_unit (sheet, kind, advice->id);
      g_autofree char *number = g_strdup_printf ("<b>%u.</b>", i + 1);
      g_autofree char *citation = cite (sheet, advice->sources);
      g_autofree char *markup = kind == UNIT_TITLE ? g_markup_printf_escaped ("<b>%s</b>", advice->title)
                                                   : g_markup_printf_escaped ("<b>%s</b> %s", advice->title, advice->text);
      g_autofree char *full = g_strconcat (markup, citation, NULL);

      if (i == from)
        /* Translators: headings on the printed sheet: the first advice in full, the rest by title. */
        add_heading (unit->blocks, sheet, kind == UNIT_TITLE ? _("More suggestions") : _("What to do now"),
                     sheet->column_width);
      /* Prose may run on into the next column; the title stays on its first lines. */
      add_text (unit->blocks, sheet, number, BODY * 1.9, full, BODY, sheet->column_width, BODY * 0.35)->may_split = TRUE;
      unit->n_sources = sheet->cited->len;
    }
}

/* The likely causes, grouped by spot, each by name and one line; a cause already
 * given for another spot is only named again. */
static void
add_causes (Sheet *sheet)
{
  RrGuidance *guidance = sheet->guidance;
  g_autoptr(GPtrArray) groups = rr_guidance_get_cause_groups (guidance);
  g_autoptr(GHashTable) explained = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = rr_guidance_get_n_conditions (guidance);
  gboolean first = TRUE;

  for (guint g = 0; g < groups->len; g++)
    {
      const char *region = g_ptr_array_index (groups, g);
      gboolean any = FALSE;

      for (guint i = 0; i < n; i++)
        {
          const RrGuidanceCondition *condition = rr_guidance_get_condition (guidance, i);
          g_autofree char *markup = NULL;
          Unit *unit;

          if (g_strcmp0 (condition->region, region) != 0)
            continue;
          unit = add_unit (sheet, UNIT_CAUSE, condition->id);

          if (first)
            /* Translators: heading on the printed sheet. */
            add_heading (unit->blocks, sheet, _("Likely causes"), sheet->column_width);
          if (!any)
            /* Translators: the group of causes that are not about one spot. */
            add_subheading (unit->blocks, sheet, region ? rr_guidance_get_spot_name (guidance, region) : _("Overall"),
                            sheet->column_width);
          first = FALSE;
          any = TRUE;

          if (g_hash_table_contains (explained, condition->id))
            /* Translators: a cause already explained above on the printed sheet. */
            markup = g_markup_printf_escaped (_("<b>%s</b>: see above."), condition->name);
          else
            {
              g_autofree char *citation = cite (sheet, condition->sources);
              g_autofree char *name = condition->brief ? g_markup_printf_escaped ("<b>%s</b>: %s", condition->name, condition->brief)
                                                       : g_markup_printf_escaped ("<b>%s</b>", condition->name);

              markup = g_strconcat (name, citation, NULL);
              g_hash_table_add (explained, (gpointer) condition->id);
            }
          add_text (unit->blocks, sheet, "–", BODY, markup, BODY, sheet->column_width, BODY * 0.25)->may_split = TRUE;
          unit->n_sources = sheet->cited->len;
        }
    }
}

/* ------------------------------------------------------------------------------ */
/* Recent history                                                                   */
/* ------------------------------------------------------------------------------ */

typedef struct {
  PangoLayout *name;
  GArray      *points;
  gint64       now;
} HistoryRow;

static void
history_row_free (HistoryRow *row)
{
  g_object_unref (row->name);
  g_array_unref (row->points);
  g_free (row);
}

/* The spot's name at the start of the line, the chart after it; time runs to the
 * right in both directions, as on the diary page. */
static void
draw_history_row (cairo_t  *cr,
                  double    x,
                  double    y,
                  double    width,
                  double    height,
                  gboolean  mirrored,
                  gpointer  data)
{
  HistoryRow *row = data;
  double chart_x = mirrored ? x : x + width * 0.45, chart_width = width * 0.55;
  double name_x = mirrored ? x + width * 0.57 : x;
  /* Thin and in the sheet's inks; the diary page draws the same chart for a screen. */
  static const RrTrendStyle trend_style = {
    .baseline = { 0.753, 0.749, 0.737, 1 }, .baseline_width = 0.5,   /* rule_color */
    .line = { 0.369, 0.361, 0.392, 1 }, .line_width = 0.6,           /* dim_ink */
    .dot_radius = 1.8,
    .outline = { 0.141, 0.122, 0.192, 1 }, .outline_width = 0.4,     /* ink */
  };

  set_color (cr, &dim_ink);
  cairo_move_to (cr, name_x, y + (height - rr_flow_layout_height (row->name)) / 2);
  pango_cairo_show_layout (cr, row->name);
  rr_trend_draw (cr, row->points, row->now, HISTORY_DAYS, chart_x, y + 1, chart_width, height - 3, &trend_style);
}

static void
add_history (Sheet *sheet)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double width = sheet->column_width;
  Unit *unit = NULL;

  for (guint i = 0; sheet->history && i < rr_guidance_get_n_spots (sheet->guidance); i++)
    {
      const RrGuidanceSpot *spot = rr_guidance_get_spot (sheet->guidance, i);
      GArray *points = g_hash_table_lookup (sheet->history, spot->id);
      g_autofree char *markup = NULL;
      HistoryRow *row;
      double height;

      if (points == NULL || points->len == 0)
        continue;
      if (unit == NULL)
        {
          unit = add_unit (sheet, UNIT_HISTORY, NULL);
          unit->n_sources = sheet->cited->len;
          /* Translators: heading of the small charts of the diary on the printed sheet */
          add_heading (unit->blocks, sheet, _("Recent history (last 14 days)"), width);
        }

      row = g_new0 (HistoryRow, 1);
      markup = g_markup_escape_text (spot->name, -1);
      row->name = new_layout (sheet, markup, BODY, width * 0.43);
      row->points = g_array_ref (points);
      row->now = now;
      height = MAX (BODY * 2.2, rr_flow_layout_height (row->name) + 2);
      g_ptr_array_add (unit->blocks, rr_flow_drawn_new (height, BODY * 0.2, draw_history_row, row,
                                                        (GDestroyNotify) history_row_free));
    }
}

/* The flow, most important first. The sources are numbered as they are first
 * cited in it, so the first k units cite exactly the first n_sources of them. */
static void
build_flow (Sheet    *sheet,
            gboolean  compact)
{
  guint n_advice = rr_guidance_get_n_advice (sheet->guidance);
  /* In an emergency the verdict box says what to do first: the list goes on from there. */
  guint from = rr_guidance_get_verdict (sheet->guidance) == RR_VERDICT_EMERGENCY && n_advice > 0 ? 1 : 0;
  guint n_first = MIN (n_advice, from + N_FULL_ADVICE);

  g_clear_pointer (&sheet->fixed, g_ptr_array_unref);
  g_clear_pointer (&sheet->units, g_ptr_array_unref);
  g_clear_pointer (&sheet->cited, g_ptr_array_unref);
  g_clear_pointer (&sheet->numbers, g_hash_table_unref);
  sheet->fixed = g_ptr_array_new_with_free_func ((GDestroyNotify) rr_flow_block_free);
  sheet->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_free);
  sheet->cited = g_ptr_array_new ();
  sheet->numbers = g_hash_table_new (g_str_hash, g_str_equal);

  g_clear_pointer (&sheet->first_cited, g_free);
  if (from > 0)
    sheet->first_cited = cite (sheet, rr_guidance_get_advice (sheet->guidance, 0)->sources);
  sheet->n_fixed_sources = sheet->cited->len;
  add_answers (sheet, compact);
  add_flags (sheet);
  add_advice (sheet, from, n_first, UNIT_ADVICE);
  add_causes (sheet);
  add_history (sheet);
  add_advice (sheet, n_first, n_advice, UNIT_TITLE);
}

/* "Source [1] …, doi:…": every source the flow cites, in the order of its numbers. */
static GPtrArray *
build_sources (Sheet  *sheet,
               double  width)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) rr_flow_block_free);

  /* Translators: heading on the printed sheet: the studies behind the advice. */
  add_heading (blocks, sheet, _("Sources"), width);
  for (guint i = 0; i < sheet->cited->len; i++)
    {
      const RrGuidanceSource *source = g_ptr_array_index (sheet->cited, i);
      g_autofree char *number = g_strdup_printf ("[%u]", i + 1);
      g_autofree char *markup = NULL;
      RrFlowBlock *block;

      if (source->doi)
        markup = g_markup_printf_escaped ("%s <span foreground=\"" LINK "\">doi:%s</span>", source->citation, source->doi);
      else if (source->url)
        markup = g_markup_printf_escaped ("%s <span foreground=\"" LINK "\">%s</span>", source->citation, source->url);
      else
        markup = g_markup_escape_text (source->citation, -1);

      block = add_text (blocks, sheet, number, BODY * 2.6, markup, BODY, width, BODY * 0.2);
      if (source->url && strchr (source->url, '\'') == NULL)
        block->link = g_strdup (source->url);
    }
  return blocks;
}

/* ------------------------------------------------------------------------------ */
/* The page                                                                         */
/* ------------------------------------------------------------------------------ */

/* Where the fixed parts go: the header, the map, the verdict box, the footer; and
 * the room left for the flow and the sources. */
typedef struct {
  double       x, y, content_width;
  double       bottom;              /* above the disclaimer */
  double       map_x, map_height;
  double       box_x, box_width, box_height;
  double       tops[N_COLUMNS];     /* where each column of the flow starts */
  PangoLayout *title;
  PangoLayout *date;
  PangoLayout *legend;
  PangoLayout *disclaimer;
  GPtrArray   *verdict;
  GPtrArray   *sources;             /* the heading, then one block a cited source */
} Page;

static void
page_clear (Page *page)
{
  g_clear_object (&page->title);
  g_clear_object (&page->date);
  g_clear_object (&page->legend);
  g_clear_object (&page->disclaimer);
  g_clear_pointer (&page->verdict, g_ptr_array_unref);
  g_clear_pointer (&page->sources, g_ptr_array_unref);
}

static void
measure_page (Sheet                *sheet,
              double                width,
              double                height,
              const RrSheetMargins *margins,
              Page                 *page)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%x");
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *legend = NULL;
  g_autofree char *disclaimer = NULL;
  double art_width, art_height, map_top;

  page->x = margins->left;
  page->content_width = width - margins->left - margins->right;
  sheet->column_width = (page->content_width - (N_COLUMNS - 1) * COLUMN_GAP) / N_COLUMNS;

  /* Translators: the title of the printed sheet. */
  title = g_markup_printf_escaped ("<b>%s</b>", _("Run or Rest — guidance sheet"));
  /* As wide as its text: a right-to-left title must not slide under the date. */
  page->title = new_layout (sheet, title, TITLE_SIZE, -1);
  date = g_markup_escape_text (today ? today : "", -1);
  page->date = new_layout (sheet, date, 10, -1);
  map_top = margins->top + rr_flow_layout_height (page->title) + 3 + 10;
  page->y = map_top;

  disclaimer = g_markup_printf_escaped ("<i>%s</i>", rr_guidance_get_disclaimer (sheet->guidance));
  page->disclaimer = new_layout (sheet, disclaimer, BODY, page->content_width);
  page->bottom = height - margins->bottom - rr_flow_layout_height (page->disclaimer) - 8;

  /* The map heads the first column (the rightmost when the page reads from right
   * to left), what the numbers mean under it. */
  rr_body_art_get_size (rr_body_art_get_default (), &art_width, &art_height);
  page->map_height = sheet->column_width * art_height / art_width;
  page->map_x = sheet->rtl ? page->x + page->content_width - sheet->column_width : page->x;
  /* Translators: under the body map of the printed sheet. */
  legend = g_markup_printf_escaped ("<span foreground=\"" DIM "\">%s</span>",
                                    _("The numbers on the map are the pain levels, from 0 to 10."));
  page->legend = new_layout (sheet, legend, BODY, sheet->column_width);
  page->tops[0] = map_top + page->map_height + 3 + rr_flow_layout_height (page->legend) + BODY * 0.6;

}

/* The verdict box over the other columns, its bar on the start side; the sources
 * at the foot. Once the flow is built: they cite what it numbered. */
static void
measure_verdict_and_sources (Sheet *sheet,
                             Page  *page)
{
  g_clear_pointer (&page->verdict, g_ptr_array_unref);
  g_clear_pointer (&page->sources, g_ptr_array_unref);
  page->box_width = (N_COLUMNS - 1) * sheet->column_width + (N_COLUMNS - 2) * COLUMN_GAP;
  page->box_x = sheet->rtl ? page->x : page->x + sheet->column_width + COLUMN_GAP;
  page->verdict = build_verdict (sheet, page->box_width - 2 * BOX_PAD - 5);
  page->box_height = rr_flow_height (page->verdict) + 1.6 * BOX_PAD;
  for (guint i = 1; i < N_COLUMNS; i++)
    page->tops[i] = page->y + page->box_height + BODY * 0.8;
  page->sources = build_sources (sheet, page->content_width);
}

/* What one choice of units puts on the page. */
typedef struct {
  guint        n_units;       /* the first n_units units are printed */
  guint        n_sources;     /* and the first n_sources sources */
  GPtrArray   *flow;          /* the blocks of the flow (not owned) */
  RrFlowBlock *more;          /* the line saying what was left out, or NULL */
  double       flow_bottom;
  double       sources_height;
} Choice;

static void
choice_clear (Choice *choice)
{
  g_clear_pointer (&choice->flow, g_ptr_array_unref);
  g_clear_pointer (&choice->more, rr_flow_block_free);
}

static gboolean
unit_printed (Sheet      *sheet,
              guint       n_units,
              UnitKind    kind,
              const char *id)
{
  for (guint i = 0; i < n_units; i++)
    {
      Unit *unit = g_ptr_array_index (sheet->units, i);

      if (unit->kind == kind && g_strcmp0 (unit->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "4 more suggestions in the app.": what the first @n_units units leave out. */
static RrFlowBlock *
new_more_line (Sheet *sheet,
               guint  n_units)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GHashTable) causes = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_advice = 0;
  gboolean history = FALSE;

  for (guint i = n_units; i < sheet->units->len; i++)
    {
      Unit *unit = g_ptr_array_index (sheet->units, i);

      if (unit->kind == UNIT_ADVICE || unit->kind == UNIT_TITLE)
        n_advice++;
      else if (unit->kind == UNIT_HISTORY)
        history = TRUE;
      else if (!unit_printed (sheet, n_units, UNIT_CAUSE, unit->id))
        g_hash_table_add (causes, (gpointer) unit->id);
    }
  if (n_advice > 0)
    /* Translators: on the printed sheet, when the page had no room for all the advice. */
    g_string_append_printf (markup, ngettext ("%u more suggestion in the app.", "%u more suggestions in the app.",
                                              n_advice), n_advice);
  if (g_hash_table_size (causes) > 0)
    {
      guint n = g_hash_table_size (causes);

      if (markup->len > 0)
        g_string_append_c (markup, ' ');
      /* Translators: on the printed sheet, when the page had no room for all the likely causes. */
      g_string_append_printf (markup, ngettext ("%u more likely cause in the app.", "%u more likely causes in the app.",
                                                n), n);
    }
  if (history)
    {
      if (markup->len > 0)
        g_string_append_c (markup, ' ');
      /* Translators: on the printed sheet, when the page had no room for the diary's charts. */
      g_string_append (markup, _("The recent history is in the app’s diary."));
    }
  if (markup->len == 0)
    return NULL;

  {
    g_autofree char *escaped = g_markup_escape_text (markup->str, -1);
    g_autofree char *italic = g_strdup_printf ("<i>%s</i>", escaped);

    return rr_flow_text_new (NULL, 0, new_layout (sheet, italic, BODY, sheet->column_width), BODY * 0.6);
  }
}

/* The heading and the first @n sources, placed in one column. */
static GPtrArray *
place_sources (const Page *page,
               guint       n)
{
  GPtrArray *sources = g_ptr_array_new ();

  for (guint i = 0; i <= n; i++)
    g_ptr_array_add (sources, g_ptr_array_index (page->sources, i));
  rr_flow_place (sources, 1, NULL, G_MAXDOUBLE, NULL);
  return sources;
}

/* Whether the fixed blocks and the first @n_units units fit with their sources;
 * fills @choice either way. */
static gboolean
try_choice (Sheet      *sheet,
            const Page *page,
            guint       n_units,
            gboolean    force,
            Choice     *choice)
{
  g_autoptr(GPtrArray) sources = NULL;
  gboolean fits;

  choice_clear (choice);
  choice->n_units = n_units;
  choice->n_sources = n_units > 0 ? ((Unit *) g_ptr_array_index (sheet->units, n_units - 1))->n_sources
                                  : sheet->n_fixed_sources;
  choice->flow = g_ptr_array_new ();
  g_ptr_array_extend (choice->flow, sheet->fixed, NULL, NULL);
  for (guint i = 0; i < n_units; i++)
    g_ptr_array_extend (choice->flow, ((Unit *) g_ptr_array_index (sheet->units, i))->blocks, NULL, NULL);
  choice->more = n_units < sheet->units->len ? new_more_line (sheet, n_units) : NULL;
  if (choice->more)
    g_ptr_array_add (choice->flow, choice->more);

  /* The sources run across the foot of the page; the flow gets the rest. */
  choice->sources_height = 0;
  if (choice->n_sources > 0)
    {
      sources = place_sources (page, choice->n_sources);
      choice->sources_height = rr_flow_height (sources) + BODY * 0.4;
    }

  fits = rr_flow_balance (choice->flow, N_COLUMNS, page->tops, page->bottom - choice->sources_height,
                          &choice->flow_bottom);
  g_debug ("sheet: %u of %u items and %u sources %s", n_units, sheet->units->len, choice->n_sources,
           fits ? "fit" : "do not fit");
  if (!fits && force)
    rr_flow_place (choice->flow, N_COLUMNS, page->tops, page->bottom - choice->sources_height, &choice->flow_bottom);
  return fits;
}

/* The most units that fit: more units never take less room, so a bisection. */
static gboolean
choose (Sheet      *sheet,
        const Page *page,
        Choice     *choice)
{
  guint low = 0, high = sheet->units->len;

  if (try_choice (sheet, page, high, FALSE, choice))
    return TRUE;
  if (!try_choice (sheet, page, 0, FALSE, choice))
    return FALSE;
  /* low fits, high does not. */
  while (high - low > 1)
    {
      guint middle = (low + high) / 2;

      if (try_choice (sheet, page, middle, FALSE, choice))
        low = middle;
      else
        high = middle;
    }
  return try_choice (sheet, page, low, FALSE, choice);
}

/* The body map with the chosen spots in their level colours, a level mark on each. */
static void
draw_map (Sheet   *sheet,
          cairo_t *cr,
          double   x,
          double   y,
          double   width,
          double   height)
{
  RrGuidance *guidance = sheet->guidance;
  RrBodyArt *art = rr_body_art_get_default ();
  g_autoptr(GHashTable) levels = g_hash_table_new (g_str_hash, g_str_equal);
  double scale, x_offset, y_offset;

  for (guint i = 0; i < rr_guidance_get_n_spots (guidance); i++)
    {
      const RrGuidanceSpot *spot = rr_guidance_get_spot (guidance, i);

      if (rr_body_art_has_region (art, spot->id))
        g_hash_table_insert (levels, (gpointer) spot->id, GINT_TO_POINTER (spot->level));
    }

  cairo_save (cr);
  cairo_translate (cr, x, y);
  rr_body_art_render_levels (art, cr, width, height, FALSE, levels, NULL);

  rr_body_art_get_transform (art, width, height, &scale, &x_offset, &y_offset);
  for (guint i = 0; i < rr_guidance_get_n_spots (guidance); i++)
    {
      const RrGuidanceSpot *spot = rr_guidance_get_spot (guidance, i);
      double cx, cy;

      if (rr_body_art_get_region_center (art, spot->id, &cx, &cy))
        draw_level_mark (cr, sheet->pango, cx * scale + x_offset, cy * scale + y_offset, 5.4, spot->level);
    }
  cairo_restore (cr);
}

static void
draw_verdict_box (Sheet      *sheet,
                  cairo_t    *cr,
                  const Page *page)
{
  RrVerdict level = rr_guidance_get_verdict (sheet->guidance);
  const Rgb *strong = &verdict_colors[level].strong;
  const Rgb *tint = &verdict_colors[level].tint;
  double x = page->box_x, y = page->y, w = page->box_width, h = page->box_height;
  double radius = 6;
  RrFlowFrame frame = {
    .x = sheet->rtl ? x + BOX_PAD : x + BOX_PAD + 5, .y = y + BOX_PAD * 0.8,
    .column_width = w - 2 * BOX_PAD - 5, .n_columns = 1, .mirrored = sheet->rtl,
    .ink = { ink.r, ink.g, ink.b }, .rule = { rule_color.r, rule_color.g, rule_color.b },
  };

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_color (cr, tint);
  cairo_fill_preserve (cr);
  set_color (cr, strong);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  /* The bar on the start side, the text beside it. */
  cairo_rectangle (cr, sheet->rtl ? x + w - 6 : x + 1, y + radius, 5, h - 2 * radius);
  cairo_fill (cr);

  rr_flow_draw (page->verdict, cr, &frame);
}

static void
draw_page (Sheet        *sheet,
           cairo_t      *cr,
           const Page   *page,
           const Choice *choice,
           double        height,
           const RrSheetMargins *margins)
{
  double x = page->x, width = page->content_width;
  double title_height = rr_flow_layout_height (page->title);
  double foot = height - margins->bottom - rr_flow_layout_height (page->disclaimer);
  RrFlowFrame frame = {
    .x = x, .y = 0, .column_width = sheet->column_width, .gap = COLUMN_GAP, .n_columns = N_COLUMNS,
    .mirrored = sheet->rtl,
    .ink = { ink.r, ink.g, ink.b }, .rule = { rule_color.r, rule_color.g, rule_color.b },
  };

  /* The title at the start, the date at the end of the line, a rule under them. */
  set_color (cr, &ink);
  cairo_move_to (cr, sheet->rtl ? x + width - rr_flow_layout_width (page->title) : x, margins->top);
  pango_cairo_show_layout (cr, page->title);
  set_color (cr, &dim_ink);
  cairo_move_to (cr, sheet->rtl ? x : x + width - rr_flow_layout_width (page->date),
                 margins->top + title_height - rr_flow_layout_height (page->date) - 1);
  pango_cairo_show_layout (cr, page->date);
  set_color (cr, &ink);
  cairo_set_line_width (cr, 1.2);
  cairo_move_to (cr, x, margins->top + title_height + 3);
  cairo_line_to (cr, x + width, margins->top + title_height + 3);
  cairo_stroke (cr);

  draw_map (sheet, cr, page->map_x, page->y, sheet->column_width, page->map_height);
  set_color (cr, &dim_ink);
  cairo_move_to (cr, page->map_x, page->y + page->map_height + 3);
  pango_cairo_show_layout (cr, page->legend);

  draw_verdict_box (sheet, cr, page);
  rr_flow_draw (choice->flow, cr, &frame);

  if (choice->n_sources > 0)
    {
      g_autoptr(GPtrArray) sources = place_sources (page, choice->n_sources);

      /* The references are in their own (Latin) script: never mirrored. */
      frame.y = choice->flow_bottom + BODY * 0.4;
      frame.column_width = width;
      frame.n_columns = 1;
      frame.mirrored = FALSE;
      rr_flow_draw (sources, cr, &frame);
    }

  set_color (cr, &rule_color);
  cairo_set_line_width (cr, 0.75);
  cairo_move_to (cr, x, foot - 4);
  cairo_line_to (cr, x + width, foot - 4);
  cairo_stroke (cr);
  set_color (cr, &dim_ink);
  cairo_move_to (cr, x, foot);
  pango_cairo_show_layout (cr, page->disclaimer);
}

/* Whether the sheet's own title, in the user's language, reads from right to left. */
static gboolean
is_right_to_left (PangoContext *pango)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (pango);

  pango_layout_set_text (layout, _("Run or Rest — guidance sheet"), -1);
  return pango_layout_get_line_readonly (layout, 0)->resolved_dir == PANGO_DIRECTION_RTL;
}

gboolean
rr_sheet_draw (RrGuidance           *guidance,
               GHashTable           *history,
               cairo_t              *cr,
               double                width,
               double                height,
               const RrSheetMargins *margins)
{
  static const RrSheetMargins default_margins = { RR_SHEET_MARGIN, RR_SHEET_MARGIN, RR_SHEET_MARGIN, RR_SHEET_MARGIN };
  cairo_font_options_t *options = cairo_font_options_create ();
  Sheet sheet = { .guidance = guidance, .history = history };
  Page page = { 0 };
  Choice choice = { 0 };
  gboolean fits;

  g_return_val_if_fail (RR_IS_GUIDANCE (guidance), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (margins == NULL)
    margins = &default_margins;

  /* The same line breaks on screen, on paper and in the PDF. */
  sheet.pango = pango_cairo_create_context (cr);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (sheet.pango, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (sheet.pango, 72);

  /* A page in a language written from right to left is mirrored like the window
   * (the map keeps the runner's sides). The context stays left to right: Pango then
   * aligns each right-to-left paragraph to the right by itself. */
  sheet.rtl = is_right_to_left (sheet.pango);

  /* measure_page sets the column width the flow is built for. */
  measure_page (&sheet, width, height, margins, &page);
  build_flow (&sheet, FALSE);
  measure_verdict_and_sources (&sheet, &page);
  fits = choose (&sheet, &page, &choice);
  if (!fits && choice.n_units == 0)
    {
      /* Dozens of spots: they share one paragraph. */
      build_flow (&sheet, TRUE);
      measure_verdict_and_sources (&sheet, &page);
      if (!choose (&sheet, &page, &choice))
        try_choice (&sheet, &page, 0, TRUE, &choice);
    }
  fits = fits && choice.n_units == sheet.units->len;

  cairo_save (cr);
  /* Never past the margins, whatever happens. */
  cairo_rectangle (cr, 0, 0, width, height - margins->bottom);
  cairo_clip (cr);
  draw_page (&sheet, cr, &page, &choice, height, margins);
  cairo_restore (cr);

  choice_clear (&choice);
  page_clear (&page);
  g_ptr_array_unref (sheet.fixed);
  g_ptr_array_unref (sheet.units);
  g_ptr_array_unref (sheet.cited);
  g_hash_table_unref (sheet.numbers);
  g_free (sheet.first_cited);
  g_object_unref (sheet.pango);
  return fits;
}

void
rr_sheet_get_default_page_size (double *width,
                                double *height)
{
  /* Reads LC_PAPER; needs no display. */
  GtkPaperSize *paper = gtk_paper_size_new (gtk_paper_size_get_default ());

  *width = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  *height = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);
  gtk_paper_size_free (paper);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
rr_sheet_export_pdf (RrGuidance  *guidance,
                     const char  *filename,
                     GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *creator = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  FILE *file;

  g_return_val_if_fail (RR_IS_GUIDANCE (guidance), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = g_filename_display_name (filename);
  file = g_fopen (filename, "wb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot write “%s”: %s"), display_name, g_strerror (saved_errno));
      return FALSE;
    }

  rr_sheet_get_default_page_size (&width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_cb, file, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Run or Rest guidance sheet"));
  creator = g_strdup_printf ("Run or Rest %s", PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);

  cr = cairo_create (surface);
  rr_sheet_draw (guidance, NULL, cr, width, height, NULL);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (fclose (file) != 0 && status == CAIRO_STATUS_SUCCESS)
    status = CAIRO_STATUS_WRITE_ERROR;

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("cannot write “%s”: %s"), display_name, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
