/* kr-record-form.c
 *
 * One table per record kind lists its fields: the member the loader's problems name, the row's
 * title, and the vocabulary of a choice. Rows are made from it, read back into the record, and
 * problems go under the row whose member begins their path ("$.deals[3].value.amount" under
 * "value.amount"), or under the list of parties or excerpts they are about; only those that
 * belong to no field are said under the form. A new article's text is typed in its dialog's
 * view, which is a place for the problems with "text" as a row is for its member.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-record-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kr-entity-chooser.h"
#include "kr-record-form.h"

typedef struct
{
  const char *key;                /* the member: "name", "value.amount" */
  const char *title;              /* for people, untranslated */
  const KrVocabulary *vocabulary; /* a choice among its labels; NULL: text */
} Field;

static const Field entity_fields[] = {
  { "name", N_ ("Name") },
  { "aliases", N_ ("Other names, as “A; B”") },
  { "names", N_ ("In other languages, as “ja: 日産”") },
  { "kind", N_ ("Kind"), &kr_entity_kind_vocabulary },
  { "country", N_ ("Country code, such as JP") },
  { "description", N_ ("Description") },
};

static const Field deal_fields[] = {
  { "kind", N_ ("Kind"), &kr_deal_kind_vocabulary },
  { "status", N_ ("Status"), &kr_status_vocabulary },
  { "summary", N_ ("Summary") },
  { "date", N_ ("Date, as YYYY, YYYY-MM or YYYY-MM-DD") },
  { "end", N_ ("End date") },
  { "expected", N_ ("Expected date") },
  { "value.amount", N_ ("Amount") },
  { "value.currency", N_ ("Currency code, such as USD") },
  { "stake.before", N_ ("Stake before, in percent") },
  { "stake.after", N_ ("Stake after, in percent") },
  { "note", N_ ("Note") },
};

static const Field article_fields[] = {
  { "title", N_ ("Title") },     { "publisher", N_ ("Publisher") },
  { "author", N_ ("Author") },   { "date", N_ ("Date, as YYYY, YYYY-MM or YYYY-MM-DD") },
  { "url", N_ ("Web address") },
};

typedef enum
{
  FORM_ENTITY,
  FORM_DEAL,
  FORM_ARTICLE,
  FORM_NEW_DEAL,    /* a deal to add, with its first excerpt */
  FORM_NEW_ARTICLE, /* an article to add, with the text of a view outside the form */
} FormKind;

struct _KrRecordForm
{
  GtkBox parent_instance;

  GtkLabel *heading;
  GtkListBox *rows;
  GtkWidget *parties_box;
  GtkListBox *party_rows;
  GtkWidget *evidence_box;
  GtkListBox *evidence_rows;
  GtkLabel *problems;
  GtkWidget *buttons;
  GtkWidget *apply_button;

  KrEditor *editor;
  KrDataset *source; /* the version the form was opened on: what the lists point into */
  FormKind kind;
  guint index;             /* of the record edited; for a new deal, where it will be */
  KrDeal new_deal;         /* a new deal, before the rows */
  GArray *parties;         /* KrParty: a deal's parties, as added and removed */
  GArray *evidence;        /* KrEvidence: a deal's excerpts, as removed; or one captured */
  GtkListBox *adding_to;   /* where the next row goes */
  GtkWidget *chooser;      /* the entities to add a party from, while it is open */
  GtkTextView *text_view;  /* a new article's text */
  GPtrArray *fields;       /* GtkWidget *: AdwEntryRow or AdwComboRow, with "kr-key" */
  GPtrArray *scratch;      /* what the record read from the rows points into: blocks */
  GPtrArray *scratch_strv; /* and string vectors */
  gboolean changed;
  gboolean valid;
  gint64 check_us; /* what the latest check took */
  guint check_id;  /* the check waiting for typing to pause */
};

G_DEFINE_FINAL_TYPE (KrRecordForm, kr_record_form, GTK_TYPE_BOX)

enum
{
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- rows ------------------------------------------------------------------------------- */

static GtkWidget *
find_row (KrRecordForm *self, const char *key)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (g_str_equal (g_object_get_data (self->fields->pdata[i], "kr-key"), key))
      return self->fields->pdata[i];
  g_assert_not_reached ();
}

static const char *
text_of (KrRecordForm *self, const char *key)
{
  return gtk_editable_get_text (GTK_EDITABLE (find_row (self, key)));
}

/* The field's text, or NULL when it is empty: an optional member left out. */
static const char *
optional_text (KrRecordForm *self, const char *key)
{
  const char *text = text_of (self, key);

  return text[0] != '\0' ? text : NULL;
}

static guint
choice_of (KrRecordForm *self, const char *key)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (self, key)));
}

static void field_changed (KrRecordForm *self);

/* @label made the one that says what is wrong with @field, hidden while nothing is; screen
 * readers read it as the field's description. */
static GtkWidget *
set_problem_label (GtkWidget *field, GtkWidget *label)
{
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  label, NULL, -1);
  g_object_set_data (G_OBJECT (field), "kr-problem", label);
  return label;
}

static GtkWidget *
problem_label (GtkWidget *field)
{
  return set_problem_label (field, gtk_label_new (NULL));
}

/* Under @row in its list, a row of its own for what is wrong with it. */
static void
add_problem_row (GtkListBox *list, GtkWidget *row)
{
  GtkWidget *under = gtk_list_box_row_new ();
  GtkWidget *label = problem_label (row);

  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (under), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (under), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (under), FALSE);
  /* Tab and the arrows pass over it: a list gives up at a row it cannot focus, unless the row
   * is insensitive, and the keyboard would leave the form at the first problem (style.css
   * keeps it legible). */
  gtk_widget_set_sensitive (under, FALSE);
  gtk_widget_add_css_class (under, "kr-problem");
  /* Shown with its label. */
  g_object_bind_property (label, "visible", under, "visible", G_BINDING_SYNC_CREATE);
  gtk_list_box_append (list, under);
}

/* A row for @key: a choice among @labels (nullable: text) or text. */
static GtkWidget *
add_any_row (KrRecordForm *self, const char *key, const char *title, GtkStringList *labels,
             const char *text, guint choice)
{
  GtkWidget *row;

  if (labels != NULL)
    {
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), choice);
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (field_changed), self);
    }
  else
    {
      row = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
      g_signal_connect_swapped (row, "changed", G_CALLBACK (field_changed), self);
      /* Enter applies, when the record can be. */
      g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (kr_record_form_apply), self);
    }
  /* Titles name records: data, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data_full (G_OBJECT (row), "kr-key", g_strdup (key), g_free);
  g_ptr_array_add (self->fields, row);
  gtk_list_box_append (self->adding_to, row);
  add_problem_row (self->adding_to, row);
  return row;
}

/* A row for @key: a choice in @vocabulary (nullable: text). */
static GtkWidget *
add_row (KrRecordForm *self, const char *key, const char *title, const KrVocabulary *vocabulary,
         const char *text, guint choice)
{
  g_autoptr (GtkStringList) labels = NULL;

  if (vocabulary != NULL)
    {
      labels = gtk_string_list_new (NULL);
      for (guint i = 0; i < kr_vocabulary_get_size (vocabulary); i++)
        gtk_string_list_append (labels, kr_vocabulary_label (vocabulary, i));
    }
  return add_any_row (self, key, title, labels, text, choice);
}

/* ---- from the record to the rows, and back ---------------------------------------------- */

/* The texts of @list joined by "; ", as the row shows them. */
static char *
join_texts (const char *const *texts, guint n)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "; " : "", texts[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
join_names (const KrLocalName *names, guint n)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s: %s", i > 0 ? "; " : "", names[i].language, names[i].name);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The parts of @text between semicolons, without the spaces around them; empty ones left out.
 * The vector lives until the rows are read again. */
static char **
split_texts (KrRecordForm *self, const char *text, guint *n)
{
  g_auto (GStrv) parts = g_strsplit (text, ";", -1);
  GPtrArray *kept = g_ptr_array_new ();
  char **out;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      if (part[0] != '\0')
        g_ptr_array_add (kept, g_strdup (part));
    }
  *n = kept->len;
  g_ptr_array_add (kept, NULL);
  out = (char **)g_ptr_array_free (kept, FALSE);
  g_ptr_array_add (self->scratch_strv, out);
  return out;
}

/* A number typed, or NAN when there is none; FALSE when the text is not a number. */
static gboolean
read_number (const char *text, double *out)
{
  char *end;

  *out = NAN;
  if (text == NULL)
    return TRUE;
  *out = g_ascii_strtod (text, &end);
  while (g_ascii_isspace (*end))
    end++;
  return end != text && *end == '\0';
}

static void
fill_entity (KrRecordForm *self, const KrEntity *e)
{
  g_autofree char *aliases = join_texts (e->aliases, e->n_aliases);
  g_autofree char *names = join_names (e->names, e->n_names);

  gtk_label_set_text (self->heading, _ ("Edit Entity"));
  for (guint i = 0; i < G_N_ELEMENTS (entity_fields); i++)
    {
      const Field *f = &entity_fields[i];
      const char *text = g_str_equal (f->key, "name")          ? e->name
                         : g_str_equal (f->key, "aliases")     ? aliases
                         : g_str_equal (f->key, "names")       ? names
                         : g_str_equal (f->key, "country")     ? e->country
                         : g_str_equal (f->key, "description") ? e->description
                                                               : NULL;
      add_row (self, f->key, _ (f->title), f->vocabulary, text, e->kind);
    }
}

/* The entity as the rows give it. */
static void
read_entity (KrRecordForm *self, KrEntity *e)
{
  char **names;
  guint n_names;

  e->name = text_of (self, "name");
  e->aliases = (const char **)split_texts (self, text_of (self, "aliases"), &e->n_aliases);
  names = split_texts (self, text_of (self, "names"), &n_names);
  e->names = g_new0 (KrLocalName, MAX (n_names, 1));
  g_ptr_array_add (self->scratch, e->names);
  e->n_names = n_names;
  for (guint i = 0; i < n_names; i++)
    {
      char *colon = strchr (names[i], ':');

      /* "ja: 日産": the language before the colon; without one, the whole is taken for a
       * language, which the loader then says is none. */
      if (colon != NULL)
        *colon = '\0';
      e->names[i].language = g_strstrip (names[i]);
      e->names[i].name = colon != NULL ? g_strstrip (colon + 1) : "";
    }
  e->kind = (KrEntityKind)choice_of (self, "kind");
  e->country = optional_text (self, "country");
  e->description = optional_text (self, "description");
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return isnan (value) ? NULL : g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

/* ---- a deal's parties and excerpts ------------------------------------------------------ */

/* Rows of @list, with their fields, gone: the list is made again from what it shows. */
static void
clear_rows (KrRecordForm *self, GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      g_ptr_array_remove (self->fields, child);
      gtk_list_box_remove (list, child);
    }
}

/* The roles and stances chosen, into the lists. */
static void
read_lists (KrRecordForm *self)
{
  for (guint i = 0; i < self->parties->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("parties[%u].role", i);
      g_array_index (self->parties, KrParty, i).role = (KrRole)choice_of (self, key);
    }
  for (guint i = 0; i < self->evidence->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("evidence[%u].stance", i);
      g_array_index (self->evidence, KrEvidence, i).stance = (KrStance)choice_of (self, key);
    }
}

static void remove_clicked (KrRecordForm *self, GtkWidget *button);

/* A button at the end of @row that takes item @index of @list away. */
static void
add_remove_button (KrRecordForm *self, GtkWidget *row, GArray *list, guint index,
                   const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "kr-list", list);
  g_object_set_data (G_OBJECT (button), "kr-index", GUINT_TO_POINTER (index));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static void fill_parties (KrRecordForm *self);
static void fill_evidence (KrRecordForm *self);

/* Takes the party or the excerpt of @button's row away. */
static void
remove_clicked (KrRecordForm *self, GtkWidget *button)
{
  GArray *list = g_object_get_data (G_OBJECT (button), "kr-list");

  read_lists (self);
  g_array_remove_index (list, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kr-index")));
  if (list == self->parties)
    fill_parties (self);
  else
    fill_evidence (self);
  field_changed (self);
  gtk_widget_grab_focus (
      GTK_WIDGET (list == self->parties ? self->party_rows : self->evidence_rows));
}

/* Takes the list of entities to add a party from away, back to the row that opened it. */
static void
close_chooser (KrRecordForm *self)
{
  GtkWidget *add_row = gtk_widget_get_last_child (GTK_WIDGET (self->party_rows));

  if (self->chooser != NULL)
    gtk_box_remove (GTK_BOX (self->parties_box), g_steal_pointer (&self->chooser));
  gtk_widget_grab_focus (add_row);
}

/* The entity chosen in the list joins the parties, in the last one's role: the rivals of a
 * rivalry, the partners of an alliance are alike. */
static void
party_chosen (KrRecordForm *self)
{
  int chosen = kr_entity_chooser_get_selected (KR_ENTITY_CHOOSER (self->chooser));
  KrParty party = { .role = KR_ROLE_PARTNER };

  if (chosen < 0)
    return;
  party.entity = (guint)chosen;
  read_lists (self);
  if (self->parties->len > 0)
    party.role = g_array_index (self->parties, KrParty, self->parties->len - 1).role;
  g_array_append_val (self->parties, party);
  fill_parties (self);
  close_chooser (self);
  field_changed (self);
  /* A deal has two parties at least: the list comes back for the second, then the fields. */
  if (self->parties->len < 2)
    kr_record_form_choose_party (self);
  else if (self->parties->len == 2 && self->kind == FORM_NEW_DEAL)
    kr_record_form_focus (self);
}

/* Under the parties, the entities that are not parties yet, to choose one from. */
static void
add_party_activated (KrRecordForm *self)
{
  KrDataset *dataset = kr_editor_get_dataset (self->editor);
  g_autofree guint *parties = g_new (guint, MAX (self->parties->len, 1));

  if (self->chooser != NULL)
    {
      kr_entity_chooser_focus (KR_ENTITY_CHOOSER (self->chooser));
      return;
    }
  for (guint i = 0; i < self->parties->len; i++)
    parties[i] = g_array_index (self->parties, KrParty, i).entity;
  self->chooser = kr_entity_chooser_new (dataset, parties, self->parties->len);
  g_signal_connect_swapped (self->chooser, "chosen", G_CALLBACK (party_chosen), self);
  g_signal_connect_swapped (self->chooser, "cancelled", G_CALLBACK (close_chooser), self);
  gtk_box_append (GTK_BOX (self->parties_box), self->chooser);
  kr_entity_chooser_focus (KR_ENTITY_CHOOSER (self->chooser));
}

/* A row per party: its role, and a button that removes it; then one that adds a party. */
static void
fill_parties (KrRecordForm *self)
{
  KrDataset *dataset = kr_editor_get_dataset (self->editor);
  GtkWidget *row;

  clear_rows (self, self->party_rows);
  self->adding_to = self->party_rows;
  for (guint i = 0; i < self->parties->len; i++)
    {
      const KrParty *p = &g_array_index (self->parties, KrParty, i);
      const KrEntity *e = kr_dataset_get_entity (dataset, p->entity);
      g_autofree char *key = g_strdup_printf ("parties[%u].role", i);
      g_autofree char *title = g_strdup_printf (_ ("Role of %s"), e->display_name);
      g_autofree char *tooltip
          = g_strdup_printf (_ ("Remove %s from the parties"), e->display_name);

      row = add_row (self, key, title, &kr_role_vocabulary, NULL, p->role);
      add_remove_button (self, row, self->parties, i, tooltip);
    }
  self->adding_to = self->rows;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Add a Party…"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _ ("Add an entity to the deal’s parties"));
  g_signal_connect_swapped (row, "activated", G_CALLBACK (add_party_activated), self);
  gtk_list_box_append (self->party_rows, row);
  gtk_widget_set_visible (self->parties_box, TRUE);
}

/* A row per excerpt: its words, its article, its stance, and a button that removes it. */
static void
fill_evidence (KrRecordForm *self)
{
  clear_rows (self, self->evidence_rows);
  self->adding_to = self->evidence_rows;
  for (guint i = 0; i < self->evidence->len; i++)
    {
      const KrEvidence *ev = &g_array_index (self->evidence, KrEvidence, i);
      const KrArticle *a = kr_dataset_get_article (self->source, ev->article);
      g_autofree char *key = g_strdup_printf ("evidence[%u].stance", i);
      g_autofree char *quote = g_strdup_printf (_ ("“%s”"), ev->quote);
      GtkWidget *row = add_row (self, key, quote, &kr_stance_vocabulary, NULL, ev->stance);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), a->title);
      /* A new deal's excerpt is the one it is made for. */
      if (self->kind == FORM_DEAL)
        add_remove_button (self, row, self->evidence, i, _ ("Remove this excerpt"));
    }
  self->adding_to = self->rows;
  gtk_widget_set_visible (self->evidence_box, self->evidence->len > 0 || self->kind == FORM_DEAL);
}

static void
fill_deal (KrRecordForm *self, KrDataset *dataset, const KrDeal *d)
{
  g_autofree char *amount = d->has_value ? format_number (d->value_amount) : NULL;
  g_autofree char *before = format_number (d->stake_before);
  g_autofree char *after = format_number (d->stake_after);

  gtk_label_set_text (self->heading,
                      self->kind == FORM_NEW_DEAL ? _ ("Add Deal") : _ ("Edit Deal"));
  for (guint i = 0; i < G_N_ELEMENTS (deal_fields); i++)
    {
      const Field *f = &deal_fields[i];
      const char *text = g_str_equal (f->key, "summary")        ? d->summary
                         : g_str_equal (f->key, "date")         ? d->date
                         : g_str_equal (f->key, "end")          ? d->end
                         : g_str_equal (f->key, "expected")     ? d->expected
                         : g_str_equal (f->key, "value.amount") ? amount
                         : g_str_equal (f->key, "value.currency")
                             ? (d->has_value ? d->value_currency : NULL)
                         : g_str_equal (f->key, "stake.before") ? before
                         : g_str_equal (f->key, "stake.after")  ? after
                         : g_str_equal (f->key, "note")         ? d->note
                                                                : NULL;
      guint choice = g_str_equal (f->key, "kind") ? (guint)d->kind : (guint)d->status;

      add_row (self, f->key, _ (f->title), f->vocabulary, text, choice);
    }
  g_array_append_vals (self->parties, d->parties, d->n_parties);
  fill_parties (self);
  if (self->kind == FORM_DEAL)
    g_array_append_vals (self->evidence, d->evidence, d->n_evidence);
  if (self->evidence->len > 0)
    fill_evidence (self);
  /* A new deal needs its first excerpt: the article and its words, unless it was captured. */
  else if (self->kind == FORM_NEW_DEAL)
    {
      g_autoptr (GtkStringList) titles = gtk_string_list_new (NULL);

      for (guint i = 0; i < kr_dataset_get_n_articles (dataset); i++)
        gtk_string_list_append (titles, kr_dataset_get_article (dataset, i)->title);
      add_any_row (self, "evidence[0].article", _ ("Source article"), titles, NULL, 0);
      add_row (self, "evidence[0].quote", _ ("Its words, as published"), NULL, NULL, 0);
    }
}

/* What a row holds that the record cannot: a number that is none, a code too long to keep. */
typedef struct
{
  const char *key; /* the row's */
  char *message;
} Unreadable;

static void
set_unreadable (Unreadable *u, const char *key, char *message)
{
  u->key = key;
  g_free (u->message);
  u->message = message;
}

/* The deal as the rows give it; @unreadable says what it could not hold. */
static void
read_deal (KrRecordForm *self, KrDeal *d, Unreadable *unreadable)
{
  const char *amount = optional_text (self, "value.amount");
  const char *currency = optional_text (self, "value.currency");

  d->kind = (KrDealKind)choice_of (self, "kind");
  d->status = (KrDealStatus)choice_of (self, "status");
  d->summary = text_of (self, "summary");
  d->date = optional_text (self, "date");
  d->end = optional_text (self, "end");
  d->expected = optional_text (self, "expected");
  d->note = optional_text (self, "note");
  d->has_value = amount != NULL || currency != NULL;
  if (!read_number (amount, &d->value_amount))
    set_unreadable (unreadable, "value.amount", g_strdup (_ ("this is not a number")));
  memset (d->value_currency, 0, sizeof d->value_currency);
  /* A deal keeps a code of three letters; the loader's message for what is longer. */
  if (currency != NULL && strlen (currency) > 3)
    set_unreadable (unreadable, "value.currency",
                    g_strdup_printf (_ ("\"%s\" is not a currency code; use three capital "
                                        "letters such as \"USD\""),
                                     currency));
  else if (currency != NULL)
    g_strlcpy (d->value_currency, currency, sizeof d->value_currency);
  if (!read_number (optional_text (self, "stake.before"), &d->stake_before))
    set_unreadable (unreadable, "stake.before", g_strdup (_ ("this is not a number")));
  if (!read_number (optional_text (self, "stake.after"), &d->stake_after))
    set_unreadable (unreadable, "stake.after", g_strdup (_ ("this is not a number")));
  read_lists (self);
  d->n_parties = self->parties->len;
  d->parties = g_memdup2 (self->parties->data, MAX (d->n_parties, 1) * sizeof *d->parties);
  g_ptr_array_add (self->scratch, d->parties);
  if (self->kind == FORM_DEAL || self->evidence->len > 0)
    {
      d->n_evidence = self->evidence->len;
      d->evidence = g_memdup2 (self->evidence->data, MAX (d->n_evidence, 1) * sizeof *d->evidence);
      g_ptr_array_add (self->scratch, d->evidence);
    }
  else if (self->kind == FORM_NEW_DEAL)
    {
      guint article = choice_of (self, "evidence[0].article");
      KrEvidence *ev = g_new0 (KrEvidence, 1);

      g_ptr_array_add (self->scratch, ev);
      ev->article = article;
      ev->quote = text_of (self, "evidence[0].quote");
      ev->stance = KR_STANCE_SUPPORTS;
      d->evidence = ev;
      /* No article to choose: the loader says that a deal needs one. */
      d->n_evidence = article != GTK_INVALID_LIST_POSITION ? 1 : 0;
    }
}

static void
fill_article (KrRecordForm *self, const KrArticle *a)
{
  gtk_label_set_text (self->heading, _ ("Edit Article"));
  for (guint i = 0; i < G_N_ELEMENTS (article_fields); i++)
    {
      const Field *f = &article_fields[i];
      const char *text = g_str_equal (f->key, "title")       ? a->title
                         : g_str_equal (f->key, "publisher") ? a->publisher
                         : g_str_equal (f->key, "author")    ? a->author
                         : g_str_equal (f->key, "date")      ? a->date
                                                             : a->url;

      add_row (self, f->key, _ (f->title), NULL, text, 0);
    }
}

static void
read_article (KrRecordForm *self, KrArticle *a)
{
  a->title = text_of (self, "title");
  a->publisher = text_of (self, "publisher");
  a->author = optional_text (self, "author");
  a->date = optional_text (self, "date");
  a->url = optional_text (self, "url");
  if (self->text_view != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
      GtkTextIter start, end;
      char *text;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_ptr_array_add (self->scratch, text);
      a->text = text[0] != '\0' ? text : NULL;
    }
}

/* ---- checking as it is typed ------------------------------------------------------------ */

/* Whether member @key begins @path: "value" begins "value.amount", not "value_date". */
static gboolean
member_begins (const char *key, const char *path)
{
  gsize n = strlen (key);

  return strncmp (path, key, n) == 0 && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

/* The row whose member begins @path ("aliases[1]", "value.currency"), or NULL. */
static GtkWidget *
row_for_path (KrRecordForm *self, const char *path)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (member_begins (g_object_get_data (self->fields->pdata[i], "kr-key"), path))
      return self->fields->pdata[i];
  return NULL;
}

/* The list of parties or of excerpts that @path ("parties", "evidence[1].quote") is about,
 * when it shows, or the view of a new article's text; or NULL. */
static GtkWidget *
list_for_path (KrRecordForm *self, const char *path)
{
  if (g_str_has_prefix (path, "parties") && gtk_widget_get_visible (self->parties_box))
    return GTK_WIDGET (self->party_rows);
  if (g_str_has_prefix (path, "evidence") && gtk_widget_get_visible (self->evidence_box))
    return GTK_WIDGET (self->evidence_rows);
  if (self->text_view != NULL && member_begins ("text", path))
    return GTK_WIDGET (self->text_view);
  return NULL;
}

/* @message said under @place, a field or a list, which is marked; with no place, under the
 * form, in @messages. */
static void
mark (GString *messages, GtkWidget *place, const char *message)
{
  GtkLabel *label = place != NULL ? g_object_get_data (G_OBJECT (place), "kr-problem") : NULL;

  if (label == NULL)
    {
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      g_string_append (messages, message);
      return;
    }
  gtk_widget_add_css_class (place, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (place), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  if (gtk_widget_get_visible (GTK_WIDGET (label)))
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", gtk_label_get_text (label), message);
      gtk_label_set_text (label, both);
    }
  else
    gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

/* Every place a problem can be said under, as when there is none. */
static void
unmark (KrRecordForm *self)
{
  GtkWidget *lists[] = { GTK_WIDGET (self->party_rows), GTK_WIDGET (self->evidence_rows),
                         GTK_WIDGET (self->text_view) };
  guint n_lists = G_N_ELEMENTS (lists) - (self->text_view == NULL);

  for (guint i = 0; i < self->fields->len + n_lists; i++)
    {
      GtkWidget *place
          = i < self->fields->len ? self->fields->pdata[i] : lists[i - self->fields->len];

      gtk_widget_remove_css_class (place, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (place), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (place), "kr-problem"), FALSE);
    }
}

/* Reads the record from the rows; when @apply, makes the edit (NULL, or @error), else returns
 * what the editor finds wrong with it. */
static GPtrArray *
read_record (KrRecordForm *self, Unreadable *unreadable, gboolean apply, GError **error)
{
  KrDataset *dataset = kr_editor_get_dataset (self->editor);

  g_ptr_array_set_size (self->scratch, 0);
  g_ptr_array_set_size (self->scratch_strv, 0);
  switch (self->kind)
    {
    case FORM_DEAL:
      {
        KrDeal d = *kr_dataset_get_deal (dataset, self->index);

        read_deal (self, &d, unreadable);
        if (apply)
          return kr_editor_set_deal (self->editor, self->index, &d, error) ? NULL
                                                                           : g_ptr_array_new ();
        return unreadable->key != NULL ? g_ptr_array_new ()
                                       : kr_editor_check_deal (self->editor, self->index, &d);
      }
    case FORM_NEW_DEAL:
      {
        KrDeal d = self->new_deal;

        read_deal (self, &d, unreadable);
        if (apply)
          return kr_editor_add_deal (self->editor, &d, NULL, error) ? NULL : g_ptr_array_new ();
        return unreadable->key != NULL ? g_ptr_array_new ()
                                       : kr_editor_check_new_deal (self->editor, &d);
      }
    case FORM_ARTICLE:
      {
        KrArticle a = *kr_dataset_get_article (dataset, self->index);

        read_article (self, &a);
        if (apply)
          return kr_editor_set_article (self->editor, self->index, &a, error) ? NULL
                                                                              : g_ptr_array_new ();
        return kr_editor_check_article (self->editor, self->index, &a);
      }
    case FORM_NEW_ARTICLE:
      {
        KrArticle a = { .title = NULL };

        read_article (self, &a);
        if (apply)
          return kr_editor_add_article (self->editor, &a, NULL, error) ? NULL : g_ptr_array_new ();
        return kr_editor_check_new_article (self->editor, &a);
      }
    case FORM_ENTITY:
    default:
      {
        KrEntity e = *kr_dataset_get_entity (dataset, self->index);

        read_entity (self, &e);
        if (apply)
          return kr_editor_set_entity (self->editor, self->index, &e, error) ? NULL
                                                                             : g_ptr_array_new ();
        return kr_editor_check_entity (self->editor, self->index, &e);
      }
    }
}

/* Whether Apply can make the edit: the record as typed was checked, and nothing is wrong. */
static void
set_valid (KrRecordForm *self, gboolean valid)
{
  gtk_widget_set_sensitive (self->apply_button, valid);
  if (self->valid == valid)
    return;
  self->valid = valid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
validate (KrRecordForm *self)
{
  static const char *const lists[] = { "entities", "deals", "articles", "deals", "articles" };
  g_autofree char *prefix = g_strdup_printf ("$.%s[%u]", lists[self->kind], self->index);
  g_autoptr (GString) messages = g_string_new (NULL);
  Unreadable unreadable = { .key = NULL };
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GPtrArray) problems = read_record (self, &unreadable, FALSE, NULL);

  self->check_us = g_get_monotonic_time () - start;
  g_clear_handle_id (&self->check_id, g_source_remove);

  unmark (self);
  if (unreadable.key != NULL)
    mark (messages, find_row (self, unreadable.key), unreadable.message);
  g_free (unreadable.message);
  for (guint i = 0; i < problems->len; i++)
    {
      const KrProblem *p = problems->pdata[i];
      const char *path = p->path;
      GtkWidget *place = NULL;

      if (path != NULL && g_str_has_prefix (path, prefix))
        {
          path += strlen (prefix);
          path += path[0] == '.';
          place = row_for_path (self, path);
          if (place == NULL)
            place = list_for_path (self, path);
        }
      mark (messages, place, p->message);
    }
  gtk_label_set_text (self->problems, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems), messages->len > 0);
  set_valid (self, unreadable.key == NULL && problems->len == 0);
}

static gboolean
validate_now (gpointer data)
{
  KrRecordForm *self = data;

  self->check_id = 0;
  validate (self);
  return G_SOURCE_REMOVE;
}

/* A check looks at the changed record only, but still goes through the map's lists once: a
 * few milliseconds at 20,000 entities, up to a tenth of a second at 100,000 on a slow machine.
 * When it takes longer than a keystroke, it waits for typing to pause rather than hold up every
 * key. Until it is done, nothing can be applied. */
#define QUICK_CHECK_US (40 * G_TIME_SPAN_MILLISECOND)
#define TYPING_PAUSE_MS 400

static void
field_changed (KrRecordForm *self)
{
  self->changed = TRUE;
  if (self->check_us < QUICK_CHECK_US)
    {
      validate (self);
      return;
    }
  set_valid (self, FALSE);
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (TYPING_PAUSE_MS, validate_now, self);
}

/* ---- applying and cancelling ------------------------------------------------------------ */

void
kr_record_form_apply (KrRecordForm *self)
{
  Unreadable unreadable = { .key = NULL };
  g_autoptr (GPtrArray) failed = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (KR_IS_RECORD_FORM (self));

  /* Enter right after typing: the check that was waiting comes first. */
  if (self->check_id != 0)
    validate (self);
  if (!self->valid)
    return;
  if (!self->changed)
    {
      g_signal_emit (self, signals[DONE], 0, FALSE);
      return;
    }
  failed = read_record (self, &unreadable, TRUE, &error);
  g_free (unreadable.message);
  if (failed != NULL)
    {
      /* Checked as it was typed: only a change made meanwhile elsewhere gets here. */
      gtk_label_set_text (self->problems, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problems), TRUE);
      return;
    }
  g_signal_emit (self, signals[DONE], 0, TRUE);
}

static void
cancel_clicked (KrRecordForm *self)
{
  g_signal_emit (self, signals[DONE], 0, FALSE);
}

static gboolean
escape_pressed (GtkWidget *widget, GVariant *args, gpointer data)
{
  (void)args;
  (void)data;
  cancel_clicked (KR_RECORD_FORM (widget));
  return TRUE;
}

/* ---- the object ------------------------------------------------------------------------- */

static GtkWidget *
record_form_new (KrEditor *editor, FormKind kind, guint index)
{
  KrRecordForm *self = g_object_new (KR_TYPE_RECORD_FORM, NULL);
  KrDataset *dataset = kr_editor_get_dataset (editor);

  self->editor = g_object_ref (editor);
  self->source = g_object_ref (dataset);
  self->kind = kind;
  self->index = index;
  if (kind == FORM_DEAL)
    fill_deal (self, dataset, kr_dataset_get_deal (dataset, index));
  else if (kind == FORM_ARTICLE)
    fill_article (self, kr_dataset_get_article (dataset, index));
  else
    fill_entity (self, kr_dataset_get_entity (dataset, index));
  validate (self);
  return GTK_WIDGET (self);
}

GtkWidget *
kr_record_form_new_entity (KrEditor *editor, guint entity)
{
  g_return_val_if_fail (KR_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (entity < kr_dataset_get_n_entities (kr_editor_get_dataset (editor)), NULL);
  return record_form_new (editor, FORM_ENTITY, entity);
}

GtkWidget *
kr_record_form_new_deal (KrEditor *editor, guint deal)
{
  g_return_val_if_fail (KR_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (deal < kr_dataset_get_n_deals (kr_editor_get_dataset (editor)), NULL);
  return record_form_new (editor, FORM_DEAL, deal);
}

/* A form for a new deal between the @n @entities, its first excerpt @excerpt (nullable: chosen
 * in the form). */
static GtkWidget *
new_deal_form (KrEditor *editor, const guint *entities, guint n, const KrEvidence *excerpt)
{
  KrRecordForm *self;
  KrDataset *dataset;
  g_autofree KrParty *parties = NULL;

  dataset = kr_editor_get_dataset (editor);
  self = g_object_new (KR_TYPE_RECORD_FORM, NULL);
  self->editor = g_object_ref (editor);
  self->kind = FORM_NEW_DEAL;
  self->index = kr_dataset_get_n_deals (dataset);
  self->source = g_object_ref (dataset);
  if (excerpt != NULL)
    {
      /* What it is made for comes first: the passage, then who it is about. */
      g_array_append_vals (self->evidence, excerpt, 1);
      gtk_box_reorder_child_after (GTK_BOX (self), self->evidence_box, GTK_WIDGET (self->heading));
      gtk_box_reorder_child_after (GTK_BOX (self), self->parties_box, self->evidence_box);
    }
  parties = g_new0 (KrParty, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    parties[i] = (KrParty){ .entity = entities[i], .role = KR_ROLE_PARTNER };
  self->new_deal = (KrDeal){
    .kind = KR_DEAL_PARTNERSHIP,
    .status = KR_STATUS_AGREED,
    .parties = parties,
    .n_parties = n,
    .stake_before = NAN,
    .stake_after = NAN,
  };
  fill_deal (self, dataset, &self->new_deal);
  self->new_deal.parties = NULL;
  self->new_deal.n_parties = 0;
  /* Nothing typed yet: said once something is. */
  set_valid (self, FALSE);
  return GTK_WIDGET (self);
}

GtkWidget *
kr_record_form_new_deal_between (KrEditor *editor, const guint *entities, guint n)
{
  g_return_val_if_fail (KR_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (entities != NULL || n == 0, NULL);
  return new_deal_form (editor, entities, n, NULL);
}

GtkWidget *
kr_record_form_new_deal_from_excerpt (KrEditor *editor, const KrEvidence *excerpt)
{
  g_return_val_if_fail (KR_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (excerpt != NULL && excerpt->quote != NULL, NULL);
  g_return_val_if_fail (
      excerpt->article < kr_dataset_get_n_articles (kr_editor_get_dataset (editor)), NULL);
  return new_deal_form (editor, NULL, 0, excerpt);
}

GtkWidget *
kr_record_form_new_article (KrEditor *editor, guint article)
{
  g_return_val_if_fail (KR_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (article < kr_dataset_get_n_articles (kr_editor_get_dataset (editor)), NULL);
  return record_form_new (editor, FORM_ARTICLE, article);
}

GtkWidget *
kr_record_form_new_article_with_text (KrEditor *editor, GtkTextView *text, GtkLabel *text_problem)
{
  KrRecordForm *self;
  KrArticle empty = { .title = NULL };

  g_return_val_if_fail (KR_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (text) && GTK_IS_LABEL (text_problem), NULL);

  self = g_object_new (KR_TYPE_RECORD_FORM, NULL);
  self->editor = g_object_ref (editor);
  self->source = g_object_ref (kr_editor_get_dataset (editor));
  self->kind = FORM_NEW_ARTICLE;
  self->index = kr_dataset_get_n_articles (self->source);
  self->text_view = g_object_ref (text);
  set_problem_label (GTK_WIDGET (text), GTK_WIDGET (text_problem));
  g_signal_connect_object (gtk_text_view_get_buffer (text), "changed", G_CALLBACK (field_changed),
                           self, G_CONNECT_SWAPPED);
  /* Its dialog has the title and the buttons. */
  gtk_widget_set_visible (GTK_WIDGET (self->heading), FALSE);
  gtk_widget_set_visible (self->buttons, FALSE);
  fill_article (self, &empty);
  /* Nothing typed yet: said once something is. */
  set_valid (self, FALSE);
  return GTK_WIDGET (self);
}

void
kr_record_form_focus (KrRecordForm *self)
{
  g_return_if_fail (KR_IS_RECORD_FORM (self));

  /* The first field to type in: a name, a summary, a title. */
  for (guint i = 0; i < self->fields->len; i++)
    if (ADW_IS_ENTRY_ROW (self->fields->pdata[i]))
      {
        gtk_widget_grab_focus (self->fields->pdata[i]);
        return;
      }
}

void
kr_record_form_choose_party (KrRecordForm *self)
{
  g_return_if_fail (KR_IS_RECORD_FORM (self));
  g_return_if_fail (self->kind == FORM_DEAL || self->kind == FORM_NEW_DEAL);

  add_party_activated (self);
}

static void
kr_record_form_dispose (GObject *object)
{
  KrRecordForm *self = KR_RECORD_FORM (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_object (&self->editor);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->scratch, g_ptr_array_unref);
  g_clear_pointer (&self->scratch_strv, g_ptr_array_unref);
  g_clear_object (&self->source);
  g_clear_object (&self->text_view);
  g_clear_pointer (&self->parties, g_array_unref);
  g_clear_pointer (&self->evidence, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_RECORD_FORM);
  G_OBJECT_CLASS (kr_record_form_parent_class)->dispose (object);
}

static void
kr_record_form_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KrRecordForm *self = KR_RECORD_FORM (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_record_form_class_init (KrRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_record_form_dispose;
  object_class->get_property = kr_record_form_get_property;

  properties[PROP_VALID]
      = g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The edit was made (TRUE), or cancelled or left as it was (FALSE). */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/kr-record-form.ui");
  gtk_widget_class_bind_template_child (widget_class, KrRecordForm, heading);
  gtk_widget_class_bind_template_child (widget_class, KrRecordForm, rows);
  gtk_widget_class_bind_template_child (widget_class, KrRecordForm, parties_box);
  gtk_widget_class_bind_template_child (widget_class, KrRecordForm, party_rows);
  gtk_widget_class_bind_template_child (widget_class, KrRecordForm, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, KrRecordForm, evidence_rows);
  gtk_widget_class_bind_template_child (widget_class, KrRecordForm, problems);
  gtk_widget_class_bind_template_child (widget_class, KrRecordForm, buttons);
  gtk_widget_class_bind_template_child (widget_class, KrRecordForm, apply_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "apply_clicked",
                                                G_CALLBACK (kr_record_form_apply));
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed, NULL);
}

static void
kr_record_form_init (KrRecordForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new ();
  self->parties = g_array_new (FALSE, FALSE, sizeof (KrParty));
  self->evidence = g_array_new (FALSE, FALSE, sizeof (KrEvidence));
  self->adding_to = self->rows;
  /* Under the lists, before the entities to add a party from. */
  gtk_box_append (GTK_BOX (self->parties_box), problem_label (GTK_WIDGET (self->party_rows)));
  gtk_box_append (GTK_BOX (self->evidence_box), problem_label (GTK_WIDGET (self->evidence_rows)));
  self->scratch = g_ptr_array_new_with_free_func (g_free);
  self->scratch_strv = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
}
