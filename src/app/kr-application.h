/* kr-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KR_TYPE_APPLICATION (kr_application_get_type ())
G_DECLARE_FINAL_TYPE (KrApplication, kr_application, KR, APPLICATION, AdwApplication)

KrApplication *kr_application_new (const char *engine);

G_END_DECLS
