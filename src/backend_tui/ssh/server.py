"""The server for one class: shared limits, key bindings and the list of sessions."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import asyncssh

from backend_tui import paths
from backend_tui.ssh.child import PtyChild, child_env
from backend_tui.ssh.config import ServeConfig, ServeError, why
from backend_tui.ssh.door import Door
from backend_tui.ssh.keys import AuthorizedKeys, load_or_create_host_key, server_dir
from backend_tui.ssh.limits import ConnectionRate, PendingLogins, Quieter, SlidingWindow
from backend_tui.ssh.names import NameStore, Refusal
from backend_tui.ssh.prefork import PreforkLauncher
from backend_tui.ssh.session import Claim, Learner, LearnerSession
from backend_tui.study.notices import Notice

TOO_MANY_NAMES = Refusal(
    "too many new names from this address",
    Notice(
        "ssh_too_many_names",
        "too many new names were taken from your address this hour; try again later",
    ),
)
CANNOT_SAVE = Refusal(
    "cannot save the name",
    Notice("ssh_cannot_save_name", "the server cannot save your login; try later"),
)

log = logging.getLogger("backend_tui.ssh")


class ClassServer:
    """The server for one class: shared limits, key bindings and the list of sessions."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.names: NameStore | None = None
        self.authorized: AuthorizedKeys | None = None
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self.sessions: set[LearnerSession] = set()
        self.host_key: asyncssh.SSHKey | None = None
        self.host_key_path = config.host_key or server_dir(config.data_dir) / "host_ed25519_key"
        self.host_key_created = False
        self._rate = ConnectionRate(config.connections_per_minute)
        self._pending = PendingLogins(config.pending_per_address, config.pending_total)
        self._new_names = SlidingWindow(config.names_per_hour, 3600.0)
        self._claims: set[Claim] = set()
        self._quieter = Quieter()
        self._previous_handler: object = None
        self.start_slots = asyncio.Semaphore(config.starting_at_once or 2 * (os.cpu_count() or 1))
        self._acceptor: asyncssh.SSHAcceptor | None = None
        self._stopping = False
        self.launcher: PreforkLauncher | None = None

    def prepare(self) -> None:
        """Load or make everything on disk; raises :class:`ServeError` with a message."""
        self.host_key, self.host_key_created = load_or_create_host_key(self.host_key_path)
        if self.config.authorized_keys is not None:
            self.authorized = AuthorizedKeys(self.config.authorized_keys)
            self.authorized.load()
        else:
            self.names = NameStore(server_dir(self.config.data_dir))
            try:
                self.names.load()
            except OSError as exc:
                raise ServeError.of(
                    "serve_names_unreadable",
                    "cannot read the names in {folder}: {why}",
                    folder=self.names.names_dir,
                    why=why(exc),
                ) from None

    async def start(self) -> None:
        if self.host_key is None:
            self.prepare()
        loop = asyncio.get_running_loop()
        self._previous_handler = loop.get_exception_handler()
        loop.set_exception_handler(self._loop_error)
        if self.config.launcher == "fork":
            # Ready before the first login, so a class arriving at once gets forks.
            self.launcher = PreforkLauncher(self.config.content_dir)
            if not await self.launcher.start():
                log.warning("launcher not ready; sessions start as fresh processes meanwhile")
        try:
            self._acceptor = await asyncssh.create_server(
                lambda: Door(self),
                self.config.host,
                self.config.port,
                server_host_keys=[self.host_key],
                login_timeout=self.config.login_timeout,
                # Keys only, whatever the host's ssh configuration or libraries offer.
                public_key_auth=True,
                password_auth=False,
                kbdint_auth=False,
                host_based_auth=False,
                gss_host=None,
                gss_kex=False,
                gss_auth=False,
                authorized_client_keys=None,
                # Dead clients are noticed within ~3 minutes so their app is ended.
                keepalive_interval=60,
                keepalive_count_max=3,
                allow_pty=True,
                line_editor=False,
                x11_forwarding=False,
                agent_forwarding=False,
                allow_scp=False,
                encoding=None,
            )
        except OSError as exc:
            if self.launcher is not None:
                await self.launcher.close()
            raise ServeError.of(
                "serve_cannot_listen",
                "cannot listen on {host}:{port}: {why}",
                host=self.config.host,
                port=self.config.port,
                why=why(exc),
            ) from None

    @property
    def port(self) -> int:
        assert self._acceptor is not None
        return self._acceptor.get_port()

    # -- called by connections and sessions ---------------------------------

    def quiet_log(self, level: int, key: str, message: str, *args: object) -> None:
        """Log ``message`` once per ``key`` per minute, saying how many were held back."""
        held_back = self._quieter.allow(key, asyncio.get_running_loop().time())
        if held_back is None:
            return
        if held_back:
            message += " (%d more like this in the last minute)"
            args = (*args, held_back)
        log.log(level, message, *args)

    def _loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        # asyncio's default handler prints a traceback per call; out of descriptors,
        # its accept loop calls it again every 0.1 s. One line a minute per kind is enough.
        exc = context.get("exception")
        message = str(context.get("message", "unexpected error"))
        peer = "-"
        for source in ("transport", "protocol"):
            info = getattr(context.get(source), "get_extra_info", None)
            if info is not None:
                with contextlib.suppress(Exception):
                    peer = str((info("peername") or ("-",))[0])
                break
        key = f"loop {message} {type(exc).__name__} {peer}"
        self.quiet_log(logging.ERROR, key, "%s: %s addr=%s", message, exc or "-", peer)

    def welcome(self, host: str) -> bool:
        """Count a new connection from ``host`` as logging in; False to close it at once."""
        stopping = "the server is shutting down" if self._stopping else None
        reason = stopping or self._pending.refusal(host)
        if reason is None and not self._rate.allow(host, asyncio.get_running_loop().time()):
            reason = "too many new connections from this address"
        if reason is not None:
            self.quiet_log(
                logging.WARNING, f"away {host}", "turned away addr=%s reason=%s", host, reason
            )
            return False
        self._pending.add(host)
        return True

    def logged_in(self, host: str) -> None:
        self._pending.discard(host)

    @property
    def logging_in(self) -> int:
        """Connections that have not logged in yet."""
        return len(self._pending)

    def claim_name(self, learner: Learner, key: asyncssh.SSHKey, new: bool) -> Claim:
        """Bind the learner's name to their key in a worker thread (a lock, an fsync)."""
        names = self.names
        assert names is not None
        host = learner.address.rsplit(":", 1)[0]
        over = new and not self._new_names.allow(host, asyncio.get_running_loop().time())

        async def claim() -> Refusal | None:
            if over:
                return TOO_MANY_NAMES
            try:
                return await asyncio.to_thread(names.claim, learner.profile, key, host)
            except (OSError, ValueError) as exc:
                log.error("cannot save the name %s: %s", learner.profile, exc)
                return CANNOT_SAVE

        task = asyncio.ensure_future(claim())
        self._claims.add(task)
        task.add_done_callback(self._claims.discard)
        return task

    async def names_saved(self, timeout: float | None = None) -> None:
        """Wait until every name claimed so far is on disk (or refused)."""
        if self._claims:
            await asyncio.wait(list(self._claims), timeout=timeout)

    def admit(self, session: LearnerSession) -> Notice | None:
        """Take a session slot, or say why there is none."""
        if self._stopping:
            return Notice("ssh_shutting_down", "the server is shutting down")
        if len(self.sessions) >= self.config.max_sessions:
            return Notice(
                "ssh_full",
                "the server is full ({n} learners); try again in a few minutes",
                n=self.config.max_sessions,
            )
        self.sessions.add(session)
        return None

    def release(self, session: LearnerSession) -> None:
        self.sessions.discard(session)

    def profile_home(self, profile: str) -> Path:
        home = paths.profile_dir(self.config.data_dir, profile)
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        return home

    def child_argv(self, profile: str) -> list[str]:
        if self.config.child_argv is not None:
            return list(self.config.child_argv(profile))
        argv = [sys.executable, "-m", "backend_tui"]
        if self.config.content_dir is not None:
            argv += ["--content", str(self.config.content_dir)]
        return [*argv, "--data-dir", str(self.config.data_dir), "--profile", profile, "--served"]

    async def spawn_app(
        self,
        learner: Learner,
        term: str | None,
        size: tuple[int, int],
        on_output: Callable[[bytes], None],
    ) -> PtyChild:
        """Start ``learner``'s app: the one place where a session's process is made."""
        home = self.profile_home(learner.profile)
        return await PtyChild.spawn(
            self.child_argv(learner.profile),
            child_env(term, home, paths.served_cache_dir(self.config.data_dir), self.config.lang),
            cwd=home,
            size=size,
            on_output=on_output,
            forker=self.launcher,
        )

    # -- stopping -----------------------------------------------------------

    async def stop(self) -> None:
        """Tell every learner, end every app (bounded), then close everything."""
        self._stopping = True
        if self._acceptor is not None:
            self._acceptor.close()
        sessions = list(self.sessions)
        log.info("stopping: %d session(s) to end", len(sessions))
        for session in sessions:
            session.stop(
                Notice(
                    "ssh_goodbye_shutdown",
                    "the server is shutting down; your progress is saved. Goodbye.",
                )
            )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.config.shutdown_grace
        tasks = [s.task for s in sessions if s.task is not None]
        if tasks:
            await asyncio.wait(tasks, timeout=self.config.shutdown_grace)
        # Closing a connection drops whatever it has not sent yet, so first let
        # each goodbye and exit status reach its client (bounded as well).
        closing = [asyncio.ensure_future(s.closed.wait()) for s in sessions]
        if closing:
            await asyncio.wait(closing, timeout=max(1.0, deadline - loop.time()))
            for waiter in closing:
                waiter.cancel()
        for conn in list(self.connections):
            conn.close()
        if self._acceptor is not None:
            await self._acceptor.wait_closed()
        for conn in list(self.connections):
            await conn.wait_closed()
        # A name being saved is saved whole before the server says it has stopped.
        await self.names_saved(self.config.shutdown_grace)
        if self.launcher is not None:
            await self.launcher.close()
        asyncio.get_running_loop().set_exception_handler(self._previous_handler)  # type: ignore[arg-type]
        log.info("stopped")
