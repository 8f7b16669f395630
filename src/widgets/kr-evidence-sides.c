/* kr-evidence-sides.c
 *
 * A panel is often too narrow for two columns of excerpts, and a deal can have nine that
 * support it and one that disputes it: one below the other, the dispute would come last, after
 * screens of agreement. So in one column it comes right after the first supporting excerpt.
 * The widget lays its children out itself, because which column a child goes to, and which
 * heading is shown, depends on the width it is given.
 *
 * The children are kept in the order of the single column (the order a screen reader reads
 * them in): the supports heading, the first supporting card, the disputes heading and cards,
 * the "more" heading and the other supporting cards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-evidence-sides"

#include "config.h"

#include "kr-evidence-sides.h"

/* The narrowest a column may be for the two sides to stand next to each other: an excerpt
 * still reads as prose, some 30 characters a line, as its card asks. */
#define COLUMN_WIDTH 280
#define COLUMN_SPACING 12
#define ROW_SPACING 6
/* Before the heading of a group that follows another. */
#define GROUP_SPACING 12

struct _KrEvidenceSides
{
  GtkWidget parent_instance;

  GtkWidget *supports_heading;
  GtkWidget *disputes_heading;
  GtkWidget *more_heading;
  GPtrArray *supporting; /* cards, in order; the widget's children own them */
  GPtrArray *disputing;
};

G_DEFINE_FINAL_TYPE (KrEvidenceSides, kr_evidence_sides, GTK_TYPE_WIDGET)

/* The width of the widest child, at least and at best. */
static void
measure_widest (GtkWidget *widget, int *minimum, int *natural)
{
  *minimum = *natural = 0;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      int child_minimum, child_natural;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, &child_natural, NULL,
                          NULL);
      *minimum = MAX (*minimum, child_minimum);
      *natural = MAX (*natural, child_natural);
    }
}

/* Whether @width holds two columns, each as wide as the widest child needs and COLUMN_WIDTH. */
static gboolean
is_wide (KrEvidenceSides *self, int width)
{
  int widest, natural;

  if (self->supporting->len == 0 || self->disputing->len == 0)
    return FALSE;
  measure_widest (GTK_WIDGET (self), &widest, &natural);
  return width >= 2 * MAX (widest, COLUMN_WIDTH) + COLUMN_SPACING;
}

/* A column being filled: where it is in a widget @total wide, the height filled so far, and
 * whether to allocate the children placed in it or only to measure them. */
typedef struct
{
  GtkWidget *parent;
  int total;
  int x;
  int width;
  int y;
  gboolean started;
  gboolean allocate;
} Column;

/* Places @child below what is in @column, @spacing below it. */
static void
place (Column *column, GtkWidget *child, int spacing)
{
  int height;

  if (column->started)
    column->y += spacing;
  column->started = TRUE;
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, column->width, NULL, &height, NULL, NULL);
  if (column->allocate)
    {
      int x = column->x;
      if (gtk_widget_get_direction (column->parent) == GTK_TEXT_DIR_RTL)
        x = column->total - column->x - column->width;
      gtk_widget_size_allocate (child, &(GtkAllocation){ x, column->y, column->width, height }, -1);
    }
  column->y += height;
}

/* Places @heading and the cards from @from to @to (excluded), when there are any. */
static void
place_group (Column *column, GtkWidget *heading, GPtrArray *cards, guint from, guint to)
{
  to = MIN (to, cards->len);
  if (from >= to)
    return;
  place (column, heading, GROUP_SPACING);
  for (guint i = from; i < to; i++)
    place (column, cards->pdata[i], ROW_SPACING);
}

/* Lays the children out in @width and returns the height they take; allocates them when
 * @allocate. */
static int
lay_out (KrEvidenceSides *self, int width, gboolean allocate)
{
  Column left
      = { .parent = GTK_WIDGET (self), .total = width, .width = width, .allocate = allocate };
  Column right;

  if (!is_wide (self, width))
    {
      place_group (&left, self->supports_heading, self->supporting, 0, 1);
      place_group (&left, self->disputes_heading, self->disputing, 0, G_MAXUINT);
      place_group (&left, self->more_heading, self->supporting, 1, G_MAXUINT);
      return left.y;
    }
  left.width = (width - COLUMN_SPACING) / 2;
  right = left;
  right.x = left.width + COLUMN_SPACING;
  right.width = width - right.x;
  /* Side by side, the supporting excerpts are one list under one heading. */
  place_group (&left, self->supports_heading, self->supporting, 0, G_MAXUINT);
  place_group (&right, self->disputes_heading, self->disputing, 0, G_MAXUINT);
  return MAX (left.y, right.y);
}

static GtkSizeRequestMode
kr_evidence_sides_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kr_evidence_sides_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                           int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  int width, unused;

  /* Across, what one column needs: a wider panel may hold two. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_widest (widget, minimum, natural);
      return;
    }
  if (for_size >= 0)
    width = for_size;
  else
    measure_widest (widget, &width, &unused);
  *minimum = *natural = lay_out (KR_EVIDENCE_SIDES (widget), width, FALSE);
}

static void
kr_evidence_sides_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  KrEvidenceSides *self = KR_EVIDENCE_SIDES (widget);

  /* The rest of the support has a heading of its own only below what disputes it. */
  gtk_widget_set_child_visible (self->more_heading, !is_wide (self, width));
  lay_out (self, width, TRUE);
}

void
kr_evidence_sides_append (KrEvidenceSides *self, GtkWidget *card, KrStance stance)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_return_if_fail (KR_IS_EVIDENCE_SIDES (self));
  g_return_if_fail (GTK_IS_WIDGET (card));

  if (stance != KR_STANCE_SUPPORTS)
    {
      gtk_widget_insert_before (card, widget, self->more_heading);
      g_ptr_array_add (self->disputing, card);
      gtk_widget_set_visible (self->disputes_heading, TRUE);
    }
  else if (self->supporting->len == 0)
    {
      gtk_widget_insert_after (card, widget, self->supports_heading);
      g_ptr_array_add (self->supporting, card);
      gtk_widget_set_visible (self->supports_heading, TRUE);
    }
  else
    {
      gtk_widget_insert_before (card, widget, NULL);
      g_ptr_array_add (self->supporting, card);
      gtk_widget_set_visible (self->more_heading, TRUE);
    }
}

static void
kr_evidence_sides_dispose (GObject *object)
{
  KrEvidenceSides *self = KR_EVIDENCE_SIDES (object);
  GtkWidget *child;

  g_ptr_array_set_size (self->supporting, 0);
  g_ptr_array_set_size (self->disputing, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), KR_TYPE_EVIDENCE_SIDES);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kr_evidence_sides_parent_class)->dispose (object);
}

static void
kr_evidence_sides_finalize (GObject *object)
{
  KrEvidenceSides *self = KR_EVIDENCE_SIDES (object);

  g_ptr_array_unref (self->supporting);
  g_ptr_array_unref (self->disputing);
  G_OBJECT_CLASS (kr_evidence_sides_parent_class)->finalize (object);
}

static void
kr_evidence_sides_class_init (KrEvidenceSidesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kr_evidence_sides_dispose;
  object_class->finalize = kr_evidence_sides_finalize;
  widget_class->get_request_mode = kr_evidence_sides_get_request_mode;
  widget_class->measure = kr_evidence_sides_measure;
  widget_class->size_allocate = kr_evidence_sides_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/kr-evidence-sides.ui");
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceSides, supports_heading);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceSides, disputes_heading);
  gtk_widget_class_bind_template_child (widget_class, KrEvidenceSides, more_heading);
  gtk_widget_class_set_css_name (widget_class, "evidencesides");
}

static void
kr_evidence_sides_init (KrEvidenceSides *self)
{
  self->supporting = g_ptr_array_new ();
  self->disputing = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kr_evidence_sides_new (void)
{
  return g_object_new (KR_TYPE_EVIDENCE_SIDES, NULL);
}
