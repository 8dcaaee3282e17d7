/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pango/pangocairo.h>

#include "rr-flow.h"

PangoLayout *
rr_flow_layout_new (PangoContext *context,
                    const char   *family,
                    const char   *markup,
                    double        size,
                    double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (family);
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

double
rr_flow_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
rr_flow_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

RrFlowBlock *
rr_flow_text_new (PangoLayout *gutter,
                  double       indent,
                  PangoLayout *body,
                  double       space_before)
{
  RrFlowBlock *block = g_new0 (RrFlowBlock, 1);

  g_return_val_if_fail (PANGO_IS_LAYOUT (body), block);

  block->gutter = gutter;
  block->body = body;
  block->indent = indent;
  block->space_before = space_before;
  block->height = rr_flow_layout_height (body);

  /* Where it may be split: between its lines. */
  block->line_tops = g_array_new (FALSE, FALSE, sizeof (double));
  {
    PangoLayoutIter *iter = pango_layout_get_iter (body);

    do
      {
        PangoRectangle logical;
        double top;

        pango_layout_iter_get_line_extents (iter, NULL, &logical);
        top = (double) logical.y / PANGO_SCALE;
        g_array_append_val (block->line_tops, top);
      }
    while (pango_layout_iter_next_line (iter));
    pango_layout_iter_free (iter);
  }
  g_array_append_val (block->line_tops, block->height);
  return block;
}

RrFlowBlock *
rr_flow_drawn_new (double          height,
                   double          space_before,
                   RrFlowDrawFunc  draw,
                   gpointer        data,
                   GDestroyNotify  destroy)
{
  RrFlowBlock *block = g_new0 (RrFlowBlock, 1);

  block->height = height;
  block->space_before = space_before;
  block->draw = draw;
  block->data = data;
  block->destroy = destroy;
  return block;
}

void
rr_flow_block_free (RrFlowBlock *block)
{
  if (block == NULL)
    return;
  g_clear_object (&block->gutter);
  g_clear_object (&block->body);
  g_free (block->link);
  g_clear_pointer (&block->line_tops, g_array_unref);
  if (block->destroy)
    block->destroy (block->data);
  g_free (block);
}

#define MIN_LINES 2

static guint
n_lines (RrFlowBlock *block)
{
  return block->line_tops ? block->line_tops->len - 1 : 1;
}

static double
line_top (RrFlowBlock *block,
          guint        line)
{
  return g_array_index (block->line_tops, double, line);
}

/* The least of a block that may stand at the foot of a column: all of it, or its
 * first lines when it may run on. */
static double
foot_height (RrFlowBlock *block,
             gboolean     may_split)
{
  if (may_split && block->may_split && n_lines (block) >= 2 * MIN_LINES)
    return line_top (block, MIN_LINES);
  return block->height;
}

/* The room a block needs at the foot of a column: itself and, for a heading, the
 * chain of what must stay with it. */
static double
chain_height (GPtrArray *blocks,
              guint      i,
              gboolean   may_split)
{
  RrFlowBlock *block = g_ptr_array_index (blocks, i);
  double chain = block->keep_with_next ? block->height : foot_height (block, may_split);

  for (guint j = i; j + 1 < blocks->len && ((RrFlowBlock *) g_ptr_array_index (blocks, j))->keep_with_next; j++)
    {
      RrFlowBlock *next = g_ptr_array_index (blocks, j + 1);

      chain += next->space_before + (next->keep_with_next ? next->height : foot_height (next, may_split));
    }
  return chain;
}

/* The most lines of @block that fit above @bottom from @y, leaving enough for the
 * next column; 0 when that is too few. */
static guint
lines_that_fit (RrFlowBlock *block,
                double       y,
                double       bottom)
{
  guint n = n_lines (block);

  if (!block->may_split || n < 2 * MIN_LINES)
    return 0;
  for (guint lines = n - MIN_LINES; lines >= MIN_LINES; lines--)
    if (y + line_top (block, lines) <= bottom)
      return lines;
  return 0;
}

gboolean
rr_flow_place (GPtrArray    *blocks,
               guint         n_columns,
               const double *tops,
               double        bottom,
               double       *used)
{
  guint column = 0;
  double top = tops ? tops[0] : 0;
  double y = top, max_y = 0;
  gboolean all = TRUE;

  g_return_val_if_fail (n_columns > 0, FALSE);

  for (guint i = 0; i < blocks->len; i++)
    {
      RrFlowBlock *block = g_ptr_array_index (blocks, i);

      block->placed = FALSE;
      block->split = 0;
    }

  for (guint i = 0; i < blocks->len; i++)
    {
      RrFlowBlock *block = g_ptr_array_index (blocks, i);
      double before = y > top ? block->space_before : 0;
      guint lines;

      while (y + before + chain_height (blocks, i, column + 1 < n_columns) > bottom && column + 1 < n_columns)
        {
          column++;
          top = y = tops ? tops[column] : 0;
          before = 0;
        }

      block->column = column;
      block->y = y + before;
      if (block->y + block->height <= bottom)
        y = block->y + block->height;
      else if (column + 1 < n_columns && (lines = lines_that_fit (block, block->y, bottom)) > 0 &&
               (tops ? tops[column + 1] : 0) + block->height - line_top (block, lines) <= bottom)
        {
          /* The rest of its lines at the top of the next column. */
          max_y = MAX (max_y, block->y + line_top (block, lines));
          column++;
          top = tops ? tops[column] : 0;
          block->split = lines;
          block->split_y = top;
          y = top + block->height - line_top (block, lines);
        }
      else
        {
          all = FALSE;
          break;
        }
      block->placed = TRUE;
      max_y = MAX (max_y, y);
    }

  /* A heading left alone at the end says nothing. */
  if (!all)
    for (guint i = blocks->len; i > 0; i--)
      {
        RrFlowBlock *block = g_ptr_array_index (blocks, i - 1);

        if (!block->placed)
          continue;
        if (!block->keep_with_next)
          break;
        block->placed = FALSE;
      }

  if (used)
    *used = all ? max_y : rr_flow_height (blocks);
  return all;
}

gboolean
rr_flow_balance (GPtrArray    *blocks,
                 guint         n_columns,
                 const double *tops,
                 double        max_bottom,
                 double       *used)
{
  double low = 0, high = max_bottom;

  if (!rr_flow_place (blocks, n_columns, tops, max_bottom, used))
    return FALSE;

  /* A bisection: low never holds everything, high does. */
  for (guint i = 0; i < n_columns; i++)
    low = MAX (low, tops ? tops[i] : 0);
  for (guint i = 0; i < 24 && high - low > 0.25; i++)
    {
      double middle = (low + high) / 2;

      if (rr_flow_place (blocks, n_columns, tops, middle, NULL))
        high = middle;
      else
        low = middle;
    }
  return rr_flow_place (blocks, n_columns, tops, high, used);
}

double
rr_flow_height (GPtrArray *blocks)
{
  double height = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      RrFlowBlock *block = g_ptr_array_index (blocks, i);

      if (!block->placed)
        continue;
      if (block->split)
        height = MAX (height, MAX (block->y + line_top (block, block->split),
                                   block->split_y + block->height - line_top (block, block->split)));
      else
        height = MAX (height, block->y + block->height);
    }
  return height;
}

/* The left edge of a column on the page. */
static double
column_x (const RrFlowFrame *frame,
          guint              column)
{
  column = MIN (column, frame->n_columns - 1);
  if (frame->mirrored)
    column = frame->n_columns - 1 - column;
  return frame->x + column * (frame->column_width + frame->gap);
}

/* Lines @from to @to (exclusive) of @layout, the layout's top at @y: each line is
 * drawn once, so the PDF's text holds every word once. */
static void
draw_lines (cairo_t     *cr,
            PangoLayout *layout,
            double       x,
            double       y,
            guint        from,
            guint        to)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint line = 0;

  do
    {
      if (line >= from && line < to)
        {
          PangoRectangle logical;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE,
                         y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (line < to && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_text (RrFlowBlock       *block,
           cairo_t           *cr,
           const RrFlowFrame *frame)
{
  double bx = column_x (frame, block->column), by = frame->y + block->y;
  double body_x = frame->mirrored ? bx : bx + block->indent;
  double gutter_x = frame->mirrored ? bx + frame->column_width - block->indent : bx;
  guint n = n_lines (block);

  if (block->draw)
    /* Centred on the first line. */
    block->draw (cr, gutter_x, by, block->indent, line_top (block, 1), frame->mirrored, block->data);
  else if (block->gutter)
    {
      /* Against the text, which is on its left when mirrored. */
      pango_layout_set_alignment (block->gutter, frame->mirrored ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      cairo_set_source_rgb (cr, frame->ink[0], frame->ink[1], frame->ink[2]);
      cairo_move_to (cr, gutter_x, by);
      pango_cairo_show_layout (cr, block->gutter);
    }

  if (block->link)
    {
      g_autofree char *attributes = g_strdup_printf ("uri='%s'", block->link);

      cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes);
    }
  cairo_set_source_rgb (cr, frame->ink[0], frame->ink[1], frame->ink[2]);
  draw_lines (cr, block->body, body_x, by, 0, block->split ? block->split : n);
  if (block->split)
    {
      double next_x = column_x (frame, block->column + 1);

      draw_lines (cr, block->body, frame->mirrored ? next_x : next_x + block->indent,
                  frame->y + block->split_y - line_top (block, block->split), block->split, n);
    }
  if (block->link)
    cairo_tag_end (cr, CAIRO_TAG_LINK);

  if (block->rule_below)
    {
      cairo_set_source_rgb (cr, frame->rule[0], frame->rule[1], frame->rule[2]);
      cairo_set_line_width (cr, 0.75);
      cairo_move_to (cr, bx, by + block->height - 1.5);
      cairo_line_to (cr, bx + frame->column_width, by + block->height - 1.5);
      cairo_stroke (cr);
    }
}

void
rr_flow_draw (GPtrArray         *blocks,
              cairo_t           *cr,
              const RrFlowFrame *frame)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      RrFlowBlock *block = g_ptr_array_index (blocks, i);

      if (!block->placed)
        continue;
      if (block->body)
        draw_text (block, cr, frame);
      else if (block->draw)
        block->draw (cr, column_x (frame, block->column), frame->y + block->y, frame->column_width, block->height,
                     frame->mirrored, block->data);
    }
}
