#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every language in po/LINGUAS: msgfmt --check clean, and every message of the current
sources translated (none missing, untranslated or fuzzy)."""
import pathlib
import subprocess
import sys
import tempfile

root = pathlib.Path(sys.argv[1])
po = root / "po"
languages = [w for line in (po / "LINGUAS").read_text().splitlines()
             for w in line.split("#")[0].split()]
if not languages:
    print("po/LINGUAS lists no language")
    sys.exit(1)

failed = False
with tempfile.TemporaryDirectory() as tmp:
    pot = pathlib.Path(tmp) / "keiretsu.pot"
    # The messages as the sources have them now, extracted as meson's glib preset does.
    subprocess.run(
        ["xgettext", "--from-code=UTF-8", "--add-comments", "--keyword=_", "--keyword=N_",
         "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3",
         "--keyword=ngettext:1,2", "--directory", str(root),
         "--files-from", str(po / "POTFILES.in"), "--output", str(pot)],
        check=True)
    for lang in languages:
        path = po / f"{lang}.po"
        check = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
                               capture_output=True, text=True)
        report = (check.stdout + check.stderr).strip()
        if check.returncode != 0 or "untranslated" in report or "fuzzy" in report:
            print(f"{path}: {report}")
            failed = True
        compare = subprocess.run(["msgcmp", str(path), str(pot)], capture_output=True, text=True)
        if compare.returncode != 0:
            lines = compare.stderr.strip().splitlines()
            print(f"{path}: {len(lines)} lines of differences with the sources, for example:")
            print("\n".join(lines[:6]))
            failed = True
        if not failed:
            print(f"{path}: {report}")
sys.exit(1 if failed else 0)
