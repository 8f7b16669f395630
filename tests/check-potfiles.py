#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a source file with translatable strings is missing from po/POTFILES.in."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = {line.strip() for line in (root / "po" / "POTFILES.in").read_text().splitlines()
          if line.strip() and not line.startswith("#")}
marker = re.compile(r'(^|[^A-Za-z0-9_])(_|N_|C_|NC_) ?\(|g_dngettext|translatable="yes"')
missing, stale = [], []
for path in sorted(list(root.glob("src/**/*.c")) + list(root.glob("ui/**/*.ui"))):
    rel = path.relative_to(root).as_posix()
    if marker.search(path.read_text(encoding="utf-8")) and rel not in listed:
        missing.append(rel)
for rel in sorted(listed):
    if not (root / rel).exists():
        stale.append(rel)
for rel in missing:
    print(f"po/POTFILES.in: missing {rel}, which has translatable strings")
for rel in stale:
    print(f"po/POTFILES.in: lists {rel}, which does not exist")
if missing or stale:
    sys.exit(1)
print(f"po/POTFILES.in lists all {len(listed)} files with translatable strings")
