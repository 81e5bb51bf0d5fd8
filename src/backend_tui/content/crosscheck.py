"""Checks across the two languages: the same files, the same ids, the same shape.

Each language is built on its own first (``build``); these compare the results and
place every difference at a line of the file that differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from backend_tui.content.build import CardRows, TermRows
from backend_tui.content.errors import Problem
from backend_tui.content.lines import Locator
from backend_tui.content.model import CARDS_FILE, GLOSSARY_FILE, LANGUAGES, SECTION_IDS, Section
from backend_tui.content.problems import Message


def _other(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


def check_files(root: Path, problems: list[Problem]) -> None:
    """Every section file somewhere, and each file in both languages or in neither."""
    for section_id in SECTION_IDS:
        present = [lang for lang in LANGUAGES if (root / lang / f"{section_id}.toml").exists()]
        if not present:
            problems.append(
                Problem(
                    root / LANGUAGES[0] / f"{section_id}.toml",
                    1,
                    Message("problem_missing_file", file=f"{section_id}.toml"),
                )
            )
        for lang in present:
            other = _other(lang)
            if other not in present:
                problems.append(
                    Problem(
                        root / lang / f"{section_id}.toml",
                        1,
                        Message("problem_no_translation", other=f"{other}/{section_id}.toml"),
                    )
                )
    for lang in LANGUAGES:
        other = _other(lang)
        for name, what in (
            (CARDS_FILE, "problem_card_ids"),
            (GLOSSARY_FILE, "problem_term_ids"),
        ):
            if (root / lang / name).exists() and not (root / other / name).exists():
                problems.append(
                    Problem(
                        root / lang / name,
                        1,
                        Message(
                            "problem_no_counterpart", other=f"{other}/{name}", what=Message(what)
                        ),
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
    """Ids of ``mine`` (id -> row index) absent from ``theirs``, placed by ``line_of``.

    ``what``: the problem key that names one of them ("card").
    """
    for value, index in mine.items():
        if value not in theirs:
            yield Problem(
                path,
                line_of(index),
                Message("problem_missing_id", what=Message(what), value=value, other=other),
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


def check_sections(
    loaded: Mapping[str, Mapping[str, Section | None]], problems: list[Problem]
) -> None:
    first, second = LANGUAGES
    lines = _Lines()
    for section_id in SECTION_IDS:
        a, b = loaded[first].get(section_id), loaded[second].get(section_id)
        if a is None or b is None:
            continue
        for table, ids_of, what in (
            ("items", _item_ids, "problem_item"),
            ("salaries", _salary_ids, "problem_salary"),
            ("references", _reference_ids, "problem_reference"),
        ):
            ids_a = {v: n for n, v in enumerate(ids_of(a))}
            ids_b = {v: n for n, v in enumerate(ids_of(b))}
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
                        Message(
                            "problem_number_differs",
                            id=item.id,
                            number=item.number,
                            twin=twin.number,
                            other=a.path,
                        ),
                    )
                )


def check_cards(
    card_rows: Mapping[str, CardRows | None],
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
    problems.extend(_missing_ids(ids_a, ids_b, file_a.path, file_b.path, "problem_card", line_a))
    problems.extend(_missing_ids(ids_b, ids_a, file_b.path, file_a.path, "problem_card", line_b))
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
                    Message(
                        "problem_card_differs",
                        id=card.id,
                        kind=card.kind,
                        source=card.source,
                        twin_kind=twin.kind,
                        twin_source=twin.source,
                        other=file_a.path,
                    ),
                )
            )
        elif card.origin != twin.origin:
            problems.append(
                Problem(
                    file_b.path,
                    file_b.at.key("origin", "cards", index),
                    Message(
                        "problem_origin_differs",
                        id=card.id,
                        origin=card.origin,
                        twin=twin.origin,
                        other=file_a.path,
                    ),
                )
            )
        elif card.kind == "choice" and [o.correct for o in card.options] != [
            o.correct for o in twin.options
        ]:
            problems.append(
                Problem(
                    file_b.path,
                    line_b(index),
                    Message("problem_options_differ", id=card.id, other=file_a.path),
                )
            )


def check_glossaries(
    glossaries: Mapping[str, TermRows | None],
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
        _missing_ids(
            ids_a, ids_b, file_a.path, file_b.path, "problem_term", lambda i: terms_a[i][0].line
        )
    )
    problems.extend(
        _missing_ids(
            ids_b, ids_a, file_b.path, file_a.path, "problem_term", lambda i: terms_b[i][0].line
        )
    )
    shared_a = [t for t, _ in terms_a if t.id in ids_b]
    shared_b = [t for t, _ in terms_b if t.id in ids_a]
    for mine, theirs in zip(shared_b, shared_a, strict=True):
        if mine.id != theirs.id:
            problems.append(
                Problem(
                    file_b.path,
                    mine.line,
                    Message("problem_term_order", id=mine.id, other=file_a.path, theirs=theirs.id),
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
                    Message(
                        "problem_term_see",
                        id=term.id,
                        see=term.see,
                        twin=twin.see,
                        other=file_a.path,
                    ),
                )
            )
