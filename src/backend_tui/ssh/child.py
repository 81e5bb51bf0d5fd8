"""A child process on its own pseudo-terminal, with a clean environment."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import re
import signal
import struct
import termios
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from backend_tui import paths
from backend_tui.ssh.limits import clamp_size

FALLBACK_TERM = "xterm-256color"
CHILD_PATH = "/usr/local/bin:/usr/bin:/bin"
# Terminal names are short words like xterm-256color, screen.xterm-256color, rxvt-unicode.
_SAFE_TERM_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")
_READ_SIZE = 65536
# Terminal set-up sequences are a few hundred bytes; even a small screen
# drawn by the app is more than this.
FIRST_SCREEN_BYTES = 1024


def safe_term(term: str | None) -> str:
    """The client's TERM if it looks like a terminal name, else ``xterm-256color``."""
    if term and _SAFE_TERM_RE.fullmatch(term) and term != "dumb":
        return term
    return FALLBACK_TERM


def child_env(term: str | None, home: Path, cache: Path, lang: str = "en") -> dict[str, str]:
    """The whole environment of a learner's app, built from nothing.

    Nothing the client sent is passed on (TEXTUAL_DRIVER, PYTHONPATH, LD_PRELOAD
    ...), and never COLUMNS/LINES: they would pin the app's size and break resizing.
    ``cache`` is the server's own cache folder: left to the default, the content
    cache would land under HOME, the learner's profile folder, which is copied,
    backed up and restored as the learner's own.
    ``lang`` is the language a learner starts in until they choose one with ``l``:
    the app reads it from LC_MESSAGES, after the learner's own saved choice.
    """
    env = {
        "TERM": safe_term(term),
        "LANG": "C.UTF-8",
        "PATH": CHILD_PATH,
        "HOME": str(home),
        paths.CACHE_DIR_ENV: str(cache),
    }
    if lang == "id":
        env["LC_MESSAGES"] = "id_ID.UTF-8"
    return env


def _take_controlling_terminal() -> None:
    # Runs in the child after setsid(): making the pty its controlling terminal
    # lets the kernel deliver SIGWINCH on resize and SIGHUP when the master closes.
    # (preexec_fn is risky only when it takes locks other threads may hold; a
    # single ioctl on an already imported module takes none.)
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def set_size(fd: int, columns: int, rows: int) -> None:
    """Set a pty's window size; the kernel then sends SIGWINCH to its foreground group.

    Any size is brought within the bounds an app is drawn at, so a client's
    nonsense (0, 70000, negative) never reaches ``struct.pack`` as it is.
    """
    columns, rows = clamp_size(columns, rows)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class ChildProcess(Protocol):
    """What a session needs of its app's process: a fresh one, or one the launcher forked."""

    @property
    def pid(self) -> int: ...

    @property
    def returncode(self) -> int | None: ...

    async def wait(self) -> int: ...


class Forker(Protocol):
    """Something that can start a child on a pty faster than a fresh process (the launcher)."""

    async def spawn(
        self, argv: Sequence[str], env: Mapping[str, str], cwd: Path, slave: int
    ) -> ChildProcess | None:
        """The child, or ``None`` when it cannot (a fresh process is started instead)."""
        ...


class PtyChild:
    """One process on one pty; output goes to ``on_output``, input via :meth:`write`.

    The master fd is non-blocking and driven by the event loop, so a slow client
    or a busy app never blocks the server.
    """

    def __init__(
        self,
        process: ChildProcess,
        master: int,
        on_output: Callable[[bytes], None],
        forked: bool = False,
    ) -> None:
        self.process = process
        self.forked = forked
        """Forked by the launcher rather than started afresh."""
        self.pid = process.pid
        self._master = master
        self._on_output = on_output
        self._loop = asyncio.get_running_loop()
        self._pending = bytearray()
        self.on_input_drained: Callable[[], None] | None = None
        self._reading = False
        self._output_done = asyncio.Event()
        self._output_bytes = 0
        self.drawn = asyncio.Event()
        """Set once the app has drawn a first screen (or ended without one)."""
        self.resume_output()

    @classmethod
    async def spawn(
        cls,
        argv: Sequence[str],
        env: Mapping[str, str],
        cwd: Path,
        size: tuple[int, int],
        on_output: Callable[[bytes], None],
        forker: Forker | None = None,
    ) -> PtyChild:
        master, slave = os.openpty()
        try:
            set_size(master, *size)
            forked = await forker.spawn(argv, env, cwd, slave) if forker is not None else None
            if forked is not None:
                os.set_blocking(master, False)
                return cls(forked, master, on_output, forked=True)
            process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=dict(env),
                cwd=cwd,
                close_fds=True,
                start_new_session=True,
                preexec_fn=_take_controlling_terminal,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            # The child holds its own copy; keeping ours would hide its exit (no EIO).
            os.close(slave)
        os.set_blocking(master, False)
        return cls(process, master, on_output)

    @property
    def running(self) -> bool:
        return self.process.returncode is None

    def resize(self, columns: int, rows: int) -> None:
        if self._master >= 0:
            set_size(self._master, columns, rows)

    @property
    def pending_input(self) -> int:
        """Bytes sent by the client that the app has not read yet."""
        return len(self._pending)

    def write(self, data: bytes) -> None:
        """Queue keystrokes for the app; never blocks."""
        if self._master < 0:
            return
        was_empty = not self._pending
        self._pending += data
        if was_empty:
            self._flush_input()

    def _flush_input(self) -> None:
        try:
            written = os.write(self._master, self._pending)
        except BlockingIOError:
            written = 0
        except OSError:
            self._pending.clear()
            self._loop.remove_writer(self._master)
            return
        del self._pending[:written]
        if self._pending:
            self._loop.add_writer(self._master, self._flush_input)
        else:
            self._loop.remove_writer(self._master)
            drained, self.on_input_drained = self.on_input_drained, None
            if drained is not None:
                drained()

    def pause_output(self) -> None:
        """Stop reading the app's output (the client is not keeping up)."""
        if self._reading:
            self._loop.remove_reader(self._master)
            self._reading = False

    def resume_output(self) -> None:
        if not self._reading and self._master >= 0 and not self._output_done.is_set():
            self._loop.add_reader(self._master, self._read)
            self._reading = True

    def _read(self) -> None:
        try:
            data = os.read(self._master, _READ_SIZE)
        except BlockingIOError:
            return
        except OSError:
            # EIO: every holder of the slave side has closed it.
            data = b""
        if data:
            self._output_bytes += len(data)
            if self._output_bytes >= FIRST_SCREEN_BYTES:
                self.drawn.set()
            self._on_output(data)
            return
        self.pause_output()
        self._output_done.set()
        self.drawn.set()

    def signal(self, signum: int) -> None:
        """Send ``signum`` to the app's whole process group."""
        if self.running:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signum)

    async def wait(self, output_grace: float = 2.0) -> int:
        """Wait for the exit, then for its last output (bounded), and free the pty."""
        status = await self.process.wait()
        # Grandchildren that outlived the app share its group; none may linger.
        # Done straight after the exit, before the id could be reused.
        self._kill_group()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._output_done.wait(), output_grace)
        self.close()
        return status

    async def stop(self, grace: float, signals: Sequence[int]) -> int:
        """Ask the app to end with ``signals``; SIGKILL after ``grace`` seconds."""
        for signum in signals:
            self.signal(signum)
        try:
            return await asyncio.wait_for(asyncio.shield(self.process.wait()), grace)
        except TimeoutError:
            self.signal(signal.SIGKILL)
            return await self.process.wait()

    def close(self) -> None:
        """Release the master fd; kill the app if it is somehow still running."""
        if self._master >= 0:
            self.pause_output()
            self._loop.remove_writer(self._master)
            os.close(self._master)
            self._master = -1
        if self.running:
            # The session task was cancelled before the app exited; the event
            # loop's child watcher still reaps it.
            self._kill_group()

    def _kill_group(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
