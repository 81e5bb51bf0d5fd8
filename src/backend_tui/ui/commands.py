"""Command palette source that searches the study material and jumps to an entry."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from backend_tui.safetext import visible

BODY_MATCH_SCORE = 0.4
"""Below a good title match: a query found in a title ranks above one found only in a body."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One searchable thing: a tab, or an entry of a section."""

    tab_id: str
    item_id: str | None
    label: str
    """What the palette shows, e.g. ``Duties › 3. Build APIs``."""  # noqa: RUF001
    body: str = ""


@runtime_checkable
class Searchable(Protocol):
    """A screen whose material the palette can search and jump into."""

    def palette_entries(self) -> Sequence[Entry]: ...

    def jump_to(self, tab_id: str, item_id: str | None) -> Awaitable[None]: ...


def _snippet(body: str, at: int, size: int) -> str:
    flat = " ".join(body.split())
    start = max(0, at - size // 3)
    piece = flat[start : start + size]
    return ("…" if start else "") + piece + ("…" if start + size < len(flat) else "")


def _as_markup(text: str) -> str:
    """Markup that reads back as exactly ``text``: the palette parses a hit's help as
    markup. Every ``[`` is escaped; ``textual.markup.escape`` escapes only what looks
    like a tag and doubles backslashes that the parser then shows doubled."""
    return text.replace("[", "\\[")


def _highlight(matcher: Matcher, label: str) -> Content:
    """``label`` with the letters the query matched styled, as plain text.

    ``Matcher.highlight`` reads the label as markup: a ``[/]`` in a title would
    raise, a ``[link=…]`` would make a link.
    """
    content = Content(visible(label))
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if score:
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class StudyCommands(Provider):
    """Every tab and every entry of the current language: titles fuzzily, bodies by words."""

    def _target(self) -> Searchable | None:
        screen = self.screen
        return screen if isinstance(screen, Searchable) else None

    def _jump(self, target: Searchable, entry: Entry) -> Callable[[], Awaitable[None]]:
        return partial(target.jump_to, entry.tab_id, entry.item_id)

    async def discover(self) -> Hits:
        target = self._target()
        if target is None:
            return
        for entry in target.palette_entries():
            # Content, not str: the palette reads a str prompt as markup.
            display = Content(visible(entry.label))
            yield DiscoveryHit(display, self._jump(target, entry), text=entry.label)

    async def search(self, query: str) -> Hits:
        target = self._target()
        if target is None:
            return
        needle = " ".join(query.lower().split())
        matcher = self.matcher(query)
        for entry in target.palette_entries():
            score = matcher.match(entry.label)
            at = " ".join(entry.body.lower().split()).find(needle) if needle else -1
            if score > 0:
                display = _highlight(matcher, entry.label)
            elif at >= 0:
                score, display = BODY_MATCH_SCORE, Content(visible(entry.label))
            else:
                continue
            help_text = _as_markup(visible(_snippet(entry.body, at, 70))) if at >= 0 else None
            yield Hit(score, display, self._jump(target, entry), text=entry.label, help=help_text)
