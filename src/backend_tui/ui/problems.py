"""Content problems said in the run's language: ``path:line: what is wrong``."""

from __future__ import annotations

from backend_tui.content.errors import Problem
from backend_tui.content.problems import Message
from backend_tui.safetext import visible
from backend_tui.ui.notices import os_text
from backend_tui.ui.strings import text


def message_text(lang: str, message: str) -> str:
    """``message`` in ``lang``: a :class:`Message` from the catalogue, else as it is.

    Values from the files are filled in as they are; a value that is a message
    (the kind of value a key wants, what a table is) is said in ``lang`` too.
    """
    if not isinstance(message, Message):
        return message
    values = {
        name: message_text(lang, value) if isinstance(value, Message) else value
        for name, value in message.values.items()
    }
    name = message.values.get("errno")
    if isinstance(name, str) and name:
        # An OS reason: ours, not the system's English, when we have words for it.
        values["detail"] = os_text(lang, name) or values["detail"]
    return text(lang, message.key, **values)


def problem_text(lang: str, problem: Problem) -> str:
    """One problem as ``check`` prints it, control characters made visible."""
    return visible(f"{problem.path}:{problem.line}: {message_text(lang, problem.message)}")


__all__ = ["message_text", "problem_text"]
