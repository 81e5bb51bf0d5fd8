"""`check --strict`: content that loads but teaches badly is warned about at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.content_files import make_content

from backend_tui.cli import main
from backend_tui.content import Card, load_content
from backend_tui.content.strict import strict_warnings
from backend_tui.study.answers import check_typed

ITEMS = ["role.a", "duties.a", "duties.b", "skills.a", "career.salary"]


def card(card_id: str, source: str, front: str, extra: str = "") -> str:
    return (
        f'[[cards]]\nid = "{card_id}"\nsource = "{source}"\ntype = "basic"\n'
        f'front = "{front}"\nback = "Answer."\n{extra}\n'
    )


def two_per_item() -> str:
    """Two basic cards for every item of the small folder, each asking its own question."""
    return "".join(
        card(f"{source.replace('.', '-')}-{n}", source, f"Question {n} about {source}?")
        for source in ITEMS
        for n in (1, 2)
    )


CHOICE = """\
[[cards]]
id = "choice"
source = "duties.a"
type = "choice"
front = "Which one?"
back = "This one."
options = [
  { text = "Right answer", correct = true },
  { text = "right  ANSWER" },
  { text = "Wrong" },
]
"""

TYPED = """\
[[cards]]
id = "typed"
source = "duties.b"
type = "typed"
front = "Type it"
back = "It."
answers = {answers}
"""


def warnings(root: Path) -> list[str]:
    found = strict_warnings(load_content(root), accepts=check_typed)
    return [f"{w.path.relative_to(root)}:{w.line}: {w.message}" for w in found]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    cards = two_per_item()
    return make_content(tmp_path / "content", id__cards=cards, en__cards=cards)


def test_good_content_has_no_warnings(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert warnings(root) == []
    assert main(["check", "--strict", str(root)]) == 0
    assert capsys.readouterr().out == f"{root}: ok (id, en; 10 cards per language; strict)\n"


def test_items_with_fewer_than_two_cards(root: Path) -> None:
    cards = two_per_item().split("[[cards]]")
    one_less = "[[cards]]".join(c for c in cards if '"duties-b-2"' not in c)
    make_content(root, id__cards=one_less, en__cards=one_less)
    assert warnings(root) == [
        "id/duties.toml:12: warning: item 'b' has 1 card:"
        " write at least 2 so it is practised from two sides",
    ]


def test_duplicate_fronts_in_one_language(root: Path) -> None:
    cards = two_per_item().replace("Question 2 about role.a?", "question 1  ABOUT role.a?")
    make_content(root, id__cards=two_per_item(), en__cards=cards)
    assert warnings(root) == [
        "en/cards.toml:9: warning: card 'role-a-2' asks the same as card 'role-a-1'"
        " (line 2): reword one or remove one",
    ]


def test_a_distractor_equal_to_the_answer(root: Path) -> None:
    cards = two_per_item() + CHOICE
    make_content(root, id__cards=cards, en__cards=cards)
    expected = (
        ":72: warning: card 'choice' has a wrong option equal to the right one"
        " ('right  ANSWER'): write a different distractor"
    )
    assert warnings(root) == [f"id/cards.toml{expected}", f"en/cards.toml{expected}"]


def test_accepted_answers_differ_in_number_between_languages(root: Path) -> None:
    make_content(
        root,
        id__cards=two_per_item() + TYPED.format(answers='["itu", "ini", "itu saja"]'),
        en__cards=two_per_item() + TYPED.format(answers='["it"]'),
    )
    assert warnings(root) == [
        "en/cards.toml:72: warning: card 'typed' accepts 1 answers here but 3 in"
        f" {root / 'id' / 'cards.toml'}: a learner should have as many ways to be right"
        " in either language",
    ]


def test_a_typed_answer_the_judge_refuses_as_written(root: Path) -> None:
    cards = two_per_item() + TYPED.format(answers='["Rp 10.500.000", "10,5 juta"]')
    make_content(root, id__cards=cards, en__cards=cards)

    def no_dots(card: Card, text: str) -> bool:
        """A judge that cannot take dots: as one that reads numbers might not."""
        return "." not in text and check_typed(card, text)

    found = strict_warnings(load_content(root), accepts=no_dots)
    assert [(w.path.name, w.line, w.message) for w in found] == [
        (
            "cards.toml",
            72,
            "warning: card 'typed' does not accept its own answer 'Rp 10.500.000' when typed"
            " as written: write it as a learner would type it",
        ),
    ] * 2
    assert warnings(root) == []  # today's judge takes every answer as written


def test_check_strict_fails_on_warnings_and_plain_check_does_not(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = two_per_item() + CHOICE
    make_content(root, id__cards=cards, en__cards=cards)
    assert main(["check", str(root)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{root}: ok (id, en; 11 cards per language)\n"
    assert err == ""

    assert main(["check", "--strict", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(f"{root / 'id' / 'cards.toml'}:72: warning: card 'choice'")
    assert lines[1].startswith(f"{root / 'en' / 'cards.toml'}:72: warning: card 'choice'")
    assert lines[2:] == [f"2 warnings in {root}"]


def test_check_strict_with_errors_lists_errors_only(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_content(root, en__cards=two_per_item().replace('type = "basic"', 'type = "basik"', 1))
    assert main(["check", "--strict", str(root)]) == 1
    err = capsys.readouterr().err
    assert "card type 'basik' is unknown" in err
    assert "warning" not in err
