"""The SSH package's own layering: no import cycles between its modules (type-only
imports included), and no UI code."""

from __future__ import annotations

import ast
from pathlib import Path

import backend_tui.ssh

PACKAGE = Path(backend_tui.ssh.__file__).parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {f"backend_tui.ssh.{p.stem}": p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return {name: _imports(path) & modules.keys() for name, path in modules.items()}


def test_ssh_modules_form_no_cycle() -> None:
    graph = _graph()
    assert "backend_tui.ssh.server" in graph["backend_tui.ssh.cli"]
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, " -> ".join([*trail, name])
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, (*trail, name))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())


def test_ssh_imports_no_ui_code() -> None:
    for path in PACKAGE.glob("*.py"):
        for module in _imports(path):
            # The launcher imports the app; the server only starts it as a process.
            banned = ("backend_tui.ui", "textual", "backend_tui.launcher")
            assert not module.startswith(banned), f"{path.name}: {module}"
