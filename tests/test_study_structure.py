"""The study package's own layering: formats apart from the disk, the drill apart from
the store, no import cycles between its modules (type-only imports included)."""

from __future__ import annotations

import ast
from pathlib import Path

import backend_tui.study

PACKAGE = Path(backend_tui.study.__file__).parent
PREFIX = "backend_tui.study."


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # `from backend_tui.study import store` names a module too.
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {f"{PREFIX}{p.stem}": p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return {name: _imports(path) & modules.keys() for name, path in modules.items()}


def _reaches(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in graph[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_the_store_is_split_along_its_seams() -> None:
    graph = _graph()
    for module in ("snapshot", "journal", "store", "saving", "turn", "session"):
        assert f"{PREFIX}{module}" in graph, module
    assert f"{PREFIX}snapshot" in graph[f"{PREFIX}store"]
    assert f"{PREFIX}journal" in graph[f"{PREFIX}store"]


def test_study_modules_form_no_cycle() -> None:
    graph = _graph()
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


def test_formats_and_the_drill_never_reach_the_disk_code() -> None:
    graph = _graph()
    store = f"{PREFIX}store"
    # The file formats are pure text <-> objects; the drill writes only through the
    # save function it is given; a card's turn knows neither the drill nor the disk.
    for module in ("snapshot", "journal", "saving", "session", "turn", "judge", "scheduling"):
        assert store not in _reaches(graph, f"{PREFIX}{module}"), module
    assert f"{PREFIX}journal" not in _reaches(graph, f"{PREFIX}snapshot")
    turn = _reaches(graph, f"{PREFIX}turn")
    assert not turn & {f"{PREFIX}{m}" for m in ("service", "session", "store")}


def test_study_imports_no_ui_code() -> None:
    for path in PACKAGE.glob("*.py"):
        for module in _imports(path):
            assert not module.startswith(("backend_tui.ui", "textual")), f"{path.name}: {module}"


def _calls(path: Path) -> set[str]:
    """Dotted names called in a module (``os.fsync``, ``tempfile.mkstemp``, ``atomic_write``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                found.add(f"{func.value.id}.{func.attr}")
            elif isinstance(func, ast.Name):
                found.add(func.id)
    return found


def test_one_atomic_write_helper_for_every_file_written_whole() -> None:
    source = PACKAGE.parent
    users: set[str] = set()
    for path in source.rglob("*.py"):
        calls = _calls(path)
        name = str(path.relative_to(source))
        # Temp files and renames-over are the helper's job alone. The store also
        # fsyncs the journal it appends to: an append, not a file written whole.
        assert not calls & {"tempfile.mkstemp", "tempfile.NamedTemporaryFile"} or (
            name == "atomic.py"
        ), name
        if "os.fsync" in calls:
            assert name in {"atomic.py", "study/store.py"}, name
        if "atomic_write" in calls:
            users.add(name)
    assert {"study/store.py", "content/cache.py", "ssh/keys.py", "ssh/names.py"} <= users
