"""Hostile content is an ordinary problem at a line: control characters, deep nesting, huge files.

A content folder reaches every learner of a served class, so what it may hold is
checked at the door, by ``check``, by the app and by ``serve`` alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.content_files import CARDS, SECTION, make_content, problems

from backend_tui.cli import main
from backend_tui.content import load_content
from backend_tui.content.source import MAX_DEPTH, MAX_FILE_BYTES

CONTROL = (
    "holds the control character {}: remove it"
    " (text may hold newlines and tabs, no other control characters)"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_content(tmp_path / "content")


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\u001b]52;c;Y3VybCBldmlsIHwgc2g=\\u0007", "U+001B"),  # OSC 52: set the clipboard
        ("\\u001b[2J", "U+001B"),  # clear the screen
        ("\\r", "U+000D"),  # return to the line's start and write over it
        ("\\b", "U+0008"),
        ("\\u007f", "U+007F"),
        ("\\u009b2J", "U+009B"),  # the one-character C1 form of ESC [
        ("\\u0000", "U+0000"),
    ],
)
def test_control_characters_in_a_text_are_refused(root: Path, escape: str, code: str) -> None:
    make_content(root, en__role=SECTION.replace('body = "Body of a."', f'body = "Body{escape}"'))
    assert problems(root) == [
        f"en/role.toml:8: 'body' in an item ([[items]] #1) {CONTROL.format(code)}"
    ]


def test_newlines_and_tabs_are_text(root: Path) -> None:
    make_content(root, en__role=SECTION.replace('body = "Body of a."', 'body = "One\\n\\tTwo"'))
    assert load_content(root)["en"].sections["role"].items[0].body == "One\n\tTwo"


def test_control_characters_are_refused_in_every_kind_of_text(root: Path) -> None:
    cards = (
        CARDS.replace('{ text = "Wrong" }', '{ text = "Wr\\u001bong" }')
        .replace('answers = ["it"]', 'answers = ["it", "\\u001b[5n"]')
        .replace('front = "Question?"', 'front = "Question\\u0085"')
    )
    make_content(root, en__cards=cards, id__cards=cards)
    (root / "en" / "glossary.toml").write_text(
        '[[terms]]\nid = "t"\nterm = "T"\nmeaning = "\\u001b]0;title\\u0007"\n', encoding="utf-8"
    )
    (root / "id" / "glossary.toml").write_text(
        '[[terms]]\nid = "t"\nterm = "T"\nmeaning = "M"\n', encoding="utf-8"
    )
    expected = [
        f"cards.toml:5: 'front' in a card ([[cards]] #1) {CONTROL.format('U+0085')}",
        f"cards.toml:14: 'text' in an option {CONTROL.format('U+001B')}",
        f"cards.toml:25: 'answers' in a card ([[cards]] #3) {CONTROL.format('U+001B')}",
    ]
    assert problems(root) == [
        *(f"en/{line}" for line in expected),
        f"en/glossary.toml:4: 'meaning' in a term ([[terms]] #1) {CONTROL.format('U+001B')}",
        *(f"id/{line}" for line in expected),
    ]


def test_an_id_with_a_trailing_newline_is_not_an_id(root: Path) -> None:
    make_content(root, id__role=SECTION.replace('id = "a"', 'id = "a\\n"'))
    assert problems(root) == [
        "id/role.toml:6: id 'a\\n' of an item is not a valid id: use lowercase letters,"
        " digits, '-' and '_', starting with a letter or digit",
    ]


@pytest.mark.parametrize(
    ("nesting", "line"),
    [
        ("x = " + "[" * 100_000, 9),  # the parser would recurse 100,000 times
        ("x = " + "{ a = " * 5_000, 9),
        (
            'x = """\n' + "[" * 100 + '\n"""\ny = ' + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
            12,
        ),
    ],
)
def test_deep_nesting_is_a_problem_at_its_line(root: Path, nesting: str, line: int) -> None:
    make_content(root, en__role=SECTION + nesting + "\n")
    assert problems(root) == [
        f"en/role.toml:{line}: lists or inline tables nest more than {MAX_DEPTH} deep: flatten them"
    ]


def test_nesting_inside_strings_is_only_text(root: Path) -> None:
    deep = "[" * 1000 + "{" * 1000
    make_content(root, en__role=SECTION.replace('body = "Body of a."', f'body = """{deep}"""'))
    assert load_content(root)["en"].sections["role"].items[0].body == deep


def test_a_huge_file_is_refused_before_it_is_read(root: Path) -> None:
    padding = "# " + "x" * 1000 + "\n"
    text = SECTION + padding * (MAX_FILE_BYTES // len(padding) + 1)
    make_content(root, id__skills=text)
    assert problems(root) == [
        f"id/skills.toml:1: is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB:"
        " split it or shorten it"
    ]


def test_check_and_serve_report_deep_nesting_without_a_traceback(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_content(root, en__role=SECTION + "x = " + "[" * 100_000 + "\n")
    where = root / "en" / "role.toml"
    expected = f"{where}:9: lists or inline tables nest more than {MAX_DEPTH} deep: flatten them"

    assert main(["check", str(root)]) == 1
    assert capsys.readouterr().err.splitlines() == [expected, f"1 problem in {root}"]

    argv = ["serve", "--data-dir", str(tmp_path / "data"), "--port", "0", "--content", str(root)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err and "RecursionError" not in err
