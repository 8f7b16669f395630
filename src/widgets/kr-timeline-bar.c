/* kr-timeline-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-timeline-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kr-timeline-bar.h"

#define PLAY_STEP_MS 1500 /* long enough for a relayout's animation to finish */

struct _KrTimelineBar
{
  GtkWidget parent_instance;

  GtkButton *play_button;
  GtkDropDown *mode;
  GtkLabel *date_label;
  GtkScale *scale;
  GtkAdjustment *adjustment;

  GStrv dates;
  guint play_id;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (KrTimelineBar, kr_timeline_bar, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
current_index (KrTimelineBar *self)
{
  return (int)lround (gtk_adjustment_get_value (self->adjustment));
}

static void
changed (KrTimelineBar *self)
{
  const char *date = kr_timeline_bar_get_date (self);

  gtk_label_set_text (self->date_label, date ? date : "");
  g_signal_emit (self, signals[CHANGED], 0);
}

void
kr_timeline_bar_stop (KrTimelineBar *self)
{
  g_return_if_fail (KR_IS_TIMELINE_BAR (self));
  g_clear_handle_id (&self->play_id, g_source_remove);
  gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _ ("Play Through Time"));
}

static gboolean
play_step (gpointer data)
{
  KrTimelineBar *self = data;
  int next = current_index (self) + 1;

  if (self->busy)
    return G_SOURCE_CONTINUE; /* the last date is still being laid out */
  if (self->dates == NULL || next >= (int)g_strv_length (self->dates))
    {
      self->play_id = 0;
      kr_timeline_bar_stop (self);
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (self->adjustment, next);
  return G_SOURCE_CONTINUE;
}

static void
play_clicked (KrTimelineBar *self)
{
  if (self->play_id != 0)
    {
      kr_timeline_bar_stop (self);
      return;
    }
  if (self->dates == NULL || self->dates[0] == NULL)
    return;
  /* From the start when at the end. */
  if (current_index (self) + 1 >= (int)g_strv_length (self->dates))
    gtk_adjustment_set_value (self->adjustment, 0);
  self->play_id = g_timeout_add (PLAY_STEP_MS, play_step, self);
  gtk_button_set_icon_name (self->play_button, "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _ ("Pause"));
}

void
kr_timeline_bar_set_dates (KrTimelineBar *self, const char *const *dates)
{
  guint n;

  g_return_if_fail (KR_IS_TIMELINE_BAR (self));
  kr_timeline_bar_stop (self);
  g_strfreev (self->dates);
  self->dates = g_strdupv ((char **)dates);
  n = self->dates ? g_strv_length (self->dates) : 0;
  gtk_scale_clear_marks (self->scale);
  for (guint i = 0; i < n; i++)
    gtk_scale_add_mark (self->scale, i, GTK_POS_BOTTOM, NULL);
  g_signal_handlers_block_by_func (self->scale, changed, self);
  gtk_adjustment_configure (self->adjustment, n > 0 ? n - 1 : 0, 0, n > 0 ? n - 1 : 0, 1, 1, 0);
  g_signal_handlers_unblock_by_func (self->scale, changed, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale), n > 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->play_button), n > 1);
  gtk_label_set_text (self->date_label, n > 0 ? self->dates[n - 1] : _ ("No dates"));
}

void
kr_timeline_bar_set_busy (KrTimelineBar *self, gboolean busy)
{
  g_return_if_fail (KR_IS_TIMELINE_BAR (self));
  self->busy = busy;
}

const char *
kr_timeline_bar_get_date (KrTimelineBar *self)
{
  int i;

  g_return_val_if_fail (KR_IS_TIMELINE_BAR (self), NULL);
  if (self->dates == NULL || self->dates[0] == NULL)
    return NULL;
  i = CLAMP (current_index (self), 0, (int)g_strv_length (self->dates) - 1);
  return self->dates[i];
}

void
kr_timeline_bar_set_date (KrTimelineBar *self, const char *date)
{
  g_return_if_fail (KR_IS_TIMELINE_BAR (self));
  for (guint i = 0; self->dates != NULL && self->dates[i] != NULL; i++)
    if (g_strcmp0 (self->dates[i], date) == 0)
      gtk_adjustment_set_value (self->adjustment, i);
}

gboolean
kr_timeline_bar_get_reported (KrTimelineBar *self)
{
  g_return_val_if_fail (KR_IS_TIMELINE_BAR (self), FALSE);
  return gtk_drop_down_get_selected (self->mode) == 1;
}

void
kr_timeline_bar_set_reported (KrTimelineBar *self, gboolean reported)
{
  g_return_if_fail (KR_IS_TIMELINE_BAR (self));
  gtk_drop_down_set_selected (self->mode, reported ? 1 : 0);
}

static void
kr_timeline_bar_dispose (GObject *object)
{
  KrTimelineBar *self = KR_TIMELINE_BAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->play_id, g_source_remove);
  g_clear_pointer (&self->dates, g_strfreev);
  gtk_widget_dispose_template (GTK_WIDGET (object), KR_TYPE_TIMELINE_BAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kr_timeline_bar_parent_class)->dispose (object);
}

static void
kr_timeline_bar_class_init (KrTimelineBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_timeline_bar_dispose;

  /**
   * KrTimelineBar::changed:
   *
   * The date or the mode changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/kr-timeline-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, KrTimelineBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, KrTimelineBar, mode);
  gtk_widget_class_bind_template_child (widget_class, KrTimelineBar, date_label);
  gtk_widget_class_bind_template_child (widget_class, KrTimelineBar, scale);
  gtk_widget_class_bind_template_child (widget_class, KrTimelineBar, adjustment);
  gtk_widget_class_bind_template_callback (widget_class, changed);
  gtk_widget_class_bind_template_callback (widget_class, play_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelinebar");
}

static void
kr_timeline_bar_init (KrTimelineBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
