/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-flow.h: the printed sheet's typesetter (private to the sheet)
 *
 * A flow is a list of blocks (paragraphs with an optional gutter, or drawn
 * pieces such as a chart) that are measured once, then placed in columns from
 * their own tops down to a bottom, and drawn. Placing needs no cairo context, so
 * the sheet can try several selections of blocks cheaply, and the tests can check
 * the placing rules on blocks of known heights.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* Draws a block's own art: in the gutter of a text block, or the whole block.
 * @x, @y: the block's top-left corner; @mirrored: the page reads right to left. */
typedef void (*RrFlowDrawFunc) (cairo_t  *cr,
                                double    x,
                                double    y,
                                double    width,
                                double    height,
                                gboolean  mirrored,
                                gpointer  data);

typedef struct {
  PangoLayout    *gutter;          /* number or bullet before the body, or NULL */
  PangoLayout    *body;            /* the paragraph; NULL for a drawn block */
  double          indent;          /* the gutter's width */
  double          space_before;    /* dropped at the top of a column */
  double          height;
  gboolean        keep_with_next;  /* a heading: never the last block of a column */
  gboolean        rule_below;      /* a heading's rule */
  gboolean        may_split;       /* long prose: may run on into the next column */
  char           *link;            /* a link over the body in PDF output, or NULL */
  RrFlowDrawFunc  draw;            /* the gutter's art (text block) or the block's (drawn) */
  gpointer        data;
  GDestroyNotify  destroy;
  GArray         *line_tops;       /* double: where each line starts, then the height */
  /* Where rr_flow_place() put it: from @y in @column, and when it runs on into
   * the next column, its lines from @split there, from @split_y. */
  gboolean        placed;
  guint           column;
  double          y;
  guint           split;           /* 0: not split */
  double          split_y;
} RrFlowBlock;

/* Where the columns are on the page, and in which inks. */
typedef struct {
  double   x, y;           /* the top-left corner of the first column's frame */
  double   column_width;
  double   gap;
  guint    n_columns;
  gboolean mirrored;       /* the first column is the rightmost, gutters on the right */
  double   ink[3];
  double   rule[3];
} RrFlowFrame;

PangoLayout *rr_flow_layout_new    (PangoContext   *context,
                                    const char     *family,
                                    const char     *markup,
                                    double          size,
                                    double          width);
double       rr_flow_layout_height (PangoLayout    *layout);
double       rr_flow_layout_width  (PangoLayout    *layout);

/* Takes @gutter and @body. */
RrFlowBlock *rr_flow_text_new      (PangoLayout    *gutter,
                                    double          indent,
                                    PangoLayout    *body,
                                    double          space_before);
RrFlowBlock *rr_flow_drawn_new     (double          height,
                                    double          space_before,
                                    RrFlowDrawFunc  draw,
                                    gpointer        data,
                                    GDestroyNotify  destroy);
void         rr_flow_block_free    (RrFlowBlock    *block);

/* Fills @n_columns columns one after the other, column i from @tops[i] (NULL: all
 * from 0) down to @bottom, keeping headings with what follows. A paragraph that
 * may_split, of four lines or more, may run on into the next column, at least two lines on each side
 * (no orphans, no widows). Returns TRUE when
 * every block found a place; otherwise the blocks that fitted are placed (never
 * a heading left last). @used: the lowest point reached. */
gboolean     rr_flow_place         (GPtrArray      *blocks,
                                    guint           n_columns,
                                    const double   *tops,
                                    double          bottom,
                                    double         *used);

/* As rr_flow_place(), with the highest bottom that still holds every block:
 * columns of even length. */
gboolean     rr_flow_balance       (GPtrArray      *blocks,
                                    guint           n_columns,
                                    const double   *tops,
                                    double          max_bottom,
                                    double         *used);

/* The lowest point of the placed blocks. */
double       rr_flow_height        (GPtrArray      *blocks);

void         rr_flow_draw          (GPtrArray      *blocks,
                                    cairo_t        *cr,
                                    const RrFlowFrame *frame);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RrFlowBlock, rr_flow_block_free)

G_END_DECLS
