/* kr-panel-parts.h — the pieces every page of the side panel is built from
 *
 * Every string that comes from a dataset is set as plain text, never as markup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

/* The panel's actions that select an entity or a deal on the map, by dataset index ("i"). */
#define KR_PANEL_ACTION_SELECT_ENTITY "panel.select-entity"
#define KR_PANEL_ACTION_SELECT_DEAL "panel.select-deal"

/* A wrapping label showing @text, with the style class @css_class (nullable). Its text can be
 * selected and copied, except in headings. */
GtkWidget *kr_panel_label_new (const char *text, const char *css_class);

/* A flat button with a title and a dim caption (nullable) that runs @action with @target (a
 * floating reference is taken). */
GtkWidget *kr_panel_link_new (const char *title, const char *caption, const char *action,
                              GVariant *target);
/* Links that select entity @entity or deal @deal on the map. */
GtkWidget *kr_panel_entity_link_new (const char *title, const char *caption, guint entity);
GtkWidget *kr_panel_deal_link_new (const char *title, const char *caption, guint deal);

/* Adds a dim @key and its @value to a grid of facts, in row *@row, and moves *@row on. */
void kr_panel_add_fact (GtkGrid *grid, int *row, const char *key, const char *value);

/* "Publisher, date": where and when @article appeared, for a line below its title. */
char *kr_panel_format_article_source (const KrArticle *article);
/* "Title — Publisher, date", as a card names its article. */
char *kr_panel_format_article_line (const KrArticle *article);

/* When @url is a web address, shows @button and makes it open @url (action win.open-url);
 * returns whether it did. */
gboolean kr_panel_offer_url (GtkButton *button, const char *url);

G_END_DECLS
