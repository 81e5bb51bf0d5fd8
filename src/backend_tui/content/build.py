"""One language's files -> sections, cards and glossary terms, each checked on its own.

What needs the other language (same ids, same numbers) is in ``crosscheck``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from backend_tui.content.errors import Problem
from backend_tui.content.model import (
    CARDS_FILE,
    GLOSSARY_FILE,
    SECTION_IDS,
    Card,
    ExchangeRate,
    Item,
    Option,
    Reference,
    SalaryRange,
    Section,
    Term,
)
from backend_tui.content.schema import (
    CARD,
    CARDS_FILE_SCHEMA,
    EXCHANGE_RATE,
    GLOSSARY_FILE_SCHEMA,
    ITEM,
    OPTION,
    REFERENCE,
    SALARY,
    SECTION_FILE,
    SECTION_TABLE,
    TERM,
    Field,
    bad_id,
    build,
    check,
    finite,
    unique,
    valid_id,
)
from backend_tui.content.source import Source, read_source

T = TypeVar("T")

CARD_KINDS: tuple[str, ...] = ("basic", "choice", "typed")
CARD_ORIGINS: tuple[str, ...] = ("article", "note")
PERIODS: tuple[str, ...] = ("month", "year")
CURRENCY_RE = re.compile(r"[A-Z]{3}")


CardRows = tuple[list[tuple[Card, int]], Source]
"""A cards file's cards, each with its row index (to place reports), and the file."""
TermRows = tuple[list[tuple[Term, int]], Source]


def load_list(
    file: Source,
    rows: list[dict[str, Any]],
    table: str,
    schema: Mapping[str, Field],
    what: str,
    make: Callable[[Source, dict[str, Any], int], T | None],
    # make() gets the row's index among [[table]] rows, to place its reports
) -> list[tuple[T, int]] | None:
    """Validate and build each ``[[table]]``, paired with its index; None if any was unusable."""
    built: list[tuple[T, int]] = []
    ok = True
    ids: list[tuple[str, int]] = []
    for index, row in enumerate(rows):
        if not check(file, row, schema, f"{what} ([[{table}]] #{index + 1})", table, index):
            ok = False
            continue
        if not valid_id(row["id"]):
            bad_id(file, row["id"], what, file.at.key("id", table, index))
            ok = False
            continue
        ids.append((row["id"], index))
        thing = make(file, row, index)
        if thing is None:
            ok = False
        else:
            built.append((thing, index))
    if not unique(file, ids, table, what.removeprefix("an ").removeprefix("a ")):
        ok = False
    return built if ok else None


def check_item_ref(
    file: Source,
    ref: str,
    key: str,
    line: Callable[[], int],
    sections: Mapping[str, Section | None],
) -> bool:
    """Whether ``ref`` (``<section>.<item>``) names an item that exists; reports it if not.

    ``line`` is called only for a report: finding lines costs a pass over the file.
    """
    section_id, _, item_id = ref.partition(".")
    if section_id not in SECTION_IDS or not item_id:
        file.report(
            line(),
            f"{key} {ref!r} must be <section>.<item> with section one of"
            f' {", ".join(SECTION_IDS)} (e.g. "duties.api")',
        )
        return False
    section = sections.get(section_id)
    if section is not None and section.item(item_id) is None:
        known = ", ".join(i.id for i in section.items)
        file.report(
            line(), f"{key} {ref!r} names no item of {section_id}.toml (its items: {known})"
        )
        return False
    return True


# --------------------------------------------------------------------------- sections


def load_section(path: Path, section_id: str, problems: list[Problem]) -> Section | None:
    read = read_source(path, problems)
    if read is None:
        return None
    file, data = read
    if not check(file, data, SECTION_FILE, f"{section_id}.toml"):
        return None
    head = data["section"]
    head_ok = check(file, head, SECTION_TABLE, "[section]", table="section")

    items = load_list(file, data["items"], "items", ITEM, "an item", _make_item)
    if not data["items"]:
        file.report(file.at.key("items"), "'items' is empty: a section needs at least one item")
        items = None
    salaries = load_list(
        file, data.get("salaries", []), "salaries", SALARY, "a salary range", _make_salary
    )
    references = load_list(
        file, data.get("references", []), "references", REFERENCE, "a reference", _make_reference
    )
    rate = _exchange_rate(file, data["exchange_rate"]) if "exchange_rate" in data else None
    for salary, index in salaries or []:
        if salary.currency != "USD" and (rate is None or rate.currency != salary.currency):
            file.report(
                file.at.key("id", "salaries", index),
                f"salary '{salary.id}' is in {salary.currency} but there is no [exchange_rate]"
                f' with currency = "{salary.currency}": add one so it can be drawn in USD',
            )
    if items is None or salaries is None or references is None or not head_ok:
        return None
    return build(
        Section,
        SECTION_TABLE,
        head,
        id=section_id,
        items=tuple(i for i, _ in items),
        salaries=tuple(s for s, _ in salaries),
        exchange_rate=rate,
        references=tuple(r for r, _ in references),
        path=path,
    )


def _exchange_rate(file: Source, data: dict[str, Any]) -> ExchangeRate | None:
    if not check(file, data, EXCHANGE_RATE, "[exchange_rate]", table="exchange_rate"):
        return None
    if not _check_currency(file, data, "exchange_rate"):
        return None
    per_usd = finite(data["per_usd"])
    if per_usd is None or per_usd <= 0:
        file.report(
            file.at.key("per_usd", "exchange_rate"),
            "'per_usd' must be a number more than 0, like 16500",
        )
        return None
    return build(ExchangeRate, EXCHANGE_RATE, data, per_usd=per_usd)


def _make_item(file: Source, row: dict[str, Any], index: int) -> Item | None:
    return build(Item, ITEM, row)


def _make_salary(file: Source, row: dict[str, Any], index: int) -> SalaryRange | None:
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
    return build(SalaryRange, SALARY, row) if ok else None


def _check_currency(file: Source, row: Mapping[str, Any], table: str, index: int = 0) -> bool:
    if CURRENCY_RE.fullmatch(row["currency"]):
        return True
    file.report(
        file.at.key("currency", table, index),
        f'\'currency\' must be a three-letter code like "IDR" or "USD", not {row["currency"]!r}',
    )
    return False


def _make_reference(file: Source, row: dict[str, Any], index: int) -> Reference | None:
    return build(Reference, REFERENCE, row)


# --------------------------------------------------------------------------- cards


def load_cards(
    path: Path, sections: Mapping[str, Section | None], problems: list[Problem]
) -> CardRows | None:
    read = read_source(path, problems)
    if read is None:
        return None
    file, data = read
    if not check(file, data, CARDS_FILE_SCHEMA, CARDS_FILE):
        return None

    def make(file: Source, row: dict[str, Any], index: int) -> Card | None:
        return _make_card(file, row, index, sections)

    built = load_list(file, data["cards"], "cards", CARD, "a card", make)
    # A file with a broken card is not compared with its translation: every one
    # of its cards would otherwise be reported missing there too.
    return None if built is None else (built, file)


def _make_card(
    file: Source, row: dict[str, Any], index: int, sections: Mapping[str, Section | None]
) -> Card | None:
    def line(key: str) -> int:
        return file.at.key(key, "cards", index)

    kind = row["type"]
    if kind not in CARD_KINDS:
        file.report(
            line("type"),
            f'card type {kind!r} is unknown: use "basic", "choice" or "typed"',
        )
        return None
    ok = check_item_ref(file, row["source"], "source", lambda: line("source"), sections)
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
            if check(file, raw, OPTION, "an option", line=lambda: line("options")):
                options.append(build(Option, OPTION, raw))
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

    if kind == "typed" and not any(a.strip() for a in row.get("answers", [])):
        file.report(
            line("answers"), 'a typed card needs answers = ["accepted answer", ...] (not empty)'
        )
        ok = False
    elif kind != "typed" and "answers" in row:
        file.report(line("answers"), f"only typed cards have answers; this card is {kind}")
        ok = False
    return build(Card, CARD, row, options=tuple(options)) if ok else None


# --------------------------------------------------------------------------- glossary


def load_glossary(
    path: Path, sections: Mapping[str, Section | None], problems: list[Problem]
) -> TermRows | None:
    read = read_source(path, problems)
    if read is None:
        return None
    file, data = read
    if not check(file, data, GLOSSARY_FILE_SCHEMA, GLOSSARY_FILE):
        return None

    def make(file: Source, row: dict[str, Any], index: int) -> Term | None:
        see = row.get("see", "").strip()
        if see and not check_item_ref(
            file, see, "see", lambda: file.at.key("see", "terms", index), sections
        ):
            return None
        return build(Term, TERM, row, line=file.at.key("id", "terms", index))

    built = load_list(file, data["terms"], "terms", TERM, "a term", make)
    return None if built is None else (built, file)
