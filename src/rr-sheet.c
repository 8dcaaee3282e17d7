/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rr-body-art.h"
#include "rr-rulebook.h"
#include "rr-diary.h"
#include "rr-sheet.h"
#include "rr-trend.h"

/* The text shrinks step by step from the largest size down to the smallest
 * until the page holds everything; when even the smallest does not, the columns
 * hold less, from the least important end (see Detail). */
#define MAX_FONT_SIZE 9.0
#define MIN_FONT_SIZE 7.0
#define FONT_SIZE_STEP 0.25
#define COLUMN_GAP 16.0

typedef struct {
  double r, g, b;
} Rgb;

static const Rgb ink = { 0.141, 0.122, 0.192 };        /* #241f31 */
static const Rgb dim_ink = { 0.369, 0.361, 0.392 };    /* #5e5c64 */
static const Rgb rule_color = { 0.753, 0.749, 0.737 }; /* #c0bfbc */

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

typedef struct {
  double left, top, right, bottom;
} Margins;

/* How much of the guidance the columns hold. Whatever the detail, the verdict and
 * its reasons, where it hurts, the warning signs, the sources and the disclaimer are
 * all on the page: only causes and advice are shortened, and then left out from the
 * end, with a line saying how many more the app shows. */
typedef enum {
  DETAIL_FULL,           /* every cause and piece of advice in full */
  DETAIL_BRIEF_CAUSES,   /* causes by name */
  DETAIL_BRIEF_ADVICE,   /* and advice past the first few by title, after the causes */
} Detail;

/* Advice in full at DETAIL_BRIEF_ADVICE: what to do first. */
#define N_FULL_ADVICE 3

typedef struct {
  RrGuidance   *guidance;
  cairo_t      *cr;
  PangoContext *pango;
  double        size;            /* base font size in points */
  GHashTable   *source_numbers;  /* source id -> GUINT_TO_POINTER (1-based number) */
  GHashTable   *history;         /* region id -> GArray of RrDiaryPoint, or NULL */
  gboolean      rtl;             /* the page reads from right to left */
  Detail        detail;
  guint         n_cut;           /* items left out from the end of the columns */
} Sheet;

typedef enum {
  BLOCK_TEXT,
  BLOCK_HEADING,
} BlockKind;

/* A paragraph of the page: an optional gutter (number, bullet or level mark)
 * and a wrapped body. Blocks are measured first, then placed in columns. */
typedef struct {
  BlockKind    kind;
  PangoLayout *gutter;
  PangoLayout *body;
  double       indent;
  double       space_before;
  double       height;
  gboolean     keep_with_next;
  int          level;            /* >= 0: a level mark in the gutter */
  char        *link;             /* a link over the body in PDF output, or NULL */
  /* Placement */
  gboolean     placed;
  guint        column;
  double       y;
} Block;

static void
block_free (Block *block)
{
  g_clear_object (&block->gutter);
  g_clear_object (&block->body);
  g_free (block->link);
  g_free (block);
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
  PangoLayout *layout = pango_layout_new (sheet->pango);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (RR_SHEET_FONT_FAMILY);
  g_autofree char *wrapped = NULL;

  /* Absolute sizes: the cairo units are points on every surface. */
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  /* No hyphens inserted in names and DOIs: the PDF's text stays searchable. */
  wrapped = g_strconcat ("<span insert_hyphens=\"false\">", markup, "</span>", NULL);
  pango_layout_set_markup (layout, wrapped, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static Block *
add_block (GPtrArray  *blocks,
           Sheet      *sheet,
           const char *gutter_markup,
           double      indent,
           const char *body_markup,
           double      size,
           double      width,
           double      space_before)
{
  Block *block = g_new0 (Block, 1);

  block->kind = BLOCK_TEXT;
  block->level = -1;
  block->indent = indent;
  block->space_before = space_before;
  if (gutter_markup)
    block->gutter = new_layout (sheet, gutter_markup, size, indent);
  block->body = new_layout (sheet, body_markup, size, width - indent);
  block->height = layout_height (block->body);
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
  Block *block = add_block (blocks, sheet, NULL, 0, markup, sheet->size * 1.2, width, sheet->size * 1.1);

  block->kind = BLOCK_HEADING;
  block->keep_with_next = TRUE;
  block->height += 4;  /* the rule under it */
}

static void
add_subheading (GPtrArray  *blocks,
                Sheet      *sheet,
                const char *markup,
                double      width)
{
  Block *block = add_block (blocks, sheet, NULL, 0, markup, sheet->size, width, sheet->size * 0.6);

  block->keep_with_next = TRUE;
}

/* "[1, 4]": the numbers of the sources behind an item. */
static char *
cite (Sheet              *sheet,
      const char * const *sources)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; sources && sources[i]; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (sheet->source_numbers, sources[i]));

      if (n == 0)
        continue;
      /* A no-break space: "[1," and "4]" never end up on two lines. */
      g_string_append_printf (text, "%s%u", text->len ? ",\u00a0" : "", n);
    }
  if (text->len == 0)
    return g_strdup ("");
  return g_strdup_printf (" <span foreground=\"#5e5c64\">[%s]</span>", text->str);
}

/* ------------------------------------------------------------------------------ */
/* Placing blocks in columns                                                        */
/* ------------------------------------------------------------------------------ */

/* Fills the columns one after the other, each from its own top (NULL: all at
 * 0) down to @bottom, keeping headings with what follows. Returns TRUE when
 * every block found a place; @used is the lowest point reached. */
static gboolean
place_blocks (GPtrArray    *blocks,
              guint         n_columns,
              const double *tops,
              double        bottom,
              double       *used)
{
  guint column = 0;
  double top = tops ? tops[0] : 0;
  double y = top, max_y = 0;
  gboolean all = TRUE;

  for (guint i = 0; i < blocks->len; i++)
    ((Block *) g_ptr_array_index (blocks, i))->placed = FALSE;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);
      double before = y > top ? block->space_before : 0;
      double chain = block->height;

      for (guint j = i; j + 1 < blocks->len && ((Block *) g_ptr_array_index (blocks, j))->keep_with_next; j++)
        {
          Block *next = g_ptr_array_index (blocks, j + 1);

          chain += next->space_before + next->height;
        }

      while (y + before + chain > bottom && column + 1 < n_columns)
        {
          column++;
          top = y = tops ? tops[column] : 0;
          before = 0;
        }
      if (y + before + block->height > bottom)
        {
          all = FALSE;
          break;
        }

      block->placed = TRUE;
      block->column = column;
      block->y = y + before;
      y = block->y + block->height;
      max_y = MAX (max_y, y);
    }

  /* A heading left alone at the end says nothing. */
  if (!all)
    for (guint i = blocks->len; i > 0; i--)
      {
        Block *block = g_ptr_array_index (blocks, i - 1);

        if (!block->placed)
          continue;
        if (!block->keep_with_next)
          break;
        block->placed = FALSE;
      }

  if (used)
    *used = max_y;
  return all;
}

/* The highest bottom that holds every block: balanced columns. Returns FALSE
 * (blocks placed as far as @max_bottom allows) when nothing does. */
static gboolean
balance_blocks (GPtrArray    *blocks,
                guint         n_columns,
                const double *tops,
                double        max_bottom,
                double       *used)
{
  double low = 0, high = max_bottom;

  if (!place_blocks (blocks, n_columns, tops, max_bottom, used))
    return FALSE;

  for (guint i = 0; i < n_columns; i++)
    low = MAX (low, tops ? tops[i] : 0);
  for (guint i = 0; i < 24 && high - low > 0.25; i++)
    {
      double middle = (low + high) / 2;

      if (place_blocks (blocks, n_columns, tops, middle, NULL))
        high = middle;
      else
        low = middle;
    }
  return place_blocks (blocks, n_columns, tops, high, used);
}

static void
draw_level_mark (cairo_t *cr,
                 double   cx,
                 double   cy,
                 double   radius,
                 int      level,
                 Sheet   *sheet)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *number = g_strdup_printf ("<b>%d</b>", level);
  double r, g, b;

  rr_body_art_level_color (CLAMP (level, 0, RR_BODY_ART_MAX_LEVEL), &r, &g, &b);
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_fill_preserve (cr);
  set_color (cr, &ink);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);

  layout = new_layout (sheet, number, radius * 1.15, -1);
  if (level >= 7)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    set_color (cr, &ink);
  cairo_move_to (cr, cx - layout_width (layout) / 2, cy - layout_height (layout) / 2);
  pango_cairo_show_layout (cr, layout);
}

/* Draws the placed blocks in @n_columns columns from @x; when @mirrored, the first
 * column is the rightmost and the gutters (numbers, bullets, level marks) are on
 * the right. */
static void
draw_blocks (Sheet     *sheet,
             GPtrArray *blocks,
             double     x,
             double     y,
             double     column_width,
             double     gap,
             guint      n_columns,
             gboolean   mirrored)
{
  cairo_t *cr = sheet->cr;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);
      guint column;
      double bx, by, body_x, gutter_x;

      if (!block->placed)
        continue;

      column = mirrored ? n_columns - 1 - MIN (block->column, n_columns - 1) : block->column;
      bx = x + column * (column_width + gap);
      by = y + block->y;
      body_x = mirrored ? bx : bx + block->indent;
      gutter_x = mirrored ? bx + column_width - block->indent : bx;

      if (block->level >= 0)
        {
          double radius = sheet->size * 0.62;
          double cx = mirrored ? bx + column_width - radius - 0.5 : bx + radius + 0.5;

          draw_level_mark (cr, cx, by + layout_height (block->body) / MAX (1, pango_layout_get_line_count (block->body)) / 2,
                           radius, block->level, sheet);
        }
      else if (block->gutter)
        {
          /* Against the text, which is on its left when mirrored. */
          pango_layout_set_alignment (block->gutter, mirrored ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
          set_color (cr, &ink);
          cairo_move_to (cr, gutter_x, by);
          pango_cairo_show_layout (cr, block->gutter);
        }

      if (block->link)
        {
          g_autofree char *attributes = g_strdup_printf ("uri='%s'", block->link);

          cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes);
        }
      set_color (cr, &ink);
      cairo_move_to (cr, body_x, by);
      pango_cairo_show_layout (cr, block->body);
      if (block->link)
        cairo_tag_end (cr, CAIRO_TAG_LINK);

      if (block->kind == BLOCK_HEADING)
        {
          set_color (cr, &rule_color);
          cairo_set_line_width (cr, 0.75);
          cairo_move_to (cr, bx, by + block->height - 1.5);
          cairo_line_to (cr, bx + column_width, by + block->height - 1.5);
          cairo_stroke (cr);
        }
    }
}

/* ------------------------------------------------------------------------------ */
/* The parts of the page                                                            */
/* ------------------------------------------------------------------------------ */

static const char *
verdict_name (RrVerdict verdict)
{
  return rr_rulebook_get_verdict_name (rr_rulebook_get_default (), verdict);
}

/* The verdict box: the verdict in words, the headline, the summary, what to do
 * first in an emergency, and why. */
static GPtrArray *
build_verdict_blocks (Sheet  *sheet,
                      double  width)
{
  RrGuidance *guidance = sheet->guidance;
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  double s = sheet->size;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  g_autofree char *headline = NULL;

  /* Translators: the small label above the verdict on the printed sheet. */
  label = g_markup_printf_escaped ("<span foreground=\"#5e5c64\">%s</span>", _("Verdict"));
  add_block (blocks, sheet, NULL, 0, label, s * 0.9, width, 0);
  name = g_markup_printf_escaped ("<b>%s</b>", rr_guidance_get_verdict_name (guidance));
  add_block (blocks, sheet, NULL, 0, name, s * 1.7, width, 0);
  headline = g_markup_printf_escaped ("<b>%s</b>", rr_guidance_get_headline (guidance));
  add_block (blocks, sheet, NULL, 0, headline, s * 1.05, width, s * 0.2);

  if (rr_guidance_get_verdict (guidance) == RR_VERDICT_EMERGENCY && rr_guidance_get_n_advice (guidance) > 0)
    {
      const RrGuidanceAdvice *first = rr_guidance_get_advice (guidance, 0);
      /* Translators: on the printed sheet, in an emergency: what to do first. */
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s %s</b> %s", _("First:"), first->title, first->text);

      add_block (blocks, sheet, NULL, 0, markup, s * 1.05, width, s * 0.4);
    }

  if (rr_guidance_get_n_reasons (guidance) > 0)
    {
      /* Translators: heading of the reasons for the verdict on the printed sheet. */
      g_autofree char *why = g_markup_printf_escaped ("<b>%s</b>", _("Why"));

      add_block (blocks, sheet, NULL, 0, why, s, width, s * 0.4);
      for (guint i = 0; i < rr_guidance_get_n_reasons (guidance); i++)
        {
          g_autofree char *reason = g_markup_escape_text (rr_guidance_get_reason (guidance, i), -1);

          add_block (blocks, sheet, "•", s * 0.9, reason, s, width, s * 0.15);
        }
    }

  place_blocks (blocks, 1, NULL, G_MAXDOUBLE, NULL);
  return blocks;
}

/* What the runner said: the spots with their levels and the symptoms. */
static void
add_answers (GPtrArray *blocks,
             Sheet     *sheet,
             double     width)
{
  RrGuidance *guidance = sheet->guidance;
  double s = sheet->size;
  guint n_spots = rr_guidance_get_n_spots (guidance);
  guint n_symptoms = rr_guidance_get_n_symptoms (guidance);

  /* Translators: heading on the printed sheet: the spots that hurt. */
  add_heading (blocks, sheet, _("Where it hurts"), width);
  for (guint i = 0; i < n_spots; i++)
    {
      const RrGuidanceSpot *spot = rr_guidance_get_spot (guidance, i);
      /* Translators: a spot on the printed sheet: "Left knee (front) — 4/10, Moderate". */
      g_autofree char *markup = g_markup_printf_escaped (_("<b>%s</b> — %d/10, %s"),
                                                         spot->name, spot->level, spot->grade);
      Block *block = add_block (blocks, sheet, NULL, s * 1.7, markup, s, width, s * 0.25);

      block->level = spot->level;
    }
  if (n_spots == 0)
    {
      g_autofree char *markup = NULL;

      if (rr_guidance_is_empty (guidance))
        markup = g_markup_printf_escaped ("<i>%s</i>", _("No spot chosen."));
      else
        /* Translators: on the printed sheet when no spot was chosen. */
        markup = g_markup_printf_escaped (_("Overall pain: %d/10"), rr_guidance_get_pain (guidance));
      add_block (blocks, sheet, NULL, 0, markup, s, width, s * 0.25);
    }

  /* Translators: heading on the printed sheet: the symptoms the runner ticked. */
  add_heading (blocks, sheet, _("Also reported"), width);
  if (n_symptoms == 0)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", _("Nothing else reported."));

      add_block (blocks, sheet, NULL, 0, markup, s, width, s * 0.25);
    }
  else
    {
      g_autoptr(GString) markup = g_string_new (NULL);

      /* One line for all of them: the physio reads them at a glance. */
      for (guint i = 0; i < n_symptoms; i++)
        {
          g_autofree char *name = g_markup_escape_text (rr_guidance_get_symptom (guidance, i)->name, -1);

          g_string_append_printf (markup, "%s%s", i ? " · " : "", name);
        }
      add_block (blocks, sheet, NULL, 0, markup->str, s, width, s * 0.25);
    }
}

/* Adds the causes, at most @max of them; returns how many it left out. */
static guint
add_causes (GPtrArray *blocks,
            Sheet     *sheet,
            double     width,
            guint      max)
{
  RrGuidance *guidance = sheet->guidance;
  g_autoptr(GPtrArray) groups = rr_guidance_get_cause_groups (guidance);
  g_autoptr(GHashTable) explained = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = rr_guidance_get_n_conditions (guidance);
  double s = sheet->size;
  guint shown = 0;

  if (n == 0 || max == 0)
    return n;

  /* Translators: heading on the printed sheet. */
  add_heading (blocks, sheet, _("Likely causes"), width);

  for (guint g = 0; g < groups->len; g++)
    {
      const char *region = g_ptr_array_index (groups, g);
      gboolean any = FALSE;

      for (guint i = 0; i < n; i++)
        {
          const RrGuidanceCondition *condition = rr_guidance_get_condition (guidance, i);
          g_autofree char *markup = NULL;
          g_autofree char *citation = NULL;

          if (g_strcmp0 (condition->region, region) != 0 || shown == max)
            continue;
          shown++;

          if (!any)
            {
              /* Translators: the group of causes that are not about one spot. */
              g_autofree char *heading = g_markup_printf_escaped ("<b>%s</b>",
                                                                  region ? rr_guidance_get_spot_name (guidance, region) : _("Overall"));

              add_subheading (blocks, sheet, heading, width);
              any = TRUE;
            }

          /* A cause already explained for another spot is only named again. */
          if (g_hash_table_contains (explained, condition->id))
            {
              /* Translators: a cause already explained above on the printed sheet. */
              markup = g_markup_printf_escaped (_("<b>%s</b>: see above."), condition->name);
            }
          else
            {
              citation = cite (sheet, condition->sources);
              if (sheet->detail >= DETAIL_BRIEF_CAUSES)
                markup = g_markup_printf_escaped ("<b>%s</b>", condition->name);
              else
                markup = g_markup_printf_escaped ("<b>%s</b>: %s", condition->name, condition->text);
              g_hash_table_add (explained, (gpointer) condition->id);
            }
          if (citation)
            {
              char *with = g_strconcat (markup, citation, NULL);

              g_free (markup);
              markup = with;
            }
          add_block (blocks, sheet, "–", s * 0.9, markup, s, width, s * 0.25);
        }
    }
  return n - shown;
}

/* Advice @from to @to (exclusive), numbered from @from + 1: in full, or by title. */
static void
add_advice (GPtrArray *blocks,
            Sheet     *sheet,
            double     width,
            guint      from,
            guint      to,
            gboolean   titles_only)
{
  double s = sheet->size;

  for (guint i = from; i < to; i++)
    {
      const RrGuidanceAdvice *advice = rr_guidance_get_advice (sheet->guidance, i);
      g_autofree char *number = g_strdup_printf ("<b>%u.</b>", i + 1);
      g_autofree char *citation = cite (sheet, advice->sources);
      g_autofree char *markup = titles_only ? g_markup_printf_escaped ("<b>%s</b>", advice->title)
                                            : g_markup_printf_escaped ("<b>%s</b> %s", advice->title, advice->text);
      g_autofree char *full = g_strconcat (markup, citation, NULL);

      add_block (blocks, sheet, number, s * 1.9, full, s, width, s * 0.35);
    }
}

static void
add_flags (GPtrArray *blocks,
           Sheet     *sheet,
           double     width)
{
  RrGuidance *guidance = sheet->guidance;
  guint n_flags = rr_guidance_get_n_flags (guidance);

  if (n_flags == 0)
    return;

  /* Translators: heading on the printed sheet: signs that would change the verdict. */
  add_heading (blocks, sheet, _("Warning signs to watch"), width);
  for (guint i = 0; i < n_flags; i++)
    {
      const RrGuidanceFlag *flag = rr_guidance_get_flag (guidance, i);
      /* Translators: a warning sign on the printed sheet: the question, then the verdict it would lead to. */
      g_autofree char *markup = g_markup_printf_escaped (_("%s <b>→ %s</b>"), flag->question, verdict_name (flag->verdict));

      add_block (blocks, sheet, "•", sheet->size * 0.9, markup, sheet->size, width, sheet->size * 0.25);
    }
}

/* The flow of the columns, most important first: the answers (under the map), the
 * warning signs, what to do now, likely causes; at DETAIL_BRIEF_ADVICE the advice
 * past the first few comes last, by title. The last sheet->n_cut causes and pieces of
 * advice are left out, and a line says how many. */
static GPtrArray *
build_column_blocks (Sheet  *sheet,
                     double  width)
{
  RrGuidance *guidance = sheet->guidance;
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  guint n_advice = rr_guidance_get_n_advice (guidance);
  guint n_conditions = rr_guidance_get_n_conditions (guidance);
  gboolean brief = sheet->detail >= DETAIL_BRIEF_ADVICE;
  guint n_first = brief ? MIN (n_advice, N_FULL_ADVICE) : n_advice;
  guint n_cut = MIN (sheet->n_cut, n_advice - n_first + n_conditions);
  /* Advice titles go first, then causes from the end. */
  guint cut_advice = MIN (n_cut, n_advice - n_first);
  guint cut_causes;

  add_answers (blocks, sheet, width);
  add_flags (blocks, sheet, width);

  if (n_first > 0)
    {
      /* Translators: heading on the printed sheet. */
      add_heading (blocks, sheet, _("What to do now"), width);
      add_advice (blocks, sheet, width, 0, n_first, FALSE);
    }

  cut_causes = add_causes (blocks, sheet, width, n_conditions - (n_cut - cut_advice));

  if (n_first + cut_advice < n_advice)
    {
      /* Translators: heading on the printed sheet: the rest of the advice, by title only. */
      add_heading (blocks, sheet, _("More suggestions"), width);
      add_advice (blocks, sheet, width, n_first, n_advice - cut_advice, TRUE);
    }

  if (cut_advice > 0 || cut_causes > 0)
    {
      g_autoptr(GString) markup = g_string_new ("<i>");

      if (cut_advice > 0)
        /* Translators: on the printed sheet, when the page had no room for all the advice. */
        g_string_append_printf (markup, ngettext ("%u more suggestion in the app.", "%u more suggestions in the app.",
                                                  cut_advice), cut_advice);
      if (cut_causes > 0)
        {
          if (cut_advice > 0)
            g_string_append_c (markup, ' ');
          /* Translators: on the printed sheet, when the page had no room for all the likely causes. */
          g_string_append_printf (markup, ngettext ("%u more likely cause in the app.", "%u more likely causes in the app.",
                                                    cut_causes), cut_causes);
        }
      g_string_append (markup, "</i>");
      add_block (blocks, sheet, NULL, 0, markup->str, sheet->size, width, sheet->size * 0.6);
    }

  return blocks;
}

static GPtrArray *
build_source_blocks (Sheet  *sheet,
                     double  width)
{
  RrGuidance *guidance = sheet->guidance;
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  double s = sheet->size * 0.85;
  guint n = rr_guidance_get_n_sources (guidance);

  if (n == 0)
    return blocks;

  /* Translators: heading on the printed sheet: the studies behind the advice. */
  add_heading (blocks, sheet, _("Sources"), width);
  for (guint i = 0; i < n; i++)
    {
      const RrGuidanceSource *source = rr_guidance_get_source (guidance, i);
      g_autofree char *number = g_strdup_printf ("[%u]", i + 1);
      g_autofree char *markup = NULL;
      Block *block;

      if (source->doi)
        markup = g_markup_printf_escaped ("%s <span foreground=\"#1a5fb4\">doi:%s</span>", source->citation, source->doi);
      else if (source->url)
        markup = g_markup_printf_escaped ("%s <span foreground=\"#1a5fb4\">%s</span>", source->citation, source->url);
      else
        markup = g_markup_escape_text (source->citation, -1);

      block = add_block (blocks, sheet, number, s * 2.2, markup, s, width, s * 0.2);
      if (source->url && strchr (source->url, '\'') == NULL)
        block->link = g_strdup (source->url);
    }
  return blocks;
}

/* The body map with the chosen spots in their level colours, a level mark on each. */
static void
draw_map (Sheet  *sheet,
          double  x,
          double  y,
          double  width,
          double  height)
{
  RrGuidance *guidance = sheet->guidance;
  RrBodyArt *art = rr_body_art_get_default ();
  cairo_t *cr = sheet->cr;
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

      if (!rr_body_art_get_region_center (art, spot->id, &cx, &cy))
        continue;
      draw_level_mark (cr, cx * scale + x_offset, cy * scale + y_offset, MAX (4.5, sheet->size * 0.6),
                       spot->level, sheet);
    }
  cairo_restore (cr);
}

static double
blocks_height (GPtrArray *blocks)
{
  double height = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (block->placed)
        height = MAX (height, block->y + block->height);
    }
  return height;
}

/* The recent course of the chosen spots, from the diary: one small chart a spot, so
 * a physio sees at a glance whether it is settling or building. */
#define HISTORY_DAYS 14

static GArray *
spot_history (Sheet      *sheet,
              const char *region)
{
  GArray *points = sheet->history ? g_hash_table_lookup (sheet->history, region) : NULL;

  return points && points->len > 0 ? points : NULL;
}

static double
history_row_height (Sheet *sheet)
{
  return sheet->size * 2.2;
}

static PangoLayout *
history_heading (Sheet  *sheet,
                 double  width)
{
  g_autofree char *markup = NULL;

  /* Translators: heading of the small charts under the map on the printed sheet */
  markup = g_markup_printf_escaped ("<b>%s</b>", _("Recent history (last 14 days)"));
  return new_layout (sheet, markup, sheet->size * 0.9, width);
}

static double
history_height (Sheet  *sheet,
                double  width)
{
  guint rows = 0;

  for (guint i = 0; i < rr_guidance_get_n_spots (sheet->guidance); i++)
    if (spot_history (sheet, rr_guidance_get_spot (sheet->guidance, i)->id))
      rows++;
  if (rows == 0)
    return 0;

  {
    g_autoptr(PangoLayout) heading = history_heading (sheet, width);
    return layout_height (heading) + 2 + rows * history_row_height (sheet) + sheet->size * 0.6;
  }
}

static void
draw_history (Sheet  *sheet,
              double  x,
              double  y,
              double  width)
{
  cairo_t *cr = sheet->cr;
  g_autoptr(PangoLayout) heading = history_heading (sheet, width);
  double row = history_row_height (sheet);
  /* The names at the start of the line, the charts after them; time runs to the
   * right in both directions, as on the diary page. */
  double chart_x = sheet->rtl ? x : x + width * 0.45, chart_width = width * 0.55;
  double name_x = sheet->rtl ? x + width * 0.57 : x;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  /* Thin and in the sheet's inks; the diary page draws the same chart for a screen. */
  static const RrTrendStyle trend_style = {
    .baseline = { 0.753, 0.749, 0.737, 1 }, .baseline_width = 0.5,   /* rule_color */
    .line = { 0.369, 0.361, 0.392, 1 }, .line_width = 0.6,           /* dim_ink */
    .dot_radius = 1.8,
    .outline = { 0.141, 0.122, 0.192, 1 }, .outline_width = 0.4,     /* ink */
  };

  if (history_height (sheet, width) == 0)
    return;

  set_color (cr, &ink);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, heading);
  y += layout_height (heading) + 2;

  for (guint i = 0; i < rr_guidance_get_n_spots (sheet->guidance); i++)
    {
      const RrGuidanceSpot *spot = rr_guidance_get_spot (sheet->guidance, i);
      GArray *points = spot_history (sheet, spot->id);
      g_autofree char *markup = NULL;
      g_autoptr(PangoLayout) name = NULL;
      double top = y + 1, bottom = y + row - 2;

      if (points == NULL)
        continue;

      markup = g_markup_escape_text (spot->name, -1);
      name = new_layout (sheet, markup, sheet->size * 0.8, width * 0.43);
      pango_layout_set_height (name, pango_units_from_double (row));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      set_color (cr, &dim_ink);
      cairo_move_to (cr, name_x, y + (row - layout_height (name)) / 2);
      pango_cairo_show_layout (cr, name);

      rr_trend_draw (cr, points, now, HISTORY_DAYS, chart_x, top, chart_width, bottom - top, &trend_style);
      y += row;
    }
}

/* Lays out the page with the base size of @sheet; draws it when @draw. Returns
 * TRUE when everything fits; with @force, places what fits when it does not.
 *
 * Three columns. The map heads the first, the verdict box spans the other two;
 * the answers, what to do now, likely causes and warning signs then flow down
 * the columns, balanced; the sources run across the page under them, and the
 * disclaimer closes the page. */
static gboolean
layout_page (Sheet         *sheet,
             double         width,
             double         height,
             const Margins *margins,
             gboolean       draw,
             gboolean       force)
{
  RrGuidance *guidance = sheet->guidance;
  cairo_t *cr = sheet->cr;
  double s = sheet->size;
  double content_width = width - margins->left - margins->right;
  double x = margins->left;
  double y = margins->top;
  double bottom = height - margins->bottom;
  double column_width = (content_width - 2 * COLUMN_GAP) / 3;
  double map_x, map_height, box_x, box_width, box_height, pad = s * 0.9;
  double tops[3], flow_bottom = 0, sources_height = 0, sources_y;
  double art_width, art_height;
  gboolean fits = TRUE;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) date = NULL;
  g_autoptr(PangoLayout) disclaimer = NULL;
  g_autoptr(PangoLayout) legend = NULL;
  g_autoptr(GPtrArray) verdict = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%x");
  g_autofree char *markup = NULL;
  RrVerdict level = rr_guidance_get_verdict (guidance);

  /* Header: the title and the date. */
  /* Translators: the title of the printed sheet. */
  markup = g_markup_printf_escaped ("<b>%s</b>", _("Run or Rest — guidance sheet"));
  /* As wide as its text: a right-to-left title must not slide under the date. */
  title = new_layout (sheet, markup, 16, -1);
  g_clear_pointer (&markup, g_free);
  markup = g_markup_escape_text (today ? today : "", -1);
  date = new_layout (sheet, markup, 10, -1);
  g_clear_pointer (&markup, g_free);

  /* Footer: the disclaimer, always on the page. */
  markup = g_markup_printf_escaped ("<i>%s</i>", rr_guidance_get_disclaimer (guidance));
  disclaimer = new_layout (sheet, markup, 7.5, content_width);
  g_clear_pointer (&markup, g_free);
  bottom -= layout_height (disclaimer) + 8;

  if (draw)
    {
      /* The title at the start, the date at the end of the line. */
      set_color (cr, &ink);
      cairo_move_to (cr, sheet->rtl ? x + content_width - layout_width (title) : x, y);
      pango_cairo_show_layout (cr, title);
      set_color (cr, &dim_ink);
      cairo_move_to (cr, sheet->rtl ? x : x + content_width - layout_width (date),
                     y + layout_height (title) - layout_height (date) - 1);
      pango_cairo_show_layout (cr, date);
    }
  y += layout_height (title) + 3;
  if (draw)
    {
      set_color (cr, &ink);
      cairo_set_line_width (cr, 1.2);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + content_width, y);
      cairo_stroke (cr);
    }
  y += 10;

  /* The map, and under it what the numbers mean. */
  rr_body_art_get_size (rr_body_art_get_default (), &art_width, &art_height);
  map_height = column_width * art_height / art_width;
  /* Translators: under the body map of the printed sheet. */
  markup = g_markup_printf_escaped ("<span foreground=\"#5e5c64\">%s</span>",
                                    _("The numbers on the map are the pain levels, from 0 to 10."));
  legend = new_layout (sheet, markup, s * 0.85, column_width);
  g_clear_pointer (&markup, g_free);
  tops[0] = y + map_height + 3 + layout_height (legend) + s * 0.8;
  tops[0] += history_height (sheet, column_width);

  /* The verdict box over the second and third columns; the map's column is the
   * first, on the right when the page reads from right to left. */
  box_x = sheet->rtl ? x : x + column_width + COLUMN_GAP;
  map_x = sheet->rtl ? x + content_width - column_width : x;
  box_width = 2 * column_width + COLUMN_GAP;
  verdict = build_verdict_blocks (sheet, box_width - 2 * pad - 5);
  box_height = blocks_height (verdict) + 1.6 * pad;
  tops[1] = tops[2] = y + box_height + s * 0.8;

  /* The sources take their room at the bottom; the columns get the rest. */
  sources = build_source_blocks (sheet, content_width);
  place_blocks (sources, 1, NULL, G_MAXDOUBLE, &sources_height);
  columns = build_column_blocks (sheet, column_width);
  if (!balance_blocks (columns, 3, tops, bottom - sources_height - s * 0.4, &flow_bottom))
    {
      fits = FALSE;
      if (!force)
        return FALSE;
      /* Out of room even with the least the columns may hold (dozens of spots): the
       * sources keep their room, the columns stop above them. */
      place_blocks (columns, 3, tops, bottom - sources_height - s * 0.4, &flow_bottom);
    }
  sources_y = flow_bottom + s * 0.4;

  if (!draw)
    return fits;

  draw_map (sheet, map_x, y, column_width, map_height);
  set_color (cr, &dim_ink);
  cairo_move_to (cr, map_x, y + map_height + 3);
  pango_cairo_show_layout (cr, legend);
  draw_history (sheet, map_x, y + map_height + 3 + layout_height (legend) + s * 0.8, column_width);

  {
    const Rgb *strong = &verdict_colors[level].strong;
    const Rgb *tint = &verdict_colors[level].tint;
    double radius = 6;

    cairo_new_sub_path (cr);
    cairo_arc (cr, box_x + box_width - radius, y + radius, radius, -G_PI / 2, 0);
    cairo_arc (cr, box_x + box_width - radius, y + box_height - radius, radius, 0, G_PI / 2);
    cairo_arc (cr, box_x + radius, y + box_height - radius, radius, G_PI / 2, G_PI);
    cairo_arc (cr, box_x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
    cairo_close_path (cr);
    set_color (cr, tint);
    cairo_fill_preserve (cr);
    set_color (cr, strong);
    cairo_set_line_width (cr, 1);
    cairo_stroke (cr);
    cairo_rectangle (cr, sheet->rtl ? box_x + box_width - 6 : box_x + 1, y + radius, 5, box_height - 2 * radius);
    cairo_fill (cr);
  }
  /* The bar on the start side, the text beside it. */
  draw_blocks (sheet, verdict, sheet->rtl ? box_x + pad : box_x + pad + 5, y + pad * 0.8,
               box_width - 2 * pad - 5, 0, 1, sheet->rtl);

  draw_blocks (sheet, columns, x, 0, column_width, COLUMN_GAP, 3, sheet->rtl);
  /* The references are in their own (Latin) script: never mirrored. */
  draw_blocks (sheet, sources, x, sources_y, content_width, 0, 1, FALSE);

  set_color (cr, &rule_color);
  cairo_set_line_width (cr, 0.75);
  cairo_move_to (cr, x, height - margins->bottom - layout_height (disclaimer) - 4);
  cairo_line_to (cr, x + content_width, height - margins->bottom - layout_height (disclaimer) - 4);
  cairo_stroke (cr);
  set_color (cr, &dim_ink);
  cairo_move_to (cr, x, height - margins->bottom - layout_height (disclaimer));
  pango_cairo_show_layout (cr, disclaimer);

  return fits;
}

/* Whether the sheet's own title, in the user's language, reads from right to left. */
static gboolean
is_right_to_left (PangoContext *pango)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (pango);

  pango_layout_set_text (layout, _("Run or Rest — guidance sheet"), -1);
  return pango_layout_get_line_readonly (layout, 0)->resolved_dir == PANGO_DIRECTION_RTL;
}

/* At the smallest size: less detail, then as few items left out from the end of the
 * columns as the page needs (the fewer left out, the more the page must hold: a
 * binary search). Returns FALSE when even leaving out all it may does not do. */
static gboolean
fit_less (Sheet         *sheet,
          double         width,
          double         height,
          const Margins *margins)
{
  guint n_advice = rr_guidance_get_n_advice (sheet->guidance);
  guint low = 0, high = n_advice - MIN (n_advice, N_FULL_ADVICE) + rr_guidance_get_n_conditions (sheet->guidance);

  sheet->size = MIN_FONT_SIZE;
  for (sheet->detail = DETAIL_BRIEF_CAUSES; sheet->detail <= DETAIL_BRIEF_ADVICE; sheet->detail++)
    if (layout_page (sheet, width, height, margins, FALSE, FALSE))
      return TRUE;
  sheet->detail = DETAIL_BRIEF_ADVICE;

  /* low never fits, high does. */
  sheet->n_cut = high;
  if (!layout_page (sheet, width, height, margins, FALSE, FALSE))
    return FALSE;
  while (high - low > 1)
    {
      sheet->n_cut = (low + high) / 2;
      if (layout_page (sheet, width, height, margins, FALSE, FALSE))
        high = sheet->n_cut;
      else
        low = sheet->n_cut;
    }
  sheet->n_cut = high;
  return TRUE;
}

static gboolean
draw_sheet (RrGuidance    *guidance,
            GHashTable    *history,
            cairo_t       *cr,
            double         width,
            double         height,
            const Margins *margins)
{
  g_autoptr(GHashTable) source_numbers = g_hash_table_new (g_str_hash, g_str_equal);
  PangoContext *pango = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  Sheet sheet = { guidance, cr, pango, MAX_FONT_SIZE, source_numbers, history, FALSE, DETAIL_FULL, 0 };
  gboolean fits = FALSE;

  /* The same line breaks on screen, on paper and in the PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (pango, 72);

  /* A page in a language written from right to left is mirrored like the window
   * (the map keeps the runner's sides). The context stays left to right: Pango then
   * aligns each right-to-left paragraph to the right by itself. */
  sheet.rtl = is_right_to_left (pango);

  for (guint i = 0; i < rr_guidance_get_n_sources (guidance); i++)
    g_hash_table_insert (source_numbers, (gpointer) rr_guidance_get_source (guidance, i)->id,
                         GUINT_TO_POINTER (i + 1));

  for (double size = MAX_FONT_SIZE; size >= MIN_FONT_SIZE - 0.01; size -= FONT_SIZE_STEP)
    {
      sheet.size = size;
      if (layout_page (&sheet, width, height, margins, FALSE, FALSE))
        {
          fits = TRUE;
          break;
        }
    }
  if (!fits)
    fits = fit_less (&sheet, width, height, margins);

  cairo_save (cr);
  /* Never past the margins, whatever happens. */
  cairo_rectangle (cr, 0, 0, width, height - margins->bottom);
  cairo_clip (cr);
  layout_page (&sheet, width, height, margins, TRUE, TRUE);
  cairo_restore (cr);
  g_object_unref (pango);

  return fits;
}

gboolean
rr_sheet_draw (RrGuidance *guidance,
               cairo_t    *cr,
               double      width,
               double      height)
{
  const Margins margins = { RR_SHEET_MARGIN, RR_SHEET_MARGIN, RR_SHEET_MARGIN, RR_SHEET_MARGIN };

  g_return_val_if_fail (RR_IS_GUIDANCE (guidance), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  return draw_sheet (guidance, NULL, cr, width, height, &margins);
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
  rr_sheet_draw (guidance, cr, width, height);
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

/* ------------------------------------------------------------------------------ */
/* Printing                                                                         */
/* ------------------------------------------------------------------------------ */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  gtk_print_operation_set_n_pages (operation, 1);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              RrGuidance        *guidance)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  Margins margins;

  /* The context starts inside the printer's margins; the sheet adds what is
   * missing to its own. */
  margins.left = MAX (6, RR_SHEET_MARGIN - gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS));
  margins.right = MAX (6, RR_SHEET_MARGIN - gtk_page_setup_get_right_margin (setup, GTK_UNIT_POINTS));
  margins.top = MAX (6, RR_SHEET_MARGIN - gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS));
  margins.bottom = MAX (6, RR_SHEET_MARGIN - gtk_page_setup_get_bottom_margin (setup, GTK_UNIT_POINTS));

  draw_sheet (guidance, g_object_get_data (G_OBJECT (operation), "rr-history"),
              gtk_print_context_get_cairo_context (context),
              gtk_print_context_get_width (context), gtk_print_context_get_height (context), &margins);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         GtkWindow               *parent)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *dialog;

      gtk_print_operation_get_error (operation, &error);
      dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                       _("Could not print the guidance sheet"));
      if (error)
        gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
      g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
    }

  /* The reference taken for the dialog's run. */
  g_object_unref (operation);
}

GtkPrintOperationResult
rr_sheet_print (RrGuidance  *guidance,
                GHashTable  *history,
                GtkWindow   *parent,
                const char  *export_filename,
                GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (RR_IS_GUIDANCE (guidance), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  operation = gtk_print_operation_new ();
  /* Translators: the name of the print job. */
  gtk_print_operation_set_job_name (operation, _("Run or Rest guidance sheet"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_object_set_data_full (G_OBJECT (operation), "rr-guidance", g_object_ref (guidance), g_object_unref);
  if (history)
    g_object_set_data_full (G_OBJECT (operation), "rr-history", g_hash_table_ref (history),
                            (GDestroyNotify) g_hash_table_unref);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), NULL);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), guidance, 0);

  if (export_filename)
    {
      gtk_print_operation_set_export_filename (operation, export_filename);
      return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
    }

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (g_object_ref (operation), "done", G_CALLBACK (done_cb), parent);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
  return result;
}
