/* kr-entity-chooser.c
 *
 * The list holds at most MAX_SHOWN rows: a dataset of twenty thousand entities would make a
 * list too long to build at each key, and to read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-entity-chooser"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kr-entity-chooser.h"
#include "kr-search.h"

#define MAX_SHOWN 100

struct _KrEntityChooser
{
  GtkBox parent_instance;

  GtkSearchEntry *entry;
  GtkListBox *list;
  GtkLabel *more;

  KrDataset *dataset;
  GHashTable *left_out; /* entity index + 1 */
  char *listed;         /* the text the list matches */
  int selected;
};

G_DEFINE_FINAL_TYPE (KrEntityChooser, kr_entity_chooser, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHOSEN,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_left_out (KrEntityChooser *self, guint entity)
{
  return g_hash_table_contains (self->left_out, GUINT_TO_POINTER (entity + 1));
}

/* A row naming @entity, with its other name when that is what matched. */
static void
add_row (KrEntityChooser *self, guint entity, const char *matched)
{
  const KrEntity *e = kr_dataset_get_entity (self->dataset, entity);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e->display_name);
  if (matched != NULL && g_strcmp0 (matched, e->display_name) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), matched);
  g_object_set_data (G_OBJECT (row), "kr-entity", GUINT_TO_POINTER (entity));
  gtk_list_box_append (self->list, row);
}

static void
fill (KrEntityChooser *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GtkWidget *child;
  guint shown = 0, found = 0;

  g_free (self->listed);
  self->listed = g_strdup (text);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (text[0] == '\0')
    {
      for (guint i = 0; i < kr_dataset_get_n_entities (self->dataset); i++)
        if (!is_left_out (self, i) && found++ < MAX_SHOWN)
          add_row (self, i, NULL), shown++;
    }
  else
    {
      g_autoptr (GArray) matches = kr_dataset_search (self->dataset, text);

      for (guint i = 0; i < matches->len; i++)
        {
          const KrSearchMatch *m = &g_array_index (matches, KrSearchMatch, i);

          if (!is_left_out (self, m->entity) && found++ < MAX_SHOWN)
            add_row (self, m->entity, m->matched), shown++;
        }
    }
  if (found > shown)
    {
      g_autofree char *more = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u more entity matches: type more of the name",
                       "%u more entities match: type more of the name", found - shown),
          found - shown);
      gtk_label_set_text (self->more, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more), found > shown);
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
}

static void
search_changed (KrEntityChooser *self)
{
  fill (self);
}

static void
row_selected (KrEntityChooser *self, GtkListBoxRow *row)
{
  int selected
      = row != NULL ? (int)GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kr-entity")) : -1;

  if (selected == self->selected)
    return;
  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
row_activated (KrEntityChooser *self, GtkListBoxRow *row)
{
  gtk_list_box_select_row (self->list, row);
  g_signal_emit (self, signals[CHOSEN], 0);
}

static void
entry_activated (KrEntityChooser *self)
{
  /* Enter typed before the search caught up with the text: what it chooses is what it sees. */
  if (g_strcmp0 (self->listed, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    fill (self);
  if (self->selected >= 0)
    g_signal_emit (self, signals[CHOSEN], 0);
}

static void
stop_search (KrEntityChooser *self)
{
  g_signal_emit (self, signals[CANCELLED], 0);
}

/* Up and Down move the selection while the typing goes on in the entry. */
static gboolean
entry_key_pressed (KrEntityChooser *self, guint keyval, guint keycode, GdkModifierType state)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int at = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  GtkListBoxRow *next;

  (void)keycode;
  (void)state;
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_Up)
    return FALSE;
  next = gtk_list_box_get_row_at_index (self->list,
                                        keyval == GDK_KEY_Down ? at + 1 : MAX (at - 1, 0));
  if (next != NULL)
    {
      gtk_list_box_select_row (self->list, next);
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
    }
  return TRUE;
}

GtkWidget *
kr_entity_chooser_new (KrDataset *dataset, const guint *left_out, guint n)
{
  KrEntityChooser *self;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (left_out != NULL || n == 0, NULL);

  self = g_object_new (KR_TYPE_ENTITY_CHOOSER, NULL);
  self->dataset = g_object_ref (dataset);
  for (guint i = 0; i < n; i++)
    g_hash_table_add (self->left_out, GUINT_TO_POINTER (left_out[i] + 1));
  fill (self);
  return GTK_WIDGET (self);
}

int
kr_entity_chooser_get_selected (KrEntityChooser *self)
{
  g_return_val_if_fail (KR_IS_ENTITY_CHOOSER (self), -1);
  return self->selected;
}

void
kr_entity_chooser_focus (KrEntityChooser *self)
{
  g_return_if_fail (KR_IS_ENTITY_CHOOSER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
kr_entity_chooser_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KrEntityChooser *self = KR_ENTITY_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_entity_chooser_dispose (GObject *object)
{
  KrEntityChooser *self = KR_ENTITY_CHOOSER (object);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->left_out, g_hash_table_unref);
  g_clear_pointer (&self->listed, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_ENTITY_CHOOSER);
  G_OBJECT_CLASS (kr_entity_chooser_parent_class)->dispose (object);
}

static void
kr_entity_chooser_class_init (KrEntityChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_entity_chooser_dispose;
  object_class->get_property = kr_entity_chooser_get_property;

  properties[PROP_SELECTED]
      = g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Enter or a click chose the entity selected. */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);
  /* Escape in the entry: nothing is chosen. */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/kr-entity-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, KrEntityChooser, entry);
  gtk_widget_class_bind_template_child (widget_class, KrEntityChooser, list);
  gtk_widget_class_bind_template_child (widget_class, KrEntityChooser, more);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, stop_search);
  gtk_widget_class_bind_template_callback (widget_class, entry_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, row_selected);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);
}

static void
kr_entity_chooser_init (KrEntityChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->left_out = g_hash_table_new (NULL, NULL);
  self->selected = -1;
}
