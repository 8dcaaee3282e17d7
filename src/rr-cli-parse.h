/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-cli-parse.h: what the command line accepts, checked against a rulebook
 *
 * Pure parsing, no GTK: part of the engine, so it is tested and fuzzed without a
 * display. rr-cli.c does the rest of the command line.
 */
#pragma once

#include "rr-assessment.h"
#include "rr-rulebook.h"

G_BEGIN_DECLS

gboolean      rr_cli_parse_pain             (const char     *text,
                                             int            *level,
                                             GError        **error);
RrAssessment *rr_cli_build_assessment       (RrRulebook     *rulebook,
                                             const char * const *regions,
                                             const char     *pain,
                                             const char * const *symptoms,
                                             GError        **error);

G_END_DECLS
