"""End to end: the real `backend-tui` app served over SSH, seen through pyte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.ssh import (
    LAUNCHERS,
    connect,
    make_key,
    open_terminal,
    pid_gone,
    running_server,
    wait_until,
)

from backend_tui.cli import main

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
# A cold Textual start on a busy 2-core machine can take several seconds.
STARTUP = 30.0


@LAUNCHERS
async def test_real_app_renders_switches_tabs_resizes_and_quits(
    tmp_path: Path, launcher: str
) -> None:
    async with running_server(tmp_path, launcher=launcher, content_dir=FIXTURE_CONTENT) as server:
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


@LAUNCHERS
async def test_real_app_child_is_ended_when_client_drops(tmp_path: Path, launcher: str) -> None:
    async with running_server(tmp_path, launcher=launcher, content_dir=FIXTURE_CONTENT) as server:
        conn = await connect(server, "bob", make_key())
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "Role" in term.text(), STARTUP)
        (session,) = server.sessions
        assert session.child is not None
        pid = session.child.pid
        conn.abort()
        await wait_until(lambda: pid_gone(pid))
        await wait_until(lambda: not server.sessions)


async def test_drill_answer_is_saved_in_the_learners_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    async with running_server(tmp_path) as server:
        conn = await connect(server, "alice", make_key())
        chan, term = await open_terminal(conn, 100, 30)
        await wait_until(lambda: "Role" in term.text(), STARTUP)
        chan.write(b"5")
        await wait_until(lambda: "Deck" in term.text() and "Review" in term.text())
        chan.write(b"\r")
        await wait_until(lambda: "Card 1 of" in term.text())
        chan.write(b"\r")
        await wait_until(lambda: "Good" in term.text())
        chan.write(b"3")
        await wait_until(lambda: "Card 2 of" in term.text())

        # Saved with the answer, while the session still runs.
        assert main(["stats", "--json", "--data-dir", str(data), "--profile", "alice"]) == 0
        saved = json.loads(capsys.readouterr().out)
        assert saved["reviews_total"] == 1
        assert saved["cards_seen"] == 1
        assert (data / "profiles" / "alice").is_dir()
        assert [p.name for p in (data / "profiles").iterdir()] == ["alice"]

        chan.write(b"q")
        await wait_until(term.closed.is_set)
        conn.close()


async def test_the_learner_sees_whose_progress_they_study(tmp_path: Path) -> None:
    # Logged in as "bob", but the key's entry says profile="bobby": the screen says so.
    key = make_key()
    listed = tmp_path / "class_keys"
    listed.write_text(f'profile="bobby" {key.export_public_key().decode()}', encoding="utf-8")
    async with running_server(
        tmp_path, launcher="fork", authorized_keys=listed, content_dir=FIXTURE_CONTENT
    ) as server:
        conn = await connect(server, "bob", key)
        chan, term = await open_terminal(conn, 80, 24)
        await wait_until(lambda: "Role" in term.text(), STARTUP)
        assert "bobby" in term.screen.display[0]
        chan.write(b"q")
        await wait_until(term.closed.is_set)
        conn.close()


async def test_served_content_cache_stays_out_of_the_learners_profile(tmp_path: Path) -> None:
    """A served app's HOME is its profile folder; its content cache belongs to the server."""
    data = tmp_path / "data"
    async with running_server(tmp_path, content_dir=FIXTURE_CONTENT) as server:
        conn = await connect(server, "alice", make_key())
        chan, term = await open_terminal(conn)
        await wait_until(lambda: "Role" in term.text(), STARTUP)
        chan.write(b"q")
        await wait_until(term.closed.is_set)
        conn.close()
    assert [p.name.startswith("content-") for p in (data / "cache").iterdir()] == [True]
    assert list((data / "profiles" / "alice").rglob("content-*")) == []
