"""The study material: TOML files -> typed, validated model. Never imports Textual."""

from backend_tui.content.loader import ContentError, Problem, check_content, load_content
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
)

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
    "check_content",
    "load_content",
]
