/* kr-sources-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-sources-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-dataset-queries.h"
#include "kr-panel-parts.h"
#include "kr-sources-page.h"

struct _KrSourcesPage
{
  GtkBox parent_instance;

  GtkBox *articles;
};

G_DEFINE_FINAL_TYPE (KrSourcesPage, kr_sources_page, GTK_TYPE_BOX)

GtkWidget *
kr_sources_page_new (KrDataset *dataset)
{
  KrSourcesPage *self;
  g_autofree guint *claims = NULL;
  g_autoptr (GArray) articles = NULL;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);

  self = g_object_new (KR_TYPE_SOURCES_PAGE, NULL);
  claims = kr_dataset_count_deals_per_article (dataset);
  /* Newest first, as news is listed: the latest reports, which revise the earlier ones, are
   * what a reader looks for first. */
  articles = kr_dataset_list_articles_by_date (dataset);
  for (guint i = 0; i < articles->len; i++)
    {
      guint a = g_array_index (articles, guint, i);
      const KrArticle *art = kr_dataset_get_article (dataset, a);
      g_autofree char *source = kr_panel_format_article_source (art);
      g_autofree char *deals = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u deal", "%u deals", claims[a]), claims[a]);
      g_autofree char *caption = g_strdup_printf ("%s · %s", source, deals);
      gtk_box_append (self->articles, kr_panel_link_new (art->title, caption, "win.show-article",
                                                         g_variant_new_string (art->id)));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->articles), articles->len > 0);
  return GTK_WIDGET (self);
}

static void
kr_sources_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_SOURCES_PAGE);
  G_OBJECT_CLASS (kr_sources_page_parent_class)->dispose (object);
}

static void
kr_sources_page_class_init (KrSourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_sources_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/kr-sources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KrSourcesPage, articles);
}

static void
kr_sources_page_init (KrSourcesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
