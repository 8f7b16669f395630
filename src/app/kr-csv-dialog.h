/* kr-csv-dialog.h — what each column of a spreadsheet holds, chosen before it is loaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KR_TYPE_CSV_DIALOG (kr_csv_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KrCsvDialog, kr_csv_dialog, KR, CSV_DIALOG, AdwWindow)

/* The tables that @file opens, with @other when two are opened together (nullable), @heads
 * (KrCsvTableHead, from kr_csv_reader_read_heads() or _read_pair_heads(), which the dialog
 * changes as the user chooses), each column with its first values and what it is read as.
 * "load" is emitted when the user loads them; the dialog closes itself. */
KrCsvDialog *kr_csv_dialog_new (GtkWindow *parent, GFile *file, GFile *other, GPtrArray *heads);
GFile *kr_csv_dialog_get_file (KrCsvDialog *self);
GFile *kr_csv_dialog_get_other_file (KrCsvDialog *self);
GPtrArray *kr_csv_dialog_get_heads (KrCsvDialog *self);

G_END_DECLS
