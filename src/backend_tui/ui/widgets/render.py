"""Study material -> rich Text. Pure functions: cheap to test, no widgets involved."""

from __future__ import annotations

from rich.text import Text

from backend_tui.content.model import Item, Section
from backend_tui.ui.strings import text


def item_heading(item: Item) -> str:
    """``2. Develop and manage databases``, or the bare title when unnumbered."""
    return f"{item.number}. {item.title}" if item.number is not None else item.title


def append_item(out: Text, item: Item, lang: str, *, heading_style: str = "bold") -> None:
    """Append one item's full text: heading, body, technologies and its study note."""
    out.append(item_heading(item), style=heading_style)
    out.append("\n")
    out.append(item.body.strip())
    out.append("\n")
    if item.technologies:
        out.append("\n")
        out.append(f"{text(lang, 'technologies')}: ", style="bold")
        out.append(", ".join(item.technologies))
        out.append("\n")
    if item.note:
        out.append("\n")
        # Italic plus an explicit label: the note must never read as the article's claim.
        out.append(f"▌ {text(lang, 'study_note')}\n", style="bold italic")
        for line in item.note.strip().splitlines():
            out.append(f"▌ {line}\n", style="italic")


def item_detail(item: Item, lang: str) -> Text:
    out = Text()
    append_item(out, item, lang)
    out.rstrip()
    return out


def section_heading(section: Section) -> Text:
    out = Text(section.title, style="bold underline")
    if section.intro:
        out.append("\n")
        out.append(section.intro.strip(), style="italic")
    return out


def section_text(section: Section, lang: str, items: tuple[Item, ...] | None = None) -> Text:
    """A section's heading and intro followed by every item, for reading top to bottom."""
    out = section_heading(section)
    out.append("\n")
    for item in section.items if items is None else items:
        out.append("\n")
        append_item(out, item, lang)
    out.rstrip()
    return out


def references_text(section: Section, lang: str) -> Text:
    out = Text()
    if section.references:
        out.append(text(lang, "references"), style="bold")
        out.append("\n")
        for ref in section.references:
            out.append(f"• {ref.title}\n")
    out.rstrip()
    return out
