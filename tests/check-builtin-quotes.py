#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the built-in dataset quotes its sources faithfully.

Usage: check-builtin-quotes.py DATASET SEEDS_DIR

Each article's note names the seed file it was taken from ("Seed NAME.txt.").  Every
evidence quote, on entities and on deals, must appear verbatim in that file once runs of
whitespace are collapsed to a single space.  The script also checks that every quote is
non-empty, that every deal cites at least one article, and that every referenced id exists.

Exit status: 0 when everything checks out, 1 on any failure, 77 (skip) when SEEDS_DIR does
not exist.
"""

import json
import os
import sys

from builtin_seeds import SEED_RE, main, squash


class Checker:
    def __init__(self, dataset_path, seeds_dir):
        self.dataset_path = dataset_path
        self.seeds_dir = seeds_dir
        self.failures = 0
        self.quotes = 0

    def fail(self, path, message):
        self.failures += 1
        print(f"{self.dataset_path}:{path}: {message}")

    def load_seeds(self, articles):
        """Returns {article id: (seed name, squashed seed text or None)}."""
        seeds = {}
        for i, article in enumerate(articles):
            path = f"$.articles[{i}]"
            if not isinstance(article, dict):
                self.fail(path, "expected an object")
                continue
            aid = article.get("id")
            if not isinstance(aid, str) or not aid:
                self.fail(f"{path}.id", "missing article id")
                continue
            note = article.get("note")
            match = SEED_RE.search(note) if isinstance(note, str) else None
            if match is None:
                self.fail(f"{path}.note", 'does not name its seed file ("Seed NAME.txt.")')
                seeds[aid] = (None, None)
                continue
            name = match.group(1)
            seed_path = os.path.join(self.seeds_dir, name)
            try:
                with open(seed_path, encoding="utf-8") as f:
                    seeds[aid] = (name, squash(f.read()))
            except OSError as e:
                self.fail(f"{path}.note", f"cannot read seed {name}: {e.strerror}")
                seeds[aid] = (name, None)
            except UnicodeDecodeError:
                self.fail(f"{path}.note", f"seed {name} is not UTF-8 text")
                seeds[aid] = (name, None)
        return seeds

    def check_evidence(self, evidence, path, seeds, required):
        if evidence is None:
            if required:
                self.fail(f"{path}.evidence", "a deal needs at least one evidence excerpt")
            return
        if not isinstance(evidence, list):
            self.fail(f"{path}.evidence", "expected an array")
            return
        if required and not evidence:
            self.fail(f"{path}.evidence", "a deal needs at least one evidence excerpt")
        for j, ev in enumerate(evidence):
            epath = f"{path}.evidence[{j}]"
            if not isinstance(ev, dict):
                self.fail(epath, "expected an object")
                continue
            article = ev.get("article")
            quote = ev.get("quote")
            if not isinstance(quote, str) or not quote.strip():
                self.fail(f"{epath}.quote", "quote is missing or empty")
                quote = None
            if not isinstance(article, str) or not article:
                self.fail(f"{epath}.article", "does not cite an article")
                continue
            if article not in seeds:
                self.fail(f"{epath}.article", f'unknown article "{article}"')
                continue
            if quote is None:
                continue
            self.quotes += 1
            name, text = seeds[article]
            if text is None:
                self.fail(f"{epath}.quote", f'cannot check: article "{article}" has no readable seed')
            elif squash(quote) not in text:
                self.fail(f"{epath}.quote", f"not found in seed {name}: {quote!r}")

    def check_ids(self, records, kind, all_ids):
        ids = set()
        for i, record in enumerate(records):
            if not isinstance(record, dict):
                continue
            rid = record.get("id")
            if not isinstance(rid, str) or not rid:
                self.fail(f"$.{kind}[{i}].id", "missing id")
                continue
            if rid in all_ids:
                self.fail(f"$.{kind}[{i}].id", f'duplicate id "{rid}"')
            all_ids.add(rid)
            ids.add(rid)
        return ids

    def run(self):
        try:
            with open(self.dataset_path, encoding="utf-8") as f:
                data = json.load(f)
        except OSError as e:
            self.fail("$", f"cannot read: {e.strerror}")
            return 1
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            self.fail("$", f"not valid JSON: {e}")
            return 1
        if not isinstance(data, dict):
            self.fail("$", "expected an object")
            return 1

        articles = data.get("articles")
        entities = data.get("entities")
        deals = data.get("deals")
        for name, value in (("articles", articles), ("entities", entities), ("deals", deals)):
            if not isinstance(value, list):
                self.fail(f"$.{name}", "expected an array")
                return 1

        all_ids = set()
        self.check_ids(articles, "articles", all_ids)
        entity_ids = self.check_ids(entities, "entities", all_ids)
        self.check_ids(deals, "deals", all_ids)
        seeds = self.load_seeds(articles)

        for i, entity in enumerate(entities):
            if isinstance(entity, dict):
                self.check_evidence(entity.get("evidence"), f"$.entities[{i}]", seeds, False)

        for i, deal in enumerate(deals):
            path = f"$.deals[{i}]"
            if not isinstance(deal, dict):
                self.fail(path, "expected an object")
                continue
            parties = deal.get("parties")
            if not isinstance(parties, list):
                self.fail(f"{path}.parties", "expected an array")
                parties = []
            for j, party in enumerate(parties):
                ref = party.get("entity") if isinstance(party, dict) else None
                if ref not in entity_ids:
                    self.fail(f"{path}.parties[{j}].entity", f'unknown entity "{ref}"')
            proposers = deal.get("proposed_by", [])
            if not isinstance(proposers, list):
                self.fail(f"{path}.proposed_by", "expected an array")
                proposers = []
            for j, ref in enumerate(proposers):
                if ref not in entity_ids:
                    self.fail(f"{path}.proposed_by[{j}]", f'unknown entity "{ref}"')
            self.check_evidence(deal.get("evidence"), path, seeds, True)

        if self.failures:
            return 1
        print(f"{self.dataset_path}: all {self.quotes} quotes found verbatim in their seeds "
              f"({len(articles)} articles, {len(entities)} entities, {len(deals)} deals)")
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv, Checker))
