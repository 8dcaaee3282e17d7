/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rr-diary-item.h"
#include "rr-diary-model.h"

/* A list view asks for the rows on screen and a few around them: those are read a
 * page at a time, and only the pages used last are kept, so memory stays the same
 * whatever the size of the diary. */
#define PAGE_SIZE 50
#define MAX_PAGES 8

struct _RrDiaryModel
{
  GObject     parent_instance;

  RrDiary    *diary;
  guint       n_items;
  GHashTable *pages;    /* page number → GPtrArray of RrDiaryItem */
  GQueue      recent;   /* page numbers, the last used first */
};

static void rr_diary_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RrDiaryModel, rr_diary_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rr_diary_model_list_model_init))

static GType
rr_diary_model_get_item_type (GListModel *model)
{
  return RR_TYPE_DIARY_ITEM;
}

static guint
rr_diary_model_get_n_items (GListModel *model)
{
  return RR_DIARY_MODEL (model)->n_items;
}

/* Reads page @page from the file: next to a full page already held, from the key of
 * its last (or first) entry, which costs one page wherever it is; else by position,
 * which rr_diary_list_range() reads from the nearer end. */
static GPtrArray *
read_entries (RrDiaryModel  *self,
              guint          page,
              GError       **error)
{
  GPtrArray *next = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page + 1));
  GPtrArray *previous = page > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page - 1)) : NULL;

  if (previous != NULL && previous->len == PAGE_SIZE)
    {
      const RrDiaryEntry *last = rr_diary_item_get_entry (g_ptr_array_index (previous, PAGE_SIZE - 1));

      return rr_diary_list_after (self->diary, last->created, last->id, PAGE_SIZE, error);
    }
  if (next != NULL && next->len > 0)
    {
      const RrDiaryEntry *first = rr_diary_item_get_entry (g_ptr_array_index (next, 0));

      return rr_diary_list_before (self->diary, first->created, first->id, PAGE_SIZE, error);
    }
  return rr_diary_list_range (self->diary, page * PAGE_SIZE, PAGE_SIZE, error);
}

/* Reads page @page from the file into the cache, and forgets the page used longest
 * ago once there are too many. */
static GPtrArray *
read_page (RrDiaryModel *self,
           guint         page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = read_entries (self, page, &error);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  if (entries == NULL)
    g_debug ("Diary page %u: %s", page, error->message);
  for (guint i = 0; entries && i < entries->len; i++)
    g_ptr_array_add (items, rr_diary_item_new (rr_diary_entry_copy (g_ptr_array_index (entries, i))));

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
  if (g_queue_get_length (&self->recent) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
  return items;
}

static gpointer
rr_diary_model_get_item (GListModel *model,
                         guint       position)
{
  RrDiaryModel *self = RR_DIARY_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    items = read_page (self, page);
  else if (g_queue_peek_head (&self->recent) != GUINT_TO_POINTER (page))
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
    }

  /* Fewer rows than counted: another program changed the file, and the model will
   * hear of it. */
  if (position % PAGE_SIZE >= items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
rr_diary_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rr_diary_model_get_item_type;
  iface->get_n_items = rr_diary_model_get_n_items;
  iface->get_item = rr_diary_model_get_item;
}

static int
compare_pages (gconstpointer a,
               gconstpointer b)
{
  return GPOINTER_TO_UINT (*(gpointer *) a) < GPOINTER_TO_UINT (*(gpointer *) b) ? -1 :
         GPOINTER_TO_UINT (*(gpointer *) a) > GPOINTER_TO_UINT (*(gpointer *) b);
}

/* The diary changed (here, in another window, in another program): the pages that
 * were read (those around what a view shows) are read again and compared, and the
 * model says what changed where. An entry saved or deleted is one row in or out, a
 * note edited changes the item in place: a view keeps its rows and its place. */
static void
diary_changed_cb (RrDiaryModel *self)
{
  g_autoptr(GHashTable) old_pages = g_steal_pointer (&self->pages);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
  guint old_n = self->n_items, new_n = rr_diary_count (self->diary);
  guint first_difference = G_MAXUINT, end = 0;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));

  for (GList *l = self->recent.head; l; l = l->next)
    g_ptr_array_add (numbers, l->data);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_clear (&self->recent);
  self->n_items = new_n;

  g_ptr_array_sort (numbers, compare_pages);
  for (guint i = 0; i < numbers->len; i++)
    {
      guint page = GPOINTER_TO_UINT (g_ptr_array_index (numbers, i));
      GPtrArray *before = g_hash_table_lookup (old_pages, GUINT_TO_POINTER (page));
      GPtrArray *after = read_page (self, page);

      for (guint k = 0; k < MAX (before->len, after->len); k++)
        {
          guint position = page * PAGE_SIZE + k;
          RrDiaryItem *was = k < before->len ? g_ptr_array_index (before, k) : NULL;
          RrDiaryItem *is = k < after->len ? g_ptr_array_index (after, k) : NULL;
          gboolean same = was && is && rr_diary_item_get_id (was) == rr_diary_item_get_id (is);

          /* The same entry keeps its item, which a row may show: a new note is set
           * on it, and the row follows. */
          if (same)
            {
              rr_diary_item_set_note (was, rr_diary_item_get_note (is));
              g_ptr_array_index (after, k) = g_object_ref (was);
              g_object_unref (is);
            }

          if (!same && first_difference == G_MAXUINT)
            first_difference = position;
          if (!same && position < MIN (old_n, new_n))
            g_array_append_val (changed, position);
        }
      end = page * PAGE_SIZE + before->len;
    }

  if (new_n == old_n)
    {
      for (guint i = 0; i < changed->len; i++)
        g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (changed, guint, i), 1, 1);
    }
  else if (new_n == old_n + 1 || new_n + 1 == old_n)
    {
      /* One row in or out, where the pages first differ (after them, if they all
       * agree: the change is past what was read). */
      guint position = MIN (first_difference, MIN (end, MIN (old_n, new_n)));

      g_list_model_items_changed (G_LIST_MODEL (self), position, old_n > new_n, new_n > old_n);
    }
  else
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
    }
}

static void
rr_diary_model_dispose (GObject *object)
{
  RrDiaryModel *self = RR_DIARY_MODEL (object);

  if (self->diary)
    g_signal_handlers_disconnect_by_func (self->diary, diary_changed_cb, self);
  g_clear_object (&self->diary);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->recent);

  G_OBJECT_CLASS (rr_diary_model_parent_class)->dispose (object);
}

static void
rr_diary_model_class_init (RrDiaryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rr_diary_model_dispose;
}

static void
rr_diary_model_init (RrDiaryModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
}

RrDiaryModel *
rr_diary_model_new (RrDiary *diary)
{
  RrDiaryModel *self = g_object_new (RR_TYPE_DIARY_MODEL, NULL);

  g_return_val_if_fail (RR_IS_DIARY (diary), self);

  self->diary = g_object_ref (diary);
  self->n_items = rr_diary_count (diary);
  g_signal_connect_swapped (diary, "changed", G_CALLBACK (diary_changed_cb), self);
  return self;
}

/* How many rows are held in memory: never more than a few pages. */
guint
rr_diary_model_get_n_cached (RrDiaryModel *self)
{
  GHashTableIter iter;
  gpointer items;
  guint n = 0;

  g_return_val_if_fail (RR_IS_DIARY_MODEL (self), 0);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &items))
    n += ((GPtrArray *) items)->len;
  return n;
}
