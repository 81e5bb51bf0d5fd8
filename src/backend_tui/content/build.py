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
from backend_tui.content.problems import Message
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
    what: tuple[str, str],
    make: Callable[[Source, dict[str, Any], int], T | None],
    # make() gets the row's index among [[table]] rows, to place its reports
) -> list[tuple[T, int]] | None:
    """Validate and build each ``[[table]]``, paired with its index; None if any was unusable.

    ``what``: the problem keys that name one row, as a thing ("an item") and as a
    noun ("item").
    """
    thing, noun = Message(what[0]), Message(what[1])
    built: list[tuple[T, int]] = []
    ok = True
    ids: list[tuple[str, int]] = []
    for index, row in enumerate(rows):
        if not check(file, row, schema, _row(thing, table, index), table, index):
            ok = False
            continue
        if not valid_id(row["id"]):
            bad_id(file, row["id"], thing, file.at.key("id", table, index))
            ok = False
            continue
        ids.append((row["id"], index))
        made = make(file, row, index)
        if made is None:
            ok = False
        else:
            built.append((made, index))
    if not unique(file, ids, table, noun):
        ok = False
    return built if ok else None


def _row(thing: Message, table: str, index: int) -> Message:
    """A row of a ``[[table]]`` by its place, counted from 1 as an author counts."""
    return Message("problem_row", what=thing, table=table, n=index + 1)


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
        sections_list = ", ".join(SECTION_IDS)
        file.report(line(), Message("problem_bad_ref", key=key, ref=ref, sections=sections_list))
        return False
    section = sections.get(section_id)
    if section is not None and section.item(item_id) is None:
        known = ", ".join(i.id for i in section.items)
        file.report(
            line(),
            Message(
                "problem_no_such_item", key=key, ref=ref, file=f"{section_id}.toml", known=known
            ),
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

    items = load_list(
        file, data["items"], "items", ITEM, ("problem_an_item", "problem_item"), _make_item
    )
    if not data["items"]:
        file.report(file.at.key("items"), Message("problem_no_items"))
        items = None
    salaries = load_list(
        file,
        data.get("salaries", []),
        "salaries",
        SALARY,
        ("problem_a_salary_range", "problem_salary_range"),
        _make_salary,
    )
    references = load_list(
        file,
        data.get("references", []),
        "references",
        REFERENCE,
        ("problem_a_reference", "problem_reference"),
        _make_reference,
    )
    rate = _exchange_rate(file, data["exchange_rate"]) if "exchange_rate" in data else None
    for salary, index in salaries or []:
        if salary.currency != "USD" and (rate is None or rate.currency != salary.currency):
            file.report(
                file.at.key("id", "salaries", index),
                Message(
                    "problem_no_rate",
                    id=salary.id,
                    currency=salary.currency,
                    table="[exchange_rate]",
                ),
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
        file.report(file.at.key("per_usd", "exchange_rate"), Message("problem_per_usd"))
        return None
    return build(ExchangeRate, EXCHANGE_RATE, data, per_usd=per_usd)


def _make_item(file: Source, row: dict[str, Any], index: int) -> Item | None:
    return build(Item, ITEM, row)


def _make_salary(file: Source, row: dict[str, Any], index: int) -> SalaryRange | None:
    ok = _check_currency(file, row, "salaries", index)
    if row["period"] not in PERIODS:
        file.report(
            file.at.key("period", "salaries", index),
            Message("problem_period", value=row["period"]),
        )
        ok = False
    if row["low"] < 0 or row["high"] < row["low"]:
        file.report(
            file.at.key("low", "salaries", index),
            Message("problem_salary_bounds", low=row["low"], high=row["high"]),
        )
        ok = False
    return build(SalaryRange, SALARY, row) if ok else None


def _check_currency(file: Source, row: Mapping[str, Any], table: str, index: int = 0) -> bool:
    if CURRENCY_RE.fullmatch(row["currency"]):
        return True
    file.report(
        file.at.key("currency", table, index),
        Message("problem_currency", value=row["currency"]),
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

    built = load_list(file, data["cards"], "cards", CARD, ("problem_a_card", "problem_card"), make)
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
        file.report(line("type"), Message("problem_card_type", kind=kind))
        return None
    ok = check_item_ref(file, row["source"], "source", lambda: line("source"), sections)
    origin = row.get("origin", "article")
    if origin not in CARD_ORIGINS:
        file.report(line("origin"), Message("problem_origin", origin=origin))
        ok = False

    options: list[Option] = []
    if kind == "choice":
        raw_options = row.get("options", [])
        for raw in raw_options:
            if check(file, raw, OPTION, Message("problem_an_option"), line=lambda: line("options")):
                options.append(build(Option, OPTION, raw))
            else:
                ok = False
        if not 2 <= len(raw_options) <= 4:
            file.report(line("options"), Message("problem_option_count"))
            ok = False
        correct = sum(o.correct for o in options)
        if ok and correct != 1:
            file.report(line("options"), Message("problem_one_correct", correct=correct))
            ok = False
    elif "options" in row:
        file.report(line("options"), Message("problem_options_not_choice", kind=kind))
        ok = False

    if kind == "typed" and not any(a.strip() for a in row.get("answers", [])):
        file.report(line("answers"), Message("problem_no_answers"))
        ok = False
    elif kind != "typed" and "answers" in row:
        file.report(line("answers"), Message("problem_answers_not_typed", kind=kind))
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

    built = load_list(file, data["terms"], "terms", TERM, ("problem_a_term", "problem_term"), make)
    return None if built is None else (built, file)
