/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-rulebook-load.c: reading and checking a rulebook file. Each element is one row
 * of the grammar below and, if it needs one, one start function; the texts, the plain
 * attributes and the id lists of the entries are rows of tables that give their place
 * in the entry's struct, so reading, completeness, references and freeing are loops. */
#include "config.h"

#include <string.h>

#include "rr-rulebook-private.h"

/* What a hostile or broken file cannot get past, whatever it holds. */
#define MAX_FILE_SIZE   (1024 * 1024)
#define MAX_ID_LENGTH   64
#define MAX_TEXT_LENGTH 4096
#define MAX_LIST_LENGTH 128
/* Evaluation time grows with the entries and with the ids their lists name: a file
 * within the size limit could still make every click take seconds without these. */
#define MAX_ENTRIES     512     /* of each kind: regions, symptoms, rules, ... */
#define MAX_REFERENCES  8192    /* ids named in lists, all lists together */
#define MAX_DEPTH       4

/* Without verdicts=, an item is everyday advice: never part of an emergency. */
#define DEFAULT_ADVICE_VERDICTS ((1u << RR_VERDICT_EMERGENCY) - 1)

typedef struct {
  RrRulebook          *book;
  const char          *filename;
  GMarkupParseContext *context;
  Element              stack[MAX_DEPTH + 1];
  guint                depth;
  gboolean             seen_rulebook;
  guint                n_entries[N_ELEMENTS];
  guint                n_references;

  /* The start tag being read, the entry being read and the text being collected. */
  const char         **names;
  const char         **values;
  gpointer             entry;
  int                  mark_line, mark_column;   /* just after the last tag: where text starts */
  char               **text_target;
  GString             *text;
} Parser;

/* Checks an element's attributes beyond the grammar and, for an entry, adds it. */
typedef gboolean StartFunc (Parser      *p,
                            Element      element,
                            GError     **error);

static StartFunc start_rulebook, start_disclaimer, start_source, start_verdict, start_grade,
                 start_region, start_symptom, start_condition, start_item, start_rule, start_text;

#define BOOK(field) G_STRUCT_OFFSET (RrRulebook, field)

/* The whole grammar: which element may stand inside which, with which attributes.
 * A text element's content is a translatable string. An entry has a kind, the word
 * messages use for it, and attributes it must have; all but the verdicts are kept in
 * a set of the book and have a new, valid id. That much is checked for every entry
 * before its start function runs. */
static const struct {
  const char *name;
  Element     parents[6];
  const char *attributes[16];   /* NULL-terminated: keep one spare after the longest list */
  StartFunc  *start;
  struct {
    const char *kind;
    const char *required[6];    /* present and not empty; NULL-terminated */
    gsize       set;            /* offset of its EntrySet in the book, 0 for none */
    gboolean    ids_repeat;     /* grades are found by level, not by id: only their ranges may not overlap */
  }           entry;
} grammar[N_ELEMENTS] = {
  [EL_RULEBOOK]    = { "rulebook",    { EL_NONE }, { "version" }, start_rulebook },
  [EL_DISCLAIMER]  = { "disclaimer",  { EL_RULEBOOK }, { NULL }, start_disclaimer },
  [EL_SOURCES]     = { "sources",     { EL_RULEBOOK }, { NULL } },
  [EL_SOURCE]      = { "source",      { EL_SOURCES }, { "id", "authors", "title", "journal", "year", "doi", "url" },
                       start_source, { "source", { "id", "authors", "title", "journal", "year" }, BOOK (sources) } },
  [EL_VERDICTS]    = { "verdicts",    { EL_RULEBOOK }, { NULL } },
  [EL_VERDICT]     = { "verdict",     { EL_VERDICTS }, { "id" },
                       start_verdict, { "verdict", { "id" } } },
  [EL_GRADES]      = { "grades",      { EL_RULEBOOK }, { NULL } },
  [EL_GRADE]       = { "grade",       { EL_GRADES }, { "id", "min", "max" },
                       start_grade, { "grade", { "id", "min", "max" }, BOOK (grades), TRUE } },
  [EL_REGIONS]     = { "regions",     { EL_RULEBOOK }, { NULL } },
  [EL_REGION]      = { "region",      { EL_REGIONS }, { "id", "part", "side", "view" },
                       start_region, { "region", { "id", "part", "side", "view" }, BOOK (regions) } },
  [EL_SYMPTOMS]    = { "symptoms",    { EL_RULEBOOK }, { NULL } },
  [EL_SYMPTOM]     = { "symptom",     { EL_SYMPTOMS }, { "id", "group", "parts", "regions", "red-flag" },
                       start_symptom, { "symptom", { "id", "group" }, BOOK (symptoms) } },
  [EL_CONDITIONS]  = { "conditions",  { EL_RULEBOOK }, { NULL } },
  [EL_CONDITION]   = { "condition",   { EL_CONDITIONS }, { "id", "sources" },
                       start_condition, { "condition", { "id", "sources" }, BOOK (conditions) } },
  [EL_ADVICE]      = { "advice",      { EL_RULEBOOK }, { NULL } },
  [EL_ITEM]        = { "item",        { EL_ADVICE }, { "id", "priority", "sources", "verdicts", "yields-to" },
                       start_item, { "advice", { "id", "priority", "sources" }, BOOK (advice) } },
  [EL_RULES]       = { "rules",       { EL_RULEBOOK }, { NULL } },
  [EL_RULE]        = { "rule",        { EL_RULES }, { "id", "regions", "parts", "pain", "all", "any", "unless", "verdict",
                                                      "conditions", "advice", "advice-up-to", "both-sides" },
                       start_rule, { "rule", { "id" }, BOOK (rules) } },
  [EL_NAME]        = { "name",        { EL_VERDICT, EL_GRADE, EL_REGION, EL_SYMPTOM, EL_CONDITION }, { NULL }, start_text },
  [EL_HEADLINE]    = { "headline",    { EL_VERDICT }, { NULL }, start_text },
  [EL_DESCRIPTION] = { "description", { EL_GRADE }, { NULL }, start_text },
  [EL_QUESTION]    = { "question",    { EL_SYMPTOM }, { NULL }, start_text },
  [EL_BRIEF]       = { "brief",       { EL_CONDITION }, { NULL }, start_text },
  [EL_TEXT]        = { "text",        { EL_CONDITION, EL_ITEM }, { NULL }, start_text },
  [EL_TITLE]       = { "title",       { EL_ITEM }, { NULL }, start_text },
  [EL_REASON]      = { "reason",      { EL_RULE }, { NULL }, start_text },
};

/* Where the text of each text element goes in its parent entry. An entry that ends
 * without a required one is refused. */
static const struct {
  Element  element;
  Element  parent;
  gsize    offset;     /* of the char * in the parent's struct */
  gboolean required;
} texts[] = {
  { EL_NAME,        EL_VERDICT,   G_STRUCT_OFFSET (Verdict, name),       TRUE },
  { EL_HEADLINE,    EL_VERDICT,   G_STRUCT_OFFSET (Verdict, headline),   TRUE },
  { EL_NAME,        EL_GRADE,     G_STRUCT_OFFSET (Grade, name),         TRUE },
  { EL_DESCRIPTION, EL_GRADE,     G_STRUCT_OFFSET (Grade, description),  TRUE },
  { EL_NAME,        EL_REGION,    G_STRUCT_OFFSET (Region, name),        TRUE },
  { EL_NAME,        EL_SYMPTOM,   G_STRUCT_OFFSET (Symptom, name),       TRUE },
  { EL_QUESTION,    EL_SYMPTOM,   G_STRUCT_OFFSET (Symptom, question),   TRUE },
  { EL_NAME,        EL_CONDITION, G_STRUCT_OFFSET (Condition, name),     TRUE },
  { EL_BRIEF,       EL_CONDITION, G_STRUCT_OFFSET (Condition, brief),    FALSE },
  { EL_TEXT,        EL_CONDITION, G_STRUCT_OFFSET (Condition, text),     TRUE },
  { EL_TITLE,       EL_ITEM,      G_STRUCT_OFFSET (Advice, title),       TRUE },
  { EL_TEXT,        EL_ITEM,      G_STRUCT_OFFSET (Advice, text),        TRUE },
  { EL_REASON,      EL_RULE,      G_STRUCT_OFFSET (Rule, reason),        FALSE },
};

/* Attributes an entry keeps as they are, once its start function has checked them. */
static const struct {
  Element     parent;
  const char *attribute;
  gsize       offset;     /* of the char * in the entry */
} strings[] = {
  { EL_SOURCE, "authors", G_STRUCT_OFFSET (Source, authors) },
  { EL_SOURCE, "title",   G_STRUCT_OFFSET (Source, title) },
  { EL_SOURCE, "journal", G_STRUCT_OFFSET (Source, journal) },
  { EL_SOURCE, "year",    G_STRUCT_OFFSET (Source, year) },
  { EL_SOURCE, "doi",     G_STRUCT_OFFSET (Source, doi) },
  { EL_SOURCE, "url",     G_STRUCT_OFFSET (Source, url) },
  { EL_REGION, "part",    G_STRUCT_OFFSET (Region, part) },
  { EL_REGION, "side",    G_STRUCT_OFFSET (Region, side) },
  { EL_REGION, "view",    G_STRUCT_OFFSET (Region, view) },
};

/* The id lists, in the order they are read (checking them once the file is read goes
 * by the grammar's order of attributes: a file with two faults keeps the same first
 * error). Each id must be in the table of the book that the row names. */
static const struct {
  Element     parent;
  const char *attribute;
  gsize       offset;     /* of the char ** in the entry */
  const char *kind;       /* what its ids name, for messages */
  gsize       target;     /* offset of the GHashTable * in the book */
} lists[] = {
  { EL_SYMPTOM,   "parts",      G_STRUCT_OFFSET (Symptom, parts),     "part",      BOOK (parts) },
  { EL_SYMPTOM,   "regions",    G_STRUCT_OFFSET (Symptom, regions),   "region",    BOOK (regions.by_id) },
  { EL_CONDITION, "sources",    G_STRUCT_OFFSET (Condition, sources), "source",    BOOK (sources.by_id) },
  { EL_ITEM,      "yields-to",  G_STRUCT_OFFSET (Advice, yields_to),  "advice",    BOOK (advice.by_id) },
  { EL_ITEM,      "sources",    G_STRUCT_OFFSET (Advice, sources),    "source",    BOOK (sources.by_id) },
  { EL_RULE,      "regions",    G_STRUCT_OFFSET (Rule, regions),      "region",    BOOK (regions.by_id) },
  { EL_RULE,      "parts",      G_STRUCT_OFFSET (Rule, parts),        "part",      BOOK (parts) },
  { EL_RULE,      "all",        G_STRUCT_OFFSET (Rule, all),          "symptom",   BOOK (symptoms.by_id) },
  { EL_RULE,      "any",        G_STRUCT_OFFSET (Rule, any),          "symptom",   BOOK (symptoms.by_id) },
  { EL_RULE,      "unless",     G_STRUCT_OFFSET (Rule, unless),       "symptom",   BOOK (symptoms.by_id) },
  { EL_RULE,      "conditions", G_STRUCT_OFFSET (Rule, conditions),   "condition", BOOK (conditions.by_id) },
  { EL_RULE,      "advice",     G_STRUCT_OFFSET (Rule, advice),       "advice",    BOOK (advice.by_id) },
};

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

/* An attribute of the start tag being read, or NULL. */
static const char *
attribute (Parser     *p,
           const char *wanted)
{
  for (guint i = 0; p->names[i]; i++)
    if (g_str_equal (p->names[i], wanted))
      return p->values[i];
  return NULL;
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

static EntrySet *
entry_set (RrRulebook *book,
           Element     element)
{
  g_assert (grammar[element].entry.set != 0);
  return G_STRUCT_MEMBER_P (book, grammar[element].entry.set);
}

/* What the grammar asks of every entry of a kind. */
static gboolean
check_entry_attributes (Parser      *p,
                        Element      element,
                        GError     **error)
{
  for (const char * const *wanted = grammar[element].entry.required; *wanted; wanted++)
    {
      const char *value = attribute (p, *wanted);

      if (value == NULL || *value == '\0')
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "<%s> needs a %s attribute", grammar[element].name, *wanted);
          return FALSE;
        }
    }

  /* A verdict's id is the name of a verdict: its start function checks that. */
  if (grammar[element].entry.set == 0)
    return TRUE;
  return check_new_id (p, grammar[element].entry.ids_repeat ? NULL : entry_set (p->book, element)->by_id,
                       grammar[element].entry.kind, attribute (p, "id"), error);
}

/* Fills in the header of an entry that starts here; what follows goes into it. */
static void
entry_start (Parser     *p,
             Entry      *entry,
             Element     element,
             const char *id)
{
  entry->element = element;
  entry->id = g_strdup (id);
  g_markup_parse_context_get_position (p->context, &entry->line, &entry->column);
  p->entry = entry;
}

/* A new entry of @size bytes, added to its kind's set. */
static gpointer
entry_new (Parser     *p,
           Element     element,
           gsize       size,
           const char *id)
{
  EntrySet *set = entry_set (p->book, element);
  Entry *entry = g_malloc0 (size);

  entry_start (p, entry, element, id);
  g_ptr_array_add (set->entries, entry);
  g_hash_table_insert (set->by_id, entry->id, entry);
  g_ptr_array_add (set->ids, entry->id);
  return entry;
}

static void
copy_strings (Parser *p,
              Entry  *entry)
{
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (strings[i].parent == entry->element)
      G_STRUCT_MEMBER (char *, entry, strings[i].offset) = g_strdup (attribute (p, strings[i].attribute));
}

static gboolean
split_lists (Parser      *p,
             Entry       *entry,
             GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      const char *value = lists[i].parent == entry->element ? attribute (p, lists[i].attribute) : NULL;

      if (value && !(G_STRUCT_MEMBER (char **, entry, lists[i].offset) = split_ids (p, lists[i].attribute, value, error)))
        return FALSE;
    }
  return TRUE;
}

/* Frees what an entry owns: the tables name all of it but what is worked out. */
void
rr_rulebook_entry_clear (Entry *entry)
{
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].parent == entry->element)
      g_free (G_STRUCT_MEMBER (char *, entry, texts[i].offset));
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (strings[i].parent == entry->element)
      g_free (G_STRUCT_MEMBER (char *, entry, strings[i].offset));
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (lists[i].parent == entry->element)
      g_strfreev (G_STRUCT_MEMBER (char **, entry, lists[i].offset));

  switch (entry->element)
    {
    case EL_SOURCE:
      g_free (((Source *) entry)->citation);
      break;
    case EL_SYMPTOM:
      g_clear_pointer (&((Symptom *) entry)->raising, g_ptr_array_unref);
      break;
    case EL_RULE:
      g_free (((Rule *) entry)->bits);
      break;
    default:
      break;
    }
  g_free (entry->id);
}

void
rr_rulebook_entry_free (gpointer entry)
{
  rr_rulebook_entry_clear (entry);
  g_free (entry);
}

static gboolean
start_rulebook (Parser      *p,
                Element      element,
                GError     **error)
{
  if (g_strcmp0 (attribute (p, "version"), "1") != 0)
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "<rulebook> must have version=\"1\"");
      return FALSE;
    }
  p->seen_rulebook = TRUE;
  return TRUE;
}

static void
collect_text (Parser  *p,
              char   **target)
{
  p->text_target = target;
  g_string_truncate (p->text, 0);
}

static gboolean
start_disclaimer (Parser      *p,
                  Element      element,
                  GError     **error)
{
  if (p->book->disclaimer)
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "a second <disclaimer>");
      return FALSE;
    }
  collect_text (p, &p->book->disclaimer);
  return TRUE;
}

/* A text element of an entry: the grammar has made sure its parent has a row. */
static gboolean
start_text (Parser      *p,
            Element      element,
            GError     **error)
{
  Element parent = p->stack[p->depth - 1];
  guint i = 0;

  while (texts[i].element != element || texts[i].parent != parent)
    i++;
  collect_text (p, G_STRUCT_MEMBER_P (p->entry, texts[i].offset));
  if (*p->text_target != NULL)
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "a second <%s> in the same entry", grammar[element].name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
start_source (Parser      *p,
              Element      element,
              GError     **error)
{
  Source *source = entry_new (p, element, sizeof (Source), attribute (p, "id"));

  copy_strings (p, &source->entry);
  if (source->url == NULL && source->doi != NULL)
    source->url = g_strconcat ("https://doi.org/", source->doi, NULL);
  source->citation = g_strdup_printf ("%s. %s %s. %s.", source->authors, source->title,
                                      source->journal, source->year);
  source->position = p->book->sources.entries->len - 1;
  return TRUE;
}

static gboolean
start_verdict (Parser      *p,
               Element      element,
               GError     **error)
{
  const char *id = attribute (p, "id");
  RrVerdict verdict;

  if (!rr_verdict_from_id (id, &verdict))
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                    "unknown verdict “%s” (valid: keep-running, ease-off, stop-and-rest, see-professional, emergency)", id);
      return FALSE;
    }
  /* An earlier one with this id was complete, or the file would have stopped there. */
  if (p->book->verdicts[verdict].entry.id)
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "duplicate verdict id “%s”", id);
      return FALSE;
    }
  entry_start (p, &p->book->verdicts[verdict].entry, element, id);
  return TRUE;
}

static gboolean
start_grade (Parser      *p,
             Element      element,
             GError     **error)
{
  const char *id = attribute (p, "id");
  GPtrArray *grades = p->book->grades.entries;
  Grade *grade;
  int min, max;

  if (!parse_level (attribute (p, "min"), &min) ||
      !parse_level (attribute (p, "max"), &max) || min > max)
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "grade “%s” needs min and max within 0..10, min <= max", id);
      return FALSE;
    }
  for (guint i = 0; i < grades->len; i++)
    {
      Grade *other = g_ptr_array_index (grades, i);

      if (min <= other->max && other->min <= max)
        {
          parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "grade “%s” overlaps grade “%s”", id, other->entry.id);
          return FALSE;
        }
    }
  grade = entry_new (p, element, sizeof (Grade), id);
  grade->min = min;
  grade->max = max;
  return TRUE;
}

static gboolean
start_region (Parser      *p,
              Element      element,
              GError     **error)
{
  const char *id = attribute (p, "id");
  const char *part = attribute (p, "part");
  const char *side = attribute (p, "side");
  const char *view = attribute (p, "view");
  g_autofree char *expected = NULL;
  Region *region;

  if (!check_new_id (p, NULL, "part", part, error))
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

  region = entry_new (p, element, sizeof (Region), id);
  copy_strings (p, &region->entry);
  g_hash_table_add (p->book->parts, region->part);
  return TRUE;
}

static gboolean
start_symptom (Parser      *p,
               Element      element,
               GError     **error)
{
  static const char * const groups[] = { "spot", "general", "warning", "context", NULL };
  const char *id = attribute (p, "id");
  const char *group = attribute (p, "group");
  const char *red_flag = attribute (p, "red-flag");
  gboolean names_spots = attribute (p, "parts") || attribute (p, "regions");
  Symptom *symptom;
  guint group_index;

  for (group_index = 0; groups[group_index]; group_index++)
    if (g_str_equal (groups[group_index], group))
      break;
  if (groups[group_index] == NULL)
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                    "symptom “%s”: group must be spot, general, warning or context", id);
      return FALSE;
    }
  if ((group_index == RR_SYMPTOM_SPOT) != names_spots)
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

  symptom = entry_new (p, element, sizeof (Symptom), id);
  symptom->group = group_index;
  symptom->red_flag = g_strcmp0 (red_flag, "true") == 0;
  return split_lists (p, &symptom->entry, error);
}

static gboolean
start_condition (Parser      *p,
                 Element      element,
                 GError     **error)
{
  return split_lists (p, entry_new (p, element, sizeof (Condition), attribute (p, "id")), error);
}

/* verdicts= as a bit per verdict. */
static gboolean
parse_advice_verdicts (Parser      *p,
                       Advice      *advice,
                       const char  *value,
                       GError     **error)
{
  g_auto(GStrv) verdicts = split_ids (p, "verdicts", value, error);

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
                        advice->entry.id, verdicts[i]);
          return FALSE;
        }
      advice->verdicts |= 1u << verdict;
    }
  return TRUE;
}

static gboolean
start_item (Parser      *p,
            Element      element,
            GError     **error)
{
  const char *id = attribute (p, "id");
  const char *verdicts = attribute (p, "verdicts");
  Advice *advice;
  gint64 priority;

  if (!g_ascii_string_to_signed (attribute (p, "priority"), 10, 0, 1000, &priority, NULL))
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "advice “%s”: priority must be a number 0..1000", id);
      return FALSE;
    }

  advice = entry_new (p, element, sizeof (Advice), id);
  advice->verdicts = DEFAULT_ADVICE_VERDICTS;
  advice->priority = (int) priority;
  advice->position = p->book->advice.entries->len - 1;
  if (verdicts && !parse_advice_verdicts (p, advice, verdicts, error))
    return FALSE;
  return split_lists (p, &advice->entry, error);
}

/* verdict=, advice-up-to= and both-sides=, and what they ask of the rest of the rule. */
static gboolean
check_rule_verdicts (Parser      *p,
                     Rule        *rule,
                     GError     **error)
{
  const char *id = rule->entry.id;
  const char *verdict = attribute (p, "verdict");
  const char *advice_up_to = attribute (p, "advice-up-to");
  const char *both = attribute (p, "both-sides");

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
  if (both)
    {
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

static gboolean
start_rule (Parser      *p,
            Element      element,
            GError     **error)
{
  const char *pain = attribute (p, "pain");
  Rule *rule = entry_new (p, element, sizeof (Rule), attribute (p, "id"));

  rule->pain_min = RR_PAIN_MIN;
  rule->pain_max = RR_PAIN_MAX;
  if (!split_lists (p, &rule->entry, error))
    return FALSE;
  if (pain && !parse_pain_range (pain, &rule->pain_min, &rule->pain_max))
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID,
                    "rule “%s”: pain “%s” must be N or N-M within 0..10", rule->entry.id, pain);
      return FALSE;
    }
  return check_rule_verdicts (p, rule, error);
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
  gboolean allowed = FALSE;
  Element element;

  for (element = EL_RULEBOOK; element < N_ELEMENTS; element++)
    if (g_str_equal (grammar[element].name, element_name))
      break;

  if (element == N_ELEMENTS)
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "unknown element <%s>", element_name);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (grammar[element].parents); i++)
    {
      if (grammar[element].parents[i] == parent &&
          (parent != EL_NONE || i == 0))
        allowed = TRUE;
      if (grammar[element].parents[i] == EL_NONE)
        break;
    }
  if (parent == EL_NONE && p->seen_rulebook)
    allowed = FALSE;
  if (!allowed || p->depth >= MAX_DEPTH)
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_INVALID, "<%s> is not allowed here", element_name);
      return;
    }

  for (guint i = 0; names[i]; i++)
    {
      if (!g_strv_contains (grammar[element].attributes, names[i]))
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

  if (grammar[element].entry.kind && ++p->n_entries[element] > MAX_ENTRIES)
    {
      parser_error (p, error, RR_RULEBOOK_ERROR_LIMIT, "more than %d <%s> entries", MAX_ENTRIES, element_name);
      return;
    }

  p->names = names;
  p->values = values;
  if (grammar[element].entry.kind && !check_entry_attributes (p, element, error))
    return;
  if (grammar[element].start && !grammar[element].start (p, element, error))
    return;

  p->stack[p->depth++] = element;
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

/* When an entry ends: it must have got the texts it needs. */
static void
check_entry_texts (Parser      *p,
                   Element      element,
                   GError     **error)
{
  Entry *entry = p->entry;
  const char *required[2];
  guint n_required = 0;
  gboolean missing = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].parent == element && texts[i].required)
      {
        g_assert (n_required < G_N_ELEMENTS (required));
        required[n_required++] = grammar[texts[i].element].name;
        missing = missing || G_STRUCT_MEMBER (char *, entry, texts[i].offset) == NULL;
      }

  if (!missing)
    return;
  if (n_required == 1)
    set_error_at (error, p->filename, entry->line, entry->column, RR_RULEBOOK_ERROR_INVALID,
                  "%s “%s” has no <%s>", grammar[element].entry.kind, entry->id, required[0]);
  else
    set_error_at (error, p->filename, entry->line, entry->column, RR_RULEBOOK_ERROR_INVALID,
                  "%s “%s” needs a <%s> and a <%s>", grammar[element].entry.kind, entry->id, required[0], required[1]);
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

  check_entry_texts (p, element, error);
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

/* Two items that give way to each other would both be left out. */
static gboolean
check_yields (RrRulebook  *self,
              const char  *filename,
              Advice      *a,
              GError     **error)
{
  for (guint j = 0; a->yields_to && a->yields_to[j]; j++)
    {
      Advice *other = g_hash_table_lookup (self->advice.by_id, a->yields_to[j]);

      if (other == a || (other->yields_to && g_strv_contains ((const char * const *) other->yields_to, a->entry.id)))
        {
          set_error_at (error, filename, a->entry.line, a->entry.column, RR_RULEBOOK_ERROR_INVALID,
                        "advice “%s” and “%s” yield to each other", a->entry.id, other->entry.id);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_list (RrRulebook  *self,
            const char  *filename,
            Entry       *entry,
            guint        l,
            GError     **error)
{
  char **ids = G_STRUCT_MEMBER (char **, entry, lists[l].offset);
  GHashTable *table = G_STRUCT_MEMBER (GHashTable *, self, lists[l].target);

  for (guint i = 0; ids && ids[i]; i++)
    if (!g_hash_table_contains (table, ids[i]))
      {
        set_error_at (error, filename, entry->line, entry->column, RR_RULEBOOK_ERROR_INVALID,
                      "%s “%s” refers to unknown %s “%s”", grammar[entry->element].entry.kind, entry->id, lists[l].kind, ids[i]);
        return FALSE;
      }
  return TRUE;
}

/* Cross-references can point forwards, so they are checked once everything is read:
 * kind by kind in the order of the elements, entry by entry, list by list. */
static gboolean
check_references (RrRulebook  *self,
                  const char  *filename,
                  GError     **error)
{
  for (Element element = EL_NONE; element < N_ELEMENTS; element++)
    {
      GPtrArray *entries = grammar[element].entry.set ? entry_set (self, element)->entries : NULL;

      for (guint i = 0; entries && i < entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (entries, i);

          for (const char * const *name = grammar[element].attributes; *name; name++)
            for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
              if (lists[l].parent == element && g_str_equal (lists[l].attribute, *name) &&
                  !check_list (self, filename, entry, l, error))
                return FALSE;
          if (element == EL_ITEM && !check_yields (self, filename, (Advice *) entry, error))
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
  for (guint i = 0; i < self->grades.entries->len; i++)
    {
      Grade *grade = g_ptr_array_index (self->grades.entries, i);
      covered += grade->max - grade->min + 1;
    }
  if (covered != RR_PAIN_MAX - RR_PAIN_MIN + 1)
    {
      set_error_at (error, filename, line, column, RR_RULEBOOK_ERROR_INVALID,
                    "the grades must cover every pain level from 0 to 10");
      return FALSE;
    }
  if (self->regions.entries->len == 0)
    {
      set_error_at (error, filename, line, column, RR_RULEBOOK_ERROR_INVALID, "the rulebook has no regions");
      return FALSE;
    }

  return check_references (self, filename, error);
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

  rr_rulebook_build_index (self);
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
