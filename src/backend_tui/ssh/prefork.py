"""The server's side of the pre-forked launcher (``backend_tui.launcher``).

The launcher runs as its own process: this module starts it with a clean
environment, keeps it running (restarted with a growing pause if it dies),
and asks it for a forked child per session. While it is starting or gone,
:meth:`PreforkLauncher.spawn` returns ``None`` and the session starts a fresh
process instead, so a learner never waits on it.

Each forked child is reported with its pid and a pidfd. Its exit status comes
from the launcher, which is its parent; if the launcher dies first, the pidfd
still says when the child ends (its status is then unknown). Signals go to the
child's process group by pid, as for a fresh process: the server never needs
the launcher to reach a running session.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from backend_tui.ssh.child import CHILD_PATH

log = logging.getLogger("backend_tui.ssh")

UNKNOWN_STATUS = 1
"""Exit code reported for a child whose launcher died before it ended."""
_REPLY_SIZE = 4096


class ForkedProcess:
    """A session's process forked by the launcher: what :class:`PtyChild` needs of a process."""

    def __init__(self, pid: int, pidfd: int, replies: socket.socket) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._pidfd = pidfd
        self._replies = replies
        self._ended = asyncio.Event()
        self._watcher = asyncio.create_task(self._watch())

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        status: int | None = None
        try:
            data = await loop.sock_recv(self._replies, _REPLY_SIZE)
            if data:
                status = int(json.loads(data)["status"])
        except (OSError, ValueError, KeyError, TypeError):
            status = None
        if status is None:
            # The launcher is gone; the pidfd becomes readable when the child ends.
            await _readable(self._pidfd)
            log.warning("session pid=%d ended after its launcher; exit status unknown", self.pid)
            status = UNKNOWN_STATUS
        self._replies.close()
        os.close(self._pidfd)
        self.returncode = status
        self._ended.set()

    async def wait(self) -> int:
        await self._ended.wait()
        assert self.returncode is not None
        return self.returncode


class PreforkLauncher:
    """Starts, watches and restarts the launcher process; forks sessions through it."""

    def __init__(self, content_dir: Path | None, start_timeout: float = 60.0) -> None:
        self._content_dir = content_dir
        self._start_timeout = start_timeout
        self._control: socket.socket | None = None
        self._process: asyncio.subprocess.Process | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._closing = False
        self.restarts = 0
        """How many times the launcher had to be started again (for the log and tests)."""

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def start(self) -> bool:
        """Start the launcher and wait (bounded) until it has imported the app."""
        self._supervisor = asyncio.create_task(self._supervise())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._ready.wait(), self._start_timeout)
        return self.ready

    async def wait_ready(self, timeout: float) -> bool:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._ready.wait(), timeout)
        return self.ready

    async def _supervise(self) -> None:
        loop = asyncio.get_running_loop()
        pause = 0.5
        while not self._closing:
            started = loop.time()
            try:
                returncode = await self._run_once()
            except OSError as exc:
                log.error("launcher could not be started: %s", exc)
                returncode = None
            if self._closing:
                return
            self.restarts += 1
            log.warning(
                "launcher ended (status %s); sessions start as fresh processes until it is back",
                returncode,
            )
            # One that keeps dying at start is retried less and less often.
            pause = 0.5 if loop.time() - started > 60 else min(pause * 2, 30.0)
            await asyncio.sleep(pause)

    async def _run_once(self) -> int:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        argv = [sys.executable, "-m", "backend_tui.launcher", "--control-fd", str(theirs.fileno())]
        if self._content_dir is not None:
            argv += ["--content", str(self._content_dir)]
        try:
            # The same clean environment as a session, so whatever Textual reads from
            # the environment at import is what a fresh session would read.
            process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                env={"LANG": "C.UTF-8", "PATH": CHILD_PATH},
                cwd="/",
                pass_fds=(theirs.fileno(),),
                start_new_session=True,
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        ours.setblocking(False)
        self._process, self._control = process, ours
        loop = asyncio.get_running_loop()
        try:
            greeting = asyncio.ensure_future(loop.sock_recv(ours, _REPLY_SIZE))
            ended = asyncio.ensure_future(process.wait())
            await asyncio.wait((greeting, ended), return_when=asyncio.FIRST_COMPLETED)
            if greeting.done() and not greeting.exception() and greeting.result():
                log.info("launcher ready pid=%d", process.pid)
                self._ready.set()
            else:
                greeting.cancel()
            return await ended
        finally:
            self._ready.clear()
            self._control = None
            ours.close()

    async def spawn(
        self, argv: Sequence[str], env: Mapping[str, str], cwd: Path, slave: int
    ) -> ForkedProcess | None:
        """Fork a session on ``slave`` running ``argv``; ``None`` if the launcher cannot.

        Only a Python command line of this interpreter can be forked (the
        launcher is that interpreter with the app imported); anything else, or
        a launcher not ready, is ``None`` and the caller starts a fresh process.
        """
        control = self._control
        if not self.ready or control is None or not argv or argv[0] != sys.executable:
            return None
        request = json.dumps({"argv": list(argv[1:]), "env": dict(env), "cwd": str(cwd)})
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            try:
                socket.send_fds(control, [request.encode()], [slave, theirs.fileno()])
            finally:
                theirs.close()
            ours.setblocking(False)
            reply = await asyncio.wait_for(_receive_pid(ours), self._start_timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            ours.close()
            log.warning("launcher could not fork a session (%s); starting a fresh process", exc)
            return None
        if reply is None:
            ours.close()
            return None
        pid, pidfd = reply
        return ForkedProcess(pid, pidfd, ours)

    async def close(self) -> None:
        """Stop the launcher; running sessions are not its to end."""
        self._closing = True
        if self._control is not None:
            # Its end of the socket sees end-of-file and it leaves its loop.
            self._control.shutdown(socket.SHUT_RDWR)
        process = self._process
        if process is not None and process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), 5)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(signal.SIGKILL)
                await process.wait()
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor


async def _receive_pid(sock: socket.socket) -> tuple[int, int] | None:
    """The child's pid and pidfd from the launcher's first reply, or ``None``."""
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(sock, _REPLY_SIZE, 1)
            break
        except BlockingIOError:
            await _readable(sock.fileno())
    if not data or len(fds) != 1:
        for fd in fds:
            os.close(fd)
        return None
    try:
        return int(json.loads(data)["pid"]), fds[0]
    except (ValueError, KeyError, TypeError):
        os.close(fds[0])
        return None


async def _readable(fd: int) -> None:
    """Wait until ``fd`` is readable (or at its end)."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(fd, wake)
    try:
        await ready
    finally:
        loop.remove_reader(fd)
