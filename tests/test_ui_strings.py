"""The catalogue of the app's own words: complete in both languages, every key used."""

from __future__ import annotations

import re
import string
from pathlib import Path

from backend_tui.ui import strings
from backend_tui.ui.strings import CATALOGUE, LANGUAGES, PSEUDO_CLOSE, PSEUDO_OPEN

SRC = Path(strings.__file__).resolve().parents[1]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _source() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8") for path in SRC.rglob("*.py") if path.name != "strings.py"
    )


def test_every_language_has_every_key() -> None:
    assert set(CATALOGUE) == set(LANGUAGES)
    for lang in LANGUAGES:
        missing = set(CATALOGUE["en"]) - set(CATALOGUE[lang])
        extra = set(CATALOGUE[lang]) - set(CATALOGUE["en"])
        assert not missing, f"{lang} lacks {sorted(missing)}"
        assert not extra, f"{lang} has keys English lacks: {sorted(extra)}"


def test_translations_fill_the_same_fields() -> None:
    for key, english in CATALOGUE["en"].items():
        for lang in LANGUAGES:
            assert _fields(CATALOGUE[lang][key]) == _fields(english), (lang, key)


def test_no_string_is_empty_or_markup() -> None:
    for lang in LANGUAGES:
        for key, value in CATALOGUE[lang].items():
            assert value.strip(), (lang, key)
            # Plain text: rendered literally, so square brackets would show as typed.
            assert not re.search(r"\[/?[a-z]", value), (lang, key, value)


def test_every_key_is_used() -> None:
    source = _source()
    unused = [
        key for key in CATALOGUE["en"] if f'"{key}"' not in source and f"'{key}'" not in source
    ]
    assert not unused, f"keys no code uses: {unused}"


def test_lookup_falls_back_to_english_and_fills_fields() -> None:
    assert strings.text("id", "help_title") == "Tombol"
    assert strings.text("xx", "help_title") == "Keys"
    assert strings.text("en", "chart_usd", low="1", high="2") == "USD 1–2 / year"  # noqa: RUF001
    # A binding of Textual's own carries English text rather than a key: shown as is.
    assert strings.label("id", "Scroll Up") == "Scroll Up"
    assert strings.label("id", "help_title") == "Tombol"


def test_pseudo_locale_wraps_every_string() -> None:
    table = strings.pseudo(CATALOGUE["en"])
    assert table.keys() == CATALOGUE["en"].keys()
    for key, value in table.items():
        assert value.startswith(PSEUDO_OPEN) and value.endswith(PSEUDO_CLOSE)
        if key in strings.LIST_KEYS:
            items = value.split()
            assert len(items) == len(CATALOGUE["en"][key].split())
            assert all(i.startswith(PSEUDO_OPEN) and i.endswith(PSEUDO_CLOSE) for i in items)


def test_lists_have_one_item_per_day_and_month() -> None:
    for lang in LANGUAGES:
        assert len(CATALOGUE[lang]["weekdays"].split()) == 7
        assert len(set(CATALOGUE[lang]["weekdays"].split())) == 7  # each row told apart
        assert len(CATALOGUE[lang]["months"].split()) == 12


def test_learning_and_learned_are_two_terms_in_every_language() -> None:
    # Cards in their learning steps (the drill's top line) and cards past them (the
    # Drill tab's column) are two ideas: one word for both would read as one number.
    for lang in LANGUAGES:
        left = strings.text(lang, "cards_left", new="N", learning="L", review="R")
        match = re.search(r"(\w[\w ]*) L\b", left)
        assert match is not None, left
        learning, learned = match[1].strip(), strings.text(lang, "column_learned")
        assert learning.casefold() != learned.casefold(), lang
        assert learned.casefold() not in left.casefold(), (lang, left)
