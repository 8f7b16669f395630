/* kr-preferences.h — the preferences dialog: what the settings hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-window.h"

G_BEGIN_DECLS

/* Shows the preferences for @window: layout engine and direction, legend, colour scheme. */
void kr_preferences_present (KrWindow *window);

/* The colour scheme setting ("default", "light", "dark") applied to the style manager. */
void kr_preferences_apply_color_scheme (const char *scheme);

G_END_DECLS
