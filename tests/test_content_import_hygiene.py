"""The content layer, paths, settings and the command line never load Textual."""

from __future__ import annotations

import importlib.util
import json
import pkgutil
import subprocess
import sys

MODULES = [
    "backend_tui.content",
    "backend_tui.content.loader",
    "backend_tui.content.cache",
    "backend_tui.content.strict",
    "backend_tui.content.model",
    "backend_tui.paths",
    "backend_tui.settings",
    "backend_tui.cli",
]
# The study package is checked whole, module by module, once it exists.
OPTIONAL = "backend_tui.study"


def modules_to_check() -> list[str]:
    spec = importlib.util.find_spec(OPTIONAL)
    if spec is None or spec.submodule_search_locations is None:
        return MODULES
    study = [
        f"{OPTIONAL}.{info.name}" for info in pkgutil.iter_modules(spec.submodule_search_locations)
    ]
    return [*MODULES, OPTIONAL, *sorted(study)]


SCRIPT = """
import importlib, json, sys
for name in {modules!r}:
    importlib.import_module(name)
from backend_tui.content import load_content
from backend_tui.paths import bundled_content_dir
content = load_content(bundled_content_dir())
print(json.dumps({{
    "textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")),
    "languages": sorted(content.languages),
}}))
"""


def test_content_and_cli_import_without_textual() -> None:
    modules = modules_to_check()
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(modules=modules)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == {"textual": [], "languages": ["en", "id"]}
