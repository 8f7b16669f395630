/* kr-preferences.c
 *
 * The map's rows are bound to the window's properties, which the window keeps in GSettings, so
 * a change takes effect at once and is remembered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-layout.h"
#include "kr-preferences.h"

struct _KrPreferences
{
  AdwPreferencesPage parent_instance;

  AdwComboRow *engine_row;
  AdwComboRow *direction_row;
  GtkSwitch *legend_switch;
  GtkSwitch *link_labels_switch;
  AdwComboRow *scheme_row;

  GSettings *settings; /* nullable: where the colour scheme is kept */
  /* The names of the engines and directions, in the rows' order, NULL-terminated. */
  const char *engines[KR_N_ENGINES + 1];
  const char *directions[KR_N_RANKDIRS + 1];
};

G_DEFINE_FINAL_TYPE (KrPreferences, kr_preferences, ADW_TYPE_PREFERENCES_PAGE)

/* The colour scheme setting's values, in the order of the style row's choices. */
static const char *const schemes[] = { "default", "light", "dark", NULL };

/* Between a name property ("neato") and a combo row's position in @names. */
static gboolean
name_to_position (GBinding *binding, const GValue *from, GValue *to, gpointer names)
{
  const char *const *list = names;
  const char *name = g_value_get_string (from);

  for (guint i = 0; list[i] != NULL; i++)
    if (g_strcmp0 (list[i], name) == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
position_to_name (GBinding *binding, const GValue *from, GValue *to, gpointer names)
{
  const char *const *list = names;
  guint position = g_value_get_uint (from);

  if (position >= g_strv_length ((char **)list))
    return FALSE;
  g_value_set_string (to, list[position]);
  return TRUE;
}

void
kr_preferences_apply_color_scheme (const char *scheme)
{
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
scheme_chosen (KrPreferences *self)
{
  guint i = adw_combo_row_get_selected (self->scheme_row);

  if (i >= G_N_ELEMENTS (schemes) - 1)
    return;
  kr_preferences_apply_color_scheme (schemes[i]);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "color-scheme", schemes[i]);
}

static void
kr_preferences_dispose (GObject *object)
{
  KrPreferences *self = KR_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KR_TYPE_PREFERENCES);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (kr_preferences_parent_class)->dispose (object);
}

static void
kr_preferences_class_init (KrPreferencesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kr_preferences_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/kr-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, KrPreferences, engine_row);
  gtk_widget_class_bind_template_child (widget_class, KrPreferences, direction_row);
  gtk_widget_class_bind_template_child (widget_class, KrPreferences, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, KrPreferences, link_labels_switch);
  gtk_widget_class_bind_template_child (widget_class, KrPreferences, scheme_row);
  gtk_widget_class_bind_template_callback (widget_class, scheme_chosen);
}

static void
kr_preferences_init (KrPreferences *self)
{
  g_autoptr (GtkStringList) engines = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) directions = gtk_string_list_new (NULL);
  AdwColorScheme scheme = adw_style_manager_get_color_scheme (adw_style_manager_get_default ());

  gtk_widget_init_template (GTK_WIDGET (self));
  for (KrEngine engine = 0; engine < KR_N_ENGINES; engine++)
    {
      self->engines[engine] = kr_engine_get_name (engine);
      gtk_string_list_append (engines, kr_engine_get_label (engine));
    }
  adw_combo_row_set_model (self->engine_row, G_LIST_MODEL (engines));
  for (KrRankdir rankdir = 0; rankdir < KR_N_RANKDIRS; rankdir++)
    {
      self->directions[rankdir] = kr_rankdir_get_name (rankdir);
      gtk_string_list_append (directions, kr_rankdir_get_label (rankdir));
    }
  adw_combo_row_set_model (self->direction_row, G_LIST_MODEL (directions));
  /* The scheme in use; with no settings yet, choosing it again changes nothing. */
  adw_combo_row_set_selected (self->scheme_row, scheme == ADW_COLOR_SCHEME_FORCE_LIGHT  ? 1
                                                : scheme == ADW_COLOR_SCHEME_FORCE_DARK ? 2
                                                                                        : 0);
}

KrPreferences *
kr_preferences_new (KrWindow *window, GSettings *settings)
{
  KrPreferences *self;

  g_return_val_if_fail (KR_IS_WINDOW (window), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (KR_TYPE_PREFERENCES, NULL);
  g_set_object (&self->settings, settings);
  g_object_bind_property_full (window, "engine", self->engine_row, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE, name_to_position,
                               position_to_name, self->engines, NULL);
  g_object_bind_property_full (window, "rank-direction", self->direction_row, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE, name_to_position,
                               position_to_name, self->directions, NULL);
  g_object_bind_property (window, "show-legend", self->legend_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (window, "show-link-labels", self->link_labels_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return self;
}

void
kr_preferences_present (KrWindow *window, GSettings *settings)
{
  KrPreferences *page = kr_preferences_new (window, settings);

#if ADW_CHECK_VERSION(1, 5, 0)
  AdwDialog *dialog = adw_preferences_dialog_new ();
  adw_preferences_dialog_set_search_enabled (ADW_PREFERENCES_DIALOG (dialog), FALSE);
  adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (dialog), ADW_PREFERENCES_PAGE (page));
  adw_dialog_present (dialog, GTK_WIDGET (window));
#else
  GtkWidget *dialog = adw_preferences_window_new ();
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (dialog), FALSE);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (dialog), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}
