/* kr-draft.c — a quick first placement of a large map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-draft"

#include "config.h"

#include <math.h>

#include "kr-draft.h"

/* Successive nodes of a spiral this far apart in angle fill a disc evenly (Vogel's sunflower). */
#define GOLDEN_ANGLE 2.39996322972865332
/* Room around each node, as sfdp's "sep" leaves (kr-graph.c). */
#define GAP 6.0
#define ARROW_LENGTH 10.0
/* One node in so many is a hub, up to MAX_HUBS. */
#define HUB_SHARE 8
#define MAX_HUBS 1500
/* How much larger than its spiral a disc's room is. */
#define ROOM 1.3
/* The positions tried around a disc's anchor on each ring, at most. */
#define MAX_TRIES 64

typedef struct
{
  guint *disc;   /* of each node: the hub's disc, or the disc of nodes no hub reaches */
  guint *turn;   /* of each node: its place on its disc's spiral, 0 for the hub itself */
  double *inner; /* of each disc: the room its hub takes, which the spiral goes around */
  guint n_discs;
  guint *count;   /* of each disc: the nodes on its spiral */
  double spacing; /* each node of a spiral has π·spacing² of room */
} Draft;

/* A disc of the draft, where it goes. */
typedef struct
{
  double x, y, r;
} Disc;

/* Two discs and how many deals join them. */
typedef struct
{
  guint a, b;
  guint deals;
} Pair;

static int
by_degree (gconstpointer a, gconstpointer b, gpointer data)
{
  const guint *degree = data;
  guint x = *(const guint *)a, y = *(const guint *)b;

  if (degree[x] != degree[y])
    return degree[x] > degree[y] ? -1 : 1;
  return (x > y) - (x < y);
}

static int
by_value (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
  return (x > y) - (x < y);
}

/* Chooses the hubs, the most connected nodes, and which hub each other node goes around. */
static void
draft_init (Draft *draft, const KrLayoutInput *input)
{
  guint n = input->nodes->len;
  guint n_hubs = CLAMP (n / HUB_SHARE, MIN (n, 1), MAX_HUBS);
  guint head = 0, tail = 0;
  g_autofree guint *degree = g_new0 (guint, MAX (n, 1));
  g_autofree guint *first = g_new0 (guint, n + 1);
  g_autofree guint *fill = NULL;
  g_autofree guint *around = g_new (guint, MAX (2 * input->edges->len, 1));
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree guint *queue = g_new (guint, MAX (n, 1));
  double area = 0;

  for (guint i = 0; i < input->edges->len; i++)
    {
      const KrInputEdge *e = &g_array_index (input->edges, KrInputEdge, i);
      degree[e->tail]++;
      degree[e->head]++;
    }
  for (guint i = 0; i < n; i++)
    first[i + 1] = first[i] + degree[i];
  fill = g_memdup2 (first, sizeof (guint) * (n + 1));
  for (guint i = 0; i < input->edges->len; i++)
    {
      const KrInputEdge *e = &g_array_index (input->edges, KrInputEdge, i);
      around[fill[e->tail]++] = e->head;
      around[fill[e->head]++] = e->tail;
    }
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint)n, sizeof (guint), by_degree, degree);

  /* Each node goes around the hub it is nearest to, by deals: a search from all hubs at once. */
  draft->n_discs = n_hubs;
  draft->disc = g_new (guint, MAX (n, 1));
  draft->turn = g_new0 (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    draft->disc[i] = G_MAXUINT;
  for (guint k = 0; k < n_hubs; k++)
    {
      draft->disc[order[k]] = k;
      queue[tail++] = order[k];
    }
  while (head < tail)
    {
      guint v = queue[head++];

      for (guint k = first[v]; k < first[v + 1]; k++)
        if (draft->disc[around[k]] == G_MAXUINT)
          {
            draft->disc[around[k]] = draft->disc[v];
            queue[tail++] = around[k];
          }
    }
  /* Small groups that no hub reaches share one more disc, the most connected in the middle. */
  if (tail < n)
    {
      for (guint i = 0; i < n; i++)
        if (draft->disc[order[i]] == G_MAXUINT)
          {
            draft->disc[order[i]] = n_hubs;
            queue[tail++] = order[i];
          }
      draft->n_discs++;
    }
  draft->count = g_new0 (guint, draft->n_discs);
  draft->inner = g_new0 (double, draft->n_discs);
  for (guint q = n_hubs; q < n; q++)
    draft->turn[queue[q]] = ++draft->count[draft->disc[queue[q]]];
  for (guint i = 0; i < n; i++)
    {
      const KrInputNode *node = &g_array_index (input->nodes, KrInputNode, i);
      area += (node->width + GAP) * (node->height + GAP);
    }
  draft->spacing = sqrt (area / MAX (n, 1) / G_PI);
  for (guint k = 0; k < n_hubs; k++)
    {
      const KrInputNode *hub = &g_array_index (input->nodes, KrInputNode, order[k]);
      draft->inner[k] = hypot (hub->width, hub->height) / 2 + GAP;
    }
}

static void
draft_clear (Draft *draft)
{
  g_clear_pointer (&draft->disc, g_free);
  g_clear_pointer (&draft->turn, g_free);
  g_clear_pointer (&draft->inner, g_free);
  g_clear_pointer (&draft->count, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Draft, draft_clear)

/* The pairs of discs that some deal joins, each once, in order, with how many deals join them. */
static GArray *
disc_pairs (const KrLayoutInput *input, const Draft *draft)
{
  g_autoptr (GArray) joined = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (Pair));

  for (guint i = 0; i < input->edges->len; i++)
    {
      const KrInputEdge *e = &g_array_index (input->edges, KrInputEdge, i);
      guint a = MIN (draft->disc[e->tail], draft->disc[e->head]);
      guint b = MAX (draft->disc[e->tail], draft->disc[e->head]);
      guint64 pair = (guint64)a << 32 | b;

      if (a != b)
        g_array_append_val (joined, pair);
    }
  g_array_sort (joined, by_value);
  for (guint i = 0; i < joined->len; i++)
    {
      guint64 pair = g_array_index (joined, guint64, i);

      if (i > 0 && pair == g_array_index (joined, guint64, i - 1))
        g_array_index (pairs, Pair, pairs->len - 1).deals++;
      else
        {
          Pair p = { .a = (guint)(pair >> 32), .b = (guint)(pair & G_MAXUINT32), .deals = 1 };
          g_array_append_val (pairs, p);
        }
    }
  return pairs;
}

/* The discs placed so far, in a uniform grid of cells: each disc is in every cell that its
 * bounding box meets, so that two discs that overlap share a cell. */
typedef struct
{
  double cell;
  GHashTable *cells; /* cell key → GArray of guint, the discs in it */
} Grid;

static void
grid_clear (Grid *grid)
{
  g_clear_pointer (&grid->cells, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Grid, grid_clear)

static gint64
cell_of (const Grid *grid, double at)
{
  return (gint64)floor (at / grid->cell);
}

static gint64
cell_key (gint64 column, gint64 row)
{
  return (gint64)((guint64)column << 32 ^ ((guint64)row & G_MAXUINT32));
}

/* g_int64_hash folds the halves of a key together, which gives every cell of a diagonal the
 * same hash. */
static guint
cell_hash (gconstpointer key)
{
  guint64 k = *(const guint64 *)key;
  return (guint)(k >> 32) * 2654435761u + (guint)k;
}

static void
grid_add (Grid *grid, const Disc *discs, guint k)
{
  const Disc *d = &discs[k];

  for (gint64 column = cell_of (grid, d->x - d->r); column <= cell_of (grid, d->x + d->r); column++)
    for (gint64 row = cell_of (grid, d->y - d->r); row <= cell_of (grid, d->y + d->r); row++)
      {
        gint64 key = cell_key (column, row);
        GArray *in = g_hash_table_lookup (grid->cells, &key);

        if (in == NULL)
          {
            in = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_insert (grid->cells, g_memdup2 (&key, sizeof key), in);
          }
        g_array_append_val (in, k);
      }
}

/* Whether @disc stays GAP away from every disc placed. */
static gboolean
fits (const Grid *grid, const Disc *discs, const Disc *disc)
{
  double reach = disc->r + GAP;

  for (gint64 column = cell_of (grid, disc->x - reach); column <= cell_of (grid, disc->x + reach);
       column++)
    for (gint64 row = cell_of (grid, disc->y - reach); row <= cell_of (grid, disc->y + reach);
         row++)
      {
        gint64 key = cell_key (column, row);
        GArray *in = g_hash_table_lookup (grid->cells, &key);

        for (guint i = 0; in != NULL && i < in->len; i++)
          {
            const Disc *o = &discs[g_array_index (in, guint, i)];
            double room = o->r + reach;

            if ((o->x - disc->x) * (o->x - disc->x) + (o->y - disc->y) * (o->y - disc->y)
                < room * room)
              return FALSE;
          }
      }
  return TRUE;
}

typedef struct
{
  double x, y, distance;
} Place;

static int
by_distance (gconstpointer a, gconstpointer b)
{
  double x = ((const Place *)a)->distance, y = ((const Place *)b)->distance;
  return (x > y) - (x < y);
}

static int
by_size (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Puts @discs[@k] beside @anchor, touching no disc placed before it, as near (@tx, @ty) as a
 * ring of places around the anchor allows; on rings further out when the nearest is full. */
static void
put_beside (Grid *grid, Disc *discs, guint k, guint anchor, double tx, double ty)
{
  Disc *disc = &discs[k];
  const Disc *a = &discs[anchor];
  Place places[MAX_TRIES];

  /* Each ring a quarter further out than the one before, or at least the disc's width: a
   * small disc by a large crowded one finds room in a few rings, not hundreds. */
  for (double d = a->r + disc->r + GAP;; d += MAX (disc->r + GAP, (d - a->r) / 4))
    {
      guint n = (guint)CLAMP (ceil (2 * G_PI * d / (disc->r + GAP)), 6, MAX_TRIES);

      for (guint i = 0; i < n; i++)
        {
          double angle = 2 * G_PI * i / n;
          double x = a->x + d * cos (angle), y = a->y + d * sin (angle);

          places[i] = (Place){ x, y, (x - tx) * (x - tx) + (y - ty) * (y - ty) };
        }
      qsort (places, n, sizeof (Place), by_distance);
      for (guint i = 0; i < n; i++)
        {
          disc->x = places[i].x;
          disc->y = places[i].y;
          if (fits (grid, discs, disc))
            {
              grid_add (grid, discs, k);
              return;
            }
        }
    }
}

/* Places the discs, the most connected hub's first, each beside the disc placed before it that
 * most deals join it to, towards the others it is joined to: those that deal with each other
 * end up together, and no two discs overlap. A disc joined to none placed before it goes beside
 * the last such disc, towards the first, so that they gather. In time linear in the pairs, but
 * for the search of free room, among at most MAX_HUBS discs. */
static Disc *
place_discs (const Draft *draft, const GArray *pairs)
{
  guint n = draft->n_discs, alone = 0;
  Disc *discs = g_new0 (Disc, MAX (n, 1));
  g_autofree guint *first = g_new0 (guint, n + 1);
  g_autofree guint *fill = NULL;
  g_autofree guint *partner = g_new (guint, MAX (2 * pairs->len, 1));
  g_autofree double *radii = g_new (double, MAX (n, 1));
  g_auto (Grid) grid = { 0 };

  if (n == 0)
    return discs;
  /* Each disc takes a little more room than its spiral: the neighbourhoods stand apart. */
  for (guint k = 0; k < n; k++)
    discs[k].r = radii[k] = ROOM
                            * sqrt (draft->inner[k] * draft->inner[k]
                                    + draft->spacing * draft->spacing * (draft->count[k] + 1));
  /* Cells as large as most discs: a disc then meets a few cells, and a cell holds a few. */
  qsort (radii, n, sizeof (double), by_size);
  grid.cell = 2 * (radii[n / 2] + GAP);
  grid.cells
      = g_hash_table_new_full (cell_hash, g_int64_equal, g_free, (GDestroyNotify)g_array_unref);
  grid_add (&grid, discs, 0);
  for (guint i = 0; i < pairs->len; i++)
    {
      const Pair *p = &g_array_index (pairs, Pair, i);
      first[p->a + 1]++;
      first[p->b + 1]++;
    }
  for (guint k = 0; k < n; k++)
    first[k + 1] += first[k];
  fill = g_memdup2 (first, sizeof (guint) * (n + 1));
  for (guint i = 0; i < pairs->len; i++)
    {
      const Pair *p = &g_array_index (pairs, Pair, i);
      partner[fill[p->a]++] = i;
      partner[fill[p->b]++] = i;
    }
  for (guint k = 1; k < n; k++)
    {
      guint anchor = G_MAXUINT, strongest = 0, weight = 0;
      double tx = 0, ty = 0;

      for (guint j = first[k]; j < first[k + 1]; j++)
        {
          const Pair *p = &g_array_index (pairs, Pair, partner[j]);
          guint other = p->a == k ? p->b : p->a;

          if (other > k)
            continue;
          if (p->deals > strongest)
            anchor = other, strongest = p->deals;
          tx += discs[other].x * p->deals;
          ty += discs[other].y * p->deals;
          weight += p->deals;
        }
      if (anchor == G_MAXUINT)
        {
          put_beside (&grid, discs, k, alone, discs[0].x, discs[0].y);
          alone = k;
        }
      else
        put_beside (&grid, discs, k, anchor, tx / weight, ty / weight);
    }
  return discs;
}

KrPoint *
kr_draft_outline (KrGvShape shape, double w, double h, guint *n)
{
  static const KrPoint hexagon[]
      = { { 0.5, 0 }, { 0.25, 0.5 }, { -0.25, 0.5 }, { -0.5, 0 }, { -0.25, -0.5 }, { 0.25, -0.5 } };
  static const KrPoint house[]
      = { { 0.5, 0.5 }, { -0.5, 0.5 }, { -0.5, -0.1 }, { 0, -0.5 }, { 0.5, -0.1 } };
  static const KrPoint octagon[] = { { 0.5, 0.2 },   { 0.2, 0.5 },   { -0.2, 0.5 }, { -0.5, 0.2 },
                                     { -0.5, -0.2 }, { -0.2, -0.5 }, { 0.2, -0.5 }, { 0.5, -0.2 } };
  static const KrPoint parallelogram[]
      = { { 0.375, 0.5 }, { -0.5, 0.5 }, { -0.375, -0.5 }, { 0.5, -0.5 } };
  static const KrPoint diamond[] = { { 0.5, 0 }, { 0, 0.5 }, { -0.5, 0 }, { 0, -0.5 } };
  const KrPoint *unit;
  KrPoint *vertices;

  switch (shape)
    {
    case KR_GV_HEXAGON:
      unit = hexagon, *n = G_N_ELEMENTS (hexagon);
      break;
    case KR_GV_HOUSE:
      unit = house, *n = G_N_ELEMENTS (house);
      break;
    case KR_GV_OCTAGON:
      unit = octagon, *n = G_N_ELEMENTS (octagon);
      break;
    case KR_GV_PARALLELOGRAM:
      unit = parallelogram, *n = G_N_ELEMENTS (parallelogram);
      break;
    case KR_GV_DIAMOND:
      unit = diamond, *n = G_N_ELEMENTS (diamond);
      break;
    case KR_GV_BOX:
    case KR_GV_ELLIPSE:
    case KR_N_GV_SHAPES:
    default:
      *n = 0;
      return NULL;
    }
  vertices = g_new (KrPoint, *n);
  for (guint i = 0; i < *n; i++)
    vertices[i] = (KrPoint){ unit[i].x * w, unit[i].y * h };
  return vertices;
}

/* How far from its centre a line in direction (@dx, @dy), of length 1, leaves @node's box. */
static double
leaves_at (const KrInputNode *node, double dx, double dy)
{
  double x = fabs (dx) > 1e-9 ? node->width / 2 / fabs (dx) : G_MAXDOUBLE;
  double y = fabs (dy) > 1e-9 ? node->height / 2 / fabs (dy) : G_MAXDOUBLE;
  return MIN (x, y);
}

void
kr_draft_line (KrPoint a, KrPoint b, gboolean directed, KrOutputEdge *out)
{
  double length = hypot (b.x - a.x, b.y - a.y);

  if (directed && length > 2 * ARROW_LENGTH)
    {
      KrPoint base = { b.x - (b.x - a.x) / length * ARROW_LENGTH,
                       b.y - (b.y - a.y) / length * ARROW_LENGTH };
      out->arrow_end = (KrArrow){ TRUE, base, b };
      b = base;
    }
  out->n_points = 4;
  out->points = g_new (KrPoint, 4);
  for (int i = 0; i < 4; i++)
    out->points[i] = (KrPoint){ a.x + (b.x - a.x) * i / 3.0, a.y + (b.y - a.y) * i / 3.0 };
}

/* A straight line from box to box, with its arrowhead when it has one. */
static void
straight_edge (const KrInputEdge *e, const KrInputNode *tail, const KrInputNode *head,
               const KrOutputNode *from, const KrOutputNode *to, KrOutputEdge *out)
{
  double dx = to->x - from->x, dy = to->y - from->y, length = hypot (dx, dy);
  KrPoint a = { from->x, from->y }, b = { to->x, to->y };

  if (length > 1e-6)
    {
      double start = MIN (leaves_at (tail, dx / length, dy / length), length / 2);
      double end = length - MIN (leaves_at (head, dx / length, dy / length), length / 2);

      a = (KrPoint){ from->x + dx / length * start, from->y + dy / length * start };
      b = (KrPoint){ from->x + dx / length * end, from->y + dy / length * end };
    }
  kr_draft_line (a, b, e->directed, out);
}

/* Each node on the spiral of its disc. */
static KrLayoutOutput *
place_nodes (const Draft *draft, const KrLayoutInput *input, const Disc *discs)
{
  KrLayoutOutput *output;
  double left = G_MAXDOUBLE, top = G_MAXDOUBLE, right = -G_MAXDOUBLE, bottom = -G_MAXDOUBLE;

  output = kr_layout_output_new (0, 0);
  g_array_set_size (output->nodes, input->nodes->len);
  for (guint i = 0; i < input->nodes->len; i++)
    {
      const KrInputNode *in = &g_array_index (input->nodes, KrInputNode, i);
      const Disc *centre = &discs[draft->disc[i]];
      KrOutputNode *on = &g_array_index (output->nodes, KrOutputNode, i);
      guint turn = draft->turn[i];
      double inner = draft->inner[draft->disc[i]];
      double r = turn ? sqrt (inner * inner + draft->spacing * draft->spacing * turn) : 0;

      on->x = centre->x + r * cos (turn * GOLDEN_ANGLE);
      on->y = centre->y + r * sin (turn * GOLDEN_ANGLE);
      on->vertices = kr_draft_outline (in->gv_shape, in->width, in->height, &on->n_vertices);
      left = MIN (left, on->x - in->width / 2);
      right = MAX (right, on->x + in->width / 2);
      top = MIN (top, on->y - in->height / 2);
      bottom = MAX (bottom, on->y + in->height / 2);
    }
  g_array_set_size (output->edges, input->edges->len);
  for (guint i = 0; i < input->edges->len; i++)
    {
      const KrInputEdge *e = &g_array_index (input->edges, KrInputEdge, i);

      straight_edge (e, &g_array_index (input->nodes, KrInputNode, e->tail),
                     &g_array_index (input->nodes, KrInputNode, e->head),
                     &g_array_index (output->nodes, KrOutputNode, e->tail),
                     &g_array_index (output->nodes, KrOutputNode, e->head),
                     &g_array_index (output->edges, KrOutputEdge, i));
    }
  if (input->nodes->len == 0)
    left = top = right = bottom = 0;
  kr_layout_output_translate (output, KR_SCENE_MARGIN - left, KR_SCENE_MARGIN - top);
  output->width = right - left + 2 * KR_SCENE_MARGIN;
  output->height = bottom - top + 2 * KR_SCENE_MARGIN;
  return output;
}

KrLayoutOutput *
kr_draft_layout (const KrLayoutInput *input)
{
  g_auto (Draft) draft = { 0 };
  g_autoptr (GArray) pairs = NULL;
  g_autofree Disc *discs = NULL;

  g_return_val_if_fail (input != NULL, NULL);

  draft_init (&draft, input);
  pairs = disc_pairs (input, &draft);
  discs = place_discs (&draft, pairs);
  return place_nodes (&draft, input, discs);
}
