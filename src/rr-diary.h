/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rr-assessment.h"

G_BEGIN_DECLS

#define RR_DIARY_ERROR (rr_diary_error_quark ())

typedef enum {
  RR_DIARY_ERROR_DATABASE,   /* SQLite said no */
  RR_DIARY_ERROR_NOT_FOUND,  /* no entry with that id */
  RR_DIARY_ERROR_READ_ONLY,  /* the diary can only be read just now */
} RrDiaryError;

/* How many of the last days count for "pain that persists", and on how many of them
 * the same spot must have hurt. */
#define RR_DIARY_PERSISTENT_WINDOW_DAYS 7
#define RR_DIARY_PERSISTENT_MIN_DAYS    3

typedef struct {
  gint64        id;
  gint64        created;      /* seconds since the epoch, UTC */
  char         *verdict;      /* verdict id */
  char         *note;         /* never NULL */
  double        distance_km;  /* < 0 when not given */
  int           duration_min; /* < 0 when not given */
  RrAssessment *assessment;
} RrDiaryEntry;

#define RR_TYPE_DIARY_ENTRY (rr_diary_entry_get_type ())
GType         rr_diary_entry_get_type (void) G_GNUC_CONST;
RrDiaryEntry *rr_diary_entry_copy     (const RrDiaryEntry *entry);
void          rr_diary_entry_free     (RrDiaryEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RrDiaryEntry, rr_diary_entry_free)

/* One region's recent history, for the body map's History mode. */
typedef struct {
  guint days;       /* distinct days with pain there */
  int   worst;      /* highest level */
  double mean;      /* mean level over those entries */
} RrDiaryHistory;

/* One point of a spot's trend. */
typedef struct {
  gint64 created;
  int    level;
} RrDiaryPoint;

#define RR_TYPE_DIARY (rr_diary_get_type ())
G_DECLARE_FINAL_TYPE (RrDiary, rr_diary, RR, DIARY, GObject)

GQuark        rr_diary_error_quark      (void);

char         *rr_diary_get_default_path (void);
RrDiary      *rr_diary_open             (const char    *path,
                                         GError       **error);
const char   *rr_diary_get_path         (RrDiary       *self);
const char   *rr_diary_get_notice       (RrDiary       *self);
const char   *rr_diary_get_read_only    (RrDiary       *self);

gint64        rr_diary_add              (RrDiary       *self,
                                         gint64         created,
                                         RrAssessment  *assessment,
                                         const char    *verdict,
                                         const char    *note,
                                         double         distance_km,
                                         int            duration_min,
                                         GError       **error);
gboolean      rr_diary_set_note         (RrDiary       *self,
                                         gint64         id,
                                         const char    *note,
                                         GError       **error);
gboolean      rr_diary_delete           (RrDiary       *self,
                                         gint64         id,
                                         GError       **error);
gboolean      rr_diary_undelete         (RrDiary       *self,
                                         gint64         id,
                                         GError       **error);
GPtrArray    *rr_diary_list_range       (RrDiary       *self,
                                         guint          offset,
                                         guint          limit,
                                         GError       **error);
GPtrArray    *rr_diary_list_after       (RrDiary       *self,
                                         gint64         created,
                                         gint64         id,
                                         guint          limit,
                                         GError       **error);
GPtrArray    *rr_diary_list_before      (RrDiary       *self,
                                         gint64         created,
                                         gint64         id,
                                         guint          limit,
                                         GError       **error);
guint         rr_diary_count            (RrDiary       *self);
RrDiaryEntry *rr_diary_get_entry        (RrDiary       *self,
                                         gint64         id,
                                         GError       **error);

GHashTable   *rr_diary_get_history      (RrDiary       *self,
                                         gint64         now,
                                         int            days);
GHashTable   *rr_diary_get_persistent   (RrDiary       *self,
                                         gint64         now);
gboolean      rr_diary_is_persistent    (RrDiary       *self,
                                         const char    *region,
                                         gint64         now);
GArray       *rr_diary_get_trend        (RrDiary       *self,
                                         const char    *region,
                                         gint64         now,
                                         int            days);

typedef void (*RrDiaryProgress) (guint    done,
                                 guint    total,
                                 gpointer user_data);

void          rr_diary_export_csv_async  (RrDiary             *self,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          RrDiaryProgress      progress,
                                          gpointer             progress_data,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean      rr_diary_export_csv_finish (RrDiary             *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
