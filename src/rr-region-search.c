/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-region-search.c: find a body region by name */

#include "config.h"

#include <string.h>

#include "rr-region-search.h"

struct _RrRegionSearch
{
  GtkWidget       parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;

  GHashTable     *rows;     /* region id -> GtkListBoxRow (owned by the list) */
  GHashTable     *names;    /* region id -> name, until the rows are made */
  GHashTable     *selected; /* the region ids ticked */
  char          **words;    /* the casefolded query */
};

G_DEFINE_FINAL_TYPE (RrRegionSearch, rr_region_search, GTK_TYPE_WIDGET)

enum {
  REGION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
row_region (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "rr-region");
}

static void
set_query (RrRegionSearch *self,
           const char     *text)
{
  g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);

  g_strfreev (self->words);
  self->words = g_strsplit_set (g_strstrip (folded), " \t-", -1);
  gtk_list_box_invalidate_filter (self->list_box);
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  RrRegionSearch *self = user_data;
  const char *key = g_object_get_data (G_OBJECT (row), "rr-key");

  if (self->words == NULL)
    return TRUE;

  /* every word somewhere in the name or the id */
  for (guint i = 0; self->words[i] != NULL; i++)
    if (*self->words[i] != '\0' && strstr (key, self->words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static int
sort_func (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  return g_utf8_collate (g_object_get_data (G_OBJECT (a), "rr-name"),
                         g_object_get_data (G_OBJECT (b), "rr-name"));
}

static void
search_changed_cb (RrRegionSearch *self)
{
  set_query (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static GtkListBoxRow *
first_visible_row (RrRegionSearch *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

static void
search_activate_cb (RrRegionSearch *self)
{
  GtkListBoxRow *row;

  /* Enter picks the first match without waiting for the filter's delay */
  search_changed_cb (self);
  row = first_visible_row (self);
  if (row != NULL)
    g_signal_emit (self, signals[REGION_ACTIVATED], 0, row_region (row));
}

static void
row_activated_cb (RrRegionSearch *self,
                  GtkListBoxRow  *row)
{
  g_signal_emit (self, signals[REGION_ACTIVATED], 0, row_region (row));
}

static void
rr_region_search_dispose (GObject *object)
{
  RrRegionSearch *self = RR_REGION_SEARCH (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RR_TYPE_REGION_SEARCH);
  /* GTK 4.8 leaves template children without an id in place */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->selected, g_hash_table_unref);

  G_OBJECT_CLASS (rr_region_search_parent_class)->dispose (object);
}

static void
rr_region_search_finalize (GObject *object)
{
  RrRegionSearch *self = RR_REGION_SEARCH (object);

  g_strfreev (self->words);

  G_OBJECT_CLASS (rr_region_search_parent_class)->finalize (object);
}

static void ensure_rows (RrRegionSearch *self);

/* The rows are made when the search is first shown (or asked what it shows): the
 * list is 52 rows that the first frame would build and never show. */
static void
rr_region_search_map (GtkWidget *widget)
{
  ensure_rows (RR_REGION_SEARCH (widget));
  GTK_WIDGET_CLASS (rr_region_search_parent_class)->map (widget);
}

static gboolean
rr_region_search_grab_focus (GtkWidget *widget)
{
  RrRegionSearch *self = RR_REGION_SEARCH (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
rr_region_search_class_init (RrRegionSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rr_region_search_dispose;
  object_class->finalize = rr_region_search_finalize;
  widget_class->grab_focus = rr_region_search_grab_focus;
  widget_class->map = rr_region_search_map;

  /**
   * RrRegionSearch::region-activated:
   * @region: the region id
   *
   * The user chose a region from the list.
   */
  signals[REGION_ACTIVATED] =
    g_signal_new ("region-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* a group, not a nameless "RrRegionSearch" to a screen reader */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/runorrest/RunOrRest/ui/rr-region-search.ui");
  gtk_widget_class_bind_template_child (widget_class, RrRegionSearch, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RrRegionSearch, list_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_css_name (widget_class, "regionsearch");
}

static void
rr_region_search_init (RrRegionSearch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_list_box_set_filter_func (self->list_box, filter_func, self, NULL);
  gtk_list_box_set_sort_func (self->list_box, sort_func, NULL, NULL);
  /* typing while the list has focus goes to the entry */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

GtkWidget *
rr_region_search_new (void)
{
  return g_object_new (RR_TYPE_REGION_SEARCH, NULL);
}

static GtkWidget *
create_row (const char *region,
            const char *name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  g_autofree char *id_words = g_strdelimit (g_strdup (region), "-", ' ');
  g_autofree char *key = g_strconcat (name, " ", id_words, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_visible (check, FALSE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "rr-region", g_strdup (region), g_free);
  g_object_set_data_full (G_OBJECT (row), "rr-name", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (row), "rr-key", g_utf8_casefold (key, -1), g_free);
  g_object_set_data (G_OBJECT (row), "rr-check", check);

  return row;
}

static void
show_selected (GtkWidget *row,
               gboolean   selected)
{
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "rr-check"), selected);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               selected ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                        : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
ensure_rows (RrRegionSearch *self)
{
  GHashTableIter iter;
  gpointer key, value;

  if (self->names == NULL)
    return;

  g_hash_table_iter_init (&iter, self->names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkWidget *row = create_row (key, value);

      gtk_list_box_append (self->list_box, row);
      g_hash_table_insert (self->rows, g_strdup (key), row);
      show_selected (row, g_hash_table_contains (self->selected, key));
    }
  g_clear_pointer (&self->names, g_hash_table_unref);
}

void
rr_region_search_set_regions (RrRegionSearch *self,
                              GHashTable     *names)
{
  GHashTableIter iter;
  gpointer key, value;
  GtkWidget *child;

  g_return_if_fail (RR_IS_REGION_SEARCH (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_hash_table_remove_all (self->rows);
  g_clear_pointer (&self->names, g_hash_table_unref);

  if (names == NULL)
    return;

  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->names, g_strdup (key), g_strdup (value ? value : key));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_rows (self);
}

void
rr_region_search_set_selected (RrRegionSearch *self,
                               const char     *region,
                               gboolean        selected)
{
  GtkWidget *row;

  g_return_if_fail (RR_IS_REGION_SEARCH (self));
  g_return_if_fail (region != NULL);

  if (selected)
    g_hash_table_add (self->selected, g_strdup (region));
  else
    g_hash_table_remove (self->selected, region);
  row = g_hash_table_lookup (self->rows, region);
  if (row != NULL)
    show_selected (row, selected);
}

void
rr_region_search_set_text (RrRegionSearch *self,
                           const char     *text)
{
  g_return_if_fail (RR_IS_REGION_SEARCH (self));

  ensure_rows (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* now, rather than after the entry's typing delay */
  set_query (self, text);
}

char **
rr_region_search_get_visible (RrRegionSearch *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (RR_IS_REGION_SEARCH (self), NULL);

  ensure_rows (self);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      g_strv_builder_add (builder, row_region (GTK_LIST_BOX_ROW (child)));

  return g_strv_builder_end (builder);
}
