/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rr-rulebook.h"
#include "heavy-rulebook.h"

/* Each file in tests/rulebooks/ is tests/rulebooks/minimal.xml with one thing broken
 * (its second line says what). The loader must refuse it, naming that line. */
static const struct {
  const char *file;
  int         line;
  const char *fragment;
} broken[] = {
  { "unknown-element", 21, "unknown element <regio>" },
  { "unknown-attribute", 24, "unknown attribute colour" },
  { "duplicate-id", 21, "duplicate region id" },
  { "pain-out-of-range", 35, "within 0..10" },
  { "pain-reversed", 35, "within 0..10" },
  { "unknown-reference", 34, "unknown condition" },
  { "unknown-source", 28, "unknown source" },
  { "region-without-name", 21, "has no <name>" },
  { "unknown-verdict", 35, "unknown verdict" },
  { "unless-with-verdict", 35, "unless" },
  { "not-well-formed", 31, "txet" },
  { "wrong-side", 21, "must have the id" },
  { "text-in-wrong-place", 19, "text is not allowed" },
  { "empty-text", 10, "is empty" },
  { "bad-id", 24, "not a valid" },
  { "missing-sources", 28, "sources" },
  { "unknown-symptom", 35, "unknown symptom" },
  { "second-root", 37, "" },
  { "advice-unknown-verdict", 31, "unknown verdict “stop”" },
  { "advice-yields-to-itself", 31, "yield to each other" },
  { "both-sides-global", 35, "both-sides" },
};

static void
test_minimal_loads (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "rulebooks", "minimal.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RrRulebook) book = rr_rulebook_new_from_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (book);
  g_assert_cmpuint (g_strv_length ((char **) rr_rulebook_get_regions (book)), ==, 2);
  g_assert_finalize_object (g_steal_pointer (&book));
}

static void
test_broken (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *name = g_strconcat (broken[i].file, ".xml", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "rulebooks", name, NULL);
  g_autofree char *where = g_strdup_printf ("%s:%d:", path, broken[i].line);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RrRulebook) book = rr_rulebook_new_from_file (file, &error);

  g_assert_null (book);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == RR_RULEBOOK_ERROR);
  if (!g_str_has_prefix (error->message, where))
    g_error ("expected the error at %s, got: %s", where, error->message);
  g_assert_true (g_regex_match_simple ("^[^:]+:[0-9]+:[0-9]+: ", error->message, 0, 0));
  g_assert_nonnull (strstr (error->message, broken[i].fragment));
}

/* Returns the column the error names (every hostile file here is one line), or 0. */
static guint
expect_refused (const char *data,
                gsize       length,
                int         code,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RrRulebook) book = rr_rulebook_new_from_data (data, length, "hostile.xml", &error);
  guint line = 0, column = 0;

  g_assert_null (book);
  g_assert_error (error, RR_RULEBOOK_ERROR, code);
  /* Error messages are UTF-8, whatever bytes the file held. */
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
  if (sscanf (error->message, "hostile.xml:%u:%u:", &line, &column) == 2)
    g_assert_cmpuint (line, ==, 1);
  return column;
}

/* What a hostile file might try: be huge, nest deep, use endless ids or bad bytes. */
static void
test_hostile (void)
{
  g_autoptr(GString) big = g_string_new ("<rulebook version=\"1\"><!--");
  g_autoptr(GString) deep = g_string_new ("<rulebook version=\"1\">");
  g_autoptr(GString) long_id = g_string_new ("<rulebook version=\"1\"><regions><region id=\"");
  const char bad_utf8[] = "<rulebook version=\"1\"><disclaimer>caf\xc3\x28</disclaimer></rulebook>";

  while (big->len < 2 * 1024 * 1024)
    g_string_append (big, "padding padding padding padding ");
  g_string_append (big, "--></rulebook>");
  expect_refused (big->str, big->len, RR_RULEBOOK_ERROR_LIMIT, "larger than");

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<rules>");
  /* Refused where the trouble starts, not after chewing through the whole thing: a
   * bound on the work done, which no machine's speed changes. */
  g_assert_cmpuint (expect_refused (deep->str, deep->len, RR_RULEBOOK_ERROR_INVALID, "not allowed here"), <, 64);

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_id, 'a');
  g_string_append (long_id, "\" part=\"a\" side=\"center\" view=\"front\"/></regions></rulebook>");
  g_assert_cmpuint (expect_refused (long_id->str, long_id->len, RR_RULEBOOK_ERROR_LIMIT, "longer than"), <=, long_id->len);

  expect_refused (bad_utf8, sizeof bad_utf8 - 1, RR_RULEBOOK_ERROR_PARSE, "UTF-8");
  expect_refused ("", 0, RR_RULEBOOK_ERROR_PARSE, "");
  /* Escape sequences and other control characters, which GMarkup lets through. */
  {
    static const char * const controls[] = {
      "<rulebook version=\"1\"><disclaimer>Safe\x1b[2J</disclaimer></rulebook>",
      "<rulebook version=\"1\"><sources><source id=\"a\" authors=\"\x07\"/></sources></rulebook>",
    };

    for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
      expect_refused (controls[i], strlen (controls[i]), RR_RULEBOOK_ERROR_INVALID, "control character");
  }
  expect_refused ("<rulebook version=\"2\"/>", 23, RR_RULEBOOK_ERROR_INVALID, "version");
}


/* A file with no size to check first: a device that never ends is refused at the
 * limit, not read until memory runs out. */
static void
test_endless_file (void)
{
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;
  g_autoptr(RrRulebook) book = NULL;

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero");
      return;
    }
  book = rr_rulebook_new_from_file (zero, &error);
  g_assert_null (book);
  g_assert_error (error, RR_RULEBOOK_ERROR, RR_RULEBOOK_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "larger than"));
}


static RrRulebook *
load_string (GString  *xml,
             GError  **error)
{
  return rr_rulebook_new_from_data (xml->str, xml->len, "heavy.xml", error);
}

/* More entries of one kind than the loader takes: refused, and quickly. */
static void
test_too_many_entries (void)
{
  g_autoptr(GString) regions = heavy_rulebook (513, 1, 1);
  g_autoptr(GString) rules = heavy_rulebook (8, 513, 1);

  expect_refused (regions->str, regions->len, RR_RULEBOOK_ERROR_LIMIT, "more than 512 <region> entries");
  expect_refused (rules->str, rules->len, RR_RULEBOOK_ERROR_LIMIT, "more than 512 <rule> entries");
}

/* Lists that each stay within 128 ids but name too many together. */
static void
test_too_many_references (void)
{
  g_autoptr(GString) xml = heavy_rulebook (512, 20, 128);

  g_assert_cmpuint (xml->len, <, 1024 * 1024);
  expect_refused (xml->str, xml->len, RR_RULEBOOK_ERROR_LIMIT, "more than 8192 ids");
}

/* The heaviest shapes a file may have within the limits load, and one evaluation with
 * every spot chosen gives an answer. How long they take is rr-bench's "heaviest
 * rulebook" figures, not a test: a wall-clock bound fails on any slower machine. */
static void
test_heaviest_allowed (void)
{
  /* Under valgrind (RR_TEST_QUICK=1), only the lighter shapes: the heaviest alone
   * takes ten seconds there. */
  for (guint i = g_getenv ("RR_TEST_QUICK") ? 1 : 0; i < G_N_ELEMENTS (heavy_shapes); i++)
    {
      g_autoptr(GString) xml = heavy_rulebook (heavy_shapes[i][0], heavy_shapes[i][1], heavy_shapes[i][2]);
      g_autoptr(GError) error = NULL;
      g_autoptr(RrRulebook) book = load_string (xml, &error);

      g_assert_no_error (error);
      evaluate_everything (book);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/broken-rulebooks/minimal-loads", test_minimal_loads);
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *path = g_strdup_printf ("/broken-rulebooks/%s", broken[i].file);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_broken);
    }
  g_test_add_func ("/broken-rulebooks/hostile", test_hostile);
  g_test_add_func ("/broken-rulebooks/endless-file", test_endless_file);
  g_test_add_func ("/broken-rulebooks/too-many-entries", test_too_many_entries);
  g_test_add_func ("/broken-rulebooks/too-many-references", test_too_many_references);
  g_test_add_func ("/broken-rulebooks/heaviest-allowed", test_heaviest_allowed);

  return g_test_run ();
}
