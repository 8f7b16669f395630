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

/* "a, b, c" for up to three labels, "N kinds" beyond. */
static char *
list_of (const char *const *labels, guint n, char *(*many) (guint))
{
  if (n > 3)
    return many (n);
  /* Translators: put between the items of a list, as in "Alliance, Supply" */
  return g_strjoinv (C_ ("list separator", ", "), (char **)labels);
}

static char *
n_kinds (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u kind", "%u kinds", n), n);
}

static char *
n_statuses (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u status", "%u statuses", n), n);
}

static char *
n_countries (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u country", "%u countries", n), n);
}

static char *
n_articles (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", n), n);
}

static char *
bits_text (guint32 bits, const KrVocabulary *vocabulary, char *(*many) (guint))
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  for (guint v = 0; v < kr_vocabulary_get_size (vocabulary); v++)
    if (bits & (1u << v))
      g_ptr_array_add (labels, (gpointer)kr_vocabulary_label (vocabulary, v));
  if (labels->len == 0)
    return g_strdup (_ ("none"));
  g_ptr_array_add (labels, NULL);
  return list_of ((const char *const *)labels->pdata, labels->len - 1, many);
}

static const char *
entity_name (KrDataset *dataset, const char *id)
{
  int e = kr_dataset_find_entity (dataset, id);
  return e >= 0 ? kr_dataset_get_entity (dataset, (guint)e)->display_name : id;
}

/* A chip: what it shows, and a button that removes it. */
static GtkWidget *
add_chip (KrViewBar *self, const char *text, const char *part)
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
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", part);
  gtk_box_append (GTK_BOX (chip), remove);
  gtk_box_append (self->chips, chip);
  return chip;
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

  if (f->focus != NULL)
    {
      /* Translators: the map shows one entity and its neighbourhood */
      g_autofree char *text = g_strdup_printf (_ ("Around %s"), entity_name (dataset, f->focus));
      GtkWidget *chip = add_chip (self, text, KR_VIEW_PART_FOCUS);
      GtkWidget *depth = gtk_menu_button_new ();
      g_autofree char *depth_text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u deal away", "%u deals away", f->depth), f->depth);
      gtk_menu_button_set_label (GTK_MENU_BUTTON (depth), depth_text);
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (depth), self->depth_menu);
      gtk_widget_set_tooltip_text (depth, _ ("How far from it to reach"));
      gtk_widget_add_css_class (depth, "flat");
      gtk_box_insert_child_after (GTK_BOX (chip), depth, gtk_widget_get_first_child (chip));
      {
        /* One click to a radial layout around it. */
        const char *twopi = kr_engine_get_name (KR_ENGINE_TWOPI);
        GtkWidget *radial = gtk_button_new_with_label (_ ("Radial"));
        /* Translators: %s is the name of Graphviz's radial layout engine, twopi */
        g_autofree char *tooltip = g_strdup_printf (_ ("Lay out around it in circles (%s)"), twopi);
        gtk_widget_set_tooltip_text (radial, tooltip);
        gtk_actionable_set_action_name (GTK_ACTIONABLE (radial), "win.engine");
        gtk_actionable_set_action_target (GTK_ACTIONABLE (radial), "s", twopi);
        gtk_widget_add_css_class (radial, "flat");
        gtk_box_insert_child_after (GTK_BOX (chip), radial, depth);
      }
    }
  if (f->path_from != NULL)
    {
      /* Translators: the map shows the shortest chains of deals between two entities */
      g_autofree char *text
          = g_strdup_printf (_ ("Chains from %s to %s"), entity_name (dataset, f->path_from),
                             entity_name (dataset, f->path_to));
      add_chip (self, text, KR_VIEW_PART_PATH);
    }
  if (f->as_of != NULL || f->as_reported != NULL)
    {
      g_autofree char *text = f->as_of != NULL
                                  ? g_strdup_printf (_ ("As of %s"), f->as_of)
                                  /* Translators: what the articles had reported by a date */
                                  : g_strdup_printf (_ ("As reported by %s"), f->as_reported);
      add_chip (self, text, KR_VIEW_PART_TIME);
    }
  if (f->deal_kinds != 0)
    {
      g_autofree char *list = bits_text (f->deal_kinds, &kr_deal_kind_vocabulary, n_kinds);
      g_autofree char *text = g_strdup_printf (_ ("Deals: %s"), list);
      add_chip (self, text, KR_VIEW_PART_DEAL_KINDS);
    }
  if (f->statuses != 0)
    {
      g_autofree char *list = bits_text (f->statuses, &kr_status_vocabulary, n_statuses);
      g_autofree char *text = g_strdup_printf (_ ("Status: %s"), list);
      add_chip (self, text, KR_VIEW_PART_STATUSES);
    }
  if (f->entity_kinds != 0)
    {
      g_autofree char *list = bits_text (f->entity_kinds, &kr_entity_kind_vocabulary, n_kinds);
      g_autofree char *text = g_strdup_printf (_ ("Entities: %s"), list);
      add_chip (self, text, KR_VIEW_PART_ENTITY_KINDS);
    }
  if (f->countries != NULL)
    {
      g_autofree char *list = f->countries[0] ? list_of ((const char *const *)f->countries,
                                                         g_strv_length (f->countries), n_countries)
                                              : g_strdup (_ ("none"));
      g_autofree char *text = g_strdup_printf (_ ("Countries: %s"), list);
      add_chip (self, text, KR_VIEW_PART_COUNTRIES);
    }
  if (f->articles != NULL)
    {
      guint n = g_strv_length (f->articles);
      int a = n == 1 ? kr_dataset_find_article (dataset, f->articles[0]) : -1;
      g_autofree char *list
          = a >= 0 ? g_strdup (kr_dataset_get_article (dataset, (guint)a)->title) : n_articles (n);
      /* Translators: the map shows only what some articles evidence */
      g_autofree char *text = g_strdup_printf (_ ("Sources: %s"), list);
      add_chip (self, text, KR_VIEW_PART_ARTICLES);
    }
  if (f->from != NULL || f->to != NULL)
    {
      g_autofree char *text = f->from && f->to
                                  ? g_strdup_printf (_ ("Dated %s to %s"), f->from, f->to)
                              : f->from ? g_strdup_printf (_ ("Dated from %s"), f->from)
                                        : g_strdup_printf (_ ("Dated until %s"), f->to);
      add_chip (self, text, KR_VIEW_PART_DATES);
    }
  if (f->hide_isolated)
    add_chip (self, _ ("Entities with deals shown only"), KR_VIEW_PART_HIDE_ISOLATED);
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
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keiretsu/Keiretsu/ui/kr-view-bar.ui");
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
