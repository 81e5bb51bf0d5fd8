"""How a drill saves: one function given to it, and the one way saving fails.

The drill session (:mod:`.session`) knows no files. The study service hands it a
:class:`Saver` built on the profile's store; a save either writes the entry
durably or raises :class:`SaveFailed` with the entry kept in memory (and already
counted in progress), to be written by the next save that works.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from backend_tui.study.notices import os_reason
from backend_tui.study.records import Entry

if TYPE_CHECKING:
    from backend_tui.study.snapshot import Progress

Make = Callable[["Progress"], Entry]
"""Builds an entry from the freshest progress (read again under the lock)."""


class SaveFailed(OSError):
    """An entry could not be written; it is kept in memory until a save works."""

    def __init__(self, cause: OSError, path: Path) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause), str(path))
        self.path = path
        self.reason = os_reason(cause)
        """The OS's words in lower case, and a key the app says in the learner's language."""


@dataclass(frozen=True, slots=True)
class Saver:
    """The three things a drill may do with the disk."""

    save: Callable[[Make], Entry]
    """Durably add the entry ``make`` builds; returns it, or raises :class:`SaveFailed`."""
    flush: Callable[[], object]
    """Write entries kept from failed saves; raises :class:`SaveFailed` if it still fails."""
    unsaved: Callable[[], int]
    """How many entries are kept in memory, not yet written."""


__all__ = ["Make", "SaveFailed", "Saver"]
