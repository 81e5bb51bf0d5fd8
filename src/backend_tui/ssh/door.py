"""The connection door: who a client is, and at most one session per connection."""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

import asyncssh

from backend_tui import paths
from backend_tui.ssh.keys import AuthorizedKeys, fingerprint
from backend_tui.ssh.names import NameRecordError, NameStore, name_taken
from backend_tui.ssh.session import Claim, Learner, LearnerSession, SessionHost

log = logging.getLogger("backend_tui.ssh")

_PROHIBITED = asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED


class DoorHost(SessionHost, Protocol):
    """What a connection needs from its server, beyond what its session needs."""

    @property
    def authorized(self) -> AuthorizedKeys | None:
        """The listed keys in ``--authorized-keys`` mode, else ``None``."""
        ...

    @property
    def names(self) -> NameStore | None:
        """Names bound to their first key in the default mode, else ``None``."""
        ...

    @property
    def connections(self) -> set[asyncssh.SSHServerConnection]:
        """Every open connection that was let in, so a stop can close them."""
        ...

    def quiet_log(self, level: int, key: str, message: str, *args: object) -> None:
        """Log ``message`` once per ``key`` per minute, with a count of the ones held back."""
        ...

    def welcome(self, host: str) -> bool:
        """Count a new connection from ``host`` as logging in; False to close it at once."""
        ...

    def logged_in(self, host: str) -> None:
        """A connection from ``host`` is no longer logging in (it has, or it has gone)."""
        ...

    def claim_name(self, learner: Learner, key: asyncssh.SSHKey, new: bool) -> Claim:
        """Bind the learner's name to their key, off the event loop."""
        ...


def _check_name(name: str) -> None:
    """Hang up on a name that cannot be a profile (the empty name included)."""
    try:
        paths.validate_profile(name)
    except paths.ProfileNameError as exc:
        raise asyncssh.DisconnectError(
            asyncssh.DISC_ILLEGAL_USER_NAME, f"user name: {exc}"
        ) from None


class Door(asyncssh.SSHServer):
    """One client connection: checks who it is and hands out at most one session."""

    def __init__(self, server: DoorHost) -> None:
        self._server = server
        self._conn: asyncssh.SSHServerConnection | None = None
        self._host = "?"
        self._address = "?"
        self._let_in = False
        self._logging_in = False
        self._failures = 0
        self._warned_bound = False
        self._learner: Learner | None = None
        self._key: asyncssh.SSHKey | None = None
        self._new_name = False
        self._claim: Claim | None = None
        self._sessions = 0
        self._no_session_timer: asyncio.TimerHandle | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        self._host = str(peer[0])
        self._address = f"{self._host}:{peer[1]}"
        if not self._server.welcome(self._host):
            # Closed before the key exchange: a flood of sockets that never log
            # in costs one accept each, not a descriptor held for the login timeout.
            conn.abort()
            return
        self._let_in = self._logging_in = True
        log.info("connect addr=%s", self._address)
        self._server.connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self._let_in:
            return
        self._done_logging_in()
        if self._no_session_timer is not None:
            self._no_session_timer.cancel()
        if self._conn is not None:
            self._server.connections.discard(self._conn)
        log.info("disconnect addr=%s%s", self._address, f" ({exc})" if exc else "")

    def _done_logging_in(self) -> None:
        if self._logging_in:
            self._logging_in = False
            self._server.logged_in(self._host)

    # -- authentication -----------------------------------------------------
    # asyncssh calls begin_auth only when the name changes from "", so the
    # empty name never reaches it: the name is checked again at every step.

    def begin_auth(self, username: str) -> bool:
        if self._server.names is not None:
            self._check(username)
        return True

    def _check(self, username: str) -> None:
        try:
            _check_name(username)
        except asyncssh.DisconnectError:
            self._refused(username, "unsafe user name")
            raise

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
            names = self._server.names
            assert names is not None
            self._check(username)
            profile = username
            try:
                binding = names.get(profile)
            except NameRecordError as exc:
                log.error("names: %s", exc)
                return self._refuse_key(username, print_, "the name's record is unreadable")
            if binding is not None and binding.fingerprint != print_:
                if not self._warned_bound and self._conn is not None:
                    self._warned_bound = True
                    # The name is someone else's: their language is not this learner's.
                    said = self._server.config.words(name_taken(profile).message)
                    self._conn.send_auth_banner(f"backend-tui: {said}\r\n")
                return self._refuse_key(username, print_, "name bound to another key")
            self._new_name = binding is None
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
        # Once a minute per address and reason: a client trying key after key,
        # connection after connection, cannot fill the disk through the log.
        self._server.quiet_log(
            logging.INFO,
            f"refused {self._host} {reason}",
            "auth refused user=%r key=%s addr=%s reason=%s",
            username,
            print_,
            self._address,
            reason,
        )

    def auth_completed(self) -> None:
        self._done_logging_in()
        learner, key = self._learner, self._key
        assert learner is not None and key is not None
        _check_name(learner.profile)
        log.info(
            "auth ok user=%r profile=%s key=%s addr=%s",
            learner.username,
            learner.profile,
            learner.fingerprint,
            learner.address,
        )
        if self._server.names is not None:
            self._claim = self._server.claim_name(learner, key, self._new_name)
            self._claim.add_done_callback(self._claimed)
        # A logged-in connection that never asks for a session (`ssh -N`) would
        # otherwise hold its socket for ever: it gets as long as a login.
        self._no_session_timer = asyncio.get_running_loop().call_later(
            self._server.config.login_timeout, self._drop_if_no_session
        )

    def _claimed(self, claim: Claim) -> None:
        refusal = claim.result()
        if refusal is not None:
            assert self._learner is not None
            self._refused(self._learner.username, refusal.reason, self._learner.fingerprint)

    def _drop_if_no_session(self) -> None:
        if self._sessions or self._conn is None:
            return
        # A refused name is said by the session (a message and exit status 1); a
        # client that opens none (`ssh -N`) hears it here.
        refusal = self._claim.result() if self._claim is not None and self._claim.done() else None
        log.info("disconnecting addr=%s reason=no session requested", self._address)
        if refusal is not None:
            said = self._server.config.words(refusal.message)
            self._conn.disconnect(asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE, said)
        else:
            self._conn.disconnect(asyncssh.DISC_BY_APPLICATION, "no terminal session was requested")

    # -- channels -----------------------------------------------------------

    def session_requested(self) -> LearnerSession:
        assert self._learner is not None
        if self._sessions:
            log.info("session refused addr=%s reason=second session", self._address)
            raise asyncssh.ChannelOpenError(_PROHIBITED, "one session per connection")
        self._sessions += 1
        return LearnerSession(self._server, self._learner, ready=self._claim)

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
