"""End to end: the real `backend-tui` app served over SSH, seen through pyte."""

from __future__ import annotations

from pathlib import Path

from test_ssh_support import (
    connect,
    make_key,
    open_terminal,
    pid_gone,
    running_server,
    wait_until,
)

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
# A cold Textual start on a busy 2-core machine can take several seconds.
STARTUP = 30.0


async def test_real_app_renders_switches_tabs_resizes_and_quits(tmp_path: Path) -> None:
    async with running_server(tmp_path, content_dir=FIXTURE_CONTENT) as server:
        conn = await connect(server, "alice", make_key())
        chan, term = await open_terminal(conn, 80, 24)
        await wait_until(lambda: "Role" in term.text() and "Duties" in term.text(), STARTUP)
        (session,) = server.sessions
        assert session.child is not None
        pid = session.child.pid

        chan.write(b"2")
        await wait_until(lambda: "Seven duties of a backend engineer" in term.text())
        assert "Design and manage servers" in term.text()

        # The app lays itself out again for the new size: the footer moves to
        # the last row and the header spans the wider screen.
        chan.change_terminal_size(120, 40)
        term.resize(120, 40)
        await wait_until(
            lambda: "Quit" in term.screen.display[39] and len(term.screen.display[0].rstrip()) > 80
        )

        chan.write(b"q")
        await wait_until(term.closed.is_set)
        assert chan.get_exit_status() == 0
        assert term.stderr == b""
        await wait_until(lambda: pid_gone(pid))
        conn.close()


async def test_real_app_child_is_ended_when_client_drops(tmp_path: Path) -> None:
    async with running_server(tmp_path, content_dir=FIXTURE_CONTENT) as server:
        conn = await connect(server, "bob", make_key())
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "Role" in term.text(), STARTUP)
        (session,) = server.sessions
        assert session.child is not None
        pid = session.child.pid
        conn.abort()
        await wait_until(lambda: pid_gone(pid))
        await wait_until(lambda: not server.sessions)
