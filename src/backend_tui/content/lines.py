"""Where a table or key is in TOML text: ``tomllib`` keeps no positions.

Also the one pass over raw text that runs before parsing (:func:`too_deep`), as it
needs the same knowledge of where strings and values open and close.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_HEADER_RE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_KEY_RE = re.compile(r"""^\s*(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")
# What matters when scanning a line for where strings and values open and close.
# An unterminated one-line string runs to the end of its line (it is an error anyway).
_TOKEN_RE = re.compile(r"""\"\"\"|'''|"(?:[^"\\]|\\.)*"?|'[^']*'?|#|[\[\]{}]""")


def _close(line: str, start: int, quote: str) -> int | None:
    """Where the multi-line string ``quote`` opened earlier ends on ``line``, or None."""
    while True:
        pos = line.find(quote, start)
        if pos < 0:
            return None
        if quote == '"""':
            before = line[start:pos]
            if (len(before) - len(before.rstrip("\\"))) % 2:
                start = pos + 1  # an escaped quote
                continue
        end = pos + 3
        # up to two quotes right before the closing ones belong to the text
        while end < len(line) and end - pos < 5 and line[end] == quote[0]:
            end += 1
        return end


class _Scan(NamedTuple):
    starts: list[bool]
    """For each line, whether it starts a new statement (key or table header)."""
    too_deep: int | None
    """The first line where values nest deeper than the limit given, if any."""


def _scan(lines: list[str], max_depth: int | None = None) -> _Scan:
    """Which lines start a statement, and where values first nest too deep.

    A line does not start one when it begins inside a multi-line string or inside
    an array or inline table that an earlier line opened; the text there may look
    like ``key = ...`` or ``[[items]]`` without being one. Never raises and takes
    time in proportion to the text, so it is safe on any text, valid TOML or not.
    """
    starts: list[bool] = []
    too_deep: int | None = None
    depth = 0  # open [ and { of values
    quote: str | None = None  # the open multi-line string's delimiter
    for number, line in enumerate(lines, start=1):
        starts.append(quote is None and depth == 0)
        if quote is None and depth == 0 and line.lstrip().startswith("["):
            continue  # a table header: its brackets are not a value's
        at = 0
        while True:
            if quote is not None:
                end = _close(line, at, quote)
                if end is None:
                    break
                quote, at = None, end
                continue
            match = _TOKEN_RE.search(line, at)
            if match is None:
                break
            token, at = match.group(), match.end()
            if token == "#":
                break
            if token in ('"""', "'''"):
                quote = token
            elif token in ("[", "{"):
                depth += 1
                if max_depth is not None and depth > max_depth and too_deep is None:
                    too_deep = number
            elif token in ("]", "}"):
                depth = max(depth - 1, 0)
    return _Scan(starts, too_deep)


def too_deep(text: str, max_depth: int) -> int | None:
    """The first line where arrays and inline tables nest deeper than ``max_depth``.

    Run before parsing: the parser recurses once per level, so a file of 100,000
    ``[`` would end in a RecursionError instead of a problem at a line.
    """
    if text.count("[") + text.count("{") <= max_depth:
        return None  # cannot nest that deep: no need to scan
    return _scan(text.split("\n"), max_depth).too_deep


def _table_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


class Locator:
    """Finds the line of a table or key in TOML text.

    ``tomllib`` keeps no positions, so lines are recovered from the text: the
    n-th ``[[name]]`` header, then the first ``key =`` line inside that table.
    Lines are counted on newlines alone, as ``tomllib`` counts them, and text
    inside multi-line strings and arrays is never taken for a key or header.
    """

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        # (table name, index among tables of that name) -> header line
        self._headers: dict[tuple[str, int], int] = {}
        # table (None: top level) -> key -> first line
        self._keys: dict[tuple[str, int] | None, dict[str, int]] = {None: {}}
        counts: dict[str, int] = {}
        current: tuple[str, int] | None = None
        for number, (raw, start) in enumerate(
            zip(lines, _scan(lines).starts, strict=True), start=1
        ):
            if not start:
                continue
            header = _HEADER_RE.match(raw)
            if header:
                name = _table_name(header.group(2))
                index = counts.get(name, 0)
                counts[name] = index + 1
                current = (name, index)
                self._headers[current] = number
                self._keys[current] = {}
                continue
            key = _KEY_RE.match(raw)
            if key:
                found = next(g for g in key.groups() if g is not None)
                self._keys[current].setdefault(found, number)

    def table(self, name: str, index: int = 0) -> int:
        """Line of the ``index``-th ``[name]`` or ``[[name]]`` header.

        Tables written inline (``items = [{ ... }]``) have no header: the line
        of ``name =`` stands in for them.
        """
        return self._headers.get((name, index)) or self._keys[None].get(name) or 1

    def key(self, key: str, table: str | None = None, index: int = 0) -> int:
        """Line of ``key = ...`` inside the table (top level when ``table`` is None).

        Falls back to the table's header; a top-level name written as a
        ``[key]`` or ``[[key]]`` header instead of ``key = ...`` gives that header.
        """
        where = (table, index) if table else None
        line = self._keys.get(where, {}).get(key)
        if line is not None:
            return line
        if table is None:
            return self._headers.get((key, 0), 1)
        return self.table(table, index)
