/* kr-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kr-dataset-queries.h"
#include "kr-format.h"

/* The currencies written with a symbol in front of the amount when abbreviated. */
static const struct
{
  const char *code;
  const char *symbol;
} symbols[] = {
  { "USD", "$" },
  { "EUR", "€" },
  { "GBP", "£" },
  { "JPY", "¥" },
};

/* The amount in the largest unit it reaches, in words ("4.9 billion") or abbreviated ("4.9 bn"). */
static char *
format_amount (double v, gboolean abbreviated)
{
  /* Translators: how your language groups the digits of large amounts. Keep "thousands" to
   * write them in millions and billions; write "myriads" (in English) if it counts in units of
   * ten thousand, such as 万, 億 and 兆 in Japanese. */
  gboolean myriads = g_str_equal (C_ ("number grouping", "thousands"), "myriads");

  if (v >= 1e12)
    return g_strdup_printf (abbreviated ? _ ("%.3g tn") : _ ("%.4g trillion"), v / 1e12);
  if (myriads && v >= 1e8)
    return g_strdup_printf (abbreviated ? C_ ("abbreviated amount", "%.3g hundred million")
                                        : _ ("%.4g hundred million"),
                            v / 1e8);
  if (myriads && v >= 1e4)
    return g_strdup_printf (abbreviated ? C_ ("abbreviated amount", "%.3g ten thousand")
                                        : _ ("%.4g ten thousand"),
                            v / 1e4);
  if (!myriads && v >= 1e9)
    return g_strdup_printf (abbreviated ? _ ("%.3g bn") : _ ("%.4g billion"), v / 1e9);
  if (!myriads && v >= 1e6)
    return g_strdup_printf (abbreviated ? _ ("%.3g m") : _ ("%.4g million"), v / 1e6);
  return g_strdup_printf ("%.0f", v);
}

char *
kr_format_money (const KrDeal *d)
{
  g_autofree char *amount = NULL;

  g_return_val_if_fail (d != NULL && d->has_value, NULL);

  amount = format_amount (d->value_amount, FALSE);
  /* Translators: "about 5 billion USD" */
  return d->value_approximate ? g_strdup_printf (_ ("about %s %s"), amount, d->value_currency)
                              : g_strdup_printf ("%s %s", amount, d->value_currency);
}

char *
kr_format_money_short (const KrDeal *d)
{
  g_autofree char *amount = NULL;
  g_autofree char *money = NULL;

  g_return_val_if_fail (d != NULL && d->has_value, NULL);

  amount = format_amount (d->value_amount, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (symbols) && money == NULL; i++)
    if (g_str_equal (d->value_currency, symbols[i].code))
      /* Translators: an abbreviated amount of money with its currency's symbol, as in "$7 bn":
       * the symbol, then the amount. Write "%2$s %1$s" to put the symbol after the amount. */
      money = g_strdup_printf (C_ ("money", "%s%s"), symbols[i].symbol, amount);
  if (money == NULL)
    /* Translators: an abbreviated amount of money with its currency's code, as in "4.9 bn CNY" */
    money = g_strdup_printf (C_ ("money", "%s %s"), amount, d->value_currency);
  /* Translators: an abbreviated amount of money that is approximate, as in "~$7 bn" */
  return d->value_approximate ? g_strdup_printf (C_ ("money", "~%s"), money)
                              : g_steal_pointer (&money);
}

gboolean
kr_deal_has_stake (const KrDeal *d)
{
  g_return_val_if_fail (d != NULL, FALSE);
  return !isnan (d->stake_before) || !isnan (d->stake_after);
}

char *
kr_format_stake (const KrDeal *d)
{
  g_return_val_if_fail (d != NULL && kr_deal_has_stake (d), NULL);

  if (!isnan (d->stake_before) && !isnan (d->stake_after))
    return g_strdup_printf ("%g %% → %g %%", d->stake_before, d->stake_after);
  if (!isnan (d->stake_after))
    return g_strdup_printf ("%g %%", d->stake_after);
  return g_strdup_printf (_ ("%g %% before"), d->stake_before);
}

char *
kr_format_entity_kind (const KrEntity *e)
{
  g_return_val_if_fail (e != NULL, NULL);

  if (e->country == NULL)
    return g_strdup (kr_entity_kind_label (e->kind));
  return g_strdup_printf ("%s · %s", kr_entity_kind_label (e->kind), e->country);
}

char *
kr_format_deal_kind (const KrDeal *d)
{
  g_return_val_if_fail (d != NULL, NULL);
  return g_strdup_printf ("%s · %s", kr_deal_kind_label (d->kind), kr_status_label (d->status));
}

char *
kr_format_link_label (const KrDeal *d)
{
  g_autofree char *figure = NULL;

  g_return_val_if_fail (d != NULL, NULL);

  if (kr_deal_has_stake (d))
    figure = kr_format_stake (d);
  else if (d->has_value)
    figure = kr_format_money_short (d);
  if (figure == NULL)
    return g_strdup (kr_deal_kind_link_label (d->kind));
  /* Translators: a deal's key figure and its kind, on the map's line, as in "43 % → 15 % stake"
   * or "$7 bn acquisition"; write "%2$s %1$s" to name the kind first */
  return g_strdup_printf (C_ ("link label", "%s %s"), figure, kr_deal_kind_link_label (d->kind));
}

static void
clear_fact (gpointer data)
{
  g_clear_pointer (&((KrFact *)data)->value, g_free);
}

static GArray *
fact_array (void)
{
  GArray *facts = g_array_new (FALSE, TRUE, sizeof (KrFact));

  g_array_set_clear_func (facts, clear_fact);
  return facts;
}

static void
add_fact (GArray *facts, const char *key, char *value)
{
  KrFact fact = { key, value };
  g_array_append_val (facts, fact);
}

static char *
count_articles (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", n), n);
}

GArray *
kr_format_deal_facts (const KrDeal *d, gboolean abbreviated)
{
  GArray *facts;

  g_return_val_if_fail (d != NULL, NULL);

  facts = fact_array ();
  if (d->date)
    add_fact (facts, _ ("Date"), g_strdup (d->date));
  if (d->expected)
    add_fact (facts, _ ("Expected"), g_strdup (d->expected));
  if (d->end)
    add_fact (facts, _ ("Ended"), g_strdup (d->end));
  if (d->has_value)
    add_fact (facts, _ ("Value"), abbreviated ? kr_format_money_short (d) : kr_format_money (d));
  if (kr_deal_has_stake (d))
    add_fact (facts, _ ("Stake"), kr_format_stake (d));
  add_fact (facts, _ ("Sources"), count_articles (kr_deal_count_sources (d)));
  return facts;
}

GArray *
kr_format_entity_facts (KrDataset *dataset, guint entity)
{
  g_autoptr (GArray) deals = NULL;
  GArray *facts;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (entity < kr_dataset_get_n_entities (dataset), NULL);

  deals = kr_dataset_list_entity_deals (dataset, entity);
  facts = fact_array ();
  add_fact (facts, _ ("Deals"), g_strdup_printf ("%u", deals->len));
  add_fact (facts, _ ("Sources"),
            count_articles (kr_dataset_count_entity_articles (dataset, entity)));
  return facts;
}

char *
kr_format_duration (guint seconds)
{
  if (seconds < 60)
    /* Translators: a time taken, in seconds */
    return g_strdup_printf (_ ("%u s"), seconds);
  /* Translators: a time taken, in minutes and seconds */
  return g_strdup_printf (_ ("%u min %02u s"), seconds / 60, seconds % 60);
}
