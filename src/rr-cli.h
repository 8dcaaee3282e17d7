/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rr-assessment.h"
#include "rr-rulebook.h"

G_BEGIN_DECLS

/* The command line: everything it can do without a display. */
int           rr_cli_run                    (int            *argc,
                                             char         ***argv,
                                             RrAssessment  **preset);

gboolean      rr_cli_parse_pain             (const char     *text,
                                             int            *level,
                                             GError        **error);
RrAssessment *rr_cli_build_assessment       (RrRulebook     *rulebook,
                                             const char * const *regions,
                                             const char     *pain,
                                             const char * const *symptoms,
                                             GError        **error);

G_END_DECLS
