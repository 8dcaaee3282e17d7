/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* The command line as a runner types it: the real executable, its exit status, what
 * it prints on stdout and stderr. */

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *executable = g_getenv ("RR_EXECUTABLE");
  va_list args;

  g_assert_nonnull (executable);
  g_ptr_array_add (argv, (gpointer) executable);
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static JsonObject *
parse_json (JsonParser *parser,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
has_condition (JsonObject *root,
               const char *id,
               const char *region)
{
  JsonArray *conditions = json_object_get_array_member (root, "conditions");

  for (guint i = 0; i < json_array_get_length (conditions); i++)
    {
      JsonObject *c = json_array_get_object_element (conditions, i);

      if (g_str_equal (json_object_get_string_member (c, "id"), id) &&
          (region == NULL || g_strcmp0 (json_object_get_string_member (c, "region"), region) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
test_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  run_cli (&run, "--json", "--region=left-knee-outer", "--pain=5", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_json (parser, run.out);
  g_assert_true (has_condition (root, "it-band-syndrome", "left-knee-outer"));
  g_assert_cmpint (json_object_get_int_member (root, "pain"), ==, 5);
  g_assert_nonnull (json_object_get_string_member (root, "verdict"));
  g_assert_nonnull (json_object_get_string_member (root, "headline"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "sources")), >, 0);
}

/* Each spot keeps its own level; --pain fills in the ones given without. */
static void
test_levels (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *regions;

  run_cli (&run, "--json", "--region=left-heel:2", "--region=right-shin-front", "--pain=6", NULL);
  g_assert_cmpint (run.status, ==, 0);
  regions = json_object_get_array_member (parse_json (parser, run.out), "regions");
  g_assert_cmpuint (json_array_get_length (regions), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (regions, 0), "pain"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (regions, 1), "pain"), ==, 6);
}

/* The same spot twice: the worse level counts, never the last one typed. */
static void
test_same_spot_twice (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *regions;

  run_cli (&run, "--json", "--region=left-knee-front:8", "--region=left-knee-front:3", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (parser, run.out);
  regions = json_object_get_array_member (root, "regions");
  g_assert_cmpuint (json_array_get_length (regions), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (regions, 0), "pain"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "see-professional");
}

static void
test_overall_pain (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  run_cli (&run, "--json", "--pain=8", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (root, "pain"), ==, 8);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "regions")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (root, "level"), >=, 2);
}

static void
test_summary (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--summary", "--region=right-heel:3", "--symptom=morning-worse", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "Plantar fasciitis"));
  g_assert_nonnull (strstr (run.out, "doi:"));
}

static void
test_emergency (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  run_cli (&run, "--json", "--region=chest:2", "--symptom=sweating", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "emergency");
  g_assert_true (has_condition (root, "heart-attack", NULL));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (root, "advice"), 0), "id"), ==, "call-emergency");
}

static void
test_lists (void)
{
  g_auto(Run) regions = { 0 };
  g_auto(Run) symptoms = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&regions, "--list-regions", NULL);
  g_assert_cmpint (regions.status, ==, 0);
  lines = g_strsplit (g_strstrip (regions.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 52);
  g_assert_true (g_str_has_prefix (lines[0], "head "));
  g_assert_nonnull (strstr (regions.out, "left-knee-outer"));

  run_cli (&symptoms, "--list-symptoms", NULL);
  g_assert_cmpint (symptoms.status, ==, 0);
  g_assert_nonnull (strstr (symptoms.out, "morning-worse"));
  g_assert_nonnull (strstr (symptoms.out, "race"));
}

static void
test_other_rulebook (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = g_build_filename (g_getenv ("RR_SOURCE_ROOT"), "data", "rulebook.xml", NULL);
  g_autofree char *option = g_strconcat ("--rulebook=", path, NULL);

  run_cli (&run, option, "--json", "--region=left-knee-outer", "--pain=5", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "it-band-syndrome"));
}

/* --export-pdf writes the sheet and says nothing; a path it cannot write is bad input. */
static void
test_export_pdf (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) bad = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rr-cli-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *option = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "sheet.pdf", NULL);
  option = g_strconcat ("--export-pdf=", path, NULL);
  run_cli (&run, option, "--region=left-knee-outer:5", "--symptom=swelling", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_remove (path);
  g_rmdir (dir);

  run_cli (&bad, "--export-pdf=/nonexistent-dir/sheet.pdf", "--region=left-knee-outer:5", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_cmpstr (bad.out, ==, "");
  g_assert_true (g_str_has_prefix (bad.err, "run-or-rest: "));
  g_assert_nonnull (strstr (bad.err, "/nonexistent-dir/sheet.pdf"));
  g_assert_cmpuint (strlen (bad.err), ==, (gsize) (strchr (bad.err, '\n') - bad.err) + 1);
}

/* Bad input: exit status 2, nothing on stdout, one line on stderr naming what is valid. */
static const struct {
  const char *name;
  const char *args[4];
  const char *expect;    /* a piece of the message */
} bad_inputs[] = {
  { "unknown-region", { "--json", "--region=left-kneee", "--pain=3" }, "left-knee-outer" },
  { "unknown-symptom", { "--json", "--region=neck:3", "--symptom=sore" }, "morning-worse" },
  { "pain-too-high", { "--json", "--pain=11" }, "0 to 10" },
  { "pain-negative", { "--json", "--pain=-1" }, "0 to 10" },
  { "pain-not-a-number", { "--summary", "--pain=five" }, "0 to 10" },
  { "pain-fraction", { "--summary", "--pain=4.5" }, "0 to 10" },
  { "pain-empty", { "--summary", "--pain=" }, "0 to 10" },
  /* Found by fuzz-cli: strtoull skips a leading vertical tab, which then reached the
   * message. */
  { "pain-after-a-tab", { "--summary", "--pain=\v5" }, "0 to 10" },
  { "spot-level-after-a-tab", { "--json", "--region=left-heel:\v5" }, "0 to 10" },
  { "pain-after-a-space", { "--summary", "--pain= 5" }, "0 to 10" },
  { "pain-with-a-plus", { "--summary", "--pain=+5" }, "0 to 10" },
  { "spot-level-too-high", { "--json", "--region=left-heel:12" }, "0 to 10" },
  { "spot-level-garbage", { "--json", "--region=left-heel:x" }, "0 to 10" },
  { "spot-without-level", { "--json", "--region=left-heel" }, "left-heel:N" },
  { "unknown-option", { "--jsn" }, "--jsn" },
  { "missing-value", { "--json", "--pain" }, "--pain" },
  { "two-formats", { "--json", "--summary", "--pain=2" }, "--summary" },
  { "stray-argument", { "--json", "knee" }, "knee" },
  { "missing-rulebook", { "--json", "--rulebook=/nonexistent/rulebook.xml" }, "nonexistent" },
  /* Nothing the runner says is dropped in silence: a level no spot takes, a question
   * about a part of the body that is not among the spots. */
  { "pain-for-no-spot", { "--json", "--pain=9", "--region=left-heel:1" }, "--pain=9" },
  { "head-question-without-head", { "--json", "--pain=3", "--symptom=stiff-neck" }, "--region=head" },
  { "limb-question-for-the-head", { "--json", "--region=head:2", "--symptom=giving-way" }, "--region=left-knee-front" },
};

static void
test_bad_input (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_auto(Run) run = { 0 };

  run_cli (&run, bad_inputs[i].args[0], bad_inputs[i].args[1], bad_inputs[i].args[2], NULL);
  g_test_message ("stderr: %s", run.err);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "run-or-rest: "));
  g_assert_true (g_str_has_suffix (run.err, "\n"));
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
  for (const char *c = run.err; c[1]; c++)
    g_assert_true ((guchar) *c >= 0x20 && *c != 0x7f);
  g_assert_nonnull (strstr (run.err, bad_inputs[i].expect));
}

/* A broken rulebook is reported as file:line:column. */
static void
test_broken_rulebook (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "rulebooks", "unknown-element.xml", NULL);
  g_autofree char *option = g_strconcat ("--rulebook=", path, NULL);
  g_autofree char *expected = g_strconcat (path, ":", NULL);

  run_cli (&run, option, "--summary", "--pain=2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, expected));
  g_assert_true (g_regex_match_simple (":[0-9]+:[0-9]+: ", run.err, 0, 0));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/json", test_json);
  g_test_add_func ("/cli/levels", test_levels);
  g_test_add_func ("/cli/same-spot-twice", test_same_spot_twice);
  g_test_add_func ("/cli/overall-pain", test_overall_pain);
  g_test_add_func ("/cli/summary", test_summary);
  g_test_add_func ("/cli/emergency", test_emergency);
  g_test_add_func ("/cli/lists", test_lists);
  g_test_add_func ("/cli/other-rulebook", test_other_rulebook);
  g_test_add_func ("/cli/broken-rulebook", test_broken_rulebook);
  g_test_add_func ("/cli/export-pdf", test_export_pdf);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/bad-input/%s", bad_inputs[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_bad_input);
    }

  return g_test_run ();
}
