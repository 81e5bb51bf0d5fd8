"""The loader reports every kind of bad content as ``path:line: message``, all at once."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from helpers.content_files import CARDS, CAREER, DUTIES, SECTION, make_content, problems

from backend_tui.cli import main
from backend_tui.content import ContentError, load_content
from backend_tui.content.loader import Locator, check_content


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_content(tmp_path / "content")


def test_the_small_folder_is_clean(root: Path) -> None:
    content = load_content(root)
    assert [c.id for c in content["en"].cards] == ["basic-card", "choice-card", "typed-card"]
    assert content["id"].sections["duties"].items[1].number == 2
    assert check_content(root) == []


# --------------------------------------------------------------------------- reading


def test_invalid_toml_reports_the_parsers_line(root: Path) -> None:
    make_content(root, id__skills=SECTION.replace('title = "A"', 'title = "A'))
    assert problems(root) == [
        "id/skills.toml:7: is not valid TOML: Illegal character '\\n'",
    ]


def test_invalid_toml_at_the_end_of_the_document_points_at_the_last_line(root: Path) -> None:
    make_content(root, en__role=SECTION + 'note = """never closed\n\n\n')
    assert problems(root) == ["en/role.toml:9: is not valid TOML: Unterminated string"]


def test_text_that_is_not_utf8_reports_the_line_of_the_bad_byte(root: Path) -> None:
    (root / "en" / "duties.toml").write_bytes(
        DUTIES.replace("Body of b.", "Caf\xe9").encode("latin-1")
    )
    assert problems(root) == ["en/duties.toml:15: is not UTF-8 text: save the file as UTF-8"]


def test_windows_line_endings_and_byte_order_mark_are_fine(root: Path) -> None:
    windows = SECTION.replace("\n", "\r\n").replace('body = "Body of a."', 'body = ""')
    (root / "id" / "role.toml").write_bytes(b"\xef\xbb\xbf" + windows.encode("utf-8"))
    assert problems(root) == [
        "id/role.toml:8: 'body' in an item ([[items]] #1) is empty: write the text or remove it",
    ]
    (root / "id" / "role.toml").write_bytes(b"\xef\xbb\xbf" + SECTION.encode("utf-8"))
    assert load_content(root)["id"].sections["role"].items[0].body == "Body of a."
    # lines found when comparing languages too
    mismatch = DUTIES.replace("number = 1", "number = 9").replace("\n", "\r\n")
    (root / "en" / "duties.toml").write_bytes(b"\xef\xbb\xbf" + mismatch.encode("utf-8"))
    assert problems(root)[0].startswith("en/duties.toml:7: item 'a' has number 9 here but 1")


def test_a_missing_folder_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_content(tmp_path / "nowhere")
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'nowhere'}:1: no such content folder: give a folder holding id/ and en/"
    ]


# --------------------------------------------------------------------------- schema


def test_unknown_key_suggests_the_closest_allowed_one(root: Path) -> None:
    make_content(root, id__role=SECTION.replace('title = "A"', 'titel = "A"'))
    assert problems(root) == [
        "id/role.toml:5: an item ([[items]] #1) is missing 'title': add title = <text in quotes>",
        "id/role.toml:7: unknown key 'titel' in an item ([[items]] #1): did you mean 'title'?"
        " (allowed: id, title, body, number, technologies, note)",
    ]


def test_unknown_key_with_nothing_close_says_remove_it(root: Path) -> None:
    make_content(root, id__role=SECTION.replace("[section]", "[section]\nzzz = 1"))
    assert problems(root) == [
        "id/role.toml:2: unknown key 'zzz' in [section]: remove it (allowed: tab, title, intro)",
    ]


def test_missing_field_is_reported_at_its_table(root: Path) -> None:
    make_content(root, en__skills=SECTION.replace('body = "Body of a."\n', ""))
    assert problems(root) == [
        "en/skills.toml:5: an item ([[items]] #1) is missing 'body': add body = <text in quotes>",
    ]


def test_missing_section_table_is_reported(root: Path) -> None:
    make_content(root, en__skills=SECTION.replace('[section]\ntab = "Tab"\ntitle = "Title"\n', ""))
    assert problems(root) == [
        "en/skills.toml:1: skills.toml is missing 'section': add section = <a table>",
    ]


def test_wrong_type_names_the_expected_kind(root: Path) -> None:
    make_content(root, id__duties=DUTIES.replace("number = 2", 'number = "2"'))
    assert problems(root) == [
        "id/duties.toml:13: 'number' in an item ([[items]] #2) must be a whole number, not str",
    ]


def test_a_table_where_a_list_of_tables_belongs_points_at_its_header(root: Path) -> None:
    make_content(root, id__role=SECTION.replace("[[items]]", "[items]"))
    assert problems(root) == [
        "id/role.toml:5: 'items' in role.toml must be a list of tables, not dict",
    ]


def test_empty_text_is_reported(root: Path) -> None:
    make_content(root, en__role=SECTION.replace('body = "Body of a."', 'body = "   "'))
    assert problems(root) == [
        "en/role.toml:8: 'body' in an item ([[items]] #1) is empty: write the text or remove it",
    ]


def test_empty_technology_is_reported(root: Path) -> None:
    make_content(root, en__role=SECTION + 'technologies = ["Git", " "]\n')
    assert problems(root) == [
        "en/role.toml:9: 'technologies' in an item ([[items]] #1) has an empty entry: remove it",
    ]


def test_a_section_needs_items(root: Path) -> None:
    make_content(root, en__role='items = []\n[section]\ntab = "Tab"\ntitle = "T"\n')
    assert problems(root) == [
        "en/role.toml:1: 'items' is empty: a section needs at least one item",
    ]


def test_duplicate_id_names_the_first_line(root: Path) -> None:
    make_content(root, id__duties=DUTIES.replace('id = "b"', 'id = "a"'))
    assert problems(root) == [
        "id/duties.toml:12: duplicate item id 'a' (first at line 6): rename one",
    ]


def test_invalid_id_is_reported(root: Path) -> None:
    make_content(root, id__role=SECTION.replace('id = "a"', 'id = "Bad Id"'))
    assert problems(root) == [
        "id/role.toml:6: id 'Bad Id' of an item is not a valid id: use lowercase letters,"
        " digits, '-' and '_', starting with a letter or digit",
    ]


# --------------------------------------------------------------------------- languages


def test_item_only_in_indonesian_is_reported(root: Path) -> None:
    make_content(root, id__role=SECTION + '\n[[items]]\nid = "extra"\ntitle = "X"\nbody = "Y"\n')
    assert problems(root) == [
        f"id/role.toml:11: item 'extra' is here but not in {root / 'en' / 'role.toml'}:"
        " add it there with the same id, or remove it here",
    ]


def test_item_only_in_english_is_reported(root: Path) -> None:
    make_content(root, en__duties=DUTIES.replace('id = "b"', 'id = "c"'))
    assert problems(root) == [
        "en/cards.toml:10: source 'duties.b' names no item of duties.toml (its items: a, c)",
        f"en/duties.toml:12: item 'c' is here but not in {root / 'id' / 'duties.toml'}:"
        " add it there with the same id, or remove it here",
        f"id/duties.toml:12: item 'b' is here but not in {root / 'en' / 'duties.toml'}:"
        " add it there with the same id, or remove it here",
    ]


def test_salary_and_reference_ids_must_match_too(root: Path) -> None:
    make_content(
        root,
        en__career=CAREER.replace('id = "indonesia"', 'id = "jakarta"').replace(
            'id = "ref"', 'id = "other"'
        ),
    )
    en, other = root / "en" / "career.toml", root / "id" / "career.toml"
    assert problems(root) == [
        f"en/career.toml:11: salary 'jakarta' is here but not in {other}:"
        " add it there with the same id, or remove it here",
        f"en/career.toml:27: reference 'other' is here but not in {other}:"
        " add it there with the same id, or remove it here",
        f"id/career.toml:11: salary 'indonesia' is here but not in {en}:"
        " add it there with the same id, or remove it here",
        f"id/career.toml:27: reference 'ref' is here but not in {en}:"
        " add it there with the same id, or remove it here",
    ]


def test_missing_counterpart_file_is_reported(root: Path) -> None:
    make_content(root, en__skills=None)
    assert problems(root) == [
        "id/skills.toml:1: has no counterpart en/skills.toml: add a translation with the same ids",
    ]


def test_missing_in_both_languages_is_reported(root: Path) -> None:
    make_content(root, en__skills=None, id__skills=None)
    assert problems(root) == ["id/skills.toml:1: missing file: every language needs skills.toml"]


def test_cards_in_one_language_only_are_reported(root: Path) -> None:
    make_content(root, id__cards=None)
    assert problems(root) == [
        "en/cards.toml:1: has no counterpart id/cards.toml: add one with the same card ids",
    ]


def test_number_mismatch_is_reported_in_the_translation(root: Path) -> None:
    make_content(root, en__duties=DUTIES.replace("number = 2", "number = 3"))
    assert problems(root) == [
        f"en/duties.toml:13: item 'b' has number 3 here but 2 in {root / 'id' / 'duties.toml'}:"
        " numbers follow the article",
    ]


# --------------------------------------------------------------------------- salaries


def test_salary_in_idr_needs_an_exchange_rate(root: Path) -> None:
    no_rate = CAREER.split("[exchange_rate]")[0] + CAREER.split("approximate = true\n")[1]
    make_content(root, id__career=no_rate)
    assert problems(root) == [
        "id/career.toml:11: salary 'indonesia' is in IDR but there is no [exchange_rate]"
        ' with currency = "IDR": add one so it can be drawn in USD',
    ]


def test_salary_period_and_range_are_checked(root: Path) -> None:
    make_content(
        root,
        en__career=CAREER.replace('period = "month"', 'period = "week"').replace(
            "low = 7_500_000", "low = 20_000_000"
        ),
    )
    assert problems(root) == [
        "en/career.toml:14: salary needs 0 <= low <= high, not low = 20000000, high = 10500000",
        "en/career.toml:16: 'period' must be \"month\" or \"year\", not 'week'",
    ]


@pytest.mark.parametrize("per_usd", ["0", "-1.5", "nan", "inf", "1" + "0" * 400])
def test_exchange_rate_must_be_a_positive_finite_number(root: Path, per_usd: str) -> None:
    make_content(root, id__career=CAREER.replace("per_usd = 16_500", f"per_usd = {per_usd}"))
    # per_usd is unusable, so the IDR range has no rate either: both are said
    assert problems(root) == [
        "id/career.toml:11: salary 'indonesia' is in IDR but there is no [exchange_rate]"
        ' with currency = "IDR": add one so it can be drawn in USD',
        "id/career.toml:22: 'per_usd' must be a number more than 0, like 16500",
    ]


# --------------------------------------------------------------------------- cards


def test_card_with_unknown_source_lists_the_items(root: Path) -> None:
    make_content(root, id__cards=CARDS.replace('source = "duties.a"', 'source = "duties.zzz"'))
    assert problems(root) == [
        "id/cards.toml:3: source 'duties.zzz' names no item of duties.toml (its items: a, b)",
    ]


def test_card_source_must_name_a_section(root: Path) -> None:
    make_content(root, en__cards=CARDS.replace('source = "duties.a"', 'source = "drill.a"'))
    assert problems(root) == [
        "en/cards.toml:3: source 'drill.a' must be <section>.<item> with section one of"
        ' role, duties, skills, career (e.g. "duties.api")',
    ]


@pytest.mark.parametrize(
    ("options", "count"),
    [
        ('{ text = "Right" },\n  { text = "Wrong" },', 0),
        ('{ text = "Right", correct = true },\n  { text = "Wrong", correct = true },', 2),
    ],
)
def test_choice_card_needs_exactly_one_correct_option(root: Path, options: str, count: int) -> None:
    cards = CARDS.replace('{ text = "Right", correct = true },\n  { text = "Wrong" },', options)
    make_content(root, id__cards=cards)
    assert problems(root) == [
        "id/cards.toml:14: a choice card needs exactly one option with correct = true,"
        f" it has {count}",
    ]


def test_choice_card_needs_two_to_four_options(root: Path) -> None:
    make_content(root, en__cards=CARDS.replace('  { text = "Wrong" },\n', ""))
    assert problems(root) == [
        "en/cards.toml:14: a choice card needs 2 to 4 options (keys a-d pick them)",
    ]


def test_option_with_unknown_key_is_placed_on_the_options_line(root: Path) -> None:
    make_content(root, en__cards=CARDS.replace('{ text = "Wrong" }', '{ txt = "Wrong" }'))
    assert problems(root) == [
        "en/cards.toml:14: an option is missing 'text': add text = <text in quotes>",
        "en/cards.toml:14: unknown key 'txt' in an option: did you mean 'text'?"
        " (allowed: text, correct)",
    ]


def test_typed_card_needs_answers(root: Path) -> None:
    make_content(root, id__cards=CARDS.replace('answers = ["it"]', "answers = []"))
    assert problems(root) == [
        'id/cards.toml:25: a typed card needs answers = ["accepted answer", ...] (not empty)',
    ]


def test_options_on_a_basic_card_are_reported(root: Path) -> None:
    basic = CARDS.replace(
        'back = "Answer."', 'back = "Answer."\noptions = [{ text = "x", correct = true }]'
    )
    make_content(root, id__cards=basic)
    assert problems(root) == [
        "id/cards.toml:7: only choice cards have options; this card is basic",
    ]


def test_answers_on_a_choice_card_are_reported(root: Path) -> None:
    make_content(root, en__cards=CARDS.replace('back = "This one."', 'back = "1"\nanswers = ["x"]'))
    assert problems(root) == [
        "en/cards.toml:14: only typed cards have answers; this card is choice",
    ]


def test_unknown_card_type_is_reported(root: Path) -> None:
    make_content(root, en__cards=CARDS.replace('type = "basic"', 'type = "essay"'))
    assert problems(root) == [
        'en/cards.toml:4: card type \'essay\' is unknown: use "basic", "choice" or "typed"',
    ]


def test_translated_card_keeps_type_and_source(root: Path) -> None:
    typed = CARDS.replace(
        'type = "basic"\nfront = "Question?"\nback = "Answer."',
        'type = "typed"\nfront = "Question?"\nback = "Answer."\nanswers = ["a"]',
    )
    make_content(root, en__cards=typed)
    assert problems(root) == [
        "en/cards.toml:2: card 'basic-card' is typed of duties.a here but basic of duties.a"
        f" in {root / 'id' / 'cards.toml'}: translations keep type and source",
    ]


def test_translated_choice_keeps_the_correct_option_in_place(root: Path) -> None:
    swapped = CARDS.replace(
        '{ text = "Right", correct = true },\n  { text = "Wrong" },',
        '{ text = "Wrong" },\n  { text = "Right", correct = true },',
    )
    make_content(root, en__cards=swapped)
    assert problems(root) == [
        f"en/cards.toml:9: card 'choice-card' options differ from {root / 'id' / 'cards.toml'}:"
        " keep the same number of options and the correct one in the same place",
    ]


def test_card_only_in_one_language_is_reported(root: Path) -> None:
    make_content(root, en__cards=CARDS.replace('id = "typed-card"', 'id = "typed-other"'))
    en, id_ = root / "en" / "cards.toml", root / "id" / "cards.toml"
    assert problems(root) == [
        f"en/cards.toml:20: card 'typed-other' is here but not in {id_}:"
        " add it there with the same id, or remove it here",
        f"id/cards.toml:20: card 'typed-card' is here but not in {en}:"
        " add it there with the same id, or remove it here",
    ]


# --------------------------------------------------------------------------- all at once


def test_every_problem_is_reported_at_once(root: Path) -> None:
    make_content(
        root,
        id__role=SECTION.replace('title = "A"', 'title = ""'),
        en__skills=SECTION.replace('id = "a"', 'id = "a"\nnumber = true'),
    )
    assert problems(root) == [
        "en/skills.toml:7: 'number' in an item ([[items]] #1) must be a whole number, not bool",
        "id/role.toml:7: 'title' in an item ([[items]] #1) is empty: write the text or remove it",
    ]


def test_broken_toml_does_not_hide_problems_in_other_files(root: Path) -> None:
    make_content(
        root, en__duties="[section\n", id__cards=CARDS.replace('type = "basic"', 'type = "basik"')
    )
    assert problems(root) == [
        "en/duties.toml:1: is not valid TOML: Expected ']' at the end of a table declaration",
        'id/cards.toml:4: card type \'basik\' is unknown: use "basic", "choice" or "typed"',
    ]


# --------------------------------------------------------------------------- locating lines


def test_lines_inside_multiline_strings_are_not_keys(root: Path) -> None:
    tricky = SECTION.replace(
        'body = "Body of a."',
        'body = """\nid = "looks like a key"\n[[items]]\ntitle = "not a key"\n"""\nnote = 3',
    )
    make_content(root, id__role=tricky)
    assert problems(root) == [
        "id/role.toml:13: 'note' in an item ([[items]] #1) must be text in quotes, not int",
    ]


def test_literal_strings_holding_basic_quotes_do_not_open_a_string(root: Path) -> None:
    tricky = SECTION.replace(
        'body = "Body of a."', "body = '''a \"\"\" inside'''\nnote = '\"\"\"'\nnumber = 'x'"
    )
    make_content(root, id__role=tricky)
    assert problems(root) == [
        "id/role.toml:10: 'number' in an item ([[items]] #1) must be a whole number, not str",
    ]


def test_unicode_line_separators_do_not_shift_lines(root: Path) -> None:
    tricky = SECTION.replace(
        'body = "Body of a."', 'body = "one\u2028two\x85three\u2029"\nnote = ""'
    )
    make_content(root, en__role=tricky)
    # U+0085 is a C1 control character: refused, at the line it is on
    assert problems(root) == [
        "en/role.toml:8: 'body' in an item ([[items]] #1) holds the control character U+0085:"
        " remove it (text may hold newlines and tabs, no other control characters)",
        "en/role.toml:9: 'note' in an item ([[items]] #1) is empty: write the text or remove it",
    ]


def test_lines_inside_multiline_arrays_are_not_headers() -> None:
    text = 'a = [\n  ["x"],\n  [1],\n]\n[b]\nc = 1\n'
    at = Locator(text)
    assert at.table("b") == 5
    assert at.table('"x"') == 1
    assert at.key("c", "b") == 6


def test_quoted_and_spaced_headers_are_found() -> None:
    at = Locator('x = 1\n[ "section" ]\ntab = "a"\n[[ items ]]  # first\nid = "a"\n')
    assert at.table("section") == 2
    assert at.key("tab", "section") == 3
    assert at.key("id", "items", 0) == 5
    assert at.key("missing", "items", 0) == 4


def test_escaped_quotes_do_not_close_a_multiline_string() -> None:
    text = 'a = """x \\""" y\nb = 1\n"""\n[t]\nc = 1\n'
    at = Locator(text)
    assert at.key("b") == 1  # inside the string
    assert at.table("t") == 4
    assert at.key("c", "t") == 5


def test_inline_tables_are_placed_at_their_key(root: Path) -> None:
    inline = (
        '# written inline\nitems = [\n  { id = "a", title = "A", body = "" },\n]\n\n'
        '[section]\ntab = "T"\ntitle = "T"\n'
    )
    make_content(root, en__role=inline)
    assert problems(root) == [
        "en/role.toml:2: 'body' in an item ([[items]] #1) is empty: write the text or remove it",
    ]


def test_a_top_level_name_written_as_a_header_is_found() -> None:
    at = Locator("[[section]]\ntab = 1\n")
    assert at.key("section") == 1


# --------------------------------------------------------------------------- command line


def test_check_prints_ok_for_clean_content(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(root)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{root}: ok (id, en; 3 cards per language)\n"
    assert err == ""


@pytest.mark.parametrize("how", ["--lang", "locale"])
def test_check_speaks_the_chosen_language(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setenv("LC_ALL", "id_ID.UTF-8" if how == "locale" else "C.UTF-8")
    flags = ["--lang", "id"] if how == "--lang" else []
    assert main(["check", *flags, str(root)]) == 0
    assert capsys.readouterr().out == f"{root}: beres (id, en; 3 kartu per bahasa)\n"
    make_content(root, id__role="[section\n", en__skills=None)
    assert main(["check", *flags, str(root)]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"2 masalah di {root}"


def test_check_lists_problems_on_stderr(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_content(root, id__role="[section\n", en__skills=None)
    assert main(["check", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{root / 'id' / 'role.toml'}:1: is not valid TOML:"
        " Expected ']' at the end of a table declaration",
        f"{root / 'id' / 'skills.toml'}:1: has no counterpart en/skills.toml:"
        " add a translation with the same ids",
        f"2 problems in {root}",
    ]
    assert "Traceback" not in err


def test_app_with_broken_content_lists_problems_and_never_starts(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_content(root, en__duties=DUTIES.replace("number = 2", "number = 5"))
    monkeypatch.setenv("BACKEND_TUI_DATA_DIR", str(root.parent / "data"))
    never = types.ModuleType("backend_tui.ui.app")

    def make_app(*args: object) -> None:
        raise AssertionError("the app must not be built from broken content")

    never.make_app = make_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "backend_tui.ui.app", never)
    assert main(["--content", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{root / 'en' / 'duties.toml'}:13: item 'b' has number 5 here but 2 in"
        f" {root / 'id' / 'duties.toml'}: numbers follow the article",
        f"1 problem in {root}",
    ]
    assert not (root.parent / "data").exists()
    # the same list as `backend-tui check`
    assert main(["check", str(root)]) == 1
    assert capsys.readouterr().err == err


def test_currency_must_be_a_three_letter_code(root: Path) -> None:
    make_content(root, en__career=CAREER.replace('currency = "IDR"', 'currency = "Rp\\n"', 1))
    assert problems(root) == [
        'en/career.toml:13: \'currency\' must be a three-letter code like "IDR" or "USD",'
        " not 'Rp\\n'",
    ]


def test_odd_keys_and_ids_stay_on_one_line(root: Path) -> None:
    make_content(root, id__role=SECTION.replace('id = "a"', 'id = "a\\nb"\n"x\\ny" = 1'))
    # a quoted key with escapes is not traced to its line: its item's header stands in
    assert problems(root) == [
        "id/role.toml:5: unknown key 'x\\ny' in an item ([[items]] #1): remove it"
        " (allowed: id, title, body, number, technologies, note)",
        "id/role.toml:6: id 'a\\nb' of an item is not a valid id: use lowercase letters,"
        " digits, '-' and '_', starting with a letter or digit",
    ]


# --------------------------------------------------------------------------- study-note cards


def test_a_card_is_from_the_article_unless_it_says_note(root: Path) -> None:
    note = CARDS.replace('type = "basic"\n', 'type = "basic"\norigin = "note"\n', 1)
    make_content(root, id__cards=note, en__cards=note)
    cards = load_content(root)["en"].cards
    assert [c.origin for c in cards] == ["note", "article", "article"]


def test_an_unknown_origin_is_reported_at_its_line(root: Path) -> None:
    odd = CARDS.replace('type = "basic"\n', 'type = "basic"\norigin = "notes"\n', 1)
    make_content(root, id__cards=odd, en__cards=odd)
    expected = (
        ':5: \'origin\' must be "article" (it tests the article) or "note" (a study note),'
        " not 'notes'"
    )
    assert problems(root) == [f"en/cards.toml{expected}", f"id/cards.toml{expected}"]


def test_both_languages_agree_on_a_cards_origin(root: Path) -> None:
    make_content(
        root, en__cards=CARDS.replace('type = "typed"\n', 'type = "typed"\norigin = "note"\n')
    )
    assert problems(root) == [
        'en/cards.toml:23: card \'typed-card\' has origin "note" here but "article" in'
        f" {root / 'id' / 'cards.toml'}: a card is a study note in both languages or in neither",
    ]


# --------------------------------------------------------------------------- glossary

GLOSSARY = """\
[[terms]]
id = "api"
term = "API"
meaning = "How two programs talk."
see = "duties.a"

[[terms]]
id = "load-balancing"
term = "load balancing"
meaning = "Sharing requests among servers."
"""


def write_glossary(root: Path, lang: str, text: str) -> None:
    (root / lang / "glossary.toml").write_text(text, encoding="utf-8")


def test_a_glossary_is_read_in_order_with_its_lines(root: Path) -> None:
    assert load_content(root)["en"].terms == ()  # no glossary: no terms, no problem
    for lang in ("id", "en"):
        write_glossary(root, lang, GLOSSARY)
    terms = load_content(root)["id"].terms
    assert [(t.id, t.term, t.see, t.line) for t in terms] == [
        ("api", "API", "duties.a", 2),
        ("load-balancing", "load balancing", "", 8),
    ]
    assert terms[1].meaning == "Sharing requests among servers."


def test_a_glossary_in_one_language_only_is_reported(root: Path) -> None:
    write_glossary(root, "id", GLOSSARY)
    assert problems(root) == [
        "id/glossary.toml:1: has no counterpart en/glossary.toml:"
        " add one with the same term ids in the same order",
    ]


def test_glossary_terms_are_checked_like_any_table(root: Path) -> None:
    write_glossary(root, "en", GLOSSARY)
    bad = (
        GLOSSARY.replace('id = "api"', 'id = "API"')
        .replace('meaning = "Sharing requests among servers."', 'meaning = ""')
        .replace('see = "duties.a"', 'see = "duties.zz"\nsource = "x"')
    )
    write_glossary(root, "id", bad)
    assert problems(root) == [
        "id/glossary.toml:2: id 'API' of a term is not a valid id: use lowercase letters,"
        " digits, '-' and '_', starting with a letter or digit",
        "id/glossary.toml:6: unknown key 'source' in a term ([[terms]] #1): remove it"
        " (allowed: id, term, meaning, see)",
        "id/glossary.toml:11: 'meaning' in a term ([[terms]] #2) is empty:"
        " write the text or remove it",
    ]


@pytest.mark.parametrize(
    ("see", "message"),
    [
        (
            "duties.zz",
            "see 'duties.zz' names no item of duties.toml (its items: a, b)",
        ),
        (
            "glossary.api",
            "see 'glossary.api' must be <section>.<item> with section one of"
            ' role, duties, skills, career (e.g. "duties.api")',
        ),
    ],
)
def test_see_must_name_an_item_that_exists(root: Path, see: str, message: str) -> None:
    text = GLOSSARY.replace('see = "duties.a"', f'see = "{see}"')
    for lang in ("id", "en"):
        write_glossary(root, lang, text)
    assert problems(root) == [f"en/glossary.toml:5: {message}", f"id/glossary.toml:5: {message}"]


def test_both_glossaries_hold_the_same_ids_in_the_same_order(root: Path) -> None:
    write_glossary(root, "id", GLOSSARY)
    first, second = GLOSSARY.split("\n\n")
    write_glossary(root, "en", second + "\n\n" + first + "\n")
    assert problems(root) == [
        "en/glossary.toml:2: term 'load-balancing' is out of order:"
        f" {root / 'id' / 'glossary.toml'} has 'api' here;"
        " keep the terms in the same order in both languages",
    ]
    write_glossary(root, "en", first + "\n")
    assert problems(root) == [
        "id/glossary.toml:8: term 'load-balancing' is here but not in"
        f" {root / 'en' / 'glossary.toml'}: add it there with the same id, or remove it here",
    ]


def test_both_glossaries_point_at_the_same_place(root: Path) -> None:
    write_glossary(root, "id", GLOSSARY)
    write_glossary(root, "en", GLOSSARY.replace('see = "duties.a"', 'see = "duties.b"'))
    assert problems(root) == [
        "en/glossary.toml:2: term 'api' has see = 'duties.b' here but 'duties.a' in"
        f" {root / 'id' / 'glossary.toml'}: a term points at the same place in both languages",
    ]
