/* kr-layout-options.h — what a layout is asked for: engine, direction, what is visible
 *
 * The engines and the directions are each one table (kr-layout-options.c): the layout menu,
 * the preferences and the command line are made from them, and the settings schema's enums
 * are generated from this header by glib-mkenums (a value's nick is its name, the setting's
 * value).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A laid-out diagram (kr-scene.h). */
typedef struct _KrScene KrScene;

/* Graphviz's layout engines. */
typedef enum
{
  KR_ENGINE_DOT,
  KR_ENGINE_NEATO,
  KR_ENGINE_FDP,
  KR_ENGINE_SFDP,
  KR_ENGINE_CIRCO,
  KR_ENGINE_TWOPI,
  KR_N_ENGINES /*< skip >*/
} KrEngine;

/* Which way the hierarchical layout (dot) runs. */
typedef enum
{
  KR_RANKDIR_LR, /*< nick=LR >*/
  KR_RANKDIR_TB, /*< nick=TB >*/
  KR_RANKDIR_RL, /*< nick=RL >*/
  KR_RANKDIR_BT, /*< nick=BT >*/
  KR_N_RANKDIRS  /*< skip >*/
} KrRankdir;

/* An engine's name as Graphviz and the settings know it ("dot"), and its label for people,
 * translated ("Hierarchical (dot)"). */
const char *kr_engine_get_name (KrEngine engine);
const char *kr_engine_get_label (KrEngine engine);
/* Sets KR_LAYOUT_ERROR_ENGINE, saying which names there are, when @name is none of them. */
gboolean kr_engine_from_name (const char *name, KrEngine *engine, GError **error);
/* Processor seconds that @engine is expected to take to lay out @n_entities and @n_deals, on
 * the two-core machine of docs/performance.md; 0 for an engine not measured at size. */
double kr_engine_estimate_seconds (KrEngine engine, guint n_entities, guint n_deals);
/* The names as a choice, for messages: "dot, neato, fdp, sfdp, circo or twopi", translated. */
char *kr_engine_list_choices (void);

/* A direction's name as Graphviz and the settings know it ("LR"), and its translated label
 * ("Left to Right"). */
const char *kr_rankdir_get_name (KrRankdir rankdir);
const char *kr_rankdir_get_label (KrRankdir rankdir);
gboolean kr_rankdir_from_name (const char *name, KrRankdir *rankdir);

/* Every field's default is zero (dot, left to right, everything visible, no root, no seed, no
 * labels on the lines), so an initialiser names only what differs:
 *
 *   KrLayoutOptions options = { .engine = KR_ENGINE_TWOPI, .root = "nissan" };
 *
 * Options made so only borrow what they point to, for the call they are given to. A copy made
 * by kr_layout_options_copy owns a copy of everything it points to (the root and both arrays
 * of flags) and a reference to the seed and to the pins, which kr_layout_options_free drops
 * with it: free only
 * what that copy returned. */
typedef struct
{
  KrEngine engine;
  KrRankdir rankdir;
  const char *root; /* nullable: the id of the entity a radial layout (twopi) centres on */
  const gboolean *visible_entities; /* NULL = all; else one flag per entity of the dataset */
  guint n_entities;                 /* how many flags visible_entities holds */
  const gboolean *visible_deals;    /* NULL = all; else one flag per deal of the dataset */
  guint n_deals;                    /* how many flags visible_deals holds */
  KrScene *seed; /* nullable: nodes start where the same entity or deal hub (by id) is shown in
                  * this scene. Only the engines that take starting positions (neato, fdp,
                  * sfdp) use it; dot, circo and twopi place everything afresh. */
  gboolean link_labels; /* each deal's line labelled with its kind and key figure, the labels
                         * placed by Graphviz (KrSceneLinkLabel) */
  GHashTable *pins; /* nullable: entity id → KrPin (kr-arrangement.h), in scene coordinates: those
                     * entities are placed exactly there, whatever the engine, and Graphviz lays
                     * the lines out again around them. neato, fdp and sfdp lay the rest out
                     * around them too. Ids the dataset lacks are left out. */
  gboolean hold;    /* every node stays where the seed shows it (pins aside): only the lines are
                     * laid out again, as `neato -n2` does */
  gboolean anchor;  /* with neato and fdp, what the seed shows keeps its place while the rest is
                     * laid out around it; only the removal of overlaps moves it, a little */
  gboolean revise;  /* with a seed showing another version of the dataset, laid out with the same
                     * engine, direction and labels: what the seed shows keeps its place exactly,
                     * what is new is placed beside what it deals with, and only the lines that
                     * touch a change are laid out again. An edit that changes more than a
                     * fifth of the map is laid out as without it. A scene's options
                     * (kr_scene_get_options) have it only when it was made so. */
  gboolean draft;   /* a quick first placement of a large map, in seconds: Graphviz places the
                     * most connected entities, each as large as the room the entities around it
                     * need, and the others are set around them with straight lines. The engine
                     * is sfdp's, whatever is asked; seeds, pins and link labels are not used. */
} KrLayoutOptions;

#define KR_LAYOUT_OPTIONS_INIT { .engine = KR_ENGINE_DOT, .rankdir = KR_RANKDIR_LR }

#define KR_TYPE_LAYOUT_OPTIONS (kr_layout_options_get_type ())
GType kr_layout_options_get_type (void) G_GNUC_CONST;
KrLayoutOptions *kr_layout_options_copy (const KrLayoutOptions *options);
void kr_layout_options_free (KrLayoutOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrLayoutOptions, kr_layout_options_free)

G_END_DECLS
