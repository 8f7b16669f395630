/* kr-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-application.h"
#include "kr-dataset-reader.h"
#include "kr-preferences.h"
#include "kr-window.h"

struct _KrApplication
{
  AdwApplication parent_instance;
  char *engine;
  GSettings *settings; /* shared by every window; NULL when the schema is not installed */
};

G_DEFINE_FINAL_TYPE (KrApplication, kr_application, ADW_TYPE_APPLICATION)

static KrWindow *
new_window (KrApplication *self)
{
  KrWindow *window = kr_window_new (GTK_APPLICATION (self), self->settings);

  if (self->engine != NULL)
    g_object_set (window, "engine", self->engine, NULL);
  return window;
}

static void
kr_application_activate (GApplication *app)
{
  KrApplication *self = KR_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (new_window (self));
      kr_window_open_last (KR_WINDOW (window));
    }
  gtk_window_present (window);
}

static void
kr_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  KrApplication *self = KR_APPLICATION (app);

  /* A table of deals and one of entities are one dataset, in one window. */
  if (n_files == 2 && kr_dataset_reader_find_pair (files[0], files[1], NULL) != NULL)
    {
      KrWindow *window = new_window (self);
      kr_window_open_files (window, files, 2);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  for (int i = 0; i < n_files; i++)
    {
      KrWindow *window = new_window (self);
      kr_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  const char *developers[] = { "The Keiretsu developers", NULL };

#if ADW_CHECK_VERSION(1, 5, 0)
  AdwDialog *about = adw_about_dialog_new ();
  adw_about_dialog_set_application_name (ADW_ABOUT_DIALOG (about), PACKAGE_NAME);
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (about), APPLICATION_ID);
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (about), PACKAGE_VERSION);
  adw_about_dialog_set_comments (
      ADW_ABOUT_DIALOG (about),
      _ ("Who is allied with, invests in, buys or is in talks with whom — "
         "and the news excerpts that say so."));
  adw_about_dialog_set_license_type (ADW_ABOUT_DIALOG (about), GTK_LICENSE_GPL_3_0);
  adw_about_dialog_set_developers (ADW_ABOUT_DIALOG (about), developers);
  adw_about_dialog_set_website (ADW_ABOUT_DIALOG (about), "https://github.com/keiretsu/keiretsu");
  adw_dialog_present (about, GTK_WIDGET (parent));
#else
  GtkWidget *about = adw_about_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), PACKAGE_NAME);
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APPLICATION_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_comments (
      ADW_ABOUT_WINDOW (about),
      _ ("Who is allied with, invests in, buys or is in talks with whom — "
         "and the news excerpts that say so."));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), "https://github.com/keiretsu/keiretsu");
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* The application's settings, or NULL when the schema is not installed (a run from the build
 * directory without GSETTINGS_SCHEMA_DIR): windows then use their defaults. */
static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("No settings schema %s installed; settings are not remembered", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
kr_application_startup (GApplication *app)
{
  KrApplication *self = KR_APPLICATION (app);
  static const GActionEntry entries[] = {
    { "about", about_action, NULL, NULL, NULL, { 0 } },
    { "quit", quit_action, NULL, NULL, NULL, { 0 } },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (kr_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);

  self->settings = open_settings ();
  /* The colour scheme chosen in the preferences. */
  if (self->settings != NULL)
    {
      g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
      kr_preferences_apply_color_scheme (scheme);
    }
}

static void
kr_application_finalize (GObject *object)
{
  KrApplication *self = KR_APPLICATION (object);

  g_free (self->engine);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (kr_application_parent_class)->finalize (object);
}

static void
kr_application_class_init (KrApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = kr_application_finalize;
  app_class->activate = kr_application_activate;
  app_class->open = kr_application_open;
  app_class->startup = kr_application_startup;
}

static void
kr_application_init (KrApplication *self)
{
}

KrApplication *
kr_application_new (const char *engine)
{
  KrApplication *self
      = g_object_new (KR_TYPE_APPLICATION, "application-id", APPLICATION_ID, "flags",
                      G_APPLICATION_HANDLES_OPEN, "resource-base-path", RESOURCE_BASE, NULL);
  self->engine = g_strdup (engine);
  return self;
}
