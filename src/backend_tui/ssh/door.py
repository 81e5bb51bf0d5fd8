"""The connection door: who a client is, and at most one session per connection."""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

import asyncssh

from backend_tui import paths
from backend_tui.ssh.keys import AuthorizedKeys, BindingStore, fingerprint
from backend_tui.ssh.session import Learner, LearnerSession, SessionHost

log = logging.getLogger("backend_tui.ssh")

_PROHIBITED = asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED


class DoorHost(SessionHost, Protocol):
    """What a connection needs from its server, beyond what its session needs."""

    @property
    def authorized(self) -> AuthorizedKeys | None:
        """The listed keys in ``--authorized-keys`` mode, else ``None``."""
        ...

    @property
    def bindings(self) -> BindingStore | None:
        """Names bound to their first key in the default mode, else ``None``."""
        ...

    @property
    def connections(self) -> set[asyncssh.SSHServerConnection]:
        """Every open connection, so a stop can close them."""
        ...

    def welcome(self, host: str) -> str | None:
        """Why a new connection from ``host`` must be turned away, or ``None``."""
        ...


class Door(asyncssh.SSHServer):
    """One client connection: checks who it is and hands out at most one session."""

    def __init__(self, server: DoorHost) -> None:
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
