#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest: the right app, runtime and command, and a sandbox that
asks for nothing beyond a window (no network, no files).

usage: check-flatpak-manifest.py MANIFEST APP_ID
"""

import json
import shutil
import subprocess
import sys

EXPECTED_FINISH_ARGS = [
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
]


def main() -> int:
    path, app_id = sys.argv[1], sys.argv[2]
    problems = []

    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        print(f"FAIL: cannot read {path}: {e}")
        return 1

    def expect(key, wanted):
        got = manifest.get(key)
        if got != wanted:
            problems.append(f"{key} is {got!r}, expected {wanted!r}")

    # flatpak-builder accepts either spelling; this manifest uses "id".
    got_id = manifest.get("id", manifest.get("app-id"))
    if got_id != app_id:
        problems.append(f"id is {got_id!r}, expected {app_id!r}")
    expect("runtime", "org.gnome.Platform")
    expect("sdk", "org.gnome.Sdk")
    expect("command", "run-or-rest")

    version = manifest.get("runtime-version")
    if not isinstance(version, str) or not version.isdigit():
        problems.append(f"runtime-version is {version!r}, expected a stable GNOME "
                        "release number such as \"51\"")

    args = manifest.get("finish-args", [])
    for arg in args:
        if arg == "--share=network":
            problems.append("finish-args share the network; the app works offline")
        if arg.startswith("--filesystem="):
            problems.append(f"finish-args ask for file access ({arg}); the app "
                            "uses portals")
    if sorted(args) != sorted(EXPECTED_FINISH_ARGS) or len(set(args)) != len(args):
        problems.append(f"finish-args are {args!r}, expected exactly "
                        f"{EXPECTED_FINISH_ARGS!r}")

    modules = manifest.get("modules", [])
    names = [m.get("name") if isinstance(m, dict) else m for m in modules]
    if "run-or-rest" not in names:
        problems.append(f"no module named run-or-rest among {names!r}")
    else:
        module = modules[names.index("run-or-rest")]
        if module.get("buildsystem") != "meson":
            problems.append("the run-or-rest module does not build with meson")
        if modules[-1] is not module:
            problems.append("the run-or-rest module is not the last one")

    builder = shutil.which("flatpak-builder")
    if builder:
        run = subprocess.run([builder, "--show-manifest", path],
                             capture_output=True, text=True)
        if run.returncode != 0:
            problems.append(f"flatpak-builder --show-manifest failed: {run.stderr.strip()}")
    else:
        print("# flatpak-builder not installed, --show-manifest not run")

    for p in problems:
        print(f"FAIL: {p}")
    if not problems:
        print(f"ok: {path}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
