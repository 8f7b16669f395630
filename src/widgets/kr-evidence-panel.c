/* kr-evidence-panel.c
 *
 * Every string that comes from a dataset is set as plain text, never as markup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-evidence-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kr-evidence-panel.h"

#define MAX_CHAINS_SHOWN 20

struct _KrEvidencePanel
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkBox *content;
  GtkScrolledWindow *scroller;

  KrDataset *dataset;
  char *shown_id;
  const char *kind; /* of the page shown */
};

G_DEFINE_FINAL_TYPE (KrEvidencePanel, kr_evidence_panel, GTK_TYPE_WIDGET)

enum
{
  ENTITY_ACTIVATED,
  DEAL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
text_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Text can be selected and copied, except headings: when the button that was clicked
   * goes with the old page, focus would land on the heading and select all of it. */
  gtk_label_set_selectable (GTK_LABEL (label),
                            css_class == NULL || !g_str_has_prefix (css_class, "title"));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
append (KrEvidencePanel *self, GtkWidget *child)
{
  gtk_box_append (self->content, child);
}

static void
clear_content (KrEvidencePanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  g_clear_pointer (&self->shown_id, g_free);
}

static void
append_heading (KrEvidencePanel *self, const char *text)
{
  GtkWidget *label = text_label (text, "heading");
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_margin_top (label, 12);
  append (self, label);
}

/* A row of the facts grid: a dim key and a value. */
static void
add_fact (GtkGrid *grid, int *row, const char *key, const char *value)
{
  GtkWidget *k = text_label (key, "dim-label");
  GtkWidget *v = text_label (value, NULL);

  gtk_label_set_selectable (GTK_LABEL (k), FALSE);
  gtk_label_set_yalign (GTK_LABEL (k), 0);
  gtk_widget_set_hexpand (v, TRUE);
  gtk_grid_attach (grid, k, 0, *row, 1, 1);
  gtk_grid_attach (grid, v, 1, *row, 1, 1);
  (*row)++;
}

static void
link_clicked (GtkButton *button, KrEvidencePanel *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kr-index"));
  gboolean is_deal = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kr-is-deal"));

  g_signal_emit (self, signals[is_deal ? DEAL_ACTIVATED : ENTITY_ACTIVATED], 0, index);
}

/* A flat button that selects another entity or deal. */
static GtkWidget *
link_button (KrEvidencePanel *self, const char *title, const char *caption, gboolean is_deal,
             guint index)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *t = text_label (title, NULL);

  gtk_label_set_selectable (GTK_LABEL (t), FALSE);
  gtk_box_append (GTK_BOX (box), t);
  if (caption != NULL)
    {
      GtkWidget *c = text_label (caption, "caption");
      gtk_label_set_selectable (GTK_LABEL (c), FALSE);
      gtk_widget_add_css_class (c, "dim-label");
      gtk_box_append (GTK_BOX (box), c);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "kr-link-row");
  g_object_set_data (G_OBJECT (button), "kr-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "kr-is-deal", GINT_TO_POINTER (is_deal));
  g_signal_connect (button, "clicked", G_CALLBACK (link_clicked), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  return button;
}

static char *
format_article_line (const KrArticle *a)
{
  if (a->date == NULL)
    return g_strdup_printf ("%s — %s", a->title, a->publisher);
  if (a->date_inferred)
    /* Translators: the date of an article deduced from its content, not printed on it */
    return g_strdup_printf (_ ("%s — %s, %s (date inferred)"), a->title, a->publisher, a->date);
  return g_strdup_printf ("%s — %s, %s", a->title, a->publisher, a->date);
}

/* Adds the names and aliases of @entity to @terms. */
static void
add_terms (GPtrArray *terms, const KrEntity *entity)
{
  g_ptr_array_add (terms, (gpointer)entity->name);
  for (guint i = 0; i < entity->n_aliases; i++)
    g_ptr_array_add (terms, (gpointer)entity->aliases[i]);
}

/* Sets @label to @text with every occurrence of @terms in bold: who the excerpt is about
 * stands out. Plain text with attributes, never markup. */
static void
emphasise (GtkLabel *label, const char *text, GPtrArray *terms)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  gsize length = strlen (text);

  for (guint t = 0; terms != NULL && t < terms->len; t++)
    {
      const char *term = terms->pdata[t];
      gsize n = strlen (term);
      if (n < 2)
        continue;
      for (gsize at = 0; at + n <= length; at++)
        {
          /* Whole words only, ignoring ASCII case. */
          gboolean starts = at == 0 || !g_ascii_isalnum (text[at - 1]);
          gboolean ends = at + n == length || !g_ascii_isalnum (text[at + n]);
          if (starts && ends && g_ascii_strncasecmp (text + at, term, n) == 0)
            {
              PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
              bold->start_index = (guint)at;
              bold->end_index = (guint)(at + n);
              pango_attr_list_insert (attrs, bold);
              at += n - 1;
            }
        }
    }
  gtk_label_set_text (label, text);
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

static gboolean
is_web_address (const char *url)
{
  return url != NULL
         && (g_ascii_strncasecmp (url, "https://", 8) == 0
             || g_ascii_strncasecmp (url, "http://", 7) == 0);
}

/* "“Quote” — Title, Publisher, date. URL" */
static char *
format_citation (const KrEvidence *ev, const KrArticle *a)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "“%s” — %s, %s", ev->quote, a->title, a->publisher);
  if (a->date != NULL)
    g_string_append_printf (s, ", %s", a->date);
  g_string_append_c (s, '.');
  if (is_web_address (a->url))
    g_string_append_printf (s, " %s", a->url);
  return g_string_free (s, FALSE);
}

static GtkWidget *
card_button (const char *label, const char *action, const char *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "kr-card-button");
  return button;
}

/* Adds the card of one excerpt to @into. */
static void
append_card (KrEvidencePanel *self, GtkBox *into, const KrEvidence *ev, GPtrArray *terms)
{
  const KrArticle *a = kr_dataset_get_article (self->dataset, ev->article);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *quote = g_strdup_printf ("“%s”", ev->quote);
  g_autofree char *source = format_article_line (a);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "kr-evidence");
  if (ev->stance != KR_STANCE_SUPPORTS)
    {
      GtkWidget *badge = text_label (kr_stance_label (ev->stance), "kr-stance");
      gtk_label_set_selectable (GTK_LABEL (badge), FALSE);
      gtk_widget_add_css_class (badge, ev->stance == KR_STANCE_CONTRADICTS ? "error" : "warning");
      gtk_box_append (GTK_BOX (card), badge);
    }
  {
    GtkWidget *q = text_label (quote, "kr-quote");
    /* A modest natural width lets two sides of a disagreement sit next to each other. */
    gtk_label_set_max_width_chars (GTK_LABEL (q), 30);
    emphasise (GTK_LABEL (q), quote, terms);
    gtk_box_append (GTK_BOX (card), q);
  }
  if (ev->note != NULL)
    {
      GtkWidget *note = text_label (ev->note, "caption");
      gtk_label_set_max_width_chars (GTK_LABEL (note), 30);
      gtk_box_append (GTK_BOX (card), note);
    }
  {
    GtkWidget *src = text_label (source, "caption");
    gtk_label_set_max_width_chars (GTK_LABEL (src), 30);
    gtk_widget_add_css_class (src, "dim-label");
    gtk_box_append (GTK_BOX (card), src);
  }
  {
    /* The window opens the article (http and https only) and copies citations. */
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    g_autofree char *citation = format_citation (ev, a);
    if (is_web_address (a->url))
      {
        GtkWidget *open = card_button (_ ("_Open Article"), "win.open-url", a->url);
        gtk_widget_set_tooltip_text (open, a->url);
        gtk_box_append (GTK_BOX (row), open);
      }
    gtk_box_append (GTK_BOX (row),
                    card_button (_ ("Copy _Citation"), "win.copy-citation", citation));
    gtk_box_append (GTK_BOX (card), row);
  }
  gtk_box_append (into, card);
}

/* Adds a card per excerpt to @into; only those with @stances (a bit per KrStance). */
static void
append_evidence (KrEvidencePanel *self, GtkBox *into, const KrEvidence *evidence, guint n,
                 GPtrArray *terms, guint stances)
{
  for (guint i = 0; i < n; i++)
    if (stances & (1u << evidence[i].stance))
      append_card (self, into, &evidence[i], terms);
}

static void
begin_page (KrEvidencePanel *self, KrDataset *dataset, const char *kind, const char *id)
{
  g_set_object (&self->dataset, dataset);
  /* The focused widget goes with the old page; left to itself, GTK would give focus to a
   * selectable label of the new one, selecting all its text. */
  if (gtk_widget_get_focus_child (GTK_WIDGET (self)) != NULL
      && gtk_widget_get_root (GTK_WIDGET (self)))
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
  clear_content (self);
  self->kind = kind;
  self->shown_id = g_strdup (id);
  gtk_stack_set_visible_child_name (self->stack, "details");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
kr_evidence_panel_show_entity (KrEvidencePanel *self, KrDataset *dataset, guint entity)
{
  const KrEntity *e;
  g_autofree char *subtitle = NULL;
  guint n_deals = 0;

  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  g_return_if_fail (KR_IS_DATASET (dataset));
  g_return_if_fail (entity < kr_dataset_get_n_entities (dataset));

  e = kr_dataset_get_entity (dataset, entity);
  begin_page (self, dataset, "entity", e->id);

  append (self, text_label (e->display_name, "title-2"));
  subtitle = e->country ? g_strdup_printf ("%s · %s", kr_entity_kind_label (e->kind), e->country)
                        : g_strdup (kr_entity_kind_label (e->kind));
  append (self, text_label (subtitle, "dim-label"));
  {
    /* What the map can show around it; the window carries these actions out. */
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *focus = gtk_button_new_with_mnemonic (_ ("_Focus on It"));
    GtkWidget *connect = gtk_button_new_with_mnemonic (_ ("_Connect To…"));

    gtk_widget_set_tooltip_text (focus, _ ("Show only it and its neighbourhood"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (focus), "win.focus");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (focus), "s", e->id);
    gtk_widget_set_tooltip_text (connect,
                                 _ ("Show how it is connected to another entity: choose that one "
                                    "on the map next"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (connect), "win.path-from");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (connect), "s", e->id);
    gtk_widget_add_css_class (focus, "pill");
    gtk_widget_add_css_class (connect, "pill");
    gtk_widget_add_css_class (focus, "small");
    gtk_widget_add_css_class (connect, "small");
    gtk_box_append (GTK_BOX (row), focus);
    gtk_box_append (GTK_BOX (row), connect);
    gtk_widget_set_margin_top (row, 6);
    gtk_widget_set_margin_bottom (row, 6);
    append (self, row);
  }
  if (e->n_aliases > 0 || e->display_name != e->name)
    {
      /* Shown by its name in the user's language, it is also called by its dataset name. */
      GString *aliases = g_string_new (e->display_name != e->name ? e->name : NULL);
      for (guint i = 0; i < e->n_aliases; i++)
        if (g_strcmp0 (e->aliases[i], e->name) != 0)
          g_string_append_printf (aliases, "%s%s", aliases->len ? C_ ("list separator", ", ") : "",
                                  e->aliases[i]);
      if (aliases->len > 0)
        {
          g_autofree char *line = g_strdup_printf (_ ("Also called %s"), aliases->str);
          append (self, text_label (line, "caption"));
        }
      g_string_free (aliases, TRUE);
    }
  if (e->description != NULL)
    append (self, text_label (e->description, NULL));

  {
    /* How many articles mention it: its own excerpts and its deals'. */
    g_autofree gboolean *mentions = g_new0 (gboolean, MAX (kr_dataset_get_n_articles (dataset), 1));
    guint n_articles = 0;
    g_autofree char *line = NULL;

    for (guint i = 0; i < e->n_evidence; i++)
      mentions[e->evidence[i].article] = TRUE;
    for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
      {
        const KrDeal *d = kr_dataset_get_deal (dataset, k);
        if (!kr_deal_involves (d, entity))
          continue;
        n_deals++;
        for (guint i = 0; i < d->n_evidence; i++)
          mentions[d->evidence[i].article] = TRUE;
      }
    for (guint a = 0; a < kr_dataset_get_n_articles (dataset); a++)
      n_articles += mentions[a] ? 1 : 0;
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mentioned in %u article",
                                         "Mentioned in %u articles", n_articles),
                            n_articles);
    append (self, text_label (line, "dim-label"));
  }

  if (n_deals > 0)
    {
      g_autofree char *heading = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u deal", "%u deals", n_deals), n_deals);
      append_heading (self, heading);
      /* Grouped by kind, then by status within each kind. */
      for (int kind = 0; kind < KR_N_DEAL_KINDS; kind++)
        {
          gboolean first = TRUE;
          for (int status = 0; status < KR_N_STATUSES; status++)
            for (guint i = 0; i < kr_dataset_get_n_deals (dataset); i++)
              {
                const KrDeal *d = kr_dataset_get_deal (dataset, i);
                if ((int)d->kind != kind || (int)d->status != status
                    || !kr_deal_involves (d, entity))
                  continue;
                if (first)
                  {
                    GtkWidget *group = text_label (kr_deal_kind_label (d->kind), "caption-heading");
                    gtk_label_set_selectable (GTK_LABEL (group), FALSE);
                    gtk_widget_set_margin_top (group, 6);
                    append (self, group);
                    first = FALSE;
                  }
                append (self, link_button (self, d->summary, kr_status_label (d->status), TRUE, i));
              }
        }
    }

  if (e->n_evidence > 0)
    {
      g_autoptr (GPtrArray) terms = g_ptr_array_new ();
      add_terms (terms, e);
      append_heading (self, _ ("Evidence"));
      append_evidence (self, self->content, e->evidence, e->n_evidence, terms, ~0u);
    }
}

static char *
format_money (const KrDeal *d)
{
  double v = d->value_amount;
  g_autofree char *amount = NULL;
  /* Translators: how your language groups the digits of large amounts. Keep "thousands" to
   * write them in millions and billions; write "myriads" (in English) if it counts in units of
   * ten thousand, such as 万, 億 and 兆 in Japanese. */
  gboolean myriads = g_str_equal (C_ ("number grouping", "thousands"), "myriads");

  if (v >= 1e12)
    amount = g_strdup_printf (_ ("%.4g trillion"), v / 1e12);
  else if (myriads && v >= 1e8)
    amount = g_strdup_printf (_ ("%.4g hundred million"), v / 1e8);
  else if (myriads && v >= 1e4)
    amount = g_strdup_printf (_ ("%.4g ten thousand"), v / 1e4);
  else if (!myriads && v >= 1e9)
    amount = g_strdup_printf (_ ("%.4g billion"), v / 1e9);
  else if (!myriads && v >= 1e6)
    amount = g_strdup_printf (_ ("%.4g million"), v / 1e6);
  else
    amount = g_strdup_printf ("%.0f", v);
  /* Translators: "about 5 billion USD" */
  return d->value_approximate ? g_strdup_printf (_ ("about %s %s"), amount, d->value_currency)
                              : g_strdup_printf ("%s %s", amount, d->value_currency);
}

void
kr_evidence_panel_show_deal (KrEvidencePanel *self, KrDataset *dataset, guint deal)
{
  const KrDeal *d;
  g_autofree char *subtitle = NULL;
  g_autofree char *sources = NULL;
  GtkWidget *grid;
  int row = 0;
  guint n_sources;

  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  g_return_if_fail (KR_IS_DATASET (dataset));
  g_return_if_fail (deal < kr_dataset_get_n_deals (dataset));

  d = kr_dataset_get_deal (dataset, deal);
  begin_page (self, dataset, "deal", d->id);

  append (self, text_label (d->summary, "title-3"));
  subtitle = g_strdup_printf ("%s · %s", kr_deal_kind_label (d->kind), kr_status_label (d->status));
  append (self, text_label (subtitle, "dim-label"));
  if (kr_deal_is_disputed (d))
    {
      GtkWidget *warn
          = text_label (_ ("The sources disagree on this deal; read both sides below."), "warning");
      gtk_label_set_selectable (GTK_LABEL (warn), FALSE);
      append (self, warn);
    }

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_top (grid, 6);
  if (d->date)
    add_fact (GTK_GRID (grid), &row, _ ("Date"), d->date);
  if (d->expected)
    add_fact (GTK_GRID (grid), &row, _ ("Expected"), d->expected);
  if (d->end)
    add_fact (GTK_GRID (grid), &row, _ ("Ended"), d->end);
  if (d->has_value)
    {
      g_autofree char *money = format_money (d);
      add_fact (GTK_GRID (grid), &row, _ ("Value"), money);
    }
  if (!isnan (d->stake_before) || !isnan (d->stake_after))
    {
      g_autofree char *stake = NULL;
      if (!isnan (d->stake_before) && !isnan (d->stake_after))
        stake = g_strdup_printf ("%g %% → %g %%", d->stake_before, d->stake_after);
      else if (!isnan (d->stake_after))
        stake = g_strdup_printf ("%g %%", d->stake_after);
      else
        stake = g_strdup_printf (_ ("%g %% before"), d->stake_before);
      add_fact (GTK_GRID (grid), &row, _ ("Stake"), stake);
    }
  n_sources = kr_deal_count_sources (d);
  sources = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", n_sources),
                             n_sources);
  add_fact (GTK_GRID (grid), &row, _ ("Sources"), sources);
  if (d->note)
    add_fact (GTK_GRID (grid), &row, _ ("Note"), d->note);
  append (self, grid);

  append_heading (self, _ ("Parties"));
  for (guint i = 0; i < d->n_parties; i++)
    {
      const KrEntity *e = kr_dataset_get_entity (dataset, d->parties[i].entity);
      append (self, link_button (self, e->display_name, kr_role_label (d->parties[i].role), FALSE,
                                 d->parties[i].entity));
    }
  if (d->n_proposed_by > 0)
    {
      append_heading (self, _ ("Proposed or urged by"));
      for (guint i = 0; i < d->n_proposed_by; i++)
        {
          const KrEntity *e = kr_dataset_get_entity (dataset, d->proposed_by[i]);
          append (self, link_button (self, e->display_name, kr_entity_kind_label (e->kind), FALSE,
                                     d->proposed_by[i]));
        }
    }

  {
    g_autoptr (GPtrArray) terms = g_ptr_array_new ();
    for (guint i = 0; i < d->n_parties; i++)
      add_terms (terms, kr_dataset_get_entity (dataset, d->parties[i].entity));
    for (guint i = 0; i < d->n_proposed_by; i++)
      add_terms (terms, kr_dataset_get_entity (dataset, d->proposed_by[i]));
    append_heading (self, _ ("Evidence"));
    if (!kr_deal_is_disputed (d))
      append_evidence (self, self->content, d->evidence, d->n_evidence, terms, ~0u);
    else
      {
        /* The two sides next to each other when the panel is wide enough, one above the
         * other when it is not. */
        GtkWidget *sides = gtk_flow_box_new ();
        const struct
        {
          const char *title;
          guint stances;
        } side[] = { { N_ ("What supports it"), 1u << KR_STANCE_SUPPORTS },
                     { N_ ("What disputes or qualifies it"),
                       (1u << KR_STANCE_CONTRADICTS) | (1u << KR_STANCE_QUALIFIES) } };

        gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (sides), GTK_SELECTION_NONE);
        gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (sides), 1);
        gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (sides), 2);
        gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (sides), TRUE);
        gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (sides), 12);
        for (guint s = 0; s < G_N_ELEMENTS (side); s++)
          {
            GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
            GtkWidget *heading = text_label (_ (side[s].title), "caption-heading");
            GtkWidget *child;
            gtk_label_set_selectable (GTK_LABEL (heading), FALSE);
            gtk_widget_set_size_request (column, 280, -1);
            gtk_box_append (GTK_BOX (column), heading);
            append_evidence (self, GTK_BOX (column), d->evidence, d->n_evidence, terms,
                             side[s].stances);
            gtk_flow_box_append (GTK_FLOW_BOX (sides), column);
            /* Not focusable as a whole: the cards' buttons are. */
            child = gtk_widget_get_parent (column);
            gtk_widget_set_focusable (child, FALSE);
            gtk_widget_set_valign (child, GTK_ALIGN_START);
          }
        append (self, sides);
      }
  }
}

/* A flat button that runs a window action, e.g. showing an article. */
static GtkWidget *
action_row (const char *title, const char *caption, const char *action, const char *target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *t = text_label (title, NULL);
  GtkWidget *c = text_label (caption, "caption");

  gtk_label_set_selectable (GTK_LABEL (t), FALSE);
  gtk_label_set_selectable (GTK_LABEL (c), FALSE);
  gtk_widget_add_css_class (c, "dim-label");
  gtk_box_append (GTK_BOX (box), t);
  gtk_box_append (GTK_BOX (box), c);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "kr-link-row");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  return button;
}

static guint
count_claims (KrDataset *dataset, guint article)
{
  guint n = 0;

  for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, k);
      n += kr_evidence_cites (d->evidence, d->n_evidence, article) ? 1 : 0;
    }
  return n;
}

void
kr_evidence_panel_show_articles (KrEvidencePanel *self, KrDataset *dataset)
{
  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  g_return_if_fail (KR_IS_DATASET (dataset));

  begin_page (self, dataset, "articles", NULL);
  append (self, text_label (_ ("Sources"), "title-2"));
  append (self,
          text_label (_ ("Choose an article to see on the map everything it says."), "dim-label"));
  for (guint a = 0; a < kr_dataset_get_n_articles (dataset); a++)
    {
      const KrArticle *art = kr_dataset_get_article (dataset, a);
      guint n = count_claims (dataset, a);
      g_autofree char *line = format_article_line (art);
      g_autofree char *claims
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal", "%u deals", n), n);
      g_autofree char *caption = g_strdup_printf ("%s · %s", line, claims);
      append (self, action_row (art->title, caption, "win.show-article", art->id));
    }
}

void
kr_evidence_panel_show_article (KrEvidencePanel *self, KrDataset *dataset, guint article)
{
  const KrArticle *a;
  g_autofree char *line = NULL;
  GtkWidget *row;
  gboolean any_entity = FALSE;

  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  g_return_if_fail (KR_IS_DATASET (dataset));
  g_return_if_fail (article < kr_dataset_get_n_articles (dataset));

  a = kr_dataset_get_article (dataset, article);
  begin_page (self, dataset, "article", a->id);
  append (self, text_label (a->title, "title-3"));
  line = a->date ? g_strdup_printf ("%s · %s", a->publisher, a->date) : g_strdup (a->publisher);
  append (self, text_label (line, "dim-label"));
  if (a->author != NULL)
    {
      g_autofree char *by = g_strdup_printf (_ ("By %s"), a->author);
      append (self, text_label (by, "caption"));
    }
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (is_web_address (a->url))
    gtk_box_append (GTK_BOX (row), card_button (_ ("_Open Article"), "win.open-url", a->url));
  {
    GtkWidget *all = gtk_button_new_with_mnemonic (_ ("_All Sources"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (all), "win.show-sources");
    gtk_widget_add_css_class (all, "flat");
    gtk_widget_add_css_class (all, "kr-card-button");
    gtk_box_append (GTK_BOX (row), all);
  }
  append (self, row);

  append_heading (self, _ ("Deals it reports"));
  for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, k);
      g_autofree char *caption = NULL;
      if (!kr_evidence_cites (d->evidence, d->n_evidence, article))
        continue;
      caption
          = g_strdup_printf ("%s · %s", kr_deal_kind_label (d->kind), kr_status_label (d->status));
      append (self, link_button (self, d->summary, caption, TRUE, k));
    }
  for (guint e = 0; e < kr_dataset_get_n_entities (dataset); e++)
    {
      const KrEntity *en = kr_dataset_get_entity (dataset, e);
      if (!kr_evidence_cites (en->evidence, en->n_evidence, article))
        continue;
      if (!any_entity)
        append_heading (self, _ ("Entities it describes"));
      any_entity = TRUE;
      append (self,
              link_button (self, en->display_name, kr_entity_kind_label (en->kind), FALSE, e));
    }
}

void
kr_evidence_panel_show_chains (KrEvidencePanel *self, KrDataset *dataset, guint from, guint to,
                               GPtrArray *chains)
{
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;

  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  g_return_if_fail (KR_IS_DATASET (dataset));

  begin_page (self, dataset, "chains", NULL);
  /* Translators: the heading of the shortest chains of deals between two entities */
  title = g_strdup_printf (_ ("How %s is connected to %s"),
                           kr_dataset_get_entity (dataset, from)->display_name,
                           kr_dataset_get_entity (dataset, to)->display_name);
  append (self, text_label (title, "title-3"));
  if (chains->len > 0)
    {
      guint steps = (((GArray *)chains->pdata[0])->len - 1) / 2;
      if (chains->len > 100)
        count = g_strdup_printf (_ ("More than 100 shortest chains, %u deals long; each deal "
                                    "opens its evidence."),
                                 steps);
      else
        count
            = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u shortest chain, %u deal long; each deal opens its "
                                            "evidence.",
                                            "%u shortest chains, %u deals long; each deal opens "
                                            "its evidence.",
                                            chains->len),
                               chains->len, steps);
      append (self, text_label (count, "dim-label"));
    }
  for (guint c = 0; c < MIN (chains->len, MAX_CHAINS_SHOWN); c++)
    {
      GArray *chain = chains->pdata[c];
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "kr-evidence");
      for (guint i = 0; i < chain->len; i++)
        {
          guint v = g_array_index (chain, guint, i);
          if (i % 2 == 0)
            {
              const KrEntity *e = kr_dataset_get_entity (dataset, v);
              gtk_box_append (
                  GTK_BOX (card),
                  link_button (self, e->display_name, kr_entity_kind_label (e->kind), FALSE, v));
            }
          else
            {
              const KrDeal *d = kr_dataset_get_deal (dataset, v);
              g_autofree char *caption
                  = g_strdup_printf ("↓ %s · %s · %s", kr_deal_kind_label (d->kind),
                                     kr_status_label (d->status), d->summary);
              GtkWidget *step = link_button (self, caption, NULL, TRUE, v);
              gtk_widget_add_css_class (step, "kr-chain-step");
              gtk_box_append (GTK_BOX (card), step);
            }
        }
      append (self, card);
    }
  if (chains->len > MAX_CHAINS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (
          _ ("The map shows every chain; the first %u are listed here."), MAX_CHAINS_SHOWN);
      append (self, text_label (more, "dim-label"));
    }
}

void
kr_evidence_panel_clear (KrEvidencePanel *self)
{
  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  clear_content (self);
  self->kind = "empty";
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
kr_evidence_panel_focus (KrEvidencePanel *self)
{
  GtkWidget *first;

  g_return_if_fail (KR_IS_EVIDENCE_PANEL (self));
  /* The heading is a selectable label: focusing it lets a screen reader start there. */
  first = gtk_widget_get_first_child (GTK_WIDGET (self->content));
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

const char *
kr_evidence_panel_get_shown_id (KrEvidencePanel *self)
{
  g_return_val_if_fail (KR_IS_EVIDENCE_PANEL (self), NULL);
  return self->shown_id;
}

static void
kr_evidence_panel_dispose (GObject *object)
{
  KrEvidencePanel *self = KR_EVIDENCE_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KR_TYPE_EVIDENCE_PANEL);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->shown_id, g_free);
  G_OBJECT_CLASS (kr_evidence_panel_parent_class)->dispose (object);
}

static void
kr_evidence_panel_class_init (KrEvidencePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_evidence_panel_dispose;

  signals[ENTITY_ACTIVATED]
      = g_signal_new ("entity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[DEAL_ACTIVATED]
      = g_signal_new ("deal-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/kr-evidence-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KrEvidencePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, KrEvidencePanel, content);
  gtk_widget_class_bind_template_child (widget_class, KrEvidencePanel, scroller);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "evidencepanel");
}

static void
kr_evidence_panel_init (KrEvidencePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kr_evidence_panel_new (void)
{
  return g_object_new (KR_TYPE_EVIDENCE_PANEL, NULL);
}

const char *
kr_evidence_panel_get_page (KrEvidencePanel *self)
{
  g_return_val_if_fail (KR_IS_EVIDENCE_PANEL (self), NULL);
  return self->kind ? self->kind : "empty";
}
