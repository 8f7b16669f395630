#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Datasets from strangers: every bad file gets a clear, short, one-line-per-problem error naming
the file and the place; odd but valid files load; names stay text in every export; exports
never leave a half-written file."""
import html
import json
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

import hostile_corpus

KEIRETSU = os.environ.get("KEIRETSU", "keiretsu")
SRCDIR = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(SRCDIR, "data")
HOSTILE_NAMES = os.path.join(DATA, "good", "hostile-names.json")
SVG = "{http://www.w3.org/2000/svg}"
ENGINES = ("dot", "neato", "fdp", "sfdp", "circo", "twopi")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


# The file-size and record limits follow the memory available (docs/reliability.md): the corpus
# is checked against those of a machine with little memory, whatever this one has.
SMALL_MACHINE = "256M"


def run(*args, timeout=60, prefix=(), stdin=None, memory=SMALL_MACHINE):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["LC_ALL"] = "C.UTF-8"
    env["KEIRETSU_MEMORY"] = memory
    return subprocess.run([*prefix, KEIRETSU, *args], capture_output=True, env=env,
                          input=stdin, timeout=timeout)


def as_nobody(test):
    """A command prefix that drops root, who may read and write anything, to nobody."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        test.skipTest("running as root without setpriv")
    return (setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups")


class Corpus(unittest.TestCase):
    """--check on every file of the corpus."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()
        hostile_corpus.write(cls.dir)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def check_one(self, path, expected):
        r = run("--check", path)
        out = r.stdout.decode("utf-8")  # fails the test if it is not UTF-8
        err = r.stderr.decode("utf-8")
        self.assertNotIn("CRITICAL", err)
        self.assertNotIn("WARNING", err)
        self.assertLess(len(out), 64 * 1024, "the report is short whatever the input")
        if expected is None:
            self.assertEqual(r.returncode, 0, out + err)
            if os.path.getsize(path) < 1024 * 1024:
                # Odd but valid: it draws too.
                svg = os.path.join(self.dir, "odd.svg")
                r = run("--export", svg, path)
                self.assertEqual(r.returncode, 0, r.stderr)
                ET.parse(svg)
            return
        self.assertEqual(r.returncode, 1, out + err)
        for line in out.splitlines():
            self.assertTrue(line.startswith(path + ":"), line[:200])
            self.assertIsNone(CONTROL.search(line), repr(line[:200]))
            self.assertLess(len(line), 1024)
        self.assertIn(expected, out)

    def test_generated(self):
        for name, _, expected in hostile_corpus.cases():
            with self.subTest(name=name):
                self.check_one(os.path.join(self.dir, name), expected)

    def test_hand_written(self):
        bad = os.path.join(DATA, "bad")
        for name in sorted(os.listdir(bad)):
            with self.subTest(name=name):
                self.check_one(os.path.join(bad, name), "")

    def test_names_that_look_like_code_are_valid(self):
        self.check_one(HOSTILE_NAMES, None)


class Limits(unittest.TestCase):
    """The limits grow with the memory available, and a refusal says by how much."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()
        cases = {name: content for name, content, _ in hostile_corpus.cases()}
        for name in ("too-large.json", "too-many-entities.json"):
            with open(os.path.join(cls.dir, name), "wb") as f:
                f.write(cases[name])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def test_refusal_names_file_size_and_limit(self):
        path = os.path.join(self.dir, "too-large.json")
        r = run("--check", path)
        self.assertEqual(r.returncode, 1)
        # GLib writes sizes with a no-break space.
        self.assertIn(path + ": the file is 64.0\u00a0MiB (67108865 bytes), larger than the limit "
                      "of 64.0\u00a0MiB for this computer's memory", r.stdout.decode())

    def test_more_memory_reads_more(self):
        # A quarter of the memory may be file: 64 MiB and a byte is read, and found not JSON.
        r = run("--check", os.path.join(self.dir, "too-large.json"), memory="1G")
        self.assertEqual(r.returncode, 1)
        self.assertNotIn("limit", r.stdout.decode())
        # 4 KiB a record: 262 144 records, so 200 001 entities open.
        r = run("--check", os.path.join(self.dir, "too-many-entities.json"), memory="1G")
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("200001 entities", r.stdout.decode())

    def test_ceiling(self):
        # However much memory there is, a file is never given more than 2 GiB.
        path = os.path.join(self.dir, "sparse.json")
        with open(path, "wb") as f:
            f.truncate(2 * 1024 ** 3)
        r = run("--check", path, memory="64G")
        os.unlink(path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("the file is 2.0\u00a0GiB (2147483648 bytes), larger than the limit of "
                      "2.0\u00a0GiB",
                      r.stdout.decode())


class Files(unittest.TestCase):
    """Files that are not ordinary files."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def expect_error(self, path, fragment, **kwargs):
        r = run("--check", path, timeout=20, **kwargs)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        out = r.stdout.decode()
        self.assertIn(fragment, out)
        return out

    def test_pipe_does_not_hang(self):
        fifo = os.path.join(self.dir, "pipe.json")
        os.mkfifo(fifo)
        self.expect_error(fifo, "not a regular file")

    def test_device_does_not_hang(self):
        self.expect_error("/dev/zero", "not a regular file")

    def test_directory(self):
        self.expect_error(self.dir, "is a folder")

    def test_gone(self):
        link = os.path.join(self.dir, "gone.json")
        os.symlink(os.path.join(self.dir, "deleted.json"), link)
        self.expect_error(link, "gone.json")

    def test_symlink_loop(self):
        link = os.path.join(self.dir, "loop.json")
        os.symlink(link, link)
        self.expect_error(link, "loop.json")

    def test_unreadable(self):
        path = os.path.join(self.dir, "secret.json")
        shutil.copy(os.path.join(DATA, "good", "minimal.json"), path)
        os.chmod(path, 0)
        os.chmod(self.dir, 0o755)
        out = self.expect_error(path, "secret.json", prefix=as_nobody(self))
        self.assertIn("ermission", out)

    def test_strange_file_name(self):
        path = os.path.join(self.dir.encode(), b"bad\x1b[31m\nname\xff.json")
        with open(path, "wb") as f:
            f.write(b"{")
        gone = os.path.join(self.dir.encode(), b"gone\x1b[2J\n.json")
        os.symlink(b"/nonexistent", gone)
        for name in (path, gone):
            r = run("--check", name)
            self.assertEqual(r.returncode, 1)
            lines = r.stdout.decode("utf-8").splitlines()
            self.assertEqual(len(lines), 1, lines)
            self.assertIsNone(CONTROL.search(lines[0]), repr(lines[0]))


def dot_labels(text):
    """The label attributes of a DOT file, with DOT's and Graphviz's escapes undone (backslash
    escapes, then HTML entities, which Graphviz reads in labels)."""
    labels = []
    for m in re.finditer(r'\blabel="((?:[^"\\]|\\.)*)"', text, re.S):
        raw = m.group(1).replace("\\\n", "")
        out, i = [], 0
        while i < len(raw):
            if raw[i] == "\\" and i + 1 < len(raw):
                nxt = raw[i + 1]
                out.append({"n": " ", "l": " ", "r": " ", '"': '"', "\\": "\\"}.get(nxt, "\\" + nxt))
                i += 2
            else:
                out.append(raw[i])
                i += 1
        labels.append(" ".join(html.unescape("".join(out)).split()))
    return labels


class Injection(unittest.TestCase):
    """Names, quotes and URLs are data: they cannot change the graph or the exported files."""

    NAMES = [
        'Quote " Corp" ]; x -> y [label="pwned',
        "Escapes \\N \\G \\E \\T \\H \\L \\n \\l \\r",
        '<b>Bold</b> <i>Italic</i> <span foreground="red">Red</span>',
        "<<table><tr><td>HTML</td></tr></table>>",
        "XML &amp; &lt; &#0; <?xml?> <![CDATA[x]]> </svg>",
        "%s %n %d %1$s {0} ${x} `id`",
        "digraph { a -> b } subgraph cluster_x { }",
    ]

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def export(self, engine, ext):
        out = os.path.join(self.dir, "%s.%s" % (engine, ext))
        r = run("--layout", engine, "--export", out, HOSTILE_NAMES, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn(b"Warning", r.stderr)
        return out

    def test_svg(self):
        for engine in ENGINES:
            with self.subTest(engine=engine):
                root = ET.parse(self.export(engine, "svg")).getroot()  # well-formed XML
                tags = {el.tag.replace(SVG, "") for el in root.iter()}
                self.assertFalse(tags & {"script", "foreignObject", "iframe", "b", "table"}, tags)
                text = " ".join(" ".join("".join(t.itertext()).split())
                                for t in root.iter(SVG + "text"))
                squashed = "".join(text.split())
                for name in self.NAMES:
                    self.assertIn("".join(name.split()), squashed)

    def test_dot(self):
        for engine in ENGINES:
            with self.subTest(engine=engine):
                with open(self.export(engine, "dot"), encoding="utf-8") as f:
                    text = f.read()
                # One node statement per entity and deal hub, whatever the names say.
                self.assertNotIn("pwned\"]", text)
                labels = " ".join(dot_labels(text))
                squashed = "".join(labels.split())
                for name in self.NAMES:
                    self.assertIn("".join(name.split()), squashed, name)

    def test_dot_rendered_by_graphviz(self):
        """Whoever renders the exported DOT with Graphviz sees the names as written."""
        dot = shutil.which("dot")
        if dot is None:
            self.skipTest("Graphviz's dot command is not installed")
        for engine in ENGINES:
            with self.subTest(engine=engine):
                out = os.path.join(self.dir, "%s-rendered.svg" % engine)
                r = subprocess.run([dot, "-K" + engine, "-Tsvg", "-o", out,
                                    self.export(engine, "dot")], capture_output=True, timeout=120)
                self.assertEqual(r.returncode, 0, r.stderr)
                root = ET.parse(out).getroot()
                squashed = "".join("".join("".join(t.itertext()) for t in root.iter(SVG + "text"))
                                   .split())
                for name in self.NAMES:
                    self.assertIn("".join(name.split()), squashed, name)

    def test_png_and_pdf(self):
        for ext, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF")):
            with open(self.export("dot", ext), "rb") as f:
                self.assertEqual(f.read(4), magic)


class LongNames(unittest.TestCase):
    """A name with no place to break: exports take about as long at 64 K characters as at
    16 K, where wrapping it whole took time growing with the square of its length."""

    def test_export_time_does_not_grow_with_the_name(self):
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp)
        for ext in ("dot", "svg"):
            times = []
            for n in (16 * 1024, 64 * 1024 - 1):
                path = os.path.join(tmp, "%d.json" % n)
                with open(path, "wb") as f:
                    f.write(hostile_corpus._long_name(n))
                out = os.path.join(tmp, "out." + ext)
                start = time.monotonic()
                r = run("--export", out, path, timeout=120)
                times.append(time.monotonic() - start)
                self.assertEqual(r.returncode, 0, r.stderr)
                with open(out, encoding="utf-8") as f:
                    text = f.read()
                # The label is cut; the full name stays in the SVG's title and the DOT tooltip.
                self.assertIn("N" * n, text)
                self.assertIn("…", text)
            with self.subTest(ext=ext):
                # Four times the name, at most about as long: quadratic would be 16 times.
                self.assertLess(times[1], 3 * times[0] + 2, times)


class CommandLine(unittest.TestCase):
    """Values given on the command line come back in messages as text: no escape sequence,
    bell, line break or bidirectional override reaches the terminal."""

    HOSTILE = "x\x1b]0;pwned\x07\x1b[2J\r\nfake: ok\u202egnp.exe\u2066\x85"
    UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                        "\u2066-\u2069\u2028\u2029]")

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        self.out = os.path.join(self.dir, "map.svg")

    def assertSafe(self, r, code):
        self.assertEqual(r.returncode, code, r.stderr)
        err = r.stderr.decode("utf-8")
        self.assertIsNone(self.UNSAFE.search(err), repr(err))
        # One line of message, and perhaps one of advice: the value broke none.
        self.assertLessEqual(len(err.splitlines()), 2, repr(err))

    def test_values(self):
        for args, code in (
            (["--focus", self.HOSTILE], 1),
            (["--path", "nissan", self.HOSTILE], 1),
            (["--filter", self.HOSTILE], 2),
            (["--filter", "status=" + self.HOSTILE], 2),
            (["--as-of", self.HOSTILE], 2),
            (["--as-reported", self.HOSTILE], 2),
            (["--layout", self.HOSTILE], 2),
            (["--focus", "nissan", "--depth", self.HOSTILE], 2),
        ):
            with self.subTest(args=args[0]):
                self.assertSafe(run("--export", self.out, *args), code)

    def test_output_name(self):
        self.assertSafe(run("--export", os.path.join(self.dir, self.HOSTILE + ".txt")), 2)
        folder = os.path.join(self.dir, self.HOSTILE + ".svg")
        os.mkdir(folder)
        self.assertSafe(run("--export", folder), 1)

    def test_depth_range(self):
        """--depth takes 1 to 3, as documented: 0 no longer passes as 1."""
        for depth in ("0", "4", "-1", "99999999999999999999", "1.5", ""):
            with self.subTest(depth=depth):
                r = run("--export", self.out, "--focus", "nissan", "--depth", depth)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn("--depth must be between 1 and 3, not “%s”" % depth,
                              r.stderr.decode())
        self.assertFalse(os.path.exists(self.out))


class Addresses(unittest.TestCase):
    """The loader and the JSON Schema agree on which addresses are web addresses."""

    URLS = ["https://example.org/a", "HTTP://EXAMPLE.ORG/", "https://example.org/a b",
            "https://example.org/a\tb", "https://example.org/a\x7fb", "https://example.org/a\x85b",
            "https://example.org/a\u00a0b", "https://example.org/a\u1680b",
            "https://example.org/a\u2009b", "https://example.org/a\u200ab",
            "https://example.org/a\u2028b", "https://example.org/a\u2029b",
            "https://example.org/a\u202fb", "https://example.org/a\u205fb",
            "https://example.org/a\u3000b", "https://example.org/a\ufeffb",
            "https://example.org/a\u200bb"]

    def test_same_verdict(self):
        try:
            import jsonschema
        except ImportError:
            self.skipTest("the Python module jsonschema is not available")
        with open(os.path.join(SRCDIR, "..", "data", "keiretsu-dataset.schema.json")) as f:
            pattern = json.load(f)["$defs"]["article"]["properties"]["url"]["pattern"]
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp)
        for url in self.URLS:
            with self.subTest(url=url):
                path = os.path.join(tmp, "d.json")
                with open(path, "wb") as f:
                    f.write(hostile_corpus._set(["articles", 0, "url"], url))
                loader = run("--check", path).returncode == 0
                schema = jsonschema.Draft202012Validator({"type": "string", "pattern": pattern}) \
                    .is_valid(url)
                self.assertEqual(loader, schema)


class Worker(unittest.TestCase):
    """The layout helper refuses a request it cannot read, without crashing."""

    def test_garbage(self):
        for request in (b"", b"\0" * 7, os.urandom(4096), b"(syia(ydd)a(uub))" * 100):
            r = run("--layout-worker", stdin=request, timeout=30)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertTrue(r.stderr.strip())


class Export(unittest.TestCase):
    """A failed export leaves what was there; a good one replaces it whole."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.out = os.path.join(self.dir, "map.svg")
        with open(self.out, "w") as f:
            f.write("precious")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def assertUntouched(self):
        with open(self.out) as f:
            self.assertEqual(f.read(), "precious")
        self.assertEqual(os.listdir(self.dir), ["map.svg"])

    def test_replaces_whole(self):
        r = run("--export", self.out)
        self.assertEqual(r.returncode, 0, r.stderr)
        ET.parse(self.out)
        self.assertEqual(os.listdir(self.dir), ["map.svg"])

    def test_bad_dataset(self):
        for name, content, expected in hostile_corpus.cases():
            if expected is None or name.startswith(("too-", "deep-", "huge-")):
                continue
            path = os.path.join(self.dir, name)
            with open(path, "wb") as f:
                f.write(content)
            r = run("--export", self.out, path)
            os.unlink(path)
            with self.subTest(name=name):
                self.assertEqual(r.returncode, 1)
                self.assertUntouched()

    def test_too_large_for_png(self):
        """A chain of 4 500 deals is 750 000 points long: too much for a legible PNG."""
        chain = os.path.join(self.dir, "chain.json")
        with open(chain, "wb") as f:
            f.write(hostile_corpus.large_valid(4500))
        png = os.path.join(self.dir, "map.png")
        r = run("--export", png, chain)
        os.unlink(chain)
        self.assertEqual(r.returncode, 1)
        self.assertIn("too large for a PNG", r.stderr.decode())
        self.assertIn("SVG", r.stderr.decode())
        self.assertUntouched()

    def test_unknown_engine(self):
        r = run("--layout", "nope", "--export", self.out)
        self.assertEqual(r.returncode, 2)
        self.assertUntouched()

    def test_destination_is_a_folder(self):
        folder = os.path.join(self.dir, "folder.svg")
        os.mkdir(folder)
        r = run("--export", folder)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(os.path.isdir(folder))
        self.assertEqual(os.listdir(folder), [])

    def test_read_only_folder(self):
        prefix = as_nobody(self)
        os.chmod(self.dir, 0o555)
        try:
            r = run("--export", self.out, prefix=prefix)
            self.assertEqual(r.returncode, 1)
            self.assertIn("cannot write", r.stderr.decode())
        finally:
            os.chmod(self.dir, 0o755)
        self.assertUntouched()

    def test_keeps_mode(self):
        """A private file stays private, as with cp or shell redirection."""
        os.chmod(self.out, 0o600)
        r = run("--export", self.out)
        self.assertEqual(r.returncode, 0, r.stderr)
        ET.parse(self.out)
        self.assertEqual(stat.S_IMODE(os.stat(self.out).st_mode), 0o600)

    def test_longest_name(self):
        """A name of 250 bytes is legal: the temporary file beside it needs a short one."""
        name = os.path.join(self.dir, "n" * 246 + ".svg")
        r = run("--export", name)
        self.assertEqual(r.returncode, 0, r.stderr)
        ET.parse(name)
        self.assertEqual(sorted(os.listdir(self.dir)), sorted(["map.svg", os.path.basename(name)]))

    def test_file_size_limit(self):
        """Under ulimit -f, write() fails with EFBIG: an error, and nothing left behind."""
        def limit():
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env["LC_ALL"] = "C.UTF-8"
        r = subprocess.run([KEIRETSU, "--export", self.out], capture_output=True, env=env,
                           preexec_fn=limit, timeout=60)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("cannot write", r.stderr.decode())
        self.assertIn("too large", r.stderr.decode())
        self.assertUntouched()

    def test_dataset_through_symlink_and_dot_dot(self):
        """link/../map.svg, where link points into another folder, is the file the kernel opens:
        when that is the dataset, it is refused whatever the spelling."""
        home = os.path.join(self.dir, "home")
        other = os.path.join(self.dir, "other")
        os.makedirs(os.path.join(home, "inner"))
        os.mkdir(other)
        dataset = os.path.join(home, "d.svg")
        shutil.copy(os.path.join(DATA, "good", "minimal.json"), dataset)
        os.symlink(os.path.join(home, "inner"), os.path.join(other, "link"))
        hard = os.path.join(other, "hard.svg")
        os.link(dataset, hard)
        for out in ("link/../d.svg", "hard.svg"):
            with self.subTest(out=out):
                r = subprocess.run([KEIRETSU, "--export", out, dataset], capture_output=True,
                                   cwd=other, timeout=60)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn("refusing to overwrite the dataset", r.stderr.decode())
                with open(dataset, "rb") as f:
                    self.assertEqual(f.read()[:1], b"{")

    def test_check_reads_what_the_kernel_opens(self):
        """--check link/../d.json reads the d.json beside where link points, as cat would."""
        home = os.path.join(self.dir, "home")
        other = os.path.join(self.dir, "other")
        os.makedirs(os.path.join(home, "inner"))
        os.mkdir(other)
        shutil.copy(os.path.join(DATA, "good", "minimal.json"), os.path.join(home, "d.json"))
        with open(os.path.join(other, "d.json"), "w") as f:
            f.write("not this one")
        os.symlink(os.path.join(home, "inner"), os.path.join(other, "link"))
        r = subprocess.run([KEIRETSU, "--check", "link/../d.json"], capture_output=True,
                           cwd=other, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(b"link/../d.json: valid", r.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
