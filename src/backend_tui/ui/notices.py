"""The study package's notices, said in the learner's language."""

from __future__ import annotations

from backend_tui.safetext import visible
from backend_tui.study.notices import WHAT, Notice, reason
from backend_tui.ui.strings import text

# Literal keys, so the catalogue test sees each one used.
_KEYS = {
    "link_kept": "notice_link_kept",
    "link_moved": "notice_link_moved",
    "damaged_left": "notice_damaged_left",
    "damaged_moved": "notice_damaged_moved",
    "entries_skipped": "notice_entries_skipped",
    "entries_copied": "notice_entries_copied",
    "unreadable": "notice_unreadable",
    "fold_failed": "notice_fold_failed",
    "newer_version": "notice_newer_version",
    "read_only_open": "notice_read_only_open",
    "read_only_folder": "notice_read_only_folder",
    "preferences_damaged": "notice_preferences_damaged",
}
_FILES = {
    "progress": "file_progress",
    "backup": "file_backup",
    "journal": "file_journal",
    "history": "file_history",
    "lock": "file_lock",
}


# Why something failed: the study package's reasons (SaveFileError and the rest).
_REASONS = {
    "too_deep": "reason_too_deep",
    "not_toml": "reason_not_toml",
    "not_toml_at": "reason_not_toml_at",
    "bad_version": "reason_bad_version",
    "bad_header": "reason_bad_header",
    "symlink": "reason_symlink",
    "not_file": "reason_not_file",
    "too_large": "reason_too_large",
    "bad_entry": "reason_bad_entry",
    "not_utf8": "reason_not_utf8",
    "damaged": "reason_damaged",
}
# The OS's reasons by errno name; any other is "system error ENAME".
_ERRNO = {
    "ENOSPC": "os_enospc",
    "EDQUOT": "os_edquot",
    "EROFS": "os_erofs",
    "EACCES": "os_eacces",
    "EPERM": "os_eperm",
    "EIO": "os_eio",
    "ENOENT": "os_enoent",
    "ENOTDIR": "os_enotdir",
    "EISDIR": "os_eisdir",
    "EEXIST": "os_eexist",
    "EMFILE": "os_emfile",
    "ENFILE": "os_enfile",
    "ENAMETOOLONG": "os_enametoolong",
    "EFBIG": "os_efbig",
    "EBUSY": "os_ebusy",
    "ELOOP": "os_eloop",
    "ENOMEM": "os_enomem",
    "EADDRINUSE": "os_eaddrinuse",
    "EADDRNOTAVAIL": "os_eaddrnotavail",
}


def os_text(lang: str, name: str) -> str | None:
    """The OS's reason named by its errno name (``ENOSPC``) in ``lang``, if we have words."""
    key = _ERRNO.get(name)
    return None if key is None else text(lang, key)


def reason_text(lang: str, why: object) -> str:
    """Why something failed, in ``lang``: a study :class:`Notice` reason or an OSError.

    The OS's own words (English) are shown only for an error with no errno at all.
    """
    if isinstance(why, BaseException):
        why = reason(why)
    if not isinstance(why, Notice):
        return visible(str(why))
    if why.key == "os_error":
        name = str(why.values.get("errno", ""))
        if name in _ERRNO:
            return text(lang, _ERRNO[name])
        return text(lang, "os_other", name=name) if name else visible(why)
    key = _REASONS.get(why.key)
    if key is None:
        return visible(why)
    return visible(text(lang, key, **{n: str(v) for n, v in why.values.items()}))


def notice_text(lang: str, warning: str) -> str:
    """``warning`` in ``lang``, with control characters made visible (paths can hold any)."""
    key = _KEYS.get(getattr(warning, "key", ""))
    if not isinstance(warning, Notice) or key is None:
        return visible(warning)
    values = {
        name: reason_text(lang, value) if isinstance(value, Notice) else str(value)
        for name, value in warning.values.items()
    }
    if "what" in values:
        values["what"] = text(lang, _FILES[WHAT[values["what"]]])
    return visible(text(lang, key, **values))


__all__ = ["notice_text", "os_text", "reason_text"]
