"""What the study package tells the learner, in a form the app can translate.

A :class:`Notice` *is* the English sentence (``stats``, logs and callers that only
need text use it as a plain string), and it also carries a key and the values that
filled the sentence, so the app can say the same thing from its own catalogue in
the learner's language. ``study`` never imports the UI; the UI never parses English.
"""

from __future__ import annotations

from typing import Any

WHAT = {
    "saved progress": "progress",
    "backup of saved progress": "backup",
    "answer journal": "journal",
    "history folder": "history",
    "lock file": "lock",
}
"""The names of the files a notice can be about, and the short key of each."""


class Notice(str):
    """An English sentence with the ``key`` and ``values`` it was made from."""

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, english: str, **values: Any) -> Notice:
        notice = super().__new__(cls, english.format(**values))
        notice.key = key
        notice.values = values
        return notice


__all__ = ["WHAT", "Notice"]
