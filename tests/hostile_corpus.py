# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile datasets that are too large, too many or too odd to keep in git as files.

Each case is (name, bytes, expected): the file's name, its content, and a piece of the message
`keiretsu --check` must print for it, or None when the file is odd but valid and must load. The small hand-written cases live in tests/data/bad/;
these are made from tests/data/good/minimal.json by changing one thing.

Run as a script, it writes the cases into a folder (the fuzzers' seed corpus uses it):

    python3 tests/hostile_corpus.py OUTDIR
"""

import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MINIMAL = os.path.join(HERE, "data", "good", "minimal.json")


def _base():
    with open(MINIMAL, encoding="utf-8") as f:
        return json.load(f)


def _dump(data):
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _with(change):
    data = copy.deepcopy(_base())
    change(data)
    return _dump(data)


def _set(path, value):
    """A copy of the minimal dataset with the member at path (a list of keys) set to value."""

    def change(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return _with(change)


def _raw_number(path, literal):
    """Like _set, but writes a number literal that json.dumps cannot produce (1e999)."""
    marker = "__KR_NUMBER__"
    return _set(path, marker).replace(b'"' + marker.encode() + b'"', literal.encode())


def _many_entities(n):
    data = _base()
    data["entities"] = [
        {"id": "e%d" % i, "name": "Entity %d" % i, "kind": "company"} for i in range(n)
    ]
    data["deals"] = []
    return _dump(data)


def large_valid(n):
    """n entities in a chain of n - 1 deals, each with its excerpt: big, but within the limits."""
    data = _base()
    data["articles"] = data["articles"][:1]
    data["entities"] = [
        {"id": "e%d" % i, "name": "Entity number %d" % i, "kind": "company", "country": "JP"}
        for i in range(n)
    ]
    data["deals"] = [
        {
            "id": "d%d" % i,
            "kind": "supply",
            "status": "active",
            "summary": "Entity %d supplies entity %d." % (i, i + 1),
            "parties": [
                {"entity": "e%d" % i, "role": "supplier"},
                {"entity": "e%d" % (i + 1), "role": "customer"},
            ],
            "evidence": [{"article": "a1", "quote": "Entity %d supplies %d." % (i, i + 1)}],
        }
        for i in range(n - 1)
    ]
    return _dump(data)


def _nested(levels):
    head = b'{"format":"keiretsu-dataset","version":1,"title":"deep","articles":'
    return head + b"[" * levels + b"]" * levels + b',"entities":[],"deals":[]}'


def _ownership_cycle():
    def change(data):
        data["deals"] = [
            {
                "id": "own-%d" % i,
                "kind": "ownership",
                "status": "active",
                "summary": "A cycle of ownership.",
                "parties": [
                    {"entity": a, "role": "parent"},
                    {"entity": b, "role": "subsidiary"},
                ],
                "evidence": [{"article": "a1", "quote": "They own each other."}],
            }
            for i, (a, b) in enumerate(
                [("example", "sample"), ("sample", "third"), ("third", "example")]
            )
        ]
    return _with(change)


def _replace(old, new):
    """The minimal dataset as JSON text with old replaced by new, once: for what json.dumps
    cannot write (comments, single quotes, members given twice)."""
    text = _dump(_base())
    assert old in text, old
    return text.replace(old, new, 1)


def _long_name(n):
    """A name of n characters with no place to break a line."""
    return _set(["entities", 0, "name"], "N" * n)


MIB = 1024 * 1024

# JSON that is not JSON, each an error with its place whatever json-glib accepts: the file's
# name, the text replaced in the minimal dataset, what replaces it, and what the message says.
NOT_JSON = [
    ("comment-line.json", b'"version": 1,', b'"version": 1, // one', "comments"),
    ("comment-block.json", b'"version": 1,', b'/* v */ "version": 1,', "comments"),
    ("single-quoted.json", b'"Minimal example"', b"'Minimal example'", "double quotes"),
    ("hex-version.json", b'"version": 1', b'"version": 0x1', "not a JSON number"),
    ("escape-v.json", b"Example Corp", b"Example\\vCorp", "not a JSON escape"),
    ("escape-x.json", b"Example Corp", b"Example\\x41Corp", "not a JSON escape"),
    ("escape-zero.json", b"Minimal example", b"Minimal\\0example", "not a JSON escape"),
    ("escaped-nul.json", b"Minimal example", b"Minimal\\u0000example", "NUL"),
    ("raw-newline.json", b"Example Corp", b"Example\nCorp", "control character"),
    ("raw-tab.json", b"Example Corp", b"Example\tCorp", "control character"),
    ("trailing-comma.json", b'"entities": [', b'"entities": [,', "syntax error"),
    ("duplicate-status.json", b'"status": ', b'"status": "active", "status": ', "given twice"),
    ("duplicate-deals.json", b'"deals": [', b'"deals": [], "deals": [', "given twice"),
    ("duplicate-url.json", b'"url": ', b'"url": "https://a.example/", "url": ', "given twice"),
    ("duplicate-escaped.json", b'"title": ', b'"title": "A", "titl\\u0065": ', "given twice"),
    ("integer-overflow.json", b'"version": 1', b'"version": 99999999999999999999', "99999999999999999999 is out of range"),
]


def cases():
    """Yields (name, content, expected message fragment)."""
    yield "bom.json", b"\xef\xbb\xbf" + _dump(_base()), None
    yield "bom-then-nothing.json", b"\xef\xbb\xbf\xef\xbb\xbf{}", "format"
    yield "only-whitespace.json", b"   \n\t  \n", "empty"
    yield "nul-in-string.json", _dump(_base()).replace(b"Example Corp", b"Exa\x00mple", 1), "NUL"
    yield "overlong-utf8.json", _dump(_base()).replace(b"Example Corp", b"Ex\xc0\xafmple", 1), "UTF-8"
    yield "lone-surrogate.json", _dump(_base()).replace(
        b"Example Corp", b"Ex\\ud800ample", 1
    ), "not valid Unicode"
    yield "huge-name.json", _set(["entities", 0, "name"], "N" * MIB), "entities[0].name"
    yield "huge-quote.json", _set(
        ["deals", 0, "evidence", 0, "quote"], "Q" * (2 * MIB)
    ), "deals[0].evidence[0].quote"
    yield "empty-name.json", _set(["entities", 1, "name"], ""), "entities[1].name"
    yield "empty-id.json", _set(["entities", 1, "id"], ""), "entities[1].id"
    yield "blank-summary.json", _set(["deals", 0, "summary"], "   "), "deals[0].summary"
    yield "number-as-name.json", _set(["entities", 0, "name"], 42), "entities[0].name"
    yield "object-as-parties.json", _set(["deals", 1, "parties"], {}), "deals[1].parties"
    yield "null-evidence.json", _set(["deals", 0, "evidence"], None), "deals[0].evidence"
    yield "string-version.json", _set(["version"], "1"), "version"
    yield "huge-version.json", _raw_number(["version"], "1e999"), "version"
    yield "infinite-amount.json", _raw_number(["deals", 0, "value", "amount"], "1e999"), "deals[0].value.amount"
    yield "negative-amount.json", _set(["deals", 0, "value", "amount"], -5), "deals[0].value.amount"
    yield "negative-stake.json", _set(["deals", 0, "stake", "after"], -1), "deals[0].stake.after"
    yield "stake-above-100.json", _set(["deals", 0, "stake", "before"], 100.5), "deals[0].stake.before"
    yield "tiny-stake.json", _raw_number(["deals", 0, "stake", "after"], "-1e-999"), None
    yield "nan-stake.json", _raw_number(["deals", 0, "stake", "after"], "NaN"), "syntax error"
    yield "date-not-a-date.json", _set(["deals", 0, "date"], "yesterday"), "deals[0].date"
    yield "date-feb-30.json", _set(["deals", 0, "date"], "2024-02-30"), "deals[0].date"
    yield "date-month-13.json", _set(["articles", 0, "date"], "2024-13"), "articles[0].date"
    yield "date-year-0.json", _set(["articles", 0, "date"], "0000-01-01"), "articles[0].date"
    yield "javascript-url.json", _set(["articles", 0, "url"], "javascript:alert(1)"), "articles[0].url"
    yield "file-url.json", _set(["articles", 0, "url"], "file:///etc/passwd"), "articles[0].url"
    yield "dangling-evidence.json", _set(
        ["deals", 0, "evidence", 0, "article"], "no-such-article"
    ), "deals[0].evidence[0].article"
    yield "dangling-proposer.json", _set(["deals", 2, "proposed_by"], ["ghost"]), "deals[2].proposed_by"
    yield "duplicate-across-kinds.json", _set(["entities", 0, "id"], "buy"), "id"
    yield "ownership-cycle.json", _ownership_cycle(), None
    yield "huge-unknown-member.json", _set(["entities", 0, "k" * MIB], 1), "unknown member"
    yield "surrogate-member.json", _set(["entities", 0, "__KR_KEY__"], 1).replace(
        b"__KR_KEY__", b"\\ud800"
    ), "not valid Unicode"
    yield "escape-in-kind.json", _set(["entities", 0, "kind"], "\x1b[2J\x1b[31mred\n"), "unknown kind"
    yield "escape-in-id.json", _set(["deals", 0, "parties", 0, "entity"], "\x1b]0;pwned\x07"), "unknown entity"
    for name, old, new, expected in NOT_JSON:
        yield name, _replace(old, new), expected
    yield "octal-amount.json", _raw_number(["deals", 0, "value", "amount"], "012"), "not a JSON number"
    yield "leading-dot-stake.json", _raw_number(["deals", 0, "stake", "after"], ".5"), "not a JSON number"
    yield "trailing-dot-stake.json", _raw_number(["deals", 0, "stake", "after"], "5."), "not a JSON number"
    # Addresses: the loader refuses the white space the JSON Schema refuses.
    for name, space in (("nbsp", "\u00a0"), ("thin", "\u2009"), ("line-separator", "\u2028"),
                        ("ideographic", "\u3000"), ("bom", "\ufeff")):
        yield "url-%s.json" % name, _set(["articles", 0, "url"], "https://example.org/a%sb" % space), "articles[0].url"
    # Names that read backwards or ring the bell are shown, never obeyed.
    yield "bidi-name.json", _set(["entities", 0, "name"], "Example \u202egnp.exe\u202c Corp"), None
    yield "bidi-kind.json", _set(["entities", 0, "kind"], "\u202eynapmoc\x07"), "unknown kind"
    # A name with no place to break, at the loader's limit: it loads, and draws quickly.
    yield "unbreakable-name.json", _long_name(64 * 1024 - 1), None
    yield "too-many-entities.json", _many_entities(200_001), "200000"
    yield "large-valid.json", large_valid(100_000), None
    yield "deep-100000.json", _nested(100_000), "nested"
    yield "too-large.json", b" " * (64 * MIB + 1), "larger than the limit"
    yield from xml_cases()
    yield from gexf_cases()
    yield from csv_cases()

    yield from ftm_cases()


GRAPHML_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'


def _graphml(body):
    return GRAPHML_HEAD + b'<graph edgedefault="directed">\n' + body + b"</graph>\n</graphml>\n"


def xml_cases():
    """XML that must be refused without reading anything it points to or expanding anything."""
    laughs = b'<!DOCTYPE graphml [\n<!ENTITY l0 "ha">\n' + b"".join(
        b'<!ENTITY l%d "%s">\n' % (i, (b"&l%d;" % (i - 1)) * 10) for i in range(1, 10)
    ) + b"]>\n"
    yield "xxe.graphml", b'<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + _graphml(
        b'<node id="a"><data key="label">&x;</data></node>\n'
    )[len(b'<?xml version="1.0" encoding="UTF-8"?>\n'):], "2:1: the file declares a DTD"
    yield "billion-laughs.graphml", b'<?xml version="1.0"?>\n' + laughs + _graphml(
        b'<node id="a"><data key="label">&l9;</data></node>\n'
    )[len(b'<?xml version="1.0" encoding="UTF-8"?>\n'):], "DTD"
    yield "external-dtd.graphml", b'<?xml version="1.0"?>\n<!DOCTYPE graphml SYSTEM "http://example.org/graphml.dtd">\n<graphml/>\n', "DTD"
    yield "undeclared-entity.graphml", _graphml(b'<node id="&x;"/>\n'), "4:11: syntax error: the entity &x; is not defined"
    yield "huge-attribute.graphml", _graphml(b'<node id="a"><data key="label">' + b"N" * (2 * MIB) + b"</data></node>\n"), "4:1: name"
    yield "deep.graphml", _graphml(b"<x>" * 100_000 + b"</x>" * 100_000), "nested"
    yield "bad-utf8.graphml", _graphml(b'<node id="a\xff"/>\n'), "not valid UTF-8"
    yield "truncated.graphml", _graphml(b'<node id="a"/>\n<edge source="a" target="b"/>\n')[:-40], "syntax error"
    yield "not-graphml.graphml", b"<gexf/>", "not a GraphML file"
    yield "empty.graphml", b"", "empty"
    yield "too-many-nodes.graphml", _graphml(b"".join(b'<node id="n%d"/>' % i for i in range(200_001))), "200000"
    yield "odd-ids.graphml", _graphml(
        b'<node id="\xe6\x97\xa5\xe7\x94\xa3"/><node id="A B"/><node id="a-b"/>'
        b'<edge source="\xe6\x97\xa5\xe7\x94\xa3" target="A B"/><edge source="a-b" target="A B"/>\n'
    ), None


def gexf_cases():
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    gexf = b'<gexf xmlns="http://gexf.net/1.3" version="1.3">\n<graph>\n'
    yield "xxe.gexf", head + b'<!DOCTYPE gexf [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + gexf + (
        b'<nodes><node id="a" label="&x;"/></nodes>\n</graph>\n</gexf>\n'
    ), "2:1: the file declares a DTD"
    yield "huge-label.gexf", head + gexf + b'<nodes><node id="a" label="' + b"L" * (2 * MIB) + b'"/></nodes>\n</graph>\n</gexf>\n', "4:8: name"
    yield "deep.gexf", head + gexf + b"<x>" * 100_000, "nested"
    yield "bad-utf8.gexf", head + gexf + b'<nodes><node id="a" label="\xc0\xaf"/></nodes>\n</graph>\n</gexf>\n', "not valid UTF-8"
    yield "truncated.gexf", head + gexf + b'<nodes><node id="a" label="A"/><node id="b" lab', "syntax error"
    yield "nan-position.gexf", head + gexf + (
        b'<nodes><node id="a" label="A"><position x="nan" y="inf"/></node></nodes>\n</graph>\n</gexf>\n'
    ), None


def csv_cases():
    """Spreadsheets that must be refused at the row and column of what is wrong in them."""
    head = b"From,To,Type\r\n"
    yield "unterminated-quote.csv", head + b'A,B,"alliance\r\nC,D,merger\r\n', "2:3: a quoted cell does not end"
    yield "stray-quote.csv", head + b'A,B,all"iance\r\n', "2:3: a quote in a cell"
    yield "nul.csv", head + b"A,B\x00,alliance\r\n", "2:2: the cell holds a NUL byte"
    yield "bad-utf8.csv", head + b"A,B,\xc0\xaf\r\n", "2:3: the cell is not UTF-8 text"
    yield "utf16.csv", "From,To\r\nA,B\r\n".encode("utf-16"), "UTF-16"
    yield "huge-cell.csv", head + b'A,B,"' + b"C" * (2 * MIB) + b'"\r\n', "2:3: the cell is longer than the limit"
    yield "endless-cell.csv", head + b'A,B,"' + b"C" * (2 * MIB), "2:3: the cell is longer than the limit"
    yield "too-many-columns.csv", b",".join(b"c%d" % i for i in range(300)) + b"\r\n", "1:257: the row has more than 256 columns"
    yield "too-many-rows.csv", head + b"".join(b"a%d,b%d,x\r\n" % (i, i) for i in range(200_001)), "200000"
    yield "one-party.csv", head + b"A,,alliance\r\n", "2:1: parties"
    yield "escape-in-cell.csv", head + b"\x1b]0;pwned\x07,B,alliance\r\n", None

def _ftm(*entities):
    """FollowTheMoney lines: (id, schema, properties) each."""
    return b"".join(json.dumps({"id": i, "schema": s, "properties": p}, ensure_ascii=False).encode()
                    + b"\n" for i, s, p in entities)


FTM_PAIR = (("a", "Company", {"name": ["A"]}), ("b", "Person", {"name": ["B"]}))


def ftm_cases():
    """FollowTheMoney streams, read a line at a time: each problem is placed at its line."""
    yield "huge-line.ftm.json", b'{"id": "a", "schema": "Company", "properties": {"name": ["' + b"N" * (100 * MIB) + b'"]}}\n', "larger than the limit"
    yield "huge-name.ftm.json", _ftm(("a", "Company", {"name": ["N" * (2 * MIB)]})), ":1: name: text is"
    yield "deep-properties.ftm.json", _ftm(FTM_PAIR[0]) + b'{"id": "x", "schema": "Company", "properties": {"name": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}\n", ":2:"
    yield "bad-utf8.ftm.json", _ftm(*FTM_PAIR) + b'{"id": "c", "schema": "Company", "properties": {"name": ["\xc0\xaf"]}}\n', ":3:"
    yield "nul.ftm.json", _ftm(FTM_PAIR[0]) + b'{"id": "c\x00", "schema": "Company"}\n', "NUL"
    yield "unknown-schema.ftm.json", _ftm(*FTM_PAIR, ("s", "Sanction", {"entity": ["a"]}), ("v", "Vessel", {"name": ["V"]})), None
    yield "missing-end.ftm.json", _ftm(*FTM_PAIR, ("o", "Ownership", {"owner": ["b"], "asset": ["nowhere"]})), ':3: asset.entity: unknown entity "nowhere"'
    yield "cycle.ftm.json", _ftm(*FTM_PAIR, ("o1", "Ownership", {"owner": ["a"], "asset": ["b"]}), ("o2", "Ownership", {"owner": ["b"], "asset": ["a"]})), None
    yield "self-link.ftm.json", _ftm(FTM_PAIR[0], ("o", "Ownership", {"owner": ["a"], "asset": ["a"]})), "already a party"
    yield "duplicate-ids.ftm.json", _ftm(*FTM_PAIR, ("a", "Person", {"name": ["A again"]})), ':3: id "a" is already a Company on line 1'
    yield "fragments.ftm.json", _ftm(*FTM_PAIR, ("a", "Company", {"alias": ["A2"]})), None
    yield "huge-property-list.ftm.json", _ftm(("a", "Company", {"name": ["A"], "alias": ["alias %d" % i for i in range(300_000)]})), None
    yield "too-many-lines.ftm.json", _ftm(*(("e%d" % i, "Company", {"name": ["E"]}) for i in range(200_001))), "200000"
    yield "not-ftm.ftm.json", _base_text(), ":1:"
    yield "numbers.ftm.json", _ftm(("a", "Company", {"name": [1]})), ':1: property "name" must be an array of strings'
    yield "empty.ftm.json", b"\n\n", "empty"


def _base_text():
    with open(MINIMAL, "rb") as f:
        return f.read()


def write(outdir):
    os.makedirs(outdir, exist_ok=True)
    for name, content, _ in cases():
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(content)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: hostile_corpus.py OUTDIR")
    write(sys.argv[1])
