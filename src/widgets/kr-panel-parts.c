/* kr-panel-parts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-panel-parts"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-panel-parts.h"

GtkWidget *
kr_panel_label_new (const char *text, const char *css_class)
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

GtkWidget *
kr_panel_link_new (const char *title, const char *caption, const char *action, GVariant *target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *t = kr_panel_label_new (title, NULL);

  gtk_label_set_selectable (GTK_LABEL (t), FALSE);
  gtk_box_append (GTK_BOX (box), t);
  if (caption != NULL)
    {
      GtkWidget *c = kr_panel_label_new (caption, "caption");
      gtk_label_set_selectable (GTK_LABEL (c), FALSE);
      gtk_widget_add_css_class (c, "dim-label");
      gtk_box_append (GTK_BOX (box), c);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "kr-link-row");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  return button;
}

GtkWidget *
kr_panel_entity_link_new (const char *title, const char *caption, guint entity)
{
  return kr_panel_link_new (title, caption, KR_PANEL_ACTION_SELECT_ENTITY,
                            g_variant_new_int32 ((gint32)entity));
}

GtkWidget *
kr_panel_deal_link_new (const char *title, const char *caption, guint deal)
{
  return kr_panel_link_new (title, caption, KR_PANEL_ACTION_SELECT_DEAL,
                            g_variant_new_int32 ((gint32)deal));
}

void
kr_panel_add_fact (GtkGrid *grid, int *row, const char *key, const char *value)
{
  GtkWidget *k = kr_panel_label_new (key, "dim-label");
  GtkWidget *v = kr_panel_label_new (value, NULL);

  gtk_label_set_selectable (GTK_LABEL (k), FALSE);
  gtk_label_set_yalign (GTK_LABEL (k), 0);
  gtk_widget_set_hexpand (v, TRUE);
  gtk_grid_attach (grid, k, 0, *row, 1, 1);
  gtk_grid_attach (grid, v, 1, *row, 1, 1);
  (*row)++;
}

char *
kr_panel_format_article_source (const KrArticle *a)
{
  if (a->date == NULL)
    return g_strdup (a->publisher);
  if (a->date_inferred)
    /* Translators: a publisher and the date of its article, deduced from the content, not
     * printed on it */
    return g_strdup_printf (_ ("%s, %s (date inferred)"), a->publisher, a->date);
  return g_strdup_printf ("%s, %s", a->publisher, a->date);
}

char *
kr_panel_format_article_line (const KrArticle *a)
{
  g_autofree char *source = kr_panel_format_article_source (a);

  return g_strdup_printf ("%s — %s", a->title, source);
}

gboolean
kr_panel_offer_url (GtkButton *button, const char *url)
{
  if (!kr_url_is_web (url))
    return FALSE;
  /* The action comes with its target: GTK warns of an action without the target it takes. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-url");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", url);
  gtk_widget_set_visible (GTK_WIDGET (button), TRUE);
  return TRUE;
}
