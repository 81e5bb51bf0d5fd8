"""The fields of every content table, how each is checked, and how a record is built.

A field is declared once, here: its TOML key, its kind, whether it is required and
the model attribute it fills. :func:`check` validates a table against its schema and
:func:`build` makes the model record from it, so a plain new field (text, list,
number, true/false) is one line in a schema plus the attribute on the model.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from backend_tui.content.problems import Message
from backend_tui.content.source import Source

T = TypeVar("T")

ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""Ids are matched whole (``fullmatch``): a trailing newline is not part of a valid id."""

CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 control characters and DEL, except tab and newline. In a terminal they
are commands (ESC starts colour, title, clipboard and query sequences), not text."""

FieldKind = Literal["str", "int", "bool", "number", "date", "strlist", "table", "tablelist"]

_KIND_WORDS: dict[FieldKind, str] = {
    "str": "problem_kind_str",
    "int": "problem_kind_int",
    "bool": "problem_kind_bool",
    "number": "problem_kind_number",
    "date": "problem_kind_date",
    "strlist": "problem_kind_strlist",
    "table": "problem_kind_table",
    "tablelist": "problem_kind_tablelist",
}
"""The words for each kind of value, by problem key."""


def _is_kind(value: Any, kind: FieldKind) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind == "strlist":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "table":
        return isinstance(value, dict)
    if kind == "tablelist":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    raise AssertionError(kind)


@dataclass(frozen=True, slots=True)
class Field:
    kind: FieldKind
    required: bool = True
    attr: str | None = None
    """The model attribute it fills, when not named like the key; ``""`` for none."""


SECTION_FILE = {
    "section": Field("table", attr=""),
    "items": Field("tablelist", attr=""),
    "salaries": Field("tablelist", required=False, attr=""),
    "exchange_rate": Field("table", required=False, attr=""),
    "references": Field("tablelist", required=False, attr=""),
}
SECTION_TABLE = {
    "tab": Field("str"),
    "title": Field("str"),
    "intro": Field("str", required=False),
}
ITEM = {
    "id": Field("str"),
    "title": Field("str"),
    "body": Field("str"),
    "number": Field("int", required=False),
    "technologies": Field("strlist", required=False),
    "note": Field("str", required=False),
}
SALARY = {
    "id": Field("str"),
    "region": Field("str"),
    "currency": Field("str"),
    "low": Field("int"),
    "high": Field("int"),
    "period": Field("str"),
    "original": Field("str"),
    "period_stated": Field("bool", required=False),
    "note": Field("str", required=False),
}
EXCHANGE_RATE = {
    "currency": Field("str"),
    "per_usd": Field("number"),
    "as_of": Field("date"),
    "approximate": Field("bool"),
    "note": Field("str", required=False),
}
REFERENCE = {"id": Field("str"), "title": Field("str")}
CARDS_FILE_SCHEMA = {"cards": Field("tablelist", attr="")}
CARD = {
    "id": Field("str"),
    "source": Field("str"),
    "type": Field("str", attr="kind"),
    "front": Field("str"),
    "back": Field("str"),
    "options": Field("tablelist", required=False),
    "answers": Field("strlist", required=False),
    "origin": Field("str", required=False),
}
OPTION = {"text": Field("str"), "correct": Field("bool", required=False)}
GLOSSARY_FILE_SCHEMA = {"terms": Field("tablelist", attr="")}
TERM = {
    "id": Field("str"),
    "term": Field("str"),
    "meaning": Field("str"),
    "see": Field("str", required=False),
}


def _control(text: str) -> str | None:
    """The first control character in ``text``, named for a message, or None."""
    found = CONTROL_RE.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def check(
    file: Source,
    data: Mapping[str, Any],
    schema: Mapping[str, Field],
    what: str | Message,
    table: str | None = None,
    index: int = 0,
    line: Callable[[], int] | None = None,
) -> bool:
    """Report unknown keys, missing fields, wrong types, empty texts and control characters.

    Returns True when the table is usable (every required field present and of the
    right kind); ``line`` gives the one line of every report (inline tables, whose
    keys the locator cannot see).
    """

    def where(key: str | None) -> int:
        if line is not None:
            return line()
        if key is None:
            return file.at.table(table, index) if table else 1
        return file.at.key(key, table, index)

    ok = True
    for key in data:
        if key not in schema:
            hint = difflib.get_close_matches(key, list(schema), n=1)
            fix = (
                Message("problem_did_you_mean", hint=hint[0])
                if hint
                else Message("problem_remove_it")
            )
            allowed = ", ".join(schema)
            file.report(
                where(key),
                Message("problem_unknown_key", key=key, what=what, fix=fix, allowed=allowed),
            )
    for key, spec in schema.items():
        if key not in data:
            if spec.required:
                ok = False
                kind = Message(_KIND_WORDS[spec.kind])
                file.report(
                    where(None), Message("problem_missing_key", what=what, key=key, kind=kind)
                )
            continue
        value = data[key]
        if not _is_kind(value, spec.kind):
            ok = False
            kind = Message(_KIND_WORDS[spec.kind])
            named = type(value).__name__
            file.report(
                where(key), Message("problem_wrong_kind", key=key, what=what, kind=kind, type=named)
            )
            continue
        texts = [value] if spec.kind == "str" else value if spec.kind == "strlist" else []
        control = next((c for c in map(_control, texts) if c), None)
        if control is not None:
            ok = False
            file.report(where(key), Message("problem_control", key=key, what=what, control=control))
        elif spec.kind == "str" and not value.strip():
            ok = ok and not spec.required
            file.report(where(key), Message("problem_empty", key=key, what=what))
        elif spec.kind == "strlist" and any(not v.strip() for v in value):
            file.report(where(key), Message("problem_empty_entry", key=key, what=what))
    return ok


def valid_id(value: str) -> bool:
    return ID_RE.fullmatch(value) is not None


def bad_id(file: Source, value: str, what: Message, line: int) -> None:
    file.report(line, Message("problem_bad_id", value=value, what=what))


def unique(file: Source, ids: Iterable[tuple[str, int]], table: str, what: Message) -> bool:
    """Report ids used twice (``ids``: each id with its row's index); True when none is."""
    seen: dict[str, int] = {}
    ok = True
    for value, index in ids:
        if value in seen:
            ok = False
            first = file.at.key("id", table, seen[value])
            file.report(
                file.at.key("id", table, index),
                Message("problem_duplicate_id", what=what, value=value, first=first),
            )
        else:
            seen[value] = index
    return ok


def finite(value: float) -> float | None:
    """``value`` as a float, or None when it is too large, infinite or not a number."""
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


_EMPTY: dict[FieldKind, object] = {"str": "", "strlist": ()}


def _value(raw: Any, kind: FieldKind) -> Any:
    if kind == "str":
        return raw.strip()
    if kind == "strlist":
        return tuple(v.strip() for v in raw if v.strip())
    return raw


def build(
    model: Callable[..., T], schema: Mapping[str, Field], row: Mapping[str, Any], **made: Any
) -> T:
    """The ``model`` record of a checked ``row``: each field of ``schema`` fills its attribute.

    An absent field takes the model's default, or is empty (a text or list with none).
    ``made`` gives the attributes that need more than copying (options built from
    tables, a checked number, a line); fields with ``attr=""`` are not copied.
    """
    defaults: Mapping[str, Any] = getattr(model, "_field_defaults", {})
    values: dict[str, Any] = {}
    for key, spec in schema.items():
        name = key if spec.attr is None else spec.attr
        if not name or name in made:
            continue
        if key in row:
            values[name] = _value(row[key], spec.kind)
        elif spec.kind in _EMPTY and name not in defaults:
            values[name] = _EMPTY[spec.kind]
    values.update(made)
    return model(**values)
