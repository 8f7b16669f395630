/* kr-layout-options.c — the engines, the directions, and copies of layout options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-layout-options"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kr-layout.h"

typedef struct
{
  const char *name;  /* Graphviz's, and the setting's value */
  const char *label; /* for people, untranslated */
  /* Engines only: processor seconds measured on a dataset of cost_records entities and deals
   * together (docs/performance.md), growing with the power cost_growth of the size; none
   * where it has not been measured. */
  double cost_seconds, cost_records, cost_growth;
} Term;

static const Term engines[KR_N_ENGINES] = {
  [KR_ENGINE_DOT] = { "dot", N_ ("Hierarchical (dot)") },
  [KR_ENGINE_NEATO] = { "neato", N_ ("Spring (neato)") },
  [KR_ENGINE_FDP] = { "fdp", N_ ("Force-directed (fdp)") },
  /* 159 s at 20 000 entities and 50 000 deals; 7.9 s and 28.4 s at 5 000 and 10 000 entities
   * with 1.25 deals each. */
  [KR_ENGINE_SFDP] = { "sfdp", N_ ("Large graphs (sfdp)"), .cost_seconds = 159,
                       .cost_records = 70000, .cost_growth = 1.7 },
  [KR_ENGINE_CIRCO] = { "circo", N_ ("Circular (circo)") },
  [KR_ENGINE_TWOPI] = { "twopi", N_ ("Radial (twopi)") },
};

static const Term rankdirs[KR_N_RANKDIRS] = {
  [KR_RANKDIR_LR] = { "LR", N_ ("Left to Right") },
  [KR_RANKDIR_TB] = { "TB", N_ ("Top to Bottom") },
  [KR_RANKDIR_RL] = { "RL", N_ ("Right to Left") },
  [KR_RANKDIR_BT] = { "BT", N_ ("Bottom to Top") },
};

static int
lookup (const Term *terms, int n, const char *name)
{
  for (int i = 0; name != NULL && i < n; i++)
    if (strcmp (terms[i].name, name) == 0)
      return i;
  return -1;
}

/* The row of @value, or an empty one when the table has none. */
static const Term *
row (const Term *terms, guint n, guint value)
{
  static const Term none = { NULL, NULL };

  g_return_val_if_fail (value < n, &none);
  return &terms[value];
}

static const char *
translate (const char *label)
{
  return label != NULL ? _ (label) : NULL;
}

const char *
kr_engine_get_name (KrEngine engine)
{
  return row (engines, KR_N_ENGINES, engine)->name;
}

double
kr_engine_estimate_seconds (KrEngine engine, guint n_entities, guint n_deals)
{
  const Term *term = row (engines, KR_N_ENGINES, engine);

  if (term->cost_seconds <= 0)
    return 0;
  return term->cost_seconds
         * pow (((double)n_entities + n_deals) / term->cost_records, term->cost_growth);
}

const char *
kr_engine_get_label (KrEngine engine)
{
  return translate (row (engines, KR_N_ENGINES, engine)->label);
}

gboolean
kr_engine_from_name (const char *name, KrEngine *engine, GError **error)
{
  int i = lookup (engines, KR_N_ENGINES, name);

  if (i < 0)
    {
      g_autofree char *choices = kr_engine_list_choices ();
      g_set_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_ENGINE,
                   _ ("Unknown layout engine “%s”; choose %s"), name, choices);
      return FALSE;
    }
  if (engine != NULL)
    *engine = (KrEngine)i;
  return TRUE;
}

char *
kr_engine_list_choices (void)
{
  g_autoptr (GString) others = g_string_new (NULL);

  for (int i = 0; i < KR_N_ENGINES - 1; i++)
    {
      if (i > 0)
        /* Translators: between the first items of a list to choose from, as in “dot, neato or
         * fdp” */
        g_string_append (others, C_ ("list of choices", ", "));
      g_string_append (others, engines[i].name);
    }
  /* Translators: the first items of a list to choose from, and the last one, as in “dot, neato
   * or fdp” */
  return g_strdup_printf (C_ ("list of choices", "%s or %s"), others->str,
                          engines[KR_N_ENGINES - 1].name);
}

const char *
kr_rankdir_get_name (KrRankdir rankdir)
{
  return row (rankdirs, KR_N_RANKDIRS, rankdir)->name;
}

const char *
kr_rankdir_get_label (KrRankdir rankdir)
{
  return translate (row (rankdirs, KR_N_RANKDIRS, rankdir)->label);
}

gboolean
kr_rankdir_from_name (const char *name, KrRankdir *rankdir)
{
  int i = lookup (rankdirs, KR_N_RANKDIRS, name);

  if (i >= 0 && rankdir != NULL)
    *rankdir = (KrRankdir)i;
  return i >= 0;
}

/* An empty array stays an array: NULL would mean that everything is visible. */
static gboolean *
copy_flags (const gboolean *flags, guint n)
{
  gboolean *copy;

  if (flags == NULL)
    return NULL;
  copy = g_new (gboolean, MAX (n, 1));
  memcpy (copy, flags, n * sizeof (gboolean));
  return copy;
}

KrLayoutOptions *
kr_layout_options_copy (const KrLayoutOptions *options)
{
  KrLayoutOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_new (KrLayoutOptions, 1);
  *copy = *options;
  copy->root = g_strdup (options->root);
  copy->visible_entities = copy_flags (options->visible_entities, options->n_entities);
  copy->visible_deals = copy_flags (options->visible_deals, options->n_deals);
  if (options->seed != NULL)
    g_object_ref (options->seed);
  if (options->pins != NULL)
    g_hash_table_ref (options->pins);
  return copy;
}

void
kr_layout_options_free (KrLayoutOptions *options)
{
  if (options == NULL)
    return;
  g_free ((char *)options->root);
  g_free ((gboolean *)options->visible_entities);
  g_free ((gboolean *)options->visible_deals);
  g_clear_object (&options->seed);
  g_clear_pointer (&options->pins, g_hash_table_unref);
  g_free (options);
}

G_DEFINE_BOXED_TYPE (KrLayoutOptions, kr_layout_options, kr_layout_options_copy,
                     kr_layout_options_free)
