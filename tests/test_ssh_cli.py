"""`backend-tui serve` as people run it: the command line, a real server process
stopped by SIGTERM, and the OpenSSH client."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import stat
import sys
from pathlib import Path

import pytest
from helpers.ssh import (
    connect,
    make_key,
    open_terminal,
    pid_gone,
    running_server,
    standin_argv,
    wait_until,
)

from backend_tui.cli import build_parser, main
from backend_tui.ssh.cli import bind_warning, config_from_args
from backend_tui.ssh.config import ServeConfig

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
STARTUP = 30.0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--port", "70000"], "--port must be 0-65535"),
        (["--max-sessions", "0"], "--max-sessions must be at least 1"),
        (["--idle-timeout", "0"], "--idle-timeout must be more than 0"),
        (["--login-timeout", "nan"], "--login-timeout must be more than 0"),
        (["--max-unauthenticated", "0"], "--max-unauthenticated must be at least 1"),
        (["--max-unauthenticated-per-address", "-1"], "per-address must be at least 1"),
        (["--connections-per-minute", "0"], "--connections-per-minute must be at least 1"),
        (["--names-per-hour", "0"], "--names-per-hour must be at least 1"),
        (["--content", "{tmp}/nowhere"], "no such content folder"),
        (["--authorized-keys", "{tmp}/missing"], "cannot read authorized keys"),
    ],
)
def test_bad_options_give_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code = main(["serve", "--data-dir", str(tmp_path / "data"), "--port", "0", *args])
    assert code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def _serve_parser() -> argparse.ArgumentParser:
    parser = build_parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    serve: argparse.ArgumentParser = commands.choices["serve"]
    return serve


def test_every_serve_option_has_help() -> None:
    serve = _serve_parser()
    for action in serve._actions:
        assert action.help and action.help != argparse.SUPPRESS, action.option_strings
    text = serve.format_help()
    for flag in ("--max-sessions", "--idle-timeout", "--login-timeout", "--names-per-hour"):
        assert flag in text


def test_serve_defaults_are_the_servers_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    args = build_parser().parse_args(["serve", "--data-dir", str(tmp_path)])
    assert config_from_args(args) == ServeConfig(data_dir=tmp_path.resolve())


@pytest.mark.parametrize(
    ("argv", "locale", "expected"),
    [
        (["--lang", "id"], "en_US.UTF-8", "id"),
        (["--lang", "en"], "id_ID.UTF-8", "en"),
        ([], "id_ID.UTF-8", "id"),
        ([], "C.UTF-8", "en"),
    ],
)
def test_serve_lang_sets_the_language_new_learners_start_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], locale: str, expected: str
) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", locale)
    args = build_parser().parse_args(["serve", "--data-dir", str(tmp_path), *argv])
    assert config_from_args(args).lang == expected


SERVE = "backend-tui serve: "


@pytest.mark.parametrize(
    ("argv", "lines"),
    [
        (["--port", "70000"], [SERVE + "--port harus 0-65535, bukan 70000"]),
        (["--names-per-hour", "0"], [SERVE + "--names-per-hour paling sedikit 1"]),
        (["--idle-timeout", "0"], [SERVE + "--idle-timeout harus lebih dari 0 detik"]),
        (
            ["--content", "{tmp}/nowhere"],
            [
                "{tmp}/nowhere:1: folder konten tidak ada: berikan folder yang berisi id/ dan en/",
                "1 masalah di {tmp}/nowhere",
            ],
        ),
        (
            ["--authorized-keys", "{tmp}/missing"],
            [
                SERVE + "daftar kunci yang diizinkan {tmp}/missing tidak bisa dibaca:"
                " file atau folder tidak ada"
            ],
        ),
        (
            ["--authorized-keys", "{tmp}/keys"],
            [
                SERVE + "{tmp}/keys:1: formatnya harus 'key-type base64-key profile'",
                SERVE + "{tmp}/keys:2: nama profil 'a/b' tidak diizinkan: pakai 1-64 huruf,"
                " angka, '.', '_' atau '-', diawali huruf atau angka",
            ],
        ),
    ],
)
def test_bad_options_in_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], lines: list[str]
) -> None:
    key = make_key().export_public_key().decode().split()
    (tmp_path / "keys").write_text(f"nonsense\n{key[0]} {key[1]} a/b\n", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    data = ["--data-dir", str(tmp_path / "data"), "--port", "0"]
    assert main(["serve", "--lang", "id", *data, *args]) == 2
    expected = [line.replace("{tmp}", str(tmp_path)) for line in lines]
    assert capsys.readouterr().err.splitlines() == expected


async def test_greeting_in_indonesian(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "backend_tui", "serve", "--port", "0", "--lang", "id",
        "--data-dir", str(data), "--content", str(FIXTURE_CONTENT),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None
    try:
        out = bytearray()
        await asyncio.wait_for(_read_until(proc.stdout, b"(atau SIGTERM)\n", out), STARTUP)
        lines = out.decode().splitlines()
        match = re.fullmatch(r"backend-tui serve: menerima koneksi di 127\.0\.0\.1:(\d+)", lines[0])
        assert match is not None, lines
        key = data / "ssh" / "host_ed25519_key"
        assert re.fullmatch(rf"  kunci host SHA256:\S+ \({re.escape(str(key))}, baru\)", lines[1])
        assert lines[2:] == [
            f"  progres di {data}",
            f"pelajar masuk dengan:  ssh -p {match[1]} NAME@127.0.0.1",
            "  NAME adalah profil mereka; kunci pertama yang masuk dengan sebuah nama menjadi"
            " pemiliknya",
            "hentikan dengan Ctrl-C (atau SIGTERM)",
        ]
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 30) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


def test_port_in_use_in_indonesian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--lang", "id", "--data-dir", str(tmp_path), "--port", str(port)])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{SERVE}tidak bisa menerima koneksi di 127.0.0.1:{port}: alamatnya sudah dipakai"
    ]


def test_port_in_use_gives_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--data-dir", str(tmp_path), "--port", str(port)])
    assert code == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("host", "warns"),
    [
        ("127.0.0.1", False),
        ("::1", False),
        ("localhost", False),
        ("0.0.0.0", True),
        ("192.168.1.5", True),
        ("::", True),
        ("school.example", True),
    ],
)
def test_binding_beyond_loopback_warns(host: str, warns: bool) -> None:
    warning = bind_warning(host)
    assert (warning is not None) == warns
    if warning:
        assert host in warning


async def _read_until(stream: asyncio.StreamReader, pattern: bytes, buffer: bytearray) -> None:
    while pattern not in buffer:
        chunk = await stream.read(4096)
        if not chunk:
            raise AssertionError(f"{pattern!r} never came; got {bytes(buffer)[-500:]!r}")
        buffer += chunk


async def test_server_process_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "backend_tui", "serve", "--port", "0",
        "--data-dir", str(data), "--content", str(FIXTURE_CONTENT),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    try:
        out = bytearray()
        await asyncio.wait_for(_read_until(proc.stdout, b"stop with", out), STARTUP)
        match = re.search(rb"listening on 127\.0\.0\.1:(\d+)", out)
        assert match is not None
        assert b"ssh -p " + match.group(1) + b" NAME@127.0.0.1" in out
        key_file = data / "ssh" / "host_ed25519_key"
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600

        class Port:
            port = int(match.group(1))

        conn = await connect(Port, "alice", make_key())  # type: ignore[arg-type]
        chan, term = await open_terminal(conn)
        await wait_until(lambda: "Role" in term.text(), STARTUP)

        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 30) == 0
        await wait_until(term.closed.is_set)
        assert b"the server is shutting down; your progress is saved." in term.stderr
        assert chan.get_exit_status() is not None
        conn.close()
        log = (await proc.stderr.read()).decode()
        for event in ("connect addr=127.0.0.1", "auth ok user='alice'", "session start",
                      "term=xterm-256color size=80x24", "session end", "stopped"):  # fmt: skip
            assert event in log
        pid = re.search(r"session start .* pid=(\d+)", log)
        assert pid is not None
        assert pid_gone(int(pid.group(1)))
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


SSH = shutil.which("ssh")


def _ssh_argv(key_file: Path, port: int, *extra: str) -> list[str]:
    assert SSH is not None
    return [
        SSH, "-F", "/dev/null", "-i", str(key_file), "-p", str(port),
        "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "LogLevel=ERROR", *extra,
    ]  # fmt: skip


@pytest.mark.skipif(SSH is None, reason="OpenSSH client (ssh) is not installed")
async def test_openssh_client_smoke(tmp_path: Path) -> None:
    key = make_key()
    key_file = tmp_path / "id_ed25519"
    key_file.write_bytes(key.export_private_key())
    os.chmod(key_file, 0o600)
    async with running_server(tmp_path, content_dir=FIXTURE_CONTENT) as server:
        proc = await asyncio.create_subprocess_exec(
            *_ssh_argv(key_file, server.port, "-tt", "alice@127.0.0.1"),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        assert proc.stdin is not None and proc.stdout is not None
        out = bytearray()
        await asyncio.wait_for(_read_until(proc.stdout, b"Career", out), STARTUP)
        proc.stdin.write(b"q")
        await proc.stdin.drain()
        assert await asyncio.wait_for(proc.wait(), 30) == 0

        refused = await asyncio.create_subprocess_exec(
            *_ssh_argv(key_file, server.port, "alice@127.0.0.1", "cat", "/etc/passwd"),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        stdout, stderr = await asyncio.wait_for(refused.communicate(), 30)
        assert refused.returncode == 1
        assert stdout == b""
        assert b"backend-tui: running commands is not allowed here" in stderr


@pytest.mark.skipif(SSH is None, reason="OpenSSH client (ssh) is not installed")
async def test_openssh_client_without_tty_is_refused(tmp_path: Path) -> None:
    key = make_key()
    key_file = tmp_path / "id_ed25519"
    key_file.write_bytes(key.export_private_key())
    os.chmod(key_file, 0o600)
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        refused = await asyncio.create_subprocess_exec(
            *_ssh_argv(key_file, server.port, "-T", "alice@127.0.0.1"),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(refused.communicate(), 30)
        assert refused.returncode == 1
        assert b"backend-tui: this server needs a terminal" in stderr


_OPTIONS = [
    "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
]  # fmt: skip


async def _run(*argv: str) -> tuple[int, str]:
    """Exit status and stderr of one OpenSSH command, stdin at end of file."""
    proc = await asyncio.create_subprocess_exec(
        *argv,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode is not None
    return proc.returncode, stderr.decode()


@pytest.mark.skipif(
    SSH is None or shutil.which("scp") is None or shutil.which("sftp") is None,
    reason="OpenSSH clients (ssh, scp, sftp) are not installed",
)
async def test_openssh_exit_statuses_match_the_docs(tmp_path: Path) -> None:
    """The statuses docs/serving.md gives, as OpenSSH 9 reports them."""
    key = make_key()
    key_file = tmp_path / "id_ed25519"
    key_file.write_bytes(key.export_private_key())
    os.chmod(key_file, 0o600)
    transfer = "backend-tui: file transfer (scp, sftp) is not available on this server"
    async with running_server(
        tmp_path, child_argv=standin_argv(tmp_path), idle_timeout=1.0
    ) as server:
        port = str(server.port)
        copy_to = str(tmp_path / "copy")
        scp = [shutil.which("scp") or "scp", *_OPTIONS, "-i", str(key_file), "-P", port]
        sftp = [shutil.which("sftp") or "sftp", *_OPTIONS, "-i", str(key_file), "-P", port]
        # scp in its default (SFTP) mode and sftp: the message, then OpenSSH's 255.
        status, err = await _run(*scp, "alice@127.0.0.1:/etc/passwd", copy_to)
        assert (status, transfer in err) == (255, True)
        status, err = await _run(*sftp, "alice@127.0.0.1")
        assert (status, transfer in err) == (255, True)
        # Legacy scp (-O) runs a command: our own status 1.
        status, err = await _run(*scp, "-O", "alice@127.0.0.1:/etc/passwd", copy_to)
        assert (status, transfer in err) == (1, True)
        assert not (tmp_path / "copy").exists()

        # A second name for the same key, with nothing on stdin: told, not left hanging.
        status, err = await _run(*_ssh_argv(key_file, server.port, "-tt", "carol@127.0.0.1"))
        assert status == 1
        assert "your key already belongs to the name 'alice'" in err

        # Idle logout: a goodbye line and status 0, not 143.
        status, err = await _run(*_ssh_argv(key_file, server.port, "-tt", "alice@127.0.0.1"))
        assert status == 0
        assert err.endswith("your progress is saved. Goodbye.\r\n")

        # Another key asking for a taken name: refused by OpenSSH itself, 255.
        other = tmp_path / "other_key"
        other.write_bytes(make_key().export_private_key())
        os.chmod(other, 0o600)
        status, err = await _run(*_ssh_argv(other, server.port, "-tt", "alice@127.0.0.1"))
        assert status == 255
        assert "Permission denied (publickey)" in err
