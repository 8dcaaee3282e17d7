/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "rr-diary.h"

/* The pain diary: every saved assessment, kept in an SQLite file in the user's data
 * folder (the Flatpak keeps that in its sandbox). Nothing leaves the machine.
 *
 * Safety first: every write is one transaction, the journal is a WAL with full sync.
 * A file proven unusable (damaged, written by a newer version, another program's
 * database) is never changed or replaced: it is renamed aside under a name no other
 * file has, a new diary is started, and the notice says so. A healthy file behind a
 * passing problem (a lock, a full disk, a read-only folder) is never set aside: it
 * is opened read-only, or not at all, and the runner is told why. */

struct _RrDiary
{
  GObject       parent_instance;

  sqlite3      *db;
  char         *path;
  char         *notice;
  char         *read_only;     /* why nothing can be written just now, or NULL */
  GArray       *deleted;       /* gint64 ids this diary hid, which "Undo" may still bring back */
  GFileMonitor *monitor;       /* the diary's folder: other windows and programs writing */
  GMainContext *context;       /* where the diary was opened, and answers */
  GThread      *checker;       /* the check of every page, while it runs */
  GMutex        check_lock;
  sqlite3      *check_db;      /* its connection, to interrupt it */
  gpointer      check_result;  /* for the thread to fill and hand back */
  int           data_version;  /* SQLite's count of other connections' commits, as last seen */
  guint         change_idle;
};

G_DEFINE_FINAL_TYPE (RrDiary, rr_diary, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* PRAGMA application_id of every diary ("RoRD"): how a file says it is ours. */
#define RR_DIARY_APPLICATION_ID 0x526f5244

G_DEFINE_QUARK (rr-diary-error-quark, rr_diary_error)

G_DEFINE_BOXED_TYPE (RrDiaryEntry, rr_diary_entry, rr_diary_entry_copy, rr_diary_entry_free)

/* Each step takes the schema from one version to the next; user_version says how far
 * a file has come. Never edit a step once released: add one. */
static const char * const migrations[] = {
  /* 1: the first diary */
  "CREATE TABLE entries ("
  "  id INTEGER PRIMARY KEY,"
  "  created INTEGER NOT NULL,"
  "  pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),"
  "  verdict TEXT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  distance_km REAL,"
  "  duration_min INTEGER,"
  "  deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE spots ("
  "  entry INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  region TEXT NOT NULL,"
  "  level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 10));"
  "CREATE TABLE symptoms ("
  "  entry INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  symptom TEXT NOT NULL);",
  /* 2: the history and the persistence rule look spots up by region and time */
  "CREATE INDEX spots_by_region ON spots (region, entry);"
  "CREATE INDEX entries_by_time ON entries (created);",
  /* 3: an entry's spots and symptoms are read by entry (a scan of both tables per
   * entry made listing the diary quadratic), and the entries shown, newest first, a
   * page at a time */
  "CREATE INDEX spots_by_entry ON spots (entry, position);"
  "CREATE INDEX symptoms_by_entry ON symptoms (entry, position);"
  "CREATE INDEX entries_shown ON entries (deleted, created, id);"
  /* ... and how many are shown, kept by the file itself: counting them took a look at
   * every entry, at each save */
  "CREATE TABLE shown (n INTEGER NOT NULL);"
  "INSERT INTO shown SELECT count (*) FROM entries WHERE deleted = 0;"
  "CREATE TRIGGER shown_on_insert AFTER INSERT ON entries WHEN NEW.deleted = 0"
  "  BEGIN UPDATE shown SET n = n + 1; END;"
  "CREATE TRIGGER shown_on_hide AFTER UPDATE OF deleted ON entries WHEN (OLD.deleted = 0) != (NEW.deleted = 0)"
  "  BEGIN UPDATE shown SET n = n + CASE WHEN NEW.deleted = 0 THEN 1 ELSE -1 END; END;"
  "CREATE TRIGGER shown_on_delete AFTER DELETE ON entries WHEN OLD.deleted = 0"
  "  BEGIN UPDATE shown SET n = n - 1; END;",
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

RrDiaryEntry *
rr_diary_entry_copy (const RrDiaryEntry *entry)
{
  RrDiaryEntry *copy = g_new0 (RrDiaryEntry, 1);

  *copy = *entry;
  copy->verdict = g_strdup (entry->verdict);
  copy->note = g_strdup (entry->note);
  copy->assessment = rr_assessment_copy (entry->assessment);
  return copy;
}

void
rr_diary_entry_free (RrDiaryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->verdict);
  g_free (entry->note);
  g_clear_object (&entry->assessment);
  g_free (entry);
}

static void purge (RrDiary *self, const char *condition, gint64 id);
static void stop_check (RrDiary *self);

static void
rr_diary_finalize (GObject *object)
{
  RrDiary *self = RR_DIARY (object);

  stop_check (self);
  g_mutex_clear (&self->check_lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_handle_id (&self->change_idle, g_source_remove);
  if (self->monitor)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);

  /* Closing the diary ends the chance to undo: what it hid is gone from the file. */
  for (guint i = 0; self->db && i < self->deleted->len; i++)
    purge (self, "id = ?", g_array_index (self->deleted, gint64, i));
  g_array_unref (self->deleted);
  if (self->db)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->notice);
  g_free (self->read_only);

  G_OBJECT_CLASS (rr_diary_parent_class)->finalize (object);
}

static void
rr_diary_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_NOTICE:
      g_value_set_string (value, RR_DIARY (object)->notice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_diary_class_init (RrDiaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rr_diary_finalize;
  G_OBJECT_CLASS (klass)->get_property = rr_diary_get_property;

  /**
   * RrDiary:notice:
   *
   * A message for the runner when the diary had to be set aside (at start-up, or when
   * the check of its pages found damage), or %NULL.
   */
  properties[PROP_NOTICE] = g_param_spec_string ("notice", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);

  /**
   * RrDiary::changed:
   *
   * The entries changed: through this object, or through another window or program
   * writing the same file.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rr_diary_init (RrDiary *self)
{
  self->deleted = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->check_lock);
}

/* What went wrong, said to the runner: the cause and what they can do about it.
 * SQLite's own words go to the log, for a bug report. */
static const char *
explain (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_FULL:
      return _("The disk is full: free some space, then try again.");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return _("Another program is using the diary just now: try again in a moment.");
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return _("The diary's folder cannot be written to: check that you may change files there, "
               "then start Run or Rest again.");
    case SQLITE_IOERR:
      return _("The disk could not be read or written: check the disk, then try again.");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return _("The diary file is damaged: start Run or Rest again, and it will keep the damaged "
               "file aside and start a new diary.");
    default:
      return _("Something unexpected went wrong: start Run or Rest again, and if it happens again, "
               "please report it.");
    }
}

static int
error_code (sqlite3 *db)
{
  return db ? sqlite3_extended_errcode (db) : SQLITE_CANTOPEN;
}

static gboolean
db_error (sqlite3     *db,
          GError     **error,
          const char  *what)
{
  g_debug ("Diary: %s: %s", what, db ? sqlite3_errmsg (db) : "no database");
  g_set_error_literal (error, RR_DIARY_ERROR, RR_DIARY_ERROR_DATABASE, explain (error_code (db)));
  return FALSE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (db, error, sql);
  return TRUE;
}

static sqlite3_stmt *
prepare (RrDiary     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (self->db, error, "prepare");
      return NULL;
    }
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Runs @func from @context, whoever iterates it, never in the calling thread:
 * g_main_context_invoke() would call it at once in a worker thread whenever no one
 * held the context, and a diary could then finalize there. */
static void
in_context (GMainContext   *context,
            GSourceFunc     func,
            gpointer        data,
            GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_attach (source, context);
  g_source_unref (source);
}

/* Runs @sql and returns the first column of its first row as an integer. */
static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    return db_error (db, error, sql);
  *value = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* What a look at an existing file found. */
typedef enum {
  FILE_OK,        /* a diary of ours, this version or an older one */
  FILE_PASSING,   /* no look possible now: a lock, a full disk, a read-only folder, I/O */
  FILE_DAMAGED,   /* not a database, or its integrity check failed */
  FILE_NEWER,     /* a diary written by a newer version */
  FILE_FOREIGN,   /* a healthy database of another program's */
} FileState;

/* Whether a failed look proves the file is no diary of ours (damaged, or not a
 * database at all), rather than something passing. */
static FileState
failed_look (sqlite3 *db)
{
  int code = error_code (db) & 0xff;

  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? FILE_DAMAGED : FILE_PASSING;
}

/* A file without our application_id is ours only if it is empty, or if it has the
 * tables and columns an older Run or Rest wrote (before the id was set). */
static gboolean
looks_like_ours (sqlite3 *db,
                 int      version)
{
  int tables = 0, columns = 0;

  if (version == 0)
    return query_int (db, "SELECT count (*) FROM sqlite_master", &tables, NULL) && tables == 0;
  return query_int (db,
                    "SELECT (SELECT count (*) FROM pragma_table_info ('entries') WHERE name IN"
                    "         ('id', 'created', 'pain', 'verdict', 'note', 'distance_km', 'duration_min', 'deleted'))"
                    "     + (SELECT count (*) FROM pragma_table_info ('spots') WHERE name IN"
                    "         ('entry', 'position', 'region', 'level'))"
                    "     + (SELECT count (*) FROM pragma_table_info ('symptoms') WHERE name IN"
                    "         ('entry', 'position', 'symptom'))", &columns, NULL) && columns == 15;
}

/* Looks at an existing file read-only, changing nothing. *code is SQLite's reason
 * when the look was not possible. */
static FileState
check_existing (const char *path,
                int        *code)
{
  sqlite3 *db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version = 0, application_id = 0;
  FileState state;

  *code = SQLITE_OK;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      state = failed_look (db);
      goto out;
    }
  /* Another program (a second window closing, a backup) may hold a lock briefly. */
  sqlite3_busy_timeout (db, 2000);
  /* One read transaction: every look below sees the same moment of the file. Apart,
   * a diary another process was creating could read as version 0 with no tables,
   * then with tables: not a diary of ours, and it was set aside (the two-process soak
   * test, under valgrind). */
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
      !query_int (db, "PRAGMA user_version", &version, NULL) ||
      !query_int (db, "PRAGMA application_id", &application_id, NULL))
    {
      state = failed_look (db);
      goto out;
    }
  /* The schema is read whole here: a damaged one is caught now. The pages of the
   * entries are checked after the window is up (check_pages), whatever their number. */
  if (sqlite3_prepare_v2 (db, "SELECT count (*) FROM sqlite_master", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      state = failed_look (db);
      goto out;
    }
  if (application_id != RR_DIARY_APPLICATION_ID &&
           (application_id != 0 || version > SCHEMA_VERSION || !looks_like_ours (db, version)))
    state = FILE_FOREIGN;
  else if (version > SCHEMA_VERSION)
    state = FILE_NEWER;
  else
    state = FILE_OK;

out:
  if (state == FILE_PASSING)
    *code = error_code (db);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (db && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return state;
}

/* Moves @from to @to unless @to exists: a hard link fails rather than replace. */
static gboolean
move_without_replacing (const char *from,
                        const char *to)
{
  if (link (from, to) != 0)
    return FALSE;
  return g_unlink (from) == 0;
}

/* Keeps a file we cannot use, under a new name that no other file has; never deletes
 * it, never replaces another. */
static char *
move_aside (const char *path,
            const char *why)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *kept = NULL;
  static const char * const companions[] = { "-wal", "-shm", "-journal" };

  for (guint n = 1; kept == NULL && n < 1000; n++)
    {
      char *name = n == 1 ? g_strdup_printf ("%s.%s-%s", path, why, stamp)
                          : g_strdup_printf ("%s.%s-%s-%u", path, why, stamp, n);

      if (move_without_replacing (path, name))
        kept = name;
      else if (errno == EEXIST)
        g_free (name);
      else
        {
          g_free (name);
          return NULL;
        }
    }
  if (kept == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (kept, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        move_without_replacing (from, to);
    }
  return kept;
}

static gboolean
migrate (RrDiary  *self,
         GError  **error)
{
  int version;

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!query_int (self->db, "PRAGMA user_version", &version, error))
    goto fail;

  for (int step = version; step < SCHEMA_VERSION; step++)
    if (!exec (self->db, migrations[step], error))
      goto fail;

  if (version < SCHEMA_VERSION)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                              SCHEMA_VERSION, RR_DIARY_APPLICATION_ID);

      if (!exec (self->db, sql, error))
        goto fail;
    }
  return exec (self->db, "COMMIT", error);

fail:
  exec (self->db, "ROLLBACK", NULL);
  return FALSE;
}

char *
rr_diary_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "run-or-rest", "diary.sqlite", NULL);
}

/* Another connection's commits change PRAGMA data_version; ours do not. */
static int
data_version (RrDiary *self)
{
  int version = 0;

  query_int (self->db, "PRAGMA data_version", &version, NULL);
  return version;
}

static gboolean
change_heard_cb (gpointer user_data)
{
  RrDiary *self = user_data;
  int version = data_version (self);

  self->change_idle = 0;
  if (version != self->data_version)
    {
      self->data_version = version;
      g_signal_emit (self, signals[CHANGED], 0);
    }
  return G_SOURCE_REMOVE;
}

static void
folder_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   RrDiary           *self)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *ours = g_path_get_basename (self->path);

  if (g_str_has_prefix (name, ours) && self->change_idle == 0)
    self->change_idle = g_idle_add (change_heard_cb, self);
}

/* Hears other windows and programs writing the diary, so that its lists never go
 * stale: a write touches the file or its log, and data_version says whose it was. */
static void
watch (RrDiary *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFile) folder = g_file_get_parent (file);

  self->data_version = data_version (self);
  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (folder_changed_cb), self, 0);
}

static void
changed (RrDiary *self)
{
  self->data_version = data_version (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* When the diary cannot be written just now, it can often still be read: the runner
 * keeps their history in sight. A read-only folder cannot hold the log's shared
 * memory file, so the last try reads the file as it is on disk. */
static gboolean
open_read_only (RrDiary  *self,
                int       code,
                GError  **error)
{
  g_autofree char *uri = g_filename_to_uri (self->path, NULL, NULL);
  g_autofree char *immutable = uri ? g_strconcat (uri, "?immutable=1", NULL) : NULL;
  const char *tries[] = { self->path, immutable };
  int count;

  for (guint i = 0; i < G_N_ELEMENTS (tries) && tries[i]; i++)
    {
      g_clear_pointer (&self->db, sqlite3_close);
      if (sqlite3_open_v2 (tries[i], &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK)
        {
          sqlite3_busy_timeout (self->db, 2000);
          if (query_int (self->db, "SELECT count (*) FROM entries", &count, NULL))
            {
              /* Translators: %s says why, and what to do */
              self->read_only = g_strdup_printf (_("Your diary can be read but not changed just now. %s "
                                                   "Until then, nothing new is saved."), explain (code));
              return TRUE;
            }
        }
      code = error_code (self->db);
      /* Reading the file as it is on disk ignores locks: only for a folder that no
       * one can write, never past another program's lock. */
      if ((code & 0xff) != SQLITE_CANTOPEN && (code & 0xff) != SQLITE_READONLY)
        break;
    }
  g_clear_pointer (&self->db, sqlite3_close);
  /* Translators: %s says why, and what to do */
  g_set_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_DATABASE,
               _("Your diary cannot be opened just now, so nothing is saved this time. %s"), explain (code));
  return FALSE;
}

/* Keeps a file that is proven not to be a usable diary under another name, and says
 * where it went. */
static gboolean
set_aside (RrDiary    *self,
           FileState   state,
           GError    **error)
{
  const char *why = state == FILE_NEWER ? "newer" : state == FILE_FOREIGN ? "not-a-diary" : "unreadable";
  g_autofree char *kept = move_aside (self->path, why);

  if (kept == NULL)
    {
      /* Translators: %s is a file name */
      g_set_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_DATABASE,
                   _("The file %s is not a diary this version can use, and it could not be moved aside, so "
                     "nothing is saved this time. Move it to another folder, then start Run or Rest again."),
                   self->path);
      return FALSE;
    }
  g_warning ("Diary %s set aside as %s (%s)", self->path, kept, why);
  switch (state)
    {
    case FILE_NEWER:
      /* Translators: %s is a file name */
      self->notice = g_strdup_printf (_("Your diary was saved by a newer version of Run or Rest. It is kept "
                                        "unchanged as %s, and a new diary was started: open that file with "
                                        "the newer version to see your earlier entries."), kept);
      break;
    case FILE_FOREIGN:
      /* Translators: %s is a file name */
      self->notice = g_strdup_printf (_("The diary's file belonged to another program. It is kept unchanged "
                                        "as %s, and a new diary was started."), kept);
      break;
    default:
      /* Translators: %s is a file name */
      self->notice = g_strdup_printf (_("Your diary file was damaged and could not be read. It is kept "
                                        "unchanged as %s, and a new diary was started."), kept);
      break;
    }
  return TRUE;
}

/* Whether the whole file is sound: PRAGMA quick_check reads every page, a sixth of a
 * second for a hundred thousand entries, so it runs in a thread of its own once the
 * diary is open; closing the diary stops it and waits. */
typedef struct {
  GWeakRef  diary;
  GThread  *opener;    /* the thread that opened the diary: the answer is for it */
  gboolean  damaged;
} CheckResult;

static gboolean open_read_write (RrDiary *self, int *code);

/* Damage found after the diary opened: the file is set aside as at start-up, a new
 * diary started, and the notice says where the old one went. */
static gboolean
check_done_cb (gpointer user_data)
{
  CheckResult *result = user_data;
  g_autoptr(RrDiary) self = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  /* Never in the checking thread: the diary could finalize there and wait for itself. */
  g_return_val_if_fail (result->opener == g_thread_self (), G_SOURCE_REMOVE);
  self = g_weak_ref_get (&result->diary);

  if (self == NULL || !result->damaged)
    return G_SOURCE_REMOVE;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->read_only, g_free);
  if (!set_aside (self, FILE_DAMAGED, &error) || !open_read_write (self, &code))
    {
      /* Nothing can be written: the damaged file stays, read-only as it is. */
      g_clear_pointer (&self->notice, g_free);
      self->notice = g_strdup (error ? error->message : explain (SQLITE_CORRUPT));
      open_read_only (self, SQLITE_CORRUPT, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
  changed (self);
  return G_SOURCE_REMOVE;
}

static void
check_result_free (CheckResult *result)
{
  g_weak_ref_clear (&result->diary);
  g_free (result);
}

static gpointer
check_thread (gpointer data)
{
  RrDiary *self = data;   /* alive until joined: only its check fields are used */
  CheckResult *result = self->check_result;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      g_mutex_lock (&self->check_lock);
      self->check_db = db;
      g_mutex_unlock (&self->check_lock);

      sqlite3_busy_timeout (db, 2000);
      if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        result->damaged = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0;
      else
        result->damaged = failed_look (db) == FILE_DAMAGED;
      sqlite3_finalize (stmt);

      g_mutex_lock (&self->check_lock);
      self->check_db = NULL;
      g_mutex_unlock (&self->check_lock);
    }
  sqlite3_close (db);

  in_context (self->context, check_done_cb, result, (GDestroyNotify) check_result_free);
  return NULL;
}

static void
stop_check (RrDiary *self)
{
  if (self->checker == NULL)
    return;
  g_mutex_lock (&self->check_lock);
  if (self->check_db)
    sqlite3_interrupt (self->check_db);
  g_mutex_unlock (&self->check_lock);
  g_clear_pointer (&self->checker, g_thread_join);
}

static void
check_pages (RrDiary *self)
{
  /* The weak reference is made here: the thread may end while the diary finalizes. */
  CheckResult *result = g_new0 (CheckResult, 1);

  g_weak_ref_init (&result->diary, self);
  result->opener = g_thread_self ();
  self->check_result = result;
  self->checker = g_thread_new ("diary-check", check_thread, self);
}

/* Opens the file for writing, creating or upgrading it. *code is SQLite's reason
 * when that failed. */
static gboolean
open_read_write (RrDiary *self,
                 int     *code)
{
  g_autoptr(GError) error = NULL;

  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (self->db, 2000);
      /* WAL with full sync: a crash or a power cut never loses a committed entry.
       * secure_delete: a deleted entry's bytes are overwritten, not just unlinked. */
      if (exec (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                          " PRAGMA secure_delete = ON;", &error) &&
          migrate (self, &error))
        return TRUE;
    }
  *code = error_code (self->db);
  g_clear_pointer (&self->db, sqlite3_close);
  return FALSE;
}

/**
 * rr_diary_open:
 *
 * Opens the diary at @path, creating or upgrading it. A file proven unusable (damaged,
 * newer, another program's) is kept under another name and a new diary started: see
 * rr_diary_get_notice(). A healthy file that cannot be written just now is opened
 * read-only (see rr_diary_get_read_only()), or not at all; it is never set aside.
 */
RrDiary *
rr_diary_open (const char  *path,
               GError     **error)
{
  g_autoptr(RrDiary) self = g_object_new (RR_TYPE_DIARY, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  FileState state = FILE_OK;
  int code = SQLITE_OK;
  gboolean existed;

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      /* Translators: %s is a folder */
      g_set_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_DATABASE,
                   _("The folder %s for your diary cannot be created (%s), so nothing is saved this time. "
                     "Check that you may create files there."), folder, g_strerror (errno));
      return NULL;
    }

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (existed)
    state = check_existing (path, &code);
  if (state == FILE_DAMAGED || state == FILE_NEWER || state == FILE_FOREIGN)
    {
      if (!set_aside (self, state, error))
        return NULL;
      state = FILE_OK;
      existed = FALSE;
    }

  /* A healthy diary behind a passing problem stays where it is, untouched. */
  if (state == FILE_PASSING || !open_read_write (self, &code))
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS) || !open_read_only (self, code, error))
        {
          if (error && *error == NULL)
            g_set_error (error, RR_DIARY_ERROR, RR_DIARY_ERROR_DATABASE,
                         _("Your diary cannot be opened just now, so nothing is saved this time. %s"),
                         explain (code));
          return NULL;
        }
    }
  else
    {
      /* Entries hidden more than an hour ago can no longer be undone by anyone (the
       * undo lasts while the window that hid them is open): health data the runner
       * deleted leaves the file. */
      purge (self, "deleted < CAST (strftime ('%s', 'now') AS INTEGER) - 3600", -1);
    }

  watch (self);
  if (existed)
    check_pages (self);
  return g_steal_pointer (&self);
}

const char *
rr_diary_get_path (RrDiary *self)
{
  g_return_val_if_fail (RR_IS_DIARY (self), NULL);
  return self->path;
}

/* A message for the runner when the diary had to be set aside, or NULL. */
const char *
rr_diary_get_notice (RrDiary *self)
{
  g_return_val_if_fail (RR_IS_DIARY (self), NULL);
  return self->notice;
}

/* Why the diary can only be read just now, for the runner, or NULL when it can be
 * written. */
const char *
rr_diary_get_read_only (RrDiary *self)
{
  g_return_val_if_fail (RR_IS_DIARY (self), NULL);
  return self->read_only;
}

static gboolean
check_writable (RrDiary  *self,
                GError  **error)
{
  if (self->read_only == NULL)
    return TRUE;
  g_set_error_literal (error, RR_DIARY_ERROR, RR_DIARY_ERROR_READ_ONLY, self->read_only);
  return FALSE;
}

gint64
rr_diary_add (RrDiary       *self,
              gint64         created,
              RrAssessment  *assessment,
              const char    *verdict,
              const char    *note,
              double         distance_km,
              int            duration_min,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) entry = NULL;
  g_autoptr(sqlite3_stmt) spot = NULL;
  g_autoptr(sqlite3_stmt) symptom = NULL;
  const char * const *regions;
  const char * const *symptoms;
  gint64 id;

  g_return_val_if_fail (RR_IS_DIARY (self), -1);
  g_return_val_if_fail (RR_IS_ASSESSMENT (assessment), -1);
  g_return_val_if_fail (verdict != NULL, -1);

  if (!check_writable (self, error))
    return -1;
  if (!(entry = prepare (self, "INSERT INTO entries (created, pain, verdict, note, distance_km, duration_min) "
                               "VALUES (?, ?, ?, ?, ?, ?)", error)) ||
      !(spot = prepare (self, "INSERT INTO spots (entry, position, region, level) VALUES (?, ?, ?, ?)", error)) ||
      !(symptom = prepare (self, "INSERT INTO symptoms (entry, position, symptom) VALUES (?, ?, ?)", error)) ||
      !exec (self->db, "BEGIN IMMEDIATE", error))
    return -1;

  sqlite3_bind_int64 (entry, 1, created);
  sqlite3_bind_int (entry, 2, rr_assessment_get_pain (assessment));
  sqlite3_bind_text (entry, 3, verdict, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (entry, 4, note ? note : "", -1, SQLITE_TRANSIENT);
  if (distance_km >= 0)
    sqlite3_bind_double (entry, 5, distance_km);
  if (duration_min >= 0)
    sqlite3_bind_int (entry, 6, duration_min);
  if (sqlite3_step (entry) != SQLITE_DONE)
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);

  regions = rr_assessment_get_regions (assessment);
  for (guint i = 0; regions[i]; i++)
    {
      sqlite3_reset (spot);
      sqlite3_bind_int64 (spot, 1, id);
      sqlite3_bind_int (spot, 2, i);
      sqlite3_bind_text (spot, 3, regions[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (spot, 4, rr_assessment_get_region_level (assessment, regions[i]));
      if (sqlite3_step (spot) != SQLITE_DONE)
        goto fail;
    }

  symptoms = rr_assessment_get_symptoms (assessment);
  for (guint i = 0; symptoms[i]; i++)
    {
      sqlite3_reset (symptom);
      sqlite3_bind_int64 (symptom, 1, id);
      sqlite3_bind_int (symptom, 2, i);
      sqlite3_bind_text (symptom, 3, symptoms[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (symptom) != SQLITE_DONE)
        goto fail;
    }

  if (!exec (self->db, "COMMIT", error))
    goto rollback;
  changed (self);
  return id;

fail:
  db_error (self->db, error, "save");
rollback:
  exec (self->db, "ROLLBACK", NULL);
  return -1;
}

static gboolean
not_found (GError **error,
           gint64   id)
{
  g_debug ("Diary: no entry %" G_GINT64_FORMAT, id);
  g_set_error_literal (error, RR_DIARY_ERROR, RR_DIARY_ERROR_NOT_FOUND,
                       _("That entry is no longer in your diary: it may have been deleted in another window."));
  return FALSE;
}

static gboolean
update_entry (RrDiary     *self,
              const char  *sql,
              gint64       id,
              const char  *text,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n = 1;

  if (!check_writable (self, error) || !(stmt = prepare (self, sql, error)))
    return FALSE;
  if (text)
    sqlite3_bind_text (stmt, n++, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, n, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_error (self->db, error, "update");
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, id);
  changed (self);
  return TRUE;
}

gboolean
rr_diary_set_note (RrDiary     *self,
                   gint64       id,
                   const char  *note,
                   GError     **error)
{
  g_return_val_if_fail (RR_IS_DIARY (self), FALSE);
  return update_entry (self, "UPDATE entries SET note = ? WHERE id = ?", id, note ? note : "", error);
}

/* Removes the hidden entries matching @condition (with @id bound, when not -1) from
 * the file for good, spots and symptoms with them, and folds the log back into the
 * file so that no copy of them stays in it either. */
static void
purge (RrDiary    *self,
       const char *condition,
       gint64      id)
{
  /* "deleted > 0": a range of the index, which never walks the entries shown. */
  g_autofree char *sql = g_strdup_printf ("DELETE FROM entries WHERE deleted > 0 AND %s", condition);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, &error);

  if (stmt == NULL)
    return;
  if (id >= 0)
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_DONE && sqlite3_changes (self->db) > 0)
    exec (self->db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL);
}

/* Deleting first hides the entry (with the time it was hidden), so "Undo" can bring
 * it back; it stays out of lists, the history and the export, and leaves the file
 * when the diary closes. */
gboolean
rr_diary_delete (RrDiary     *self,
                 gint64       id,
                 GError     **error)
{
  g_return_val_if_fail (RR_IS_DIARY (self), FALSE);
  if (!update_entry (self, "UPDATE entries SET deleted = CAST (strftime ('%s', 'now') AS INTEGER) WHERE id = ?",
                     id, NULL, error))
    return FALSE;
  g_array_append_val (self->deleted, id);
  return TRUE;
}

gboolean
rr_diary_undelete (RrDiary     *self,
                   gint64       id,
                   GError     **error)
{
  g_return_val_if_fail (RR_IS_DIARY (self), FALSE);
  if (!update_entry (self, "UPDATE entries SET deleted = 0 WHERE id = ?", id, NULL, error))
    return FALSE;
  for (guint i = self->deleted->len; i > 0; i--)
    if (g_array_index (self->deleted, gint64, i - 1) == id)
      g_array_remove_index (self->deleted, i - 1);
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column,
             const char   *fallback)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : fallback;
}

static RrDiaryEntry *
read_entry (sqlite3_stmt *row,
            sqlite3_stmt *spots,
            sqlite3_stmt *symptoms)
{
  RrDiaryEntry *entry = g_new0 (RrDiaryEntry, 1);

  entry->id = sqlite3_column_int64 (row, 0);
  entry->created = sqlite3_column_int64 (row, 1);
  /* The schema says NOT NULL, but the file is the runner's: never trust it blindly. */
  entry->verdict = g_strdup (column_text (row, 3, "keep-running"));
  entry->note = g_strdup (column_text (row, 4, ""));
  entry->distance_km = sqlite3_column_type (row, 5) == SQLITE_NULL ? -1 : sqlite3_column_double (row, 5);
  entry->duration_min = sqlite3_column_type (row, 6) == SQLITE_NULL ? -1 : sqlite3_column_int (row, 6);
  entry->assessment = rr_assessment_new ();
  rr_assessment_set_pain (entry->assessment, CLAMP (sqlite3_column_int (row, 2), RR_PAIN_MIN, RR_PAIN_MAX));

  sqlite3_reset (spots);
  sqlite3_bind_int64 (spots, 1, entry->id);
  while (sqlite3_step (spots) == SQLITE_ROW)
    if (sqlite3_column_text (spots, 0) != NULL)
      rr_assessment_add_region (entry->assessment, (const char *) sqlite3_column_text (spots, 0),
                                CLAMP (sqlite3_column_int (spots, 1), RR_PAIN_MIN, RR_PAIN_MAX));

  sqlite3_reset (symptoms);
  sqlite3_bind_int64 (symptoms, 1, entry->id);
  while (sqlite3_step (symptoms) == SQLITE_ROW)
    if (sqlite3_column_text (symptoms, 0) != NULL)
      rr_assessment_set_symptom (entry->assessment, (const char *) sqlite3_column_text (symptoms, 0), TRUE);

  return entry;
}

#define ENTRY_COLUMNS "SELECT id, created, pain, verdict, note, distance_km, duration_min FROM entries "

/* Reads the rows of @rows (its parameters bound) with their spots and symptoms, in the
 * order it gives them, or the other way round when @reverse. */
static GPtrArray *
read_entries (RrDiary       *self,
              sqlite3_stmt  *rows,
              gboolean       reverse,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) spots = prepare (self, "SELECT region, level FROM spots WHERE entry = ? ORDER BY position", error);
  g_autoptr(sqlite3_stmt) symptoms = prepare (self, "SELECT symptom FROM symptoms WHERE entry = ? ORDER BY position", error);
  GPtrArray *entries;
  int rc;

  if (!spots || !symptoms)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rr_diary_entry_free);
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    g_ptr_array_add (entries, read_entry (rows, spots, symptoms));

  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (entries);
      db_error (self->db, error, "read");
      return NULL;
    }
  for (guint i = 0; reverse && i < entries->len / 2; i++)
    {
      gpointer first = entries->pdata[i];

      entries->pdata[i] = entries->pdata[entries->len - 1 - i];
      entries->pdata[entries->len - 1 - i] = first;
    }
  return entries;
}

/* @where may end in "LIMIT ? OFFSET ?", bound from @limit and @offset when @limit > 0. */
static GPtrArray *
list_entries (RrDiary     *self,
              const char  *where,
              gint64       id,
              int          limit,
              int          offset,
              GError     **error)
{
  g_autofree char *sql = g_strdup_printf (ENTRY_COLUMNS "WHERE %s ORDER BY created DESC, id DESC%s", where,
                                          limit > 0 ? " LIMIT ? OFFSET ?" : "");
  g_autoptr(sqlite3_stmt) rows = prepare (self, sql, error);

  if (!rows)
    return NULL;
  if (id >= 0)
    sqlite3_bind_int64 (rows, 1, id);
  if (limit > 0)
    {
      sqlite3_bind_int (rows, id >= 0 ? 2 : 1, limit);
      sqlite3_bind_int (rows, id >= 0 ? 3 : 2, offset);
    }
  return read_entries (self, rows, FALSE, error);
}

/* The same range as list_entries ("deleted = 0", @limit, @offset) gives, read from the
 * oldest end: oldest first, a small OFFSET from there, then turned round. SQLite walks
 * the index entry by entry to an OFFSET, so a page near the oldest end read newest
 * first walked the whole diary. The number of entries shown is the one the file keeps
 * by triggers, read in the same statement (so from the same state of the file) as the
 * rows. Returns NULL, without an error, when the file keeps no count (a diary that
 * could not be upgraded). */
static GPtrArray *
list_range_from_oldest (RrDiary  *self,
                        int       limit,
                        int       offset,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) rows = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          ENTRY_COLUMNS "WHERE deleted = 0 ORDER BY created ASC, id ASC "
                          "LIMIT max (0, min (?1, (SELECT n FROM shown) - ?2)) "
                          "OFFSET max (0, (SELECT n FROM shown) - ?2 - ?1)", -1, &rows, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (rows, 1, limit);
  sqlite3_bind_int64 (rows, 2, offset);
  return read_entries (self, rows, TRUE, error);
}

/* At most @limit entries, newest first, after (older than) the entry @created, @id
 * in the list's order, or before (newer than) it when !@older: a page next to one
 * already read, without walking to it from either end. */
static GPtrArray *
list_next_to (RrDiary  *self,
              gint64    created,
              gint64    id,
              gboolean  older,
              int       limit,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) rows = prepare (self, older ?
                                          ENTRY_COLUMNS "WHERE deleted = 0 AND (created, id) < (?1, ?2) "
                                          "ORDER BY created DESC, id DESC LIMIT ?3" :
                                          ENTRY_COLUMNS "WHERE deleted = 0 AND (created, id) > (?1, ?2) "
                                          "ORDER BY created ASC, id ASC LIMIT ?3", error);

  if (!rows)
    return NULL;
  sqlite3_bind_int64 (rows, 1, created);
  sqlite3_bind_int64 (rows, 2, id);
  sqlite3_bind_int (rows, 3, limit);
  return read_entries (self, rows, !older, error);
}

/* Returns: (transfer container): at most @limit entries, newest first, from the
 * @offset'th on: a page of the list, read through the index in that order. Nothing
 * reads the whole diary at once. */
GPtrArray *
rr_diary_list_range (RrDiary  *self,
                     guint     offset,
                     guint     limit,
                     GError  **error)
{
  int shown = 0;

  g_return_val_if_fail (RR_IS_DIARY (self), NULL);
  g_return_val_if_fail (limit > 0 && limit <= G_MAXINT && offset <= G_MAXINT, NULL);

  /* Past the middle, the oldest end is nearer: a page costs the same wherever it is
   * at either end. The count here only chooses the end; the query reads its own. A
   * diary that keeps no count (one that could not be upgraded) is read newest first. */
  if (query_int (self->db, "SELECT n FROM shown", &shown, NULL) &&
      (gint64) offset > (gint64) shown - (gint64) offset - (gint64) limit)
    {
      GPtrArray *entries = list_range_from_oldest (self, limit, offset, error);

      if (entries != NULL || (error != NULL && *error != NULL))
        return entries;
    }
  return list_entries (self, "deleted = 0", -1, limit, offset, error);
}

/**
 * rr_diary_list_after:
 * @created: (of the entry to start after)
 * @id: (of the entry to start after)
 * @limit: how many at most
 *
 * Returns: (transfer container): at most @limit entries, newest first, from the one
 *   that comes after (is older than) @created, @id in the list's order on: the page
 *   after one read, in the time of one page wherever it is. Ties in @created are
 *   ordered by id, as rr_diary_list_range() orders them.
 */
GPtrArray *
rr_diary_list_after (RrDiary  *self,
                     gint64    created,
                     gint64    id,
                     guint     limit,
                     GError  **error)
{
  g_return_val_if_fail (RR_IS_DIARY (self), NULL);
  g_return_val_if_fail (limit > 0 && limit <= G_MAXINT, NULL);
  return list_next_to (self, created, id, TRUE, limit, error);
}

/**
 * rr_diary_list_before:
 *
 * Returns: (transfer container): the at most @limit entries, newest first, that come
 *   just before (are newer than) @created, @id in the list's order: the page before
 *   one read.
 */
GPtrArray *
rr_diary_list_before (RrDiary  *self,
                      gint64    created,
                      gint64    id,
                      guint     limit,
                      GError  **error)
{
  g_return_val_if_fail (RR_IS_DIARY (self), NULL);
  g_return_val_if_fail (limit > 0 && limit <= G_MAXINT, NULL);
  return list_next_to (self, created, id, FALSE, limit, error);
}

/* How many entries the diary shows (not the hidden ones). */
guint
rr_diary_count (RrDiary *self)
{
  int count = 0;

  g_return_val_if_fail (RR_IS_DIARY (self), 0);
  /* A diary that could not be upgraded (opened read-only) has no count of its own. */
  if (!query_int (self->db, "SELECT n FROM shown", &count, NULL))
    query_int (self->db, "SELECT count (*) FROM entries WHERE deleted = 0", &count, NULL);
  return MAX (count, 0);
}

RrDiaryEntry *
rr_diary_get_entry (RrDiary  *self,
                    gint64    id,
                    GError  **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (RR_IS_DIARY (self), NULL);

  entries = list_entries (self, "id = ? AND deleted = 0", id, 0, 0, error);
  if (entries == NULL)
    return NULL;
  if (entries->len == 0)
    {
      not_found (error, id);
      return NULL;
    }
  return g_ptr_array_steal_index (entries, 0);
}

/**
 * rr_diary_get_history:
 * @now: seconds since the epoch
 * @days: how far back
 *
 * Returns: (transfer full): region id → RrDiaryHistory for every region that hurt
 *   (level above 0) in the last @days days
 */
GHashTable *
rr_diary_get_history (RrDiary *self,
                      gint64   now,
                      int      days)
{
  GHashTable *history = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RR_IS_DIARY (self), history);

  stmt = prepare (self,
                  "SELECT spots.region, COUNT (DISTINCT date (entries.created, 'unixepoch', 'localtime')),"
                  "       MAX (spots.level), AVG (spots.level) "
                  "FROM spots JOIN entries ON entries.id = spots.entry "
                  "WHERE entries.deleted = 0 AND spots.level > 0 AND entries.created > ? AND entries.created <= ? "
                  "GROUP BY spots.region", NULL);
  if (stmt == NULL)
    return history;

  sqlite3_bind_int64 (stmt, 1, now - (gint64) days * 24 * 3600);
  sqlite3_bind_int64 (stmt, 2, now);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RrDiaryHistory *h = g_new0 (RrDiaryHistory, 1);

      h->days = sqlite3_column_int (stmt, 1);
      h->worst = sqlite3_column_int (stmt, 2);
      h->mean = sqlite3_column_double (stmt, 3);
      g_hash_table_insert (history, g_strdup (column_text (stmt, 0, "")), h);
    }
  return history;
}

/* The article's "pain that persists", made concrete: the same spot logged with pain
 * on RR_DIARY_PERSISTENT_MIN_DAYS or more of the last RR_DIARY_PERSISTENT_WINDOW_DAYS
 * days. Returns: (transfer full): the set of region ids where that holds, from one
 * look at the diary. */
GHashTable *
rr_diary_get_persistent (RrDiary *self,
                         gint64   now)
{
  g_autoptr(GHashTable) history = NULL;
  GHashTable *persistent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer region, value;

  g_return_val_if_fail (RR_IS_DIARY (self), persistent);

  history = rr_diary_get_history (self, now, RR_DIARY_PERSISTENT_WINDOW_DAYS);
  g_hash_table_iter_init (&iter, history);
  while (g_hash_table_iter_next (&iter, &region, &value))
    if (((RrDiaryHistory *) value)->days >= RR_DIARY_PERSISTENT_MIN_DAYS)
      g_hash_table_add (persistent, g_strdup (region));

  return persistent;
}

gboolean
rr_diary_is_persistent (RrDiary    *self,
                        const char *region,
                        gint64      now)
{
  g_autoptr(GHashTable) persistent = NULL;

  g_return_val_if_fail (RR_IS_DIARY (self), FALSE);

  persistent = rr_diary_get_persistent (self, now);
  return region != NULL && g_hash_table_contains (persistent, region);
}

/* Returns: (transfer full) (element-type RrDiaryPoint): the region's levels, oldest first */
GArray *
rr_diary_get_trend (RrDiary    *self,
                    const char *region,
                    gint64      now,
                    int         days)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (RrDiaryPoint));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RR_IS_DIARY (self), points);

  stmt = prepare (self,
                  "SELECT entries.created, spots.level FROM spots JOIN entries ON entries.id = spots.entry "
                  "WHERE entries.deleted = 0 AND spots.region = ? AND entries.created > ? AND entries.created <= ? "
                  "ORDER BY entries.created", NULL);
  if (stmt == NULL)
    return points;

  sqlite3_bind_text (stmt, 1, region, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now - (gint64) days * 24 * 3600);
  sqlite3_bind_int64 (stmt, 3, now);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RrDiaryPoint point = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) };
      g_array_append_val (points, point);
    }
  return points;
}

/* RFC 4180: quote a field that holds a comma, a quote or a line break. A cell that a
 * spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
 * return) starts with a quote mark instead, as OWASP advises: a note is the runner's
 * text, and it stays text. */
static void
append_field (GString    *csv,
              const char *value,
              gboolean    last)
{
  g_autofree char *safe = value && strchr ("=+-@\t\r", value[0]) && value[0] ? g_strconcat ("'", value, NULL) : NULL;

  if (safe)
    value = safe;
  if (value && strpbrk (value, ",\"\r\n"))
    {
      g_string_append_c (csv, '"');
      for (const char *c = value; *c; c++)
        {
          if (*c == '"')
            g_string_append_c (csv, '"');
          g_string_append_c (csv, *c);
        }
      g_string_append_c (csv, '"');
    }
  else if (value)
    {
      g_string_append (csv, value);
    }
  g_string_append (csv, last ? "\r\n" : ",");
}

/* One row of the export: the spots as "region:level", the symptoms joined with ";". */
static void
append_row (GString            *csv,
            const RrDiaryEntry *e)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (e->created);
  g_autofree char *date = g_date_time_format_iso8601 (when);
  g_autofree char *pain = g_strdup_printf ("%d", rr_assessment_get_max_pain (e->assessment));
  g_autoptr(GString) spots = g_string_new (NULL);
  g_autofree char *symptoms = g_strjoinv (";", (char **) rr_assessment_get_symptoms (e->assessment));
  char distance[G_ASCII_DTOSTR_BUF_SIZE] = "";
  g_autofree char *duration = e->duration_min >= 0 ? g_strdup_printf ("%d", e->duration_min) : g_strdup ("");
  const char * const *regions = rr_assessment_get_regions (e->assessment);

  for (guint j = 0; regions[j]; j++)
    g_string_append_printf (spots, "%s%s:%d", j ? ";" : "", regions[j],
                            rr_assessment_get_region_level (e->assessment, regions[j]));
  if (e->distance_km >= 0)
    g_ascii_formatd (distance, sizeof distance, "%.2f", e->distance_km);

  append_field (csv, date, FALSE);
  append_field (csv, e->verdict, FALSE);
  append_field (csv, pain, FALSE);
  append_field (csv, spots->str, FALSE);
  append_field (csv, symptoms, FALSE);
  append_field (csv, distance, FALSE);
  append_field (csv, duration, FALSE);
  append_field (csv, e->note, TRUE);
}

typedef struct {
  char            *path;
  GFile           *file;
  GMainContext    *context;
  RrDiaryProgress  progress;
  gpointer         progress_data;
  guint            done, total;
} Export;

static void
export_free (Export *export)
{
  g_free (export->path);
  g_object_unref (export->file);
  g_main_context_unref (export->context);
  g_free (export);
}

typedef struct {
  RrDiaryProgress progress;
  gpointer        data;
  guint           done, total;
} Progress;

static gboolean
report_progress_cb (gpointer user_data)
{
  Progress *p = user_data;

  p->progress (p->done, p->total, p->data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (Export *export)
{
  Progress *p = g_new (Progress, 1);

  *p = (Progress) { export->progress, export->progress_data, export->done, export->total };
  in_context (export->context, report_progress_cb, p, g_free);
}

/* Streams the entries, oldest first, from a connection of the thread's own (a read
 * transaction: what the diary held when the export began) to the file, which replaces
 * the old one only once complete. */
static gboolean
export_csv (Export        *export,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileOutputStream) file = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL, spots = NULL, symptoms = NULL;
  g_autoptr(GString) csv = g_string_new ("date,verdict,pain,spots,symptoms,distance_km,duration_min,note\r\n");
  g_autoptr(GCancellable) abandon = g_cancellable_new ();
  sqlite3 *db = NULL;
  gboolean ok = FALSE;
  int rc = SQLITE_OK, total = 0;
  guint reported = 0;

  if (sqlite3_open_v2 (export->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    goto db_failed;
  sqlite3_busy_timeout (db, 2000);
  if (!exec (db, "BEGIN", error) ||
      !query_int (db, "SELECT count (*) FROM entries WHERE deleted = 0", &total, error) ||
      sqlite3_prepare_v2 (db, "SELECT id, created, pain, verdict, note, distance_km, duration_min FROM entries "
                              "WHERE deleted = 0 ORDER BY created, id", -1, &rows, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT region, level FROM spots WHERE entry = ? ORDER BY position", -1, &spots, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT symptom FROM symptoms WHERE entry = ? ORDER BY position", -1, &symptoms, NULL) != SQLITE_OK)
    goto db_failed;
  export->total = total;

  if (!(file = g_file_replace (export->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error)))
    goto out;
  out = g_buffered_output_stream_new (G_OUTPUT_STREAM (file));

  while (!g_cancellable_set_error_if_cancelled (cancellable, error) && (rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      g_autoptr(RrDiaryEntry) entry = read_entry (rows, spots, symptoms);

      append_row (csv, entry);
      export->done++;
      if (csv->len > 64 * 1024)
        {
          if (!g_output_stream_write_all (out, csv->str, csv->len, NULL, cancellable, error))
            goto out;
          g_string_truncate (csv, 0);
        }
      /* A hundred steps at most, whatever the size. */
      if (export->done * 100 / MAX (export->total, 1) > reported)
        {
          reported = export->done * 100 / MAX (export->total, 1);
          report_progress (export);
        }
    }
  if (error && *error)
    goto out;
  if (rc != SQLITE_DONE)
    goto db_failed;
  ok = g_output_stream_write_all (out, csv->str, csv->len, NULL, cancellable, error) &&
       g_output_stream_close (out, cancellable, error);
  goto out;

db_failed:
  db_error (db, error, "export");
out:
  /* A close cancelled leaves the file that was there before as it was. */
  if (!ok && out)
    {
      g_cancellable_cancel (abandon);
      g_output_stream_close (out, abandon, NULL);
    }
  g_clear_pointer (&rows, sqlite3_finalize);
  g_clear_pointer (&spots, sqlite3_finalize);
  g_clear_pointer (&symptoms, sqlite3_finalize);
  sqlite3_close (db);
  return ok;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (export_csv (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * rr_diary_export_csv_async:
 * @progress: (nullable): told, in the calling thread's main context, how many of how
 *   many entries are written; at most a hundred times
 *
 * Writes the whole diary to @file as CSV (RFC 4180), oldest first: one row per entry,
 * the spots as "region:level" and the symptoms joined with ";". The rows stream to the
 * file from another thread, whatever the diary's size; @file is replaced only once
 * complete, and cancelling leaves it as it was.
 */
void
rr_diary_export_csv_async (RrDiary             *self,
                           GFile               *file,
                           GCancellable        *cancellable,
                           RrDiaryProgress      progress,
                           gpointer             progress_data,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Export *export = g_new0 (Export, 1);

  g_return_if_fail (RR_IS_DIARY (self));
  g_return_if_fail (G_IS_FILE (file));

  export->path = g_strdup (self->path);
  export->file = g_object_ref (file);
  export->context = g_main_context_ref_thread_default ();
  export->progress = progress;
  export->progress_data = progress_data;
  g_task_set_source_tag (task, rr_diary_export_csv_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
rr_diary_export_csv_finish (RrDiary       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
