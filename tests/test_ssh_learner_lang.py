"""What the server writes on a learner's terminal is in the learner's language:
their saved choice (``l`` in the app), else the server's ``--lang``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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

from backend_tui.reports import said

NO_COMMANDS = {
    "en": "backend-tui: running commands is not allowed here; connect with plain `ssh` to study\n",
    "id": (
        "backend-tui: menjalankan perintah tidak diizinkan di sini;"
        " masuk dengan `ssh` biasa untuk belajar\n"
    ),
}
NO_TERMINAL = {
    "en": b"backend-tui: this server needs a terminal; connect with `ssh -t`\n",
    "id": b"backend-tui: server ini memerlukan terminal; masuk dengan `ssh -t`\n",
}
GOODBYE = {
    "en": b"backend-tui: the server is shutting down; your progress is saved. Goodbye.\r\n",
    "id": (
        b"backend-tui: server sedang dimatikan; progres belajarmu sudah tersimpan."
        b" Sampai jumpa.\r\n"
    ),
}


def _serving(tmp_path: Path, lang: str, **overrides: Any) -> Any:
    return running_server(tmp_path, lang=lang, tell=said, **overrides)


def _chose(tmp_path: Path, profile: str, content: bytes) -> Path:
    folder = tmp_path / "data" / "profiles" / profile
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "preferences.toml").write_bytes(content)
    return folder / "preferences.toml"


async def _no_pty_refusal(server: Any, name: str) -> bytes:
    async with await connect(server, name, make_key()) as conn:
        chan, session = await conn.create_session(Terminal, encoding=None)
        await wait_until(session.closed.is_set)
    assert chan.get_exit_status() == 1
    return session.stderr


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_refusals_are_in_the_servers_language(tmp_path: Path, lang: str) -> None:
    async with _serving(tmp_path, lang, child_argv=standin_argv(tmp_path)) as server:
        key = make_key()
        async with await connect(server, "alice", key) as conn:
            result = await conn.run("ls", check=False)
        async with await connect(server, "alice", key) as conn:
            sftp = await conn.run("scp -t /tmp", check=False)
        assert result.exit_status == 1
        assert result.stderr == NO_COMMANDS[lang]
        transfer = {"en": "file transfer (scp, sftp) is not available", "id": "transfer file"}
        assert transfer[lang] in str(sftp.stderr)
        assert await _no_pty_refusal(server, "bob") == NO_TERMINAL[lang]


async def test_a_learners_own_choice_wins_over_the_servers(tmp_path: Path) -> None:
    _chose(tmp_path, "ina", b'lang = "id"\n')
    _chose(tmp_path, "ed", b'lang = "en"\n')
    async with _serving(tmp_path, "en") as server:
        assert await _no_pty_refusal(server, "ina") == NO_TERMINAL["id"]
        assert await _no_pty_refusal(server, "newcomer") == NO_TERMINAL["en"]
    async with _serving(tmp_path, "id") as server:
        assert await _no_pty_refusal(server, "ed") == NO_TERMINAL["en"]


@pytest.mark.parametrize(
    "content",
    [b"lang = \xff\xfe", b"lang = [", b"lang = " + b"[" * 5000, b'lang = "fr"\n', b"lang = 3\n"],
)
async def test_a_damaged_choice_is_the_servers_language_and_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    file = _chose(tmp_path, "ina", content)
    async with _serving(tmp_path, "id") as server:
        assert await _no_pty_refusal(server, "ina") == NO_TERMINAL["id"]
    # Saying a message never moves the learner's file aside: the app reports it.
    assert file.read_bytes() == content


async def test_goodbyes_follow_each_learner(tmp_path: Path) -> None:
    _chose(tmp_path, "ina", b'lang = "id"\n')
    async with _serving(tmp_path, "en", child_argv=standin_argv(tmp_path)) as server:
        terms = []
        for name in ("ina", "ed"):
            conn = await connect(server, name, make_key())
            terms.append((await open_terminal(conn))[1])
        await wait_until(lambda: all("STANDIN" in t.text() for t in terms))
        await server.stop()
        for term in terms:
            await wait_until(term.closed.is_set)
    assert terms[0].stderr.endswith(GOODBYE["id"])
    assert terms[1].stderr.endswith(GOODBYE["en"])


async def test_idle_goodbye_in_indonesian(tmp_path: Path) -> None:
    argv = standin_argv(tmp_path)
    async with _serving(tmp_path, "id", child_argv=argv, idle_timeout=0.3) as server:
        chan, term = await open_terminal(await connect(server, "dana", make_key()))
        await wait_until(term.closed.is_set)
    assert term.stderr.endswith(
        b"backend-tui: tidak ada tombol yang ditekan selama 0.3 detik;"
        b" progres belajarmu sudah tersimpan. Sampai jumpa.\r\n"
    )
    assert chan.get_exit_status() == 0


async def test_a_taken_name_is_said_in_the_servers_language(tmp_path: Path) -> None:
    banners: list[str] = []

    class Client(asyncssh.SSHClient):
        def auth_banner_received(self, msg: str, lang: str) -> None:
            banners.append(msg)

    # The owner's choice is theirs, not the language of whoever tries their name.
    _chose(tmp_path, "alice", b'lang = "en"\n')
    async with _serving(tmp_path, "id") as server:
        (await connect(server, "alice", make_key())).close()
        await server.names_saved()
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, "alice", make_key(), client_factory=Client)
    assert banners == [
        "backend-tui: nama 'alice' milik kunci lain; masuk dengan namamu sendiri.\r\n"
    ]


async def test_a_key_with_a_name_is_told_in_the_servers_language(tmp_path: Path) -> None:
    key = make_key()
    async with _serving(tmp_path, "id") as server:
        (await connect(server, "alice", key)).close()
        await server.names_saved()
        async with await connect(server, "carol", key) as conn:
            chan, term = await open_terminal(conn)
            await wait_until(term.closed.is_set)
    assert chan.get_exit_status() == 1
    assert term.stderr.startswith(
        b"backend-tui: kuncimu sudah terikat ke nama 'alice'; masuk sebagai alice"
    )
