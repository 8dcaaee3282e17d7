/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-sheet.h: the one-page guidance sheet
 *
 * The sheet is drawn on any cairo context in points, so the print dialog
 * (RrPrintOperation), the PDF export of the command line (no display) and the
 * tests draw the same page. Text stays text and the body map stays vectors.
 *
 * The text is never smaller than 9 pt. What the page holds is chosen in a fixed
 * order of importance: the verdict and why, where it hurts and what was reported,
 * the warning signs, what to do now, the likely causes, the recent history, then
 * the rest of the advice by title. What does not fit is left out from the end of
 * that order, and a line says so; the verdict, the warning signs, the disclaimer
 * and the source of every number printed are always on the page.
 */
#pragma once

#include <gtk/gtk.h>

#include "rr-guidance.h"

G_BEGIN_DECLS

/* Narrow faces first: more words on the page at the same size. */
#define RR_SHEET_FONT_FAMILY "Cantarell, Nimbus Sans, Liberation Sans, Helvetica, Arial, Sans"
/* The margin the sheet keeps around its content, in points. */
#define RR_SHEET_MARGIN 36.0
/* The smallest text on the sheet, in points (a level's number on the map aside). */
#define RR_SHEET_BODY_SIZE 9.0

typedef struct {
  double left, top, right, bottom;
} RrSheetMargins;

/* Draws the sheet for a page of @width x @height points within @margins (NULL:
 * RR_SHEET_MARGIN all round). @history (region id -> GArray of RrDiaryPoint, may
 * be NULL) adds the last 14 days of the chosen spots from the diary. Returns TRUE
 * when everything fitted; FALSE when some items were left out (the page says how
 * many). Nothing is ever drawn past the margins. */
gboolean                rr_sheet_draw                  (RrGuidance           *guidance,
                                                        GHashTable           *history,
                                                        cairo_t              *cr,
                                                        double                width,
                                                        double                height,
                                                        const RrSheetMargins *margins);

/* The paper of the locale (LC_PAPER): Letter where that is the custom, else A4. */
void                    rr_sheet_get_default_page_size (double               *width,
                                                        double               *height);

/* Writes the sheet as a one-page PDF on the locale's paper; needs no display. */
gboolean                rr_sheet_export_pdf            (RrGuidance           *guidance,
                                                        const char           *filename,
                                                        GError              **error);

G_END_DECLS
