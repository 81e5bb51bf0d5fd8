"""Clients that mean harm (or are simply broken) hurt no one: every name is checked
where it enters, pty sizes are bounded, connections that never log in are capped
and closed at once, names are bounded per address, and one key has one name."""

from __future__ import annotations

import asyncio
import logging
import re
import resource
import signal
import sys
import threading
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

from backend_tui.ssh.keys import fingerprint
from backend_tui.ssh.limits import MAX_COLUMNS, MAX_ROWS, clamp_size
from backend_tui.ssh.names import NameStore, release_name

LOG = "backend_tui.ssh"


def _names(tmp_path: Path) -> Path:
    return tmp_path / "data" / "ssh" / "names"


# -- names ------------------------------------------------------------------


async def test_empty_user_name_is_refused_and_saved_nowhere(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # asyncssh never calls begin_auth for "": the key check must refuse it.
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        with pytest.raises(asyncssh.DisconnectError, match="is not allowed"):
            await connect(server, "", make_key())
        await server.names_saved()
        # The server is unharmed: a real learner still gets in.
        conn = await connect(server, "alice", make_key())
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "CWD=profiles/alice" in term.text())
        conn.close()
    assert sorted(p.name for p in _names(tmp_path).iterdir()) == ["alice.toml"]
    assert sorted(p.name for p in (tmp_path / "data" / "profiles").iterdir()) == ["alice"]
    assert "never retrieved" not in caplog.text
    assert "Traceback" not in caplog.text


async def test_bad_legacy_entries_are_reported_and_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    owner = make_key()
    public = owner.export_public_key("openssh").decode().strip()
    folder = tmp_path / "data" / "ssh"
    folder.mkdir(parents=True)
    (folder / "bindings.toml").write_text(
        "version = 1\n"
        f'[profiles.""]\nfingerprint = "SHA256:x"\npublic_key = "{public}"\n'
        f'[profiles."../etc"]\nfingerprint = "SHA256:y"\npublic_key = "{public}"\n'
        '[profiles.nokey]\nbound_at = "2026-01-01"\n'
        f'[profiles.alice]\nfingerprint = "{fingerprint(owner)}"\npublic_key = "{public}"\n',
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, LOG):
        async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
            # alice kept her name: another key is refused, hers gets in.
            with pytest.raises(asyncssh.PermissionDenied):
                await connect(server, "alice", make_key())
            (await connect(server, "alice", owner)).close()
    for bad in ("''", "'../etc'", "'nokey'"):
        assert f"skipping the entry for {bad}" in caplog.text
    assert sorted(p.name for p in _names(tmp_path).iterdir()) == ["alice.toml"]
    assert (folder / "bindings.toml.moved").exists()
    assert not (folder / "bindings.toml").exists()


async def test_unreadable_name_record_locks_the_name_not_the_server(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    names = _names(tmp_path)
    names.mkdir(parents=True)
    (names / "alice.toml").write_text("fingerprint = [", encoding="utf-8")
    async with running_server(tmp_path) as server:
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, "alice", make_key())
        (await connect(server, "bob", make_key())).close()
        await server.names_saved()
    assert "alice.toml" in caplog.text
    assert (names / "alice.toml").read_text(encoding="utf-8") == "fingerprint = ["


async def test_one_name_per_key(tmp_path: Path) -> None:
    key = make_key()
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        (await connect(server, "alice", key)).close()
        await server.names_saved()
        conn = await connect(server, "carol", key)
        chan, term = await open_terminal(conn)
        await wait_until(term.closed.is_set)
        assert chan.get_exit_status() == 1
        assert term.stderr.decode() == (
            "backend-tui: your key already belongs to the name 'alice'; log in as alice"
            " (a key has one name on this server; ask your teacher to free it).\r\n"
        )
        assert "STANDIN" not in term.text()
        # Its own name still works.
        conn = await connect(server, "alice", key)
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "CWD=profiles/alice" in term.text())
        conn.close()
    assert sorted(p.name for p in _names(tmp_path).iterdir()) == ["alice.toml"]
    assert not (tmp_path / "data" / "profiles" / "carol").exists()


async def test_a_key_without_a_session_is_told_too(tmp_path: Path) -> None:
    key = make_key()
    async with running_server(tmp_path, login_timeout=1) as server:
        (await connect(server, "alice", key)).close()
        await server.names_saved()
        lost: list[Exception | None] = []

        class Client(asyncssh.SSHClient):
            def connection_lost(self, exc: Exception | None) -> None:
                lost.append(exc)

        conn = await connect(server, "carol", key, client_factory=Client)
        await asyncio.wait_for(conn.wait_closed(), 10)
    assert len(lost) == 1 and isinstance(lost[0], asyncssh.DisconnectError)
    assert "your key already belongs to the name 'alice'" in str(lost[0])
    assert not (_names(tmp_path) / "carol.toml").exists()


async def test_release_while_the_server_runs(tmp_path: Path) -> None:
    first, second = make_key(), make_key()
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        (await connect(server, "alice", first)).close()
        await server.names_saved()
        assert await asyncio.to_thread(release_name, tmp_path / "data", "alice")
        assert not await asyncio.to_thread(release_name, tmp_path / "data", "alice")
        # The name is free for another key, and the first key may take a new name.
        (await connect(server, "alice", second)).close()
        await server.names_saved()
        conn = await connect(server, "alicia", first)
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "CWD=profiles/alicia" in term.text())
        conn.close()
    saved = tomllib.loads((_names(tmp_path) / "alice.toml").read_text(encoding="utf-8"))
    assert saved["fingerprint"] == fingerprint(second)


async def test_new_names_per_address_per_hour(tmp_path: Path) -> None:
    keys = [make_key() for _ in range(3)]
    async with running_server(
        tmp_path, names_per_hour=2, child_argv=standin_argv(tmp_path)
    ) as server:
        for number, key in enumerate(keys[:2]):
            (await connect(server, f"learner{number}", key)).close()
        await server.names_saved()
        conn = await connect(server, "learner2", keys[2])
        chan, term = await open_terminal(conn)
        await wait_until(term.closed.is_set)
        assert chan.get_exit_status() == 1
        assert b"too many new names were taken from your address this hour" in term.stderr
        # Logging in again with a name one already has is not a new name.
        conn = await connect(server, "learner0", keys[0])
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "CWD=profiles/learner0" in term.text())
        conn.close()
    assert sorted(p.stem for p in _names(tmp_path).iterdir()) == ["learner0", "learner1"]


def test_name_store_claims_race_safely_and_touch_one_file(tmp_path: Path) -> None:
    store = NameStore(tmp_path)
    store.load()
    keys = [make_key() for _ in range(8)]
    for number in range(200):
        assert store.claim(f"old{number}", make_key()) is None
    before = {p.name: p.stat().st_mtime_ns for p in store.names_dir.iterdir()}

    results: list[object] = [...] * len(keys)
    barrier = threading.Barrier(len(keys))

    def race(number: int) -> None:
        barrier.wait()
        results[number] = store.claim("alice", keys[number])

    threads = [threading.Thread(target=race, args=(number,)) for number in range(len(keys))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results.count(None) == 1
    after = {p.name: p.stat().st_mtime_ns for p in store.names_dir.iterdir()}
    # One claim wrote one file; no other binding was rewritten.
    assert set(after) - set(before) == {"alice.toml"}
    assert all(after[name] == stamp for name, stamp in before.items())

    # A second store (another process) sees the same names and the same owner.
    again = NameStore(tmp_path)
    again.load()
    winner = next(k for k, r in zip(keys, results, strict=True) if r is None)
    binding = again.get("alice")
    assert binding is not None and binding.fingerprint == fingerprint(winner)
    assert again.name_for(fingerprint(winner)) == "alice"


async def test_claims_are_saved_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    real = NameStore.claim

    def spy(self: NameStore, *args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread().name)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(NameStore, "claim", spy)
    async with running_server(tmp_path) as server:
        (await connect(server, "alice", make_key())).close()
        await server.names_saved()
    assert len(threads) == 1
    assert threads[0] != threading.main_thread().name


# -- terminal sizes ---------------------------------------------------------


def test_clamp_size_never_lets_nonsense_through() -> None:
    assert clamp_size(80, 24) == (80, 24)
    assert clamp_size(0, 0) == (80, 24)
    assert clamp_size(-5, 10**9) == (80, MAX_ROWS)
    assert clamp_size(65536, 65536) == (MAX_COLUMNS, MAX_ROWS)


async def test_huge_pty_sizes_are_clamped_on_request_and_resize(tmp_path: Path) -> None:
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        conn = await connect(server, "alice", make_key())
        chan, term = await open_terminal(conn, 65535, 65535)
        term.resize(MAX_COLUMNS, MAX_ROWS)
        await wait_until(lambda: f"STANDIN {MAX_COLUMNS}x{MAX_ROWS}" in term.text())
        chan.change_terminal_size(100, 30)
        await wait_until(lambda: "STANDIN 100x30" in term.text())
        # Beyond 65535 used to raise struct.error in the server.
        chan.change_terminal_size(70000, 4_000_000)
        await wait_until(lambda: f"STANDIN {MAX_COLUMNS}x{MAX_ROWS}" in term.text())
        chan.change_terminal_size(0, 0)
        chan.change_terminal_size(120, 40)
        await wait_until(lambda: "STANDIN 120x40" in term.text())
        chan.write(b"q")
        await wait_until(term.closed.is_set)
        assert chan.get_exit_status() == 0
        conn.close()


# -- connections that never log in ------------------------------------------


async def _half_open(port: int, source: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A connection that reads the server's banner and then says nothing."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
    return reader, writer


async def _closed_soon(reader: asyncio.StreamReader) -> None:
    """Fails (TimeoutError) unless the server hangs up well before any login timeout."""
    try:
        data = await asyncio.wait_for(reader.read(), 10)
    except ConnectionError:
        return
    assert not data.startswith(b"SSH-"), "a turned-away connection got as far as a banner"


async def test_pending_logins_are_capped_per_address_and_in_total(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, LOG)
    # The login timeout is far beyond the test: what is closed is closed by the caps.
    async with running_server(
        tmp_path,
        pending_per_address=3,
        pending_total=5,
        login_timeout=600,
        child_argv=standin_argv(tmp_path),
    ) as server:
        held = [await _half_open(server.port, "127.0.0.2") for _ in range(3)]
        await wait_until(lambda: server.logging_in == 3)
        extra = [await _half_open(server.port, "127.0.0.2") for _ in range(20)]
        for reader, _writer in extra:
            await _closed_soon(reader)
        assert server.logging_in == 3
        assert len(server.connections) == 3

        # Another address has its own allowance, up to the total.
        held += [await _half_open(server.port, "127.0.0.3") for _ in range(2)]
        await wait_until(lambda: server.logging_in == 5)
        reader, _writer = await _half_open(server.port, "127.0.0.4")
        await _closed_soon(reader)

        # A learner gets in as soon as a slot is free, and logging in frees it.
        held[0][1].close()
        await wait_until(lambda: server.logging_in == 4)
        conn = await connect(server, "alice", make_key(), local_addr=("127.0.0.4", 0))
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "STANDIN" in term.text())
        assert server.logging_in == 4
        conn.close()
        for _reader, writer in held[1:]:
            writer.close()
        await wait_until(lambda: server.logging_in == 0)
    # A flood of refusals is a line a minute per address, not a line each.
    turned_away = [r for r in caplog.records if "turned away" in r.getMessage()]
    assert [r.getMessage().split(" reason=")[0] for r in turned_away] == [
        "turned away addr=127.0.0.2",
        "turned away addr=127.0.0.4",
    ]
    assert sum(r.getMessage().startswith("connect addr=127.0.0.2") for r in caplog.records) == 3


async def test_event_loop_errors_are_logged_once_a_minute_without_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with running_server(tmp_path):
        loop = asyncio.get_running_loop()
        handler = loop.get_exception_handler()
        assert handler is not None
        error = OSError(24, "Too many open files")
        for _ in range(1000):
            handler(loop, {"message": "socket.accept() out of system resource", "exception": error})
    lines = [r for r in caplog.records if "out of system resource" in r.getMessage()]
    assert len(lines) == 1
    assert lines[0].exc_info is None
    assert "Too many open files" in lines[0].getMessage()
    # The test's own loop gets its handler back.
    assert asyncio.get_running_loop().get_exception_handler() is None


FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


def _few_descriptors() -> None:
    # Runs in the server process before it starts: a soft limit a flood can reach.
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))


async def test_out_of_descriptors_is_one_line_not_a_traceback_per_accept(tmp_path: Path) -> None:
    """With the caps lifted, a flood runs the server out of descriptors: the
    accept loop's error is logged once, and the server recovers once it ends."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "backend_tui", "serve", "--port", "0", "--launcher", "exec",
        "--data-dir", str(tmp_path / "data"), "--content", str(FIXTURE_CONTENT),
        "--max-unauthenticated", "1000", "--max-unauthenticated-per-address", "1000",
        "--connections-per-minute", "100000",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        preexec_fn=_few_descriptors,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    flood: list[asyncio.StreamWriter] = []
    try:
        out = b""
        while b"stop with" not in out:
            line = await asyncio.wait_for(proc.stdout.readline(), 60)
            assert line, "the server did not start"
            out += line
        match = re.search(rb"listening on 127\.0\.0\.1:(\d+)", out)
        assert match is not None
        port = int(match.group(1))
        for _ in range(90):
            _reader, writer = await _half_open(port, "127.0.0.2")
            flood.append(writer)
        # asyncio retries a failed accept every second: let it fail a few times.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 3.5
        while loop.time() < deadline:
            await asyncio.sleep(0.1)
        for writer in flood:
            writer.close()
        flood.clear()

        class Port:
            pass

        Port.port = port  # type: ignore[attr-defined]
        # Recovered: a learner's login gets all the way to the refusal of a command.
        conn = await asyncio.wait_for(connect(Port, "alice", make_key()), 60)  # type: ignore[arg-type]
        async with conn:
            result = await conn.run("ls", check=False)
        assert result.exit_status == 1
    finally:
        for writer in flood:
            writer.close()
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 60)
    log = (await proc.stderr.read()).decode()
    assert "Traceback" not in log
    assert log.count("out of system resource") == 1, log[-3000:]
    assert "Too many open files" in log


async def test_refused_logins_are_logged_once_a_minute_per_address(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, LOG)
    async with running_server(tmp_path) as server:
        (await connect(server, "alice", make_key())).close()
        await server.names_saved()
        for _ in range(5):
            with pytest.raises(asyncssh.PermissionDenied):
                await asyncssh.connect(
                    "127.0.0.1", server.port, username="alice",
                    client_keys=[make_key() for _ in range(3)],
                    known_hosts=None, agent_path=None, config=[],
                )  # fmt: skip
        # Another address is logged on its own.
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, "alice", make_key(), local_addr=("127.0.0.2", 0))
    refused = [r.getMessage() for r in caplog.records if r.getMessage().startswith("auth refused")]
    assert len(refused) == 2, refused
    assert "reason=name bound to another key" in refused[0]
    assert "addr=127.0.0.2:" in refused[1]


async def test_a_whole_class_behind_one_address_logs_in_at_once(tmp_path: Path) -> None:
    # A classroom behind one NAT router: 50 learners connect in the same moment
    # from one address, with the server's default limits.
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        logins = await asyncio.gather(
            *(connect(server, f"learner{i:02d}", make_key()) for i in range(50)),
            return_exceptions=True,
        )
        refused = [x for x in logins if isinstance(x, BaseException)]
        assert refused == []
        assert len(server.connections) == 50
        for conn in logins:
            assert isinstance(conn, asyncssh.SSHClientConnection)
            conn.close()
