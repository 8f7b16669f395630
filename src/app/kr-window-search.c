/* kr-window-search.c — the search bar: entities found by name as people type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-window-private.h"

void
_kr_window_refresh_matches (KrWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr (GArray) entities = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *status = NULL;
  guint n;

  g_clear_pointer (&self->matches, g_array_unref);
  self->match = -1;
  if (kr_view_get_dataset (self->view) != NULL)
    self->matches = kr_dataset_search (kr_view_get_dataset (self->view), text);
  n = self->matches ? self->matches->len : 0;
  for (guint i = 0; i < n; i++)
    g_array_append_val (entities, g_array_index (self->matches, KrSearchMatch, i).entity);
  kr_view_set_highlights (self->view, (const guint *)entities->data, entities->len, NULL, 0);

  if (text[0] == '\0')
    status = g_strdup ("");
  else if (n == 0)
    status = g_strdup (_ ("No matches"));
  else
    status = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  gtk_label_set_text (self->search_status, status);
  /* The entry itself says that nothing matches, in the colour of errors. */
  if (text[0] != '\0' && n == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  gtk_widget_set_sensitive (self->search_previous_button, n > 1);
  gtk_widget_set_sensitive (self->search_next_button, n > 0);
}

static void
search_changed (KrWindow *self)
{
  /* What matches stands out on the map as you type. */
  kr_diagram_view_clear_selection (self->diagram);
  _kr_window_refresh_matches (self);
}

/* Selects and reveals the next (or previous) match. */
static void
go_to_match (KrWindow *self, int step)
{
  const KrSearchMatch *m;
  const KrEntity *entity;
  g_autofree char *status = NULL;
  int n = self->matches ? (int)self->matches->len : 0;

  if (n == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self->search_entry));
      return;
    }
  self->match = self->match < 0 ? (step > 0 ? 0 : n - 1) : (self->match + step + n) % n;
  m = &g_array_index (self->matches, KrSearchMatch, self->match);
  entity = kr_dataset_get_entity (kr_view_get_dataset (self->view), m->entity);
  kr_diagram_view_select_entity (self->diagram, (int)m->entity, TRUE);
  if (m->matched != entity->display_name)
    /* Translators: the 2nd of 5 matches, found by one of its other names */
    status = g_strdup_printf (_ ("%d of %d · %s, as “%s”"), self->match + 1, n,
                              entity->display_name, m->matched);
  else
    /* Translators: the 2nd of 5 matches */
    status = g_strdup_printf (_ ("%d of %d · %s"), self->match + 1, n, entity->display_name);
  gtk_label_set_text (self->search_status, status);
}

static void
search_next (KrWindow *self)
{
  go_to_match (self, 1);
}

static void
search_previous (KrWindow *self)
{
  go_to_match (self, -1);
}

static void
search_stop (KrWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_mode_changed (KrWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      /* The last search, selected: typing replaces it. */
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
      search_changed (self);
      return;
    }
  /* Closing the search keeps what was found selected, and drops the other highlights. */
  g_clear_pointer (&self->matches, g_array_unref);
  kr_view_clear_highlights (self->view);
  gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
_kr_window_class_init_search (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, search_next);
  gtk_widget_class_bind_template_callback (widget_class, search_previous);
  gtk_widget_class_bind_template_callback (widget_class, search_stop);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
}
