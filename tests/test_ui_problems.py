"""Content problems in the run's language: every kind has words in each language, and
`check` / the app print them in the language asked for, in the same `file:line:` shape."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from helpers.content_files import DUTIES, SECTION, make_content

from backend_tui.cli import main
from backend_tui.content import problems as content_problems
from backend_tui.content.problems import ENGLISH, Message
from backend_tui.ui.problems import message_text
from backend_tui.ui.strings import CATALOGUE

CONTENT = Path(content_problems.__file__).parent

SAME_IN_INDONESIAN = {"problem_row", "problem_item"}
"""Keys whose Indonesian reads exactly as the English: a TOML row's place, a loanword."""


def _sample(template: str) -> dict[str, object]:
    # Values as a file would give them; each distinct, so a mixed-up field shows.
    return {
        name: f"<{name}>"
        for _, name, _, _ in string.Formatter().parse(template)
        if name is not None and name
    }


@pytest.mark.parametrize("key", sorted(ENGLISH))
def test_every_problem_is_said_in_both_languages(key: str) -> None:
    message = Message(key, **_sample(ENGLISH[key]))
    # The English the checks write is the English the catalogue says.
    assert message_text("en", message) == str(message)
    assert key in CATALOGUE["id"], f"no Indonesian for {key}"
    said = message_text("id", message)
    for value in message.values.values():
        assert repr(value) in said or str(value) in said, (key, said)
    if key not in SAME_IN_INDONESIAN:
        assert said != str(message), f"{key} is English in the Indonesian table"


def test_every_problem_kind_is_reported_somewhere() -> None:
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for path in CONTENT.glob("*.py")
        if path.name != "problems.py"
    )
    unused = [key for key in ENGLISH if f'"{key}"' not in source]
    assert not unused, f"problem kinds no check reports: {unused}"


def test_a_message_inside_a_message_is_said_in_the_same_language() -> None:
    kind = Message("problem_kind_str")
    what = Message("problem_row", what=Message("problem_a_card"), table="cards", n=2)
    message = Message("problem_missing_key", what=what, key="front", kind=kind)
    assert str(message) == "a card ([[cards]] #2) is missing 'front': add front = <text in quotes>"
    assert message_text("id", message) == (
        "kartu ([[cards]] #2) tidak punya 'front', padahal wajib diisi:"
        " tambahkan front = <teks dalam tanda kutip>"
    )


BROKEN = {
    "id__role": SECTION.replace('title = "Title"', 'titel = "Title"', 1),
    "en__duties": DUTIES.replace("number = 2", "number = 5"),
    "id__skills": "[section\n",
}


def test_check_lang_id_prints_every_problem_in_indonesian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_content(tmp_path / "content", **BROKEN)
    assert main(["check", "--lang", "id", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{root / 'en' / 'duties.toml'}:13: item 'b' bernomor 5 di sini tapi 2 di"
        f" {root / 'id' / 'duties.toml'}: nomor mengikuti artikel",
        f"{root / 'id' / 'role.toml'}:1: [section] tidak punya 'title', padahal wajib diisi:"
        " tambahkan title = <teks dalam tanda kutip>",
        f"{root / 'id' / 'role.toml'}:3: kunci 'titel' tidak dikenal di [section]:"
        " maksudnya 'title'? (yang boleh: tab, title, intro)",
        # The parser's own words stay as it wrote them.
        f"{root / 'id' / 'skills.toml'}:1: bukan TOML yang sah:"
        " Expected ']' at the end of a table declaration",
        f"4 masalah di {root}",
    ]


def test_check_in_english_is_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_content(tmp_path / "content", **BROKEN)
    assert main(["check", "--lang", "en", str(root)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{root / 'en' / 'duties.toml'}:13: item 'b' has number 5 here but 2 in"
        f" {root / 'id' / 'duties.toml'}: numbers follow the article",
        f"{root / 'id' / 'role.toml'}:1: [section] is missing 'title':"
        " add title = <text in quotes>",
        f"{root / 'id' / 'role.toml'}:3: unknown key 'titel' in [section]: did you mean"
        " 'title'? (allowed: tab, title, intro)",
        f"{root / 'id' / 'skills.toml'}:1: is not valid TOML:"
        " Expected ']' at the end of a table declaration",
        f"4 problems in {root}",
    ]


def test_strict_warnings_in_indonesian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_content(tmp_path / "content")
    assert main(["check", "--strict", "--lang", "id", str(root)]) == 1
    *lines, last = capsys.readouterr().err.splitlines()
    # Each item of the small course is tested by fewer than two cards.
    assert f"{root / 'id' / 'duties.toml'}:6: peringatan: item 'a' hanya punya 1 kartu:" in "".join(
        lines
    )
    assert all(": peringatan: item '" in line and "paling sedikit 2" in line for line in lines)
    assert last == f"{len(lines)} peringatan di {root}"


def test_the_app_and_stats_say_broken_material_in_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_content(tmp_path / "content", en__duties=BROKEN["en__duties"])
    monkeypatch.setenv("BACKEND_TUI_DATA_DIR", str(tmp_path / "data"))
    expected = [
        f"{root / 'en' / 'duties.toml'}:13: item 'b' bernomor 5 di sini tapi 2 di"
        f" {root / 'id' / 'duties.toml'}: nomor mengikuti artikel",
        f"1 masalah di {root}",
    ]
    assert main(["--lang", "id", "--content", str(root)]) == 1
    assert capsys.readouterr().err.splitlines() == expected
    assert main(["stats", "--lang", "id", "--content", str(root), "--profile", "ana"]) == 1
    assert capsys.readouterr().err.splitlines() == expected
    assert not (tmp_path / "data").exists()


def test_a_path_with_control_characters_is_shown_not_obeyed_in_indonesian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_content(tmp_path / "con\x1b[2Jtent", id__role="[section\n")
    assert main(["check", "--lang", "id", str(root)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "con\u241b[2Jtent" in err
    assert "bukan TOML yang sah" in err
