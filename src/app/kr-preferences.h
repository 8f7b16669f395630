/* kr-preferences.h — the preferences: what the settings hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-window.h"

G_BEGIN_DECLS

#define KR_TYPE_PREFERENCES (kr_preferences_get_type ())
G_DECLARE_FINAL_TYPE (KrPreferences, kr_preferences, KR, PREFERENCES, AdwPreferencesPage)

/* The preferences of @window, bound to its properties (layout engine and direction, legend),
 * and the colour scheme, kept in @settings (nullable). */
KrPreferences *kr_preferences_new (KrWindow *window, GSettings *settings);

/* Shows them over @window. */
void kr_preferences_present (KrWindow *window, GSettings *settings);

/* The colour scheme setting ("default", "light", "dark") applied to the style manager. */
void kr_preferences_apply_color_scheme (const char *scheme);

G_END_DECLS
