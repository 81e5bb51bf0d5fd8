"""Whatever a content file holds, the loader loads it or lists problems; it never crashes."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from helpers.app import FULL_CONTENT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend_tui.content import ContentError, load_content
from backend_tui.content.schema import CARD, EXCHANGE_RATE, ITEM, OPTION, SALARY, SECTION_FILE

FILES = [
    f"{lang}/{name}.toml"
    for lang in ("id", "en")
    for name in ("role", "duties", "skills", "career", "cards")
]

ITEMS_KEPT = 3
CARDS_KEPT = 8

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole-course fixture cut down to a few items and cards: every shape, less to parse."""
    folder = tmp_path_factory.mktemp("property") / "content"
    shutil.copytree(FULL_CONTENT, folder)
    kept: set[str] = set()
    for path in sorted(folder.glob("*/*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if path.stem in ("cards", "glossary"):
            continue
        data["items"] = data["items"][:ITEMS_KEPT]
        kept.update(f"{path.stem}.{item['id']}" for item in data["items"])
        path.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
    for path in folder.glob("*/cards.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        cards = [card for card in data.get("cards", []) if card.get("source") in kept]
        data["cards"] = cards[:CARDS_KEPT]
        path.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
    for path in folder.glob("*/glossary.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data["terms"] = [t for t in data["terms"] if t.get("see", "") in kept][:CARDS_KEPT]
        path.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
    load_content(folder)  # the starting point is clean
    return folder


def present(root: Path) -> list[str]:
    return [name for name in FILES if (root / name).exists()]


def assert_loads_or_lists_problems(root: Path) -> None:
    try:
        load_content(root)
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert isinstance(problem.path, Path)
            assert problem.path.is_relative_to(root)
            assert problem.line >= 1
            assert problem.message.strip()
            assert "\n" not in str(problem), "one problem, one line"


def load_with(root: Path, name: str, data: bytes) -> None:
    """Load the folder with ``name`` holding ``data``, then put the file back."""
    path = root / name
    original = path.read_bytes()
    try:
        path.write_bytes(data)
        assert_loads_or_lists_problems(root)
    finally:
        path.write_bytes(original)


@pytest.fixture(autouse=True)
def files_are_restored(root: Path) -> Iterator[None]:
    before = {name: (root / name).read_bytes() for name in present(root)}
    yield
    assert {name: (root / name).read_bytes() for name in present(root)} == before


# ----------------------------------------------------------------- byte and text edits

edit = st.tuples(
    st.sampled_from(["insert", "delete", "truncate"]),
    st.floats(min_value=0, max_value=1),
    st.binary(min_size=1, max_size=8),
)


def apply(data: bytes, edits: list[tuple[str, float, bytes]]) -> bytes:
    for kind, where, extra in edits:
        at = int(where * len(data))
        if kind == "insert":
            data = data[:at] + extra + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + len(extra) :]
        else:
            data = data[:at]
    return data


@SETTINGS
@given(name=st.sampled_from(FILES), edits=st.lists(edit, min_size=1, max_size=4))
def test_random_byte_edits(root: Path, name: str, edits: list[tuple[str, float, bytes]]) -> None:
    if name not in present(root):
        return
    load_with(root, name, apply((root / name).read_bytes(), edits))


TOML_CHARS = st.sampled_from(list("[]{}=\"'#\n.,\\ \t-_:0123456789aZ\u2028\xe9"))


@SETTINGS
@given(
    name=st.sampled_from(FILES),
    spots=st.lists(
        st.tuples(st.floats(min_value=0, max_value=1), st.text(TOML_CHARS, max_size=4)),
        min_size=1,
        max_size=4,
    ),
)
def test_random_character_edits(root: Path, name: str, spots: list[tuple[float, str]]) -> None:
    if name not in present(root):
        return
    text = (root / name).read_text(encoding="utf-8")
    for where, extra in spots:
        at = int(where * len(text))
        # replace as many characters as are inserted: both growth and damage
        text = text[:at] + extra + text[at + len(extra) // 2 :]
    load_with(root, name, text.encode("utf-8"))


# ----------------------------------------------------------------- valid TOML, wrong shape

KNOWN_KEYS = sorted(
    {*SECTION_FILE, *ITEM, *SALARY, *EXCHANGE_RATE, *CARD, *OPTION, "section", "tab", "intro"}
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=6))
scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["basic", "choice", "typed", "month", "year", "IDR", "USD", "duties.api"]),
    st.integers(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(min_value=dt.datetime(1, 1, 1)),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)
documents = st.dictionaries(keys, values, max_size=6)


@SETTINGS
@given(name=st.sampled_from(FILES), document=documents)
def test_random_toml_documents(root: Path, name: str, document: dict[str, Any]) -> None:
    if name not in present(root):
        return
    load_with(root, name, tomli_w.dumps(document).encode("utf-8"))


def leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path to every value in a parsed TOML document, tables and lists included."""
    if path:
        yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, (*path, index))


def mutate(data: dict[str, Any], path: tuple[Any, ...], action: str, value: Any) -> None:
    *parents, last = path
    target: Any = data
    for step in parents:
        target = target[step]
    if action == "replace":
        target[last] = value
    elif action == "delete":
        del target[last]
    elif isinstance(target[last], dict):
        target[last]["extra_key"] = value
    elif isinstance(target[last], list):
        target[last].append(value)
    else:
        target[last] = [target[last], value]


@SETTINGS
@given(
    name=st.sampled_from(FILES),
    picks=st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=1),
            st.sampled_from(["replace", "delete", "grow"]),
            values,
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_real_files_with_values_changed(
    root: Path, name: str, picks: list[tuple[float, str, Any]]
) -> None:
    """Parse a real file, change a few values deep inside, write it back as TOML."""
    if name not in present(root):
        return
    data = tomllib.loads((root / name).read_text(encoding="utf-8"))
    for where, action, value in picks:
        paths = list(leaves(data))
        if not paths:
            break
        mutate(data, paths[int(where * (len(paths) - 1))], action, value)
    load_with(root, name, tomli_w.dumps(data).encode("utf-8"))
