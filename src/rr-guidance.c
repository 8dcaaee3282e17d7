/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "rr-guidance-private.h"

struct _RrGuidance
{
  GObject parent_instance;

  RrVerdict     verdict;
  const char   *verdict_name;
  const char   *headline;
  const char   *summary;
  const char   *disclaimer;
  int           pain;
  gboolean      empty;

  /* Every string lives in the chunk, so items are plain structs of pointers. */
  GStringChunk *strings;
  GArray       *spots;
  GArray       *symptoms;
  GArray       *conditions;
  GArray       *advice;
  GArray       *sources;
  GArray       *flags;
  GPtrArray    *reasons;
  GPtrArray    *source_lists;
};

G_DEFINE_FINAL_TYPE (RrGuidance, rr_guidance, G_TYPE_OBJECT)

static const char * const verdict_ids[RR_N_VERDICTS] = {
  "keep-running",
  "ease-off",
  "stop-and-rest",
  "see-professional",
  "emergency",
};

const char *
rr_verdict_to_id (RrVerdict verdict)
{
  g_return_val_if_fail (verdict < RR_N_VERDICTS, NULL);

  return verdict_ids[verdict];
}

gboolean
rr_verdict_from_id (const char *id,
                    RrVerdict  *verdict)
{
  for (guint i = 0; i < RR_N_VERDICTS; i++)
    {
      if (g_strcmp0 (id, verdict_ids[i]) == 0)
        {
          if (verdict)
            *verdict = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
rr_guidance_finalize (GObject *object)
{
  RrGuidance *self = RR_GUIDANCE (object);

  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->spots, g_array_unref);
  g_clear_pointer (&self->symptoms, g_array_unref);
  g_clear_pointer (&self->conditions, g_array_unref);
  g_clear_pointer (&self->advice, g_array_unref);
  g_clear_pointer (&self->sources, g_array_unref);
  g_clear_pointer (&self->flags, g_array_unref);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  g_clear_pointer (&self->source_lists, g_ptr_array_unref);

  G_OBJECT_CLASS (rr_guidance_parent_class)->finalize (object);
}

static void
rr_guidance_class_init (RrGuidanceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rr_guidance_finalize;
}

static void
rr_guidance_init (RrGuidance *self)
{
  self->strings = g_string_chunk_new (1024);
  self->spots = g_array_new (FALSE, TRUE, sizeof (RrGuidanceSpot));
  self->symptoms = g_array_new (FALSE, TRUE, sizeof (RrGuidanceSymptom));
  self->conditions = g_array_new (FALSE, TRUE, sizeof (RrGuidanceCondition));
  self->advice = g_array_new (FALSE, TRUE, sizeof (RrGuidanceAdvice));
  self->sources = g_array_new (FALSE, TRUE, sizeof (RrGuidanceSource));
  self->flags = g_array_new (FALSE, TRUE, sizeof (RrGuidanceFlag));
  self->reasons = g_ptr_array_new_null_terminated (4, NULL, TRUE);
  self->source_lists = g_ptr_array_new_with_free_func (g_free);
}

/* A plain copy: de-duplicating would hash every long text of every guidance. */
static const char *
keep (RrGuidance *self,
      const char *string)
{
  return string ? g_string_chunk_insert (self->strings, string) : NULL;
}

static const char * const *
keep_list (RrGuidance         *self,
           const char * const *list)
{
  guint n = list ? g_strv_length ((char **) list) : 0;
  const char **copy = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = keep (self, list[i]);
  g_ptr_array_add (self->source_lists, copy);

  return copy;
}

RrGuidance *
rr_guidance_new (RrVerdict   verdict,
                 const char *verdict_name,
                 const char *headline,
                 const char *disclaimer,
                 int         pain,
                 gboolean    empty)
{
  RrGuidance *self = g_object_new (RR_TYPE_GUIDANCE, NULL);

  self->verdict = verdict;
  self->verdict_name = keep (self, verdict_name);
  self->headline = keep (self, headline);
  self->disclaimer = keep (self, disclaimer);
  self->summary = "";
  self->pain = pain;
  self->empty = empty;

  return self;
}

void
rr_guidance_set_summary (RrGuidance *self,
                         const char *summary)
{
  self->summary = keep (self, summary);
}

void
rr_guidance_add_spot (RrGuidance *self,
                      const char *id,
                      const char *name,
                      int         level,
                      const char *grade)
{
  RrGuidanceSpot spot = { keep (self, id), keep (self, name), level, keep (self, grade) };

  g_array_append_val (self->spots, spot);
}

void
rr_guidance_add_symptom (RrGuidance *self,
                         const char *id,
                         const char *name,
                         const char *question)
{
  RrGuidanceSymptom symptom = { keep (self, id), keep (self, name), keep (self, question) };

  g_array_append_val (self->symptoms, symptom);
}

void
rr_guidance_add_condition (RrGuidance         *self,
                           const char         *id,
                           const char         *region,
                           const char         *name,
                           const char         *brief,
                           const char         *text,
                           const char * const *sources)
{
  RrGuidanceCondition condition = {
    keep (self, id), keep (self, region), keep (self, name), keep (self, brief), keep (self, text),
    keep_list (self, sources),
  };

  g_array_append_val (self->conditions, condition);
}

void
rr_guidance_add_advice (RrGuidance         *self,
                        const char         *id,
                        const char         *title,
                        const char         *text,
                        const char * const *sources)
{
  RrGuidanceAdvice advice = {
    keep (self, id), keep (self, title), keep (self, text), keep_list (self, sources),
  };

  g_array_append_val (self->advice, advice);
}

void
rr_guidance_add_source (RrGuidance *self,
                        const char *id,
                        const char *citation,
                        const char *doi,
                        const char *url)
{
  RrGuidanceSource source = { keep (self, id), keep (self, citation), keep (self, doi), keep (self, url) };

  g_array_append_val (self->sources, source);
}

void
rr_guidance_add_flag (RrGuidance *self,
                      const char *id,
                      const char *question,
                      RrVerdict   verdict)
{
  RrGuidanceFlag flag = { keep (self, id), keep (self, question), verdict };

  g_array_append_val (self->flags, flag);
}

void
rr_guidance_add_reason (RrGuidance *self,
                        const char *reason)
{
  /* Two rules may give the same reason; say it once. */
  if (reason == NULL ||
      g_ptr_array_find_with_equal_func (self->reasons, reason, g_str_equal, NULL))
    return;
  g_ptr_array_add (self->reasons, (gpointer) keep (self, reason));
}

RrVerdict
rr_guidance_get_verdict (RrGuidance *self)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), RR_VERDICT_KEEP_RUNNING);

  return self->verdict;
}

const char *
rr_guidance_get_verdict_id (RrGuidance *self)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), NULL);

  return verdict_ids[self->verdict];
}

const char *
rr_guidance_get_verdict_name (RrGuidance *self)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), NULL);

  return self->verdict_name;
}

const char *
rr_guidance_get_headline (RrGuidance *self)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), NULL);

  return self->headline;
}

const char *
rr_guidance_get_summary (RrGuidance *self)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), NULL);

  return self->summary;
}

const char *
rr_guidance_get_disclaimer (RrGuidance *self)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), NULL);

  return self->disclaimer;
}

int
rr_guidance_get_pain (RrGuidance *self)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), 0);

  return self->pain;
}

/* TRUE before the runner has said anything: the window shows its invitation. */
gboolean
rr_guidance_is_empty (RrGuidance *self)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), TRUE);

  return self->empty;
}

/* Each list has a count and an item getter; they differ only in names. */
#define DEFINE_ITEM_GETTERS(Type, plural, singular)                             \
  guint                                                                         \
  rr_guidance_get_n_##plural (RrGuidance *self)                                 \
  {                                                                             \
    g_return_val_if_fail (RR_IS_GUIDANCE (self), 0);                            \
    return self->plural->len;                                                   \
  }                                                                             \
                                                                                \
  const Type *                                                                  \
  rr_guidance_get_##singular (RrGuidance *self,                                 \
                              guint       i)                                    \
  {                                                                             \
    g_return_val_if_fail (RR_IS_GUIDANCE (self), NULL);                         \
    g_return_val_if_fail (i < self->plural->len, NULL);                         \
    return &g_array_index (self->plural, Type, i);                              \
  }

DEFINE_ITEM_GETTERS (RrGuidanceSpot, spots, spot)
DEFINE_ITEM_GETTERS (RrGuidanceSymptom, symptoms, symptom)
DEFINE_ITEM_GETTERS (RrGuidanceCondition, conditions, condition)
DEFINE_ITEM_GETTERS (RrGuidanceAdvice, advice, advice)
DEFINE_ITEM_GETTERS (RrGuidanceSource, sources, source)
DEFINE_ITEM_GETTERS (RrGuidanceFlag, flags, flag)

/**
 * rr_guidance_get_spot_name:
 *
 * Returns: the translated name of a chosen spot, or @region itself when it is not one
 */
const char *
rr_guidance_get_spot_name (RrGuidance *self,
                           const char *region)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), NULL);

  for (guint i = 0; region && i < self->spots->len; i++)
    {
      const RrGuidanceSpot *spot = &g_array_index (self->spots, RrGuidanceSpot, i);

      if (g_str_equal (spot->id, region))
        return spot->name;
    }
  return region;
}

/**
 * rr_guidance_get_cause_groups:
 *
 * How the likely causes are shown: per spot, in the order of the spots (then any other
 * region a cause names), and the causes that are not about one spot last.
 *
 * Returns: (transfer container): region ids, with a NULL element last when some cause
 *   has no region
 */
GPtrArray *
rr_guidance_get_cause_groups (RrGuidance *self)
{
  GPtrArray *groups;
  gboolean general = FALSE;

  g_return_val_if_fail (RR_IS_GUIDANCE (self), NULL);

  groups = g_ptr_array_new ();
  for (guint i = 0; i < self->spots->len; i++)
    g_ptr_array_add (groups, (gpointer) g_array_index (self->spots, RrGuidanceSpot, i).id);
  for (guint i = 0; i < self->conditions->len; i++)
    {
      const RrGuidanceCondition *condition = &g_array_index (self->conditions, RrGuidanceCondition, i);

      if (condition->region == NULL)
        general = TRUE;
      else if (!g_ptr_array_find_with_equal_func (groups, condition->region, g_str_equal, NULL))
        g_ptr_array_add (groups, (gpointer) condition->region);
    }
  if (general)
    g_ptr_array_add (groups, NULL);

  return groups;
}

guint
rr_guidance_get_n_reasons (RrGuidance *self)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), 0);

  return self->reasons->len;
}

const char *
rr_guidance_get_reason (RrGuidance *self,
                        guint       i)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), NULL);
  g_return_val_if_fail (i < self->reasons->len, NULL);

  return g_ptr_array_index (self->reasons, i);
}

gboolean
rr_guidance_has_condition (RrGuidance *self,
                           const char *id)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), FALSE);

  for (guint i = 0; i < self->conditions->len; i++)
    if (g_strcmp0 (g_array_index (self->conditions, RrGuidanceCondition, i).id, id) == 0)
      return TRUE;
  return FALSE;
}

gboolean
rr_guidance_has_advice (RrGuidance *self,
                        const char *id)
{
  g_return_val_if_fail (RR_IS_GUIDANCE (self), FALSE);

  for (guint i = 0; i < self->advice->len; i++)
    if (g_strcmp0 (g_array_index (self->advice, RrGuidanceAdvice, i).id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
add_string_array (JsonBuilder        *builder,
                  const char         *member,
                  const char * const *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strings && strings[i]; i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
}

static void
add_member (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* "conditions" and "advice": what may explain each spot, and what to do. */
static void
add_causes_and_advice (JsonBuilder *builder,
                       RrGuidance  *self)
{
  json_builder_set_member_name (builder, "conditions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->conditions->len; i++)
    {
      const RrGuidanceCondition *condition = &g_array_index (self->conditions, RrGuidanceCondition, i);

      json_builder_begin_object (builder);
      add_member (builder, "id", condition->id);
      add_member (builder, "name", condition->name);
      add_member (builder, "region", condition->region);
      add_member (builder, "text", condition->text);
      add_string_array (builder, "sources", condition->sources);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "advice");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->advice->len; i++)
    {
      const RrGuidanceAdvice *advice = &g_array_index (self->advice, RrGuidanceAdvice, i);

      json_builder_begin_object (builder);
      add_member (builder, "id", advice->id);
      add_member (builder, "title", advice->title);
      add_member (builder, "text", advice->text);
      add_string_array (builder, "sources", advice->sources);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* "red_flags" and "sources": what would change the verdict, and the studies. */
static void
add_flags_and_sources (JsonBuilder *builder,
                       RrGuidance  *self)
{
  json_builder_set_member_name (builder, "red_flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->flags->len; i++)
    {
      const RrGuidanceFlag *flag = &g_array_index (self->flags, RrGuidanceFlag, i);

      json_builder_begin_object (builder);
      add_member (builder, "id", flag->id);
      add_member (builder, "question", flag->question);
      add_member (builder, "verdict", rr_verdict_to_id (flag->verdict));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->sources->len; i++)
    {
      const RrGuidanceSource *source = &g_array_index (self->sources, RrGuidanceSource, i);

      json_builder_begin_object (builder);
      add_member (builder, "id", source->id);
      add_member (builder, "citation", source->citation);
      add_member (builder, "doi", source->doi);
      add_member (builder, "url", source->url);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * rr_guidance_to_json:
 *
 * Returns: the guidance as pretty-printed JSON, in the form DESIGN.md describes.
 */
char *
rr_guidance_to_json (RrGuidance *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (RR_IS_GUIDANCE (self), NULL);

  json_builder_begin_object (builder);
  add_member (builder, "verdict", rr_guidance_get_verdict_id (self));
  json_builder_set_member_name (builder, "level");
  json_builder_add_int_value (builder, self->verdict);
  add_member (builder, "verdict_name", self->verdict_name);
  add_member (builder, "headline", self->headline);
  add_member (builder, "summary", self->summary);
  json_builder_set_member_name (builder, "pain");
  json_builder_add_int_value (builder, self->pain);

  json_builder_set_member_name (builder, "regions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->spots->len; i++)
    {
      const RrGuidanceSpot *spot = &g_array_index (self->spots, RrGuidanceSpot, i);

      json_builder_begin_object (builder);
      add_member (builder, "id", spot->id);
      add_member (builder, "name", spot->name);
      json_builder_set_member_name (builder, "pain");
      json_builder_add_int_value (builder, spot->level);
      add_member (builder, "grade", spot->grade);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "symptoms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->symptoms->len; i++)
    json_builder_add_string_value (builder, g_array_index (self->symptoms, RrGuidanceSymptom, i).id);
  json_builder_end_array (builder);

  add_string_array (builder, "reasons", (const char * const *) self->reasons->pdata);

  add_causes_and_advice (builder, self);
  add_flags_and_sources (builder, self);

  add_member (builder, "disclaimer", self->disclaimer);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* Breaks @text into lines of at most @width columns, each starting with @indent. */
static void
append_wrapped (GString    *out,
                const char *indent,
                const char *first_indent,
                const char *text,
                guint       width)
{
  g_auto(GStrv) words = g_strsplit_set (text ? text : "", " \n\t", -1);
  const char *prefix = first_indent;
  guint column = 0;
  gboolean line_open = FALSE;

  for (guint i = 0; words[i]; i++)
    {
      glong len = g_utf8_strlen (words[i], -1);

      if (len == 0)
        continue;

      if (line_open && column + 1 + len > width)
        {
          g_string_append_c (out, '\n');
          line_open = FALSE;
          prefix = indent;
        }

      if (!line_open)
        {
          g_string_append (out, prefix);
          column = g_utf8_strlen (prefix, -1);
          line_open = TRUE;
        }
      else
        {
          g_string_append_c (out, ' ');
          column++;
        }

      g_string_append (out, words[i]);
      column += len;
    }

  if (line_open)
    g_string_append_c (out, '\n');
}

static void
append_heading (GString    *out,
                const char *heading)
{
  g_string_append_printf (out, "\n%s\n", heading);
}

/**
 * rr_guidance_to_text:
 *
 * Returns: the guidance as plain text for a terminal, wrapped at 78 columns.
 */
char *
rr_guidance_to_text (RrGuidance *self)
{
  GString *out = g_string_new (NULL);
  const guint width = 78;

  g_return_val_if_fail (RR_IS_GUIDANCE (self), NULL);

  g_string_append_printf (out, "%s\n", self->verdict_name);
  for (glong i = g_utf8_strlen (self->verdict_name, -1); i > 0; i--)
    g_string_append_c (out, '=');
  g_string_append_c (out, '\n');
  append_wrapped (out, "", "", self->headline, width);
  if (self->summary && *self->summary)
    append_wrapped (out, "", "", self->summary, width);

  if (self->spots->len > 0)
    {
      append_heading (out, _("Where it hurts:"));
      for (guint i = 0; i < self->spots->len; i++)
        {
          const RrGuidanceSpot *spot = &g_array_index (self->spots, RrGuidanceSpot, i);
          /* Translators: a spot with its pain level and grade, e.g. "Left heel: 3/10 (Mild)" */
          g_autofree char *line = g_strdup_printf (_("%s: %d/10 (%s)"), spot->name, spot->level, spot->grade);

          append_wrapped (out, "    ", "  - ", line, width);
        }
    }

  if (self->symptoms->len > 0)
    {
      append_heading (out, _("What you reported:"));
      for (guint i = 0; i < self->symptoms->len; i++)
        append_wrapped (out, "    ", "  - ", g_array_index (self->symptoms, RrGuidanceSymptom, i).name, width);
    }

  if (self->reasons->len > 0)
    {
      append_heading (out, _("Why:"));
      for (guint i = 0; i < self->reasons->len; i++)
        append_wrapped (out, "    ", "  - ", g_ptr_array_index (self->reasons, i), width);
    }

  if (self->advice->len > 0)
    {
      append_heading (out, _("What to do now:"));
      for (guint i = 0; i < self->advice->len; i++)
        {
          const RrGuidanceAdvice *advice = &g_array_index (self->advice, RrGuidanceAdvice, i);
          g_autofree char *number = g_strdup_printf ("%2u. ", i + 1);

          append_wrapped (out, "    ", number, advice->title, width);
          append_wrapped (out, "    ", "    ", advice->text, width);
        }
    }

  if (self->conditions->len > 0)
    {
      append_heading (out, _("Likely causes:"));
      for (guint i = 0; i < self->conditions->len; i++)
        {
          const RrGuidanceCondition *condition = &g_array_index (self->conditions, RrGuidanceCondition, i);
          const char *where = rr_guidance_get_spot_name (self, condition->region);
          g_autofree char *title = NULL;

          /* Translators: a likely cause and the spot it may explain, e.g. "Runner's knee (Left knee, front)" */
          title = where ? g_strdup_printf (_("%s (%s)"), condition->name, where) : g_strdup (condition->name);
          append_wrapped (out, "    ", "  - ", title, width);
          append_wrapped (out, "    ", "    ", condition->text, width);
        }
    }

  if (self->flags->len > 0)
    {
      append_heading (out, _("Warning signs that would change this answer:"));
      for (guint i = 0; i < self->flags->len; i++)
        append_wrapped (out, "    ", "  - ", g_array_index (self->flags, RrGuidanceFlag, i).question, width);
    }

  if (self->sources->len > 0)
    {
      append_heading (out, _("Sources:"));
      for (guint i = 0; i < self->sources->len; i++)
        {
          const RrGuidanceSource *source = &g_array_index (self->sources, RrGuidanceSource, i);
          g_autofree char *number = g_strdup_printf ("%2u. ", i + 1);
          g_autofree char *line = source->doi
            ? g_strdup_printf ("%s doi:%s", source->citation, source->doi)
            : g_strdup (source->citation);

          append_wrapped (out, "    ", number, line, width);
        }
    }

  g_string_append_c (out, '\n');
  append_wrapped (out, "", "", self->disclaimer, width);

  return g_string_free (out, FALSE);
}
