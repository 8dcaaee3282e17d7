/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replay: runs a fuzz target's LLVMFuzzerTestOneInput() on files, as a normal test.
 *
 * Usage: replay DIR-OR-FILE…  Every file becomes one test case, so the seed corpus and
 * every crash the fuzzer ever found (tests/fuzz/regressions/) run in `make check`,
 * without clang, under the sanitizers and under valgrind. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
replay_file (gconstpointer user_data)
{
  const char *path = user_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) contents, length), ==, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_path (const char *path,
          GPtrArray  *keep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      char *copy = g_strdup (path);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *parent = g_path_get_dirname (path);
      g_autofree char *parent_base = g_path_get_basename (parent);
      g_autofree char *test_path = g_strdup_printf ("/replay/%s/%s", parent_base, base);

      g_ptr_array_add (keep, copy);
      g_test_add_data_func (test_path, copy, replay_file);
      return;
    }

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)))
    if (name[0] != '.' && !g_str_equal (name, "README"))
      g_ptr_array_add (names, g_strdup (name));
  /* In a stable order, whatever the file system says. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      add_path (child, keep);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    add_path (argv[i], keep);

  return g_test_run ();
}
