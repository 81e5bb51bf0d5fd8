"""What the study package tells the learner, in a form the app can translate.

A :class:`Notice` *is* the English sentence (``stats``, logs and callers that only
need text use it as a plain string), and it also carries a key and the values that
filled the sentence, so the app can say the same thing from its own catalogue in
the learner's language. ``study`` never imports the UI; the UI never parses English.
"""

from __future__ import annotations

import errno
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


def os_reason(error: OSError) -> Notice:
    """Why an OS call failed: the OS's own words in lower case (``no space left on
    device``), and the errno's name (``ENOSPC``) for the app to say it in the
    learner's language. The path is never part of it: notices show it literally."""
    english = error.strerror.lower() if error.strerror else str(error)
    name = errno.errorcode.get(error.errno, "") if isinstance(error.errno, int) else ""
    return Notice("os_error", "{detail}", detail=english, errno=name)


def reason(error: BaseException) -> Notice:
    """Why reading or writing failed, for a notice's ``why``: the error's own reason
    (``SaveFileError``, ``SaveFailed``, ``RecordError`` carry one), else from its kind."""
    own = getattr(error, "reason", None)
    if isinstance(own, Notice):
        return own
    if isinstance(error, OSError):
        return os_reason(error)
    if isinstance(error, UnicodeDecodeError):
        return Notice("not_utf8", "not UTF-8 text")
    return Notice("damaged", "damaged data ({detail})", detail=str(error) or type(error).__name__)


__all__ = ["WHAT", "Notice", "os_reason", "reason"]
