/* kr-view-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-view-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-layout-options.h"
#include "kr-view-bar.h"

struct _KrViewBar
{
  GtkWidget parent_instance;

  GtkBox *chips;
  GMenuModel *depth_menu;
};

G_DEFINE_FINAL_TYPE (KrViewBar, kr_view_bar, GTK_TYPE_WIDGET)

/* A chip: what it shows, and a button that removes it. */
static GtkWidget *
add_chip (KrViewBar *self, const char *text, KrFilterPart part)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  /* Translators: the tooltip of a chip's remove button, e.g. "Stop Showing Only: Status: Agreed" */
  g_autofree char *tooltip = g_strdup_printf (_ ("Remove “%s”"), text);

  gtk_widget_add_css_class (chip, "kr-chip");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  /* Short texts whole; the bar scrolls sideways before it cuts them. */
  gtk_label_set_width_chars (GTK_LABEL (label), (int)MIN (g_utf8_strlen (text, -1), 16));
  gtk_widget_set_tooltip_text (label, text);
  gtk_box_append (GTK_BOX (chip), label);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.clear-view-part");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", kr_filter_part_to_token (part));
  gtk_box_append (GTK_BOX (chip), remove);
  gtk_box_append (self->chips, chip);
  return chip;
}

/* A focus chip also chooses how far to reach, and offers a radial layout around it. */
static void
add_focus_buttons (KrViewBar *self, GtkBox *chip, guint depth_value)
{
  GtkWidget *depth = gtk_menu_button_new ();
  GtkWidget *radial = gtk_button_new_with_label (_ ("Radial"));
  const char *twopi = kr_engine_get_name (KR_ENGINE_TWOPI);
  g_autofree char *depth_text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u deal away", "%u deals away", depth_value), depth_value);
  /* Translators: %s is the name of Graphviz's radial layout engine, twopi */
  g_autofree char *tooltip = g_strdup_printf (_ ("Lay out around it in circles (%s)"), twopi);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (depth), depth_text);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (depth), self->depth_menu);
  gtk_widget_set_tooltip_text (depth, _ ("How far from it to reach"));
  gtk_widget_add_css_class (depth, "flat");
  gtk_box_insert_child_after (chip, depth, gtk_widget_get_first_child (GTK_WIDGET (chip)));
  gtk_widget_set_tooltip_text (radial, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (radial), "win.engine");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (radial), "s", twopi);
  gtk_widget_add_css_class (radial, "flat");
  gtk_box_insert_child_after (chip, radial, depth);
}

void
kr_view_bar_show (KrViewBar *self, KrDataset *dataset, const KrFilter *f)
{
  GtkWidget *child;

  g_return_if_fail (KR_IS_VIEW_BAR (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_box_remove (self->chips, child);
  gtk_widget_set_visible (GTK_WIDGET (self),
                          f != NULL && dataset != NULL && !kr_filter_is_empty (f));
  if (f == NULL || dataset == NULL)
    return;

  for (KrFilterPart part = 0; part < KR_N_FILTER_PARTS; part++)
    {
      g_autofree char *text = kr_filter_describe_part (f, part, dataset);
      GtkWidget *chip;

      if (text == NULL)
        continue;
      chip = add_chip (self, text, part);
      if (part == KR_FILTER_PART_FOCUS)
        add_focus_buttons (self, GTK_BOX (chip), f->depth);
    }
}

char *
kr_view_bar_describe (KrViewBar *self)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (KR_IS_VIEW_BAR (self), NULL);
  for (GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->chips)); chip != NULL;
       chip = gtk_widget_get_next_sibling (chip))
    {
      GtkWidget *label = gtk_widget_get_first_child (chip);
      if (GTK_IS_LABEL (label))
        g_string_append_printf (s, "%s%s", s->len ? "\n" : "",
                                gtk_label_get_text (GTK_LABEL (label)));
    }
  return g_string_free (s, FALSE);
}

static void
kr_view_bar_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_VIEW_BAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kr_view_bar_parent_class)->dispose (object);
}

static void
kr_view_bar_class_init (KrViewBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_view_bar_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/kr-view-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, KrViewBar, chips);
  gtk_widget_class_bind_template_child (widget_class, KrViewBar, depth_menu);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "viewbar");
}

static void
kr_view_bar_init (KrViewBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kr_view_bar_new (void)
{
  return g_object_new (KR_TYPE_VIEW_BAR, NULL);
}
