/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rr-diary.h"
#include "rr-diary-item.h"
#include "rr-diary-model.h"

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

static guint
n_entries (void)
{
  /* A diary of ten thousand entries; a thousand under valgrind. */
  return g_getenv ("RR_TEST_QUICK") ? 1000 : 10000;
}

/* A diary of @n entries an hour apart, the newest an hour before @now; note "entry i". */
static RrDiary *
big_diary (Fixture *f,
           guint    n,
           gint64   now)
{
  g_autoptr(GError) error = NULL;
  RrDiary *diary = rr_diary_open (f->path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *note = g_strdup_printf ("entry %u", i);

      add (diary, now - (gint64) (n - i) * 3600, i % 3 ? "left-heel" : "neck", 1 + i % 9, note);
    }
  return diary;
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
  entries = rr_diary_list_range (diary, 0, G_MAXINT, &error);
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
  entries = rr_diary_list_range (diary, 0, G_MAXINT, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_null (rr_diary_get_entry (diary, first, &error));
  g_assert_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (rr_diary_undelete (diary, first, &error));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = rr_diary_list_range (diary, 0, G_MAXINT, NULL);
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
  entries = rr_diary_list_range (diary, 0, G_MAXINT, NULL);
  g_assert_cmpuint (entries->len, ==, 2);

  /* The upgrade was recorded, with the indexes of versions 2 and 3 and the id that
   * says the file is ours. */
  g_clear_object (&diary);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version),"
                            " (SELECT COUNT (*) FROM sqlite_master WHERE name IN"
                            "    ('spots_by_region', 'spots_by_entry', 'symptoms_by_entry')),"
                            " (SELECT application_id FROM pragma_application_id)", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 3);
    g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 0x526f5244);
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
  /* Said in words the runner can act on. */
  g_assert_nonnull (strstr (error->message, "Another program is using the diary"));
  g_assert_nonnull (strstr (error->message, "try again"));
  g_clear_error (&error);
  g_assert_null (find_kept (f->dir, "unreadable"));
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));

  /* Once the lock goes, the diary opens with everything in it. */
  g_assert_cmpint (sqlite3_exec (holder, "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (holder);
  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  entries = rr_diary_list_range (diary, 0, G_MAXINT, NULL);
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
    g_autoptr(GPtrArray) entries = rr_diary_list_range (diary, 0, G_MAXINT, NULL);

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
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); INSERT INTO future VALUES (42); PRAGMA user_version = 99;"
                                     /* A later Run or Rest says the file is its own */
                                     " PRAGMA application_id = 1383027268;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_test_expect_message ("rr-engine", G_LOG_LEVEL_WARNING, "*set aside*newer*");
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
  entries = rr_diary_list_range (diary, 0, G_MAXINT, &error);
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
  entries = rr_diary_list_range (diary, 0, G_MAXINT, &error);
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
typedef struct {
  gboolean  done;
  GError   *error;
  GArray   *steps;          /* each progress report's count */
  GCancellable *cancel_at;  /* cancelled at the first report, when set */
} Export;

static void
export_done_cb (GObject      *diary,
                GAsyncResult *result,
                gpointer      user_data)
{
  Export *export = user_data;

  rr_diary_export_csv_finish (RR_DIARY (diary), result, &export->error);
  export->done = TRUE;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Export *export = user_data;

  g_assert_cmpuint (done, <=, total);
  g_array_append_val (export->steps, done);
  if (export->cancel_at)
    g_cancellable_cancel (export->cancel_at);
}

/* Exports the diary to @path and waits. */
static void
export_to (RrDiary    *diary,
           const char *path,
           Export     *export)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  export->done = FALSE;
  export->steps = g_array_new (FALSE, FALSE, sizeof (guint));
  rr_diary_export_csv_async (diary, file, export->cancel_at, progress_cb, export, export_done_cb, export);
  while (!export->done)
    g_main_context_iteration (NULL, TRUE);
}

/* Reads a CSV file back as Python's csv module does (a spreadsheet's reading). */
static JsonArray *
read_csv (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = {
    "python3", "-c",
    "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))",
    path, NULL
  };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

/* A big diary streams to the file with a hundred progress reports at most, rising to
 * the whole; a cancelled export leaves the file that was there as it was. */
static void
test_csv_streams_and_cancels (Fixture       *f,
                              gconstpointer  data)
{
  guint n = n_entries ();
  g_autoptr(RrDiary) diary = big_diary (f, n, 1800000000);
  g_autofree char *path = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(JsonArray) rows = NULL;
  Export export = { 0 };

  export_to (diary, path, &export);
  g_assert_no_error (export.error);
  g_assert_cmpuint (export.steps->len, >=, 2);
  g_assert_cmpuint (export.steps->len, <=, 100);
  for (guint i = 1; i < export.steps->len; i++)
    g_assert_cmpuint (g_array_index (export.steps, guint, i), >, g_array_index (export.steps, guint, i - 1));
  g_assert_cmpuint (g_array_index (export.steps, guint, export.steps->len - 1), ==, n);
  g_array_unref (export.steps);
  rows = read_csv (path);
  g_assert_cmpuint (json_array_get_length (rows), ==, n + 1);
  {
    g_autofree char *last = g_strdup_printf ("entry %u", n - 1);
    g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, n), 7), ==, last);
  }

  /* Over the same file, cancelled at the first report: the file is untouched. */
  add (diary, 1800000000, "neck", 2, "one more");
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  export.cancel_at = g_cancellable_new ();
  export_to (diary, path, &export);
  g_assert_error (export.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&export.error);
  g_array_unref (export.steps);
  g_object_unref (export.cancel_at);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RrDiary) diary = rr_diary_open (f->path, NULL);
  g_autoptr(RrAssessment) two = make_assessment ("left-heel", 3, "morning-worse");
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "export.csv", NULL);
  g_autoptr(JsonArray) rows = NULL;
  Export export = { 0 };
  const char *tricky = "new shoes, \"fast\" day\nsecond line";
  JsonArray *row;

  rr_assessment_add_region (two, "right-arch", 1);
  add (diary, 1700000000, "left-knee-front", 6, tricky);
  g_assert_cmpint (rr_diary_add (diary, 1700086400, two, "keep-running", "", -1, -1, NULL), >, 0);

  add (diary, 1700090000, "neck", 2, "=HYPERLINK(\"http://x\")");
  add (diary, 1700090100, "neck", 2, "-2+3");
  add (diary, 1700090200, "neck", 2, "@SUM(A1)");
  add (diary, 1700090300, "neck", 2, "\tcmd");
  export_to (diary, csv_path, &export);
  g_assert_no_error (export.error);
  g_array_unref (export.steps);

  rows = read_csv (csv_path);

  g_assert_cmpuint (json_array_get_length (rows), ==, 7);
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

  /* What a spreadsheet would run as a formula stays text. */
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 3), 7), ==, "'=HYPERLINK(\"http://x\")");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 4), 7), ==, "'-2+3");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 5), 7), ==, "'@SUM(A1)");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 6), 7), ==, "'\tcmd");
}


/* ------------------------------------------------------------------------------ */
/* A disk that fails on demand: a wrapper around SQLite's own file system, made the */
/* default, that the diary uses without knowing. No hook in the product code.      */
/* ------------------------------------------------------------------------------ */

typedef enum {
  DISK_OK,
  DISK_FULL,       /* every write fails as a full disk's does */
  DISK_READ_ONLY,  /* a folder no one may write: nothing created, everything opened read-only */
} DiskState;

static DiskState disk_state;
static sqlite3_vfs *real_vfs;

typedef struct {
  sqlite3_file  base;
  sqlite3_file *real;   /* follows this struct, in the same allocation */
} ShimFile;

#define REAL(file) (((ShimFile *) (file))->real)

static int shim_close (sqlite3_file *f) { int rc = REAL (f)->pMethods->xClose (REAL (f)); return rc; }
static int shim_read (sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL (f)->pMethods->xRead (REAL (f), b, n, o); }
static int
shim_write (sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
  if (disk_state == DISK_FULL)
    return SQLITE_FULL;
  if (disk_state == DISK_READ_ONLY)
    return SQLITE_READONLY;
  return REAL (f)->pMethods->xWrite (REAL (f), b, n, o);
}
static int
shim_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  if (disk_state != DISK_OK)
    return SQLITE_IOERR_TRUNCATE;
  return REAL (f)->pMethods->xTruncate (REAL (f), size);
}
static int shim_sync (sqlite3_file *f, int flags) { return REAL (f)->pMethods->xSync (REAL (f), flags); }
static int shim_size (sqlite3_file *f, sqlite3_int64 *size) { return REAL (f)->pMethods->xFileSize (REAL (f), size); }
static int shim_lock (sqlite3_file *f, int l) { return REAL (f)->pMethods->xLock (REAL (f), l); }
static int shim_unlock (sqlite3_file *f, int l) { return REAL (f)->pMethods->xUnlock (REAL (f), l); }
static int shim_reserved (sqlite3_file *f, int *r) { return REAL (f)->pMethods->xCheckReservedLock (REAL (f), r); }
static int shim_control (sqlite3_file *f, int op, void *arg) { return REAL (f)->pMethods->xFileControl (REAL (f), op, arg); }
static int shim_sector (sqlite3_file *f) { return REAL (f)->pMethods->xSectorSize (REAL (f)); }
static int shim_device (sqlite3_file *f) { return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f)); }
static int shim_shm_map (sqlite3_file *f, int i, int sz, int extend, void volatile **p) { return REAL (f)->pMethods->xShmMap (REAL (f), i, sz, extend, p); }
static int shim_shm_lock (sqlite3_file *f, int o, int n, int flags) { return REAL (f)->pMethods->xShmLock (REAL (f), o, n, flags); }
static void shim_shm_barrier (sqlite3_file *f) { REAL (f)->pMethods->xShmBarrier (REAL (f)); }
static int shim_shm_unmap (sqlite3_file *f, int del) { return REAL (f)->pMethods->xShmUnmap (REAL (f), del); }
static int shim_fetch (sqlite3_file *f, sqlite3_int64 o, int n, void **p) { return REAL (f)->pMethods->xFetch (REAL (f), o, n, p); }
static int shim_unfetch (sqlite3_file *f, sqlite3_int64 o, void *p) { return REAL (f)->pMethods->xUnfetch (REAL (f), o, p); }

static const sqlite3_io_methods shim_methods = {
  3, shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_size, shim_lock, shim_unlock,
  shim_reserved, shim_control, shim_sector, shim_device, shim_shm_map, shim_shm_lock, shim_shm_barrier,
  shim_shm_unmap, shim_fetch, shim_unfetch,
};

static int
shim_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  ShimFile *shim = (ShimFile *) file;
  int rc;

  /* What the unix VFS does in a folder it may not write: no new file, and an
   * existing one opened read-only. */
  if (disk_state == DISK_READ_ONLY && (flags & SQLITE_OPEN_READWRITE))
    {
      if (name == NULL || ((flags & SQLITE_OPEN_CREATE) && !g_file_test (name, G_FILE_TEST_EXISTS)))
        return SQLITE_CANTOPEN;
      flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    }
  shim->real = (sqlite3_file *) (shim + 1);
  rc = real_vfs->xOpen (real_vfs, name, shim->real, flags, out_flags);
  file->pMethods = rc == SQLITE_OK && shim->real->pMethods ? &shim_methods : NULL;
  return rc;
}

static int
shim_delete (sqlite3_vfs *vfs, const char *name, int sync)
{
  if (disk_state == DISK_READ_ONLY)
    return SQLITE_IOERR_DELETE;
  return real_vfs->xDelete (real_vfs, name, sync);
}

static int
shim_access (sqlite3_vfs *vfs, const char *name, int what, int *result)
{
  int rc = real_vfs->xAccess (real_vfs, name, what, result);

  if (disk_state == DISK_READ_ONLY && what == SQLITE_ACCESS_READWRITE)
    *result = 0;
  return rc;
}

static int shim_full_pathname (sqlite3_vfs *v, const char *n, int size, char *out) { return real_vfs->xFullPathname (real_vfs, n, size, out); }
static void *shim_dlopen (sqlite3_vfs *v, const char *n) { return real_vfs->xDlOpen (real_vfs, n); }
static void shim_dlerror (sqlite3_vfs *v, int n, char *m) { real_vfs->xDlError (real_vfs, n, m); }
static void (*shim_dlsym (sqlite3_vfs *v, void *h, const char *s)) (void) { return real_vfs->xDlSym (real_vfs, h, s); }
static void shim_dlclose (sqlite3_vfs *v, void *h) { real_vfs->xDlClose (real_vfs, h); }
static int shim_randomness (sqlite3_vfs *v, int n, char *out) { return real_vfs->xRandomness (real_vfs, n, out); }
static int shim_sleep (sqlite3_vfs *v, int us) { return real_vfs->xSleep (real_vfs, us); }
static int shim_time (sqlite3_vfs *v, double *t) { return real_vfs->xCurrentTime (real_vfs, t); }
static int shim_last_error (sqlite3_vfs *v, int n, char *m) { return real_vfs->xGetLastError (real_vfs, n, m); }
static int shim_time64 (sqlite3_vfs *v, sqlite3_int64 *t) { return real_vfs->xCurrentTimeInt64 (real_vfs, t); }

static void
install_disk (void)
{
  static sqlite3_vfs shim;

  real_vfs = sqlite3_vfs_find (NULL);
  shim = (sqlite3_vfs) {
    2, (int) sizeof (ShimFile) + real_vfs->szOsFile, real_vfs->mxPathname, NULL, "failing-disk", NULL,
    shim_open, shim_delete, shim_access, shim_full_pathname, shim_dlopen, shim_dlerror, shim_dlsym,
    shim_dlclose, shim_randomness, shim_sleep, shim_time, shim_last_error, shim_time64,
  };
  g_assert_cmpint (sqlite3_vfs_register (&shim, 1), ==, SQLITE_OK);
}

static guint
count_entries (RrDiary *diary)
{
  g_autoptr(GPtrArray) entries = rr_diary_list_range (diary, 0, G_MAXINT, NULL);

  g_assert_nonnull (entries);
  return entries->len;
}

/* A diary of @n entries, closed. */
static void
write_diary (Fixture *f,
             guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) diary = rr_diary_open (f->path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    add (diary, 1700000000 + i * 3600, "left-heel", 1 + i % 10, NULL);
}

/* Only the diary itself in its folder: nothing was set aside. */
static void
assert_nothing_set_aside (Fixture *f)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)))
    g_assert_true (g_str_has_prefix (name, "diary.sqlite") && !g_str_has_prefix (name, "diary.sqlite."));
}

/* A full disk at start-up and at a save: the healthy diary stays where it is with all
 * its entries, the runner is told what to do, and once there is room again it all
 * goes on. It was once renamed aside, and the app started empty. */
static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) diary = NULL;
  g_autoptr(RrAssessment) a = make_assessment ("left-heel", 4, NULL);

  write_diary (f, 105);

  disk_state = DISK_FULL;
  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (rr_diary_get_notice (diary));
  g_assert_cmpuint (count_entries (diary), ==, 105);
  g_assert_cmpint (rr_diary_add (diary, 1800000000, a, "ease-off", "", -1, -1, &error), <, 0);
  g_assert_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, "free some space"));
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (diary), ==, 105);
  assert_nothing_set_aside (f);

  disk_state = DISK_OK;
  add (diary, 1800000000, "left-heel", 4, NULL);
  g_assert_cmpuint (count_entries (diary), ==, 106);
}

/* A full disk when the diary needs an upgrade (written by the previous version): it
 * cannot be changed, so it is opened read-only, untouched, and says why. */
static void
test_full_disk_upgrade (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) diary = NULL;
  g_autoptr(RrAssessment) a = make_assessment ("left-heel", 4, NULL);
  sqlite3 *db = NULL;

  write_diary (f, 12);
  /* As version 2 left it. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP INDEX spots_by_entry; DROP INDEX symptoms_by_entry; DROP INDEX entries_shown;"
                                     " DROP TABLE shown; DROP TRIGGER shown_on_insert; DROP TRIGGER shown_on_hide;"
                                     " DROP TRIGGER shown_on_delete;"
                                     " PRAGMA user_version = 2; PRAGMA application_id = 0;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  disk_state = DISK_FULL;
  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rr_diary_get_read_only (diary));
  g_assert_nonnull (strstr (rr_diary_get_read_only (diary), "disk is full"));
  g_assert_cmpuint (count_entries (diary), ==, 12);
  g_assert_cmpint (rr_diary_add (diary, 1800000000, a, "ease-off", "", -1, -1, &error), <, 0);
  g_assert_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&diary);
  disk_state = DISK_OK;
  assert_nothing_set_aside (f);

  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (rr_diary_get_read_only (diary));
  g_assert_cmpuint (count_entries (diary), ==, 12);
}

/* A folder no one may write (a read-only mount, a wrong permission): the diary is
 * read, not set aside; nothing can be saved, and the runner is told why. As a normal
 * user the folder really is made read-only; as root, which may write anywhere, the
 * failing disk plays it. */
static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) diary = NULL;
  g_autoptr(RrAssessment) a = make_assessment ("left-heel", 4, NULL);
  gboolean root = geteuid () == 0;

  write_diary (f, 20);
  if (root)
    disk_state = DISK_READ_ONLY;
  else
    g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);

  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (rr_diary_get_notice (diary));
  g_assert_nonnull (rr_diary_get_read_only (diary));
  g_assert_nonnull (strstr (rr_diary_get_read_only (diary), "cannot be written to"));
  g_assert_cmpuint (count_entries (diary), ==, 20);
  g_assert_cmpint (rr_diary_add (diary, 1800000000, a, "ease-off", "", -1, -1, &error), <, 0);
  g_assert_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (rr_diary_delete (diary, 1, &error));
  g_assert_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&diary);

  disk_state = DISK_OK;
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  assert_nothing_set_aside (f);
  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (diary), ==, 20);
}

static char *
read_all (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* A healthy database of another program's at the diary's place (no entries table, a
 * table of the same name but other columns, another version, another application id)
 * is never changed: it is kept byte for byte under another name, the runner is told,
 * and a new diary starts. Our tables were once added to it and our entries written in. */
static void
test_foreign_database_untouched (Fixture       *f,
                                 gconstpointer  data)
{
  static const char * const foreign[] = {
    "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT);",
    "CREATE TABLE entries (id INTEGER PRIMARY KEY, title TEXT, body TEXT); PRAGMA user_version = 1;",
    "CREATE TABLE entries (id INTEGER PRIMARY KEY, created INTEGER, pain INTEGER, verdict TEXT, note TEXT,"
    "  distance_km REAL, duration_min INTEGER, deleted INTEGER); PRAGMA user_version = 40;",
    "CREATE TABLE notes (id INTEGER PRIMARY KEY); PRAGMA application_id = 1234;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RrDiary) diary = NULL;
      g_autofree char *before = NULL, *after = NULL, *kept = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, foreign[i], NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      before = read_all (f->path);

      g_test_expect_message ("rr-engine", G_LOG_LEVEL_WARNING, "*set aside*not-a-diary*");
      diary = rr_diary_open (f->path, &error);
      g_test_assert_expected_messages ();
      g_assert_no_error (error);
      g_assert_nonnull (rr_diary_get_notice (diary));
      g_assert_nonnull (strstr (rr_diary_get_notice (diary), "another program"));
      g_assert_cmpuint (count_entries (diary), ==, 0);
      add (diary, 1700000000, "neck", 2, NULL);
      g_clear_object (&diary);

      kept = find_kept (f->dir, "not-a-diary");
      g_assert_nonnull (kept);
      after = read_all (kept);
      g_assert_cmpmem (before, strlen (before), after, strlen (after));
      /* The new diary is known as ours from then on. */
      diary = rr_diary_open (f->path, &error);
      g_assert_no_error (error);
      g_assert_null (rr_diary_get_notice (diary));
      g_assert_cmpuint (count_entries (diary), ==, 1);
      g_clear_object (&diary);
      remove_all (f->dir);
      g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
    }
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

/* Damage deep in the file, which the quick look at start-up does not read: the check
 * of every page, after the diary opened, finds it, keeps the file aside byte for byte
 * and starts a new diary, and says so. */
static void
test_damage_found_later (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) diary = NULL;
  g_autofree char *contents = NULL, *kept = NULL, *kept_contents = NULL;
  gsize length;
  gboolean told = FALSE;

  write_diary (f, 2000);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 40 * 4096);
  /* Two pages in the middle, overwritten. */
  memset (contents + (length / 4096 / 2) * 4096, 0x5a, 2 * 4096);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));

  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (rr_diary_get_notice (diary));
  g_signal_connect_swapped (diary, "notify::notice", G_CALLBACK (set_true), &told);
  g_test_expect_message ("rr-engine", G_LOG_LEVEL_WARNING, "*set aside*unreadable*");
  while (!told)
    g_main_context_iteration (NULL, TRUE);
  g_test_assert_expected_messages ();

  g_assert_nonnull (strstr (rr_diary_get_notice (diary), "damaged"));
  kept = find_kept (f->dir, "unreadable");
  g_assert_nonnull (kept);
  g_assert_true (g_file_get_contents (kept, &kept_contents, NULL, NULL));
  g_assert_true (memcmp (contents, kept_contents, length) == 0);
  g_assert_null (rr_diary_get_read_only (diary));
  g_assert_cmpuint (count_entries (diary), ==, 0);
  add (diary, 1800000000, "neck", 2, NULL);
  g_assert_cmpuint (count_entries (diary), ==, 1);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Another window or program writing the same diary is heard: lists never go stale
 * until their own next change. */
static void
test_other_writer_heard (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RrDiary) mine = rr_diary_open (f->path, &error);
  g_autoptr(RrDiary) other = rr_diary_open (f->path, &error);
  guint heard_mine = 0, heard_other = 0;
  gint64 id;

  g_assert_no_error (error);
  g_signal_connect_swapped (mine, "changed", G_CALLBACK (count_cb), &heard_mine);
  g_signal_connect_swapped (other, "changed", G_CALLBACK (count_cb), &heard_other);

  /* Its own change, at once. */
  id = add (mine, 1700000000, "left-heel", 3, NULL);
  g_assert_cmpuint (heard_mine, ==, 1);

  /* The other, as soon as the file tells. */
  while (heard_other == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_entries (other), ==, 1);

  g_assert_true (rr_diary_delete (other, id, NULL));
  while (heard_mine == 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_entries (mine), ==, 0);
}

/* One of the soak test's two processes: opens the diary, saves three entries, deletes
 * one of them, closes it, again and again. It prints what it committed, only once
 * the diary said it was done: "+ note" saved, "- note" deleted. */
static int
soak_worker (const char *path,
             const char *name,
             guint       rounds)
{
  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RrDiary) diary = rr_diary_open (path, &error);
      gint64 ids[3];
      char notes[3][64];

      if (diary == NULL || rr_diary_get_read_only (diary))
        continue;   /* the other process holds it just now: a later round will do */
      if (rr_diary_get_notice (diary))
        {
          g_printerr ("%s: the diary was set aside: %s\n", name, rr_diary_get_notice (diary));
          return 1;
        }
      for (guint k = 0; k < 3; k++)
        {
          g_autoptr(RrAssessment) a = make_assessment ("left-knee-front", 1 + (round + k) % 10, "swelling");

          g_snprintf (notes[k], sizeof notes[k], "%s-%u-%u", name, round, k);
          ids[k] = rr_diary_add (diary, 1700000000 + round * 60 + k, a, "ease-off", notes[k], -1, -1, NULL);
          if (ids[k] > 0)
            g_print ("+ %s\n", notes[k]);
        }
      if (ids[1] > 0 && rr_diary_delete (diary, ids[1], NULL))
        g_print ("- %s\n", notes[1]);
    }
  return 0;
}

/* Two processes opening, writing, deleting and closing the same diary, a few thousand
 * operations between them: at the end every entry either committed is there exactly
 * once, no deleted one is, nothing was set aside, and the file is whole. */
static void
test_two_processes_soak (Fixture       *f,
                         gconstpointer  data)
{
  const char *names[] = { "one", "two" };
  GSubprocess *workers[G_N_ELEMENTS (names)];
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(RrDiary) diary = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint saved = 0;
  /* About 2 × 400 × 6 operations; a tenth under valgrind, which runs the workers too. */
  guint rounds = g_getenv ("RR_TEST_QUICK") ? 40 : 400;
  g_autofree char *rounds_arg = g_strdup_printf ("%u", rounds);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      workers[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_test_get_filename (G_TEST_BUILT, "test-diary", NULL),
                                     "--soak-worker", f->path, names[i], rounds_arg, NULL);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_subprocess_communicate_utf8 (workers[i], NULL, NULL, &out, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (workers[i]));
      g_assert_cmpint (g_subprocess_get_exit_status (workers[i]), ==, 0);
      lines = g_strsplit (out, "\n", -1);
      for (guint j = 0; lines[j]; j++)
        if (g_str_has_prefix (lines[j], "+ "))
          {
            g_hash_table_insert (expected, g_strdup (lines[j] + 2), GINT_TO_POINTER (1));
            saved++;
          }
        else if (g_str_has_prefix (lines[j], "- "))
          g_hash_table_insert (expected, g_strdup (lines[j] + 2), GINT_TO_POINTER (0));
      g_object_unref (workers[i]);
    }
  /* Both did most of their work: the test measured something. */
  g_test_message ("%u entries saved", saved);
  g_assert_cmpuint (saved, >, 2 * 3 * rounds * 3 / 4);

  assert_nothing_set_aside (f);
  diary = rr_diary_open (f->path, &error);
  g_assert_no_error (error);
  entries = rr_diary_list_range (diary, 0, G_MAXINT, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      RrDiaryEntry *e = g_ptr_array_index (entries, i);

      g_assert_false (g_hash_table_contains (seen, e->note));
      g_hash_table_add (seen, e->note);
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (expected, e->note)), ==, 1);
    }
  {
    GHashTableIter iter;
    gpointer note, present;

    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, &note, &present))
      g_assert_cmpint (g_hash_table_contains (seen, note), ==, GPOINTER_TO_INT (present));
  }

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* ------------------------------------------------------------------------------ */
/* The paged model, and the queries behind it                                      */
/* ------------------------------------------------------------------------------ */

typedef struct {
  guint position, removed, added, calls;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  *change = (Change) { position, removed, added, change->calls + 1 };
}

static gint64
id_at (RrDiaryModel *model,
       guint         position)
{
  g_autoptr(RrDiaryItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (item);
  return rr_diary_item_get_id (item);
}

/* The entry list reads pages as it is asked, newest first, holds a few pages whatever
 * the size, and says each change as the rows it touches: a save is one row in at the
 * top, a delete one row out where it was, an undo that row back, a note changes the
 * item in place. */
static void
test_model_pages (Fixture       *f,
                  gconstpointer  data)
{
  guint n = n_entries ();
  gint64 now = 1800000000;
  g_autoptr(RrDiary) diary = big_diary (f, n, now);
  g_autoptr(RrDiaryModel) model = rr_diary_model_new (diary);
  g_autoptr(RrDiaryItem) kept = NULL;
  Change change = { 0 };
  gint64 previous = G_MAXINT64, id, newest;
  guint notified = 0;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == RR_TYPE_DIARY_ITEM);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));

  /* Every entry once, newest first, in pages: what is held never grows with the diary. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RrDiaryItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      const RrDiaryEntry *entry = rr_diary_item_get_entry (item);
      g_autofree char *note = g_strdup_printf ("entry %u", n - 1 - i);

      g_assert_cmpint (entry->created, <, previous);
      g_assert_cmpstr (entry->note, ==, note);
      previous = entry->created;
      g_assert_cmpuint (rr_diary_model_get_n_cached (model), <=, 400);
    }
  g_assert_cmpuint (rr_diary_model_get_n_cached (model), >=, 50);

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &change);

  /* A save: one row in, at the top, where the list was looking. */
  id_at (model, 0);
  newest = add (diary, now, "right-knee-front", 6, "just now");
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n + 1);
  g_assert_cmpint (id_at (model, 0), ==, newest);

  /* A delete in the middle of the diary, where the list shows it. */
  id = id_at (model, n / 2);
  g_assert_true (rr_diary_delete (diary, id, NULL));
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, n / 2);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpint (id_at (model, n / 2), !=, id);

  /* Undo: the row comes back where it was. */
  g_assert_true (rr_diary_undelete (diary, id, NULL));
  g_assert_cmpuint (change.calls, ==, 3);
  g_assert_cmpuint (change.position, ==, n / 2);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpint (id_at (model, n / 2), ==, id);

  /* A note: the same item, told of its new note; no row replaced. */
  kept = g_list_model_get_item (G_LIST_MODEL (model), 3);
  g_signal_connect_swapped (kept, "notify::note", G_CALLBACK (count_cb), &notified);
  g_assert_true (rr_diary_set_note (diary, rr_diary_item_get_id (kept), "knee fine", NULL));
  g_assert_cmpuint (change.calls, ==, 3);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (rr_diary_item_get_note (kept), ==, "knee fine");
  {
    g_autoptr(RrDiaryItem) again = g_list_model_get_item (G_LIST_MODEL (model), 3);
    g_assert_true (again == kept);
  }

  /* The oldest entry, after all that. */
  {
    g_autoptr(RrDiaryItem) oldest = g_list_model_get_item (G_LIST_MODEL (model), n);
    g_assert_cmpstr (rr_diary_item_get_note (oldest), ==, "entry 0");
  }
}

/* The ids of the entries shown, newest first, as SQLite orders them with no index
 * and no paging: what every way of reading a range must agree with. */
static GArray *
ordered_ids (const char *path)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM entries NOT INDEXED WHERE deleted = 0 "
                                           "ORDER BY created DESC, id DESC", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

static void
assert_range (RrDiary      *diary,
              const GArray *ids,
              guint         offset,
              guint         limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = rr_diary_list_range (diary, offset, limit, &error);
  guint expected = offset >= ids->len ? 0 : MIN (limit, ids->len - offset);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, expected);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpint (((RrDiaryEntry *) entries->pdata[i])->id, ==, g_array_index (ids, gint64, offset + i));
}

/* A range read from the oldest end, or next to a page already read, is the range read
 * newest first by position: the same entries in the same order, entries saved at the
 * same second (ordered by id) and hidden ones included, across page boundaries. */
static void
test_far_pages_same_order (Fixture       *f,
                           gconstpointer  data)
{
  guint n = n_entries ();
  gint64 now = 1800000000;
  g_autoptr(RrDiary) diary = big_diary (f, n, now);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(RrDiaryModel) model = NULL;
  gint64 oldest = now - (gint64) n * 3600;
  gint64 hidden;
  guint total;

  /* Ties: at the oldest second, at the second of the 48th to 53rd oldest (across
   * where pages counted from either end meet), in the middle and at the newest. */
  for (guint k = 0; k < 7; k++)
    add (diary, oldest, "neck", 2, "tie oldest");
  for (guint i = 47; i < 53; i++)
    for (guint k = 0; k < 3; k++)
      add (diary, oldest + (gint64) i * 3600, "neck", 3, "tie near the oldest");
  for (guint k = 0; k < 60; k++)
    add (diary, oldest + (gint64) (n / 2) * 3600, "left-heel", 4, "tie in the middle");
  for (guint k = 0; k < 4; k++)
    add (diary, now - 3600, "neck", 5, "tie newest");
  /* Hidden entries count for neither end. */
  hidden = add (diary, oldest, "neck", 1, "hidden tie");
  g_assert_true (rr_diary_delete (diary, hidden, NULL));
  g_assert_true (rr_diary_delete (diary, add (diary, oldest + 3600, "neck", 1, NULL), NULL));

  ids = ordered_ids (f->path);
  total = ids->len;
  g_assert_cmpuint (total, ==, n + 7 + 18 + 60 + 4);
  g_assert_cmpuint (rr_diary_count (diary), ==, total);

  /* Every page, as the model asks for them, and ranges that start off the pages,
   * reach past the end or start past it. */
  for (guint offset = 0; offset < total; offset += 50)
    assert_range (diary, ids, offset, 50);
  for (guint offset = 0; offset < 120; offset++)
    {
      assert_range (diary, ids, total - 1 - offset, 50);
      assert_range (diary, ids, total / 2 - 60 + offset, 37);
      assert_range (diary, ids, offset, 13);
    }
  assert_range (diary, ids, total, 50);
  assert_range (diary, ids, total + 5, 50);
  assert_range (diary, ids, 0, G_MAXINT);
  assert_range (diary, ids, total / 2, G_MAXINT);
  assert_range (diary, ids, total - 3, G_MAXINT);

  /* The model: straight to the oldest entry, then every row upwards (each page read
   * before the one held), then downwards again on a fresh model (after the one held),
   * then pages far apart. */
  model = rr_diary_model_new (diary);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, total);
  for (guint i = total; i-- > 0;)
    g_assert_cmpint (id_at (model, i), ==, g_array_index (ids, gint64, i));
  g_clear_object (&model);
  model = rr_diary_model_new (diary);
  for (guint i = 0; i < total; i++)
    g_assert_cmpint (id_at (model, i), ==, g_array_index (ids, gint64, i));
  g_clear_object (&model);
  model = rr_diary_model_new (diary);
  for (guint k = 0; k < 200; k++)
    {
      guint i = (guint) (((guint64) k * 7919) % total);

      g_assert_cmpint (id_at (model, i), ==, g_array_index (ids, gint64, i));
    }
}

static int
trace_cb (unsigned    type,
          void       *context,
          void       *statement,
          void       *sql)
{
  const char *text = sqlite3_sql (statement);

  if (text)
    g_ptr_array_add (context, g_strdup (text));
  return 0;
}

static GPtrArray *traced;

static int
trace_connection (sqlite3                     *db,
                  char                       **message,
                  const sqlite3_api_routines  *api)
{
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_cb, traced);
  return SQLITE_OK;
}

/* Every query the app runs to start, save, and show and scroll the diary page uses an
 * index: none scans the entries, their spots or their symptoms (EXPLAIN QUERY PLAN
 * of each, as the app ran it). They once scanned spots for every entry listed. */
static void
test_queries_use_indexes (Fixture       *f,
                          gconstpointer  data)
{
  gint64 now = 1800000000;
  g_autoptr(RrDiary) diary = NULL;
  g_autoptr(RrDiaryModel) model = NULL;
  g_autoptr(GHashTable) history = NULL, persistent = NULL;
  g_autoptr(GArray) trend = NULL;
  g_autoptr(RrDiaryEntry) entry = NULL;
  g_autoptr(RrDiaryItem) oldest = NULL;
  g_autoptr(GPtrArray) far = NULL;
  sqlite3 *db = NULL;
  guint checked = 0;
  gint64 id;

  g_clear_object (&diary);
  diary = big_diary (f, 300, now);
  g_clear_object (&diary);

  traced = g_ptr_array_new_with_free_func (g_free);
  sqlite3_auto_extension ((void (*) (void)) trace_connection);

  /* Start, the page, a scroll to the end, a save, an edit, a delete and its undo. */
  diary = rr_diary_open (f->path, NULL);
  history = rr_diary_get_history (diary, now, 14);
  persistent = rr_diary_get_persistent (diary, now);
  trend = rr_diary_get_trend (diary, "left-heel", now, 14);
  model = rr_diary_model_new (diary);
  id_at (model, 0);
  id_at (model, 60);    /* the page after one held */
  oldest = g_list_model_get_item (G_LIST_MODEL (model), 299);
  id_at (model, 240);   /* the page before one held */
  far = rr_diary_list_range (diary, 280, 50, NULL);    /* from the oldest end */
  g_assert_cmpuint (far->len, ==, 20);
  id = add (diary, now, "neck", 3, NULL);
  entry = rr_diary_get_entry (diary, id, NULL);
  g_assert_true (rr_diary_set_note (diary, id, "later", NULL));
  g_assert_true (rr_diary_delete (diary, id, NULL));
  g_assert_true (rr_diary_undelete (diary, id, NULL));
  g_clear_object (&model);
  g_clear_object (&diary);
  sqlite3_cancel_auto_extension ((void (*) (void)) trace_connection);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < traced->len; i++)
    {
      const char *sql = g_ptr_array_index (traced, i);
      g_autofree char *explain = NULL;
      sqlite3_stmt *stmt = NULL;

      if (!g_str_has_prefix (sql, "SELECT") && !g_str_has_prefix (sql, "UPDATE") && !g_str_has_prefix (sql, "DELETE"))
        continue;
      explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
      g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *detail = (const char *) sqlite3_column_text (stmt, 3);

          if (g_str_has_prefix (detail, "SCAN entries") || g_str_has_prefix (detail, "SCAN spots") ||
              g_str_has_prefix (detail, "SCAN symptoms"))
            g_error ("%s\n  scans: %s", sql, detail);
        }
      sqlite3_finalize (stmt);
      checked++;
    }
  sqlite3_close (db);
  g_test_message ("%u queries checked", checked);
  g_assert_cmpuint (checked, >=, 10);
  g_clear_pointer (&traced, g_ptr_array_unref);
}

int
main (int argc, char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--soak-worker"))
    return soak_worker (argv[2], argv[3], atoi (argv[4]));

  g_test_init (&argc, &argv, NULL);
  install_disk ();

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
  ADD ("/diary/full-disk", test_full_disk);
  ADD ("/diary/full-disk-upgrade", test_full_disk_upgrade);
  ADD ("/diary/read-only-folder", test_read_only_folder);
  ADD ("/diary/foreign-database-untouched", test_foreign_database_untouched);
  ADD ("/diary/other-writer-heard", test_other_writer_heard);
  ADD ("/diary/damage-found-later", test_damage_found_later);
  ADD ("/diary/two-processes-soak", test_two_processes_soak);
  ADD ("/diary/model-pages", test_model_pages);
  ADD ("/diary/far-pages-same-order", test_far_pages_same_order);
  ADD ("/diary/queries-use-indexes", test_queries_use_indexes);
  ADD ("/diary/csv-streams-and-cancels", test_csv_streams_and_cancels);
#undef ADD

  return g_test_run ();
}
