"""The journal line format on its own: one entry per line, checksummed, bounded."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers.study import T0

from backend_tui.study.journal import (
    MAX_LINE_BRACKETS,
    MAX_LINE_BYTES,
    entry_line,
    journal_header,
    parse_entries,
    read_header,
)
from backend_tui.study.records import Mark, Quiz, Undo
from backend_tui.study.snapshot import SaveFileError

ENTRIES = [
    Mark(card="c-role-0", at=T0, buried_until=dt.date(2026, 11, 3)),
    Undo(id="r1", card="c-role-0", at=T0, day=T0.date(), restore=None),
    Quiz(id="q1", deck="role", total=5, answered=2, correct=1, finished=True, at=T0, rev=3),
]


def test_each_entry_kind_comes_back_from_its_line() -> None:
    data = b"".join(entry_line(e) for e in ENTRIES)
    parsed = parse_entries(data, base=100)
    assert parsed.entries == ENTRIES
    assert parsed.bad == 0
    assert parsed.end == 100 + len(data)


def test_a_line_is_json_with_its_kind_first_and_its_checksum_last() -> None:
    line = entry_line(ENTRIES[0])
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    keys = list(json.loads(line))
    assert keys[0] == "kind" and keys[-1] == "crc32"


def test_a_changed_byte_is_a_bad_line_and_the_rest_is_kept() -> None:
    first, second, third = (entry_line(e) for e in ENTRIES)
    damaged = second.replace(b'"r1"', b'"r2"')
    parsed = parse_entries(first + damaged + third)
    assert parsed.entries == [ENTRIES[0], ENTRIES[2]]
    assert parsed.bad == 1


def test_a_line_cut_short_is_not_an_entry_and_not_damage() -> None:
    whole = entry_line(ENTRIES[0])
    cut = entry_line(ENTRIES[1])[:-5]
    parsed = parse_entries(whole + cut)
    assert parsed.entries == [ENTRIES[0]]
    assert parsed.bad == 0
    assert parsed.end == len(whole)  # the next write goes here, over the cut line


def test_lines_too_long_or_too_nested_are_refused_unparsed() -> None:
    long = b'{"kind": "mark", "x": "' + b"a" * MAX_LINE_BYTES + b'"}\n'
    nested = b"[" * (MAX_LINE_BRACKETS + 1) + b"]" * (MAX_LINE_BRACKETS + 1) + b"\n"
    assert parse_entries(long + nested).bad == 2


def test_the_header_names_its_sequence_and_is_skipped_as_an_entry() -> None:
    header = journal_header(7, T0)
    assert read_header(header + entry_line(ENTRIES[0])) == 7
    assert parse_entries(header + entry_line(ENTRIES[0])).entries == [ENTRIES[0]]


@pytest.mark.parametrize(
    "data",
    [b"", b'{"seq": 1}', b"not json\n", b'{"seq": 0}\n', b'{"seq": true}\n', b'{"x": 1}\n'],
)
def test_a_bad_header_is_a_save_file_error(data: bytes) -> None:
    with pytest.raises(SaveFileError):
        read_header(data)
