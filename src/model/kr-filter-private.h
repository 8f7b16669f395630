/* kr-filter-private.h — shared by the files of the filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-filter.h"

G_BEGIN_DECLS

/* TRUE when @date is NULL or a date; else says so, naming it as @what ("from", "as of"). */
gboolean kr_filter_check_date (const char *date, const char *what, GError **error);

G_END_DECLS
