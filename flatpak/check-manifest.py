#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest without a network.

Usage: check-manifest.py MANIFEST [--app-id ID] [--version VERSION]

Checks that the manifest is valid JSON with the keys a build needs, that its id matches the
application's id (by default the manifest's file name), that every downloaded source is pinned
by a SHA-256 checksum and every git source by a tag and a commit (with --version, the tag of
that release), that local sources exist, and that the sandbox gets no direct file-system access
(files come through the portal). A Graphviz module must build with GTS (sfdp places nothing
without it), leave no plugin development links and not name its plugin list after one ABI
version. When flatpak-builder is installed, it must also read the manifest without a warning
(--show-manifest).

Prints one line per problem as "MANIFEST: WHERE: message" and exits 1 if there is any.
"""
import argparse
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

SHA256 = re.compile(r"[0-9a-f]{64}")
COMMIT = re.compile(r"[0-9a-f]{40}")
REQUIRED = ("runtime", "runtime-version", "sdk", "command", "modules")
DOWNLOADED = ("archive", "file", "extra-data")
# Graphviz names its plugin list after the plugin ABI (config6, config8, ...).
PLUGIN_LIST = re.compile(r"lib/graphviz/config[0-9]")
PLUGIN_LINKS = "/lib/graphviz/*.so"


class Checker:
    def __init__(self, manifest: pathlib.Path, version: str | None):
        self.manifest = manifest
        self.version = version
        self.base = manifest.parent
        self.problems: list[str] = []
        self.modules = 0
        self.sources = 0
        self.built: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.manifest}: {where}: {message}")

    def load(self, path: pathlib.Path, where: str):
        try:
            with path.open(encoding="utf-8") as stream:
                return json.load(stream)
        except OSError as error:
            self.problem(where, f"cannot read {path}: {error.strerror}")
        except json.JSONDecodeError as error:
            self.problem(where, f"{path}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}")
        return None

    def check_top(self, data: dict, app_id: str) -> None:
        manifest_id = data.get("id", data.get("app-id"))
        if manifest_id is None:
            self.problem("$", 'has neither "id" nor "app-id"')
        elif manifest_id != app_id:
            self.problem("$.id", f'is "{manifest_id}", expected "{app_id}"')
        if "id" in data and "app-id" in data and data["id"] != data["app-id"]:
            self.problem("$", '"id" and "app-id" differ')
        for key in REQUIRED:
            if key not in data:
                self.problem("$", f'has no "{key}"')
            elif key != "modules" and not (isinstance(data[key], str) and data[key]):
                self.problem(f"$.{key}", "must be a non-empty string")
        for i, arg in enumerate(data.get("finish-args", [])):
            if not isinstance(arg, str):
                self.problem(f"$.finish-args[{i}]", "must be a string")
            elif arg.startswith("--filesystem"):
                self.problem(f"$.finish-args[{i}]",
                             f'"{arg}": no file-system access, files come through the portal')
        modules = data.get("modules")
        if not isinstance(modules, list) or not modules:
            self.problem("$.modules", "must be a non-empty list")
            return
        self.check_modules(modules, "$.modules", self.base)

    def check_modules(self, modules: list, where: str, base: pathlib.Path) -> None:
        for i, module in enumerate(modules):
            here = f"{where}[{i}]"
            module_base = base
            if isinstance(module, str):
                path = base / module
                if path.suffix != ".json":
                    if not path.is_file():
                        self.problem(here, f"{module} does not exist")
                    continue
                module = self.load(path, here)
                if module is None:
                    continue
                module_base = path.parent
            if not isinstance(module, dict):
                self.problem(here, "must be an object or a file name")
                continue
            self.modules += 1
            if not module.get("name"):
                self.problem(here, 'has no "name"')
            for j, source in enumerate(module.get("sources", [])):
                self.check_source(source, f"{here}.sources[{j}]", module_base)
            # flatpak-builder builds the nested modules first.
            self.check_modules(module.get("modules", []), f"{here}.modules", module_base)
            if module.get("name") == "graphviz":
                self.check_graphviz(module, here)
            self.built.append(module.get("name"))

    def check_graphviz(self, module: dict, where: str) -> None:
        options = module.get("config-opts", [])
        if "--with-gts" not in options:
            self.problem(f"{where}.config-opts",
                         'needs "--with-gts": without GTS, sfdp places entities at NaN')
        if "gts" not in self.built:
            self.problem(where, 'needs a "gts" module built before it')
        if PLUGIN_LINKS not in module.get("cleanup", []):
            self.problem(f"{where}.cleanup",
                         f'needs "{PLUGIN_LINKS}", the plugins\' development links')
        for i, command in enumerate(module.get("post-install", [])):
            if PLUGIN_LIST.search(str(command)):
                self.problem(f"{where}.post-install[{i}]",
                             "names the plugin list after one ABI version; "
                             "test every lib/graphviz/config* that dot -c writes")

    def check_source(self, source, where: str, base: pathlib.Path) -> None:
        if isinstance(source, str):
            path = base / source
            loaded = self.load(path, where) if path.suffix == ".json" else None
            if loaded is None:
                if path.suffix != ".json" and not path.is_file():
                    self.problem(where, f"{source} does not exist")
                return
            for k, inner in enumerate(loaded if isinstance(loaded, list) else [loaded]):
                self.check_source(inner, f"{where}[{k}]", path.parent)
            return
        if not isinstance(source, dict) or "type" not in source:
            self.problem(where, 'must be an object with a "type"')
            return
        self.sources += 1
        kind = source["type"]
        local = "url" not in source and ("path" in source or "paths" in source)
        if local:
            for path in source.get("paths", [source.get("path")]):
                if not path or not (base / path).exists():
                    self.problem(where, f"{path} does not exist")
        elif kind == "git":
            if not COMMIT.fullmatch(str(source.get("commit", ""))):
                self.problem(where, 'a "git" source needs a "commit" of 40 hexadecimal digits')
            tag = source.get("tag")
            if not tag:
                self.problem(where, 'a "git" source needs the "tag" of a release')
            elif self.version and tag != f"v{self.version}":
                self.problem(f"{where}.tag", f'is "{tag}", expected "v{self.version}"')
        elif kind in DOWNLOADED or "url" in source:
            if not source.get("url"):
                self.problem(where, f'a "{kind}" source needs a "url"')
            sha256 = source.get("sha256", "")
            if not (isinstance(sha256, str) and SHA256.fullmatch(sha256)):
                self.problem(where, 'needs a "sha256" of 64 lower-case hexadecimal digits')

    def show_manifest(self) -> str:
        builder = shutil.which("flatpak-builder")
        if builder is None:
            return "flatpak-builder not installed, --show-manifest skipped"
        # flatpak-builder keeps its state in the working directory: give it a throw-away one.
        try:
            with tempfile.TemporaryDirectory(prefix="check-manifest-") as scratch:
                run = subprocess.run(
                    [builder, "--show-manifest", str(self.manifest.resolve())], cwd=scratch,
                    capture_output=True, text=True, timeout=60, check=False)
        except subprocess.TimeoutExpired:
            self.problem("flatpak-builder", "--show-manifest took more than 60 seconds")
            return "flatpak-builder --show-manifest timed out"
        messages = [line for line in run.stderr.splitlines() if line.strip()]
        for line in messages:
            self.problem("flatpak-builder", line.strip())
        if run.returncode != 0:
            self.problem("flatpak-builder", f"--show-manifest exited with status {run.returncode}")
        elif not messages:
            try:
                json.loads(run.stdout)
            except json.JSONDecodeError:
                self.problem("flatpak-builder", "--show-manifest printed no JSON")
        return "flatpak-builder --show-manifest read it"


def main() -> int:
    parser = argparse.ArgumentParser(description="Checks a Flatpak manifest offline.")
    parser.add_argument("manifest", type=pathlib.Path)
    parser.add_argument("--app-id", help="the expected id (default: the file name's stem)")
    parser.add_argument("--version", help="the release that git sources must be tagged with")
    args = parser.parse_args()

    checker = Checker(args.manifest, args.version)
    data = checker.load(args.manifest, "$")
    if data is None:
        print("\n".join(checker.problems))
        return 1
    if not isinstance(data, dict):
        print(f"{args.manifest}: $: must be a JSON object")
        return 1
    checker.check_top(data, args.app_id or args.manifest.stem)
    builder_note = checker.show_manifest()
    if checker.problems:
        print("\n".join(checker.problems))
        print(f"{len(checker.problems)} problem(s) in {args.manifest}")
        return 1
    print(f"{args.manifest}: {checker.modules} modules, {checker.sources} sources checked; "
          f"{builder_note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
