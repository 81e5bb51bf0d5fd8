"""Text from outside the program (content, saved progress, paths, names) made safe to show.

Rich and Textual drop only five control characters (BEL, BS, VT, FF, CR) from text;
anything else reaches the terminal as it is. ESC starts a sequence the terminal obeys
(``ESC ] 52`` writes the clipboard, ``ESC [ 2 J`` clears the screen, ``ESC [ 5 n``
makes it answer), and C1 characters are the same sequences in one byte on some
terminals. Bidirectional overrides and isolates reorder what follows them on a
terminal that honours them, so a line can read differently from what it holds.

:func:`visible` shows each such character as a visible stand-in instead, so a
learner sees that something odd is there and nothing is obeyed; :func:`json_text`
escapes them in JSON output. Imports only ``re``: it is on the start-up path.
"""

from __future__ import annotations

import re

_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline (layout needs them), DEL, C1 controls, and the
bidirectional embeddings, overrides and isolates."""

REPLACEMENT = "\ufffd"
"""Stands in for C1 controls and bidirectional overrides (no control picture exists)."""


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode's control pictures: ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


def visible(text: str) -> str:
    """``text`` with every control character shown as a stand-in (``␛`` for ESC).

    Newline and tab are kept. Costs one regex search when there is nothing to replace.
    """
    return _UNSAFE_RE.sub(_stand_in, text) if _UNSAFE_RE.search(text) else text


def visible_line(text: str) -> str:
    """:func:`visible` for one line of output: a newline or tab is shown too (``␊``),
    so an outside string cannot start a line that looks like the program's own."""
    return visible(text).replace("\n", "\u240a").replace("\t", "\u2409")


_JSON_RAW_RE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_text(data: object) -> str:
    """JSON with non-ASCII letters as they are, but every control character escaped.

    ``json`` escapes C0 controls itself; DEL, C1 controls and bidirectional overrides
    would reach a terminal raw. Escaped (``\\u009b``) the data stays exactly the same.
    """
    import json  # only the commands that print JSON need it

    dumped = json.dumps(data, indent=2, ensure_ascii=False)
    return _JSON_RAW_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


__all__ = ["REPLACEMENT", "json_text", "visible", "visible_line"]
