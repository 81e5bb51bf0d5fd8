"""``journal.jsonl``: one answer (or undo, mark, quiz) per line, and the line format.

The journal is JSON Lines rather than TOML because start-up parses it: Python's
JSON parser is many times faster than ``tomllib``, and one line per answer makes
an answer cut short by a crash easy to tell (no newline, or a checksum that does
not match) and to drop; it was never reported as saved.

A line is the entry as one JSON object with ``kind`` first and its CRC-32 as the
last key, over the bytes before it. The first line of a journal is a header with
its sequence number. This module only encodes and decodes; the store appends,
locks and rotates (see :mod:`.store`).
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from dataclasses import dataclass

from backend_tui.study.records import ENTRY_KINDS, Entry, entry_kind
from backend_tui.study.snapshot import SCHEMA_VERSION, SaveFileError

_CRC_KEY = b', "crc32": "'

MAX_LINE_BYTES = 64 * 1024
"""Longest journal line read; an answer takes well under 2 KB."""
MAX_LINE_BRACKETS = 64
"""Most ``{`` and ``[`` in one journal line (an answer has under 10): a cheap bound
on its nesting, checked before ``json.loads`` recurses into it."""


def _iso(value: object) -> str:
    if isinstance(value, dt.date):  # dt.datetime too
        return value.isoformat()
    raise TypeError(f"cannot save {type(value).__name__}")


def dumps(data: object) -> str:
    return json.dumps(data, default=_iso, ensure_ascii=False)


def entry_line(entry: Entry) -> bytes:
    """One journal line: the entry as JSON, its checksum as the last key."""
    head = dumps({"kind": entry_kind(entry), **entry.to_toml()})[:-1].encode()
    return head + _CRC_KEY + f'{zlib.crc32(head):08x}"}}\n'.encode()


@dataclass
class Parsed:
    entries: list[Entry]
    end: int
    """Offset just after the last complete line."""
    bad: int
    """Damaged lines (not counting a last line cut short)."""


def _parse_line(line: bytes) -> Entry | None:
    if len(line) > MAX_LINE_BYTES or line.count(b"{") + line.count(b"[") > MAX_LINE_BRACKETS:
        return None
    cut = line.rfind(_CRC_KEY)
    if cut < 0 or line[cut + len(_CRC_KEY) :] != f'{zlib.crc32(line[:cut]):08x}"}}'.encode():
        return None
    try:
        raw = json.loads(line)
        kind = raw.pop("kind")
        raw.pop("crc32")
        return ENTRY_KINDS[kind].from_toml(raw, kind)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def parse_entries(data: bytes, base: int = 0) -> Parsed:
    """Entries in a piece of journal that starts at file offset ``base``."""
    entries: list[Entry] = []
    pos = bad = 0
    size = len(data)
    while pos < size:
        newline = data.find(b"\n", pos)
        if newline < 0:
            break  # cut short while being written: never reported as saved
        line = data[pos:newline]
        pos = newline + 1
        if not line.strip() or line.startswith(b'{"journal"'):
            continue
        entry = _parse_line(line)
        if entry is None:
            bad += 1
        else:
            entries.append(entry)
    return Parsed(entries, base + pos, bad)


def journal_header(seq: int, now: dt.datetime) -> bytes:
    head = {"journal": "backend-tui answers", "schema_version": SCHEMA_VERSION, "seq": seq}
    return (dumps({**head, "created": now}) + "\n").encode()


def read_header(data: bytes) -> int:
    """The journal's sequence number, or raise :class:`SaveFileError`."""
    first, newline, _ = data.partition(b"\n")
    try:
        if not newline:
            raise ValueError
        seq = json.loads(first)["seq"]
    except (ValueError, KeyError, TypeError):
        raise SaveFileError("bad_header", "journal header unreadable") from None
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise SaveFileError("bad_header", "journal header has a bad seq")
    return seq


__all__ = [
    "MAX_LINE_BRACKETS",
    "MAX_LINE_BYTES",
    "Parsed",
    "dumps",
    "entry_line",
    "journal_header",
    "parse_entries",
    "read_header",
]
