/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rr-diary-item.h"

/* An entry's note is the one part that changes: it is a property, so that a row
 * showing the entry follows it in place. */
struct _RrDiaryItem
{
  GObject       parent_instance;

  RrDiaryEntry *entry;
};

G_DEFINE_FINAL_TYPE (RrDiaryItem, rr_diary_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rr_diary_item_finalize (GObject *object)
{
  g_clear_pointer (&RR_DIARY_ITEM (object)->entry, rr_diary_entry_free);

  G_OBJECT_CLASS (rr_diary_item_parent_class)->finalize (object);
}

static void
rr_diary_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RrDiaryItem *self = RR_DIARY_ITEM (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      g_value_set_string (value, rr_diary_item_get_note (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_diary_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RrDiaryItem *self = RR_DIARY_ITEM (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      rr_diary_item_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rr_diary_item_class_init (RrDiaryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rr_diary_item_finalize;
  object_class->get_property = rr_diary_item_get_property;
  object_class->set_property = rr_diary_item_set_property;

  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rr_diary_item_init (RrDiaryItem *self)
{
}

/* Takes @entry. */
RrDiaryItem *
rr_diary_item_new (RrDiaryEntry *entry)
{
  RrDiaryItem *self = g_object_new (RR_TYPE_DIARY_ITEM, NULL);

  self->entry = entry;
  return self;
}

const RrDiaryEntry *
rr_diary_item_get_entry (RrDiaryItem *self)
{
  g_return_val_if_fail (RR_IS_DIARY_ITEM (self), NULL);
  return self->entry;
}

gint64
rr_diary_item_get_id (RrDiaryItem *self)
{
  g_return_val_if_fail (RR_IS_DIARY_ITEM (self), -1);
  return self->entry ? self->entry->id : -1;
}

const char *
rr_diary_item_get_note (RrDiaryItem *self)
{
  g_return_val_if_fail (RR_IS_DIARY_ITEM (self), "");
  return self->entry ? self->entry->note : "";
}

void
rr_diary_item_set_note (RrDiaryItem *self,
                        const char  *note)
{
  g_return_if_fail (RR_IS_DIARY_ITEM (self) && self->entry);

  if (g_strcmp0 (self->entry->note, note ? note : "") == 0)
    return;
  g_free (self->entry->note);
  self->entry->note = g_strdup (note ? note : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}
