"""Every on-disk location the app uses.

Nothing here runs at import time: each function reads the environment when it
is called, so tests and every SSH session can point the app elsewhere.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

APP_NAME = "backend-tui"
DATA_DIR_ENV = "BACKEND_TUI_DATA_DIR"
PROFILE_ENV = "BACKEND_TUI_PROFILE"
CACHE_DIR_ENV = "BACKEND_TUI_CACHE_DIR"

# Letters, digits, dot, dash and underscore, starting with a letter or digit:
# safe as a folder name on every OS and cannot climb out of the data dir.
_PROFILE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class ProfileNameError(ValueError):
    """A profile name that is not safe to use as a folder name.

    The message is English (logs); ``name`` lets a command say it in its language.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"profile name {name!r} is not allowed: use 1-64 letters, digits, '.', '_' or '-',"
            " starting with a letter or digit"
        )


def bundled_content_dir() -> Path:
    """The content shipped inside the installed package.

    A wheel carries it as ``backend_tui/_content``; a source checkout run
    without installing falls back to the repository's ``content/`` folder.
    """
    # The package's own folder, as importlib.resources would give for an installed
    # package, without the cost of importing it on every start.
    packaged = Path(__file__).resolve().parent / "_content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "content"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where saved progress lives: ``--data-dir``, then the env var, then platformdirs."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when neither override is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where re-creatable files go (checked content): the env var, else platformdirs."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_profile() -> str:
    """``BACKEND_TUI_PROFILE``, else the OS user name made safe, else ``learner``."""
    env = os.environ.get(PROFILE_ENV)
    if env:
        return env
    import getpass  # only when the profile is not given

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        return "learner"
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", user).lstrip("._-")[:64]
    return safe or "learner"


def validate_profile(name: str) -> str:
    """Return ``name`` if it is a safe profile name, else raise :class:`ProfileNameError`."""
    if not _PROFILE_RE.fullmatch(name) or name in {".", ".."}:
        raise ProfileNameError(name)
    return name


def served_cache_dir(data: Path) -> Path:
    """The server's cache folder (checked content), beside ``profiles/`` and never in it."""
    return data / "cache"


def profile_dir(data: Path, profile: str) -> Path:
    """The folder of one learner's progress (not created here)."""
    return data / "profiles" / validate_profile(profile)
