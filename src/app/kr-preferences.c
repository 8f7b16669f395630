/* kr-preferences.c
 *
 * The rows are bound to the window's properties, which the window keeps in GSettings, so a
 * change takes effect at once and is remembered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-preferences"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kr-preferences.h"

static const char *const engines[] = { "dot", "neato", "fdp", "sfdp", "circo", "twopi", NULL };
static const char *const directions[] = { "LR", "TB", "RL", "BT", NULL };
static const char *const schemes[] = { "default", "light", "dark", NULL };

/* Between a token property ("neato") and a combo row's position in @tokens. */
static gboolean
token_to_position (GBinding *binding, const GValue *from, GValue *to, gpointer tokens)
{
  const char *const *list = tokens;
  const char *token = g_value_get_string (from);

  for (guint i = 0; list[i] != NULL; i++)
    if (g_strcmp0 (list[i], token) == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
position_to_token (GBinding *binding, const GValue *from, GValue *to, gpointer tokens)
{
  const char *const *list = tokens;
  guint position = g_value_get_uint (from);

  if (position >= g_strv_length ((char **)list))
    return FALSE;
  g_value_set_string (to, list[position]);
  return TRUE;
}

static GtkWidget *
combo_row (const char *title, const char *subtitle, const char *const *labels, GObject *object,
           const char *property, const char *const *tokens)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_object_bind_property_full (object, property, row, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE, token_to_position,
                               position_to_token, (gpointer)tokens, NULL);
  return row;
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
scheme_chosen (AdwComboRow *row, GParamSpec *pspec, GSettings *settings)
{
  guint i = adw_combo_row_get_selected (row);

  if (i >= G_N_ELEMENTS (schemes) - 1)
    return;
  kr_preferences_apply_color_scheme (schemes[i]);
  if (settings != NULL)
    g_settings_set_string (settings, "color-scheme", schemes[i]);
}

static void
release_settings (gpointer settings, GClosure *closure)
{
  if (settings != NULL)
    g_object_unref (settings);
}

static GSettings *
settings_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema
      = source ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE) : NULL;

  return schema ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

void
kr_preferences_present (KrWindow *window)
{
  const char *engine_labels[] = { _ ("Hierarchical (dot)"),
                                  _ ("Spring (neato)"),
                                  _ ("Force-directed (fdp)"),
                                  _ ("Large graphs (sfdp)"),
                                  _ ("Circular (circo)"),
                                  _ ("Radial (twopi)"),
                                  NULL };
  const char *direction_labels[] = { _ ("Left to Right"), _ ("Top to Bottom"), _ ("Right to Left"),
                                     _ ("Bottom to Top"), NULL };
  const char *scheme_labels[] = { _ ("Follow System"), _ ("Light"), _ ("Dark"), NULL };
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *map = adw_preferences_group_new ();
  GtkWidget *look = adw_preferences_group_new ();
  GtkWidget *legend_row = adw_action_row_new ();
  GtkWidget *legend = gtk_switch_new ();
  GtkWidget *scheme;
  GSettings *settings = settings_if_installed ();
  AdwColorScheme current = adw_style_manager_get_color_scheme (adw_style_manager_get_default ());

  g_return_if_fail (KR_IS_WINDOW (window));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (map), _ ("Map"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (map),
                             combo_row (_ ("Layout Engine"), _ ("How Graphviz places the entities"),
                                        engine_labels, G_OBJECT (window), "engine", engines));
  adw_preferences_group_add (
      ADW_PREFERENCES_GROUP (map),
      combo_row (_ ("Direction"), _ ("Which way the hierarchical layout runs"), direction_labels,
                 G_OBJECT (window), "rank-direction", directions));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (legend_row), _ ("Show the Legend"));
  gtk_widget_set_valign (legend, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (legend_row), legend);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (legend_row), legend);
  g_object_bind_property (window, "show-legend", legend, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (map), legend_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (map));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (look), _ ("Appearance"));
  scheme = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (scheme), _ ("Style"));
  {
    g_autoptr (GtkStringList) model = gtk_string_list_new (scheme_labels);
    adw_combo_row_set_model (ADW_COMBO_ROW (scheme), G_LIST_MODEL (model));
  }
  adw_combo_row_set_selected (ADW_COMBO_ROW (scheme), current == ADW_COLOR_SCHEME_FORCE_LIGHT  ? 1
                                                      : current == ADW_COLOR_SCHEME_FORCE_DARK ? 2
                                                                                               : 0);
  g_signal_connect_data (scheme, "notify::selected", G_CALLBACK (scheme_chosen), settings,
                         release_settings, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (look), scheme);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (look));

#if ADW_CHECK_VERSION(1, 5, 0)
  {
    AdwDialog *dialog = adw_preferences_dialog_new ();
    adw_preferences_dialog_set_search_enabled (ADW_PREFERENCES_DIALOG (dialog), FALSE);
    adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (dialog), ADW_PREFERENCES_PAGE (page));
    adw_dialog_present (dialog, GTK_WIDGET (window));
  }
#else
  {
    GtkWidget *dialog = adw_preferences_window_new ();
    adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (dialog), FALSE);
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
    gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (dialog), ADW_PREFERENCES_PAGE (page));
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}
