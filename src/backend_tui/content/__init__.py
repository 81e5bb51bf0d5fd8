"""The study material: TOML files -> typed, validated model. Never imports Textual.

``load_content`` and ``check_content`` are imported on first use: a start that
finds its content in the cache (``load_content_cached``) never loads the parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backend_tui.content.cache import load_content_cached
from backend_tui.content.errors import ContentError, Problem
from backend_tui.content.model import (
    LANGUAGES,
    SECTION_IDS,
    Card,
    Content,
    ExchangeRate,
    Item,
    Language,
    Option,
    Reference,
    SalaryRange,
    Section,
    Term,
)

if TYPE_CHECKING:
    from backend_tui.content.loader import check_content, load_content


def __getattr__(name: str) -> Any:
    if name in ("load_content", "check_content"):
        from backend_tui.content import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "LANGUAGES",
    "SECTION_IDS",
    "Card",
    "Content",
    "ContentError",
    "ExchangeRate",
    "Item",
    "Language",
    "Option",
    "Problem",
    "Reference",
    "SalaryRange",
    "Section",
    "Term",
    "check_content",
    "load_content",
    "load_content_cached",
]
