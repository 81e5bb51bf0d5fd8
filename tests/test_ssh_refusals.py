"""Everything but an interactive session is refused, with a message and a
non-zero exit, and never reaches a shell or the app."""

from __future__ import annotations

from pathlib import Path

import asyncssh
import pytest
from helpers.ssh import (
    Terminal,
    connect,
    make_key,
    open_terminal,
    running_server,
    standin_argv,
    wait_until,
)

NO_COMMANDS = "backend-tui: running commands is not allowed here; connect with plain `ssh` to study"


async def test_exec_is_refused(tmp_path: Path) -> None:
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        async with await connect(server, "alice", make_key()) as conn:
            result = await conn.run("id; cat /etc/passwd", check=False)
        assert result.exit_status == 1
        assert result.stderr == NO_COMMANDS + "\n"
        assert result.stdout == ""
        assert not (tmp_path / "data" / "profiles").exists()


async def test_exec_with_pty_is_refused(tmp_path: Path) -> None:
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        async with await connect(server, "alice", make_key()) as conn:
            chan, term = await open_terminal(conn, command="bash")
            await wait_until(term.closed.is_set)
        assert chan.get_exit_status() == 1
        assert term.stderr == NO_COMMANDS.encode() + b"\r\n"
        assert "STANDIN" not in term.text()


async def test_scp_is_refused(tmp_path: Path) -> None:
    key = make_key()
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        async with await connect(server, "alice", key) as conn:
            result = await conn.run("scp -t /tmp", check=False)
            assert result.exit_status == 1
            assert "file transfer (scp, sftp) is not available" in str(result.stderr)
        async with await connect(server, "alice", key) as conn:
            with pytest.raises(asyncssh.SFTPError):
                await asyncssh.scp((conn, "/etc/passwd"), tmp_path / "copy")
        assert not (tmp_path / "copy").exists()


async def test_sftp_subsystem_is_refused(tmp_path: Path) -> None:
    async with (
        running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server,
        await connect(server, "alice", make_key()) as conn,
    ):
        chan, session = await conn.create_session(Terminal, subsystem="sftp", encoding=None)
        await wait_until(session.closed.is_set)
        assert chan.get_exit_status() == 1
        assert session.stderr == (
            b"backend-tui: file transfer (scp, sftp) is not available on this server\n"
        )
        with pytest.raises(asyncssh.Error):
            await conn.start_sftp_client()


async def test_session_without_pty_is_refused(tmp_path: Path) -> None:
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        async with await connect(server, "alice", make_key()) as conn:
            chan, session = await conn.create_session(Terminal, encoding=None)
            await wait_until(session.closed.is_set)
        assert chan.get_exit_status() == 1
        assert (
            session.stderr == b"backend-tui: this server needs a terminal; connect with `ssh -t`\n"
        )
        assert session.raw == b""


async def test_port_forwarding_is_refused(tmp_path: Path) -> None:
    async with (
        running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server,
        await connect(server, "alice", make_key()) as conn,
    ):
        with pytest.raises(asyncssh.ChannelOpenError, match="port forwarding is not allowed"):
            await conn.create_connection(asyncssh.SSHTCPSession, "127.0.0.1", server.port)
        with pytest.raises(asyncssh.ChannelListenError):
            await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", server.port)
        with pytest.raises(asyncssh.ChannelOpenError, match="port forwarding is not allowed"):
            await conn.create_unix_connection(asyncssh.SSHUNIXSession, "/run/docker.sock")


async def test_x11_and_agent_forwarding_are_refused(tmp_path: Path) -> None:
    agent = tmp_path / "agent.sock"
    agent.touch()
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        async with await connect(server, "alice", make_key()) as conn:
            with pytest.raises(asyncssh.ChannelOpenError, match="X11 forwarding request failed"):
                await open_terminal(conn, x11_forwarding=True, x11_display="localhost:0")
        async with await connect(
            server, "bob", make_key(), agent_forwarding=True, agent_path=str(agent)
        ) as conn:
            _chan, term = await open_terminal(conn)
            await wait_until(lambda: "STANDIN" in term.text())
            (server_conn,) = server.connections
            assert server_conn.get_agent_path() is None
            assert "SSH_AUTH_SOCK" not in term.text()
