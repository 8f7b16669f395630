/* kr-graph.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-graph"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kr-graph.h"
#include "kr-palette.h"
#include "kr-text.h"

/* cgraph's older headers take char * where they only read. */
#define S(str) ((char *)(str))

#define HUB_SIZE 14.0 /* points */

typedef struct
{
  Agsym_t *shape, *width, *height, *label, *tooltip, *style, *fillcolor;
  Agsym_t *e_dir, *e_style, *e_color, *e_penwidth, *e_arrowhead;
} Symbols;

static const char *
entity_shape (KrEntityKind kind, KrShape *shape, gboolean *dashed)
{
  *dashed = FALSE;
  switch (kind)
    {
    case KR_ENTITY_COMPANY:
      *shape = KR_SHAPE_ROUNDED_BOX;
      return "box";
    case KR_ENTITY_DIVISION:
      *shape = KR_SHAPE_BOX;
      *dashed = TRUE;
      return "box";
    case KR_ENTITY_JOINT_VENTURE:
      *shape = KR_SHAPE_POLYGON;
      return "hexagon";
    case KR_ENTITY_GOVERNMENT:
      *shape = KR_SHAPE_POLYGON;
      return "house";
    case KR_ENTITY_STATE_FUND:
      *shape = KR_SHAPE_POLYGON;
      return "octagon";
    case KR_ENTITY_PERSON:
      *shape = KR_SHAPE_ELLIPSE;
      return "ellipse";
    case KR_ENTITY_GROUP:
      *shape = KR_SHAPE_ELLIPSE;
      *dashed = TRUE;
      return "ellipse";
    case KR_ENTITY_PROGRAMME:
      *shape = KR_SHAPE_POLYGON;
      return "parallelogram";
    case KR_ENTITY_OTHER:
    case KR_N_ENTITY_KINDS:
    default:
      *shape = KR_SHAPE_BOX;
      return "box";
    }
}

/* Extra room around the label for each shape, in points. */
static void
pad_for_shape (const char *gv_shape, double *w, double *h)
{
  if (strcmp (gv_shape, "ellipse") == 0)
    {
      *w = *w * 1.25 + 16;
      *h = *h * 1.25 + 10;
    }
  else if (strcmp (gv_shape, "hexagon") == 0 || strcmp (gv_shape, "octagon") == 0)
    {
      *w += 40;
      *h += 16;
    }
  else if (strcmp (gv_shape, "house") == 0)
    {
      *w += 24;
      *h += 26;
    }
  else if (strcmp (gv_shape, "parallelogram") == 0)
    {
      *w += 44;
      *h += 14;
    }
  else
    {
      *w += 24;
      *h += 14;
    }
  *w = MAX (*w, 48);
  *h = MAX (*h, 28);
}

static void
set_number (void *obj, Agsym_t *sym, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  agxset (obj, sym, g_ascii_formatd (buf, sizeof buf, "%.4f", value));
}

/* Graphviz expands \N, \G, \n … in labels; doubling every backslash keeps the text literal. */
static char *
escape_label (const char *text)
{
  GString *s = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static const char *
line_style_name (KrLineStyle style)
{
  switch (style)
    {
    case KR_LINE_DASHED:
      return "dashed";
    case KR_LINE_DOTTED:
      return "dotted";
    case KR_LINE_SOLID:
    default:
      return "solid";
    }
}

static guint
add_entity_node (KrGraph *g, const Symbols *sym, guint index, gboolean with_labels)
{
  const KrEntity *e = kr_dataset_get_entity (g->dataset, index);
  const KrPalette *palette = kr_palette_get (FALSE);
  KrGraphNode gn = { 0 };
  const char *gv_shape;
  double w, h;
  char hex[8];

  gn.type = KR_SCENE_NODE_ENTITY;
  gn.index = index;
  gn.node = agnode (g->graph, S (e->id), TRUE);
  gv_shape = entity_shape (e->kind, &gn.shape, &gn.dashed_outline);

  kr_text_measure (e->name, &w, &h);
  pad_for_shape (gv_shape, &w, &h);

  agxset (gn.node, sym->shape, S (gv_shape));
  set_number (gn.node, sym->width, w / 72.0);
  set_number (gn.node, sym->height, h / 72.0);
  agxset (gn.node, sym->style,
          S (gn.shape == KR_SHAPE_ROUNDED_BOX ? "filled,rounded"
             : gn.dashed_outline              ? "filled,dashed"
                                              : "filled"));
  agxset (gn.node, sym->fillcolor, S (kr_color_to_hex (palette->entity_fill[e->kind], hex)));
  if (with_labels)
    {
      g_autofree char *label = escape_label (e->name);
      agxset (gn.node, sym->label, label);
      agxset (gn.node, sym->tooltip, label);
    }

  g_array_append_val (g->nodes, gn);
  return g->nodes->len - 1;
}

static guint
add_hub_node (KrGraph *g, const Symbols *sym, guint deal_index)
{
  const KrDeal *d = kr_dataset_get_deal (g->dataset, deal_index);
  const KrPalette *palette = kr_palette_get (FALSE);
  KrGraphNode gn = { 0 };
  char hex[8];

  gn.type = KR_SCENE_NODE_DEAL;
  gn.index = deal_index;
  gn.shape = KR_SHAPE_POLYGON;
  gn.node = agnode (g->graph, S (d->id), TRUE);
  agxset (gn.node, sym->shape, S ("diamond"));
  set_number (gn.node, sym->width, HUB_SIZE / 72.0);
  set_number (gn.node, sym->height, HUB_SIZE / 72.0);
  agxset (gn.node, sym->style, S ("filled"));
  agxset (gn.node, sym->fillcolor,
          S (kr_color_to_hex (kr_palette_deal_color (palette, d->kind, d->status), hex)));
  agxset (gn.node, sym->label, S (""));
  g_array_append_val (g->nodes, gn);
  return g->nodes->len - 1;
}

static void
add_edge (KrGraph *g, const Symbols *sym, guint deal_index, guint tail, guint head,
          gboolean directed, gboolean advocacy)
{
  const KrDeal *d = kr_dataset_get_deal (g->dataset, deal_index);
  const KrPalette *palette = kr_palette_get (FALSE);
  KrGraphEdge ge = { 0 };
  Agnode_t *t = g_array_index (g->nodes, KrGraphNode, tail).node;
  Agnode_t *h = g_array_index (g->nodes, KrGraphNode, head).node;
  char hex[8];
  double width;

  ge.deal = deal_index;
  ge.tail = tail;
  ge.head = head;
  ge.advocacy = advocacy;
  ge.edge = agedge (g->graph, t, h, NULL, TRUE);

  width = advocacy ? 1.0 : kr_deal_line_width (d->status, kr_deal_count_sources (d));
  agxset (ge.edge, sym->e_dir, S (directed ? "forward" : "none"));
  agxset (ge.edge, sym->e_style,
          S (advocacy ? "dashed" : line_style_name (kr_status_line_style (d->status))));
  agxset (ge.edge, sym->e_color,
          S (kr_color_to_hex (kr_palette_deal_color (palette, d->kind, d->status), hex)));
  set_number (ge.edge, sym->e_penwidth, width);
  agxset (ge.edge, sym->e_arrowhead, S (advocacy ? "empty" : "normal"));
  g_array_append_val (g->edges, ge);
}

static gboolean
is_party (const KrDeal *d, guint entity)
{
  for (guint i = 0; i < d->n_parties; i++)
    if (d->parties[i].entity == entity)
      return TRUE;
  return FALSE;
}

static gboolean
is_visible (const gboolean *flags, guint index)
{
  return flags == NULL || flags[index];
}

static void
add_deal (KrGraph *g, const Symbols *sym, const int *entity_node, guint deal_index)
{
  const KrDeal *d = kr_dataset_get_deal (g->dataset, deal_index);
  g_autofree int *proposer = g_new0 (int, MAX (d->n_proposed_by, 1));
  guint n_visible = 0, n_outside_proposers = 0;
  int a = -1, b = -1;

  for (guint i = 0; i < d->n_parties; i++)
    if (entity_node[d->parties[i].entity] >= 0)
      {
        if (n_visible == 0)
          a = (int)i;
        else if (n_visible == 1)
          b = (int)i;
        n_visible++;
      }
  if (n_visible < 2)
    return;

  for (guint i = 0; i < d->n_proposed_by; i++)
    {
      guint e = d->proposed_by[i];
      proposer[i] = -1;
      if (entity_node[e] >= 0 && !is_party (d, e))
        {
          proposer[i] = entity_node[e];
          n_outside_proposers++;
        }
    }

  if (n_visible == 2 && n_outside_proposers == 0)
    {
      const KrParty *pa = &d->parties[a], *pb = &d->parties[b];
      KrDirection da = kr_role_direction (pa->role), db = kr_role_direction (pb->role);
      guint na = (guint)entity_node[pa->entity], nb = (guint)entity_node[pb->entity];

      if ((da == KR_DIRECTION_FROM && db != KR_DIRECTION_FROM)
          || (db == KR_DIRECTION_TO && da != KR_DIRECTION_TO))
        add_edge (g, sym, deal_index, na, nb, TRUE, FALSE);
      else if ((db == KR_DIRECTION_FROM && da != KR_DIRECTION_FROM)
               || (da == KR_DIRECTION_TO && db != KR_DIRECTION_TO))
        add_edge (g, sym, deal_index, nb, na, TRUE, FALSE);
      else
        add_edge (g, sym, deal_index, na, nb, FALSE, FALSE);
      return;
    }

  {
    guint hub = add_hub_node (g, sym, deal_index);

    for (guint i = 0; i < d->n_parties; i++)
      {
        int n = entity_node[d->parties[i].entity];
        if (n < 0)
          continue;
        switch (kr_role_direction (d->parties[i].role))
          {
          case KR_DIRECTION_FROM:
            add_edge (g, sym, deal_index, (guint)n, hub, TRUE, FALSE);
            break;
          case KR_DIRECTION_TO:
            add_edge (g, sym, deal_index, hub, (guint)n, TRUE, FALSE);
            break;
          case KR_DIRECTION_NONE:
          default:
            add_edge (g, sym, deal_index, (guint)n, hub, FALSE, FALSE);
            break;
          }
      }
    for (guint i = 0; i < d->n_proposed_by; i++)
      if (proposer[i] >= 0)
        add_edge (g, sym, deal_index, (guint)proposer[i], hub, TRUE, TRUE);
  }
}

KrGraph *
kr_graph_build (KrDataset *dataset, const KrLayoutOptions *options, gboolean with_labels)
{
  static const char *rankdirs[] = { "LR", "TB", "RL", "BT" };
  KrGraph *g;
  Symbols sym;
  g_autofree int *entity_node = NULL;
  guint n_entities, n_deals;
  const char *engine;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  engine = options->engine ? options->engine : "dot";
  n_entities = kr_dataset_get_n_entities (dataset);
  n_deals = kr_dataset_get_n_deals (dataset);

  g = g_new0 (KrGraph, 1);
  g->dataset = g_object_ref (dataset);
  g->nodes = g_array_sized_new (FALSE, TRUE, sizeof (KrGraphNode), n_entities);
  g->edges = g_array_sized_new (FALSE, TRUE, sizeof (KrGraphEdge), n_deals * 2);
  g->graph = agopen (S ("keiretsu"), Agdirected, NULL);

  agattr (g->graph, AGRAPH, S ("rankdir"), S (rankdirs[CLAMP (options->rankdir, 0, 3)]));
  agattr (g->graph, AGRAPH, S ("pad"), S ("0.25"));
  agattr (g->graph, AGRAPH, S ("bgcolor"), S ("white"));
  agattr (g->graph, AGRAPH, S ("outputorder"), S ("edgesfirst"));
  if (strcmp (engine, "dot") == 0)
    {
      agattr (g->graph, AGRAPH, S ("nodesep"), S ("0.3"));
      agattr (g->graph, AGRAPH, S ("ranksep"), S ("0.7"));
    }
  else
    {
      agattr (g->graph, AGRAPH, S ("overlap"), S ("false"));
      agattr (g->graph, AGRAPH, S ("sep"), S ("+10"));
      /* Routing splines around nodes is quadratic; large graphs get straight lines. */
      agattr (g->graph, AGRAPH, S ("splines"), S (n_entities <= 400 ? "true" : "false"));
      if (strcmp (engine, "neato") == 0 || strcmp (engine, "fdp") == 0)
        agattr (g->graph, AGRAPH, S ("len"), S ("1.3"));
    }

  sym.shape = agattr (g->graph, AGNODE, S ("shape"), S ("box"));
  sym.width = agattr (g->graph, AGNODE, S ("width"), S ("0.75"));
  sym.height = agattr (g->graph, AGNODE, S ("height"), S ("0.5"));
  agattr (g->graph, AGNODE, S ("fixedsize"), S ("true"));
  sym.label = agattr (g->graph, AGNODE, S ("label"), S (""));
  sym.tooltip = agattr (g->graph, AGNODE, S ("tooltip"), S (""));
  sym.style = agattr (g->graph, AGNODE, S ("style"), S ("filled"));
  sym.fillcolor = agattr (g->graph, AGNODE, S ("fillcolor"), S ("white"));
  agattr (g->graph, AGNODE, S ("color"), S ("#3d3846"));
  agattr (g->graph, AGNODE, S ("fontname"), S ("Cantarell"));
  agattr (g->graph, AGNODE, S ("fontsize"), S ("11"));
  sym.e_dir = agattr (g->graph, AGEDGE, S ("dir"), S ("forward"));
  sym.e_style = agattr (g->graph, AGEDGE, S ("style"), S ("solid"));
  sym.e_color = agattr (g->graph, AGEDGE, S ("color"), S ("black"));
  sym.e_penwidth = agattr (g->graph, AGEDGE, S ("penwidth"), S ("1"));
  sym.e_arrowhead = agattr (g->graph, AGEDGE, S ("arrowhead"), S ("normal"));

  entity_node = g_new (int, MAX (n_entities, 1));
  for (guint i = 0; i < n_entities; i++)
    entity_node[i] = is_visible (options->visible_entities, i)
                         ? (int)add_entity_node (g, &sym, i, with_labels)
                         : -1;
  for (guint i = 0; i < n_deals; i++)
    if (is_visible (options->visible_deals, i))
      add_deal (g, &sym, entity_node, i);

  return g;
}

void
kr_graph_free (KrGraph *graph)
{
  if (graph == NULL)
    return;
  if (graph->graph != NULL)
    agclose (graph->graph);
  g_clear_pointer (&graph->nodes, g_array_unref);
  g_clear_pointer (&graph->edges, g_array_unref);
  g_clear_object (&graph->dataset);
  g_free (graph);
}
