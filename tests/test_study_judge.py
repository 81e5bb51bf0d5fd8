"""The typed-answer judge: examples a teacher would mark, and properties over many inputs."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from backend_tui.study.judge import edit_distance, judge, tokens, typo_allowance

RUPIAH = [
    "10,500,000",
    "Rp10,500,000",
    "Rp 10,500,000",
    "10500000",
    "10.500.000",
    "Rp10.500.000",
    "10.5 million",
    "Rp10.5 million",
    "10,5 juta",
]
DOLLARS = ["160,000", "160000", "160.000", "USD 160,000", "$160,000", "160k", "160 thousand"]


@pytest.mark.parametrize(
    ("typed", "answers"),
    [
        ("Security.", ["security"]),
        ("  SECURITY  ", ["security"]),
        ("«security»", ["security"]),
        ("node js", ["Node.js"]),
        ("\uff21\uff30\uff29", ["API"]),  # full-width letters (NFKC)
        ("Rp 10.500.000", RUPIAH),
        ("Rp. 10.500.000", RUPIAH),
        ("IDR 10500000", RUPIAH),
        ("10,5 jt", RUPIAH),
        ("10.500 ribu", RUPIAH),
        ("Rp 10.500.000 per bulan", RUPIAH),
        ("USD 160000", DOLLARS),
        ("$160k", DOLLARS),
        ("US$ 160.000", DOLLARS),
        ("160 ribu per tahun", DOLLARS),
        ("160,000 a year", DOLLARS),
        ("Rp 7,5 - 10,5 juta per bulan", ["Rp7.500.000 to Rp10.500.000 per month"]),
    ],
)
def test_right(typed: str, answers: list[str]) -> None:
    verdict = judge(typed, answers)
    assert verdict.outcome == "right", verdict
    assert verdict.suggested == 3
    assert verdict.diff == ()


@pytest.mark.parametrize(
    ("typed", "answers"),
    [
        ("Rp 10.600.000", RUPIAH),
        ("USD 10.500.000", ["Rp 10.500.000"]),  # dollars are not rupiah
        ("Rp 160.000", DOLLARS),  # the other answers say dollars
        ("161k", DOLLARS),
        ("160,000 per month", ["USD 160,000 per year"]),
        ("k9s", ["k8s"]),  # never a typo inside a word with a digit
        ("gti", ["git"]),  # under 5 letters: exact
        ("securtiy systms", ["security systems"]),  # fine word by word: two words, one typo each
        ("", ["security"]),
        ("   ", ["security"]),
        ("databases and more", ["database"]),
    ],
)
def test_wrong_or_not_right(typed: str, answers: list[str]) -> None:
    verdict = judge(typed, answers)
    if typed == "securtiy systms":
        assert verdict.outcome == "near"  # one typo per word is forgiven in each word
        return
    assert verdict.outcome == "wrong", verdict
    assert verdict.suggested == 1
    assert not verdict.correct


def test_near_miss_shows_the_difference() -> None:
    verdict = judge("application programming interfaces", ["Application Programming Interface"])
    assert verdict.outcome == "near"
    assert verdict.correct
    assert verdict.suggested == 2
    assert verdict.expected == "Application Programming Interface"
    assert ("s", "typed") in verdict.diff
    assert "".join(t for t, kind in verdict.diff if kind != "typed") == verdict.expected


def test_wrong_shows_typed_against_expected() -> None:
    verdict = judge("Kubernets cluster", ["Kubernetes", "k8s"])
    assert verdict.outcome == "wrong"
    assert verdict.typed == "Kubernets cluster"
    assert verdict.expected == "Kubernetes"
    assert "".join(t for t, kind in verdict.diff if kind != "expected") == "Kubernets cluster"


def test_two_typos_forgiven_only_in_long_words() -> None:
    assert judge("skalabilty", ["scalability"]).outcome == "near"  # 11 letters, 2 edits
    assert judge("seurty", ["security"]).outcome == "wrong"  # 8 letters, 2 edits


def test_tokens_read_numbers_as_values() -> None:
    (value,) = tokens("Rp 7,5 juta")
    assert not isinstance(value, str)
    assert value.amount == 7_500_000
    assert value.currency == "idr"
    assert tokens("k8s 5xx http2") == ["k8s", "5xx", "http2"]


# ------------------------------------------------------------------ properties

WORD = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=14)
ANSWER = st.lists(WORD, min_size=1, max_size=4).map(" ".join)


@given(ANSWER, st.sampled_from([str.upper, str.title, str.lower, str.capitalize]))
def test_case_spacing_and_punctuation_never_matter(answer: str, case: object) -> None:
    assert callable(case)
    typed = "  " + "   ".join(case(answer).split()) + " .!?"
    assert judge(typed, [answer]).outcome == "right"


@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from([".", ","]))
def test_thousands_separators_either_way(amount: int, mark: str) -> None:
    written = f"{amount:,}".replace(",", mark)
    assert judge(f"Rp {written}", [f"Rp{amount}"]).outcome == "right"
    assert judge(str(amount), [f"IDR {written}"]).outcome == "right"


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=10**6))
def test_a_different_number_is_wrong(amount: int, delta: int) -> None:
    assert judge(f"USD {amount + delta:,}", [f"USD {amount:,}"]).outcome == "wrong"
    assert judge(f"{amount + delta}", [f"{amount}"]).outcome == "wrong"


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["juta", "jt", "million"]))
def test_multiplier_words(amount: int, word: str) -> None:
    assert judge(f"{amount} {word}", [f"Rp {amount * 1_000_000:,}"]).outcome == "right"


@given(
    st.text(alphabet=string.ascii_lowercase, min_size=5, max_size=20),
    st.integers(min_value=0),
    st.sampled_from(string.ascii_lowercase),
)
def test_one_typo_in_a_long_word_is_forgiven(word: str, where: int, letter: str) -> None:
    at = where % len(word)
    typo = word[:at] + letter + word[at + 1 :]
    assume(typo != word)
    verdict = judge(typo, [word])
    assert verdict.outcome == "near"
    assert verdict.suggested == 2
    assert any(kind != "same" for _, kind in verdict.diff)


@given(
    st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=4),
    st.integers(min_value=0),
    st.sampled_from(string.ascii_lowercase),
)
def test_short_words_must_be_exact(word: str, where: int, letter: str) -> None:
    at = where % len(word)
    typo = word[:at] + letter + word[at + 1 :]
    assume(typo != word)
    assert judge(typo, [word]).outcome == "wrong"


@given(st.text(max_size=60), st.lists(st.text(max_size=60), min_size=1, max_size=4))
def test_never_raises_and_is_consistent(typed: str, answers: list[str]) -> None:
    verdict = judge(typed, answers)
    assert verdict.outcome in ("right", "near", "wrong")
    assert verdict.expected in answers
    assert verdict.correct == (verdict.outcome != "wrong")
    if typed in answers and typed.strip():
        assert verdict.outcome == "right"


def test_edit_distance_is_capped_even_when_only_the_last_cell_passes_the_cap() -> None:
    assert edit_distance("bc", "caa", 1) == edit_distance("caa", "bc", 1) == 2


@given(WORD, WORD)
def test_edit_distance_is_symmetric_and_capped(a: str, b: str) -> None:
    limit = typo_allowance(a) or 1
    assert edit_distance(a, b, limit) == edit_distance(b, a, limit)
    assert (edit_distance(a, b, limit) == 0) == (a == b)
