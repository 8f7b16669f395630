/* kr-csv-dialog.c — a group per table: what its rows are, then a choice per column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-csv-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-csv-dialog.h"
#include "kr-csv-reader.h"

/* How many of a column's first values show under it. */
#define PREVIEW_VALUES 3

/* One table's rows in the dialog. */
typedef struct
{
  KrCsvDialog *dialog;
  KrCsvTableHead *head;
  AdwPreferencesGroup *group;
  GPtrArray *rows;     /* AdwComboRow *, one per column */
  KrCsvField *choices; /* the fields the combo rows list, in their order */
  guint n_choices;
} Table;

struct _KrCsvDialog
{
  AdwWindow parent_instance;

  AdwPreferencesPage *page;
  AdwPreferencesGroup *intro;
  GtkWidget *load_button;

  GFile *file;
  GFile *other;      /* opened with it, or NULL */
  GPtrArray *heads;  /* KrCsvTableHead */
  GPtrArray *tables; /* Table */
};

G_DEFINE_FINAL_TYPE (KrCsvDialog, kr_csv_dialog, ADW_TYPE_WINDOW)

enum
{
  LOAD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
table_free (Table *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table->choices);
  g_free (table);
}

/* "Toyota · Nissan · Renault": what the column holds, in one line. */
static char *
preview (const KrCsvTableHead *head, guint column)
{
  g_autoptr (GString) text = g_string_new (NULL);
  guint shown = 0;

  for (guint r = 0; r < head->rows->len && shown < PREVIEW_VALUES; r++)
    {
      const char *value = ((char **)head->rows->pdata[r])[column];

      if (value[0] == '\0')
        continue;
      if (shown++ > 0)
        g_string_append (text, " · ");
      /* One line: a break within a cell is a space. */
      for (const char *p = value; *p != '\0'; p++)
        if (strchr ("\r\n\t", *p) == NULL)
          g_string_append_c (text, *p);
        else if (text->len > 0 && text->str[text->len - 1] != ' ')
          g_string_append_c (text, ' ');
    }
  if (shown == 0)
    g_string_append (text, _ ("(empty)"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
column_chosen (AdwComboRow *row, GParamSpec *pspec, Table *table)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kr-column"));
  guint chosen = adw_combo_row_get_selected (row);

  if (chosen < table->n_choices)
    table->head->mapping->fields[column] = table->choices[chosen];
}

static void
add_column_rows (Table *table)
{
  KrCsvTableHead *head = table->head;
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  g_free (table->choices);
  table->choices = g_new (KrCsvField, KR_CSV_N_FIELDS);
  table->n_choices = 0;
  for (guint f = 0; f < KR_CSV_N_FIELDS; f++)
    if (kr_csv_field_fits ((KrCsvField)f, head->mapping->kind))
      {
        table->choices[table->n_choices++] = (KrCsvField)f;
        gtk_string_list_append (labels, kr_csv_field_get_label ((KrCsvField)f));
      }
  for (guint c = 0; c < head->n_columns; c++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      g_autofree char *values = preview (head, c);

      /* Headers and values are the file's: text, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     head->headers[c][0] ? head->headers[c] : _ ("(no header)"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), values);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (row, G_LIST_MODEL (labels));
      for (guint i = 0; i < table->n_choices; i++)
        if (table->choices[i] == head->mapping->fields[c])
          adw_combo_row_set_selected (row, i);
      g_object_set_data (G_OBJECT (row), "kr-column", GUINT_TO_POINTER (c));
      g_signal_connect (row, "notify::selected", G_CALLBACK (column_chosen), table);
      adw_preferences_group_add (table->group, GTK_WIDGET (row));
      g_ptr_array_add (table->rows, row);
    }
}

/* Rows of deals and rows of entities have other fields: the columns are guessed again. */
static void
kind_chosen (AdwComboRow *row, GParamSpec *pspec, Table *table)
{
  KrCsvTableKind kind = adw_combo_row_get_selected (row) == 0 ? KR_CSV_DEALS : KR_CSV_ENTITIES;
  KrCsvTableHead *head = table->head;

  if (kind == head->mapping->kind)
    return;
  for (guint i = 0; i < table->rows->len; i++)
    adw_preferences_group_remove (table->group, table->rows->pdata[i]);
  g_ptr_array_set_size (table->rows, 0);
  kr_csv_mapping_free (head->mapping);
  head->mapping
      = kr_csv_mapping_guess_as ((const char *const *)head->headers, head->n_columns, kind);
  add_column_rows (table);
}

static void
add_table (KrCsvDialog *self, KrCsvTableHead *head)
{
  const char *const kinds[] = { _ ("A deal"), _ ("An entity"), NULL };
  g_autoptr (GtkStringList) kind_labels = gtk_string_list_new (kinds);
  g_autofree char *name = g_file_get_basename (head->file);
  g_autofree char *title = g_filename_display_name (name);
  Table *table = g_new0 (Table, 1);
  AdwComboRow *kind;

  table->dialog = self;
  table->head = head;
  table->rows = g_ptr_array_new ();
  table->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  /* The group's title is markup. */
  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);
    adw_preferences_group_set_title (table->group, escaped);
  }
  kind = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _ ("Each row is"));
  adw_combo_row_set_model (kind, G_LIST_MODEL (kind_labels));
  adw_combo_row_set_selected (kind, head->mapping->kind == KR_CSV_DEALS ? 0 : 1);
  g_signal_connect (kind, "notify::selected", G_CALLBACK (kind_chosen), table);
  adw_preferences_group_add (table->group, GTK_WIDGET (kind));
  add_column_rows (table);
  adw_preferences_page_add (self->page, table->group);
  g_ptr_array_add (self->tables, table);
}

static void
load_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrCsvDialog *self = KR_CSV_DIALOG (widget);

  g_signal_emit (self, signals[LOAD], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
kr_csv_dialog_dispose (GObject *object)
{
  KrCsvDialog *self = KR_CSV_DIALOG (object);

  /* The rows go first: they point to the tables. */
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_CSV_DIALOG);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->heads, g_ptr_array_unref);
  g_clear_object (&self->file);
  g_clear_object (&self->other);
  G_OBJECT_CLASS (kr_csv_dialog_parent_class)->dispose (object);
}

static void
kr_csv_dialog_class_init (KrCsvDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_csv_dialog_dispose;

  signals[LOAD] = g_signal_new ("load", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/kr-csv-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KrCsvDialog, page);
  gtk_widget_class_bind_template_child (widget_class, KrCsvDialog, intro);
  gtk_widget_class_bind_template_child (widget_class, KrCsvDialog, load_button);
  gtk_widget_class_install_action (widget_class, "csv.load", NULL, load_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "csv.load",
                                       NULL);
}

static void
kr_csv_dialog_init (KrCsvDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify)table_free);
}

KrCsvDialog *
kr_csv_dialog_new (GtkWindow *parent, GFile *file, GFile *other, GPtrArray *heads)
{
  KrCsvDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_FILE (file) && heads != NULL, NULL);
  g_return_val_if_fail (other == NULL || G_IS_FILE (other), NULL);

  self = g_object_new (KR_TYPE_CSV_DIALOG, "transient-for", parent, NULL);
  self->file = g_object_ref (file);
  self->other = other ? g_object_ref (other) : NULL;
  if (other != NULL)
    adw_preferences_group_set_description (
        self->intro, _ ("Say what each column of the two tables holds. Under each column are its "
                        "first values. Keiretsu reads the two tables as one dataset, and keeps "
                        "these choices beside the table of deals for the next time they are "
                        "opened together."));
  self->heads = g_ptr_array_ref (heads);
  for (guint i = 0; i < heads->len; i++)
    add_table (self, heads->pdata[i]);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->load_button);
  gtk_widget_grab_focus (self->load_button);
  return self;
}

GFile *
kr_csv_dialog_get_file (KrCsvDialog *self)
{
  g_return_val_if_fail (KR_IS_CSV_DIALOG (self), NULL);
  return self->file;
}

GFile *
kr_csv_dialog_get_other_file (KrCsvDialog *self)
{
  g_return_val_if_fail (KR_IS_CSV_DIALOG (self), NULL);
  return self->other;
}

GPtrArray *
kr_csv_dialog_get_heads (KrCsvDialog *self)
{
  g_return_val_if_fail (KR_IS_CSV_DIALOG (self), NULL);
  return self->heads;
}
