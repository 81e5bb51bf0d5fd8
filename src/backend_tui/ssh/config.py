"""What one running server was asked to do."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend_tui import paths
from backend_tui.study.notices import Notice, os_reason
from backend_tui.study.preferences import saved_lang

ChildArgv = Callable[[str], Sequence[str]]
"""Builds the child's argument list from the learner's profile name."""

Tell = Callable[[str, Notice], str]
"""A language and a message for a learner -> the words to send them. Given by the
command line: this package loads no words of the app's own."""


class ServeError(Exception):
    """A problem that stops the server from starting; the message is for people.

    The message is English (logs, tests); ``reasons`` carry a key and values each,
    one a line, so the command line says them in the teacher's language (this
    package loads no words of the app's own).
    """

    def __init__(self, *reasons: Notice) -> None:
        self.reasons = reasons
        super().__init__("\n".join(reasons))

    @classmethod
    def of(cls, key: str, english: str, **values: Any) -> ServeError:
        """The error of one reason: its catalogue ``key``, English and values."""
        return cls(Notice(key, english, **values))


def why(error: Exception) -> Notice | str:
    """Why reading or writing failed: the OS's reason (said in the teacher's language),
    else the error's own words (a key or TOML parser's)."""
    return os_reason(error) if isinstance(error, OSError) else str(error)


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """Every knob of the server; the CLI sets the first few, tests set the rest."""

    data_dir: Path
    """Root of every learner's progress; the server keeps its own files in ``ssh/`` below."""
    host: str = "127.0.0.1"
    """Address to listen on."""
    port: int = 2222
    """TCP port; 0 picks a free one (tests)."""
    host_key: Path | None = None
    """Host key file; ``None`` means ``<data_dir>/ssh/host_ed25519_key``."""
    authorized_keys: Path | None = None
    """When set, only these keys log in and each entry names its profile."""
    content_dir: Path | None = None
    """Study material handed to every child; ``None`` means the bundled content."""
    lang: str = "en"
    """``"en"`` or ``"id"``: the language a learner starts in until they choose one."""
    max_sessions: int = 64
    """Concurrent learner sessions; one more gets a message and is refused."""
    idle_timeout: float = 1800.0
    """Seconds without a key press before the app is asked to save and exit."""
    login_timeout: float = 30.0
    """Seconds a connection may take to authenticate (OpenSSH allows 120; a key
    login takes well under one, so this is room for typing a key's passphrase)."""
    pending_per_address: int = 64
    """Connections from one address still logging in; one more is closed at once.
    As many as ``max_sessions``: a whole class behind one NAT address (a school's
    router) connects in the same minute, and each login takes well under a second,
    while ``pending_total`` still keeps room for every other address."""
    pending_total: int = 100
    """Connections still logging in from all addresses; one more is closed at once."""
    names_per_hour: int = 100
    """New names one address may claim per hour (default mode). A class behind one
    NAT address shares it, so it is above ``max_sessions``."""
    max_auth_attempts: int = 6
    """Refused keys per connection before the server hangs up (OpenSSH's MaxAuthTries)."""
    connections_per_minute: int = 120
    """New connections accepted per client address per minute. A whole class
    behind one NAT address shares this, so it is well above ``max_sessions``;
    it stops floods (at most two a second), not learners."""
    starting_at_once: int = 0
    """Apps allowed to start at the same time (0: two per CPU core).
    Start-up is CPU-bound, so when a whole class connects at once, queueing
    lets the first learners in quickly instead of everyone waiting for all."""
    start_bound: float = 15.0
    """Seconds a starting app may hold its start slot without drawing a screen."""
    stop_grace: float = 5.0
    """Seconds a child gets to exit after SIGHUP/SIGTERM before SIGKILL."""
    shutdown_grace: float = 10.0
    """Seconds the server waits for every session when it is stopped."""
    launcher: str = "fork"
    """``fork``: sessions are forked from a launcher process that has imported the app
    once; ``exec``: every session starts a fresh Python (also the fallback while the
    launcher is starting or restarting)."""
    child_argv: ChildArgv | None = None
    """Replaces the app command; only tests and benchmarks set it."""
    tell: Tell | None = None
    """Says what the server tells a learner in their language; ``None``: English."""

    def words(self, notice: Notice, profile: str | None = None) -> str:
        """``notice`` for a learner: in ``profile``'s saved language, else in ``lang``.

        ``profile`` is ``None`` when the name is not the learner's own (a name another
        key owns). The choice is read when a message is said, which is rare, so a
        learner who changed language in the app is answered in the new one.
        """
        if self.tell is None:
            return str(notice)
        chosen = None
        if profile is not None:
            with contextlib.suppress(paths.ProfileNameError):
                chosen = saved_lang(paths.profile_dir(self.data_dir, profile))
        return self.tell(chosen or self.lang, notice)
