/* kr-layout.h — lays a dataset out with Graphviz and returns the scene
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-dataset.h"
#include "kr-layout-options.h"
#include "kr-scene.h"

G_BEGIN_DECLS

#define KR_LAYOUT_ERROR (kr_layout_error_quark ())

typedef enum
{
  KR_LAYOUT_ERROR_ENGINE, /* unknown engine name (kr_engine_from_name) */
  KR_LAYOUT_ERROR_FAILED, /* Graphviz reported an error */
  KR_LAYOUT_ERROR_EMPTY,  /* nothing to lay out */
} KrLayoutError;

GQuark kr_layout_error_quark (void);

/* Runs layouts in a helper process: @argv (NULL-terminated, copied) starts a program that
 * reads a layout request on stdin and writes the result on stdout, as kr_layout_worker_main
 * does. A crash, abort or exit() inside Graphviz then only ends the helper, and cancelling
 * a layout ends it at once. With NULL, layouts run in a thread of this process. */
void kr_layout_set_worker (const char *const *argv);

/* Waits up to @seconds for the layouts given to threads (kr_layout_run_async ()) to end; TRUE
 * when none is left. A program calls it before it exits, once it has cancelled its layouts: a
 * thread still measuring labels while exit () frees Pango's and HarfBuzz's data would crash
 * the program on its way out. */
gboolean kr_layout_wait_for_threads (double seconds);

/* The argument that starts keiretsu as a layout helper. */
#define KR_LAYOUT_WORKER_OPTION "--layout-worker"

/* The body of the helper process; returns its exit status. */
int kr_layout_worker_main (void);

/* DOT text of the graph, with names, labels and styling (for people and for the Graphviz
 * command-line tools). With NULL options, the defaults (KR_LAYOUT_OPTIONS_INIT). */
char *kr_layout_write_dot (KrDataset *dataset, const KrLayoutOptions *options, GError **error);
/* DOT text of what @scene shows, each node at its place in the scene: its "pos", in points with
 * y up, which `neato -n2` keeps as it is. It names no engine, so Graphviz's tools lay it out
 * with their own; neato and fdp start from those positions. */
char *kr_layout_write_scene_dot (KrScene *scene, GError **error);

/* Blocks; Graphviz runs are serialised process-wide. */
KrScene *kr_layout_run (KrDataset *dataset, const KrLayoutOptions *options, GError **error);
void kr_layout_run_async (KrDataset *dataset, const KrLayoutOptions *options,
                          GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data);
KrScene *kr_layout_run_finish (GAsyncResult *result, GError **error);

G_END_DECLS
