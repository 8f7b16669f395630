#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the built-in dataset claims no more than its articles say.

Usage: check-builtin-claims.py DATASET SEEDS_DIR

check-builtin-quotes.py checks that every excerpt is verbatim in its article; this script
checks what the dataset builds on the excerpts, wherever a rule can be checked by reading:

- a deal is `completed` only if one of its excerpts says so in words of completion (not "will
  be completed"), and a relationship that lasts (ownership, joint venture, alliance,
  leadership) is never `completed`: it is in force or it ended;
- a `proposed` deal names who proposed it;
- each date of a deal (`date`, `end`, `expected`) is a bare year that one of its excerpts
  states, or the deal's note names it ("2023", "June 2023") and says how it was dated
  ("Dated …", "as of", "expected", "end"): a date worked out from an article's own date,
  itself inferred, is not what the article says;
- an article whose date is inferred says in its note how it was dated;
- a deal that an excerpt contradicts or qualifies has an excerpt that supports it, so that
  the disagreement shows both sides;
- every entity takes part in a deal (as a party or as the one who proposed it);
- what a summary, description or note puts in quotation marks is in the articles the record
  cites; an excerpt that is an article's headline says so in its note, and a note that begins
  "Headline" is on the headline; an excerpt from the reader comments below an article says so
  in its note, no other excerpt does, and a deal that rests on comments alone says so in its
  own note;
- an article's title and author are printed in its copy, and its publisher (unless
  "Unknown") above the headline;
- an excerpt's double quotation marks come in pairs, so that no card shows a stray mark: the
  panel adds none to an excerpt that opens or closes with one of its own.

Exit status: 0 when everything checks out, 1 on any failure, 77 (skip) when SEEDS_DIR does
not exist.
"""

import json
import os
import re
import sys

from builtin_seeds import SEED_RE, main, squash

# Where the reader comments below an article begin, e.g. '3 Comments on "Title"'.
COMMENTS_RE = re.compile(r"^\d+ Comments on ", re.M)
QUOTED_RE = re.compile(r'"([^"]+)"|“([^”]+)”')
COMPLETION_RE = re.compile(
    r"\b(completed|finali[sz]ed|closed|concluded|presented|past events?)\b", re.I)
NOT_YET_RE = re.compile(r"\b(will|would|shall|could|may|might|to)\s+be\s+$", re.I)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
LASTING = {"ownership", "joint_venture", "alliance", "leadership"}
# How a note says where each date of a deal comes from.
DATING_RE = {
    "date": re.compile(r"\b(dated|as of)\b", re.I),
    "end": re.compile(r"\b(end|ends|ended)\b", re.I),
    "expected": re.compile(r"\bexpect(ed|s)?\b", re.I),
}


def says_completed(quote):
    for m in COMPLETION_RE.finditer(quote):
        if not NOT_YET_RE.search(quote[: m.start()]):
            return True
    return False


def marks_paired(quote):
    if quote.count('"') % 2:
        return False
    inside = False
    for c in quote:
        if c == "“":
            if inside:
                return False
            inside = True
        elif c == "”":
            if not inside:
                return False
            inside = False
    return not inside


class Seed:
    def __init__(self, raw):
        self.text = squash(raw)
        self.folded = self.text.casefold()
        m = COMMENTS_RE.search(raw)
        self.comments_at = len(squash(raw[: m.start()])) if m else None

    def in_comments(self, quote):
        """Whether every occurrence of @quote is below the comments' heading."""
        if self.comments_at is None:
            return False
        at = self.text.find(squash(quote))
        return at >= self.comments_at


class Checker:
    def __init__(self, dataset_path, seeds_dir):
        self.dataset_path = dataset_path
        self.seeds_dir = seeds_dir
        self.failures = 0
        self.checked = 0
        self.record = None  # the id of the record being checked

    def fail(self, path, message):
        self.failures += 1
        print(f"{self.dataset_path}:{path}: {self.record}: {message}")

    def check(self, ok, path, message):
        self.checked += 1
        if not ok:
            self.fail(path, message)

    def load(self):
        with open(self.dataset_path, encoding="utf-8") as f:
            data = json.load(f)
        self.articles = {a["id"]: a for a in data["articles"]}
        self.seeds = {}
        for a in data["articles"]:
            m = SEED_RE.search(a.get("note", ""))
            if m is None:
                continue
            with open(os.path.join(self.seeds_dir, m.group(1)), encoding="utf-8") as f:
                self.seeds[a["id"]] = Seed(f.read())
        return data

    def check_quoted(self, text, article_ids, path):
        """What @text puts in quotation marks is in one of the articles @article_ids."""
        for m in QUOTED_RE.finditer(text):
            phrase = squash(m.group(1) or m.group(2)).casefold()
            found = any(phrase in self.seeds[a].folded for a in article_ids if a in self.seeds)
            self.check(found, path, f'quotes "{phrase}", which none of its articles says')

    def check_evidence(self, evidence, article_ids, path):
        for j, ev in enumerate(evidence):
            epath = f"{path}.evidence[{j}]"
            quote, note = ev["quote"], ev.get("note", "")
            article = self.articles[ev["article"]]
            seed = self.seeds.get(ev["article"])
            self.check(marks_paired(quote), f"{epath}.quote",
                       "its quotation marks do not pair up: cut it where a quotation starts or ends")
            self.check_quoted(note, article_ids, f"{epath}.note")
            is_headline = squash(quote) == squash(article["title"])
            if is_headline:
                self.check("headline" in note.casefold(), f"{epath}.note",
                           "the excerpt is the headline and its note does not say so")
            if note.startswith("Headline"):
                self.check(is_headline, f"{epath}.note", "calls the excerpt a headline, which it is not")
            if seed is not None:
                comment = seed.in_comments(quote)
                says_comment = "reader comment" in note.casefold()
                self.check(comment == says_comment, f"{epath}.note",
                           "the excerpt is from the reader comments and its note does not say so"
                           if comment else "calls the excerpt a reader comment, which it is not")

    def check_articles(self, articles):
        for i, a in enumerate(articles):
            path = f"$.articles[{i}]"
            self.record = a["id"]
            seed = self.seeds.get(a["id"])
            note = a.get("note", "")
            if a.get("date_inferred"):
                self.check("Dated" in note and a.get("date", "")[:4] in note, f"{path}.note",
                           "the date is inferred and the note does not say how")
            if seed is None:
                self.fail(f"{path}.note", "names no readable seed")
                continue
            self.check(squash(a["title"]) in seed.text, f"{path}.title", "not printed in the copy")
            if a["publisher"] != "Unknown":
                # Where a copy names its publisher, it is the masthead above the headline: a name
                # further down (an author's other outlets, a source) is not the publisher.
                masthead = seed.text[: max(seed.text.find(squash(a["title"])), 0)]
                self.check(a["publisher"] in masthead, f"{path}.publisher",
                           "not printed above the headline")
            if "author" in a:
                self.check(a["author"] in seed.text, f"{path}.author", "not printed in the copy")
            self.check_quoted(note, [a["id"]], f"{path}.note")

    def check_entities(self, entities, deals):
        in_deals = set()
        for deal in deals:
            in_deals.update(p["entity"] for p in deal["parties"])
            in_deals.update(deal.get("proposed_by", []))
        for i, e in enumerate(entities):
            path = f"$.entities[{i}]"
            self.record = e["id"]
            evidence = e.get("evidence", [])
            article_ids = {ev["article"] for ev in evidence}
            self.check(e["id"] in in_deals, path, "takes part in no deal")
            self.check_quoted(e.get("description", ""), article_ids, f"{path}.description")
            self.check_evidence(evidence, article_ids, path)

    def check_dates(self, deal, path):
        note = deal.get("note", "")
        quotes = [ev["quote"] for ev in deal["evidence"]]
        for field, dating in DATING_RE.items():
            value = deal.get(field)
            if value is None:
                continue
            stated = len(value) == 4 and any(value in q for q in quotes)
            # "2023-06" as itself or as "June 2023".
            named = value in note or (
                MONTHS[int(value[5:7]) - 1] + " " + value[:4] if len(value) > 4 else value[:4]) in note
            self.check(stated or (named and dating.search(note) is not None),
                       f"{path}.{field}",
                       f"{value} is in none of its excerpts and the note does not say where it "
                       "comes from")

    def check_deals(self, deals):
        for i, deal in enumerate(deals):
            path = f"$.deals[{i}]"
            self.record = deal["id"]
            evidence = deal["evidence"]
            article_ids = {ev["article"] for ev in evidence}
            status = deal["status"]
            if status == "completed":
                self.check(deal["kind"] not in LASTING, f"{path}.status",
                           f"a {deal['kind']} lasts: it is active or ended, not completed")
                self.check(any(says_completed(ev["quote"]) for ev in evidence), f"{path}.status",
                           "completed, but no excerpt says it was done")
            if status == "proposed":
                self.check(bool(deal.get("proposed_by")), f"{path}.proposed_by",
                           "proposed, but by whom is not said")
            stances = [ev.get("stance", "supports") for ev in evidence]
            if any(s != "supports" for s in stances):
                self.check("supports" in stances, f"{path}.evidence",
                           "disputed, but no excerpt supports it: there is only one side")
            if all(self.seeds[ev["article"]].in_comments(ev["quote"]) for ev in evidence
                   if ev["article"] in self.seeds):
                self.check("reader comment" in deal.get("note", "").casefold(), f"{path}.note",
                           "rests on reader comments alone and its note does not say so")
            self.check_dates(deal, path)
            self.check_quoted(deal["summary"], article_ids, f"{path}.summary")
            self.check_quoted(deal.get("note", ""), article_ids, f"{path}.note")
            self.check_evidence(evidence, article_ids, path)

    def run(self):
        data = self.load()
        self.check_articles(data["articles"])
        self.check_entities(data["entities"], data["deals"])
        self.check_deals(data["deals"])
        if self.failures:
            print(f"{self.dataset_path}: {self.failures} of {self.checked} checks failed")
            return 1
        print(f"{self.dataset_path}: all {self.checked} checks passed")
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv, Checker))
