#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Graph files written by other programs: networkx and igraph, as Debian ships them, write
GraphML (and GEXF) that `keiretsu --check` reads and `--export` draws."""
import os
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

KEIRETSU = os.environ.get("KEIRETSU", "keiretsu")
SVG = "{http://www.w3.org/2000/svg}"

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
        line = next(n for n, text in enumerate(open(path), 1) if 'target="nissan"' in text
                    and 'source="nissan"' in text)
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


if __name__ == "__main__":
    unittest.main(verbosity=2)
