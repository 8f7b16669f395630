#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Graph files written by other programs: networkx and igraph, as Debian ships them, write
GraphML (and GEXF) that `keiretsu --check` reads and `--export` draws; spreadsheets in the
shapes Kumu and Gephi export; and round trips through each format Keiretsu writes."""
import os
import shutil
import subprocess
import tempfile
import csv
import json
import unittest
import xml.etree.ElementTree as ET

KEIRETSU = os.environ.get("KEIRETSU", "keiretsu")
SRCDIR = os.path.dirname(os.path.abspath(__file__))
BUILTIN = os.path.join(SRCDIR, "..", "data", "keiretsu-builtin.json")
SVG = "{http://www.w3.org/2000/svg}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"

try:
    import networkx
except ImportError:
    networkx = None
try:
    import igraph
except ImportError:
    igraph = None


def run(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["LC_ALL"] = "C.UTF-8"
    return subprocess.run([KEIRETSU, *args], capture_output=True, text=True, env=env, timeout=120)


class Written(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def assert_reads(self, path, summary, names):
        r = run("--check", path)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("valid: " + summary, r.stdout)
        svg = self.path("out.svg")
        r = run("--export", svg, path)
        self.assertEqual(r.returncode, 0, r.stderr)
        titles = {"".join(t.itertext()) for t in ET.parse(svg).getroot().iter(SVG + "title")}
        for name in names:
            self.assertTrue(any(name in t for t in titles), (name, titles))

    def networkx_graph(self):
        g = networkx.DiGraph(name="Alliances")
        g.add_node("nissan", label="Nissan", type="company", country="JP")
        g.add_node("renault", label="Renault", type="Organization", country="fr")
        g.add_node("Mitsubishi Motors")
        g.add_edge("renault", "nissan", relation="equity_stake", start="1999-03-27")
        g.add_edge("nissan", "Mitsubishi Motors", relation="owns", status="completed")
        return g

    @unittest.skipIf(networkx is None, "python3-networkx is not installed")
    def test_networkx_graphml(self):
        path = self.path("nx.graphml")
        networkx.write_graphml(self.networkx_graph(), path)
        self.assert_reads(path, "3 entities, 2 deals, 0 articles",
                          ["Nissan", "Renault", "Mitsubishi Motors"])

    @unittest.skipIf(networkx is None, "python3-networkx is not installed")
    def test_networkx_graphml_places(self):
        g = self.networkx_graph()
        g.add_edge("nissan", "nissan")
        path = self.path("loop.graphml")
        networkx.write_graphml(g, path)
        r = run("--check", path)
        self.assertEqual(r.returncode, 1)
        with open(path, encoding="utf-8") as f:
            line = next(n for n, text in enumerate(f, 1)
                        if 'target="nissan"' in text and 'source="nissan"' in text)
        self.assertRegex(r.stdout, r"loop\.graphml:%d:\d+: target\.entity: .*already a party" % line)

    @unittest.skipIf(networkx is None, "python3-networkx is not installed")
    def test_networkx_gexf(self):
        g = self.networkx_graph()
        g.nodes["nissan"]["viz"] = {"position": {"x": 10.5, "y": -3.0, "z": 0.0}, "size": 4}
        for version in ("1.2draft", "1.1draft"):
            path = self.path("nx-%s.gexf" % version)
            networkx.write_gexf(g, path, version=version)
            self.assert_reads(path, "3 entities, 2 deals, 0 articles",
                              ["Nissan", "Renault", "Mitsubishi Motors"])

    @unittest.skipIf(igraph is None, "python3-igraph is not installed")
    def test_igraph_graphml(self):
        g = igraph.Graph(directed=True)
        g.add_vertices(3)
        g.vs["name"] = ["Toyota", "Panasonic", "Prime Planet"]
        g.add_edges([(0, 2), (1, 2)])
        g.es["type"] = ["joint_venture", "joint_venture"]
        path = self.path("ig.graphml")
        g.write_graphml(path)
        self.assert_reads(path, "3 entities, 2 deals, 0 articles",
                          ["Toyota", "Panasonic", "Prime Planet"])


def entities_of(dataset):
    """What a graph file can hold of each entity: everything but other names and evidence."""
    return {e["id"]: (e["name"], e["kind"], e.get("country"), e.get("description"),
                      tuple(e.get("aliases", ()))) for e in dataset["entities"]}


def deals_of(dataset, parties_at_most=None):
    """Each deal's fields but proposers and evidence, its parties as a set."""
    deals = {}
    for d in dataset["deals"]:
        if parties_at_most is not None and len(d["parties"]) > parties_at_most:
            continue
        value = d.get("value", {})
        stake = d.get("stake", {})
        deals[d["id"]] = (d["kind"], d["status"], d["summary"], d.get("date"), d.get("end"),
                          d.get("expected"), d.get("note"), value.get("amount"),
                          value.get("currency"), value.get("approximate", False),
                          stake.get("before"), stake.get("after"),
                          frozenset((p["entity"], p["role"]) for p in d["parties"]))
    return deals


def evidence_of(dataset, parties_at_most=None):
    """Each deal's excerpts, in order, with what their articles say of themselves."""
    articles = {a["id"]: a for a in dataset["articles"]}
    evidence = {}
    for d in dataset["deals"]:
        if parties_at_most is not None and len(d["parties"]) > parties_at_most:
            continue
        evidence[d["id"]] = [
            (e["quote"], e.get("stance", "supports"), e.get("note"), e["article"],
             articles[e["article"]]["title"], articles[e["article"]]["publisher"],
             articles[e["article"]].get("date"), articles[e["article"]].get("url"))
            for e in d.get("evidence", ())]
    return evidence


def read_graph(path):
    """The dataset's fields as the file written by --export holds them."""
    root = ET.parse(path).getroot()
    entities, deals = [], []
    if root.tag == GRAPHML + "graphml":
        keys = {k.get("id"): k.get("attr.name") for k in root.iter(GRAPHML + "key")}

        def values(element):
            return {keys[d.get("key")]: d.text or "" for d in element.findall(GRAPHML + "data")}

        items = [(n, n.get("id"), values(n)) for n in root.iter(GRAPHML + "node")]
        links = []
        for e in root.iter(GRAPHML + "edge"):
            links.append((e.get("id"), [e.get("source"), e.get("target")], values(e)))
        for e in root.iter(GRAPHML + "hyperedge"):
            links.append((e.get("id"), [p.get("node") for p in e.findall(GRAPHML + "endpoint")],
                          values(e)))
    else:
        titles = {a.get("id"): a.get("title") for a in root.iter(GEXF + "attribute")}

        def values(element):
            return {titles[v.get("for")]: v.get("value") for v in element.iter(GEXF + "attvalue")}

        items = [(n, n.get("id"), values(n)) for n in root.iter(GEXF + "node")]
        links = [(e.get("id"), [e.get("source"), e.get("target")], values(e))
                 for e in root.iter(GEXF + "edge")]
    for _, id, v in items:
        entity = {"id": id, "name": v["name"], "kind": v["kind"]}
        for key in ("country", "description"):
            if key in v:
                entity[key] = v[key]
        if "aliases" in v:
            entity["aliases"] = v["aliases"].split("|")
        entities.append(entity)
    for id, ends, v in links:
        deal = {"id": id, "kind": v["kind"], "status": v["status"], "summary": v["summary"],
                "parties": [{"entity": e, "role": r} for e, r in zip(ends, v["roles"].split())]}
        for key in ("date", "end", "expected", "note"):
            if key in v:
                deal[key] = v[key]
        if "amount" in v:
            deal["value"] = {"amount": float(v["amount"]), "currency": v["currency"],
                             "approximate": v.get("approximate") == "true"}
        stake = {k: float(v["stake_" + k]) for k in ("before", "after") if "stake_" + k in v}
        if stake:
            deal["stake"] = stake
        deals.append(deal)
    return {"entities": entities, "deals": deals}


def read_csv(path):
    """The dataset's fields as the tables written by --export hold them."""
    def rows(name):
        with open(name, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def text(value):
        # What a spreadsheet would run as a formula starts with an apostrophe.
        return value[1:] if value[:1] == "'" and value[1:2] in "=+-@" else value

    entities, deals = [], []
    for v in rows(path[:-len(".csv")] + ".entities.csv"):
        entity = {"id": v["id"], "name": text(v["name"]), "kind": v["kind"]}
        for key in ("country", "description"):
            if v[key]:
                entity[key] = text(v[key])
        if v["aliases"]:
            entity["aliases"] = text(v["aliases"]).split("|")
        entities.append(entity)
    for v in rows(path):
        # A deal's further excerpts have rows of their own, which name no party.
        if not v["parties"] and not v["source"]:
            continue
        ends = v["parties"].split("|") if v["parties"] else [v["source"], v["target"]]
        deal = {"id": v["id"], "kind": v["kind"], "status": v["status"],
                "summary": text(v["summary"]),
                "parties": [{"entity": e, "role": r} for e, r in zip(ends, v["roles"].split("|"))]}
        for key in ("date", "end", "expected", "note"):
            if v[key]:
                deal[key] = text(v[key])
        if v["amount"]:
            deal["value"] = {"amount": float(v["amount"]), "currency": v["currency"],
                             "approximate": v["approximate"] == "true"}
        stake = {k: float(v["stake_" + k]) for k in ("before", "after") if v["stake_" + k]}
        if stake:
            deal["stake"] = stake
        deals.append(deal)
    return {"entities": entities, "deals": deals}


class RoundTrip(unittest.TestCase):
    """Keiretsu JSON → GraphML or GEXF → Keiretsu keeps all that the format can hold."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        with open(BUILTIN, encoding="utf-8") as f:
            self.dataset = json.load(f)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def round_trip(self, suffix, parties_at_most, left_out, keeps_evidence=False):
        first = os.path.join(self.dir, "first." + suffix)
        second = os.path.join(self.dir, "second." + suffix)
        r = run("--export", first, BUILTIN)
        self.assertEqual(r.returncode, 0, r.stderr)
        for words in left_out:
            self.assertIn(words, r.stderr)
        # Read back by Keiretsu, the deals have every excerpt the format holds, or none (and
        # then they are seen through CSV: a Keiretsu dataset must have them).
        back = os.path.join(self.dir, "back." + ("json" if keeps_evidence else "csv"))
        r = run("--export", back, first)
        self.assertEqual(r.returncode, 0, r.stderr)
        if keeps_evidence:
            with open(back, encoding="utf-8") as f:
                self.assertEqual(evidence_of(json.load(f)),
                                 evidence_of(self.dataset, parties_at_most))
        else:
            with open(back, encoding="utf-8", newline="") as f:
                self.assertEqual([row["quote"] for row in csv.DictReader(f) if row["quote"]], [])
        read = read_csv if suffix == "csv" else read_graph
        written = read(first)
        self.assertEqual(entities_of(written), entities_of(self.dataset))
        self.assertEqual(deals_of(written), deals_of(self.dataset, parties_at_most))
        # Read back, it writes the same again.
        r = run("--export", second, first)
        self.assertEqual(r.returncode, 0, r.stderr)
        again = read(second)
        self.assertEqual(entities_of(again), entities_of(written))
        self.assertEqual(deals_of(again), deals_of(written))

    def test_graphml(self):
        self.round_trip("graphml", None, ["GraphML has no place for the excerpts",
                                          "GraphML has no place for these, which were left out: "
                                          "who proposed a deal, names in other languages."])

    def test_gexf(self):
        self.round_trip("gexf", 2, ["GEXF has no place for the excerpts",
                                    "10 deals between more parties were left out",
                                    "GEXF has no place for these, which were left out: "
                                    "who proposed a deal, names in other languages."])

    def test_csv(self):
        self.round_trip("csv", None, ["wrote the deals to", "first.entities.csv",
                                      "The excerpts about entities were left out.",
                                      "CSV has no place for these, which were left out: who "
                                      "proposed a deal, names in other languages, the "
                                      "articles’ authors, languages, notes and inferred dates."],
                        keeps_evidence=True)

    def test_csv_formulas(self):
        """Cells a spreadsheet would run are written as text, and read back as they were."""
        dataset = self.dataset
        formulas = ['=HYPERLINK("http://example.com/x","click")', "+1+1", "-2", "@SUM(A1)"]
        for entity, name in zip(dataset["entities"], formulas):
            entity["name"] = name
        dataset["deals"][0]["summary"] = "=1+2"
        source = os.path.join(self.dir, "formulas.json")
        with open(source, "w", encoding="utf-8") as f:
            json.dump(dataset, f)
        first = os.path.join(self.dir, "formulas.csv")
        r = run("--export", first, source)
        self.assertEqual(r.returncode, 0, r.stderr)
        for name in (first, os.path.join(self.dir, "formulas.entities.csv")):
            with open(name, encoding="utf-8", newline="") as f:
                for row in csv.reader(f):
                    for cell in row:
                        self.assertNotIn(cell[:1], ("=", "+", "-", "@"), (name, cell))
        again = read_csv(first)
        self.assertEqual(entities_of(again), entities_of(dataset))
        self.assertEqual(deals_of(again), deals_of(dataset))

    def test_csv_never_replaces_other_files(self):
        out = os.path.join(self.dir, "map.csv")
        entities = os.path.join(self.dir, "map.entities.csv")
        with open(entities, "w", encoding="utf-8") as f:
            f.write("my,own,notes\n")
        r = run("--export", out, BUILTIN)
        self.assertEqual(r.returncode, 2)
        self.assertIn("map.entities.csv: not replaced", r.stderr)
        self.assertFalse(os.path.exists(out))
        with open(entities, encoding="utf-8") as f:
            self.assertEqual(f.read(), "my,own,notes\n")
        # A table Keiretsu wrote is replaced, and both files are named.
        os.remove(entities)
        self.assertEqual(run("--export", out, BUILTIN).returncode, 0)
        r = run("--export", out, BUILTIN)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("map.csv", r.stderr)
        self.assertIn("map.entities.csv", r.stderr)

    def test_ftm(self):
        # FollowTheMoney is read back by Keiretsu itself and seen through GraphML, which holds
        # every field: what differs is what FtM has no place for, and it is said.
        ftm = os.path.join(self.dir, "first.ftm.json")
        seen = os.path.join(self.dir, "seen.graphml")
        r = run("--export", ftm, BUILTIN)
        self.assertEqual(r.returncode, 0, r.stderr)
        for words in ("FollowTheMoney has no place for the excerpts",
                      "expected dates, stakes held before a deal, who proposed a deal"):
            self.assertIn(words, r.stderr)
        r = run("--export", seen, ftm)
        self.assertEqual(r.returncode, 0, r.stderr)
        written = read_graph(seen)

        def ftm_can_hold(dataset):
            entities = {}
            for e in dataset["entities"]:
                # Names in other languages are more aliases.
                aliases = list(e.get("aliases", ())) + list(e.get("names", {}).values())
                entities[e["id"]] = dict(e, aliases=aliases)
            deals = []
            for d in dataset["deals"]:
                d = {k: v for k, v in d.items() if k not in ("expected", "proposed_by")}
                if "stake" in d:
                    d["stake"] = {k: v for k, v in d["stake"].items() if k == "after"}
                    if not d["stake"]:
                        del d["stake"]
                if "value" in d:
                    d["value"] = dict(d["value"], approximate=False)
                deals.append(d)
            return {"entities": list(entities.values()), "deals": deals}

        self.assertEqual(entities_of(written), entities_of(ftm_can_hold(self.dataset)))
        self.assertEqual(deals_of(written), deals_of(ftm_can_hold(self.dataset)))
        # Written again from what was read, the stream is the same, line for line.
        again = os.path.join(self.dir, "again.ftm.json")
        self.assertEqual(run("--export", again, ftm).returncode, 0)
        with open(ftm, encoding="utf-8") as a, open(again, encoding="utf-8") as b:
            first_lines = [json.loads(line) for line in a]
            again_lines = [json.loads(line) for line in b]
        self.assertEqual([e["id"] for e in again_lines], [e["id"] for e in first_lines])

    def test_gexf_positions_and_times(self):
        path = os.path.join(self.dir, "map.gexf")
        self.assertEqual(run("--export", path, BUILTIN).returncode, 0)
        root = ET.parse(path).getroot()
        self.assertTrue(all(n.find("{http://gexf.net/1.3/viz}position") is not None
                            for n in root.iter(GEXF + "node")))
        dated = [e for e in root.iter(GEXF + "edge") if e.get("start")]
        self.assertTrue(dated)
        # Gephi's timeline takes whole days.
        self.assertTrue(all(len(e.get("start")) == 10 for e in dated))

    def positions(self, path):
        viz = "{http://gexf.net/1.3/viz}position"
        return {n.get("id"): (float(n.find(viz).get("x")), float(n.find(viz).get("y")))
                for n in ET.parse(path).getroot().iter(GEXF + "node")}

    def assert_same_drawing(self, first, second, ids=None):
        """The same drawing, wherever it is: each entity as far from the first as it was."""
        ids = sorted(ids or first)
        origin = ids[0]
        for id in ids:
            for axis in (0, 1):
                self.assertAlmostEqual(second[id][axis] - second[origin][axis],
                                       first[id][axis] - first[origin][axis], delta=0.02,
                                       msg=(id, axis))

    def test_gexf_positions_round_trip(self):
        # A GEXF that draws its entities opens as drawn, and is written as it opened.
        first = os.path.join(self.dir, "first.gexf")
        second = os.path.join(self.dir, "second.gexf")
        self.assertEqual(run("--export", first, BUILTIN).returncode, 0)
        r = run("--export", second, first)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assert_same_drawing(self.positions(first), self.positions(second))
        # Whatever engine the map is laid out with.
        r = run("--export", second, "--layout", "sfdp", first)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assert_same_drawing(self.positions(first), self.positions(second))

    def test_gephi_positions(self):
        path = os.path.join(self.dir, "gephi.gexf")
        r = run("--export", path, os.path.join(SRCDIR, "data", "formats", "gephi.gexf"))
        self.assertEqual(r.returncode, 0, r.stderr)
        # Gephi drew Toyota and Subaru; the others are placed around them.
        self.assert_same_drawing({"toyota": (-120.5, 44.25), "subaru": (80.0, -10.0)},
                                 self.positions(path), ["toyota", "subaru"])

    def test_part_of_the_map(self):
        path = os.path.join(self.dir, "focus.graphml")
        r = run("--export", path, "--focus", "nissan", BUILTIN)
        self.assertEqual(r.returncode, 0, r.stderr)
        written = read_graph(path)
        ids = {e["id"] for e in written["entities"]}
        self.assertIn("nissan", ids)
        self.assertLess(len(ids), len(self.dataset["entities"]))
        for deal in written["deals"]:
            self.assertTrue({p["entity"] for p in deal["parties"]} <= ids)


if __name__ == "__main__":
    unittest.main(verbosity=2)
