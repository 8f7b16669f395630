/* kr-article-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-article-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-article-page.h"
#include "kr-dataset-queries.h"
#include "kr-panel-parts.h"

struct _KrArticlePage
{
  GtkBox parent_instance;

  GtkLabel *title;
  GtkLabel *subtitle;
  GtkLabel *author;
  GtkButton *open_button;
  GtkBox *deals;
  GtkBox *entities;
  GtkWidget *text_box;
  GtkTextView *text_view;
  GtkWidget *make_button;
};

G_DEFINE_FINAL_TYPE (KrArticlePage, kr_article_page, GTK_TYPE_BOX)

GtkWidget *
kr_article_page_new (KrDataset *dataset, guint article)
{
  KrArticlePage *self;
  const KrArticle *a;
  g_autofree char *subtitle = NULL;
  g_autoptr (GArray) deals = NULL;
  g_autoptr (GArray) entities = NULL;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (article < kr_dataset_get_n_articles (dataset), NULL);

  self = g_object_new (KR_TYPE_ARTICLE_PAGE, NULL);
  a = kr_dataset_get_article (dataset, article);
  gtk_label_set_text (self->title, a->title);
  subtitle = a->date ? g_strdup_printf ("%s · %s", a->publisher, a->date) : g_strdup (a->publisher);
  gtk_label_set_text (self->subtitle, subtitle);
  if (a->author != NULL)
    {
      g_autofree char *by = g_strdup_printf (_ ("By %s"), a->author);
      gtk_label_set_text (self->author, by);
      gtk_widget_set_visible (GTK_WIDGET (self->author), TRUE);
    }
  kr_panel_offer_url (self->open_button, a->url);

  deals = kr_dataset_list_article_deals (dataset, article);
  for (guint i = 0; i < deals->len; i++)
    {
      guint k = g_array_index (deals, guint, i);
      const KrDeal *d = kr_dataset_get_deal (dataset, k);
      g_autofree char *caption
          = g_strdup_printf ("%s · %s", kr_deal_kind_label (d->kind), kr_status_label (d->status));
      gtk_box_append (self->deals, kr_panel_deal_link_new (d->summary, caption, k));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->deals), deals->len > 0);

  entities = kr_dataset_list_article_entities (dataset, article);
  for (guint i = 0; i < entities->len; i++)
    {
      guint e = g_array_index (entities, guint, i);
      const KrEntity *en = kr_dataset_get_entity (dataset, e);
      gtk_box_append (self->entities, kr_panel_entity_link_new (
                                          en->display_name, kr_entity_kind_label (en->kind), e));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->entities), entities->len > 0);
  if (a->text != NULL)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), a->text, -1);
      gtk_widget_set_visible (self->text_box, TRUE);
    }
  return GTK_WIDGET (self);
}

char *
kr_article_page_get_passage (KrArticlePage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (KR_IS_ARTICLE_PAGE (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return NULL;
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
selection_changed (KrArticlePage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_widget_set_sensitive (self->make_button, gtk_text_buffer_get_has_selection (buffer));
}

static void
kr_article_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_ARTICLE_PAGE);
  G_OBJECT_CLASS (kr_article_page_parent_class)->dispose (object);
}

static void
kr_article_page_class_init (KrArticlePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_article_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/kr-article-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KrArticlePage, title);
  gtk_widget_class_bind_template_child (widget_class, KrArticlePage, subtitle);
  gtk_widget_class_bind_template_child (widget_class, KrArticlePage, author);
  gtk_widget_class_bind_template_child (widget_class, KrArticlePage, open_button);
  gtk_widget_class_bind_template_child (widget_class, KrArticlePage, deals);
  gtk_widget_class_bind_template_child (widget_class, KrArticlePage, entities);
  gtk_widget_class_bind_template_child (widget_class, KrArticlePage, text_box);
  gtk_widget_class_bind_template_child (widget_class, KrArticlePage, text_view);
  gtk_widget_class_bind_template_child (widget_class, KrArticlePage, make_button);
}

static void
kr_article_page_init (KrArticlePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "notify::has-selection",
                            G_CALLBACK (selection_changed), self);
}
