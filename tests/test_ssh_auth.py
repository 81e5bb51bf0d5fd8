"""Who is who: public keys only, names bound to their first key, authorized-keys
mode, host key on disk, and the limits on logins."""

from __future__ import annotations

import asyncio
import stat
import tomllib
from pathlib import Path

import asyncssh
import pytest
from helpers.ssh import (
    connect,
    make_key,
    open_terminal,
    running_server,
    standin_argv,
    wait_until,
)

from backend_tui.ssh.config import ServeConfig, ServeError
from backend_tui.ssh.keys import AuthorizedKeys, fingerprint
from backend_tui.ssh.limits import ConnectionRate
from backend_tui.ssh.names import NameStore
from backend_tui.ssh.server import ClassServer


def _line(key: asyncssh.SSHKey, comment: str = "", options: str = "") -> str:
    public = key.export_public_key("openssh").decode().split()
    parts = [options] if options else []
    parts += public[:2]
    if comment:
        parts.append(comment)
    return " ".join(parts)


async def test_password_and_keyboard_interactive_are_refused(tmp_path: Path) -> None:
    async with running_server(tmp_path) as server:
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, "alice", None, password="secret", preferred_auth="password")
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(
                server, "alice", None, password="secret", preferred_auth="keyboard-interactive"
            )


async def test_first_key_owns_the_name(tmp_path: Path) -> None:
    owner, other = make_key(), make_key()
    async with running_server(tmp_path) as server:
        conn = await connect(server, "alice", owner)
        conn.close()
        await server.names_saved()
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, "alice", other)
        # The owner still gets in, and the other key may take a free name.
        (await connect(server, "alice", owner)).close()
        (await connect(server, "alice2", other)).close()

    names = tmp_path / "data" / "ssh" / "names"
    for name, key in (("alice", owner), ("alice2", other)):
        path = names / f"{name}.toml"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        saved = tomllib.loads(path.read_text(encoding="utf-8"))
        assert saved["version"] == 1
        assert saved["fingerprint"] == fingerprint(key)
        assert saved["address"] == "127.0.0.1"

    # A restart keeps the binding.
    async with running_server(tmp_path) as server:
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, "alice", other)


async def test_refused_key_for_bound_name_gets_a_banner(tmp_path: Path) -> None:
    banners: list[str] = []

    class Client(asyncssh.SSHClient):
        def auth_banner_received(self, msg: str, lang: str) -> None:
            banners.append(msg)

    async with running_server(tmp_path) as server:
        (await connect(server, "alice", make_key())).close()
        await server.names_saved()
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, "alice", make_key(), client_factory=Client)
    assert banners == [
        "backend-tui: the name 'alice' belongs to another key; log in with your own name.\r\n"
    ]


@pytest.mark.parametrize("name", ["../etc", "a b", ".hidden", "x" * 65, "al/ice", "-rf"])
async def test_unsafe_user_names_are_refused(tmp_path: Path, name: str) -> None:
    async with running_server(tmp_path) as server:
        with pytest.raises(asyncssh.DisconnectError, match="is not allowed"):
            await connect(server, name, make_key())
    assert not (tmp_path / "data" / "profiles").exists()


async def test_authorized_keys_mode(tmp_path: Path) -> None:
    by_comment, by_option, stranger = make_key(), make_key(), make_key()
    listed = tmp_path / "class_keys"
    listed.write_text(
        "# class of 2026\n\n"
        + _line(by_comment, "alice")
        + "\n"
        + _line(by_option, "bob@laptop", options='no-pty,profile="bob"')
        + "\n",
        encoding="utf-8",
    )
    async with running_server(
        tmp_path, authorized_keys=listed, child_argv=standin_argv(tmp_path)
    ) as server:
        # The profile comes from the key's entry, whatever user name is typed.
        for key, profile in ((by_comment, "alice"), (by_option, "bob")):
            conn = await connect(server, "anyone", key)
            _chan, term = await open_terminal(conn)
            shown = f"CWD=profiles/{profile}"
            await wait_until(lambda t=term, s=shown: s in t.text())
            conn.close()
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, "alice", stranger)
    # No bindings are kept in this mode.
    assert not (tmp_path / "data" / "ssh" / "names").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("ssh-ed25519 AAAAnotakey alice\n", "not a public key"),
        ("{key}\n", "no profile"),
        ("{key} alice@laptop\n", "is not allowed"),
        ("{key} alice\n{key} bob\n", "already listed for profile 'alice'"),
        ("# nobody yet\n", "no keys listed"),
    ],
)
def test_authorized_keys_problems_name_the_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "keys"
    path.write_text(content.replace("{key}", _line(make_key())), encoding="utf-8")
    with pytest.raises(ServeError, match=message) as caught:
        AuthorizedKeys(path).load()
    if "keys listed" not in message:
        assert f"{path}:" in str(caught.value)


def test_host_key_made_once_private_and_reused(tmp_path: Path) -> None:
    config = ServeConfig(data_dir=tmp_path / "data")
    first = ClassServer(config)
    first.prepare()
    path = tmp_path / "data" / "ssh" / "host_ed25519_key"
    assert first.host_key_created
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert first.host_key is not None and first.host_key.algorithm == b"ssh-ed25519"
    again = ClassServer(config)
    again.prepare()
    assert not again.host_key_created
    assert again.host_key is not None
    assert fingerprint(again.host_key) == fingerprint(first.host_key)


def test_unreadable_legacy_bindings_stop_the_server(tmp_path: Path) -> None:
    # Which key owns which name cannot be known: starting would hand names out twice.
    path = tmp_path / "bindings.toml"
    path.write_text("version = 1\n[profiles.alice\n", encoding="utf-8")
    with pytest.raises(ServeError, match="cannot read key bindings"):
        NameStore(tmp_path).load()
    assert path.read_text(encoding="utf-8") == "version = 1\n[profiles.alice\n"


async def test_auth_attempts_are_bounded(tmp_path: Path) -> None:
    async with running_server(tmp_path, max_auth_attempts=2) as server:
        (await connect(server, "alice", make_key())).close()
        await server.names_saved()
        with pytest.raises(asyncssh.DisconnectError, match="too many authentication attempts"):
            await asyncssh.connect(
                "127.0.0.1",
                server.port,
                username="alice",
                client_keys=[make_key() for _ in range(3)],
                known_hosts=None,
                agent_path=None,
                config=[],
            )


async def test_new_connections_per_address_are_bounded(tmp_path: Path) -> None:
    key = make_key()
    async with running_server(tmp_path, connections_per_minute=2) as server:
        for _ in range(2):
            (await connect(server, "alice", key)).close()
        # Closed before the key exchange, without a word: a flood gets nothing to parse.
        with pytest.raises((ConnectionError, asyncssh.ConnectionLost)):
            await connect(server, "alice", key)


async def test_login_timeout_closes_silent_connections(tmp_path: Path) -> None:
    async with running_server(tmp_path, login_timeout=0.3) as server:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        banner = await asyncio.wait_for(reader.readline(), 5)
        assert banner.startswith(b"SSH-2.0-")
        # No reply from us: the server must hang up on its own.
        await asyncio.wait_for(reader.read(), 5)
        assert reader.at_eof()
        writer.close()


def test_connection_rate_window_slides_per_address() -> None:
    rate = ConnectionRate(per_minute=2)
    assert rate.allow("10.0.0.1", 0.0)
    assert rate.allow("10.0.0.1", 1.0)
    assert not rate.allow("10.0.0.1", 2.0)
    # Other addresses have their own allowance.
    assert rate.allow("10.0.0.2", 2.0)
    # A refused attempt does not push the ban further out.
    assert not rate.allow("10.0.0.1", 59.0)
    assert rate.allow("10.0.0.1", 60.5)
    assert not rate.allow("10.0.0.1", 60.6)
    assert rate.allow("10.0.0.1", 61.5)
