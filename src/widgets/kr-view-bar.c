/* kr-view-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-view-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-layout-options.h"
#include "kr-view-bar.h"

struct _KrViewBar
{
  GtkWidget parent_instance;

  GtkBox *chips;
  GMenuModel *depth_menu;

  GtkWidget *chip[KR_N_FILTER_PARTS]; /* the chip of each part shown, or NULL */
  GtkWidget *depth;                   /* the focus chip's reach */
  GPtrArray *leaving;                 /* chips taken off, hidden until they can go */
  guint leave_id;
};

G_DEFINE_FINAL_TYPE (KrViewBar, kr_view_bar, GTK_TYPE_WIDGET)

/* A chip: what it shows, and a button that removes it. A focus chip also chooses how far to
 * reach, and whether to lay the neighbourhood out in circles around the entity. */
static GtkWidget *
new_chip (KrViewBar *self, KrFilterPart part)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (chip, "kr-chip");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (GTK_BOX (chip), label);
  if (part == KR_FILTER_PART_FOCUS)
    {
      GtkWidget *radial = gtk_toggle_button_new_with_label (_ ("Radial"));
      /* Translators: %s is the name of Graphviz's radial layout engine, twopi */
      g_autofree char *tooltip = g_strdup_printf (_ ("Lay out around it in circles (%s)"),
                                                  kr_engine_get_name (KR_ENGINE_TWOPI));

      self->depth = gtk_menu_button_new ();
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->depth), self->depth_menu);
      gtk_widget_set_tooltip_text (self->depth, _ ("How far from it to reach"));
      gtk_widget_add_css_class (self->depth, "flat");
      gtk_box_append (GTK_BOX (chip), self->depth);
      /* The action's state, the view's, keeps the button pressed or not. */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (radial), "win.focus-radial");
      gtk_widget_set_tooltip_text (radial, tooltip);
      gtk_widget_add_css_class (radial, "flat");
      gtk_box_append (GTK_BOX (chip), radial);
    }
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.clear-view-part");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", kr_filter_part_to_token (part));
  gtk_box_append (GTK_BOX (chip), remove);
  return chip;
}

/* Says @text on @chip and on its remove button. */
static void
set_chip_text (GtkWidget *chip, const char *text)
{
  GtkWidget *label = gtk_widget_get_first_child (chip);
  GtkWidget *remove = gtk_widget_get_last_child (chip);
  /* Translators: the tooltip of a chip's remove button, e.g. "Stop Showing Only: Status: Agreed" */
  g_autofree char *tooltip = g_strdup_printf (_ ("Remove “%s”"), text);

  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
    return;
  gtk_label_set_text (GTK_LABEL (label), text);
  /* Short texts whole; the bar scrolls sideways before it cuts them. */
  gtk_label_set_width_chars (GTK_LABEL (label), (int)MIN (g_utf8_strlen (text, -1), 16));
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
}

static gboolean
remove_leaving (gpointer data)
{
  KrViewBar *self = data;

  for (guint i = 0; i < self->leaving->len; i++)
    gtk_box_remove (self->chips, self->leaving->pdata[i]);
  g_ptr_array_set_size (self->leaving, 0);
  self->leave_id = 0;
  return G_SOURCE_REMOVE;
}

/* Takes a part's chip off the bar. Its button may be the one whose click took it off, and
 * GTK still handles that click after the action has run: the chip is only hidden until then. */
static void
take_off (KrViewBar *self, KrFilterPart part)
{
  GtkWidget *chip = self->chip[part];

  if (chip == NULL)
    return;
  self->chip[part] = NULL;
  if (part == KR_FILTER_PART_FOCUS)
    self->depth = NULL;
  gtk_widget_set_visible (chip, FALSE);
  g_ptr_array_add (self->leaving, chip);
  if (self->leave_id == 0)
    self->leave_id = g_idle_add (remove_leaving, self);
}

void
kr_view_bar_show (KrViewBar *self, KrDataset *dataset, const KrFilter *f)
{
  GtkWidget *before = NULL;

  g_return_if_fail (KR_IS_VIEW_BAR (self));

  gtk_widget_set_visible (GTK_WIDGET (self),
                          f != NULL && dataset != NULL && !kr_filter_is_empty (f));
  /* Chips are changed in place rather than made again: the button clicked is one of them. */
  for (KrFilterPart part = 0; part < KR_N_FILTER_PARTS; part++)
    {
      g_autofree char *text
          = f != NULL && dataset != NULL ? kr_filter_describe_part (f, part, dataset) : NULL;

      if (text == NULL)
        {
          take_off (self, part);
          continue;
        }
      if (self->chip[part] == NULL)
        {
          self->chip[part] = new_chip (self, part);
          gtk_box_insert_child_after (self->chips, self->chip[part], before);
        }
      set_chip_text (self->chip[part], text);
      if (part == KR_FILTER_PART_FOCUS)
        {
          g_autofree char *depth = g_strdup_printf (
              g_dngettext (GETTEXT_PACKAGE, "%u deal away", "%u deals away", f->depth), f->depth);
          gtk_menu_button_set_label (GTK_MENU_BUTTON (self->depth), depth);
        }
      before = self->chip[part];
    }
}

char *
kr_view_bar_describe (KrViewBar *self)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (KR_IS_VIEW_BAR (self), NULL);
  for (KrFilterPart part = 0; part < KR_N_FILTER_PARTS; part++)
    if (self->chip[part] != NULL)
      g_string_append_printf (
          s, "%s%s", s->len ? "\n" : "",
          gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (self->chip[part]))));
  return g_string_free (s, FALSE);
}

static void
kr_view_bar_dispose (GObject *object)
{
  KrViewBar *self = KR_VIEW_BAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->leave_id, g_source_remove);
  g_clear_pointer (&self->leaving, g_ptr_array_unref);
  memset (self->chip, 0, sizeof self->chip);
  self->depth = NULL;
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
  self->leaving = g_ptr_array_new ();
}

GtkWidget *
kr_view_bar_new (void)
{
  return g_object_new (KR_TYPE_VIEW_BAR, NULL);
}
