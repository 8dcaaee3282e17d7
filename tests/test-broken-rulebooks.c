/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rr-rulebook.h"

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

static void
expect_refused (const char *data,
                gsize       length,
                int         code,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(RrRulebook) book = rr_rulebook_new_from_data (data, length, "hostile.xml", &error);

  g_assert_null (book);
  g_assert_error (error, RR_RULEBOOK_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
  /* Refused quickly, not after chewing through the whole thing. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
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
  expect_refused (deep->str, deep->len, RR_RULEBOOK_ERROR_INVALID, "not allowed here");

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_id, 'a');
  g_string_append (long_id, "\" part=\"a\" side=\"center\" view=\"front\"/></regions></rulebook>");
  expect_refused (long_id->str, long_id->len, RR_RULEBOOK_ERROR_LIMIT, "longer than");

  expect_refused (bad_utf8, sizeof bad_utf8 - 1, RR_RULEBOOK_ERROR_PARSE, "UTF-8");
  expect_refused ("", 0, RR_RULEBOOK_ERROR_PARSE, "");
  expect_refused ("<rulebook version=\"2\"/>", 23, RR_RULEBOOK_ERROR_INVALID, "version");
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

  return g_test_run ();
}
