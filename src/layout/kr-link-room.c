/* kr-link-room.c — link labels kept off the entities, whatever Graphviz did with them
 *
 * Graphviz places the labels of deals (xlabels, and dot's edge labels) where they cover no
 * node. Graphviz 14 places some over an entity all the same, with dot and still more with
 * neato, where 2.42 found each a free place: so every label is checked here, and one over an
 * entity tries the places around its hub, or the middle of its line, in rings of growing
 * distance, as Graphviz tries the places around a node.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-link-room"

#include "config.h"

#include "kr-link-room.h"

/* How far from its anchor a label may be moved: in rings, each a label's height further. */
#define N_RINGS 4

typedef struct
{
  gboolean *placed;
  KrPoint *centre;
  const KrInputLink *link;
  KrRect anchor; /* its hub, or the middle of its line */
} Label;

/* Graphviz rounds a label's room to whole points: a label may touch an entity by a point. */
static gboolean
covers (const KrRect *a, const KrRect *b)
{
  return a->x < b->x + b->width - 1 && b->x < a->x + a->width - 1 && a->y < b->y + b->height - 1
         && b->y < a->y + a->height - 1;
}

static KrRect
centred (KrPoint centre, double width, double height)
{
  return (KrRect){ centre.x - width / 2, centre.y - height / 2, width, height };
}

/* Whether a label of @link's size centred at @at stays inside the scene, off every entity and
 * off every other placed label than @self. */
static gboolean
is_free (const KrLayoutInput *input, const KrLayoutOutput *output, const GArray *labels,
         const Label *self, KrPoint at)
{
  KrRect r = centred (at, self->link->width, self->link->height);

  if (r.x < 0 || r.y < 0 || r.x + r.width > output->width || r.y + r.height > output->height)
    return FALSE;
  for (guint i = 0; i < input->nodes->len; i++)
    {
      const KrInputNode *in = &g_array_index (input->nodes, KrInputNode, i);
      const KrOutputNode *on = &g_array_index (output->nodes, KrOutputNode, i);
      KrRect box = centred ((KrPoint){ on->x, on->y }, in->width, in->height);

      if (in->type == KR_SCENE_NODE_ENTITY && covers (&r, &box))
        return FALSE;
    }
  for (guint i = 0; i < labels->len; i++)
    {
      const Label *other = &g_array_index (labels, Label, i);
      KrRect box;

      if (other == self || !*other->placed)
        continue;
      box = centred (*other->centre, other->link->width, other->link->height);
      if (covers (&r, &box))
        return FALSE;
    }
  return TRUE;
}

/* The point halfway along a line of cubic Bézier pieces, near enough. */
static KrPoint
line_middle (const KrOutputEdge *oe)
{
  guint pieces = (oe->n_points - 1) / 3;
  const KrPoint *p = oe->points + 3 * (pieces / 2);

  if (pieces % 2 == 0)
    return p[0];
  return (KrPoint){ (p[0].x + 3 * p[1].x + 3 * p[2].x + p[3].x) / 8,
                    (p[0].y + 3 * p[1].y + 3 * p[2].y + p[3].y) / 8 };
}

/* Beside @anchor (a hub's box, or the middle of a line, of no size), nearest first: left,
 * right, above and below, then the corners. */
static gboolean
find_room (const KrLayoutInput *input, const KrLayoutOutput *output, const GArray *labels,
           const Label *self)
{
  KrRect anchor = self->anchor;
  static const int sides[][2]
      = { { -1, 0 }, { 1, 0 }, { 0, -1 }, { 0, 1 }, { -1, -1 }, { 1, -1 }, { -1, 1 }, { 1, 1 } };
  KrPoint middle = { anchor.x + anchor.width / 2, anchor.y + anchor.height / 2 };

  for (int ring = 0; ring < N_RINGS; ring++)
    {
      double gap = ring * self->link->height;
      double dx = (anchor.width + self->link->width) / 2 + gap;
      double dy = (anchor.height + self->link->height) / 2 + gap;

      for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
        {
          KrPoint at = { middle.x + sides[i][0] * dx, middle.y + sides[i][1] * dy };

          if (is_free (input, output, labels, self, at))
            {
              *self->centre = at;
              return TRUE;
            }
        }
    }
  return FALSE;
}

void
kr_link_room_clear (const KrLayoutInput *input, KrLayoutOutput *output)
{
  g_autoptr (GArray) labels = g_array_new (FALSE, FALSE, sizeof (Label));

  for (guint i = 0; i < output->nodes->len; i++)
    {
      KrOutputNode *on = &g_array_index (output->nodes, KrOutputNode, i);

      const KrInputNode *in = &g_array_index (input->nodes, KrInputNode, i);

      if (on->has_link)
        g_array_append_val (
            labels, ((Label){ &on->has_link, &on->link, &in->link,
                              centred ((KrPoint){ on->x, on->y }, in->width, in->height) }));
    }
  for (guint i = 0; i < output->edges->len; i++)
    {
      KrOutputEdge *oe = &g_array_index (output->edges, KrOutputEdge, i);

      if (oe->has_link)
        g_array_append_val (labels, ((Label){ &oe->has_link, &oe->link,
                                              &g_array_index (input->edges, KrInputEdge, i).link,
                                              centred (line_middle (oe), 0, 0) }));
    }
  for (guint i = 0; i < labels->len; i++)
    {
      const Label *label = &g_array_index (labels, Label, i);

      if (is_free (input, output, labels, label, *label->centre))
        continue;
      *label->placed = find_room (input, output, labels, label);
    }
}
