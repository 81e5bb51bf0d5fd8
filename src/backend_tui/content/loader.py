"""Read and validate the content folder.

Every problem is collected (not just the first) and reported as
``path:line: what is wrong and how to fix it``. Nothing here raises anything
but :class:`ContentError` for bad content, whatever the files hold.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from backend_tui.content.errors import ContentError, Problem
from backend_tui.content.model import (
    CARDS_FILE,
    GLOSSARY_FILE,
    LANGUAGES,
    SECTION_IDS,
    Card,
    CardKind,
    CardOrigin,
    Content,
    ExchangeRate,
    Item,
    Language,
    Option,
    Period,
    Reference,
    SalaryRange,
    Section,
    Term,
)

T = TypeVar("T")

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
CARD_KINDS: tuple[str, ...] = ("basic", "choice", "typed")
CARD_ORIGINS: tuple[str, ...] = ("article", "note")
PERIODS: tuple[str, ...] = ("month", "year")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


# --------------------------------------------------------------------------- lines

_HEADER_RE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_KEY_RE = re.compile(r"""^\s*(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")
# What matters when scanning a line for where strings and values open and close.
# An unterminated one-line string runs to the end of its line (it is an error anyway).
_TOKEN_RE = re.compile(r"""\"\"\"|'''|"(?:[^"\\]|\\.)*"?|'[^']*'?|#|[\[\]{}]""")


def _close(line: str, start: int, quote: str) -> int | None:
    """Where the multi-line string ``quote`` opened earlier ends on ``line``, or None."""
    while True:
        pos = line.find(quote, start)
        if pos < 0:
            return None
        if quote == '"""':
            before = line[start:pos]
            if (len(before) - len(before.rstrip("\\"))) % 2:
                start = pos + 1  # an escaped quote
                continue
        end = pos + 3
        # up to two quotes right before the closing ones belong to the text
        while end < len(line) and end - pos < 5 and line[end] == quote[0]:
            end += 1
        return end


def _statement_starts(lines: list[str]) -> list[bool]:
    """For each line, whether it starts a new statement (key or table header).

    A line does not when it begins inside a multi-line string or inside an
    array or inline table that an earlier line opened; the text there may look
    like ``key = ...`` or ``[[items]]`` without being one. Never raises, so it
    is safe on any text, valid TOML or not.
    """
    starts: list[bool] = []
    depth = 0  # open [ and { of values
    quote: str | None = None  # the open multi-line string's delimiter
    for line in lines:
        starts.append(quote is None and depth == 0)
        if quote is None and depth == 0 and line.lstrip().startswith("["):
            continue  # a table header: its brackets are not a value's
        at = 0
        while True:
            if quote is not None:
                end = _close(line, at, quote)
                if end is None:
                    break
                quote, at = None, end
                continue
            match = _TOKEN_RE.search(line, at)
            if match is None:
                break
            token, at = match.group(), match.end()
            if token == "#":
                break
            if token in ('"""', "'''"):
                quote = token
            elif token in ("[", "{"):
                depth += 1
            elif token in ("]", "}"):
                depth = max(depth - 1, 0)
    return starts


def _table_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


class Locator:
    """Finds the line of a table or key in TOML text.

    ``tomllib`` keeps no positions, so lines are recovered from the text: the
    n-th ``[[name]]`` header, then the first ``key =`` line inside that table.
    Lines are counted on newlines alone, as ``tomllib`` counts them, and text
    inside multi-line strings and arrays is never taken for a key or header.
    """

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        # (table name, index among tables of that name) -> header line
        self._headers: dict[tuple[str, int], int] = {}
        # table (None: top level) -> key -> first line
        self._keys: dict[tuple[str, int] | None, dict[str, int]] = {None: {}}
        counts: dict[str, int] = {}
        current: tuple[str, int] | None = None
        for number, (raw, start) in enumerate(
            zip(lines, _statement_starts(lines), strict=True), start=1
        ):
            if not start:
                continue
            header = _HEADER_RE.match(raw)
            if header:
                name = _table_name(header.group(2))
                index = counts.get(name, 0)
                counts[name] = index + 1
                current = (name, index)
                self._headers[current] = number
                self._keys[current] = {}
                continue
            key = _KEY_RE.match(raw)
            if key:
                found = next(g for g in key.groups() if g is not None)
                self._keys[current].setdefault(found, number)

    def table(self, name: str, index: int = 0) -> int:
        """Line of the ``index``-th ``[name]`` or ``[[name]]`` header.

        Tables written inline (``items = [{ ... }]``) have no header: the line
        of ``name =`` stands in for them.
        """
        return self._headers.get((name, index)) or self._keys[None].get(name) or 1

    def key(self, key: str, table: str | None = None, index: int = 0) -> int:
        """Line of ``key = ...`` inside the table (top level when ``table`` is None).

        Falls back to the table's header; a top-level name written as a
        ``[key]`` or ``[[key]]`` header instead of ``key = ...`` gives that header.
        """
        where = (table, index) if table else None
        line = self._keys.get(where, {}).get(key)
        if line is not None:
            return line
        if table is None:
            return self._headers.get((key, 0), 1)
        return self.table(table, index)


# --------------------------------------------------------------------------- schema

FieldKind = str  # "str" | "int" | "bool" | "number" | "date" | "strlist" | "table" | "tablelist"

_KIND_WORDS = {
    "str": "text in quotes",
    "int": "a whole number",
    "bool": "true or false",
    "number": "a number",
    "date": "a date like 2026-01-31",
    "strlist": 'a list of texts, like ["a", "b"]',
    "table": "a table",
    "tablelist": "a list of tables",
}


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


SECTION_FILE = {
    "section": Field("table"),
    "items": Field("tablelist"),
    "salaries": Field("tablelist", required=False),
    "exchange_rate": Field("table", required=False),
    "references": Field("tablelist", required=False),
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
CARDS_FILE_SCHEMA = {"cards": Field("tablelist")}
CARD = {
    "id": Field("str"),
    "source": Field("str"),
    "type": Field("str"),
    "front": Field("str"),
    "back": Field("str"),
    "options": Field("tablelist", required=False),
    "answers": Field("strlist", required=False),
    "origin": Field("str", required=False),
}
OPTION = {"text": Field("str"), "correct": Field("bool", required=False)}
GLOSSARY_FILE_SCHEMA = {"terms": Field("tablelist")}
TERM = {
    "id": Field("str"),
    "term": Field("str"),
    "meaning": Field("str"),
    "see": Field("str", required=False),
}


class _File:
    """Problems found in one file, with its locator to place them."""

    def __init__(self, path: Path, text: str, problems: list[Problem]) -> None:
        self.path = path
        self._text = text
        self._at: Locator | None = None
        self._problems = problems

    @property
    def at(self) -> Locator:
        # Built on first use: a clean file never needs a line number.
        if self._at is None:
            self._at = Locator(self._text)
        return self._at

    def report(self, line: int, message: str) -> None:
        self._problems.append(Problem(self.path, line, message))

    def check(
        self,
        data: Mapping[str, Any],
        schema: Mapping[str, Field],
        what: str,
        table: str | None = None,
        index: int = 0,
        line: Callable[[], int] | None = None,
    ) -> bool:
        """Report unknown keys, missing fields, wrong types and empty texts.

        Returns True when the table is usable (every required field present
        and of the right kind); ``line`` gives the one line of every report
        (inline tables, whose keys the locator cannot see).
        """

        def where(key: str | None) -> int:
            if line is not None:
                return line()
            if key is None:
                return self.at.table(table, index) if table else 1
            return self.at.key(key, table, index)

        ok = True
        for key in data:
            if key not in schema:
                hint = difflib.get_close_matches(key, list(schema), n=1)
                fix = f"did you mean '{hint[0]}'?" if hint else "remove it"
                allowed = ", ".join(schema)
                self.report(
                    where(key), f"unknown key {key!r} in {what}: {fix} (allowed: {allowed})"
                )
        for key, spec in schema.items():
            if key not in data:
                if spec.required:
                    ok = False
                    self.report(
                        where(None),
                        f"{what} is missing '{key}': add {key} = <{_KIND_WORDS[spec.kind]}>",
                    )
                continue
            value = data[key]
            if not _is_kind(value, spec.kind):
                ok = False
                self.report(
                    where(key),
                    f"'{key}' in {what} must be {_KIND_WORDS[spec.kind]},"
                    f" not {type(value).__name__}",
                )
            elif spec.kind == "str" and not value.strip():
                ok = ok and not spec.required
                self.report(where(key), f"'{key}' in {what} is empty: write the text or remove it")
            elif spec.kind == "strlist" and any(not v.strip() for v in value):
                self.report(where(key), f"'{key}' in {what} has an empty entry: remove it")
        return ok

    def bad_id(self, value: str, what: str, line: int) -> None:
        self.report(
            line,
            f"id {value!r} of {what} is not a valid id: use lowercase letters, digits,"
            " '-' and '_', starting with a letter or digit",
        )


def _read(path: Path, problems: list[Problem]) -> tuple[_File, dict[str, Any]] | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(path, 1, f"cannot read the file: {exc.strerror or exc}"))
        return None
    try:
        # utf-8-sig: editors on Windows often start the file with a byte order mark
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, "is not UTF-8 text: save the file as UTF-8"))
        return None
    file = _File(path, text, problems)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        # "at end of document": the last line that holds anything
        line = int(match.group(1)) if match else text.rstrip("\n").count("\n") + 1
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        problems.append(Problem(path, line, f"is not valid TOML: {reason}"))
        return None
    return file, data


def _unique(file: _File, ids: Iterable[tuple[str, int]], table: str, what: str) -> None:
    """Report ids used twice; ``ids`` holds each id with its row's index."""
    seen: dict[str, int] = {}
    for value, index in ids:
        if value in seen:
            first = file.at.key("id", table, seen[value])
            file.report(
                file.at.key("id", table, index),
                f"duplicate {what} id '{value}' (first at line {first}): rename one",
            )
        else:
            seen[value] = index


def _finite(value: float) -> float | None:
    """``value`` as a float, or None when it is too large or not a number."""
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key, "")
    return value.strip() if isinstance(value, str) else ""


# --------------------------------------------------------------------------- sections


def _load_section(path: Path, section_id: str, problems: list[Problem]) -> Section | None:
    read = _read(path, problems)
    if read is None:
        return None
    file, data = read
    if not file.check(data, SECTION_FILE, f"{section_id}.toml"):
        return None
    head = data["section"]
    head_ok = file.check(head, SECTION_TABLE, "[section]", table="section")

    items = _load_list(file, data["items"], "items", ITEM, "an item", _make_item)
    if not data["items"]:
        file.report(file.at.key("items"), "'items' is empty: a section needs at least one item")
        items = None
    salaries = _load_list(
        file, data.get("salaries", []), "salaries", SALARY, "a salary range", _make_salary
    )
    references = _load_list(
        file, data.get("references", []), "references", REFERENCE, "a reference", _make_reference
    )
    rate: ExchangeRate | None = None
    if "exchange_rate" in data:
        rate_data = data["exchange_rate"]
        if file.check(
            rate_data, EXCHANGE_RATE, "[exchange_rate]", table="exchange_rate"
        ) and _check_currency(file, rate_data, "exchange_rate"):
            per_usd = _finite(rate_data["per_usd"])
            if per_usd is None or per_usd <= 0:
                file.report(
                    file.at.key("per_usd", "exchange_rate"),
                    "'per_usd' must be a number more than 0, like 16500",
                )
            else:
                rate = ExchangeRate(
                    currency=rate_data["currency"].strip(),
                    per_usd=per_usd,
                    as_of=rate_data["as_of"],
                    approximate=rate_data["approximate"],
                    note=_text(rate_data, "note"),
                )
    for salary, index in salaries or []:
        if salary.currency != "USD" and (rate is None or rate.currency != salary.currency):
            file.report(
                file.at.key("id", "salaries", index),
                f"salary '{salary.id}' is in {salary.currency} but there is no [exchange_rate]"
                f' with currency = "{salary.currency}": add one so it can be drawn in USD',
            )
    if items is None or salaries is None or references is None or not head_ok:
        return None
    return Section(
        id=section_id,
        tab=head["tab"].strip(),
        title=head["title"].strip(),
        intro=_text(head, "intro"),
        items=tuple(i for i, _ in items),
        salaries=tuple(s for s, _ in salaries),
        exchange_rate=rate,
        references=tuple(r for r, _ in references),
        path=path,
    )


def _load_list(
    file: _File,
    rows: list[dict[str, Any]],
    table: str,
    schema: Mapping[str, Field],
    what: str,
    make: Callable[[_File, dict[str, Any], int], T | None],
    # make() gets the row's index among [[table]] rows, to place its reports
) -> list[tuple[T, int]] | None:
    """Validate and build each ``[[table]]``, paired with its index; None if any was unusable."""
    built: list[tuple[T, int]] = []
    ok = True
    ids: list[tuple[str, int]] = []
    for index, row in enumerate(rows):
        if not file.check(row, schema, f"{what} ([[{table}]] #{index + 1})", table, index):
            ok = False
            continue
        if not ID_RE.match(row["id"]):
            file.bad_id(row["id"], what, file.at.key("id", table, index))
            ok = False
            continue
        ids.append((row["id"], index))
        thing = make(file, row, index)
        if thing is None:
            ok = False
        else:
            built.append((thing, index))
    _unique(file, ids, table, what.removeprefix("an ").removeprefix("a "))
    if len({i for i, _ in ids}) != len(ids):
        ok = False
    return built if ok else None


def _make_item(file: _File, row: dict[str, Any], index: int) -> Item | None:
    return Item(
        id=row["id"],
        title=row["title"].strip(),
        body=row["body"].strip(),
        number=row.get("number"),
        technologies=tuple(t.strip() for t in row.get("technologies", [])),
        note=_text(row, "note"),
    )


def _make_salary(file: _File, row: dict[str, Any], index: int) -> SalaryRange | None:
    ok = _check_currency(file, row, "salaries", index)
    if row["period"] not in PERIODS:
        file.report(
            file.at.key("period", "salaries", index),
            f'\'period\' must be "month" or "year", not {row["period"]!r}',
        )
        ok = False
    if row["low"] < 0 or row["high"] < row["low"]:
        file.report(
            file.at.key("low", "salaries", index),
            f"salary needs 0 <= low <= high, not low = {row['low']}, high = {row['high']}",
        )
        ok = False
    if not ok:
        return None
    return SalaryRange(
        id=row["id"],
        region=row["region"].strip(),
        currency=row["currency"].strip(),
        low=row["low"],
        high=row["high"],
        period=cast(Period, row["period"]),
        original=row["original"].strip(),
        period_stated=row.get("period_stated", True),
        note=_text(row, "note"),
    )


def _check_currency(file: _File, row: Mapping[str, Any], table: str, index: int = 0) -> bool:
    if CURRENCY_RE.match(row["currency"]):
        return True
    file.report(
        file.at.key("currency", table, index),
        f'\'currency\' must be a three-letter code like "IDR" or "USD", not {row["currency"]!r}',
    )
    return False


def _make_reference(file: _File, row: dict[str, Any], index: int) -> Reference | None:
    return Reference(id=row["id"], title=row["title"].strip())


# --------------------------------------------------------------------------- cards


def _load_cards(
    path: Path, sections: Mapping[str, Section | None], problems: list[Problem]
) -> tuple[list[tuple[Card, int]], _File] | None:
    read = _read(path, problems)
    if read is None:
        return None
    file, data = read
    if not file.check(data, CARDS_FILE_SCHEMA, CARDS_FILE):
        return None

    def make(file: _File, row: dict[str, Any], index: int) -> Card | None:
        return _make_card(file, row, index, sections)

    built = _load_list(file, data["cards"], "cards", CARD, "a card", make)
    # A file with a broken card is not compared with its translation: every one
    # of its cards would otherwise be reported missing there too.
    return None if built is None else (built, file)


def _make_card(
    file: _File, row: dict[str, Any], index: int, sections: Mapping[str, Section | None]
) -> Card | None:
    def line(key: str) -> int:
        return file.at.key(key, "cards", index)

    ok = True
    kind = row["type"]
    if kind not in CARD_KINDS:
        file.report(
            line("type"),
            f'card type {kind!r} is unknown: use "basic", "choice" or "typed"',
        )
        return None
    source = row["source"]
    ok = _check_item_ref(file, source, "source", line("source"), sections)
    origin = row.get("origin", "article")
    if origin not in CARD_ORIGINS:
        file.report(
            line("origin"),
            f'\'origin\' must be "article" (it tests the article) or "note" (a study note),'
            f" not {origin!r}",
        )
        ok = False

    options: list[Option] = []
    if kind == "choice":
        raw_options = row.get("options", [])
        for raw in raw_options:
            if file.check(raw, OPTION, "an option", line=lambda: line("options")):
                options.append(Option(text=raw["text"].strip(), correct=raw.get("correct", False)))
            else:
                ok = False
        if not 2 <= len(raw_options) <= 4:
            file.report(line("options"), "a choice card needs 2 to 4 options (keys a-d pick them)")
            ok = False
        correct = sum(o.correct for o in options)
        if ok and correct != 1:
            file.report(
                line("options"),
                f"a choice card needs exactly one option with correct = true, it has {correct}",
            )
            ok = False
    elif "options" in row:
        file.report(line("options"), f"only choice cards have options; this card is {kind}")
        ok = False

    answers = tuple(a.strip() for a in row.get("answers", []) if a.strip())
    if kind == "typed" and not answers:
        file.report(
            line("answers"), 'a typed card needs answers = ["accepted answer", ...] (not empty)'
        )
        ok = False
    elif kind != "typed" and "answers" in row:
        file.report(line("answers"), f"only typed cards have answers; this card is {kind}")
        ok = False
    if not ok:
        return None
    return Card(
        id=row["id"],
        source=source,
        kind=cast(CardKind, kind),
        front=row["front"].strip(),
        back=row["back"].strip(),
        options=tuple(options),
        answers=answers,
        origin=cast(CardOrigin, origin),
    )


def _check_item_ref(
    file: _File, ref: str, key: str, line: int, sections: Mapping[str, Section | None]
) -> bool:
    """Whether ``ref`` (``<section>.<item>``) names an item that exists; reports it if not."""
    section_id, _, item_id = ref.partition(".")
    if section_id not in SECTION_IDS or not item_id:
        file.report(
            line,
            f"{key} {ref!r} must be <section>.<item> with section one of"
            f' {", ".join(SECTION_IDS)} (e.g. "duties.api")',
        )
        return False
    section = sections.get(section_id)
    if section is not None and section.item(item_id) is None:
        known = ", ".join(i.id for i in section.items)
        file.report(line, f"{key} {ref!r} names no item of {section_id}.toml (its items: {known})")
        return False
    return True


# --------------------------------------------------------------------------- glossary


def _load_glossary(
    path: Path, sections: Mapping[str, Section | None], problems: list[Problem]
) -> tuple[list[tuple[Term, int]], _File] | None:
    read = _read(path, problems)
    if read is None:
        return None
    file, data = read
    if not file.check(data, GLOSSARY_FILE_SCHEMA, GLOSSARY_FILE):
        return None

    def make(file: _File, row: dict[str, Any], index: int) -> Term | None:
        at = file.at.key("id", "terms", index)
        see = _text(row, "see")
        if see and not _check_item_ref(
            file, see, "see", file.at.key("see", "terms", index), sections
        ):
            return None
        return Term(
            id=row["id"],
            term=row["term"].strip(),
            meaning=row["meaning"].strip(),
            see=see,
            line=at,
        )

    built = _load_list(file, data["terms"], "terms", TERM, "a term", make)
    return None if built is None else (built, file)


# --------------------------------------------------------------------------- whole folder


def check_content(root: Path) -> list[Problem]:
    """Every problem in the content folder; empty when it is clean."""
    try:
        load_content(root)
    except ContentError as exc:
        return exc.problems
    return []


def load_content(root: Path) -> Content:
    """Load and validate every language under ``root``, or raise :class:`ContentError`."""
    problems: list[Problem] = []
    if not root.is_dir():
        raise ContentError(
            [Problem(root, 1, "no such content folder: give a folder holding id/ and en/")]
        )
    loaded: dict[str, dict[str, Section | None]] = {}
    card_rows: dict[str, tuple[list[tuple[Card, int]], _File] | None] = {}
    glossaries: dict[str, tuple[list[tuple[Term, int]], _File] | None] = {}
    for lang in LANGUAGES:
        folder = root / lang
        sections: dict[str, Section | None] = {}
        for section_id in SECTION_IDS:
            path = folder / f"{section_id}.toml"
            if path.exists():
                sections[section_id] = _load_section(path, section_id, problems)
        loaded[lang] = sections
        cards_path = folder / CARDS_FILE
        card_rows[lang] = (
            _load_cards(cards_path, sections, problems) if cards_path.exists() else None
        )
        glossary_path = folder / GLOSSARY_FILE
        glossaries[lang] = (
            _load_glossary(glossary_path, sections, problems) if glossary_path.exists() else None
        )

    _cross_check_files(root, loaded, card_rows, problems)
    _cross_check_sections(loaded, problems)
    _cross_check_cards(card_rows, problems)
    _cross_check_glossaries(glossaries, problems)

    if problems:
        raise ContentError(problems)
    languages: dict[str, Language] = {}
    for lang in LANGUAGES:
        sections_ok = {k: v for k, v in loaded[lang].items() if v is not None}
        rows = card_rows[lang]
        terms = glossaries[lang]
        languages[lang] = Language(
            code=lang,
            sections={sid: sections_ok[sid] for sid in SECTION_IDS},
            cards=tuple(c for c, _ in rows[0]) if rows else (),
            terms=tuple(t for t, _ in terms[0]) if terms else (),
        )
    return Content(root=root, languages=languages)


def _other(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


def _cross_check_files(
    root: Path,
    loaded: Mapping[str, Mapping[str, Section | None]],
    card_rows: Mapping[str, object],
    problems: list[Problem],
) -> None:
    for section_id in SECTION_IDS:
        present = [lang for lang in LANGUAGES if (root / lang / f"{section_id}.toml").exists()]
        if not present:
            problems.append(
                Problem(
                    root / LANGUAGES[0] / f"{section_id}.toml",
                    1,
                    f"missing file: every language needs {section_id}.toml",
                )
            )
        for lang in present:
            other = _other(lang)
            if other not in present:
                problems.append(
                    Problem(
                        root / lang / f"{section_id}.toml",
                        1,
                        f"has no counterpart {other}/{section_id}.toml: add a translation"
                        " with the same ids",
                    )
                )
    for lang in LANGUAGES:
        other = _other(lang)
        for name, what in ((CARDS_FILE, "card ids"), (GLOSSARY_FILE, "term ids in the same order")):
            if (root / lang / name).exists() and not (root / other / name).exists():
                problems.append(
                    Problem(
                        root / lang / name,
                        1,
                        f"has no counterpart {other}/{name}: add one with the same {what}",
                    )
                )


def _missing_ids(
    mine: Mapping[str, int],
    theirs: Mapping[str, int],
    path: Path,
    other: Path,
    what: str,
    line_of: Callable[[int], int],
) -> Iterable[Problem]:
    """Ids of ``mine`` (id -> row index) absent from ``theirs``, placed by ``line_of``."""
    for value, index in mine.items():
        if value not in theirs:
            yield Problem(
                path,
                line_of(index),
                f"{what} '{value}' is here but not in {other}: add it there with the same id,"
                " or remove it here",
            )


def _item_ids(section: Section) -> list[str]:
    return [i.id for i in section.items]


def _salary_ids(section: Section) -> list[str]:
    return [i.id for i in section.salaries]


def _reference_ids(section: Section) -> list[str]:
    return [i.id for i in section.references]


class _Lines:
    """Locators of already loaded files, read again only when a problem needs a line."""

    def __init__(self) -> None:
        self._cache: dict[Path, Locator] = {}

    def of(self, path: Path) -> Locator:
        if path not in self._cache:
            self._cache[path] = Locator(path.read_text(encoding="utf-8-sig"))
        return self._cache[path]

    def id_line(self, path: Path, table: str) -> Callable[[int], int]:
        return lambda index: self.of(path).key("id", table, index)


def _cross_check_sections(
    loaded: Mapping[str, Mapping[str, Section | None]], problems: list[Problem]
) -> None:
    first, second = LANGUAGES
    lines = _Lines()
    for section_id in SECTION_IDS:
        a, b = loaded[first].get(section_id), loaded[second].get(section_id)
        if a is None or b is None:
            continue
        for table, ids_of in (
            ("items", _item_ids),
            ("salaries", _salary_ids),
            ("references", _reference_ids),
        ):
            ids_a = {v: n for n, v in enumerate(ids_of(a))}
            ids_b = {v: n for n, v in enumerate(ids_of(b))}
            what = table.rstrip("s").replace("salarie", "salary")
            problems.extend(
                _missing_ids(ids_a, ids_b, a.path, b.path, what, lines.id_line(a.path, table))
            )
            problems.extend(
                _missing_ids(ids_b, ids_a, b.path, a.path, what, lines.id_line(b.path, table))
            )
        for n, item in enumerate(b.items):
            twin = a.item(item.id)
            if twin is not None and twin.number != item.number:
                problems.append(
                    Problem(
                        b.path,
                        lines.of(b.path).key("number", "items", n),
                        f"item '{item.id}' has number {item.number} here but {twin.number}"
                        f" in {a.path}: numbers follow the article",
                    )
                )


def _cross_check_cards(
    card_rows: Mapping[str, tuple[list[tuple[Card, int]], _File] | None],
    problems: list[Problem],
) -> None:
    first, second = LANGUAGES
    a, b = card_rows[first], card_rows[second]
    if a is None or b is None:
        return
    (cards_a, file_a), (cards_b, file_b) = a, b

    def line_a(index: int) -> int:
        return file_a.at.key("id", "cards", index)

    def line_b(index: int) -> int:
        return file_b.at.key("id", "cards", index)

    ids_a = {c.id: index for c, index in cards_a}
    ids_b = {c.id: index for c, index in cards_b}
    problems.extend(_missing_ids(ids_a, ids_b, file_a.path, file_b.path, "card", line_a))
    problems.extend(_missing_ids(ids_b, ids_a, file_b.path, file_a.path, "card", line_b))
    by_id = {c.id: c for c, _ in cards_a}
    for card, index in cards_b:
        twin = by_id.get(card.id)
        if twin is None:
            continue
        if (twin.source, twin.kind) != (card.source, card.kind):
            problems.append(
                Problem(
                    file_b.path,
                    line_b(index),
                    f"card '{card.id}' is {card.kind} of {card.source} here but {twin.kind} of"
                    f" {twin.source} in {file_a.path}: translations keep type and source",
                )
            )
        elif card.origin != twin.origin:
            problems.append(
                Problem(
                    file_b.path,
                    file_b.at.key("origin", "cards", index),
                    f'card \'{card.id}\' has origin "{card.origin}" here but "{twin.origin}"'
                    f" in {file_a.path}: a card is a study note in both languages or in neither",
                )
            )
        elif card.kind == "choice" and [o.correct for o in card.options] != [
            o.correct for o in twin.options
        ]:
            problems.append(
                Problem(
                    file_b.path,
                    line_b(index),
                    f"card '{card.id}' options differ from {file_a.path}: keep the same number"
                    " of options and the correct one in the same place",
                )
            )


def _cross_check_glossaries(
    glossaries: Mapping[str, tuple[list[tuple[Term, int]], _File] | None],
    problems: list[Problem],
) -> None:
    """Both glossaries hold the same term ids in the same order (so either can be read
    beside the other) and point at the same places."""
    first, second = LANGUAGES
    a, b = glossaries[first], glossaries[second]
    if a is None or b is None:
        return
    (terms_a, file_a), (terms_b, file_b) = a, b
    ids_a = {t.id: index for t, index in terms_a}
    ids_b = {t.id: index for t, index in terms_b}
    problems.extend(
        _missing_ids(ids_a, ids_b, file_a.path, file_b.path, "term", lambda i: terms_a[i][0].line)
    )
    problems.extend(
        _missing_ids(ids_b, ids_a, file_b.path, file_a.path, "term", lambda i: terms_b[i][0].line)
    )
    shared_a = [t for t, _ in terms_a if t.id in ids_b]
    shared_b = [t for t, _ in terms_b if t.id in ids_a]
    for mine, theirs in zip(shared_b, shared_a, strict=True):
        if mine.id != theirs.id:
            problems.append(
                Problem(
                    file_b.path,
                    mine.line,
                    f"term '{mine.id}' is out of order: {file_a.path} has '{theirs.id}' here;"
                    " keep the terms in the same order in both languages",
                )
            )
            break  # one shift puts every later term out of place: report where it starts
    by_id = {t.id: t for t in shared_a}
    for term in shared_b:
        twin = by_id[term.id]
        if term.see != twin.see:
            problems.append(
                Problem(
                    file_b.path,
                    term.line,
                    f"term '{term.id}' has see = {term.see!r} here but {twin.see!r} in"
                    f" {file_a.path}: a term points at the same place in both languages",
                )
            )
