/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-rulebook-private.h: the rulebook's insides, shared by its loader
 * (rr-rulebook-load.c), its evaluation (rr-rulebook-eval.c) and its vocabulary
 * (rr-rulebook.c). */
#pragma once

#include <glib/gi18n-lib.h>

#include "rr-rulebook.h"

G_BEGIN_DECLS

/* Every element of the file. The loader checks references kind by kind in this order. */
typedef enum {
  EL_NONE,
  EL_RULEBOOK,
  EL_DISCLAIMER,
  EL_SOURCES, EL_SOURCE,
  EL_VERDICTS, EL_VERDICT,
  EL_GRADES, EL_GRADE,
  EL_REGIONS, EL_REGION,
  EL_SYMPTOMS, EL_SYMPTOM,
  EL_CONDITIONS, EL_CONDITION,
  EL_ADVICE, EL_ITEM,
  EL_RULES, EL_RULE,
  EL_NAME, EL_HEADLINE, EL_DESCRIPTION, EL_QUESTION, EL_BRIEF, EL_TEXT, EL_TITLE, EL_REASON,
  N_ELEMENTS
} Element;

/* What every entry starts with. The loader reaches the other fields through tables
 * of offsets, so the element says which rows apply. */
typedef struct {
  Element element;
  char   *id;
  int     line, column;   /* of its start tag: checks made later point there */
} Entry;

/* Evaluation compares bits, not strings: every symptom and region has a place in a bit
 * set, and each rule knows, as bit sets, the symptoms it names and the regions it
 * covers (by id or by part). Built once, when the file has been read. */
typedef guint64 Bits;

typedef struct {
  Entry  entry;
  char  *name;
  char  *part;
  char  *side;
  char  *view;
  guint  index;
} Region;

typedef struct {
  Entry          entry;
  char          *name;
  char          *question;
  RrSymptomGroup group;
  gboolean       red_flag;
  char         **parts;
  char         **regions;
  guint          index;
  GPtrArray     *raising;   /* Rule*: rules with a verdict that name it in all= or any= */
} Symptom;

typedef struct {
  Entry  entry;
  char  *name;
  char  *brief;      /* one line for the printed sheet, or NULL */
  char  *text;
  char **sources;
} Condition;

typedef struct {
  Entry  entry;
  char  *title;
  char  *text;
  char **sources;
  char **yields_to;   /* dropped when any of these items is in the answer */
  guint  verdicts;    /* bit per final verdict it may be given with */
  int    priority;
  guint  position;
} Advice;

typedef struct {
  Entry entry;
  char *authors;
  char *title;
  char *journal;
  char *year;
  char *doi;
  char *url;
  char *citation;
  guint position;
} Source;

typedef struct {
  Entry entry;
  int   min, max;
  char *name;
  char *description;
} Grade;

typedef struct {
  Entry     entry;
  char    **regions;
  char    **parts;
  int       pain_min, pain_max;
  char    **all;
  char    **any;
  char    **unless;
  gboolean  has_verdict;
  RrVerdict verdict;
  gboolean  has_advice_limit;
  RrVerdict advice_limit;   /* its advice is given only up to this final verdict */
  gboolean  both_sides;     /* a spot rule for a part chosen on the left and the right */
  char    **conditions;
  char    **advice;
  char     *reason;
  Bits     *bits;           /* one block for the four sets below */
  Bits     *all_bits;
  Bits     *any_bits;
  Bits     *unless_bits;
  Bits     *region_bits;
} Rule;

typedef struct {
  Entry entry;
  char *name;
  char *headline;
} Verdict;

/* The entries of one kind: in file order, by id, and the ids alone (NULL-terminated,
 * for the vocabulary getters). The index does not own what it points to. */
typedef struct {
  GPtrArray  *entries;
  GHashTable *by_id;
  GPtrArray  *ids;
} EntrySet;

struct _RrRulebook
{
  GObject parent_instance;

  char       *disclaimer;
  Verdict     verdicts[RR_N_VERDICTS];   /* by RrVerdict, not in file order */

  EntrySet    sources;
  EntrySet    grades;
  EntrySet    regions;
  EntrySet    symptoms;
  EntrySet    conditions;
  EntrySet    advice;
  EntrySet    rules;
  GHashTable *parts;        /* every part named by a region */

  guint       symptom_words;   /* the size of a symptom bit set */
};

static inline const char *
rr_rulebook_translate (const char *msgid)
{
  return msgid ? g_dgettext (GETTEXT_PACKAGE, msgid) : NULL;
}

/* rr-rulebook-load.c */
void     rr_rulebook_entry_clear       (Entry              *entry);
void     rr_rulebook_entry_free        (gpointer            entry);

/* rr-rulebook-eval.c */
void     rr_rulebook_build_index       (RrRulebook         *self);

/* rr-rulebook.c */
gboolean rr_rulebook_symptom_asked_for (RrRulebook         *self,
                                        Symptom            *s,
                                        const char * const *regions);

G_END_DECLS
