/* kr-test-data.h — the datasets the tests read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

/* A valid dataset of tests/data/good/ (@name: "network.json"), or the test fails. */
KrDataset *kr_test_load_good (const char *name);

/* The built-in dataset, data/keiretsu-builtin.json, or the test fails. */
KrDataset *kr_test_load_builtin (void);

G_END_DECLS
