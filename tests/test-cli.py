#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The command line: --check exit codes and messages, --export output, no display needed."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

KEIRETSU = os.environ.get("KEIRETSU", "keiretsu")
SRCDIR = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(SRCDIR, "data")
BUILTIN = os.path.join(SRCDIR, "..", "data", "keiretsu-builtin.json")
SVG = "{http://www.w3.org/2000/svg}"


def run(*args, cwd=None):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["LC_ALL"] = "C.UTF-8"
    return subprocess.run([KEIRETSU, *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)


def svg_texts(path):
    """Every <text> element's content, its lines joined."""
    root = ET.parse(path).getroot()
    return [" ".join("".join(t.itertext()).split()) for t in root.iter(SVG + "text")]


def squash(s):
    return "".join(s.split())


class Check(unittest.TestCase):
    def test_valid(self):
        r = run("--check", os.path.join(DATA, "good", "minimal.json"))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("valid: 5 entities, 4 deals, 2 articles", r.stdout)

    def test_builtin_is_valid(self):
        r = run("--check", BUILTIN)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_problem_with_path(self):
        f = os.path.join(DATA, "bad", "unknown-entity-ref.json")
        r = run("--check", f)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f + ':$.deals[0].parties[1].entity: unknown entity "nobody"', r.stdout)

    def test_quote_not_found_is_a_warning(self):
        with open(os.path.join(DATA, "good", "minimal.json"), encoding="utf-8") as f:
            data = json.load(f)
        article = data["articles"][0]
        cited = [(f"$.{kind}[{i}].evidence[{j}].quote", ev["quote"])
                 for kind in ("entities", "deals")
                 for i, record in enumerate(data[kind])
                 for j, ev in enumerate(record.get("evidence", []))
                 if ev["article"] == article["id"]]
        self.assertGreater(len(cited), 1)
        article["text_file"] = "texts/article.txt"
        with tempfile.TemporaryDirectory() as tmp:
            os.mkdir(os.path.join(tmp, "texts"))
            # Every quote but the first, with typographic apostrophes and broken lines.
            with open(os.path.join(tmp, "texts", "article.txt"), "w", encoding="utf-8") as f:
                f.write("\n\n".join(q.replace("'", "\u2019").replace(" ", "\n", 1)
                                      for _, q in cited[1:]))
            path = os.path.join(tmp, "data.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(data, f)
            r = run("--check", path)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout.splitlines()[1:],
                         [f'{path}:{cited[0][0]}: quote not found in article "{article["id"]}"'])

    def test_every_problem_listed(self):
        r = run("--check", os.path.join(DATA, "bad", "many-problems.json"))
        self.assertEqual(r.returncode, 1)
        self.assertEqual(len(r.stdout.strip().splitlines()), 3, r.stdout)

    def test_syntax_error_has_line_and_column(self):
        f = os.path.join(DATA, "bad", "syntax-error.json")
        r = run("--check", f)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stdout, "^" + f.replace(".", r"\.") + r":3:\d+: syntax error")

    def test_every_bad_file_fails_cleanly(self):
        bad = os.path.join(DATA, "bad")
        for name in sorted(os.listdir(bad)):
            with self.subTest(name=name):
                r = run("--check", os.path.join(bad, name))
                self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
                self.assertTrue(r.stdout.startswith(os.path.join(bad, name) + ":"), r.stdout)
                self.assertNotIn("CRITICAL", r.stderr)

    def test_missing_file(self):
        r = run("--check", os.path.join(DATA, "nope.json"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("nope.json", r.stdout)

    def test_directory(self):
        r = run("--check", DATA)
        self.assertEqual(r.returncode, 1)
        self.assertIn("is a folder", r.stdout)

    def test_usage_errors(self):
        self.assertEqual(run("--check").returncode, 2)
        self.assertEqual(run("--layout", "nope", "--export", "x.svg").returncode, 2)
        self.assertEqual(run("--no-such-option").returncode, 2)

    def test_version_and_help(self):
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^Keiretsu \d+\.\d+")
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        for word in ("--check", "--export", "--layout"):
            self.assertIn(word, r.stdout)


class Export(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_builtin_svg_has_every_name(self):
        out = os.path.join(self.dir, "map.svg")
        r = run("--export", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        texts = squash(" ".join(svg_texts(out)))
        with open(BUILTIN, encoding="utf-8") as f:
            names = [e["name"] for e in json.load(f)["entities"]]
        self.assertGreater(len(names), 20)
        for name in names:
            self.assertIn(squash(name), texts, name)
        root = ET.parse(out).getroot()
        self.assertEqual(root.tag, SVG + "svg")
        # Deals carry their citations.
        descs = [d.text for d in root.iter(SVG + "desc") if d.text]
        self.assertTrue(any("Source:" in d for d in descs))

    def test_every_engine(self):
        for engine in ("dot", "neato", "fdp", "sfdp", "circo", "twopi"):
            with self.subTest(engine=engine):
                out = os.path.join(self.dir, engine + ".svg")
                r = run("--export", out, "--layout", engine,
                        os.path.join(DATA, "good", "minimal.json"))
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn("Example Corp", svg_texts(out))

    def test_pinned_entities(self):
        """The positions kept beside the dataset place an export as they place the window's
        map: pinned entities are where they were pinned."""
        dataset = os.path.join(self.dir, "alliances.json")
        shutil.copy(BUILTIN, dataset)

        def places(name):
            out = os.path.join(self.dir, name)
            r = run("--export", out, dataset)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out, encoding="utf-8") as f:
                text = f.read()
            found = {}
            for node in ("nissan", "renault"):
                m = re.search(r'\n\t%s\t\[[^\]]*?pos="([-\d.]+),([-\d.]+)"' % node, text)
                self.assertIsNotNone(m, node)
                found[node] = (float(m.group(1)), float(m.group(2)))
            return found, r.stderr

        before, _ = places("before.dot")
        # Scene coordinates: points, y down. An id the dataset lacks is kept but ignored.
        views = {"format": "keiretsu-views", "version": 1, "positions": {
            "dot LR": {"nissan": [before["nissan"][0] + 30, 200],
                       "renault": [before["renault"][0], 250],
                       "no-longer-there": [1, 2]},
            "neato": {"nissan": [5, 5]}}}
        with open(os.path.join(self.dir, "alliances.views.json"), "w", encoding="utf-8") as f:
            json.dump(views, f)
        after, stderr = places("after.dot")
        self.assertEqual(stderr, "")
        self.assertAlmostEqual(after["nissan"][0], before["nissan"][0] + 30, places=1)
        self.assertAlmostEqual(after["renault"][0], before["renault"][0], places=1)
        # DOT's y goes up: Renault, 50 points lower in the scene, is 50 points below.
        self.assertAlmostEqual(after["nissan"][1] - after["renault"][1], 50, places=1)

        # A views file that cannot be read is said, naming the file and the place; the
        # diagram is written without it.
        views["positions"]["dot LR"]["nissan"] = "here"
        with open(os.path.join(self.dir, "alliances.views.json"), "w", encoding="utf-8") as f:
            json.dump(views, f)
        again, stderr = places("again.dot")
        self.assertIn("alliances.views.json", stderr)
        self.assertIn('$.positions["dot LR"].nissan', stderr)
        self.assertEqual(again, before)

    def test_png_pdf_and_dot(self):
        for ext, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF"), ("dot", b"digr")):
            out = os.path.join(self.dir, "map." + ext)
            r = run("-e", out, os.path.join(DATA, "good", "minimal.json"))
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out, "rb") as f:
                self.assertEqual(f.read(4), magic)

    def test_transparent(self):
        out = os.path.join(self.dir, "clear.svg")
        r = run("--export", out, "--transparent", os.path.join(DATA, "good", "minimal.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            self.assertNotIn('fill="#ffffff"/>', f.read().split("<g", 1)[0])
        out2 = os.path.join(self.dir, "white.svg")
        run("--export", out2, os.path.join(DATA, "good", "minimal.json"))
        with open(out2, encoding="utf-8") as f:
            self.assertIn('fill="#ffffff"/>', f.read().split("<g", 1)[0])

    def test_link_labels(self):
        labels = ("43 % → 15 % stake", "$7 bn acquisition", "joint venture")
        for engine in ("dot", "neato"):
            with self.subTest(engine=engine):
                out = os.path.join(self.dir, engine + "-labels.svg")
                r = run("--export", out, "--link-labels", "--layout", engine)
                self.assertEqual(r.returncode, 0, r.stderr)
                texts = svg_texts(out)
                self.assertIn("joint venture", texts)
                if engine == "dot":
                    for label in labels:
                        self.assertIn(label, texts)
        out = os.path.join(self.dir, "plain.svg")
        run("--export", out)
        for label in labels:
            self.assertNotIn(label, svg_texts(out))
        out = os.path.join(self.dir, "labels.dot")
        run("--export", out, "--link-labels")
        with open(out, encoding="utf-8") as f:
            self.assertIn('label="43 % → 15 % stake"', f.read())

    def test_bad_dataset_writes_nothing(self):
        out = os.path.join(self.dir, "map.svg")
        with open(out, "w") as f:
            f.write("precious")
        r = run("--export", out, os.path.join(DATA, "bad", "one-party.json"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("at least two parties", r.stderr)
        with open(out) as f:
            self.assertEqual(f.read(), "precious")
        self.assertEqual(sorted(os.listdir(self.dir)), ["map.svg"])

    def test_unknown_extension(self):
        r = run("--export", os.path.join(self.dir, "map.txt"))
        self.assertEqual(r.returncode, 2)
        self.assertIn(".svg", r.stderr)
        self.assertIn(".dot", r.stderr)
        self.assertEqual(os.listdir(self.dir), [])

    def test_never_overwrites_the_dataset(self):
        dataset = os.path.join(self.dir, "data.svg")
        shutil.copy(os.path.join(DATA, "good", "minimal.json"), dataset)
        r = run("--export", dataset, dataset)
        self.assertEqual(r.returncode, 2)
        with open(dataset, encoding="utf-8") as f:
            self.assertIn("keiretsu-dataset", f.read())

    def test_unwritable_destination(self):
        r = run("--export", os.path.join(self.dir, "missing", "map.svg"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot write", r.stderr)


class ExportDataset(unittest.TestCase):
    """--export FILE.json writes the dataset itself, as the window saves it."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_written_twice_the_same(self):
        once = os.path.join(self.dir, "once.json")
        twice = os.path.join(self.dir, "twice.json")
        r = run("--export", once, os.path.join(DATA, "good", "minimal.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(run("--check", once).returncode, 0)
        r = run("--export", twice, once)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(once, "rb") as a, open(twice, "rb") as b:
            self.assertEqual(a.read(), b.read())
        with open(once, encoding="utf-8") as f:
            data = json.load(f)
        self.assertEqual(list(data)[:3], ["format", "version", "title"])
        self.assertEqual(len(data["entities"]), 5)

    def test_texts_go_with_the_copy(self):
        with open(os.path.join(DATA, "good", "minimal.json"), encoding="utf-8") as f:
            data = json.load(f)
        data["articles"][0]["text_file"] = "texts/article.txt"
        source = os.path.join(self.dir, "source")
        os.makedirs(os.path.join(source, "texts"))
        with open(os.path.join(source, "texts", "article.txt"), "w", encoding="utf-8") as f:
            f.write("The article\u2019s words.\n")
        path = os.path.join(source, "data.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)
        copy = os.path.join(self.dir, "copy", "data.json")
        os.mkdir(os.path.dirname(copy))
        r = run("--export", copy, path)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(self.dir, "copy", "texts", "article.txt"), encoding="utf-8") as f:
            self.assertEqual(f.read(), "The article\u2019s words.\n")
        self.assertEqual(run("--check", copy).returncode, 0)

        # A folder where that name holds another text: neither it nor the copy is written.
        clash = os.path.join(self.dir, "clash")
        os.makedirs(os.path.join(clash, "texts"))
        with open(os.path.join(clash, "texts", "article.txt"), "w", encoding="utf-8") as f:
            f.write("Someone else's notes.")
        r = run("--export", os.path.join(clash, "data.json"), path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("texts/article.txt", r.stderr)
        self.assertIn("another text", r.stderr)
        self.assertEqual(os.listdir(clash), ["texts"])
        with open(os.path.join(clash, "texts", "article.txt"), encoding="utf-8") as f:
            self.assertEqual(f.read(), "Someone else's notes.")

    def test_whole_dataset_only(self):
        out = os.path.join(self.dir, "part.json")
        r = run("--export", out, "--focus", "nissan")
        self.assertEqual(r.returncode, 2)
        self.assertIn("written whole", r.stderr)
        self.assertEqual(os.listdir(self.dir), [])

    def test_graph_without_evidence_writes_nothing(self):
        out = os.path.join(self.dir, "graph.json")
        r = run("--export", out, os.path.join(DATA, "formats", "gephi.gexf"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("needs at least one excerpt", r.stderr)
        self.assertEqual(os.listdir(self.dir), [])


def svg_entity_ids(path):
    """The dataset ids of the entities an exported SVG draws."""
    root = ET.parse(path).getroot()
    prefix = "kr-entity-"
    return sorted(g.get("id")[len(prefix):] for g in root.iter(SVG + "g")
                  if (g.get("id") or "").startswith(prefix))


def dot_positions(path):
    """Each node an exported DOT file places, with its "pos"."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    positions = {}
    for statement in text.split("];"):
        head, _, attributes = statement.partition("[")
        head = head.strip().splitlines()[-1].strip() if head.strip() else ""
        found = re.search(r'\bpos="([^"]*)"', attributes)
        if "->" in head or head in ("graph", "node", "edge") or not found:
            continue
        positions[head.strip('"')] = found.group(1)
    return positions


class Views(unittest.TestCase):
    """--filter, --focus, --path, --as-of and --as-reported on the export."""
    NETWORK = os.path.join(DATA, "good", "network.json")

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.out = os.path.join(self.dir, "view.svg")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def export(self, *args):
        r = run("--export", self.out, *args, self.NETWORK)
        self.assertEqual(r.returncode, 0, r.stderr)
        return svg_entity_ids(self.out)

    def test_filters(self):
        self.assertEqual(self.export("--filter", "deal-kind=alliance", "--filter", "hide-isolated"),
                         ["a", "b"])
        self.assertEqual(self.export("-f", "country=JP", "-f", "status=proposed",
                                     "-f", "hide-isolated"), ["a", "c"])

    def test_focus(self):
        self.assertEqual(self.export("--focus", "b"), ["a", "b", "d"])
        self.assertEqual(self.export("--focus", "b", "--depth", "2"),
                         ["a", "b", "c", "d", "e", "f"])

    def test_path(self):
        self.assertEqual(self.export("--path", "a", "d"), ["a", "b", "c", "d"])
        self.assertEqual(self.export("--path", "a", "d", "--filter", "status=active,agreed"),
                         ["a", "b", "d"])

    def test_time(self):
        self.assertEqual(self.export("--as-reported", "2022-12-31"), ["a", "b"])
        self.assertEqual(self.export("--as-of", "2023-01", "--filter", "hide-isolated"),
                         ["a", "c", "d", "f"])

    def test_same_view_in_every_format(self):
        for ext in ("png", "pdf", "dot"):
            out = os.path.join(self.dir, "view." + ext)
            r = run("--export", out, "--focus", "b", self.NETWORK)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertGreater(os.path.getsize(out), 100)
        with open(os.path.join(self.dir, "view.dot"), encoding="utf-8") as f:
            dot = f.read()
        self.assertIn("Beta Cells", dot)
        self.assertNotIn("Epsilon Fund", dot)

    def test_filter_moves_nothing(self):
        """What a filter keeps is where the whole map has it, in DOT as on screen."""
        for dataset in (self.NETWORK, BUILTIN):
            whole = os.path.join(self.dir, "whole.dot")
            self.assertEqual(run("--export", whole, dataset).returncode, 0)
            everything = dot_positions(whole)
            for terms in (["deal-kind=alliance"], ["deal-kind=alliance", "hide-isolated"]):
                with self.subTest(dataset=os.path.basename(dataset), terms=terms):
                    part = os.path.join(self.dir, "part.dot")
                    args = [a for t in terms for a in ("--filter", t)]
                    r = run("--export", part, *args, dataset)
                    self.assertEqual(r.returncode, 0, r.stderr)
                    kept = dot_positions(part)
                    self.assertGreater(len(kept), 1)
                    self.assertLess(len(kept), len(everything))
                    for node, pos in kept.items():
                        self.assertEqual(pos, everything[node], node)

    def test_errors_write_nothing(self):
        cases = [
            (["--path", "a", "lone"], 1, "No chain of deals shown connects"),
            (["--focus", "nobody"], 1, "no entity with the id"),
            (["--filter", "status=agred"], 2, "Unknown status"),
            (["--filter", "size=big"], 2, "Unknown filter"),
            (["--as-of", "soon"], 2, "not a date"),
            (["--depth", "9", "--focus", "a"], 2, "--depth"),
            (["--focus", "a", "--path", "a", "b"], 2, "either --focus or --path"),
            (["--path", "a"], 2, "two entity ids"),
        ]
        for args, code, message in cases:
            with self.subTest(args=args):
                r = run("--export", self.out, *args, self.NETWORK)
                self.assertEqual(r.returncode, code, r.stderr)
                self.assertIn(message, r.stderr)
                self.assertFalse(os.path.exists(self.out))

    def test_view_options_need_export(self):
        r = run("--focus", "a", self.NETWORK)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--export", r.stderr)


class SavedViews(unittest.TestCase):
    """--view and --list-views: the views saved in the window, beside the dataset."""

    VIEWS = [
        {"name": "Around B", "filter": {"focus": {"entity": "b", "depth": 2, "radial": False}},
         "engine": "neato", "direction": "TB", "viewport": {"x": 10, "y": 20, "zoom": 2}},
        {"name": "Alliances", "filter": {"deal-kinds": ["alliance"], "hide-isolated": True}},
        {"name": "Gone", "filter": {"focus": {"entity": "nobody"}, "countries": ["JP"]}},
    ]

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.dataset = os.path.join(self.dir, "network.json")
        shutil.copy(Views.NETWORK, self.dataset)
        self.write_views({"format": "keiretsu-views", "version": 1, "views": self.VIEWS})
        self.out = os.path.join(self.dir, "out.dot")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write_views(self, content, name="network.views.json"):
        with open(os.path.join(self.dir, name), "w", encoding="utf-8") as f:
            f.write(content if isinstance(content, str) else json.dumps(content))

    def test_list(self):
        r = run("--list-views", self.dataset)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["Around B", "Alliances", "Gone"])
        os.unlink(os.path.join(self.dir, "network.views.json"))
        r = run("--list-views", self.dataset)
        self.assertEqual((r.returncode, r.stdout), (0, ""))

    def test_view_is_its_filter_and_engine(self):
        """The view exports as the same options would: same entities, same places."""
        r = run("--export", self.out, "--view", "Around B", self.dataset)
        self.assertEqual(r.returncode, 0, r.stderr)
        saved = dot_positions(self.out)
        same = os.path.join(self.dir, "same.dot")
        r = run("--export", same, "--focus", "b", "--depth", "2", "--layout", "neato",
                self.dataset)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(saved, dot_positions(same))
        with open(self.out, encoding="utf-8") as f:
            self.assertIn("rankdir=TB", f.read())

    def test_options_refine_the_view(self):
        svg = os.path.join(self.dir, "out.svg")
        r = run("--export", svg, "--view", "Alliances", self.dataset)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(svg_entity_ids(svg), ["a", "b"])
        # --focus replaces the view's own focus, --filter adds to its terms.
        r = run("--export", svg, "--view", "Around B", "--focus", "c", "--depth", "1", self.dataset)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(svg_entity_ids(svg), ["a", "c", "d", "e", "f"])
        r = run("--export", svg, "--view", "Around B", "--filter", "country=JP", self.dataset)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(svg_entity_ids(svg), ["a", "b", "c", "e"])

    def test_unknown_name_lists_the_names(self):
        r = run("--export", self.out, "--view", "Nope", self.dataset)
        self.assertEqual(r.returncode, 1)
        self.assertIn("“Nope”", r.stderr)
        self.assertIn("Around B, Alliances, Gone", r.stderr)
        self.assertFalse(os.path.exists(self.out))

    def test_gone_ids_are_said_and_left_out(self):
        svg = os.path.join(self.dir, "out.svg")
        r = run("--export", svg, "--view", "Gone", self.dataset)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("nobody", r.stderr)
        # What is left of it: the countries.
        self.assertEqual(svg_entity_ids(svg), ["a", "c", "e"])

    def test_unreadable_views_file(self):
        self.write_views('{"format": "keiretsu-views", "version": 1, "views": '
                         '[{"name": "x", "filter": {"statuses": ["agred"]}}]}')
        for args in (["--list-views"], ["--export", self.out, "--view", "x"]):
            with self.subTest(args=args):
                r = run(*args, self.dataset)
                self.assertEqual(r.returncode, 1)
                self.assertIn("network.views.json", r.stderr)
                self.assertIn("$.views[0].filter.statuses[0]", r.stderr)
                self.assertFalse(os.path.exists(self.out))

    def test_builtin_views_in_user_data(self):
        data = os.path.join(self.dir, "data")
        os.makedirs(os.path.join(data, "keiretsu"))
        with open(os.path.join(data, "keiretsu", "builtin.views.json"), "w") as f:
            json.dump({"format": "keiretsu-views", "version": 1,
                       "views": [{"name": "Nissan", "filter": {"focus": {"entity": "nissan"}}}]},
                      f)
        saved = os.environ.get("XDG_DATA_HOME")
        os.environ["XDG_DATA_HOME"] = data
        try:
            r = run("--list-views")
            self.assertEqual(r.stdout, "Nissan\n", r.stderr)
            r = run("--export", self.out, "--view", "Nissan")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("nissan", dot_positions(self.out))
        finally:
            if saved is None:
                del os.environ["XDG_DATA_HOME"]
            else:
                os.environ["XDG_DATA_HOME"] = saved

    def test_schema_names_every_engine_and_direction(self):
        """The views file's schema lists the engines and directions there are."""
        with open(os.path.join(SRCDIR, "..", "data", "keiretsu-views.schema.json")) as f:
            view = json.load(f)["$defs"]["view"]["properties"]
        help_text = run("--help").stdout
        listed = re.search(r"Layout engine: ([^(]*) \(", help_text).group(1)
        self.assertEqual(sorted(re.split(r", | or ", listed.strip())),
                         sorted(view["engine"]["enum"]))
        svg = os.path.join(self.dir, "out.svg")
        for direction in view["direction"]["enum"]:
            with self.subTest(direction=direction):
                self.write_views({"format": "keiretsu-views", "version": 1,
                                  "views": [{"name": "d", "direction": direction}]})
                r = run("--export", svg, "--view", "d", self.dataset)
                self.assertEqual(r.returncode, 0, r.stderr)
        self.write_views({"format": "keiretsu-views", "version": 1,
                          "views": [{"name": "d", "direction": "UP"}]})
        r = run("--export", svg, "--view", "d", self.dataset)
        self.assertEqual(r.returncode, 1)
        self.assertIn("“UP”", r.stderr)

    def test_usage(self):
        r = run("--view", "Alliances", self.dataset)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--export", r.stderr)
        r = run("--list-views", "--export", self.out, self.dataset)
        self.assertEqual(r.returncode, 2)


class Pair(unittest.TestCase):
    """A table of deals and one of entities given together, whatever their names."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.deals = os.path.join(self.dir, "links.csv")
        self.people = os.path.join(self.dir, "people.csv")
        shutil.copy(os.path.join(DATA, "formats", "gephi.csv"), self.deals)
        shutil.copy(os.path.join(DATA, "formats", "gephi.entities.csv"), self.people)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_check_in_either_order(self):
        for files in ((self.deals, self.people), (self.people, self.deals)):
            r = run("--check", *files)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual(r.stdout, f"{files[0]}, {files[1]}: valid: 3 entities, 2 deals, "
                                       "0 articles\n")

    def test_export_in_either_order(self):
        written = []
        for i, files in enumerate(((self.deals, self.people), (self.people, self.deals))):
            out = os.path.join(self.dir, f"map{i}.svg")
            r = run("--export", out, *files)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            texts = svg_texts(out)
            # The names come from the table of entities.
            for name in ("Renault", "Nissan"):
                self.assertIn(name, texts)
            written.append(texts)
        self.assertEqual(written[0], written[1])

    def test_views_beside_the_deals(self):
        self.write("links.csv.views.json", json.dumps(
            {"format": "keiretsu-views", "version": 1, "views": [{"name": "Mine"}]}))
        r = run("--list-views", self.people, self.deals)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout, "Mine\n")

    def test_problems_name_their_table(self):
        self.write("people.csv", "Id,Label\nn1,Renault\nn1,Again\n")
        r = run("--check", self.deals, self.people)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stdout.startswith(f"{self.deals}:people.csv:3:1: id: duplicate id"),
                        r.stdout)

    def test_two_tables_of_one_kind(self):
        other = self.write("more.csv", "From,To\nn1,n3\n")
        r = run("--check", self.deals, other)
        self.assertEqual(r.returncode, 1)
        self.assertIn("“links.csv” and “more.csv” are both tables of deals", r.stdout)
        names = self.write("names.csv", "Name\nToyota\n")
        r = run("--export", os.path.join(self.dir, "x.svg"), names, self.people)
        self.assertEqual(r.returncode, 1)
        self.assertIn("“names.csv” and “people.csv” are both tables of entities", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "x.svg")))

    def test_usage_errors(self):
        r = run("--check", self.deals, self.people, self.deals)
        self.assertEqual(r.returncode, 2)
        self.assertIn("at most one dataset file, or two tables", r.stderr)
        r = run("--check", self.deals, os.path.join(DATA, "good", "minimal.json"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("“links.csv” and “minimal.json” do not open together", r.stderr)
        r = run("--export", self.people, self.deals, self.people)
        self.assertEqual(r.returncode, 2)
        self.assertIn("refusing to overwrite the dataset", r.stderr)

    def test_help(self):
        r = run("--help")
        self.assertIn("[DATASET | DEALS.csv ENTITIES.csv]", r.stdout)
        self.assertIn("keiretsu deals.csv people.csv", r.stdout)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        KEIRETSU = sys.argv.pop(1)
    unittest.main(verbosity=2)
