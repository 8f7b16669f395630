/* kr-evidence-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-evidence-card"

#include "config.h"

#include <string.h>

#include "kr-article-text.h"
#include "kr-evidence-card.h"
#include "kr-panel-parts.h"

struct _KrEvidenceCard
{
  GtkBox parent_instance;

  GtkLabel *stance;
  GtkLabel *quote;
  GtkWidget *unfound;
  GtkLabel *note;
  GtkLabel *source;
  GtkButton *open_button;
  GtkButton *copy_button;
};

G_DEFINE_FINAL_TYPE (KrEvidenceCard, kr_evidence_card, GTK_TYPE_BOX)

/* Sets @label to @text with every occurrence of @names in bold: who the excerpt is about
 * stands out. Plain text with attributes, never markup. */
static void
emphasise (GtkLabel *label, const char *text, GPtrArray *names)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  gsize length = strlen (text);

  for (guint t = 0; names != NULL && t < names->len; t++)
    {
      const char *name = names->pdata[t];
      gsize n = strlen (name);
      if (n < 2)
        continue;
      for (gsize at = 0; at + n <= length; at++)
        {
          /* Whole words only, ignoring ASCII case. */
          gboolean starts = at == 0 || !g_ascii_isalnum (text[at - 1]);
          gboolean ends = at + n == length || !g_ascii_isalnum (text[at + n]);
          if (starts && ends && g_ascii_strncasecmp (text + at, name, n) == 0)
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

/* The excerpt between quotation marks, unless it opens or closes with a mark of its own, which
 * they would double: “"The new structure …," the pair said in the statement.” */
static char *
quote_excerpt (const char *excerpt)
{
  static const char *const marks[] = { "\"", "“", "”" };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_str_has_prefix (excerpt, marks[i]) || g_str_has_suffix (excerpt, marks[i]))
      return g_strdup (excerpt);
  return g_strdup_printf ("“%s”", excerpt);
}

/* "“Quote” — Title, Publisher, date. URL" */
static char *
format_citation (const KrEvidence *ev, const KrArticle *a)
{
  GString *s = g_string_new (NULL);
  g_autofree char *quote = quote_excerpt (ev->quote);

  g_string_append_printf (s, "%s — %s, %s", quote, a->title, a->publisher);
  if (a->date != NULL)
    g_string_append_printf (s, ", %s", a->date);
  g_string_append_c (s, '.');
  if (kr_url_is_web (a->url))
    g_string_append_printf (s, " %s", a->url);
  return g_string_free (s, FALSE);
}

GtkWidget *
kr_evidence_card_new (KrDataset *dataset, const KrEvidence *evidence, GPtrArray *names)
{
  KrEvidenceCard *self;
  const KrArticle *a;
  g_autofree char *quote = NULL;
  g_autofree char *source = NULL;
  g_autofree char *citation = NULL;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (evidence != NULL, NULL);

  self = g_object_new (KR_TYPE_EVIDENCE_CARD, NULL);
  a = kr_dataset_get_article (dataset, evidence->article);
  if (evidence->stance != KR_STANCE_SUPPORTS)
    {
      gtk_label_set_text (self->stance, kr_stance_label (evidence->stance));
      gtk_widget_add_css_class (GTK_WIDGET (self->stance),
                                evidence->stance == KR_STANCE_CONTRADICTS ? "error" : "warning");
      gtk_widget_set_visible (GTK_WIDGET (self->stance), TRUE);
    }
  quote = quote_excerpt (evidence->quote);
  emphasise (self->quote, quote, names);
  gtk_widget_set_visible (self->unfound, !kr_evidence_is_found (dataset, evidence));
  if (evidence->note != NULL)
    {
      gtk_label_set_text (self->note, evidence->note);
      gtk_widget_set_visible (GTK_WIDGET (self->note), TRUE);
    }
  source = kr_panel_format_article_line (a);
  gtk_label_set_text (self->source, source);

  /* The window opens the article (http and https only) and copies citations. */
  if (kr_panel_offer_url (self->open_button, a->url))
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_button), a->url);
  citation = format_citation (evidence, a);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->copy_button), "s", citation);
  return GTK_WIDGET (self);
}

void
kr_evidence_card_append_each (GtkBox *box, KrDataset *dataset, const KrEvidence *evidence, guint n,
                              GPtrArray *names)
{
  g_return_if_fail (GTK_IS_BOX (box));

  for (guint i = 0; i < n; i++)
    gtk_box_append (box, kr_evidence_card_new (dataset, &evidence[i], names));
}

static void
kr_evidence_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_EVIDENCE_CARD);
  G_OBJECT_CLASS (kr_evidence_card_parent_class)->dispose (object);
}

static void
kr_evidence_card_class_init (KrEvidenceCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_evidence_card_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/kr-evidence-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceCard, stance);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceCard, quote);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceCard, unfound);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceCard, note);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceCard, source);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceCard, open_button);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceCard, copy_button);
}

static void
kr_evidence_card_init (KrEvidenceCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
