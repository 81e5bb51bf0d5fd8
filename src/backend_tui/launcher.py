"""The pre-forked launcher: imports the app once, then forks one process per learner.

`backend-tui serve` starts this as a separate process (``python -m
backend_tui.launcher``), so the process holding the host key and the listening
socket never imports Textual or runs learner code. A fresh Python for every
session spends most of its start importing Textual, the app and the material;
here that is done once, the garbage collector is frozen so the imported objects
are never touched again (their memory pages stay shared with every fork), and
each session is a ``fork()`` that only builds its app.

The server talks to it over one ``SOCK_SEQPACKET`` socket inherited at start.
Each request is one JSON message (the Python command line to run, the
environment, the working folder) carrying two descriptors: the pty slave the
session runs on and the server's end of a new socket pair for the replies.
The launcher answers on that pair with the child's pid (and a pidfd for it,
so the server can tell when it ends even if this process dies), and later with
its exit status. Nothing else is ever sent back.

A forked child is set up as a freshly started one would be: its own session
with the pty as controlling terminal and as stdin/stdout/stderr, no other
descriptor, the environment and working folder from the request, default
signal handlers, fresh random state and standard streams, and no event loop.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import gc
import importlib
import json
import os
import pkgutil
import random
import runpy
import selectors
import signal
import socket
import sys
import termios
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from backend_tui.content.model import Content

MAX_MESSAGE = 256 * 1024
"""Largest request: a command line, a handful of environment variables, a path."""
READY = b'{"ready": true}'


class BadRequest(ValueError):
    """A request that does not say what to run; it is dropped, the launcher goes on."""


def parse_request(data: bytes) -> tuple[list[str], dict[str, str], str]:
    """The command line, environment and working folder of one request."""
    try:
        request = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest(f"not JSON: {exc}") from None
    if not isinstance(request, dict):
        raise BadRequest("not an object")
    argv, env, cwd = request.get("argv"), request.get("env"), request.get("cwd")
    if not (isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv)):
        raise BadRequest("argv must be a non-empty list of strings")
    if not (isinstance(env, dict) and all(isinstance(v, str) for v in env.values())):
        raise BadRequest("env must map names to strings")
    if not isinstance(cwd, str):
        raise BadRequest("cwd must be a string")
    return argv, env, cwd


# ----------------------------------------------------------------- preloading


def preload(content_dir: Path | None) -> dict[Path, Content]:
    """Import the app and everything it imports later, and load the material once."""
    # The app's first frame needs ui.app; a drill, help or the lists need the rest.
    # Importing every ui module here makes them shared pages instead of per-session work.
    import backend_tui.cli
    import backend_tui.study
    import backend_tui.ui
    from backend_tui import paths
    from backend_tui.content import load_content

    for package in (backend_tui.ui, backend_tui.study):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    root = content_dir if content_dir is not None else paths.bundled_content_dir()
    return {root: load_content(root)}


def warm_up(preloaded: Mapping[Path, Content]) -> None:
    """Run the app once, headless, to its first frame, and throw it away.

    A first run parses the styles, fills Textual's and Rich's caches and builds
    the classes' lookup tables; done here, every fork starts with all of that
    already in (shared) memory instead of each session doing it again.
    """
    import asyncio
    import tempfile
    import threading

    from backend_tui.settings import Settings
    from backend_tui.ui.app import StudyApp, make_app

    async def first_frame(app: App[None]) -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()

    try:
        with tempfile.TemporaryDirectory() as data:
            for root, content in preloaded.items():
                settings = Settings(root, Path(data), "warm-up", "en", served=True)
                app = make_app(settings, content)
                asyncio.run(first_frame(app))
                StudyApp.share_parsed_css(app)
    except Exception:
        # Only an optimisation: sessions still start, each a little slower.
        print("backend-tui launcher: warm-up run failed:", file=sys.stderr)
        traceback.print_exc()
    asyncio.set_event_loop(None)
    # Forking with a thread running would copy a process mid-step.
    if threading.active_count() != 1:
        raise RuntimeError("a thread outlived the warm-up run")


# ------------------------------------------------------------------ the child


def _fresh_streams() -> None:
    """Standard streams on the pty, as a Python started on a terminal makes them."""
    stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 (lives as long as the process)
    stdout = open(1, "w", encoding="utf-8", buffering=1, closefd=False)  # noqa: SIM115
    stderr = open(  # noqa: SIM115
        2, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False
    )
    # Textual's driver writes to sys.__stderr__ and reads sys.__stdin__.
    for name, stream in (("stdin", stdin), ("stdout", stdout), ("stderr", stderr)):
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def _reset_signals() -> None:
    signal.set_wakeup_fd(-1)
    for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP, signal.SIGWINCH):
        signal.signal(signum, signal.SIG_DFL)
    # What the interpreter itself installs at start.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)


def become_session(slave: int, env: Mapping[str, str], cwd: str) -> None:
    """Turn a just-forked child into a learner's process on ``slave``.

    Every descriptor but the pty is closed by the caller's objects first
    (so no Python object later closes a reused number), then by number.
    """
    _reset_signals()
    os.setsid()
    # The controlling terminal: SIGWINCH on resize, SIGHUP when the master closes.
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    # A fork copies the parent's random state; `random` re-seeds itself at fork
    # (os.register_at_fork), and this says so where it matters.
    random.seed()
    _fresh_streams()
    # No loop is inherited (the launcher never makes one); the app's asyncio.run
    # makes its own.
    with contextlib.suppress(RuntimeError):
        import asyncio

        asyncio.set_event_loop(None)


def run_program(argv: Sequence[str], preloaded: Mapping[Path, Content]) -> int:
    """Run a Python command line (without the interpreter) in this process.

    ``-m backend_tui ...`` calls the CLI with the preloaded material; other forms
    (``-m module``, ``-c code``, ``script.py``) run as ``python`` would run them.
    """
    args = list(argv)
    if args[:2] == ["-m", "backend_tui"]:
        from backend_tui.cli import main

        sys.argv = ["backend-tui", *args[2:]]
        return main(args[2:], preloaded=preloaded)
    if args[:1] == ["-m"] and len(args) >= 2:
        sys.argv = [args[1], *args[2:]]
        runpy.run_module(args[1], run_name="__main__", alter_sys=True)
    elif args[:1] == ["-c"] and len(args) >= 2:
        sys.argv = ["-c", *args[2:]]
        exec(compile(args[1], "<string>", "exec"), {"__name__": "__main__"})
    else:
        sys.argv = args
        runpy.run_path(args[0], run_name="__main__")
    return 0


def _exit_code(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def child_main(argv: Sequence[str], preloaded: Mapping[Path, Content]) -> int:
    """Run the program; its exit code, as the interpreter would give it."""
    try:
        return run_program(argv, preloaded) & 0xFF
    except SystemExit as exc:
        return _exit_code(exc)
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    except BaseException:
        traceback.print_exc()
        return 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()


# --------------------------------------------------------------- the launcher


class Launcher:
    """The request loop: fork on each request, report each child's pid and end."""

    def __init__(self, control: socket.socket, preloaded: Mapping[Path, Content]) -> None:
        self.control = control
        self.preloaded = preloaded
        self.replies: dict[int, socket.socket] = {}
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = os.pipe()

    def run(self) -> int:
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        # A handler must exist for the wake-up byte to be written.
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.set_wakeup_fd(self._wake_w, warn_on_full_buffer=False)
        self._selector.register(self.control, selectors.EVENT_READ, "request")
        self._selector.register(self._wake_r, selectors.EVENT_READ, "child")
        self.control.send(READY)
        while True:
            for key, _ in self._selector.select():
                if key.data == "child":
                    with contextlib.suppress(BlockingIOError):
                        os.read(self._wake_r, 512)
                    self.reap()
                elif not self.handle_request():
                    return 0

    def handle_request(self) -> bool:
        """Fork for one request; False once the server has closed the socket."""
        try:
            data, fds, flags, _ = socket.recv_fds(self.control, MAX_MESSAGE, 2)
        except InterruptedError:
            return True
        except OSError:
            return False
        if not data and not fds:
            return False
        if len(fds) != 2 or flags & (socket.MSG_TRUNC | socket.MSG_CTRUNC):
            for fd in fds:
                os.close(fd)
            print("backend-tui launcher: malformed request dropped", file=sys.stderr)
            return True
        slave, reply_fd = fds
        reply = socket.socket(fileno=reply_fd)
        try:
            argv, env, cwd = parse_request(data)
        except BadRequest as exc:
            print(f"backend-tui launcher: request dropped: {exc}", file=sys.stderr)
            os.close(slave)
            reply.close()
            return True
        pid = os.fork()
        if pid == 0:
            self._in_child(slave, reply, argv, env, cwd)
        os.close(slave)
        pidfd = os.pidfd_open(pid)
        try:
            socket.send_fds(reply, [json.dumps({"pid": pid}).encode()], [pidfd])
        except OSError:
            pass  # the server gave up on this session; the child still ends on hang-up
        finally:
            os.close(pidfd)
        self.replies[pid] = reply
        return True

    def _in_child(
        self,
        slave: int,
        reply: socket.socket,
        argv: list[str],
        env: dict[str, str],
        cwd: str,
    ) -> None:
        code = 1
        try:
            # Close through their objects first, so none later closes a reused number.
            self._selector.close()
            self.control.close()
            reply.close()
            for other in self.replies.values():
                other.close()
            os.close(self._wake_r)
            os.close(self._wake_w)
            become_session(slave, env, cwd)
            code = child_main(argv, self.preloaded)
        except BaseException:
            with contextlib.suppress(Exception):
                traceback.print_exc()
        finally:
            os._exit(code)

    def reap(self) -> None:
        """Collect every ended child and tell the server how it ended."""
        while True:
            try:
                info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:
                return
            if info is None:
                return
            pid = info.si_pid
            # While the ended child is unreaped its group id cannot be reused:
            # anything it left behind in its group is ended now, safely.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            reply = self.replies.pop(pid, None)
            if reply is not None:
                with contextlib.suppress(OSError):
                    message = {"status": os.waitstatus_to_exitcode(status)}
                    reply.send(json.dumps(message).encode())
                reply.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend_tui.launcher")
    parser.add_argument("--control-fd", type=int, required=True)
    parser.add_argument("--content", metavar="DIR")
    args = parser.parse_args(argv)
    # The terminal's Ctrl-C belongs to the server, which stops the sessions itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    control = socket.socket(fileno=args.control_fd)
    gc.disable()
    from backend_tui.content import ContentError

    try:
        preloaded = preload(Path(args.content) if args.content else None)
    except ContentError as exc:
        # Edited since the server checked it: sessions start as fresh processes,
        # which report the same problems to the learner's screen.
        for problem in exc.problems:
            print(f"backend-tui launcher: {problem}", file=sys.stderr)
        return 1
    warm_up(preloaded)
    # Everything imported lives as long as the launcher; frozen, no collection in
    # any child ever scans (and so copies) those pages.
    gc.collect()
    gc.freeze()
    gc.enable()
    return Launcher(control, preloaded).run()


if __name__ == "__main__":
    raise SystemExit(main())
