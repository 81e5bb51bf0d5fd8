"""Judging a typed answer as a person marking it would.

Ignored: case, spacing, Unicode form (NFKC, casefolded) and punctuation around
and between words. Numbers and sums of money are compared as values: ``Rp.
10.500.000``, ``10,5 juta``, ``IDR 10500000`` are one value; ``$160k``, ``USD
160,000``, ``160 thousand per year`` another. A currency or period the learner
leaves out is not held against them; one that contradicts the expected answer
is (rupiah are not dollars, a month is not a year). A different number is wrong.

One typo (a letter added, dropped, changed, or two swapped) is forgiven in a
word of 5 letters or more, two in a word of 10 or more, never in a word holding
a digit: such an answer counts as right, Hard is suggested, and the difference
is shown.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, NamedTuple

Outcome = Literal["right", "near", "wrong"]
DiffKind = Literal["same", "typed", "expected"]

SUGGESTED = {"right": 3, "near": 2, "wrong": 1}
"""Grade suggested for each outcome: Good, Hard, Again."""

_CURRENCY = {
    "rp": "idr",
    "rp.": "idr",
    "idr": "idr",
    "rupiah": "idr",
    "usd": "usd",
    "us$": "usd",
    "$": "usd",
    "dollar": "usd",
    "dollars": "usd",
    "dolar": "usd",
}
_MULTIPLIER = {
    "k": 1_000,
    "rb": 1_000,
    "ribu": 1_000,
    "thousand": 1_000,
    "jt": 1_000_000,
    "juta": 1_000_000,
    "million": 1_000_000,
    "mio": 1_000_000,
    "miliar": 1_000_000_000,
    "milyar": 1_000_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
}
_PERIOD = {
    "tahun": "year",
    "thn": "year",
    "year": "year",
    "yr": "year",
    "annum": "year",
    "bulan": "month",
    "bln": "month",
    "month": "month",
    "mo": "month",
}
_RANGE_WORDS = frozenset({"to", "sampai", "hingga", "until", "s/d", "sd"})


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so "rp." wins over "rp" and "million" over "mio".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_LETTER = r"[^\W\d_]"
_VALUE_RE = re.compile(
    rf"""
    (?<!{_LETTER})
    (?:(?P<cur1>{_alternation(k for k in _CURRENCY if not k.isalpha() or len(k) <= 3)})\s*)?
    (?P<num>\d+(?:[.,]\d+)*)
    (?:\s*(?P<mul>{_alternation(_MULTIPLIER)})(?!{_LETTER})\.?)?
    (?!{_LETTER})
    (?:\s*(?P<cur2>{_alternation(k for k in _CURRENCY if k.isalpha())})(?!{_LETTER}))?
    (?:\s*(?:per|/|a|an|se|tiap|setiap|each)\s*(?P<per>{_alternation(_PERIOD)})(?!{_LETTER}))?
    """,
    re.VERBOSE,
)
_WORD_RE = re.compile(r"[^\W_]+")


class Value(NamedTuple):
    """A number as a person reads it, with the currency and period written beside it."""

    number: Fraction
    """As written, before its multiplier word."""
    multiplier: int
    """1, or what juta, k, million... multiply by."""
    currency: str | None
    period: str | None

    @property
    def amount(self) -> Fraction:
        return self.number * self.multiplier


Token = str | Value


def normalize(text: str) -> str:
    """NFKC, casefolded, runs of white space made one space, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _amount(digits: str) -> Fraction:
    """``10.500.000``, ``10,500,000``, ``7,5``, ``7.5``, ``1.234,56`` as a number.

    A separator followed by exactly three digits groups thousands; otherwise it is
    the decimal mark. With both marks present the last one is the decimal mark.
    """
    marks = [c for c in digits if c in ".,"]
    if not marks:
        return Fraction(int(digits))
    if "." in marks and "," in marks:
        decimal = marks[-1]
        whole, _, frac = digits.rpartition(decimal)
        return Fraction(int(whole.replace(".", "").replace(",", "") or "0")) + _fraction(frac)
    groups = re.split(r"[.,]", digits)
    if all(len(g) == 3 for g in groups[1:]):
        return Fraction(int("".join(groups)))
    if len(groups) == 2:
        return Fraction(int(groups[0])) + _fraction(groups[1])
    return Fraction(int("".join(groups)))  # odd grouping ("1.23.456"): read the digits


def _fraction(digits: str) -> Fraction:
    return Fraction(int(digits), 10 ** len(digits)) if digits else Fraction(0)


def tokens(text: str) -> list[Token]:
    """Words and values of an answer, in order; punctuation dropped."""
    norm = normalize(text)
    out: list[Token] = []
    pos = 0
    for match in _VALUE_RE.finditer(norm):
        out.extend(_words(norm[pos : match.start()]))
        mul = match["mul"]
        currency = _CURRENCY.get(match["cur1"] or match["cur2"] or "")
        factor = _MULTIPLIER[mul] if mul else 1
        out.append(Value(_amount(match["num"]), factor, currency, _PERIOD.get(match["per"] or "")))
        pos = match.end()
    out.extend(_words(norm[pos:]))
    return _spread_ranges(out)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _spread_ranges(found: list[Token]) -> list[Token]:
    """``Rp 7,5 - 10,5 juta per bulan``: what is written once applies to both ends.

    The multiplier spreads down only when the low end is written smaller than the
    high end ("7,5 - 10,5 juta"), not in "70,000 to 160k". A word like "to" or
    "sampai" between two values is part of the range, not a word to match.
    """
    found = [
        t
        for i, t in enumerate(found)
        if not (
            t in _RANGE_WORDS
            and 0 < i < len(found) - 1
            and isinstance(found[i - 1], Value)
            and isinstance(found[i + 1], Value)
        )
    ]
    for i in range(len(found) - 1):
        low, high = found[i], found[i + 1]
        if not isinstance(low, Value) or not isinstance(high, Value):
            continue
        multiplier = low.multiplier
        if multiplier == 1 and high.multiplier > 1 and low.number <= high.number:
            multiplier = high.multiplier
        currency = low.currency or high.currency
        period = low.period or high.period
        found[i] = Value(low.number, multiplier, currency, period)
        found[i + 1] = high._replace(
            currency=high.currency or currency, period=high.period or period
        )
    return found


def typo_allowance(word: str) -> int:
    """Typos forgiven in a word: none under 5 letters or with a digit, 1 from 5, 2 from 10."""
    if any(c.isdigit() for c in word) or len(word) < 5:
        return 0
    return 2 if len(word) >= 10 else 1


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    # The last cell can pass the cap although no row did on its way ("bc" / "caa").
    return min(prev[-1], limit + 1)


def _values_match(typed: Value, expected: Value) -> bool:
    if typed.amount != expected.amount:
        return False
    if typed.currency and expected.currency and typed.currency != expected.currency:
        return False
    return not (typed.period and expected.period and typed.period != expected.period)


def _compare(typed: Sequence[Token], expected: Sequence[Token]) -> int | None:
    """Typos forgiven between two token lists, or None when they do not match."""
    if len(typed) != len(expected):
        return None
    typos = 0
    for t, e in zip(typed, expected, strict=True):
        if isinstance(t, Value) or isinstance(e, Value):
            if not (isinstance(t, Value) and isinstance(e, Value) and _values_match(t, e)):
                return None
        elif t != e:
            allowed = typo_allowance(e)
            distance = edit_distance(t, e, allowed)
            if distance > allowed:
                return None
            typos += distance
    return typos


def _joined(found: Sequence[Token]) -> str | None:
    """Words run together ("node js" = "nodejs"), when the answer holds no value."""
    if any(isinstance(t, Value) for t in found):
        return None
    return "".join(str(t) for t in found)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the learner typed, measured against the closest accepted answer."""

    outcome: Outcome
    typed: str
    expected: str
    """The accepted answer nearest to what was typed (as the content writes it)."""
    diff: tuple[tuple[str, DiffKind], ...] = ()
    """Pieces of text: ``same``, only ``typed``, or only ``expected``; empty when right."""

    @property
    def correct(self) -> bool:
        """Counts as right (a forgiven typo included)."""
        return self.outcome != "wrong"

    @property
    def suggested(self) -> int:
        """The grade to suggest: Good when right, Hard for a near miss, Again when wrong."""
        return SUGGESTED[self.outcome]


def char_diff(typed: str, expected: str) -> tuple[tuple[str, DiffKind], ...]:
    """``typed`` against ``expected`` as runs of same / typed-only / expected-only text.

    Case is ignored when lining the two up, so "Secuirty" against "security" marks
    only the swapped letters.
    """
    a, b = typed.strip(), expected.strip()
    matcher = difflib.SequenceMatcher(None, [c.lower() for c in a], [c.lower() for c in b], False)
    out: list[tuple[str, DiffKind]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append((b[j1:j2], "same"))
            continue
        if i2 > i1:
            out.append((a[i1:i2], "typed"))
        if j2 > j1:
            out.append((b[j1:j2], "expected"))
    return tuple(out)


def judge(typed: str, answers: Sequence[str]) -> Verdict:
    """Judge ``typed`` against a card's accepted ``answers`` (any one of them will do)."""
    norm = normalize(typed)
    for answer in answers:
        if norm and norm == normalize(answer):  # also an answer of punctuation only ("?")
            return Verdict("right", typed, answer)
    found = tokens(typed)
    accepted = _implied([tokens(answer) for answer in answers])
    best: tuple[int, str] | None = None
    for answer, wanted in zip(answers, accepted, strict=True):
        typos = _compare(found, wanted) if found else None
        if typos is None:
            joined = _joined(found)
            if joined and joined == _joined(wanted):
                typos = 0
        if typos is not None and (best is None or typos < best[0]):
            best = (typos, answer)
        if best is not None and best[0] == 0:
            break
    if best is not None:
        typos, answer = best
        if typos == 0:
            return Verdict("right", typed, answer)
        return Verdict("near", typed, answer, char_diff(typed, answer))
    closest = _closest(typed, answers)
    return Verdict("wrong", typed, closest, char_diff(typed, closest) if typed.strip() else ())


def _implied(accepted: list[list[Token]]) -> list[list[Token]]:
    """Fill a currency or period one accepted answer leaves out when the others agree on it.

    "160,000" beside "USD 160,000" still means dollars: "Rp 160.000" is not it.
    """
    values = [t for found in accepted for t in found if isinstance(t, Value)]
    currencies = {v.currency for v in values if v.currency}
    periods = {v.period for v in values if v.period}
    currency = currencies.pop() if len(currencies) == 1 else None
    period = periods.pop() if len(periods) == 1 else None
    if currency is None and period is None:
        return accepted
    return [
        [
            t._replace(currency=t.currency or currency, period=t.period or period)
            if isinstance(t, Value)
            else t
            for t in found
        ]
        for found in accepted
    ]


def _closest(typed: str, answers: Sequence[str]) -> str:
    if not answers:
        return ""
    norm = normalize(typed)
    return max(
        answers,
        key=lambda a: difflib.SequenceMatcher(None, norm, normalize(a), False).ratio(),
    )


__all__ = ["Value", "Verdict", "char_diff", "edit_distance", "judge", "normalize", "tokens"]
