"""Study material -> rich renderables. Pure functions: cheap to test, no widgets involved."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from backend_tui.content.model import Item, Section
from backend_tui.safetext import visible
from backend_tui.ui.strings import text


def item_heading(item: Item) -> str:
    """``2. Develop and manage databases``, or the bare title when unnumbered."""
    title = visible(item.title)
    return f"{item.number}. {title}" if item.number is not None else title


def item_detail(item: Item, lang: str) -> RenderableType:
    """One item in full: heading, body, technologies, and its study note in a labelled box."""
    out = Text(item_heading(item), style="bold")
    out.append("\n")
    out.append(visible(item.body.strip()))
    if item.technologies:
        out.append("\n\n")
        out.append(f"{text(lang, 'technologies')}: ", style="bold")
        out.append(visible(", ".join(item.technologies)))
    if not item.note:
        return out
    # A box with its own title: the note must never read as the article's claim.
    note = Panel(
        Text(visible(item.note.strip()), style="italic"),
        title=Text(text(lang, "study_note"), style="bold"),
        title_align="left",
        box=box.ROUNDED,
        padding=(0, 1),
    )
    return Group(out, Text(), note)


def section_heading(section: Section) -> Text:
    out = Text(visible(section.title), style="bold underline")
    if section.intro:
        out.append("\n")
        out.append(visible(section.intro.strip()), style="italic")
    return out


def references_text(section: Section, lang: str) -> Text:
    out = Text()
    if section.references:
        out.append(text(lang, "references"), style="bold")
        out.append("\n")
        for ref in section.references:
            out.append(f"• {visible(ref.title)}\n")
    out.rstrip()
    return out
