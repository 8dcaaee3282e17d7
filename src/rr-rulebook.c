/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rr-guidance-private.h"
#include "rr-rulebook.h"

/* What a hostile or broken file cannot get past, whatever it holds. */
#define MAX_FILE_SIZE   (1024 * 1024)
#define MAX_ID_LENGTH   64
#define MAX_TEXT_LENGTH 4096
#define MAX_LIST_LENGTH 128
/* Evaluation time grows with the entries and with the ids their lists name: a file
 * within the size limit could still make every click take seconds without these. */
#define MAX_ENTRIES     512     /* of each kind: regions, symptoms, rules, ... */
#define MAX_REFERENCES  8192    /* ids named in lists, all lists together */

/* Evaluation compares bits, not strings: every symptom and region has a place in a bit
 * set, and each rule knows, as bit sets, the symptoms it names and the regions it
 * covers (by id or by part). Built once, when the file has been read. */
typedef guint64 Bits;
#define BITS_WORDS(n)  (((n) + 63) / 64)
#define BITS_SET(b, i) ((b)[(i) / 64] |= G_GUINT64_CONSTANT (1) << ((i) % 64))
#define BITS_HAS(b, i) ((((b)[(i) / 64]) >> ((i) % 64)) & 1)

typedef struct {
  char *id;
  char *name;
  char *part;
  char *side;
  char *view;
  guint index;
} Region;

typedef struct {
  char          *id;
  char          *name;
  char          *question;
  RrSymptomGroup group;
  gboolean       red_flag;
  char         **parts;
  char         **regions;
  int            line, column;
  guint          index;
  GPtrArray     *raising;   /* Rule*: rules with a verdict that name it in all= or any= */
} Symptom;

typedef struct {
  char  *id;
  char  *name;
  char  *brief;      /* one line for the printed sheet, or NULL */
  char  *text;
  char **sources;
  int    line, column;
} Condition;

typedef struct {
  char  *id;
  char  *title;
  char  *text;
  char **sources;
  char **yields_to;   /* dropped when any of these items is in the answer */
  guint  verdicts;    /* bit per final verdict it may be given with */
  int    priority;
  guint  position;
  int    line, column;
} Advice;

/* Without verdicts=, an item is everyday advice: never part of an emergency. */
#define DEFAULT_ADVICE_VERDICTS ((1u << RR_VERDICT_EMERGENCY) - 1)

typedef struct {
  char *id;
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
  char *id;
  int   min, max;
  char *name;
  char *description;
} Grade;

typedef struct {
  char     *id;
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
  int       line, column;
  Bits     *bits;           /* one block for the four sets below */
  Bits     *all_bits;
  Bits     *any_bits;
  Bits     *unless_bits;
  Bits     *region_bits;
} Rule;

typedef struct {
  char *name;
  char *headline;
} VerdictText;

struct _RrRulebook
{
  GObject parent_instance;

  char        *disclaimer;
  VerdictText  verdicts[RR_N_VERDICTS];

  GPtrArray   *regions;      /* Region*, file order */
  GPtrArray   *symptoms;
  GPtrArray   *conditions;
  GPtrArray   *advice;
  GPtrArray   *sources;
  GPtrArray   *grades;
  GPtrArray   *rules;

  GHashTable  *region_by_id;
  GHashTable  *symptom_by_id;
  GHashTable  *condition_by_id;
  GHashTable  *advice_by_id;
  GHashTable  *source_by_id;
  GHashTable  *parts;        /* every part named by a region */

  /* NULL-terminated id lists for the vocabulary getters. */
  GPtrArray   *region_ids;
  GPtrArray   *symptom_ids;
  GPtrArray   *condition_ids;
  GPtrArray   *advice_ids;
  GPtrArray   *source_ids;

  guint        symptom_words;   /* the size of a symptom bit set */
};

G_DEFINE_FINAL_TYPE (RrRulebook, rr_rulebook, G_TYPE_OBJECT)

G_DEFINE_QUARK (rr-rulebook-error-quark, rr_rulebook_error)

static void
region_free (Region *r)
{
  g_free (r->id);
  g_free (r->name);
  g_free (r->part);
  g_free (r->side);
  g_free (r->view);
  g_free (r);
}

static void
symptom_free (Symptom *s)
{
  g_free (s->id);
  g_free (s->name);
  g_free (s->question);
  g_strfreev (s->parts);
  g_strfreev (s->regions);
  g_clear_pointer (&s->raising, g_ptr_array_unref);
  g_free (s);
}

static void
condition_free (Condition *c)
{
  g_free (c->id);
  g_free (c->name);
  g_free (c->brief);
  g_free (c->text);
  g_strfreev (c->sources);
  g_free (c);
}

static void
advice_free (Advice *a)
{
  g_free (a->id);
  g_free (a->title);
  g_free (a->text);
  g_strfreev (a->sources);
  g_strfreev (a->yields_to);
  g_free (a);
}

static void
source_free (Source *s)
{
  g_free (s->id);
  g_free (s->authors);
  g_free (s->title);
  g_free (s->journal);
  g_free (s->year);
  g_free (s->doi);
  g_free (s->url);
  g_free (s->citation);
  g_free (s);
}

static void
grade_free (Grade *g)
{
  g_free (g->id);
  g_free (g->name);
  g_free (g->description);
  g_free (g);
}

static void
rule_free (Rule *r)
{
  g_free (r->id);
  g_strfreev (r->regions);
  g_strfreev (r->parts);
  g_strfreev (r->all);
  g_strfreev (r->any);
  g_strfreev (r->unless);
  g_strfreev (r->conditions);
  g_strfreev (r->advice);
  g_free (r->reason);
  g_free (r->bits);
  g_free (r);
}

static void
rr_rulebook_finalize (GObject *object)
{
  RrRulebook *self = RR_RULEBOOK (object);

  g_free (self->disclaimer);
  for (guint i = 0; i < RR_N_VERDICTS; i++)
    {
      g_free (self->verdicts[i].name);
      g_free (self->verdicts[i].headline);
    }

  g_clear_pointer (&self->region_by_id, g_hash_table_unref);
  g_clear_pointer (&self->symptom_by_id, g_hash_table_unref);
  g_clear_pointer (&self->condition_by_id, g_hash_table_unref);
  g_clear_pointer (&self->advice_by_id, g_hash_table_unref);
  g_clear_pointer (&self->source_by_id, g_hash_table_unref);
  g_clear_pointer (&self->parts, g_hash_table_unref);
  g_clear_pointer (&self->region_ids, g_ptr_array_unref);
  g_clear_pointer (&self->symptom_ids, g_ptr_array_unref);
  g_clear_pointer (&self->condition_ids, g_ptr_array_unref);
  g_clear_pointer (&self->advice_ids, g_ptr_array_unref);
  g_clear_pointer (&self->source_ids, g_ptr_array_unref);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->symptoms, g_ptr_array_unref);
  g_clear_pointer (&self->conditions, g_ptr_array_unref);
  g_clear_pointer (&self->advice, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->grades, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);

  G_OBJECT_CLASS (rr_rulebook_parent_class)->finalize (object);
}

static void
rr_rulebook_class_init (RrRulebookClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rr_rulebook_finalize;
}

static void
rr_rulebook_init (RrRulebook *self)
{
  self->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  self->symptoms = g_ptr_array_new_with_free_func ((GDestroyNotify) symptom_free);
  self->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) condition_free);
  self->advice = g_ptr_array_new_with_free_func ((GDestroyNotify) advice_free);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  self->grades = g_ptr_array_new_with_free_func ((GDestroyNotify) grade_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);

  self->region_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->symptom_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->condition_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->advice_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->source_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->parts = g_hash_table_new (g_str_hash, g_str_equal);

  self->region_ids = g_ptr_array_new_null_terminated (64, NULL, TRUE);
  self->symptom_ids = g_ptr_array_new_null_terminated (32, NULL, TRUE);
  self->condition_ids = g_ptr_array_new_null_terminated (32, NULL, TRUE);
  self->advice_ids = g_ptr_array_new_null_terminated (32, NULL, TRUE);
  self->source_ids = g_ptr_array_new_null_terminated (16, NULL, TRUE);
}

/* ------------------------------------------------------------------------------ */
/* Loading                                                                         */
/* ------------------------------------------------------------------------------ */

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
} Element;

/* The whole grammar: which element may stand inside which, with which attributes.
 * A text element's content is a translatable string. */
static const struct {
  const char *name;
  Element     element;
  Element     parents[6];
  const char *attributes[16];   /* NULL-terminated: keep one spare after the longest list */
} grammar[] = {
  { "rulebook",    EL_RULEBOOK,    { EL_NONE }, { "version" } },
  { "disclaimer",  EL_DISCLAIMER,  { EL_RULEBOOK }, { NULL } },
  { "sources",     EL_SOURCES,     { EL_RULEBOOK }, { NULL } },
  { "source",      EL_SOURCE,      { EL_SOURCES }, { "id", "authors", "title", "journal", "year", "doi", "url" } },
  { "verdicts",    EL_VERDICTS,    { EL_RULEBOOK }, { NULL } },
  { "verdict",     EL_VERDICT,     { EL_VERDICTS }, { "id" } },
  { "grades",      EL_GRADES,      { EL_RULEBOOK }, { NULL } },
  { "grade",       EL_GRADE,       { EL_GRADES }, { "id", "min", "max" } },
  { "regions",     EL_REGIONS,     { EL_RULEBOOK }, { NULL } },
  { "region",      EL_REGION,      { EL_REGIONS }, { "id", "part", "side", "view" } },
  { "symptoms",    EL_SYMPTOMS,    { EL_RULEBOOK }, { NULL } },
  { "symptom",     EL_SYMPTOM,     { EL_SYMPTOMS }, { "id", "group", "parts", "regions", "red-flag" } },
  { "conditions",  EL_CONDITIONS,  { EL_RULEBOOK }, { NULL } },
  { "condition",   EL_CONDITION,   { EL_CONDITIONS }, { "id", "sources" } },
  { "advice",      EL_ADVICE,      { EL_RULEBOOK }, { NULL } },
  { "item",        EL_ITEM,        { EL_ADVICE }, { "id", "priority", "sources", "verdicts", "yields-to" } },
  { "rules",       EL_RULES,       { EL_RULEBOOK }, { NULL } },
  { "rule",        EL_RULE,        { EL_RULES }, { "id", "regions", "parts", "pain", "all", "any", "unless", "verdict", "conditions", "advice", "advice-up-to", "both-sides" } },
  { "name",        EL_NAME,        { EL_VERDICT, EL_GRADE, EL_REGION, EL_SYMPTOM, EL_CONDITION }, { NULL } },
  { "headline",    EL_HEADLINE,    { EL_VERDICT }, { NULL } },
  { "description", EL_DESCRIPTION, { EL_GRADE }, { NULL } },
  { "question",    EL_QUESTION,    { EL_SYMPTOM }, { NULL } },
  { "brief",       EL_BRIEF,       { EL_CONDITION }, { NULL } },
  { "text",        EL_TEXT,        { EL_CONDITION, EL_ITEM }, { NULL } },
  { "title",       EL_TITLE,       { EL_ITEM }, { NULL } },
  { "reason",      EL_REASON,      { EL_RULE }, { NULL } },
};

#define MAX_DEPTH 4

typedef struct {
  RrRulebook          *book;
  const char          *filename;
  GMarkupParseContext *context;
  Element              stack[MAX_DEPTH + 1];
  guint                depth;
  gboolean             seen_rulebook;
  guint                n_entries[EL_REASON + 1];
  guint                n_references;

  /* The entry being read (and where it starts) and the text element being collected. */
  gpointer             entry;
  int                  entry_line, entry_column;
  int                  mark_line, mark_column;   /* just after the last tag: where text starts */
  int                  verdict;
  char               **text_target;
  GString             *text;
} Parser;

static void
set_error_at (GError    **error,
              const char *filename,
              int         line,
              int         column,
              int         code,
              const char *format,
              ...) G_GNUC_PRINTF (6, 7);

static void
set_error_at (GError    **error,
              const char *filename,
              int         line,
              int         column,
              int         code,
              const char *format,
              ...)
{
  g_autofree char *raw = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  raw = g_strdup_vprintf (format, args);
  va_end (args);

  /* GMarkup quotes the bytes it chokes on, even when they are not UTF-8 or are control
   * characters: the message is one printable line whatever the file holds. */
  message = g_utf8_make_valid (raw, -1);
  for (char *c = message; *c; c++)
    if ((guchar) *c < 0x20 || *c == 0x7f)
      *c = '?';
  g_set_error (error, RR_RULEBOOK_ERROR, code, "%s:%d:%d: %s", filename, line, column, message);
}

#define parser_error(p, error, code, ...)                                       \
  G_STMT_START {                                                                \
    int _line, _column;                                                         \
    g_markup_parse_context_get_position ((p)->context, &_line, &_column);       \
    set_error_at (error, (p)->filename, _line, _column, code, __VA_ARGS__);     \
  } G_STMT_END

/* Ids are short lowercase words joined by hyphens: the same in the CLI, JSON and SVG. */
static gboolean
valid_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > MAX_ID_LENGTH || id[0] == '-' || id[len - 1] == '-')
    return FALSE;

  for (const char *c = id; *c; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return FALSE;

  return TRUE;
}

static char **
split_ids (Parser      *p,
           const char  *attribute,
           const char  *value,
           GError     **error)
{
  g_auto(GStrv) words = g_strsplit_set (value, " \t\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; words[i]; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (!valid_id (words[i]))
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                        "“%s” in %s is not a valid id (lowercase letters, digits and hyphens, at most %d)",
                        words[i], attribute, MAX_ID_LENGTH);
          return NULL;
        }
      if (++n > MAX_LIST_LENGTH)
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_LIMIT, "%s lists more than %d ids", attribute, MAX_LIST_LENGTH);
          return NULL;
        }
      if (++p->n_references > MAX_REFERENCES)
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_LIMIT, "the lists name more than %d ids in all", MAX_REFERENCES);
          return NULL;
        }
      g_strv_builder_add (builder, words[i]);
    }

  if (n == 0)
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "%s is empty", attribute);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

static gboolean
parse_level (const char *text,
             int        *level)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, RR_PAIN_MIN, RR_PAIN_MAX, &value, NULL))
    return FALSE;
  *level = (int) value;
  return TRUE;
}

/* "N" or "N-M", both within 0..10 and N <= M. */
static gboolean
parse_pain_range (const char *text,
                  int        *min,
                  int        *max)
{
  g_auto(GStrv) ends = g_strsplit (text, "-", 3);

  switch (g_strv_length (ends))
    {
    case 1:
      if (!parse_level (ends[0], min))
        return FALSE;
      *max = *min;
      return TRUE;
    case 2:
      return parse_level (ends[0], min) && parse_level (ends[1], max) && *min <= *max;
    default:
      return FALSE;
    }
}

static const char *
lookup_attribute (const char **names,
                  const char **values,
                  const char  *wanted)
{
  for (guint i = 0; names[i]; i++)
    if (g_str_equal (names[i], wanted))
      return values[i];
  return NULL;
}

static gboolean
require_attributes (Parser      *p,
                    const char  *element,
                    const char **names,
                    const char **values,
                    GError     **error,
                    ...)
{
  va_list args;
  const char *wanted;
  gboolean ok = TRUE;

  va_start (args, error);
  while (ok && (wanted = va_arg (args, const char *)))
    {
      const char *value = lookup_attribute (names, values, wanted);

      if (value == NULL || *value == '\0')
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "<%s> needs a %s attribute", element, wanted);
          ok = FALSE;
        }
    }
  va_end (args);

  return ok;
}

static gboolean
check_new_id (Parser      *p,
              GHashTable  *table,
              const char  *kind,
              const char  *id,
              GError     **error)
{
  if (!valid_id (id))
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                    "“%s” is not a valid %s id (lowercase letters, digits and hyphens, at most %d)",
                    id, kind, MAX_ID_LENGTH);
      return FALSE;
    }
  if (table && g_hash_table_contains (table, id))
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "duplicate %s id “%s”", kind, id);
      return FALSE;
    }
  return TRUE;
}

static void
start_text (Parser  *p,
            char   **target)
{
  p->text_target = target;
  g_string_truncate (p->text, 0);
}

static gboolean
start_entry (Parser      *p,
             Element      element,
             const char  *element_name,
             const char **names,
             const char **values,
             GError     **error)
{
  RrRulebook *book = p->book;
  const char *id = lookup_attribute (names, values, "id");
  int line, column;

  g_markup_parse_context_get_position (p->context, &line, &column);
  if (element != EL_NAME && element != EL_HEADLINE && element != EL_DESCRIPTION &&
      element != EL_QUESTION && element != EL_BRIEF && element != EL_TEXT && element != EL_TITLE && element != EL_REASON)
    {
      p->entry_line = line;
      p->entry_column = column;
    }

  switch (element)
    {
    case EL_RULEBOOK:
      {
        const char *version = lookup_attribute (names, values, "version");

        if (g_strcmp0 (version, "1") != 0)
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "<rulebook> must have version=\"1\"");
            return FALSE;
          }
        p->seen_rulebook = TRUE;
        return TRUE;
      }

    case EL_DISCLAIMER:
      if (book->disclaimer)
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "a second <disclaimer>");
          return FALSE;
        }
      start_text (p, &book->disclaimer);
      return TRUE;

    case EL_SOURCE:
      {
        Source *source;

        if (!require_attributes (p, element_name, names, values, error, "id", "authors", "title", "journal", "year", NULL) ||
            !check_new_id (p, book->source_by_id, "source", id, error))
          return FALSE;

        source = g_new0 (Source, 1);
        source->id = g_strdup (id);
        source->authors = g_strdup (lookup_attribute (names, values, "authors"));
        source->title = g_strdup (lookup_attribute (names, values, "title"));
        source->journal = g_strdup (lookup_attribute (names, values, "journal"));
        source->year = g_strdup (lookup_attribute (names, values, "year"));
        source->doi = g_strdup (lookup_attribute (names, values, "doi"));
        source->url = g_strdup (lookup_attribute (names, values, "url"));
        if (source->url == NULL && source->doi != NULL)
          source->url = g_strconcat ("https://doi.org/", source->doi, NULL);
        source->citation = g_strdup_printf ("%s. %s %s. %s.", source->authors, source->title,
                                            source->journal, source->year);
        source->position = book->sources->len;
        g_ptr_array_add (book->sources, source);
        g_hash_table_insert (book->source_by_id, source->id, source);
        g_ptr_array_add (book->source_ids, source->id);
        return TRUE;
      }

    case EL_VERDICT:
      {
        RrVerdict verdict;

        if (!require_attributes (p, element_name, names, values, error, "id", NULL))
          return FALSE;
        if (!rr_verdict_from_id (id, &verdict))
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                          "unknown verdict “%s” (valid: keep-running, ease-off, stop-and-rest, see-professional, emergency)", id);
            return FALSE;
          }
        if (book->verdicts[verdict].name || book->verdicts[verdict].headline)
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "duplicate verdict id “%s”", id);
            return FALSE;
          }
        p->verdict = verdict;
        return TRUE;
      }

    case EL_GRADE:
      {
        Grade *grade;
        int min, max;

        if (!require_attributes (p, element_name, names, values, error, "id", "min", "max", NULL) ||
            !check_new_id (p, NULL, "grade", id, error))
          return FALSE;
        if (!parse_level (lookup_attribute (names, values, "min"), &min) ||
            !parse_level (lookup_attribute (names, values, "max"), &max) || min > max)
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "grade “%s” needs min and max within 0..10, min <= max", id);
            return FALSE;
          }
        for (guint i = 0; i < book->grades->len; i++)
          {
            Grade *other = g_ptr_array_index (book->grades, i);

            if (min <= other->max && other->min <= max)
              {
                parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "grade “%s” overlaps grade “%s”", id, other->id);
                return FALSE;
              }
          }
        grade = g_new0 (Grade, 1);
        grade->id = g_strdup (id);
        grade->min = min;
        grade->max = max;
        g_ptr_array_add (book->grades, grade);
        p->entry = grade;
        return TRUE;
      }

    case EL_REGION:
      {
        const char *part = lookup_attribute (names, values, "part");
        const char *side = lookup_attribute (names, values, "side");
        const char *view = lookup_attribute (names, values, "view");
        g_autofree char *expected = NULL;
        Region *region;

        if (!require_attributes (p, element_name, names, values, error, "id", "part", "side", "view", NULL) ||
            !check_new_id (p, book->region_by_id, "region", id, error) ||
            !check_new_id (p, NULL, "part", part, error))
          return FALSE;

        if (!g_strv_contains ((const char * const[]) { "left", "right", "center", NULL }, side))
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "region “%s”: side must be left, right or center", id);
            return FALSE;
          }
        if (!g_strv_contains ((const char * const[]) { "front", "back", "sole", NULL }, view))
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "region “%s”: view must be front, back or sole", id);
            return FALSE;
          }

        /* Paired parts are named after the runner's side, so the id says it all. */
        expected = g_str_equal (side, "center") ? g_strdup (part) : g_strconcat (side, "-", part, NULL);
        if (!g_str_equal (expected, id))
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                          "region “%s” with part “%s” and side “%s” must have the id “%s”", id, part, side, expected);
            return FALSE;
          }

        region = g_new0 (Region, 1);
        region->id = g_strdup (id);
        region->part = g_strdup (part);
        region->side = g_strdup (side);
        region->view = g_strdup (view);
        g_ptr_array_add (book->regions, region);
        g_hash_table_insert (book->region_by_id, region->id, region);
        g_hash_table_add (book->parts, region->part);
        g_ptr_array_add (book->region_ids, region->id);
        p->entry = region;
        return TRUE;
      }

    case EL_SYMPTOM:
      {
        static const char * const groups[] = { "spot", "general", "warning", "context", NULL };
        const char *group = lookup_attribute (names, values, "group");
        const char *parts = lookup_attribute (names, values, "parts");
        const char *regions = lookup_attribute (names, values, "regions");
        const char *red_flag = lookup_attribute (names, values, "red-flag");
        Symptom *symptom;
        guint group_index;

        if (!require_attributes (p, element_name, names, values, error, "id", "group", NULL) ||
            !check_new_id (p, book->symptom_by_id, "symptom", id, error))
          return FALSE;

        for (group_index = 0; groups[group_index]; group_index++)
          if (g_str_equal (groups[group_index], group))
            break;
        if (groups[group_index] == NULL)
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                          "symptom “%s”: group must be spot, general, warning or context", id);
            return FALSE;
          }
        if ((group_index == RR_SYMPTOM_SPOT) != (parts != NULL || regions != NULL))
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                          "symptom “%s”: a spot symptom, and only a spot symptom, names parts or regions", id);
            return FALSE;
          }
        if (red_flag && !g_str_equal (red_flag, "true") && !g_str_equal (red_flag, "false"))
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "symptom “%s”: red-flag must be true or false", id);
            return FALSE;
          }

        symptom = g_new0 (Symptom, 1);
        symptom->id = g_strdup (id);
        symptom->group = group_index;
        symptom->red_flag = g_strcmp0 (red_flag, "true") == 0;
        symptom->line = line;
        symptom->column = column;
        g_ptr_array_add (book->symptoms, symptom);
        g_hash_table_insert (book->symptom_by_id, symptom->id, symptom);
        g_ptr_array_add (book->symptom_ids, symptom->id);
        p->entry = symptom;

        if (parts && !(symptom->parts = split_ids (p, "parts", parts, error)))
          return FALSE;
        if (regions && !(symptom->regions = split_ids (p, "regions", regions, error)))
          return FALSE;
        return TRUE;
      }

    case EL_CONDITION:
      {
        Condition *condition;

        if (!require_attributes (p, element_name, names, values, error, "id", "sources", NULL) ||
            !check_new_id (p, book->condition_by_id, "condition", id, error))
          return FALSE;

        condition = g_new0 (Condition, 1);
        condition->id = g_strdup (id);
        condition->line = line;
        condition->column = column;
        g_ptr_array_add (book->conditions, condition);
        g_hash_table_insert (book->condition_by_id, condition->id, condition);
        g_ptr_array_add (book->condition_ids, condition->id);
        p->entry = condition;
        return (condition->sources = split_ids (p, "sources", lookup_attribute (names, values, "sources"), error)) != NULL;
      }

    case EL_ITEM:
      {
        Advice *advice;
        gint64 priority;

        if (!require_attributes (p, element_name, names, values, error, "id", "priority", "sources", NULL) ||
            !check_new_id (p, book->advice_by_id, "advice", id, error))
          return FALSE;
        if (!g_ascii_string_to_signed (lookup_attribute (names, values, "priority"), 10, 0, 1000, &priority, NULL))
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "advice “%s”: priority must be a number 0..1000", id);
            return FALSE;
          }

        advice = g_new0 (Advice, 1);
        advice->id = g_strdup (id);
        advice->verdicts = DEFAULT_ADVICE_VERDICTS;
        advice->priority = (int) priority;
        advice->position = book->advice->len;
        advice->line = line;
        advice->column = column;
        g_ptr_array_add (book->advice, advice);
        g_hash_table_insert (book->advice_by_id, advice->id, advice);
        g_ptr_array_add (book->advice_ids, advice->id);
        p->entry = advice;
        if (lookup_attribute (names, values, "verdicts"))
          {
            g_auto(GStrv) verdicts = split_ids (p, "verdicts", lookup_attribute (names, values, "verdicts"), error);

            if (verdicts == NULL)
              return FALSE;
            advice->verdicts = 0;
            for (guint i = 0; verdicts[i]; i++)
              {
                RrVerdict verdict;

                if (!rr_verdict_from_id (verdicts[i], &verdict))
                  {
                    parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                                  "advice “%s”: unknown verdict “%s” in verdicts (valid: keep-running, ease-off, stop-and-rest, see-professional, emergency)",
                                  id, verdicts[i]);
                    return FALSE;
                  }
                advice->verdicts |= 1u << verdict;
              }
          }
        if (lookup_attribute (names, values, "yields-to") &&
            !(advice->yields_to = split_ids (p, "yields-to", lookup_attribute (names, values, "yields-to"), error)))
          return FALSE;
        return (advice->sources = split_ids (p, "sources", lookup_attribute (names, values, "sources"), error)) != NULL;
      }

    case EL_RULE:
      {
        static const struct { const char *attribute; gsize offset; } lists[] = {
          { "regions", G_STRUCT_OFFSET (Rule, regions) },
          { "parts", G_STRUCT_OFFSET (Rule, parts) },
          { "all", G_STRUCT_OFFSET (Rule, all) },
          { "any", G_STRUCT_OFFSET (Rule, any) },
          { "unless", G_STRUCT_OFFSET (Rule, unless) },
          { "conditions", G_STRUCT_OFFSET (Rule, conditions) },
          { "advice", G_STRUCT_OFFSET (Rule, advice) },
        };
        const char *pain = lookup_attribute (names, values, "pain");
        const char *verdict = lookup_attribute (names, values, "verdict");
        const char *advice_up_to = lookup_attribute (names, values, "advice-up-to");
        Rule *rule;

        if (!require_attributes (p, element_name, names, values, error, "id", NULL) ||
            !check_new_id (p, NULL, "rule", id, error))
          return FALSE;
        for (guint i = 0; i < book->rules->len; i++)
          if (g_str_equal (((Rule *) g_ptr_array_index (book->rules, i))->id, id))
            {
              parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "duplicate rule id “%s”", id);
              return FALSE;
            }

        rule = g_new0 (Rule, 1);
        rule->id = g_strdup (id);
        rule->pain_min = RR_PAIN_MIN;
        rule->pain_max = RR_PAIN_MAX;
        rule->line = line;
        rule->column = column;
        g_ptr_array_add (book->rules, rule);
        p->entry = rule;

        for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
          {
            const char *value = lookup_attribute (names, values, lists[i].attribute);
            char ***field = G_STRUCT_MEMBER_P (rule, lists[i].offset);

            if (value && !(*field = split_ids (p, lists[i].attribute, value, error)))
              return FALSE;
          }

        if (pain && !parse_pain_range (pain, &rule->pain_min, &rule->pain_max))
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                          "rule “%s”: pain “%s” must be N or N-M within 0..10", id, pain);
            return FALSE;
          }
        if (verdict)
          {
            if (!rr_verdict_from_id (verdict, &rule->verdict))
              {
                parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                              "rule “%s”: unknown verdict “%s” (valid: keep-running, ease-off, stop-and-rest, see-professional, emergency)",
                              id, verdict);
                return FALSE;
              }
            rule->has_verdict = TRUE;
          }
        if (advice_up_to)
          {
            if (!rr_verdict_from_id (advice_up_to, &rule->advice_limit) || rule->advice == NULL)
              {
                parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                              "rule “%s”: advice-up-to needs advice and a verdict id (keep-running, ease-off, stop-and-rest, see-professional, emergency)",
                              id);
                return FALSE;
              }
            rule->has_advice_limit = TRUE;
          }
        if (lookup_attribute (names, values, "both-sides"))
          {
            const char *both = lookup_attribute (names, values, "both-sides");

            if ((!g_str_equal (both, "true") && !g_str_equal (both, "false")) || (!rule->regions && !rule->parts))
              {
                parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                              "rule “%s”: both-sides must be true or false, on a rule with regions or parts", id);
                return FALSE;
              }
            rule->both_sides = g_str_equal (both, "true");
          }
        /* A rule that fires only when a symptom is absent could lower the verdict when
         * that symptom is added: keep such rules to advice and conditions. */
        if (rule->unless && rule->has_verdict)
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                          "rule “%s”: a rule with unless= may not set a verdict", id);
            return FALSE;
          }
        if (!rule->has_verdict && !rule->conditions && !rule->advice)
          {
            parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                          "rule “%s” gives nothing: it needs a verdict, conditions or advice", id);
            return FALSE;
          }
        return TRUE;
      }

    case EL_NAME:
      switch (p->stack[p->depth - 1])
        {
        case EL_VERDICT: start_text (p, &book->verdicts[p->verdict].name); break;
        case EL_GRADE: start_text (p, &((Grade *) p->entry)->name); break;
        case EL_REGION: start_text (p, &((Region *) p->entry)->name); break;
        case EL_SYMPTOM: start_text (p, &((Symptom *) p->entry)->name); break;
        case EL_CONDITION: start_text (p, &((Condition *) p->entry)->name); break;
        default: g_assert_not_reached ();
        }
      break;
    case EL_HEADLINE: start_text (p, &book->verdicts[p->verdict].headline); break;
    case EL_DESCRIPTION: start_text (p, &((Grade *) p->entry)->description); break;
    case EL_QUESTION: start_text (p, &((Symptom *) p->entry)->question); break;
    case EL_TITLE: start_text (p, &((Advice *) p->entry)->title); break;
    case EL_REASON: start_text (p, &((Rule *) p->entry)->reason); break;
    case EL_BRIEF: start_text (p, &((Condition *) p->entry)->brief); break;
    case EL_TEXT:
      if (p->stack[p->depth - 1] == EL_CONDITION)
        start_text (p, &((Condition *) p->entry)->text);
      else
        start_text (p, &((Advice *) p->entry)->text);
      break;

    default:
      return TRUE;
    }

  /* Only text elements get here. */
  if (*p->text_target != NULL)
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "a second <%s> in the same entry", element_name);
      return FALSE;
    }
  return TRUE;
}

/* Control characters other than white space have no place in a text a runner reads:
 * printed by --summary, an escape sequence would reach the terminal. */
static gboolean
has_control_character (const char *text,
                       gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (((guchar) text[i] < 0x20 && !g_ascii_isspace (text[i])) || text[i] == 0x7f)
      return TRUE;
  return FALSE;
}

static void
parser_start_element (GMarkupParseContext  *context,
                      const char           *element_name,
                      const char          **names,
                      const char          **values,
                      gpointer              user_data,
                      GError              **error)
{
  Parser *p = user_data;
  Element parent = p->depth > 0 ? p->stack[p->depth - 1] : EL_NONE;
  guint rule_index;

  for (rule_index = 0; rule_index < G_N_ELEMENTS (grammar); rule_index++)
    if (g_str_equal (grammar[rule_index].name, element_name))
      break;

  if (rule_index == G_N_ELEMENTS (grammar))
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "unknown element <%s>", element_name);
      return;
    }

  {
    gboolean allowed = FALSE;

    for (guint i = 0; i < G_N_ELEMENTS (grammar[rule_index].parents); i++)
      {
        if (grammar[rule_index].parents[i] == parent &&
            (parent != EL_NONE || i == 0))
          allowed = TRUE;
        if (grammar[rule_index].parents[i] == EL_NONE)
          break;
      }
    if (parent == EL_NONE && p->seen_rulebook)
      allowed = FALSE;
    if (!allowed || p->depth >= MAX_DEPTH)
      {
        parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "<%s> is not allowed here", element_name);
        return;
      }
  }

  for (guint i = 0; names[i]; i++)
    {
      if (!g_strv_contains (grammar[rule_index].attributes, names[i]))
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                        "unknown attribute %s on <%s>", names[i], element_name);
          return;
        }
      if (strlen (values[i]) > MAX_TEXT_LENGTH)
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_LIMIT,
                        "attribute %s on <%s> is longer than %d bytes", names[i], element_name, MAX_TEXT_LENGTH);
          return;
        }
      if (has_control_character (values[i], strlen (values[i])))
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                        "attribute %s on <%s> holds a control character", names[i], element_name);
          return;
        }
    }

  switch (grammar[rule_index].element)
    {
    case EL_SOURCE: case EL_GRADE: case EL_REGION: case EL_SYMPTOM:
    case EL_CONDITION: case EL_ITEM: case EL_RULE:
      if (++p->n_entries[grammar[rule_index].element] > MAX_ENTRIES)
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_LIMIT, "more than %d <%s> entries", MAX_ENTRIES, element_name);
          return;
        }
      break;
    default:
      break;
    }

  if (!start_entry (p, grammar[rule_index].element, element_name, names, values, error))
    return;

  p->stack[p->depth++] = grammar[rule_index].element;
  g_markup_parse_context_get_position (context, &p->mark_line, &p->mark_column);
}

/* Texts are compared with the translation catalogue as xgettext extracted them:
 * runs of white space become one space, and the ends are trimmed. */
static char *
normalize_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *c = text; *c; c++)
    {
      if (g_ascii_isspace (*c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *c);
    }

  return g_string_free (out, FALSE);
}

static void
parser_end_element (GMarkupParseContext  *context,
                    const char           *element_name,
                    gpointer              user_data,
                    GError              **error)
{
  Parser *p = user_data;
  Element element = p->stack[--p->depth];

  g_markup_parse_context_get_position (context, &p->mark_line, &p->mark_column);

  if (p->text_target)
    {
      g_autofree char *text = normalize_space (p->text->str);

      if (*text == '\0')
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "<%s> is empty", element_name);
          return;
        }
      *p->text_target = g_steal_pointer (&text);
      p->text_target = NULL;
      return;
    }

  /* An entry is complete: check that it got the texts it must have. */
  switch (element)
    {
    case EL_REGION:
      if (((Region *) p->entry)->name == NULL)
        set_error_at (error, p->filename, p->entry_line, p->entry_column, RR_RULEBOOK_ERROR_INVALID, "region “%s” has no <name>", ((Region *) p->entry)->id);
      break;
    case EL_SYMPTOM:
      if (((Symptom *) p->entry)->name == NULL || ((Symptom *) p->entry)->question == NULL)
        set_error_at (error, p->filename, p->entry_line, p->entry_column, RR_RULEBOOK_ERROR_INVALID, "symptom “%s” needs a <name> and a <question>",
                      ((Symptom *) p->entry)->id);
      break;
    case EL_CONDITION:
      if (((Condition *) p->entry)->name == NULL || ((Condition *) p->entry)->text == NULL)
        set_error_at (error, p->filename, p->entry_line, p->entry_column, RR_RULEBOOK_ERROR_INVALID, "condition “%s” needs a <name> and a <text>",
                      ((Condition *) p->entry)->id);
      break;
    case EL_ITEM:
      if (((Advice *) p->entry)->title == NULL || ((Advice *) p->entry)->text == NULL)
        set_error_at (error, p->filename, p->entry_line, p->entry_column, RR_RULEBOOK_ERROR_INVALID, "advice “%s” needs a <title> and a <text>",
                      ((Advice *) p->entry)->id);
      break;
    case EL_GRADE:
      if (((Grade *) p->entry)->name == NULL || ((Grade *) p->entry)->description == NULL)
        set_error_at (error, p->filename, p->entry_line, p->entry_column, RR_RULEBOOK_ERROR_INVALID, "grade “%s” needs a <name> and a <description>",
                      ((Grade *) p->entry)->id);
      break;
    case EL_VERDICT:
      if (p->book->verdicts[p->verdict].name == NULL || p->book->verdicts[p->verdict].headline == NULL)
        set_error_at (error, p->filename, p->entry_line, p->entry_column, RR_RULEBOOK_ERROR_INVALID, "verdict “%s” needs a <name> and a <headline>",
                      rr_verdict_to_id (p->verdict));
      break;
    default:
      break;
    }
}

static void
parser_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 text_len,
             gpointer              user_data,
             GError              **error)
{
  Parser *p = user_data;

  if (p->text_target)
    {
      if (p->text->len + text_len > MAX_TEXT_LENGTH)
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_LIMIT, "a text is longer than %d bytes", MAX_TEXT_LENGTH);
          return;
        }
      if (has_control_character (text, text_len))
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "a text holds a control character");
          return;
        }
      g_string_append_len (p->text, text, text_len);
      return;
    }

  /* GMarkup reports text when it ends; point at where the stray text begins. */
  {
    int line = p->mark_line, column = p->mark_column;

    for (gsize i = 0; i < text_len; i++)
      {
        if (!g_ascii_isspace (text[i]))
          {
            set_error_at (error, p->filename, line, column, RR_RULEBOOK_ERROR_INVALID, "text is not allowed here");
            return;
          }
        if (text[i] == '\n')
          {
            line++;
            column = 1;
          }
        else
          column++;
      }
  }
}

/* Cross-references can point forwards, so they are checked once everything is read. */
static gboolean
check_references (RrRulebook  *self,
                  const char  *filename,
                  char       **ids,
                  GHashTable  *table,
                  const char  *kind,
                  const char  *owner,
                  int          line,
                  int          column,
                  GError     **error)
{
  for (guint i = 0; ids && ids[i]; i++)
    {
      if (!g_hash_table_contains (table, ids[i]))
        {
          set_error_at (error, filename, line, column, RR_RULEBOOK_ERROR_INVALID,
                        "%s refers to unknown %s “%s”", owner, kind, ids[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_complete (RrRulebook  *self,
                const char  *filename,
                int          line,
                int          column,
                GError     **error)
{
  int covered = 0;

  if (self->disclaimer == NULL)
    {
      set_error_at (error, filename, line, column, RR_RULEBOOK_ERROR_INVALID, "the rulebook has no <disclaimer>");
      return FALSE;
    }
  for (guint i = 0; i < RR_N_VERDICTS; i++)
    if (self->verdicts[i].name == NULL)
      {
        set_error_at (error, filename, line, column, RR_RULEBOOK_ERROR_INVALID,
                      "verdict “%s” is missing", rr_verdict_to_id (i));
        return FALSE;
      }
  for (guint i = 0; i < self->grades->len; i++)
    {
      Grade *grade = g_ptr_array_index (self->grades, i);
      covered += grade->max - grade->min + 1;
    }
  if (covered != RR_PAIN_MAX - RR_PAIN_MIN + 1)
    {
      set_error_at (error, filename, line, column, RR_RULEBOOK_ERROR_INVALID,
                    "the grades must cover every pain level from 0 to 10");
      return FALSE;
    }
  if (self->regions->len == 0)
    {
      set_error_at (error, filename, line, column, RR_RULEBOOK_ERROR_INVALID, "the rulebook has no regions");
      return FALSE;
    }

  for (guint i = 0; i < self->symptoms->len; i++)
    {
      Symptom *s = g_ptr_array_index (self->symptoms, i);
      g_autofree char *owner = g_strdup_printf ("symptom “%s”", s->id);

      if (!check_references (self, filename, s->parts, self->parts, "part", owner, s->line, s->column, error) ||
          !check_references (self, filename, s->regions, self->region_by_id, "region", owner, s->line, s->column, error))
        return FALSE;
    }
  for (guint i = 0; i < self->conditions->len; i++)
    {
      Condition *c = g_ptr_array_index (self->conditions, i);
      g_autofree char *owner = g_strdup_printf ("condition “%s”", c->id);

      if (!check_references (self, filename, c->sources, self->source_by_id, "source", owner, c->line, c->column, error))
        return FALSE;
    }
  for (guint i = 0; i < self->advice->len; i++)
    {
      Advice *a = g_ptr_array_index (self->advice, i);
      g_autofree char *owner = g_strdup_printf ("advice “%s”", a->id);

      if (!check_references (self, filename, a->sources, self->source_by_id, "source", owner, a->line, a->column, error) ||
          !check_references (self, filename, a->yields_to, self->advice_by_id, "advice", owner, a->line, a->column, error))
        return FALSE;
      /* Two items that give way to each other would both be left out. */
      for (guint j = 0; a->yields_to && a->yields_to[j]; j++)
        {
          Advice *other = g_hash_table_lookup (self->advice_by_id, a->yields_to[j]);

          if (other == a || (other->yields_to && g_strv_contains ((const char * const *) other->yields_to, a->id)))
            {
              set_error_at (error, filename, a->line, a->column, RR_RULEBOOK_ERROR_INVALID,
                            "advice “%s” and “%s” yield to each other", a->id, other->id);
              return FALSE;
            }
        }
    }
  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *r = g_ptr_array_index (self->rules, i);
      g_autofree char *owner = g_strdup_printf ("rule “%s”", r->id);

      if (!check_references (self, filename, r->regions, self->region_by_id, "region", owner, r->line, r->column, error) ||
          !check_references (self, filename, r->parts, self->parts, "part", owner, r->line, r->column, error) ||
          !check_references (self, filename, r->all, self->symptom_by_id, "symptom", owner, r->line, r->column, error) ||
          !check_references (self, filename, r->any, self->symptom_by_id, "symptom", owner, r->line, r->column, error) ||
          !check_references (self, filename, r->unless, self->symptom_by_id, "symptom", owner, r->line, r->column, error) ||
          !check_references (self, filename, r->conditions, self->condition_by_id, "condition", owner, r->line, r->column, error) ||
          !check_references (self, filename, r->advice, self->advice_by_id, "advice", owner, r->line, r->column, error))
        return FALSE;
    }

  return TRUE;
}

static void
set_symptom_bits (RrRulebook  *self,
                  Bits        *bits,
                  char       **ids)
{
  for (guint i = 0; ids && ids[i]; i++)
    {
      Symptom *s = g_hash_table_lookup (self->symptom_by_id, ids[i]);

      BITS_SET (bits, s->index);
    }
}

static void
add_raising_rule (RrRulebook  *self,
                  Rule        *rule,
                  char       **ids)
{
  for (guint i = 0; ids && ids[i]; i++)
    {
      Symptom *s = g_hash_table_lookup (self->symptom_by_id, ids[i]);

      if (!g_ptr_array_find (s->raising, rule, NULL))
        g_ptr_array_add (s->raising, rule);
    }
}

/* Called once the references are known to be good. */
static void
build_index (RrRulebook *self)
{
  /* At least one word, even for a book without symptoms: the sets are allocated with
   * this size, and offsets into a NULL block would be undefined behaviour. */
  guint symptom_words = MAX (BITS_WORDS (self->symptoms->len), 1);
  guint region_words = BITS_WORDS (self->regions->len);

  self->symptom_words = symptom_words;

  for (guint i = 0; i < self->symptoms->len; i++)
    {
      Symptom *s = g_ptr_array_index (self->symptoms, i);

      s->index = i;
      s->raising = g_ptr_array_new ();
    }
  for (guint i = 0; i < self->regions->len; i++)
    ((Region *) g_ptr_array_index (self->regions, i))->index = i;

  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (self->rules, i);

      rule->bits = g_new0 (Bits, 3 * symptom_words + region_words);
      rule->all_bits = rule->bits;
      rule->any_bits = rule->bits + symptom_words;
      rule->unless_bits = rule->bits + 2 * symptom_words;
      rule->region_bits = rule->bits + 3 * symptom_words;

      set_symptom_bits (self, rule->all_bits, rule->all);
      set_symptom_bits (self, rule->any_bits, rule->any);
      set_symptom_bits (self, rule->unless_bits, rule->unless);

      for (guint j = 0; j < self->regions->len; j++)
        {
          Region *r = g_ptr_array_index (self->regions, j);

          if ((rule->regions && g_strv_contains ((const char * const *) rule->regions, r->id)) ||
              (rule->parts && g_strv_contains ((const char * const *) rule->parts, r->part)))
            BITS_SET (rule->region_bits, j);
        }

      if (rule->has_verdict)
        {
          add_raising_rule (self, rule, rule->all);
          add_raising_rule (self, rule, rule->any);
        }
    }
}

/**
 * rr_rulebook_new_from_data:
 * @filename: the name used in error messages
 *
 * Parses and validates a rulebook. Errors name the file, line and column.
 */
RrRulebook *
rr_rulebook_new_from_data (const char  *data,
                           gsize        length,
                           const char  *filename,
                           GError     **error)
{
  static const GMarkupParser callbacks = {
    parser_start_element, parser_end_element, parser_text, NULL, NULL,
  };
  g_autoptr(RrRulebook) self = g_object_new (RR_TYPE_RULEBOOK, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  Parser p = { 0 };
  int line, column;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filename == NULL)
    filename = "rulebook";

  if (length > MAX_FILE_SIZE)
    {
      g_set_error (error, RR_RULEBOOK_ERROR, RR_RULEBOOK_ERROR_LIMIT,
                   "%s:1:1: the file is larger than %d KiB", filename, MAX_FILE_SIZE / 1024);
      return NULL;
    }

  context = g_markup_parse_context_new (&callbacks, 0, &p, NULL);
  p.book = self;
  p.filename = filename;
  p.context = context;
  p.text = text;

  if (!g_markup_parse_context_parse (context, data, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      if (local_error->domain == RR_RULEBOOK_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
      else
        {
          /* GMarkup's own message starts with its idea of the position; use ours. */
          const char *message = local_error->message;
          const char *colon = g_str_has_prefix (message, "Error on line") ? strstr (message, ": ") : NULL;

          g_markup_parse_context_get_position (context, &line, &column);
          set_error_at (error, filename, line, column, RR_RULEBOOK_ERROR_PARSE,
                        "%s", colon ? colon + 2 : message);
        }
      return NULL;
    }

  g_markup_parse_context_get_position (context, &line, &column);
  if (!p.seen_rulebook)
    {
      set_error_at (error, filename, line, column, RR_RULEBOOK_ERROR_INVALID, "no <rulebook> element");
      return NULL;
    }
  if (!check_complete (self, filename, line, column, error))
    return NULL;

  build_index (self);
  return g_steal_pointer (&self);
}

RrRulebook *
rr_rulebook_new_from_file (GFile   *file,
                           GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);

  /* Refuse a huge file before reading it into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info && g_file_info_get_size (info) > MAX_FILE_SIZE)
    {
      g_set_error (error, RR_RULEBOOK_ERROR, RR_RULEBOOK_ERROR_LIMIT,
                   "%s:1:1: the file is larger than %d KiB", name, MAX_FILE_SIZE / 1024);
      return NULL;
    }

  /* A device or a pipe has no size to check first (/dev/zero never ends): read at most
   * one byte more than the limit. */
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  contents = g_malloc (MAX_FILE_SIZE + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), contents, MAX_FILE_SIZE + 1, &length, NULL, error))
    return NULL;
  if (length > MAX_FILE_SIZE)
    {
      g_set_error (error, RR_RULEBOOK_ERROR, RR_RULEBOOK_ERROR_LIMIT,
                   "%s:1:1: the file is larger than %d KiB", name, MAX_FILE_SIZE / 1024);
      return NULL;
    }

  return rr_rulebook_new_from_data (contents, length, name, error);
}

/* The resource is linked into the engine library; naming it here makes sure the
 * linker keeps it, together with the constructor that registers it. */
extern GResource *rr_get_resource (void);

/**
 * rr_rulebook_get_default:
 *
 * Returns: (transfer none): the rulebook shipped inside the program.
 */
RrRulebook *
rr_rulebook_get_default (void)
{
  static RrRulebook *book;

  if (g_once_init_enter (&book))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      RrRulebook *loaded;

      bytes = g_resource_lookup_data (rr_get_resource (), RR_RULEBOOK_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("The built-in rulebook is missing: %s", error->message);

      loaded = rr_rulebook_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                          "resource://" RR_RULEBOOK_RESOURCE, &error);
      if (loaded == NULL)
        g_error ("The built-in rulebook is broken: %s", error->message);

      g_once_init_leave (&book, loaded);
    }

  return book;
}

/* ------------------------------------------------------------------------------ */
/* Vocabulary                                                                      */
/* ------------------------------------------------------------------------------ */

static const char *
translate (const char *msgid)
{
  return msgid ? g_dgettext (GETTEXT_PACKAGE, msgid) : NULL;
}

const char * const *
rr_rulebook_get_regions (RrRulebook *self)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  return (const char * const *) self->region_ids->pdata;
}

gboolean
rr_rulebook_has_region (RrRulebook *self,
                        const char *region)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), FALSE);
  return region && g_hash_table_contains (self->region_by_id, region);
}

#define REGION_FIELD_GETTER(field, translated)                                  \
  const char *                                                                  \
  rr_rulebook_get_region_##field (RrRulebook *self,                             \
                                  const char *region)                           \
  {                                                                             \
    Region *r;                                                                  \
    g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);                         \
    r = region ? g_hash_table_lookup (self->region_by_id, region) : NULL;       \
    if (r == NULL)                                                              \
      return NULL;                                                              \
    return translated ? translate (r->field) : r->field;                        \
  }

REGION_FIELD_GETTER (name, TRUE)
REGION_FIELD_GETTER (part, FALSE)
REGION_FIELD_GETTER (side, FALSE)
REGION_FIELD_GETTER (view, FALSE)

const char * const *
rr_rulebook_get_symptoms (RrRulebook *self)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  return (const char * const *) self->symptom_ids->pdata;
}

gboolean
rr_rulebook_has_symptom (RrRulebook *self,
                         const char *symptom)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), FALSE);
  return symptom && g_hash_table_contains (self->symptom_by_id, symptom);
}

static Symptom *
lookup_symptom (RrRulebook *self,
                const char *symptom)
{
  return symptom ? g_hash_table_lookup (self->symptom_by_id, symptom) : NULL;
}

const char *
rr_rulebook_get_symptom_name (RrRulebook *self,
                              const char *symptom)
{
  Symptom *s;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  s = lookup_symptom (self, symptom);
  return s ? translate (s->name) : NULL;
}

const char *
rr_rulebook_get_symptom_question (RrRulebook *self,
                                  const char *symptom)
{
  Symptom *s;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  s = lookup_symptom (self, symptom);
  return s ? translate (s->question) : NULL;
}

RrSymptomGroup
rr_rulebook_get_symptom_group (RrRulebook *self,
                               const char *symptom)
{
  Symptom *s;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), RR_SYMPTOM_GENERAL);
  s = lookup_symptom (self, symptom);
  return s ? s->group : RR_SYMPTOM_GENERAL;
}

gboolean
rr_rulebook_is_red_flag (RrRulebook *self,
                         const char *symptom)
{
  Symptom *s;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), FALSE);
  s = lookup_symptom (self, symptom);
  return s && s->red_flag;
}

static gboolean
symptom_applies_to (RrRulebook *self,
                    Symptom    *s,
                    const char *region)
{
  Region *r = g_hash_table_lookup (self->region_by_id, region);

  if (s->regions && g_strv_contains ((const char * const *) s->regions, region))
    return TRUE;
  return r && s->parts && g_strv_contains ((const char * const *) s->parts, r->part);
}

/* Whether the window asks about @s for these spots: warning signs always, the
 * general questions for any spot, a spot question for its own spots. */
static gboolean
symptom_is_asked (RrRulebook         *self,
                  Symptom            *s,
                  const char * const *regions)
{
  switch (s->group)
    {
    case RR_SYMPTOM_WARNING:
      return TRUE;
    case RR_SYMPTOM_GENERAL:
      return regions[0] != NULL;
    case RR_SYMPTOM_SPOT:
      for (guint i = 0; regions[i]; i++)
        if (symptom_applies_to (self, s, regions[i]))
          return TRUE;
      return FALSE;
    case RR_SYMPTOM_CONTEXT:
    default:
      return FALSE;
    }
}

/**
 * rr_rulebook_symptom_is_asked:
 *
 * Whether @symptom is a question for the spots of @assessment (a warning sign is
 * always one, the race switch never): an answer to any other would count for nothing.
 */
gboolean
rr_rulebook_symptom_is_asked (RrRulebook   *self,
                              const char   *symptom,
                              RrAssessment *assessment)
{
  Symptom *s;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), FALSE);
  g_return_val_if_fail (RR_IS_ASSESSMENT (assessment), FALSE);

  s = lookup_symptom (self, symptom);
  return s && symptom_is_asked (self, s, rr_assessment_get_regions (assessment));
}

char **
rr_rulebook_get_questions_for (RrRulebook   *self,
                               RrAssessment *assessment)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *regions;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  g_return_val_if_fail (RR_IS_ASSESSMENT (assessment), NULL);

  regions = rr_assessment_get_regions (assessment);
  if (regions[0] == NULL)
    return g_strv_builder_end (builder);

  for (guint i = 0; i < self->symptoms->len; i++)
    {
      Symptom *s = g_ptr_array_index (self->symptoms, i);

      if (s->group != RR_SYMPTOM_SPOT)
        continue;
      for (guint j = 0; regions[j]; j++)
        if (symptom_applies_to (self, s, regions[j]))
          {
            g_strv_builder_add (builder, s->id);
            break;
          }
    }
  for (guint i = 0; i < self->symptoms->len; i++)
    {
      Symptom *s = g_ptr_array_index (self->symptoms, i);

      if (s->group == RR_SYMPTOM_GENERAL)
        g_strv_builder_add (builder, s->id);
    }

  return g_strv_builder_end (builder);
}

/**
 * rr_rulebook_get_first_questions:
 * @max: how many at most
 *
 * The few questions for these spots whose answer alone would change the most: each
 * asked question is tried alone, with the spots at no pain, and those that would
 * call for a professional or more come first, the most serious first, then those
 * that point to a cause for these spots, then rulebook order. The window asks them
 * first and keeps the rest a click away. It depends on the spots only, not on their
 * levels, so the list holds still while the slider moves.
 */
char **
rr_rulebook_get_first_questions (RrRulebook   *self,
                                 RrAssessment *assessment,
                                 guint         max)
{
  g_autoptr(RrAssessment) probe = rr_assessment_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) questions = NULL;
  const char * const *regions;
  g_autofree RrVerdict *verdicts = NULL;
  g_autofree gboolean *specific = NULL;
  guint n, n_bare, taken = 0;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  g_return_val_if_fail (RR_IS_ASSESSMENT (assessment), NULL);

  regions = rr_assessment_get_regions (assessment);
  for (guint i = 0; regions[i]; i++)
    rr_assessment_add_region (probe, regions[i], 0);
  questions = rr_rulebook_get_questions_for (self, probe);
  n = g_strv_length (questions);
  verdicts = g_new (RrVerdict, n + 1);
  specific = g_new (gboolean, n + 1);
  {
    g_autoptr(RrGuidance) bare = rr_rulebook_evaluate (self, probe);

    n_bare = rr_guidance_get_n_conditions (bare);
  }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RrGuidance) guidance = NULL;

      rr_assessment_set_symptom (probe, questions[i], TRUE);
      guidance = rr_rulebook_evaluate (self, probe);
      verdicts[i] = rr_guidance_get_verdict (guidance);
      /* A question that points to a cause for these spots (a bone stress injury for
       * a shin tender to the touch) says more than a red flag asked everywhere. */
      specific[i] = rr_guidance_get_n_conditions (guidance) > n_bare;
      rr_assessment_set_symptom (probe, questions[i], FALSE);
    }

  for (int level = RR_VERDICT_EMERGENCY; level >= RR_VERDICT_SEE_PROFESSIONAL; level--)
    for (int pass = 0; pass < 2; pass++)
      for (guint i = 0; i < n && taken < max; i++)
        if ((int) verdicts[i] == level && specific[i] == (pass == 0))
          {
            g_strv_builder_add (builder, questions[i]);
            taken++;
          }

  return g_strv_builder_end (builder);
}

const char * const *
rr_rulebook_get_conditions (RrRulebook *self)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  return (const char * const *) self->condition_ids->pdata;
}

const char *
rr_rulebook_get_condition_name (RrRulebook *self,
                                const char *condition)
{
  Condition *c;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  c = condition ? g_hash_table_lookup (self->condition_by_id, condition) : NULL;
  return c ? translate (c->name) : NULL;
}

const char * const *
rr_rulebook_get_advice (RrRulebook *self)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  return (const char * const *) self->advice_ids->pdata;
}

const char * const *
rr_rulebook_get_sources (RrRulebook *self)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  return (const char * const *) self->source_ids->pdata;
}

const char *
rr_rulebook_get_verdict_name (RrRulebook *self,
                              RrVerdict   verdict)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  g_return_val_if_fail (verdict < RR_N_VERDICTS, NULL);
  return translate (self->verdicts[verdict].name);
}

/**
 * rr_rulebook_get_pain_grade:
 * @description: (out) (optional): a one-line description of the grade
 *
 * Returns: the translated name of the grade of @level ("Mild", …).
 */
const char *
rr_rulebook_get_pain_grade (RrRulebook  *self,
                            int          level,
                            const char **description)
{
  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);

  for (guint i = 0; i < self->grades->len; i++)
    {
      Grade *grade = g_ptr_array_index (self->grades, i);

      if (level >= grade->min && level <= grade->max)
        {
          if (description)
            *description = translate (grade->description);
          return translate (grade->name);
        }
    }

  if (description)
    *description = NULL;
  return NULL;
}

/* ------------------------------------------------------------------------------ */
/* Evaluation                                                                      */
/* ------------------------------------------------------------------------------ */

/* What the runner said, in the rulebook's indexes; worked out once per evaluation. */
typedef struct {
  Bits               *present;   /* the symptoms reported */
  Bits               *scratch;   /* the same plus one, for "what if" */
  guint               n_spots;
  const char * const *regions;
  int                *levels;
  int                *indexes;   /* region index, -1 when the rulebook does not know it */
  int                 max_pain;
} Facts;

static void
facts_init (Facts        *facts,
            RrRulebook   *self,
            RrAssessment *assessment)
{
  const char * const *symptoms = rr_assessment_get_symptoms (assessment);

  facts->present = g_new0 (Bits, 2 * self->symptom_words);
  facts->scratch = facts->present + self->symptom_words;
  /* Symptoms the rulebook does not know are named by no rule. */
  for (guint i = 0; symptoms[i]; i++)
    {
      Symptom *s = g_hash_table_lookup (self->symptom_by_id, symptoms[i]);

      if (s)
        BITS_SET (facts->present, s->index);
    }

  facts->regions = rr_assessment_get_regions (assessment);
  facts->n_spots = g_strv_length ((char **) facts->regions);
  facts->levels = g_new (int, 2 * facts->n_spots + 1);
  facts->indexes = facts->levels + facts->n_spots;
  for (guint i = 0; i < facts->n_spots; i++)
    {
      Region *r = g_hash_table_lookup (self->region_by_id, facts->regions[i]);

      facts->levels[i] = rr_assessment_get_region_level (assessment, facts->regions[i]);
      facts->indexes[i] = r ? (int) r->index : -1;
    }
  facts->max_pain = rr_assessment_get_max_pain (assessment);
}

static void
facts_clear (Facts *facts)
{
  g_clear_pointer (&facts->present, g_free);
  g_clear_pointer (&facts->levels, g_free);
}

static gboolean
symptoms_match (RrRulebook  *self,
                Rule        *rule,
                const Bits  *present)
{
  gboolean any = rule->any == NULL;

  for (guint w = 0; w < self->symptom_words; w++)
    {
      if ((rule->all_bits[w] & present[w]) != rule->all_bits[w] ||
          (rule->unless_bits[w] & present[w]) != 0)
        return FALSE;
      any = any || (rule->any_bits[w] & present[w]) != 0;
    }

  return any;
}

static gboolean
rule_is_spot_rule (Rule *rule)
{
  return rule->regions != NULL || rule->parts != NULL;
}

typedef void (*MatchFunc) (Rule       *rule,
                           const char *region,
                           gpointer    user_data);

/* Calls @func for every way @rule matches: once per matching spot for a spot rule,
 * once for a global rule. @present is the set of symptoms to go by. */
/* Whether the same part on the other side is chosen too (with any pain). */
static gboolean
other_side_chosen (RrRulebook *self,
                   Facts      *facts,
                   guint       spot)
{
  Region *r = g_ptr_array_index (self->regions, facts->indexes[spot]);

  if (g_str_equal (r->side, "center"))
    return FALSE;
  for (guint j = 0; j < facts->n_spots; j++)
    {
      Region *other;

      if (j == spot || facts->indexes[j] < 0)
        continue;
      other = g_ptr_array_index (self->regions, facts->indexes[j]);
      if (g_str_equal (other->part, r->part) && !g_str_equal (other->side, r->side))
        return TRUE;
    }
  return FALSE;
}

static void
rule_foreach_match (RrRulebook  *self,
                    Rule        *rule,
                    Facts       *facts,
                    const Bits  *present,
                    MatchFunc    func,
                    gpointer     user_data)
{
  if (!symptoms_match (self, rule, present))
    return;

  if (rule_is_spot_rule (rule))
    {
      for (guint i = 0; i < facts->n_spots; i++)
        {
          int level = facts->levels[i];
          int index = facts->indexes[i];

          if (level >= rule->pain_min && level <= rule->pain_max &&
              index >= 0 && BITS_HAS (rule->region_bits, (guint) index) &&
              (!rule->both_sides || other_side_chosen (self, facts, i)))
            func (rule, facts->regions[i], user_data);
        }
    }
  else
    {
      int level = facts->max_pain;

      if (level >= rule->pain_min && level <= rule->pain_max)
        func (rule, NULL, user_data);
    }
}

typedef struct {
  RrVerdict   verdict;
  GPtrArray  *matches;   /* Rule*, region pairs, flattened */
} Evaluation;

static void
collect_match_cb (Rule       *rule,
                  const char *region,
                  gpointer    user_data)
{
  Evaluation *ev = user_data;

  if (rule->has_verdict)
    ev->verdict = MAX (ev->verdict, rule->verdict);
  g_ptr_array_add (ev->matches, rule);
  g_ptr_array_add (ev->matches, (gpointer) region);
}

static void
raise_verdict_cb (Rule       *rule,
                  const char *region,
                  gpointer    user_data)
{
  RrVerdict *verdict = user_data;

  if (rule->has_verdict)
    *verdict = MAX (*verdict, rule->verdict);
}

/* What the verdict would become if the runner also reported @symptom. Only rules that
 * mention it can change anything, since no rule that sets a verdict uses unless=. */
static RrVerdict
verdict_with_symptom (RrRulebook *self,
                      Facts      *facts,
                      RrVerdict   current,
                      Symptom    *symptom)
{
  RrVerdict verdict = current;

  memcpy (facts->scratch, facts->present, self->symptom_words * sizeof (Bits));
  BITS_SET (facts->scratch, symptom->index);

  for (guint i = 0; i < symptom->raising->len; i++)
    {
      Rule *rule = g_ptr_array_index (symptom->raising, i);

      if (rule->verdict <= verdict)
        continue;
      rule_foreach_match (self, rule, facts, facts->scratch, raise_verdict_cb, &verdict);
    }

  return verdict;
}

static int
compare_advice (gconstpointer a,
                gconstpointer b)
{
  const Advice *x = *(Advice **) a;
  const Advice *y = *(Advice **) b;

  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

static int
compare_sources (gconstpointer a,
                 gconstpointer b)
{
  const Source *x = *(Source **) a;
  const Source *y = *(Source **) b;

  return x->position < y->position ? -1 : x->position > y->position;
}

static void
cite (RrRulebook *self,
      GPtrArray  *cited,
      char      **sources)
{
  for (guint i = 0; sources && sources[i]; i++)
    {
      Source *source = g_hash_table_lookup (self->source_by_id, sources[i]);

      if (!g_ptr_array_find (cited, source, NULL))
        g_ptr_array_add (cited, source);
    }
}

static char *
build_summary (RrRulebook   *self,
               RrAssessment *assessment)
{
  const char * const *regions = rr_assessment_get_regions (assessment);
  GString *summary = g_string_new (NULL);

  if (regions[0] == NULL)
    {
      int pain = rr_assessment_get_pain (assessment);

      /* Translators: the overall pain when no spot is chosen, e.g. "Overall pain: 3/10 (Mild)." */
      g_string_printf (summary, _("Overall pain: %d/10 (%s)."), pain,
                       rr_rulebook_get_pain_grade (self, pain, NULL));
      return g_string_free (summary, FALSE);
    }

  for (guint i = 0; regions[i]; i++)
    {
      int level = rr_assessment_get_region_level (assessment, regions[i]);
      const char *name = rr_rulebook_get_region_name (self, regions[i]);

      if (i > 0)
        g_string_append_c (summary, ' ');
      /* Translators: one spot in the summary, e.g. "Left heel: 3/10 (Mild)." */
      g_string_append_printf (summary, _("%s: %d/10 (%s)."), name ? name : regions[i], level,
                              rr_rulebook_get_pain_grade (self, level, NULL));
    }

  return g_string_free (summary, FALSE);
}

/**
 * rr_rulebook_evaluate:
 *
 * Applies every rule to what the runner said. Pure: the same assessment always gives
 * the same guidance.
 *
 * Returns: (transfer full): a new guidance
 */
RrGuidance *
rr_rulebook_evaluate (RrRulebook   *self,
                      RrAssessment *assessment)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GPtrArray) advice = g_ptr_array_new ();
  g_autoptr(GPtrArray) cited = g_ptr_array_new ();
  g_autoptr(GHashTable) seen_conditions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *summary = NULL;
  const char * const *regions;
  const char * const *symptoms;
  Evaluation ev = { RR_VERDICT_KEEP_RUNNING, matches };
  Facts facts;
  RrGuidance *guidance;
  gboolean empty;

  g_return_val_if_fail (RR_IS_RULEBOOK (self), NULL);
  g_return_val_if_fail (RR_IS_ASSESSMENT (assessment), NULL);

  regions = rr_assessment_get_regions (assessment);
  symptoms = rr_assessment_get_symptoms (assessment);

  facts_init (&facts, self, assessment);
  for (guint i = 0; i < self->rules->len; i++)
    rule_foreach_match (self, g_ptr_array_index (self->rules, i), &facts, facts.present, collect_match_cb, &ev);

  empty = regions[0] == NULL && symptoms[0] == NULL && rr_assessment_get_pain (assessment) == 0;
  guidance = rr_guidance_new (ev.verdict,
                              translate (self->verdicts[ev.verdict].name),
                              translate (self->verdicts[ev.verdict].headline),
                              translate (self->disclaimer),
                              rr_assessment_get_max_pain (assessment),
                              empty);

  summary = build_summary (self, assessment);
  rr_guidance_set_summary (guidance, summary);

  for (guint i = 0; regions[i]; i++)
    {
      int level = rr_assessment_get_region_level (assessment, regions[i]);
      const char *name = rr_rulebook_get_region_name (self, regions[i]);

      rr_guidance_add_spot (guidance, regions[i], name ? name : regions[i], level,
                            rr_rulebook_get_pain_grade (self, level, NULL));
    }

  for (guint i = 0; symptoms[i]; i++)
    {
      Symptom *s = lookup_symptom (self, symptoms[i]);

      if (s)
        rr_guidance_add_symptom (guidance, s->id, translate (s->name), translate (s->question));
    }

  for (guint i = 0; i < matches->len; i += 2)
    {
      Rule *rule = g_ptr_array_index (matches, i);
      const char *region = g_ptr_array_index (matches, i + 1);

      if (rule->has_verdict && rule->verdict == ev.verdict && rule->reason)
        rr_guidance_add_reason (guidance, translate (rule->reason));

      for (guint j = 0; rule->conditions && rule->conditions[j]; j++)
        {
          Condition *c = g_hash_table_lookup (self->condition_by_id, rule->conditions[j]);
          char *key = g_strconcat (c->id, "@", region ? region : "", NULL);

          /* A condition is given once per spot it may explain. */
          if (!g_hash_table_add (seen_conditions, key))
            continue;
          rr_guidance_add_condition (guidance, c->id, region, translate (c->name), translate (c->brief), translate (c->text),
                                     (const char * const *) c->sources);
          cite (self, cited, c->sources);
        }

      /* Advice for carrying on makes no sense once the answer is to stop. */
      if (rule->has_advice_limit && ev.verdict > rule->advice_limit)
        continue;

      for (guint j = 0; rule->advice && rule->advice[j]; j++)
        {
          Advice *a = g_hash_table_lookup (self->advice_by_id, rule->advice[j]);

          /* Each item says with which answers it makes sense: an emergency holds
           * emergency advice only, "keep running" nothing that says stop. */
          if ((a->verdicts & (1u << ev.verdict)) && !g_ptr_array_find (advice, a, NULL))
            g_ptr_array_add (advice, a);
        }
    }

  /* One way of doing a thing per answer: an item gives way to the one that covers it. */
  for (guint i = advice->len; i > 0; i--)
    {
      Advice *a = g_ptr_array_index (advice, i - 1);

      for (guint j = 0; a->yields_to && a->yields_to[j]; j++)
        if (g_ptr_array_find (advice, g_hash_table_lookup (self->advice_by_id, a->yields_to[j]), NULL))
          {
            g_ptr_array_remove_index (advice, i - 1);
            break;
          }
    }

  g_ptr_array_sort (advice, compare_advice);
  for (guint i = 0; i < advice->len; i++)
    {
      Advice *a = g_ptr_array_index (advice, i);

      rr_guidance_add_advice (guidance, a->id, translate (a->title), translate (a->text),
                              (const char * const *) a->sources);
      cite (self, cited, a->sources);
    }

  g_ptr_array_sort (cited, compare_sources);
  for (guint i = 0; i < cited->len; i++)
    {
      Source *s = g_ptr_array_index (cited, i);

      rr_guidance_add_source (guidance, s->id, s->citation, s->doi, s->url);
    }

  /* The warning signs worth watching: whatever, if it appeared, would make the answer
   * more serious. The most serious come first. */
  if (ev.verdict < RR_VERDICT_EMERGENCY)
    {
      g_autofree RrVerdict *raised = g_new (RrVerdict, self->symptoms->len);

      for (guint i = 0; i < self->symptoms->len; i++)
        {
          Symptom *s = g_ptr_array_index (self->symptoms, i);

          /* Only what is asked about these spots: no double vision for a knee. */
          raised[i] = BITS_HAS (facts.present, s->index) || !symptom_is_asked (self, s, regions)
            ? ev.verdict
            : verdict_with_symptom (self, &facts, ev.verdict, s);
        }

      /* A few, to take in at a glance: the most serious first and, among equals, the
       * most specific (a question about this spot, then about any spot, then the
       * warning signs the window always shows anyway). */
      static const RrSymptomGroup order[] = { RR_SYMPTOM_SPOT, RR_SYMPTOM_GENERAL, RR_SYMPTOM_WARNING };
      guint n_flags = 0;

      for (int level = RR_VERDICT_EMERGENCY; level > (int) ev.verdict; level--)
        for (guint g = 0; g < G_N_ELEMENTS (order); g++)
          for (guint i = 0; i < self->symptoms->len && n_flags < RR_GUIDANCE_MAX_FLAGS; i++)
            {
              Symptom *s = g_ptr_array_index (self->symptoms, i);

              if ((int) raised[i] != level || s->group != order[g])
                continue;
              rr_guidance_add_flag (guidance, s->id, translate (s->question), level);
              n_flags++;
            }
    }

  facts_clear (&facts);
  return guidance;
}
