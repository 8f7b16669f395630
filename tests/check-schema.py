#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validate Keiretsu datasets against the dataset JSON Schema.

Usage: check-schema.py SCHEMA DATASET... [--expect-invalid DATASET...]

The schema itself is checked first.  Each DATASET before --expect-invalid must be valid;
every problem is printed as FILE:$.json.path: message.  Each DATASET after
--expect-invalid must be rejected by the schema; the problems found are listed, indented,
so that a reader can see the file fails for the intended reason.

Exit status: 0 when everything checks out, 1 on any failure, 2 on a usage error, 77 (skip)
when the Python module jsonschema (Debian: python3-jsonschema) is not available.
"""

import json
import re
import sys

SKIP = 77
IDENTIFIER_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

try:
    import jsonschema
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match
except ImportError as e:
    print(
        f"check-schema.py: skipped: the Python module jsonschema 4 or later is not available "
        f"({e}); install python3-jsonschema",
        file=sys.stderr,
    )
    sys.exit(SKIP)


def json_path(parts):
    """Formats a sequence of keys and indices as a JSON path such as $.deals[3].parties."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif IDENTIFIER_RE.match(part):
            out += f".{part}"
        else:
            out += "[" + json.dumps(part, ensure_ascii=False) + "]"
    return out


def path_key(error):
    return [(0, p, "") if isinstance(p, int) else (1, 0, p) for p in error.absolute_path]


def load_json(filename):
    """Returns (document, None), or (None, problem) when the file cannot be read or parsed."""
    try:
        with open(filename, "rb") as f:
            data = f.read()
    except OSError as e:
        return None, f"{filename}: cannot read: {e.strerror}"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return None, f"{filename}: not valid UTF-8 at byte {e.start}"
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return json.loads(text), None
    except json.JSONDecodeError as e:
        return None, f"{filename}:{e.lineno}:{e.colno}: syntax error: {e.msg}"


def problems(validator, filename):
    """Returns the list of problems found in a dataset, each a formatted line."""
    document, problem = load_json(filename)
    if problem is not None:
        return [problem]
    lines = []
    for error in sorted(validator.iter_errors(document), key=path_key):
        # For anyOf/oneOf failures, report the most relevant branch rather than the summary.
        while error.context:
            error = best_match(error.context)
        lines.append(f"{filename}:{json_path(error.absolute_path)}: {error.message}")
    return lines


def main(argv):
    if len(argv) < 2 or argv[0].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2

    schema_file, rest = argv[0], argv[1:]
    valid, invalid = [], []
    target = valid
    for arg in rest:
        if arg == "--expect-invalid":
            target = invalid
        elif arg.startswith("--"):
            print(f"check-schema.py: unknown option {arg}", file=sys.stderr)
            return 2
        else:
            target.append(arg)
    if not valid and not invalid:
        print("check-schema.py: no dataset given", file=sys.stderr)
        return 2

    schema, problem = load_json(schema_file)
    if problem is not None:
        print(problem)
        return 1
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"{schema_file}:{json_path(e.absolute_path)}: invalid schema: {e.message}")
        return 1
    validator = Draft202012Validator(schema)

    failed = False
    for filename in valid:
        found = problems(validator, filename)
        for line in found:
            print(line)
        failed |= bool(found)

    for filename in invalid:
        found = problems(validator, filename)
        if not found:
            print(f"{filename}: expected to be invalid, but it passes the schema")
            failed = True
            continue
        print(f"{filename}: rejected as expected:")
        for line in found:
            print(f"  {line}")

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
