"""The study package's notices, said in the learner's language."""

from __future__ import annotations

from backend_tui.safetext import visible
from backend_tui.study.notices import WHAT, Notice
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


def notice_text(lang: str, warning: str) -> str:
    """``warning`` in ``lang``, with control characters made visible (paths can hold any)."""
    key = _KEYS.get(getattr(warning, "key", ""))
    if not isinstance(warning, Notice) or key is None:
        return visible(warning)
    values = {name: str(value) for name, value in warning.values.items()}
    if "what" in values:
        values["what"] = text(lang, _FILES[WHAT[values["what"]]])
    return visible(text(lang, key, **values))


__all__ = ["notice_text"]
