/* kr-window.c — the main window: its properties and settings, its template, and messages
 *
 * The window's other concerns each have a file of their own; kr-window-private.h lists them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-preferences.h"
#include "kr-window-private.h"

G_DEFINE_FINAL_TYPE (KrWindow, kr_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_ENGINE,
  PROP_MAP_ENGINE,
  PROP_RANK_DIRECTION,
  PROP_SHOW_SIDEBAR,
  PROP_SHOW_LEGEND,
  PROP_SHOW_LINK_LABELS,
  PROP_FOCUS_DEPTH,
  PROP_FOCUS_RADIAL,
  PROP_SHOW_TIMELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const KrLayoutOptions defaults = KR_LAYOUT_OPTIONS_INIT;

/* ---- messages -------------------------------------------------------------------------- */

/* libadwaita before 1.3 frees a toast hidden while it is still coming up (300 ms, 500 ms when
 * it replaces another) before that animation ends, and crashes: a toast that would replace
 * one still coming up waits until it is up, and one is dismissed only once it is up. */
#if ADW_CHECK_VERSION(1, 3, 0)
#define TOAST_COMING_UP_US 0
#else
#define TOAST_COMING_UP_US (600 * G_TIME_SPAN_MILLISECOND)
#endif

static void show_waiting_toast (KrWindow *self);

static gboolean
toast_is_up (gpointer data)
{
  KrWindow *self = data;

  self->toast_source = 0;
  show_waiting_toast (self);
  return G_SOURCE_REMOVE;
}

/* Shows the first toast waiting, and the next when it is up. */
static void
show_waiting_toast (KrWindow *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->toast_source != 0 || g_queue_is_empty (&self->toasts_waiting))
    return;
  if (now < self->toast_up_at)
    {
      self->toast_source
          = g_timeout_add ((guint)((self->toast_up_at - now) / 1000) + 1, toast_is_up, self);
      return;
    }
  /* The overlay takes the queue's reference. */
  adw_toast_overlay_add_toast (self->toast_overlay, g_queue_pop_head (&self->toasts_waiting));
  self->toast_up_at = now + TOAST_COMING_UP_US;
  show_waiting_toast (self);
}

void
_kr_window_show_toast (KrWindow *self, AdwToast *toast)
{
  /* The newest news first: it answers what the user just did. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_queue_push_tail (&self->toasts_waiting, toast);
  show_waiting_toast (self);
}

static gboolean
dismiss_toast (gpointer toast)
{
  adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

void
_kr_window_dismiss_toast (KrWindow *self, AdwToast *toast)
{
  GList *waiting = g_queue_find (&self->toasts_waiting, toast);
  gint64 left = self->toast_up_at - g_get_monotonic_time ();

  if (waiting != NULL)
    {
      /* Never shown: nothing to animate. */
      g_queue_delete_link (&self->toasts_waiting, waiting);
      g_signal_emit_by_name (toast, "dismissed");
      g_object_unref (toast);
    }
  else if (left <= 0)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, (guint)(left / 1000) + 1, dismiss_toast,
                        g_object_ref (toast), g_object_unref);
}

static AdwToast *
add_toast (KrWindow *self, const char *text, guint timeout)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *t = adw_toast_new (escaped);

  adw_toast_set_timeout (t, timeout);
  _kr_window_show_toast (self, t);
  return t;
}

void
_kr_window_toast (KrWindow *self, const char *text)
{
  add_toast (self, text, 6);
}

AdwToast *
_kr_window_prompt (KrWindow *self, const char *text)
{
  return add_toast (self, text, 0);
}

char *
_kr_window_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *uri = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);
  uri = g_file_get_uri (file);
  return g_path_get_basename (uri);
}

char *
_kr_window_files_display_name (GFile *const *files, guint n_files)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (names, _kr_window_display_name (files[i]));
  g_ptr_array_add (names, NULL);
  /* Translators: put between the names of files */
  return g_strjoinv (C_ ("list separator", ", "), (char **)names->pdata);
}

/* The body is plain text: it quotes the file, which may contain anything. */
static void
show_problems_dialog (KrWindow *self, const char *heading, const char *body)
{
#if ADW_CHECK_VERSION(1, 5, 0)
  AdwDialog *dialog = adw_alert_dialog_new (heading, body);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _ ("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (self));
#else
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

static void
toast_details_clicked (AdwToast *t, KrWindow *self)
{
  show_problems_dialog (self, g_object_get_data (G_OBJECT (t), "kr-heading"),
                        g_object_get_data (G_OBJECT (t), "kr-body"));
}

void
_kr_window_toast_with_details (KrWindow *self, const char *heading, const char *body)
{
  g_autofree char *escaped = g_markup_escape_text (heading, -1);
  AdwToast *t = adw_toast_new (escaped);

  adw_toast_set_timeout (t, 10);
  adw_toast_set_button_label (t, _ ("Details"));
  g_object_set_data_full (G_OBJECT (t), "kr-heading", g_strdup (heading), g_free);
  g_object_set_data_full (G_OBJECT (t), "kr-body", g_strdup (body), g_free);
  g_signal_connect (t, "button-clicked", G_CALLBACK (toast_details_clicked), self);
  _kr_window_show_toast (self, t);
}

/* ---- actions --------------------------------------------------------------------------- */

static void
preferences_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);

  kr_preferences_present (self, self->settings);
}

/* Exporting and the side panel need a map on screen: not while loading or after a failure. */
static void
update_map_actions (KrWindow *self)
{
  gboolean map = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "diagram") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sidebar", map);
}

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KrWindow *self = KR_WINDOW (widget);
  double w = gtk_widget_get_width (GTK_WIDGET (self->diagram)) / 2.0;
  double h = gtk_widget_get_height (GTK_WIDGET (self->diagram)) / 2.0;

  if (g_str_equal (action_name, "win.zoom-in"))
    kr_diagram_view_zoom_at (self->diagram, 1.25, w, h);
  else if (g_str_equal (action_name, "win.zoom-out"))
    kr_diagram_view_zoom_at (self->diagram, 0.8, w, h);
  else
    kr_diagram_view_fit (self->diagram);
}

/* ---- layout engine and direction ------------------------------------------------------- */

KrEngine
_kr_window_get_map_engine (KrWindow *self)
{
  return self->sfdp_for_size ? KR_ENGINE_SFDP : self->engine;
}

static void
map_engine_changed (KrWindow *self)
{
  gtk_menu_button_set_label (self->engine_button,
                             kr_engine_get_name (_kr_window_get_map_engine (self)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_ENGINE]);
}

void
_kr_window_set_sfdp_for_size (KrWindow *self, gboolean sfdp)
{
  KrEngine before = _kr_window_get_map_engine (self);

  self->sfdp_for_size = sfdp;
  self->sfdp_note_due = sfdp;
  if (_kr_window_get_map_engine (self) != before)
    map_engine_changed (self);
}

gboolean
_kr_window_take_sfdp_note (KrWindow *self)
{
  gboolean due = self->sfdp_note_due;

  self->sfdp_note_due = FALSE;
  return due;
}

/* An engine picked in the layout menu, the preferences or on the command line: it becomes the
 * preference, and the map shown is laid out with it, whatever its size. */
static void
pick_engine (KrWindow *self, const char *name)
{
  KrEngine before = _kr_window_get_map_engine (self);
  KrEngine engine;

  if (!kr_engine_from_name (name, &engine, NULL))
    return;
  self->sfdp_for_size = FALSE;
  self->sfdp_note_due = FALSE;
  if (engine != self->engine)
    {
      self->engine = engine;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
    }
  if (engine != before)
    {
      map_engine_changed (self);
      _kr_window_show_map (self);
    }
}

static void
set_rank_direction (KrWindow *self, const char *name)
{
  KrRankdir rankdir;

  if (!kr_rankdir_from_name (name, &rankdir) || rankdir == self->rankdir)
    return;
  self->rankdir = rankdir;
  /* Only the hierarchical engine has a direction. */
  if (_kr_window_get_map_engine (self) == KR_ENGINE_DOT)
    _kr_window_show_map (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANK_DIRECTION]);
}

/* The layout menu lists the engines and directions, each picking itself. The button gets the
 * menu once it is full: a popover made over empty sections leaves out their titles. */
static void
fill_layout_menu (KrWindow *self)
{
  for (KrEngine engine = 0; engine < KR_N_ENGINES; engine++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (kr_engine_get_label (engine), NULL);
      g_menu_item_set_action_and_target (item, "win.engine", "s", kr_engine_get_name (engine));
      g_menu_append_item (self->engine_section, item);
    }
  for (KrRankdir rankdir = 0; rankdir < KR_N_RANKDIRS; rankdir++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (kr_rankdir_get_label (rankdir), NULL);
      g_menu_item_set_action_and_target (item, "win.rank-direction", "s",
                                         kr_rankdir_get_name (rankdir));
      g_menu_append_item (self->direction_section, item);
    }
  gtk_menu_button_set_menu_model (self->engine_button, self->engine_menu);
}

/* ---- object ---------------------------------------------------------------------------- */

static void
kr_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KrWindow *self = KR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_ENGINE:
      g_value_set_string (value, kr_engine_get_name (self->engine));
      break;
    case PROP_MAP_ENGINE:
      g_value_set_string (value, kr_engine_get_name (_kr_window_get_map_engine (self)));
      break;
    case PROP_RANK_DIRECTION:
      g_value_set_string (value, kr_rankdir_get_name (self->rankdir));
      break;
    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, self->show_sidebar);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    case PROP_SHOW_LINK_LABELS:
      g_value_set_boolean (value, self->show_link_labels);
      break;
    case PROP_FOCUS_DEPTH:
      g_value_set_int (value, (int)kr_view_get_focus_depth (self->view));
      break;
    case PROP_FOCUS_RADIAL:
      g_value_set_boolean (value, kr_view_get_filter (self->view)->radial);
      break;
    case PROP_SHOW_TIMELINE:
      g_value_set_boolean (value, self->show_timeline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KrWindow *self = KR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_ENGINE:
    case PROP_MAP_ENGINE:
      pick_engine (self, g_value_get_string (value));
      break;
    case PROP_RANK_DIRECTION:
      set_rank_direction (self, g_value_get_string (value));
      break;
    case PROP_SHOW_SIDEBAR:
      if (self->show_sidebar != g_value_get_boolean (value))
        {
          self->show_sidebar = g_value_get_boolean (value);
          _kr_window_place_panel (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_LEGEND:
      if (self->show_legend != g_value_get_boolean (value))
        {
          self->show_legend = g_value_get_boolean (value);
          kr_diagram_view_set_show_legend (self->diagram, self->show_legend);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_LINK_LABELS:
      if (self->show_link_labels != g_value_get_boolean (value))
        {
          /* Graphviz places the labels: the map is laid out again with or without them. */
          self->show_link_labels = g_value_get_boolean (value);
          _kr_window_show_map (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_FOCUS_DEPTH:
      {
        guint depth = CLAMP ((guint)g_value_get_int (value), 1, KR_FILTER_MAX_DEPTH);
        if (depth != kr_view_get_focus_depth (self->view))
          {
            _kr_window_focus_depth_changed (self, depth);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_FOCUS_RADIAL:
      /* Notified with every change of the view (kr-window-view.c). */
      _kr_window_set_focus_radial (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_TIMELINE:
      if (self->show_timeline != g_value_get_boolean (value))
        {
          self->show_timeline = g_value_get_boolean (value);
          gtk_widget_set_visible (GTK_WIDGET (self->timeline_bar), self->show_timeline);
          g_object_notify_by_pspec (object, pspec);
          _kr_window_timeline_toggled (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
kr_window_close_request (GtkWindow *window)
{
  KrWindow *self = KR_WINDOW (window);

  if (_kr_window_close_blocked (self))
    return TRUE;
  if (self->settings != NULL)
    _kr_window_save_size (self);
  return GTK_WINDOW_CLASS (kr_window_parent_class)->close_request (window);
}

/* The layout engine setting is the preference, which only picking an engine changes: the sfdp
 * a large dataset is laid out with is never written to it. */
static void
restore_settings (KrWindow *self)
{
  if (self->settings == NULL)
    return;
  _kr_window_restore_size (self);
  g_settings_bind (self->settings, "layout-engine", self, "engine", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "rank-direction", self, "rank-direction",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-legend", self, "show-legend", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-link-labels", self, "show-link-labels",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
kr_window_constructed (GObject *object)
{
  G_OBJECT_CLASS (kr_window_parent_class)->constructed (object);
  /* The view remembers filters in the settings, given by now. */
  _kr_window_init_view (KR_WINDOW (object));
  _kr_window_init_views (KR_WINDOW (object));
  _kr_window_init_arrange (KR_WINDOW (object));
  restore_settings (KR_WINDOW (object));
  /* The map's own button opens and closes the legend: remembered like the preference. */
  g_object_bind_property (KR_WINDOW (object)->diagram, "show-legend", object, "show-legend",
                          G_BINDING_DEFAULT);
}

static void
kr_window_dispose (GObject *object)
{
  KrWindow *self = KR_WINDOW (object);

  _kr_window_dispose_load (self);
  _kr_window_dispose_progress (self);
  _kr_window_dispose_document (self);
  /* What is waiting to be saved is saved first, the views with it. */
  _kr_window_dispose_arrange (self);
  _kr_window_dispose_views (self);
  _kr_window_dispose_view (self);
  _kr_window_dispose_adaptive (self);
  g_clear_handle_id (&self->toast_source, g_source_remove);
  g_queue_clear_full (&self->toasts_waiting, g_object_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KR_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (kr_window_parent_class)->dispose (object);
}

static void
kr_window_class_init (KrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kr_window_constructed;
  object_class->dispose = kr_window_dispose;
  object_class->get_property = kr_window_get_property;
  object_class->set_property = kr_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = kr_window_close_request;

  /* Where what the window shows and how is remembered; NULL remembers nothing. */
  properties[PROP_SETTINGS]
      = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The preferred engine, kept in the settings. */
  properties[PROP_ENGINE]
      = g_param_spec_string ("engine", NULL, NULL, kr_engine_get_name (defaults.engine),
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The engine the map shown is laid out with: the preferred one, or sfdp for a large dataset.
   * Setting it, as setting the preferred one, picks an engine for every map. */
  properties[PROP_MAP_ENGINE]
      = g_param_spec_string ("map-engine", NULL, NULL, kr_engine_get_name (defaults.engine),
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RANK_DIRECTION]
      = g_param_spec_string ("rank-direction", NULL, NULL, kr_rankdir_get_name (defaults.rankdir),
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SIDEBAR]
      = g_param_spec_boolean ("show-sidebar", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND]
      = g_param_spec_boolean ("show-legend", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Each deal's line labelled with its kind and key figure, where legible. */
  properties[PROP_SHOW_LINK_LABELS]
      = g_param_spec_boolean ("show-link-labels", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_DEPTH]
      = g_param_spec_int ("focus-depth", NULL, NULL, 1, KR_FILTER_MAX_DEPTH, 1,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The focus shown is laid out in circles around its entity, whatever the engine. */
  properties[PROP_FOCUS_RADIAL]
      = g_param_spec_boolean ("focus-radial", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TIMELINE]
      = g_param_spec_boolean ("show-timeline", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KR_TYPE_DIAGRAM_VIEW);
  g_type_ensure (KR_TYPE_EVIDENCE_PANEL);
  g_type_ensure (KR_TYPE_FILTER_POPOVER);
  g_type_ensure (KR_TYPE_VIEW_BAR);
  g_type_ensure (KR_TYPE_TIMELINE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/kr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, engine_button);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, engine_menu);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, engine_section);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, direction_section);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, export_menu);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, error_details);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, error_buttons);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, diagram);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, panel);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, search_previous_button);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, search_next_button);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, search_status);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, view_bar);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, timeline_bar);
  gtk_widget_class_bind_template_child (widget_class, KrWindow, recent_menu);

  _kr_window_class_init_load (widget_class);
  _kr_window_class_init_view (widget_class);
  _kr_window_class_init_arrange (widget_class);
  _kr_window_class_init_selection (widget_class);
  _kr_window_class_init_search (widget_class);
  _kr_window_class_init_export (widget_class);
  _kr_window_class_init_views (widget_class);
  _kr_window_class_init_progress (widget_class);
  _kr_window_class_init_document (widget_class);
  _kr_window_class_init_edit (widget_class);
  _kr_window_class_init_merge (widget_class);

  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_property_action (widget_class, "win.focus-depth", "focus-depth");
  gtk_widget_class_install_property_action (widget_class, "win.focus-radial", "focus-radial");
  gtk_widget_class_install_property_action (widget_class, "win.timeline", "show-timeline");
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "win.engine", "map-engine");
  gtk_widget_class_install_property_action (widget_class, "win.rank-direction", "rank-direction");
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");
  gtk_widget_class_install_property_action (widget_class, "win.show-legend", "show-legend");
  gtk_widget_class_install_property_action (widget_class, "win.show-link-labels",
                                            "show-link-labels");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
}

static void
kr_window_init (KrWindow *self)
{
  self->engine = defaults.engine;
  self->rankdir = defaults.rankdir;
  self->show_sidebar = TRUE;
  self->show_legend = FALSE;
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_layout_menu (self);
  map_engine_changed (self);
  _kr_window_init_adaptive (self);
  _kr_window_init_selection (self);
  _kr_window_init_load (self);
  _kr_window_init_progress (self);
  _kr_window_init_edit (self);
  g_signal_connect_swapped (self->stack, "notify::visible-child-name",
                            G_CALLBACK (update_map_actions), self);
  update_map_actions (self);
}

KrWindow *
kr_window_new (GtkApplication *application, GSettings *settings)
{
  return g_object_new (KR_TYPE_WINDOW, "application", application, "settings", settings, NULL);
}

KrDataset *
kr_window_get_dataset (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return kr_view_get_dataset (self->view);
}

KrScene *
kr_window_get_scene (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return kr_diagram_view_get_scene (self->diagram);
}

GtkWidget *
kr_window_get_diagram (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->diagram);
}

GtkWidget *
kr_window_get_panel (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->panel);
}

gboolean
kr_window_is_busy (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), FALSE);
  return self->load_cancellable != NULL || (self->map != NULL && kr_map_is_busy (self->map))
         || self->dates_cancellable != NULL;
}

GtkWidget *
kr_window_get_view_bar (KrWindow *self)
{
  g_return_val_if_fail (KR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->view_bar);
}
