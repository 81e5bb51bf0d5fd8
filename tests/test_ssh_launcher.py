"""Sessions forked from the launcher: as separate as fresh processes, and a
launcher that dies mid-class costs no running session and no later login."""

from __future__ import annotations

import os
import signal
import textwrap
from pathlib import Path

from helpers.ssh import (
    LAUNCHERS,
    connect,
    make_key,
    open_terminal,
    pid_gone,
    running_server,
    standin_argv,
    wait_until,
)

from backend_tui.ssh.prefork import UNKNOWN_STATUS

# Prints what one session could share with another: descriptors, random state,
# environment, folders, session and terminal, and a module-level value it sets;
# and what it should share, the launcher's warm-up: the app's own style files
# already parsed (looked up without importing anything, so a fresh process says 0).
PROBE = textwrap.dedent(
    """
    import gc, os, random, sys, tty, termios
    tty.setraw(0, termios.TCSANOW)
    def is_open(fd):
        try:
            os.fstat(fd)
        except OSError:
            return False
        return True
    def warm():
        app = sys.modules.get("backend_tui.ui.app")
        rules = app.StudyApp._shared_css_rules if app is not None else None
        # The cache's keys are (css, (path, ...), ...): which .tcss files were parsed.
        parsed = {os.path.basename(str(key[1][0])) for key in (rules or {}).keys()}
        return ",".join(sorted(name for name in parsed if name.endswith(".tcss"))) or "-"
    import backend_tui
    before = getattr(backend_tui, "probe_mark", "-")
    backend_tui.probe_mark = sys.argv[1]
    tty_fd = os.open("/dev/tty", os.O_RDWR)
    os.close(tty_fd)
    fields = [
        "PROBE",
        "FDS=" + ",".join(str(fd) for fd in range(3, 4096) if is_open(fd)),
        "RAND=" + str(random.getrandbits(64)),
        "ENV=" + ",".join(sorted(os.environ)),
        "HOME=" + "/".join(os.environ["HOME"].split("/")[-2:]),
        "CWD=" + "/".join(os.getcwd().split("/")[-2:]),
        "LEADER=" + str(os.getsid(0) == os.getpid() == os.getpgrp()),
        "TTY=" + str(os.ttyname(0) == os.ttyname(1) == os.ttyname(2)),
        "MARK=" + before,
        "PRELOADED=" + str("textual" in sys.modules and gc.get_freeze_count() > 0),
        "WARM=" + warm(),
        "END",
    ]
    sys.stdout.write(" ".join(fields) + "\\r\\n")
    sys.stdout.flush()
    os.read(0, 1)
    """
)


def _fields(text: str) -> dict[str, str]:
    line = next(row for row in text.splitlines() if row.startswith("PROBE"))
    return dict(field.split("=", 1) for field in line.split()[1:-1])


@LAUNCHERS
async def test_two_sessions_share_no_state(tmp_path: Path, launcher: str) -> None:
    script = tmp_path / "probe.py"
    script.write_text(PROBE, encoding="utf-8")
    import sys

    argv = lambda profile: [sys.executable, str(script), profile]  # noqa: E731
    # Wide enough for the probe's one line.
    async with running_server(tmp_path, launcher=launcher, child_argv=argv) as server:
        seen = {}
        for name in ("alice", "bob"):
            conn = await connect(server, name, make_key())
            _chan, term = await open_terminal(conn, columns=400)
            await wait_until(lambda t=term: "END" in t.text())  # type: ignore[misc]
            seen[name] = _fields(term.text())
        forked = {s.child.forked for s in server.sessions if s.child is not None}
        assert forked == {launcher == "fork"}
    alice, bob = seen["alice"], seen["bob"]
    for fields in (alice, bob):
        assert fields["FDS"] == ""
        assert fields["ENV"] == "BACKEND_TUI_CACHE_DIR,HOME,LANG,PATH,TERM"
        assert fields["LEADER"] == "True"
        assert fields["TTY"] == "True"
        assert fields["MARK"] == "-"
        assert fields["PRELOADED"] == str(launcher == "fork")
        # Forked from the warmed launcher: its first run parsed the app's styles.
        warm = "app.tcss,dashboard.tcss,drill.tcss,drill_summary.tcss"
        assert fields["WARM"] == (warm if launcher == "fork" else "-")
    assert (alice["HOME"], alice["CWD"]) == ("profiles/alice", "profiles/alice")
    assert (bob["HOME"], bob["CWD"]) == ("profiles/bob", "profiles/bob")
    assert alice["RAND"] != bob["RAND"]


async def test_launcher_killed_mid_class(tmp_path: Path) -> None:
    async with running_server(
        tmp_path, launcher="fork", child_argv=standin_argv(tmp_path)
    ) as server:
        prefork = server.launcher
        assert prefork is not None and prefork.pid is not None
        conn = await connect(server, "alice", make_key())
        chan, term = await open_terminal(conn)
        await wait_until(lambda: "STANDIN 80x24" in term.text())
        (alice,) = server.sessions
        assert alice.child is not None and alice.child.forked

        first = prefork.pid
        os.kill(first, signal.SIGKILL)
        await wait_until(lambda: pid_gone(first))

        # Alice's app still runs, reads her keys and follows her window.
        chan.write(b"hi")
        await wait_until(lambda: "KEYS=hi" in term.text())
        chan.change_terminal_size(100, 30)
        term.resize(100, 30)
        await wait_until(lambda: "STANDIN 100x30" in term.text())

        # The next learner gets in at once, whether the launcher is back yet or not.
        bob_conn = await connect(server, "bob", make_key())
        _bob_chan, bob_term = await open_terminal(bob_conn)
        await wait_until(lambda: "STANDIN" in bob_term.text())

        # The launcher is started again, and forks the logins after that.
        await wait_until(lambda: prefork.ready and prefork.pid != first, 60)
        assert prefork.restarts == 1
        carol_conn = await connect(server, "carol", make_key())
        _carol_chan, carol_term = await open_terminal(carol_conn)
        await wait_until(lambda: "STANDIN" in carol_term.text())
        carol = next(s for s in server.sessions if s.learner.profile == "carol")
        assert carol.child is not None and carol.child.forked

        # Alice leaves: her session ends; only her exit status is lost with the launcher.
        pid = alice.child.pid
        chan.write(b"q")
        await wait_until(term.closed.is_set)
        assert chan.get_exit_status() == UNKNOWN_STATUS
        await wait_until(lambda: pid_gone(pid))
        for c in (conn, bob_conn, carol_conn):
            c.close()
