"""What a content problem is: kept apart from the loader so reporting one needs no parser."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with the content, at a file and line."""

    path: Path
    line: int
    message: str
    """What is wrong, in English; a :class:`~backend_tui.content.problems.Message` also
    carries its key and values, for the command line to say it in the run's language."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """The content folder has problems; ``problems`` lists every one."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (str(p.path), p.line, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))
