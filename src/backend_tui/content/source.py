"""One content file read from disk: its text, its parsed TOML, and where to report problems.

Whatever the bytes hold, reading ends in data or in problems at a line, never in an
exception: a file too large, not UTF-8, nested too deep for the parser or not TOML
at all is an ordinary problem.
"""

from __future__ import annotations

import errno
import re
import tomllib
from pathlib import Path
from typing import Any

from backend_tui.content.errors import Problem
from backend_tui.content.lines import Locator, too_deep
from backend_tui.content.problems import Message

MAX_FILE_BYTES = 4 * 1024 * 1024
"""Largest content file read. The bundled cards files are under 30 KB; a class's
whole course fits many times over, while a runaway file is refused before it is read."""

MAX_DEPTH = 16
"""Deepest nesting of arrays and inline tables (``options = [{ ... }]`` is 2)."""


class Source:
    """One file's problems, with a locator to place them."""

    def __init__(self, path: Path, text: str, problems: list[Problem]) -> None:
        self.path = path
        self._text = text
        self._at: Locator | None = None
        self._problems = problems

    @property
    def at(self) -> Locator:
        # Built on first use: a clean file seldom needs a line number.
        if self._at is None:
            self._at = Locator(self._text)
        return self._at

    def report(self, line: int, message: Message) -> None:
        self._problems.append(Problem(self.path, line, message))


def read_source(path: Path, problems: list[Problem]) -> tuple[Source, dict[str, Any]] | None:
    """The file and its parsed TOML, or None after adding what is wrong to ``problems``."""

    def fail(line: int, message: Message) -> None:
        problems.append(Problem(path, line, message))

    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        # The errno's name lets the reader say the OS's reason in the run's language.
        name = errno.errorcode.get(exc.errno, "") if isinstance(exc.errno, int) else ""
        fail(1, Message("problem_cannot_read", detail=exc.strerror or exc, errno=name))
        return None
    if len(raw) > MAX_FILE_BYTES:
        fail(1, Message("problem_too_large", mb=MAX_FILE_BYTES // (1024 * 1024)))
        return None
    try:
        # utf-8-sig: editors on Windows often start the file with a byte order mark
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        fail(line, Message("problem_not_utf8"))
        return None
    deep = too_deep(text, MAX_DEPTH)
    if deep is not None:
        fail(deep, Message("problem_too_deep", depth=MAX_DEPTH))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        # "at end of document": the last line that holds anything
        line = int(match.group(1)) if match else text.rstrip("\n").count("\n") + 1
        # The parser's own (English) words: no language of ours has them.
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        fail(line, Message("problem_not_toml", reason=reason))
        return None
    except RecursionError:
        # The depth scan above should make this unreachable; a problem all the same.
        fail(1, Message("problem_recursion"))
        return None
    return Source(path, text, problems), data
