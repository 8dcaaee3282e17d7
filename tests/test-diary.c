/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "rr-diary.h"

#define DAY (24 * 3600)

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("rr-diary-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "diary.sqlite", NULL);
}

static void
remove_all (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_all (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static RrAssessment *
make_assessment (const char *region,
                 int         level,
                 const char *symptom)
{
  RrAssessment *a = rr_assessment_new ();

  if (region)
    rr_assessment_add_region (a, region, level);
  if (symptom)
    rr_assessment_set_symptom (a, symptom, TRUE);
  return a;
}

static gint64
add (RrDiary    *diary,
     gint64      when,
     const char *region,
     int         level,
     const char *note)
{
  g_autoptr(RrAssessment) a = make_assessment (region, level, "limping");
  g_autoptr(GError) error = NULL;
  gint64 id = rr_diary_add (diary, when, a, "stop-and-rest", note, 5.5, 32, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_save_reload_edit_delete (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) diary = rr_diary_open (f->path, &error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(RrDiaryEntry) entry = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 first, second;

  g_assert_no_error (error);
  g_assert_null (rr_diary_get_notice (diary));

  first = add (diary, now - 3600, "left-knee-outer", 5, "hilly 10k");
  second = add (diary, now, "right-heel", 2, NULL);

  /* Reopened, everything is there, newest first, spot levels and symptoms intact. */
  g_clear_object (&diary);
  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  entries = rr_diary_list (diary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpint (((RrDiaryEntry *) entries->pdata[0])->id, ==, second);
  entry = rr_diary_get_entry (diary, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry->note, ==, "hilly 10k");
  g_assert_cmpstr (entry->verdict, ==, "stop-and-rest");
  g_assert_cmpfloat_with_epsilon (entry->distance_km, 5.5, 1e-9);
  g_assert_cmpint (entry->duration_min, ==, 32);
  g_assert_cmpint (rr_assessment_get_region_level (entry->assessment, "left-knee-outer"), ==, 5);
  g_assert_true (rr_assessment_has_symptom (entry->assessment, "limping"));

  /* Edit the note. */
  g_assert_true (rr_diary_set_note (diary, first, "hilly 10k, new shoes", &error));
  g_clear_pointer (&entry, rr_diary_entry_free);
  entry = rr_diary_get_entry (diary, first, NULL);
  g_assert_cmpstr (entry->note, ==, "hilly 10k, new shoes");

  /* Delete, then undo. */
  g_assert_true (rr_diary_delete (diary, first, &error));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = rr_diary_list (diary, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_null (rr_diary_get_entry (diary, first, &error));
  g_assert_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (rr_diary_undelete (diary, first, &error));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = rr_diary_list (diary, NULL);
  g_assert_cmpuint (entries->len, ==, 2);

  g_assert_false (rr_diary_set_note (diary, 9999, "x", &error));
  g_assert_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_NOT_FOUND);
}

/* A file made by the first version of the schema is upgraded, keeping its entries. */
static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) diary = NULL;
  g_autoptr(RrDiaryEntry) entry = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE entries (id INTEGER PRIMARY KEY, created INTEGER NOT NULL,"
    "  pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10), verdict TEXT NOT NULL,"
    "  note TEXT NOT NULL DEFAULT '', distance_km REAL, duration_min INTEGER,"
    "  deleted INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE spots (entry INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL, region TEXT NOT NULL,"
    "  level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 10));"
    "CREATE TABLE symptoms (entry INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL, symptom TEXT NOT NULL);"
    "INSERT INTO entries VALUES (7, 1700000000, 0, 'ease-off', 'old one', NULL, NULL, 0);"
    "INSERT INTO spots VALUES (7, 0, 'left-shin-inner', 4);"
    "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (rr_diary_get_notice (diary));
  entry = rr_diary_get_entry (diary, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry->note, ==, "old one");
  g_assert_cmpint (entry->distance_km, <, 0);
  g_assert_cmpint (rr_assessment_get_region_level (entry->assessment, "left-shin-inner"), ==, 4);
  add (diary, 1700003600, "left-shin-inner", 5, NULL);
  entries = rr_diary_list (diary, NULL);
  g_assert_cmpuint (entries->len, ==, 2);

  /* The upgrade was recorded, and the index of version 2 exists. */
  g_clear_object (&diary);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version),"
                            " (SELECT COUNT (*) FROM sqlite_master WHERE name = 'spots_by_region')", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

static char *
find_kept (const char *dir,
           const char *kind)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf ("diary.sqlite.%s-", kind);
  const char *name;

  while ((name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

/* A damaged file is kept byte for byte, the runner is told, and the app goes on. */
static void
test_corrupt_file_kept (Fixture       *f,
                        gconstpointer  data)
{
  const char garbage[] = "this is not a database, but it is somebody's data\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) diary = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (f->path, garbage, -1, NULL));

  g_test_expect_message ("rr-engine", G_LOG_LEVEL_WARNING, "*set aside*");
  diary = rr_diary_open (f->path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (rr_diary_get_notice (diary));

  kept = find_kept (f->dir, "unreadable");
  g_assert_nonnull (kept);
  g_assert_nonnull (strstr (rr_diary_get_notice (diary), kept));
  g_assert_true (g_file_get_contents (kept, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, garbage);

  add (diary, 1700000000, "neck", 2, NULL);
}

/* A healthy diary that another program holds locked while the app starts (a second
 * window closing, a backup tool) is left where it is, whole: it was once renamed aside
 * and a new, empty diary started over it. */
static void
test_locked_file_left_alone (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  RrDiary *diary = rr_diary_open (f->path, &error);
  sqlite3 *holder = NULL;

  g_assert_no_error (error);
  add (diary, 1700000000, "left-heel", 3, NULL);
  add (diary, 1700003600, "left-heel", 4, NULL);
  g_object_unref (diary);

  /* Another program takes the whole file for itself. */
  g_assert_cmpint (sqlite3_open (f->path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                         " UPDATE entries SET note = note;", NULL, NULL, NULL), ==, SQLITE_OK);

  diary = rr_diary_open (f->path, &error);
  g_assert_null (diary);
  g_assert_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "left as it is"));
  g_clear_error (&error);
  g_assert_null (find_kept (f->dir, "unreadable"));
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));

  /* Once the lock goes, the diary opens with everything in it. */
  g_assert_cmpint (sqlite3_exec (holder, "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (holder);
  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  entries = rr_diary_list (diary, NULL);
  g_assert_cmpuint (entries->len, ==, 2);
  g_object_unref (diary);
}

/* Two unusable files set aside in the same second are both kept: the second name
 * never replaces the first. */
static void
test_set_asides_never_replace (Fixture       *f,
                               gconstpointer  data)
{
  static const char * const garbage[] = { "first damaged diary\n", "second damaged diary\n" };
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RrDiary) diary = NULL;

      g_assert_true (g_file_set_contents (f->path, garbage[i], -1, NULL));
      g_test_expect_message ("rr-engine", G_LOG_LEVEL_WARNING, "*set aside*");
      diary = rr_diary_open (f->path, &error);
      g_test_assert_expected_messages ();
      g_assert_no_error (error);
      g_clear_object (&diary);
      g_assert_true (g_unlink (f->path) == 0);
    }

  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "diary.sqlite.unreadable-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      {
        g_autofree char *path = g_build_filename (f->dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        g_assert_true (g_str_equal (contents, garbage[0]) || g_str_equal (contents, garbage[1]));
        found++;
      }
  g_assert_cmpuint (found, ==, 2);
}

/* Whether @needle is anywhere in the diary's files (the database and its log). */
static gboolean
file_holds (Fixture    *f,
            const char *needle)
{
  static const char * const suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      for (gsize at = 0; at + strlen (needle) <= length; at++)
        if (memcmp (contents + at, needle, strlen (needle)) == 0)
          return TRUE;
    }
  return FALSE;
}

/* Health data the runner deletes leaves the file once the undo is no longer offered
 * (the diary closes), not only the lists; an entry another open window just hid keeps
 * its undo. */
static void
test_deleted_entry_leaves_the_file (Fixture       *f,
                                    gconstpointer  data)
{
  const char *secret = "a note only the runner should ever read";
  g_autoptr(GError) error = NULL;
  RrDiary *diary = rr_diary_open (f->path, &error);
  RrDiary *other;
  gint64 kept, deleted, undone;

  g_assert_no_error (error);
  kept = add (diary, 1700000000, "left-heel", 3, "this one stays");
  deleted = add (diary, 1700003600, "left-heel", 6, secret);
  undone = add (diary, 1700007200, "left-heel", 4, "brought back");
  g_assert_true (rr_diary_delete (diary, deleted, &error));
  g_assert_true (rr_diary_delete (diary, undone, &error));

  /* A second window opening the diary meanwhile takes nobody's undo away. */
  other = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  g_object_unref (other);
  g_assert_true (rr_diary_undelete (diary, undone, &error));
  g_assert_no_error (error);
  g_assert_true (file_holds (f, secret));

  g_object_unref (diary);
  g_assert_false (file_holds (f, secret));
  g_assert_true (file_holds (f, "this one stays"));
  g_assert_true (file_holds (f, "brought back"));

  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) entries = rr_diary_list (diary, NULL);

    g_assert_cmpuint (entries->len, ==, 2);
  }
  {
    g_autoptr(RrDiaryEntry) gone = rr_diary_get_entry (diary, deleted, NULL);
    g_autoptr(RrDiaryEntry) there = rr_diary_get_entry (diary, kept, NULL);

    g_assert_null (gone);
    g_assert_nonnull (there);
  }
  g_object_unref (diary);
}

static void
test_newer_file_kept (Fixture       *f,
                      gconstpointer  data)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) diary = NULL;
  g_autofree char *kept = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); INSERT INTO future VALUES (42); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_test_expect_message ("rr-engine", G_LOG_LEVEL_WARNING, "*newer version*");
  diary = rr_diary_open (f->path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (strstr (rr_diary_get_notice (diary), "newer"));

  kept = find_kept (f->dir, "newer");
  g_assert_nonnull (kept);
  g_assert_cmpint (sqlite3_open (kept, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT x FROM future", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 42);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

/* A file edited by hand, with NULLs where the schema says there are none, still reads
 * without a warning. */
static void
test_nulls_tolerated (Fixture       *f,
                      gconstpointer  data)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) diary = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  RrDiaryEntry *entry;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE entries (id INTEGER PRIMARY KEY, created INTEGER, pain INTEGER, verdict TEXT,"
    "  note TEXT, distance_km REAL, duration_min INTEGER, deleted INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE spots (entry INTEGER, position INTEGER, region TEXT, level INTEGER);"
    "CREATE TABLE symptoms (entry INTEGER, position INTEGER, symptom TEXT);"
    "CREATE INDEX spots_by_region ON spots (region, entry);"
    "CREATE INDEX entries_by_time ON entries (created);"
    "INSERT INTO entries VALUES (1, 1700000000, 3, NULL, NULL, NULL, NULL, 0);"
    "INSERT INTO spots VALUES (1, 0, NULL, 4), (1, 1, 'neck', 99);"
    "INSERT INTO symptoms VALUES (1, 0, NULL);"
    "PRAGMA user_version = 2;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  entries = rr_diary_list (diary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->note, ==, "");
  g_assert_nonnull (entry->verdict);
  g_assert_cmpuint (rr_assessment_get_n_regions (entry->assessment), ==, 1);
  g_assert_cmpint (rr_assessment_get_region_level (entry->assessment, "neck"), ==, 10);
  g_hash_table_unref (rr_diary_get_history (diary, 1700000100, 14));
}

/* A process killed between two writes loses nothing it had committed. */
static void
test_killed_between_writes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) diary = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *dir = g_getenv ("RR_DIARY_TEST_DIR");

  if (g_test_subprocess ())
    {
      g_autofree char *path = g_build_filename (dir, "diary.sqlite", NULL);
      RrDiary *child = rr_diary_open (path, NULL);

      for (int i = 0; i < 20; i++)
        add (child, 1700000000 + i, "left-calf", i % 11, "before the kill");
      raise (SIGKILL);
      return;
    }

  g_setenv ("RR_DIARY_TEST_DIR", f->dir, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (rr_diary_get_notice (diary));
  entries = rr_diary_list (diary, &error);
  g_assert_cmpuint (entries->len, ==, 20);
}

/* The persistence rule over crafted histories. */
static void
test_persistence (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RrDiary) diary = rr_diary_open (f->path, NULL);
  /* Noon, so "days ago" never straddles midnight whatever the time zone offset. */
  g_autoptr(GDateTime) noon = g_date_time_new_local (2026, 11, 20, 12, 0, 0);
  gint64 now = g_date_time_to_unix (noon);
  gint64 id;

  /* Two days: not yet. */
  add (diary, now - 1 * DAY, "left-shin-inner", 4, NULL);
  add (diary, now - 2 * DAY, "left-shin-inner", 3, NULL);
  g_assert_false (rr_diary_is_persistent (diary, "left-shin-inner", now));
  /* More entries on the same days do not make more days. */
  add (diary, now - 2 * DAY + 600, "left-shin-inner", 5, NULL);
  g_assert_false (rr_diary_is_persistent (diary, "left-shin-inner", now));
  /* Eight days ago is outside the window; a pain-free log does not count. */
  add (diary, now - 8 * DAY, "left-shin-inner", 6, NULL);
  add (diary, now - 4 * DAY, "left-shin-inner", 0, NULL);
  g_assert_false (rr_diary_is_persistent (diary, "left-shin-inner", now));
  /* Another spot does not count either. */
  add (diary, now - 5 * DAY, "right-shin-inner", 5, NULL);
  g_assert_false (rr_diary_is_persistent (diary, "left-shin-inner", now));
  /* A third day within the week: persistent. */
  id = add (diary, now - 6 * DAY, "left-shin-inner", 2, NULL);
  g_assert_true (rr_diary_is_persistent (diary, "left-shin-inner", now));
  g_assert_false (rr_diary_is_persistent (diary, "right-shin-inner", now));
  {
    g_autoptr(GHashTable) persistent = rr_diary_get_persistent (diary, now);

    /* The set the window asks for once agrees with the question per spot. */
    g_assert_cmpuint (g_hash_table_size (persistent), ==, 1);
    g_assert_true (g_hash_table_contains (persistent, "left-shin-inner"));
  }
  /* Deleted, it no longer counts. */
  rr_diary_delete (diary, id, NULL);
  g_assert_false (rr_diary_is_persistent (diary, "left-shin-inner", now));
  rr_diary_undelete (diary, id, NULL);

  {
    g_autoptr(GHashTable) history = rr_diary_get_history (diary, now, 14);
    RrDiaryHistory *h = g_hash_table_lookup (history, "left-shin-inner");
    g_autoptr(GArray) trend = rr_diary_get_trend (diary, "left-shin-inner", now, 14);

    g_assert_nonnull (h);
    g_assert_cmpuint (h->days, ==, 4);
    g_assert_cmpint (h->worst, ==, 6);
    g_assert_cmpuint (trend->len, ==, 6);
    g_assert_cmpint (g_array_index (trend, RrDiaryPoint, 0).level, ==, 6);
    g_assert_cmpint (g_array_index (trend, RrDiaryPoint, 0).created, <, g_array_index (trend, RrDiaryPoint, 1).created);
  }
}

/* The export reads back through a real CSV parser with every field intact. */
static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RrDiary) diary = rr_diary_open (f->path, NULL);
  g_autoptr(RrAssessment) two = make_assessment ("left-heel", 3, "morning-worse");
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *tricky = "new shoes, \"fast\" day\nsecond line";
  const char *argv[] = {
    "python3", "-c",
    "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))",
    csv_path, NULL
  };
  JsonArray *rows, *row;
  int status;

  rr_assessment_add_region (two, "right-arch", 1);
  add (diary, 1700000000, "left-knee-front", 6, tricky);
  g_assert_cmpint (rr_diary_add (diary, 1700086400, two, "keep-running", "", -1, -1, NULL), >, 0);

  csv = rr_diary_to_csv (diary, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv_path, csv, -1, NULL));

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  rows = json_node_get_array (json_parser_get_root (parser));

  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  row = json_array_get_array_element (rows, 0);
  g_assert_cmpstr (json_array_get_string_element (row, 0), ==, "date");
  g_assert_cmpstr (json_array_get_string_element (row, 7), ==, "note");

  row = json_array_get_array_element (rows, 1);
  g_assert_cmpuint (json_array_get_length (row), ==, 8);
  g_assert_cmpstr (json_array_get_string_element (row, 1), ==, "stop-and-rest");
  g_assert_cmpstr (json_array_get_string_element (row, 3), ==, "left-knee-front:6");
  g_assert_cmpstr (json_array_get_string_element (row, 4), ==, "limping");
  g_assert_cmpstr (json_array_get_string_element (row, 5), ==, "5.50");
  g_assert_cmpstr (json_array_get_string_element (row, 6), ==, "32");
  g_assert_cmpstr (json_array_get_string_element (row, 7), ==, tricky);

  row = json_array_get_array_element (rows, 2);
  g_assert_cmpstr (json_array_get_string_element (row, 3), ==, "left-heel:3;right-arch:1");
  g_assert_cmpstr (json_array_get_string_element (row, 4), ==, "morning-worse");
  g_assert_cmpstr (json_array_get_string_element (row, 5), ==, "");
  g_assert_true (g_str_has_prefix (json_array_get_string_element (row, 0), "2023-11-1"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/diary/save-reload-edit-delete", test_save_reload_edit_delete);
  ADD ("/diary/migrate-from-v1", test_migrate_from_v1);
  ADD ("/diary/corrupt-file-kept", test_corrupt_file_kept);
  ADD ("/diary/newer-file-kept", test_newer_file_kept);
  ADD ("/diary/locked-file-left-alone", test_locked_file_left_alone);
  ADD ("/diary/set-asides-never-replace", test_set_asides_never_replace);
  ADD ("/diary/deleted-entry-leaves-the-file", test_deleted_entry_leaves_the_file);
  ADD ("/diary/nulls-tolerated", test_nulls_tolerated);
  ADD ("/diary/killed-between-writes", test_killed_between_writes);
  ADD ("/diary/persistence", test_persistence);
  ADD ("/diary/csv-round-trip", test_csv_round_trip);
#undef ADD

  return g_test_run ();
}
