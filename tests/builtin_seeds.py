# SPDX-License-Identifier: GPL-3.0-or-later
"""What the checks of the built-in dataset against its source articles share.

Each article's note names the seed file it was taken from ("Seed NAME.txt."); texts are
compared once runs of whitespace are collapsed to a single space.
"""

import os
import re
import sys

SKIP = 77
SEED_RE = re.compile(r"Seed (\S+?\.txt)\.")
SPACE_RE = re.compile(r"\s+")


def squash(text):
    return SPACE_RE.sub(" ", text)


def main(argv, checker):
    """Runs checker(DATASET, SEEDS_DIR).run() for the command line "DATASET SEEDS_DIR"; skips
    (77) when SEEDS_DIR does not exist."""
    if len(argv) != 3:
        print(f"usage: {os.path.basename(argv[0])} DATASET SEEDS_DIR", file=sys.stderr)
        return 2
    dataset_path, seeds_dir = argv[1], argv[2]
    if not os.path.isdir(seeds_dir):
        print(f"{seeds_dir}: seeds directory does not exist; skipping")
        return SKIP
    return checker(dataset_path, seeds_dir).run()
