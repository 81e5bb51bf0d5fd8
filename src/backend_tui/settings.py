"""Settings the CLI builds and hands to the app factory."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Settings(NamedTuple):
    """Everything one running app needs to know; no globals."""

    content_dir: Path
    """Folder holding one sub-folder per language (``id/``, ``en/``)."""
    data_dir: Path
    """Root of saved progress; each profile gets a folder below it."""
    profile: str
    """The learner whose progress is read and written."""
    lang: str = "en"
    """Content language shown first: ``"en"`` or ``"id"``."""
    served: bool = False
    """True when the app runs for a remote learner under ``backend-tui serve``:
    nothing may write outside the profile folder and the app cannot be suspended."""
