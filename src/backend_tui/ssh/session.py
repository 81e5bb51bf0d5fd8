"""One learner's session: their own app on their own pty, bridged to the SSH channel."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import asyncssh

from backend_tui import paths
from backend_tui.ssh.child import PtyChild, safe_term
from backend_tui.ssh.config import ServeConfig
from backend_tui.ssh.limits import clamp_size
from backend_tui.ssh.names import Refusal
from backend_tui.study.notices import Notice

log = logging.getLogger("backend_tui.ssh")

# Put the client's terminal back if the app could not: main screen, cursor shown,
# colours reset, mouse reporting and bracketed paste off.
# Past this much unread input (a huge paste, a flood) the channel stops reading
# from the client until the app catches up, so the server's memory stays bounded.
INPUT_LIMIT = 256 * 1024

TERMINAL_RESET = (
    b"\x1b[?1049l\x1b[?25h\x1b[0m\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l"
)


ENDED_AS_ASKED = frozenset({0, 128 + signal.SIGTERM, 128 + signal.SIGHUP})
"""Exit statuses of an app that ended because the server asked it to."""


@dataclass(frozen=True, slots=True)
class Learner:
    """Who is on the other end of one authenticated connection."""

    username: str
    """The SSH user name they typed."""
    profile: str
    """Whose progress the app reads and writes."""
    fingerprint: str
    """SHA256 fingerprint of the key they logged in with."""
    address: str
    """Client address, ``host:port``."""


Claim = asyncio.Future[Refusal | None]
"""A learner's name being bound to their key: done with ``None``, or why not."""


class SessionHost(Protocol):
    """What a session needs from the server that runs it."""

    @property
    def config(self) -> ServeConfig: ...

    @property
    def start_slots(self) -> asyncio.Semaphore:
        """Bounds how many apps start at the same moment."""
        ...

    def admit(self, session: LearnerSession) -> Notice | None:
        """Take a session slot, or say why there is none."""
        ...

    def release(self, session: LearnerSession) -> None:
        """Give the slot back once the app has ended."""
        ...

    async def spawn_app(
        self,
        learner: Learner,
        term: str | None,
        size: tuple[int, int],
        on_output: Callable[[bytes], None],
    ) -> PtyChild:
        """Start ``learner``'s app on its own pty; raises ``OSError`` when it cannot."""
        ...


FILE_TRANSFER = Notice(
    "ssh_file_transfer", "file transfer (scp, sftp) is not available on this server"
)


def exit_status(returncode: int | None) -> int:
    """The SSH exit status for an app's return code (shell convention for signals)."""
    if returncode is None:
        return 1
    if returncode < 0:
        return 128 - returncode
    return returncode


def refusal_for(kind: str, command: str, has_pty: bool) -> Notice | None:
    """Why a session request is refused, or ``None`` when it may run the app."""
    if kind == "exec":
        if command.split(None, 1)[:1] == ["scp"]:
            return FILE_TRANSFER
        return Notice(
            "ssh_no_commands",
            "running commands is not allowed here; connect with plain `ssh` to study",
        )
    if kind == "subsystem":
        # OpenSSH 9's scp asks for the sftp subsystem too, like sftp: say both.
        if command == "sftp":
            return FILE_TRANSFER
        return Notice(
            "ssh_no_subsystem",
            "the {name!r} subsystem is not available on this server",
            name=command,
        )
    if not has_pty:
        return Notice("ssh_needs_terminal", "this server needs a terminal; connect with `ssh -t`")
    return None


class LearnerSession(asyncssh.SSHServerSession[bytes]):
    """Runs the app for one learner and ends it when either side goes away."""

    def __init__(self, host: SessionHost, learner: Learner, ready: Claim | None = None) -> None:
        self._host = host
        self.learner = learner
        self._ready = ready
        self._loop = asyncio.get_running_loop()
        self._chan: asyncssh.SSHServerChannel[bytes] | None = None
        self._term: str | None = None
        self._size = (80, 24)
        self._has_pty = False
        self._kind = "shell"
        self._command = ""
        self.child: PtyChild | None = None
        self.task: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[int]] = set()
        self._client_gone = False
        self._farewell: Notice | None = None
        self._last_input = self._loop.time()
        self._early_input = bytearray()
        self._idle_timer: asyncio.TimerHandle | None = None
        self.closed = asyncio.Event()
        """Set once the channel is closed on both sides: what was sent has arrived."""

    # -- asyncssh callbacks -------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object
    ) -> bool:
        self._has_pty = True
        self._term = term_type
        self._size = clamp_size(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        self._kind = "shell"
        return True

    # Exec and subsystem requests are accepted only so the refusal can carry a
    # message and an exit status; a failed request would leave the client guessing.
    def exec_requested(self, command: str) -> bool:
        self._kind, self._command = "exec", command
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        self._kind, self._command = "subsystem", subsystem
        return True

    def session_started(self) -> None:
        reason = refusal_for(self._kind, self._command, self._has_pty)
        if reason is not None:
            self._refuse(reason)
            return
        self.task = asyncio.create_task(self._admit_and_run())

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self._last_input = self._loop.time()
        if self.child is None:
            # Keys typed while the app starts are kept for it (bounded).
            self._early_input += data[: INPUT_LIMIT - len(self._early_input)]
        else:
            self.child.write(data)
            if self.child.pending_input > INPUT_LIMIT and self._chan is not None:
                self._chan.pause_reading()
                self.child.on_input_drained = self._chan.resume_reading

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if width > 0 and height > 0:
            self._size = clamp_size(width, height)
            if self.child is not None:
                self.child.resize(*self._size)

    def eof_received(self) -> bool:
        # The client has nothing more to send (`ssh -tt host </dev/null`): keep our
        # side open, so what the server still has to say (a refusal, the app's
        # screen, a goodbye) reaches the client instead of failing to be written.
        return True

    def pause_writing(self) -> None:
        if self.child is not None:
            self.child.pause_output()

    def resume_writing(self) -> None:
        if self.child is not None:
            self.child.resume_output()

    def connection_lost(self, exc: Exception | None) -> None:
        self._client_gone = True
        self.closed.set()
        self._end_child((signal.SIGHUP, signal.SIGTERM))

    # -- running the app ----------------------------------------------------

    def _eol(self) -> bytes:
        # With a pty the client's terminal is raw, so a bare \n would not return the carriage.
        return b"\r\n" if self._has_pty else b"\n"

    def _say(self, notice: Notice, own_name: bool = True) -> bytes:
        """``notice`` as a line for this learner's terminal, in their language."""
        profile = self.learner.profile if own_name else None
        said = self._host.config.words(notice, profile)
        return f"backend-tui: {said}".encode() + self._eol()

    def _refuse(self, reason: Notice, own_name: bool = True) -> None:
        log.info(
            "session refused user=%r profile=%s addr=%s reason=%s",
            self.learner.username,
            self.learner.profile,
            self.learner.address,
            reason,
        )
        if self._chan is not None and not self._client_gone:
            with contextlib.suppress(OSError):
                self._chan.write_stderr(self._say(reason, own_name))
            # The exit status goes even when the message cannot: the client must not hang.
            with contextlib.suppress(OSError):
                self._chan.exit(1)

    def stop(self, farewell: Notice, signals: Sequence[int] = (signal.SIGTERM,)) -> None:
        """Ask the app to save and exit; ``farewell`` is shown once it has."""
        self._farewell = farewell
        self._end_child(signals)

    def _end_child(self, signals: Sequence[int]) -> None:
        if self.child is not None and self.child.running:
            task = asyncio.create_task(self.child.stop(self._host.config.stop_grace, signals))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _on_output(self, data: bytes) -> None:
        if self._chan is not None and not self._client_gone:
            try:
                self._chan.write(data)
            except OSError:
                self._client_gone = True

    async def _admit_and_run(self) -> None:
        # The name is bound to the key off the event loop; nothing starts before that.
        refusal = await self._ready if self._ready is not None else None
        if refusal is not None:
            # The name may be another learner's: said in the server's language.
            self._refuse(refusal.message, own_name=False)
            return
        reason = self._host.admit(self)
        if reason is not None:
            self._refuse(reason)
            return
        await self._run()

    async def _run(self) -> None:
        started = self._loop.time()
        returncode: int | None = None
        try:
            slots = self._host.start_slots
            if slots.locked() and self._chan is not None:
                self._chan.write(self._say(Notice("ssh_starting", "starting, one moment...")))
            async with slots:
                if self._client_gone or self._farewell is not None:
                    return
                await self._start_child()
            returncode = await self.child.wait() if self.child is not None else None
        except (OSError, paths.ProfileNameError) as exc:
            log.error("session failed to start profile=%s: %s", self.learner.profile, exc)
            self._farewell = Notice(
                "ssh_app_failed", "the app could not be started; please tell your teacher"
            )
        finally:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
            if self.child is not None:
                self.child.close()
            self._host.release(self)
            log.info(
                "session end user=%r profile=%s addr=%s duration=%.1fs status=%s%s",
                self.learner.username,
                self.learner.profile,
                self.learner.address,
                self._loop.time() - started,
                returncode,
                " (client gone)" if self._client_gone else "",
            )
            self._finish(returncode)

    async def _start_child(self) -> None:
        """Start the app and hold the start slot until it has drawn (bounded)."""
        self.child = child = await self._host.spawn_app(
            self.learner, self._term, self._size, self._on_output
        )
        log.info(
            "session start user=%r profile=%s key=%s addr=%s term=%s size=%dx%d pid=%d via=%s",
            self.learner.username,
            self.learner.profile,
            self.learner.fingerprint,
            self.learner.address,
            safe_term(self._term),
            self._size[0],
            self._size[1],
            self.child.pid,
            "fork" if self.child.forked else "exec",
        )
        if self._early_input:
            child.write(bytes(self._early_input))
            self._early_input.clear()
        if self._client_gone or self._farewell is not None:
            self._end_child((signal.SIGHUP, signal.SIGTERM))
        self._watch_idle()
        drawn = asyncio.ensure_future(child.drawn.wait())
        exited = asyncio.ensure_future(child.process.wait())
        await asyncio.wait(
            (drawn, exited),
            timeout=self._host.config.start_bound,
            return_when=asyncio.FIRST_COMPLETED,
        )
        drawn.cancel()
        exited.cancel()

    def _finish(self, returncode: int | None) -> None:
        chan = self._chan
        if chan is None or self._client_gone:
            return
        try:
            if returncode != 0 or self._farewell is not None:
                chan.write(TERMINAL_RESET)
            if self._farewell is not None:
                chan.write_stderr(self._say(self._farewell))
            chan.exit(self._status(returncode))
        except OSError:
            pass

    def _status(self, returncode: int | None) -> int:
        status = exit_status(returncode)
        # Ended on the server's request (idle, stop) and exited as asked: the app
        # saved, so the client's status says so rather than 143, which reads as a crash.
        if self._farewell is not None and status in ENDED_AS_ASKED:
            return 0
        return status

    def _watch_idle(self) -> None:
        timeout = self._host.config.idle_timeout
        remaining = self._last_input + timeout - self._loop.time()
        if remaining > 0:
            self._idle_timer = self._loop.call_later(remaining, self._watch_idle)
            return
        log.info(
            "session idle user=%r profile=%s addr=%s after=%.0fs",
            self.learner.username,
            self.learner.profile,
            self.learner.address,
            timeout,
        )
        self.stop(_idle_goodbye(timeout))


def _idle_goodbye(seconds: float) -> Notice:
    if seconds >= 120:
        return Notice(
            "ssh_goodbye_idle_minutes",
            "no key pressed for {n:.0f} minutes; your progress is saved. Goodbye.",
            n=seconds / 60,
        )
    return Notice(
        "ssh_goodbye_idle_seconds",
        "no key pressed for {n:g} seconds; your progress is saved. Goodbye.",
        n=seconds,
    )
