/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-sheet.h: the one-page guidance sheet
 *
 * The sheet is drawn on any cairo context in points, so the print dialog,
 * the PDF export of the command line (no display) and the tests draw the
 * same page. Text stays text and the body map stays vectors.
 */
#pragma once

#include <gtk/gtk.h>

#include "rr-guidance.h"

G_BEGIN_DECLS

/* The margin the sheet keeps around its content, in points. */
/* Narrow faces first: more words on the page at the same size. */
#define RR_SHEET_FONT_FAMILY "Cantarell, Nimbus Sans, Liberation Sans, Helvetica, Arial, Sans"
#define RR_SHEET_MARGIN 36.0

/* Draws the sheet for a page of @width x @height points, with the sheet's own
 * margins. Returns TRUE when everything fitted (the text shrinks down to 7 pt
 * first); FALSE when some items had to be left out. Nothing is ever drawn past
 * the bottom margin. */
gboolean                rr_sheet_draw                  (RrGuidance  *guidance,
                                                        cairo_t     *cr,
                                                        double       width,
                                                        double       height);

/* The paper of the locale (LC_PAPER): Letter where that is the custom, else A4. */
void                    rr_sheet_get_default_page_size (double      *width,
                                                        double      *height);

/* Writes the sheet as a one-page PDF; needs no display. */
gboolean                rr_sheet_export_pdf            (RrGuidance  *guidance,
                                                        const char  *filename,
                                                        GError     **error);

/* Prints the sheet with GtkPrintOperation. @history (region id -> GArray of
 * RrDiaryPoint, may be NULL) adds the last 14 days of the chosen spots from the
 * diary under the map. With @export_filename, exports a
 * PDF synchronously without a dialog; with NULL, shows the print dialog and
 * returns GTK_PRINT_OPERATION_RESULT_IN_PROGRESS (errors of the job are then
 * shown to the user in a dialog). */
GtkPrintOperationResult rr_sheet_print                 (RrGuidance  *guidance,
                                                        GHashTable  *history,
                                                        GtkWindow   *parent,
                                                        const char  *export_filename,
                                                        GError     **error);

G_END_DECLS
