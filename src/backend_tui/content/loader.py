"""Read and validate the content folder.

Every problem is collected (not just the first) and reported as
``path:line: what is wrong and how to fix it``. Nothing here raises anything
but :class:`ContentError` for bad content, whatever the files hold.

The work is split along its seams: ``lines`` finds where things are in TOML text,
``source`` reads one file safely, ``schema`` declares and checks every field,
``build`` makes one language's records, ``crosscheck`` compares the languages.
"""

from __future__ import annotations

from pathlib import Path

from backend_tui.content import crosscheck
from backend_tui.content.build import CardRows, TermRows, load_cards, load_glossary, load_section
from backend_tui.content.errors import ContentError, Problem
from backend_tui.content.lines import Locator
from backend_tui.content.model import (
    CARDS_FILE,
    GLOSSARY_FILE,
    LANGUAGES,
    SECTION_IDS,
    Content,
    Language,
    Section,
)
from backend_tui.content.problems import Message

__all__ = ["Locator", "check_content", "load_content"]


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
        raise ContentError([Problem(root, 1, Message("problem_no_folder"))])
    loaded: dict[str, dict[str, Section | None]] = {}
    card_rows: dict[str, CardRows | None] = {}
    glossaries: dict[str, TermRows | None] = {}
    for lang in LANGUAGES:
        folder = root / lang
        sections: dict[str, Section | None] = {}
        for section_id in SECTION_IDS:
            path = folder / f"{section_id}.toml"
            if path.exists():
                sections[section_id] = load_section(path, section_id, problems)
        loaded[lang] = sections
        cards_path = folder / CARDS_FILE
        card_rows[lang] = (
            load_cards(cards_path, sections, problems) if cards_path.exists() else None
        )
        glossary_path = folder / GLOSSARY_FILE
        glossaries[lang] = (
            load_glossary(glossary_path, sections, problems) if glossary_path.exists() else None
        )

    crosscheck.check_files(root, problems)
    crosscheck.check_sections(loaded, problems)
    crosscheck.check_cards(card_rows, problems)
    crosscheck.check_glossaries(glossaries, problems)

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
