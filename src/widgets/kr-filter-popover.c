/* kr-filter-popover.c
 *
 * A check button for every kind, status, country and source the dataset has: hundreds of
 * widgets for a large one. They are made when the popover is first shown (or asked for its
 * choices), not when the dataset arrives, where they would hold up the start of the map's
 * layout for nothing: most datasets are opened without anyone looking at the filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-filter-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-filter-popover.h"

/* One group of choices: a check button per value present in the dataset. */
typedef enum
{
  GROUP_DEAL_KINDS,
  GROUP_STATUSES,
  GROUP_ENTITY_KINDS,
  GROUP_COUNTRIES,
  GROUP_ARTICLES,
  N_GROUPS
} Group;

/* The parts of a filter the popover chooses; the others (focus, path, time) it leaves alone. */
static const KrFilterPart chosen_here[] = {
  KR_FILTER_PART_DEAL_KINDS,    KR_FILTER_PART_STATUSES, KR_FILTER_PART_ENTITY_KINDS,
  KR_FILTER_PART_COUNTRIES,     KR_FILTER_PART_ARTICLES, KR_FILTER_PART_DATES,
  KR_FILTER_PART_HIDE_ISOLATED,
};

struct _KrFilterPopover
{
  GtkPopover parent_instance;

  GtkBox *content;
  GtkSwitch *hide_isolated;
  GtkEntry *from;
  GtkEntry *to;
  GtkWidget *sections[N_GROUPS];
  GPtrArray *checks[N_GROUPS]; /* GtkCheckButton, with "kr-value" data: a bit or an id */
  gboolean syncing;

  /* The dataset whose checks are still to be made, and the filter they then show. */
  KrDataset *unbuilt;
  KrFilter shown;
  gboolean shown_all; /* no filter: every check ticked */
};

G_DEFINE_FINAL_TYPE (KrFilterPopover, kr_filter_popover, GTK_TYPE_POPOVER)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toggled (KrFilterPopover *self)
{
  if (!self->syncing)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* A date takes effect once it is whole (YYYY, YYYY-MM or YYYY-MM-DD) or emptied; until
 * then the entry shows it is not one yet. */
static gboolean
date_is_usable (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  return text[0] == '\0' || kr_date_is_valid (text);
}

static void
date_changed (KrFilterPopover *self, GtkEntry *entry)
{
  gboolean usable = date_is_usable (entry);

  if (usable)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  if (usable && date_is_usable (self->from) && date_is_usable (self->to))
    toggled (self);
}

static void
clear_groups (KrFilterPopover *self)
{
  for (int g = 0; g < N_GROUPS; g++)
    {
      if (self->sections[g] != NULL)
        gtk_box_remove (self->content, self->sections[g]);
      self->sections[g] = NULL;
      g_ptr_array_set_size (self->checks[g], 0);
    }
}

static GtkWidget *
add_section (KrFilterPopover *self, Group group, const char *title)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (section), heading);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), group == GROUP_ARTICLES ? 1 : 2);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), group == GROUP_ARTICLES ? 1 : 2);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_box_append (GTK_BOX (section), flow);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  heading, NULL, -1);
  gtk_box_append (self->content, section);
  self->sections[group] = section;
  return flow;
}

static void
add_check (KrFilterPopover *self, Group group, GtkWidget *flow, const char *label, guint count,
           const char *value)
{
  /* Translators: a filter choice and how many of it the dataset has, e.g. "Alliance (4)" */
  g_autofree char *text = g_strdup_printf (_ ("%s (%u)"), label, count);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *child = gtk_label_new (text);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_label_set_xalign (GTK_LABEL (child), 0);
  if (group == GROUP_ARTICLES)
    {
      /* Titles are long: wrapped, so the whole title can be read. */
      gtk_label_set_wrap (GTK_LABEL (child), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (child), 44);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (child), 20);
    }
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), child);
  gtk_widget_set_tooltip_text (check, label);
  g_object_set_data_full (G_OBJECT (check), "kr-value", g_strdup (value), g_free);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (toggled), self);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), check);
  g_ptr_array_add (self->checks[group], check);
}

/* Adds a check per value of a vocabulary that occurs (@counts[value] > 0). */
static void
add_vocabulary (KrFilterPopover *self, Group group, const char *title, const guint *counts,
                const KrVocabulary *vocabulary)
{
  GtkWidget *flow = NULL;

  for (guint v = 0; v < kr_vocabulary_get_size (vocabulary); v++)
    {
      char value[16];
      if (counts[v] == 0)
        continue;
      if (flow == NULL)
        flow = add_section (self, group, title);
      g_snprintf (value, sizeof value, "%u", v);
      add_check (self, group, flow, kr_vocabulary_label (vocabulary, v), counts[v], value);
    }
}

static int
compare_names (gconstpointer a, gconstpointer b, gpointer unused)
{
  return g_ascii_strcasecmp (*(const char *const *)a, *(const char *const *)b);
}

static void sync_checks (KrFilterPopover *self, const KrFilter *filter);

static void
build (KrFilterPopover *self)
{
  g_autoptr (KrDataset) dataset = g_steal_pointer (&self->unbuilt);
  guint deal_kinds[KR_N_DEAL_KINDS] = { 0 }, statuses[KR_N_STATUSES] = { 0 };
  guint entity_kinds[KR_N_ENTITY_KINDS] = { 0 };
  g_autoptr (GHashTable) countries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *cited = NULL;
  GtkWidget *flow;

  if (dataset == NULL)
    return;

  for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, k);
      deal_kinds[d->kind]++;
      statuses[d->status]++;
    }
  for (guint e = 0; e < kr_dataset_get_n_entities (dataset); e++)
    {
      const KrEntity *en = kr_dataset_get_entity (dataset, e);
      entity_kinds[en->kind]++;
      if (en->country != NULL)
        g_hash_table_insert (
            countries, (gpointer)en->country,
            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (countries, en->country)) + 1));
    }
  add_vocabulary (self, GROUP_DEAL_KINDS, _ ("Deals"), deal_kinds, &kr_deal_kind_vocabulary);
  add_vocabulary (self, GROUP_STATUSES, _ ("Status"), statuses, &kr_status_vocabulary);
  add_vocabulary (self, GROUP_ENTITY_KINDS, _ ("Entities"), entity_kinds,
                  &kr_entity_kind_vocabulary);

  if (g_hash_table_size (countries) > 1)
    {
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (countries, NULL);
      guint n = g_hash_table_size (countries);
      g_qsort_with_data (keys, (gint)n, sizeof (gpointer), compare_names, NULL);
      flow = add_section (self, GROUP_COUNTRIES, _ ("Countries"));
      for (guint i = 0; i < n; i++)
        add_check (self, GROUP_COUNTRIES, flow, keys[i],
                   GPOINTER_TO_UINT (g_hash_table_lookup (countries, keys[i])), keys[i]);
    }

  /* Sources: how many claims each article evidences. */
  cited = g_new0 (guint, MAX (kr_dataset_get_n_articles (dataset), 1));
  for (guint k = 0; k < kr_dataset_get_n_deals (dataset); k++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, k);
      for (guint i = 0; i < d->n_evidence; i++)
        {
          gboolean again = FALSE;
          for (guint j = 0; j < i && !again; j++)
            again = d->evidence[j].article == d->evidence[i].article;
          if (!again)
            cited[d->evidence[i].article]++;
        }
    }
  if (kr_dataset_get_n_articles (dataset) > 1)
    {
      flow = add_section (self, GROUP_ARTICLES, _ ("Sources"));
      for (guint a = 0; a < kr_dataset_get_n_articles (dataset); a++)
        {
          const KrArticle *art = kr_dataset_get_article (dataset, a);
          g_autofree char *label
              = art->date ? g_strdup_printf ("%s — %s, %s", art->title, art->publisher, art->date)
                          : g_strdup_printf ("%s — %s", art->title, art->publisher);
          add_check (self, GROUP_ARTICLES, flow, label, cited[a], art->id);
        }
    }
  sync_checks (self, self->shown_all ? NULL : &self->shown);
  kr_filter_clear (&self->shown);
}

void
kr_filter_popover_set_dataset (KrFilterPopover *self, KrDataset *dataset, const KrFilter *filter)
{
  g_return_if_fail (KR_IS_FILTER_POPOVER (self));
  clear_groups (self);
  g_set_object (&self->unbuilt, dataset);
  kr_filter_popover_sync (self, filter);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    build (self);
}

static gboolean
check_is_chosen (Group group, const char *value, const KrFilter *f)
{
  guint bit = (guint)g_ascii_strtoull (value, NULL, 10);

  switch (group)
    {
    case GROUP_DEAL_KINDS:
      return f->deal_kinds == 0 || (f->deal_kinds & (1u << bit));
    case GROUP_STATUSES:
      return f->statuses == 0 || (f->statuses & (1u << bit));
    case GROUP_ENTITY_KINDS:
      return f->entity_kinds == 0 || (f->entity_kinds & (1u << bit));
    case GROUP_COUNTRIES:
      return f->countries == NULL || g_strv_contains ((const char *const *)f->countries, value);
    case GROUP_ARTICLES:
      return f->articles == NULL || g_strv_contains ((const char *const *)f->articles, value);
    case N_GROUPS:
    default:
      return TRUE;
    }
}

void
kr_filter_popover_sync (KrFilterPopover *self, const KrFilter *filter)
{
  g_return_if_fail (KR_IS_FILTER_POPOVER (self));

  self->syncing = TRUE;
  gtk_switch_set_active (self->hide_isolated, filter != NULL && filter->hide_isolated);
  gtk_editable_set_text (GTK_EDITABLE (self->from),
                         filter != NULL && filter->from != NULL ? filter->from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to),
                         filter != NULL && filter->to != NULL ? filter->to : "");
  self->syncing = FALSE;
  if (self->unbuilt != NULL)
    {
      /* Kept for the checks, once made. */
      kr_filter_clear (&self->shown);
      self->shown_all = filter == NULL;
      if (filter != NULL)
        kr_filter_copy (&self->shown, filter);
      return;
    }
  sync_checks (self, filter);
}

static void
sync_checks (KrFilterPopover *self, const KrFilter *filter)
{
  self->syncing = TRUE;
  for (int g = 0; g < N_GROUPS; g++)
    for (guint i = 0; i < self->checks[g]->len; i++)
      {
        GtkCheckButton *check = self->checks[g]->pdata[i];
        const char *value = g_object_get_data (G_OBJECT (check), "kr-value");
        gtk_check_button_set_active (check,
                                     filter == NULL || check_is_chosen ((Group)g, value, filter));
      }
  self->syncing = FALSE;
}

void
kr_filter_popover_apply (KrFilterPopover *self, KrFilter *filter)
{
  g_return_if_fail (KR_IS_FILTER_POPOVER (self));
  g_return_if_fail (filter != NULL);

  build (self);
  for (guint p = 0; p < G_N_ELEMENTS (chosen_here); p++)
    kr_filter_clear_part (filter, chosen_here[p]);
  filter->hide_isolated = gtk_switch_get_active (self->hide_isolated);
  if (date_is_usable (self->from) && gtk_editable_get_text (GTK_EDITABLE (self->from))[0])
    filter->from = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from)));
  if (date_is_usable (self->to) && gtk_editable_get_text (GTK_EDITABLE (self->to))[0])
    filter->to = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->to)));

  for (int g = 0; g < N_GROUPS; g++)
    {
      g_autoptr (GStrvBuilder) chosen = g_strv_builder_new ();
      guint32 bits = 0;
      gboolean all = TRUE;

      for (guint i = 0; i < self->checks[g]->len; i++)
        {
          GtkCheckButton *check = self->checks[g]->pdata[i];
          const char *value = g_object_get_data (G_OBJECT (check), "kr-value");
          if (!gtk_check_button_get_active (check))
            {
              all = FALSE;
              continue;
            }
          g_strv_builder_add (chosen, value);
          bits |= 1u << (guint)g_ascii_strtoull (value, NULL, 10);
        }
      /* Every choice ticked is no filter at all. */
      if (all)
        continue;
      switch ((Group)g)
        {
        case GROUP_DEAL_KINDS:
          /* Nothing ticked shows nothing: a bit no deal has. */
          filter->deal_kinds = bits != 0 ? bits : 1u << KR_N_DEAL_KINDS;
          break;
        case GROUP_STATUSES:
          filter->statuses = bits != 0 ? bits : 1u << KR_N_STATUSES;
          break;
        case GROUP_ENTITY_KINDS:
          filter->entity_kinds = bits != 0 ? bits : 1u << KR_N_ENTITY_KINDS;
          break;
        case GROUP_COUNTRIES:
          filter->countries = g_strv_builder_end (chosen);
          break;
        case GROUP_ARTICLES:
          filter->articles = g_strv_builder_end (chosen);
          break;
        case N_GROUPS:
        default:
          break;
        }
    }
}

static void
kr_filter_popover_dispose (GObject *object)
{
  KrFilterPopover *self = KR_FILTER_POPOVER (object);

  for (int g = 0; g < N_GROUPS; g++)
    g_clear_pointer (&self->checks[g], g_ptr_array_unref);
  g_clear_object (&self->unbuilt);
  kr_filter_clear (&self->shown);
  gtk_widget_dispose_template (GTK_WIDGET (self), KR_TYPE_FILTER_POPOVER);
  G_OBJECT_CLASS (kr_filter_popover_parent_class)->dispose (object);
}

static void
kr_filter_popover_show (GtkWidget *widget)
{
  build (KR_FILTER_POPOVER (widget));
  GTK_WIDGET_CLASS (kr_filter_popover_parent_class)->show (widget);
}

static void
kr_filter_popover_class_init (KrFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_filter_popover_dispose;
  widget_class->show = kr_filter_popover_show;

  /**
   * KrFilterPopover::changed:
   *
   * The choices changed; kr_filter_popover_apply() gives them.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/kr-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, KrFilterPopover, content);
  gtk_widget_class_bind_template_child (widget_class, KrFilterPopover, hide_isolated);
  gtk_widget_class_bind_template_child (widget_class, KrFilterPopover, from);
  gtk_widget_class_bind_template_child (widget_class, KrFilterPopover, to);
  gtk_widget_class_bind_template_callback (widget_class, date_changed);
  gtk_widget_class_bind_template_callback (widget_class, toggled);
}

static void
kr_filter_popover_init (KrFilterPopover *self)
{
  for (int g = 0; g < N_GROUPS; g++)
    self->checks[g] = g_ptr_array_new ();
  kr_filter_init (&self->shown);
  self->shown_all = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kr_filter_popover_new (void)
{
  return g_object_new (KR_TYPE_FILTER_POPOVER, NULL);
}
