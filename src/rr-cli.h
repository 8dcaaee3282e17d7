/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rr-assessment.h"
#include "rr-cli-parse.h"
#include "rr-rulebook.h"

G_BEGIN_DECLS

/* The command line: everything it can do without a display. */
int           rr_cli_run                    (int            *argc,
                                             char         ***argv,
                                             RrAssessment  **preset);

G_END_DECLS
