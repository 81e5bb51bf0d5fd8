"""`backend-tui serve`: an SSH server that gives every learner their own app."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import os
import signal
import sys
from pathlib import Path

import asyncssh

from backend_tui import paths
from backend_tui.ssh.config import ServeConfig, ServeError
from backend_tui.ssh.keys import (
    AuthorizedKeys,
    BindingStore,
    fingerprint,
    load_or_create_host_key,
    server_dir,
)
from backend_tui.ssh.limits import ConnectionRate
from backend_tui.ssh.session import Learner, LearnerSession

log = logging.getLogger("backend_tui.ssh")

_PROHIBITED = asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED


class _Door(asyncssh.SSHServer):
    """One client connection: checks who it is and hands out at most one session."""

    def __init__(self, server: ClassServer) -> None:
        self._server = server
        self._conn: asyncssh.SSHServerConnection | None = None
        self._address = "?"
        self._turned_away: str | None = None
        self._failures = 0
        self._warned_bound = False
        self._learner: Learner | None = None
        self._key: asyncssh.SSHKey | None = None
        self._sessions = 0
        self._no_session_timer: asyncio.TimerHandle | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        host = str(peer[0])
        self._address = f"{host}:{peer[1]}"
        log.info("connect addr=%s", self._address)
        self._turned_away = self._server.welcome(host)
        self._server.connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._no_session_timer is not None:
            self._no_session_timer.cancel()
        if self._conn is not None:
            self._server.connections.discard(self._conn)
        log.info("disconnect addr=%s%s", self._address, f" ({exc})" if exc else "")

    # -- authentication -----------------------------------------------------

    def begin_auth(self, username: str) -> bool:
        if self._turned_away is not None:
            self._refused(username, self._turned_away)
            raise asyncssh.DisconnectError(asyncssh.DISC_TOO_MANY_CONNECTIONS, self._turned_away)
        if self._server.authorized is None:
            try:
                paths.validate_profile(username)
            except paths.ProfileNameError as exc:
                self._refused(username, "unsafe user name")
                raise asyncssh.DisconnectError(
                    asyncssh.DISC_ILLEGAL_USER_NAME, f"user name: {exc}"
                ) from None
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        print_ = fingerprint(key)
        if self._server.authorized is not None:
            profile = self._server.authorized.profile_for(key)
            if profile is None:
                return self._refuse_key(username, print_, "key not in authorized keys")
        else:
            profile = username
            assert self._server.bindings is not None
            binding = self._server.bindings.get(profile)
            if binding is not None and binding.fingerprint != print_:
                if not self._warned_bound and self._conn is not None:
                    self._warned_bound = True
                    self._conn.send_auth_banner(
                        f"backend-tui: the name {profile!r} belongs to another key;"
                        " log in with your own name.\r\n"
                    )
                return self._refuse_key(username, print_, "name bound to another key")
        # The signature is checked after this; the key only counts once auth completes.
        self._key = key
        self._learner = Learner(username, profile, print_, self._address)
        return True

    def _refuse_key(self, username: str, print_: str, reason: str) -> bool:
        self._failures += 1
        self._refused(username, reason, print_)
        if self._failures >= self._server.config.max_auth_attempts:
            self._refused(username, "too many authentication attempts")
            raise asyncssh.DisconnectError(
                asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE, "too many authentication attempts"
            )
        return False

    def _refused(self, username: str, reason: str, print_: str = "-") -> None:
        log.info(
            "auth refused user=%r key=%s addr=%s reason=%s", username, print_, self._address, reason
        )

    def auth_completed(self) -> None:
        learner, key = self._learner, self._key
        assert learner is not None and key is not None
        bindings = self._server.bindings
        if bindings is not None:
            try:
                claimed = bindings.claim(learner.profile, key)
            except OSError as exc:
                log.error("cannot save key binding for %s: %s", learner.profile, exc)
                raise asyncssh.DisconnectError(
                    asyncssh.DISC_BY_APPLICATION, "the server cannot save your login; try later"
                ) from None
            if not claimed:
                # Another key took this name between the key check and now.
                self._refused(learner.username, "name bound to another key", learner.fingerprint)
                raise asyncssh.DisconnectError(
                    asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE,
                    f"the name {learner.profile!r} belongs to another key",
                )
        log.info(
            "auth ok user=%r profile=%s key=%s addr=%s",
            learner.username,
            learner.profile,
            learner.fingerprint,
            learner.address,
        )
        # A logged-in connection that never asks for a session (`ssh -N`) would
        # otherwise hold its socket for ever: it gets as long as a login.
        self._no_session_timer = asyncio.get_running_loop().call_later(
            self._server.config.login_timeout, self._drop_if_no_session
        )

    def _drop_if_no_session(self) -> None:
        if self._sessions == 0 and self._conn is not None:
            log.info("disconnecting addr=%s reason=no session requested", self._address)
            self._conn.disconnect(asyncssh.DISC_BY_APPLICATION, "no terminal session was requested")

    # -- channels -----------------------------------------------------------

    def session_requested(self) -> LearnerSession:
        assert self._learner is not None
        if self._sessions:
            log.info("session refused addr=%s reason=second session", self._address)
            raise asyncssh.ChannelOpenError(_PROHIBITED, "one session per connection")
        self._sessions += 1
        return LearnerSession(self._server, self._learner)

    def connection_requested(
        self, dest_host: str, dest_port: int, orig_host: str, orig_port: int
    ) -> bool:
        return self._no_forwarding(f"local forward to {dest_host}:{dest_port}")

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        log.info(
            "forwarding refused addr=%s what=remote forward %s:%d",
            self._address,
            listen_host,
            listen_port,
        )
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        return self._no_forwarding(f"unix socket {dest_path}")

    def unix_server_requested(self, listen_path: str) -> bool:
        log.info("forwarding refused addr=%s what=unix listener", self._address)
        return False

    def _no_forwarding(self, what: str) -> bool:
        log.info("forwarding refused addr=%s what=%s", self._address, what)
        raise asyncssh.ChannelOpenError(_PROHIBITED, "port forwarding is not allowed here")


class ClassServer:
    """The server for one class: shared limits, key bindings and the list of sessions."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.bindings: BindingStore | None = None
        self.authorized: AuthorizedKeys | None = None
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self.sessions: set[LearnerSession] = set()
        self.host_key: asyncssh.SSHKey | None = None
        self.host_key_path = config.host_key or server_dir(config.data_dir) / "host_ed25519_key"
        self.host_key_created = False
        self._rate = ConnectionRate(config.connections_per_minute)
        self.start_slots = asyncio.Semaphore(config.starting_at_once or 2 * (os.cpu_count() or 1))
        self._acceptor: asyncssh.SSHAcceptor | None = None
        self._stopping = False

    def prepare(self) -> None:
        """Load or make everything on disk; raises :class:`ServeError` with a message."""
        self.host_key, self.host_key_created = load_or_create_host_key(self.host_key_path)
        if self.config.authorized_keys is not None:
            self.authorized = AuthorizedKeys(self.config.authorized_keys)
            self.authorized.load()
        else:
            self.bindings = BindingStore(server_dir(self.config.data_dir) / "bindings.toml")
            self.bindings.load()

    async def start(self) -> None:
        if self.host_key is None:
            self.prepare()
        try:
            self._acceptor = await asyncssh.create_server(
                lambda: _Door(self),
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
            raise ServeError(
                f"cannot listen on {self.config.host}:{self.config.port}: {exc.strerror or exc}"
            ) from None

    @property
    def port(self) -> int:
        assert self._acceptor is not None
        return self._acceptor.get_port()

    # -- called by connections and sessions ---------------------------------

    def welcome(self, host: str) -> str | None:
        """Why a new connection from ``host`` must be turned away, or ``None``."""
        if self._stopping:
            return "the server is shutting down"
        if not self._rate.allow(host, asyncio.get_running_loop().time()):
            return "too many new connections from your address; try again in a minute"
        return None

    def admit(self, session: LearnerSession) -> str | None:
        """Take a session slot, or say why there is none."""
        if self._stopping:
            return "the server is shutting down"
        if len(self.sessions) >= self.config.max_sessions:
            return (
                f"the server is full ({self.config.max_sessions} learners);"
                " try again in a few minutes"
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

    # -- stopping -----------------------------------------------------------

    async def stop(self) -> None:
        """Tell every learner, end every app (bounded), then close everything."""
        self._stopping = True
        if self._acceptor is not None:
            self._acceptor.close()
        sessions = list(self.sessions)
        log.info("stopping: %d session(s) to end", len(sessions))
        for session in sessions:
            session.stop("the server is shutting down; your progress is saved.")
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
        log.info("stopped")


def bind_warning(host: str) -> str | None:
    """A warning when ``host`` is reachable from other machines, else ``None``."""
    if host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass
    return (
        f"listening on {host}: anyone who can reach this address can try to log in;"
        " consider --authorized-keys"
    )


def config_from_args(args: argparse.Namespace) -> ServeConfig:
    if not 0 <= args.port <= 65535:
        raise ServeError(f"--port must be 0-65535, not {args.port}")
    if args.max_sessions < 1:
        raise ServeError("--max-sessions must be at least 1")
    if not args.idle_timeout > 0:
        raise ServeError("--idle-timeout must be more than 0 seconds")
    content = Path(args.content).resolve() if args.content else None
    return ServeConfig(
        data_dir=paths.data_dir(args.data_dir).resolve(),
        host=args.host,
        port=args.port,
        host_key=Path(args.host_key).expanduser().resolve() if args.host_key else None,
        authorized_keys=(
            Path(args.authorized_keys).expanduser().resolve() if args.authorized_keys else None
        ),
        content_dir=content,
        max_sessions=args.max_sessions,
        idle_timeout=args.idle_timeout,
    )


def _check_content(root: Path | None) -> None:
    from backend_tui.content import ContentError, load_content

    where = root or paths.bundled_content_dir()
    try:
        load_content(where)
    except ContentError as exc:
        lines = [str(problem) for problem in exc.problems]
        raise ServeError("\n".join([*lines, f"content in {where} has problems"])) from None


def _greeting(server: ClassServer) -> str:
    config = server.config
    host = config.host if config.host not in {"0.0.0.0", "::", ""} else "THIS-MACHINE"
    key = server.host_key
    assert key is not None
    lines = [
        f"backend-tui serve: listening on {config.host}:{server.port}",
        f"  host key {fingerprint(key)} ({server.host_key_path}"
        f"{', new' if server.host_key_created else ''})",
        f"  progress in {config.data_dir}",
    ]
    if server.authorized is not None:
        lines.append(f"  only the {len(server.authorized)} keys in {config.authorized_keys}")
        lines.append(f"learners connect with:  ssh -p {server.port} {host}")
    else:
        lines.append(f"learners connect with:  ssh -p {server.port} NAME@{host}")
        lines.append("  NAME is their profile; the first key to log in with a name owns it")
    lines.append("stop with Ctrl-C (or SIGTERM)")
    return "\n".join(lines)


async def serve(config: ServeConfig) -> int:
    """Run until SIGTERM or SIGINT, then stop cleanly; 0 on a clean stop."""
    server = ClassServer(config)
    server.prepare()
    await server.start()
    warning = bind_warning(config.host)
    if warning is not None:
        log.warning("%s", warning)
    print(_greeting(server), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        # The handlers stay during the stop, so a second Ctrl-C cannot cut it short.
        await server.stop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """Entry point for `backend-tui serve`."""
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )
    # asyncssh logs every packet-level step at INFO; our own lines say what matters.
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    try:
        config = config_from_args(args)
        _check_content(config.content_dir)
        return asyncio.run(serve(config))
    except ServeError as exc:
        print(f"backend-tui serve: {exc}", file=sys.stderr)
        return 2
