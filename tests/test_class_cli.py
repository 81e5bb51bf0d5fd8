"""`backend-tui class list` and `class release`: a class of three, as JSON, CSV and a
table; reading changes nothing; a name freed while the server runs is free at once."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import asyncssh
import pytest
from helpers.classroom import class_of_three
from helpers.ssh import (
    connect,
    make_key,
    open_terminal,
    running_server,
    standin_argv,
    wait_until,
)
from helpers.study import FIXTURE

from backend_tui.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["class", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(root.rglob("*"))
    }


def test_list_json_has_the_keys_of_stats_plus_three(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prints = class_of_three(tmp_path)
    before = _tree(tmp_path)
    code, out, err = _run(
        capsys, "list", "--json", "--data-dir", str(tmp_path), "--content", str(FIXTURE)
    )
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [r["profile"] for r in rows] == ["alice", "bob", "carol"]

    assert main(["stats", "--json", "--data-dir", str(tmp_path), "--profile", "alice",
                 "--content", str(FIXTURE)]) == 0  # fmt: skip
    stats = json.loads(capsys.readouterr().out)
    alice, bob, carol = rows
    assert set(alice) == set(stats) | {"profile", "last_seen", "fingerprint"}
    assert {k: v for k, v in alice.items() if k in stats} == stats

    assert (alice["reviews_total"], bob["reviews_total"], carol["reviews_total"]) == (2, 1, 0)
    assert alice["decks"]["role"]["best_quiz_score"] == 50.0
    assert (alice["fingerprint"], bob["fingerprint"], carol["fingerprint"]) == (
        prints["alice"],
        prints["bob"],
        None,
    )
    assert alice["last_seen"] is not None and carol["last_seen"] is None
    # Only read: not a file created, changed or locked.
    assert _tree(tmp_path) == before
    assert not (tmp_path / "profiles" / "carol" / "lock").exists()


def test_list_csv_one_line_per_learner(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prints = class_of_three(tmp_path)
    code, out, err = _run(
        capsys, "--data-dir", str(tmp_path), "--content", str(FIXTURE), "list", "--csv"
    )
    assert (code, err) == (0, "")
    lines = list(csv.DictReader(io.StringIO(out)))
    assert [line["profile"] for line in lines] == ["alice", "bob", "carol"]
    alice = lines[0]
    assert alice["fingerprint"] == prints["alice"]
    assert alice["reviews_total"] == "2"
    assert alice["role best_quiz_score"] == alice["role last_quiz_score"] == "50.0"
    assert lines[2]["duties mastery"] == "0.0" and lines[2]["fingerprint"] == ""


def test_list_table_names_every_learner(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    class_of_three(tmp_path)
    code, out, _err = _run(capsys, "list", "--data-dir", str(tmp_path), "--content", str(FIXTURE))
    assert code == 0
    assert "3 learners" in out
    for name in ("alice", "bob", "carol"):
        assert name in out


def test_list_table_in_indonesian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    class_of_three(tmp_path)
    where = ["--data-dir", str(tmp_path), "--content", str(FIXTURE)]
    code, out, _err = _run(capsys, "--lang", "id", "list", *where)
    assert code == 0
    assert "3 pelajar" in out and "per dek: penguasaan, lalu skor kuis terbaik/terakhir" in out
    for heading in ("Pelajar", "Kunci", "Ulasan", "Beruntun"):
        assert heading in out
    assert "learners" not in out and "Profile" not in out and "Reviews" not in out


def test_list_of_a_missing_folder_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "list", "--data-dir", str(tmp_path / "nowhere"))
    assert (code, out) == (1, "")
    assert "no data folder at" in err


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [("dave", 1, "dave is not bound to a key"), ("../x", 2, "not allowed")],
)
def test_release_of_a_name_that_cannot_be_freed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, code: int, message: str
) -> None:
    class_of_three(tmp_path)
    got, out, err = _run(capsys, "release", name, "--data-dir", str(tmp_path))
    assert (got, out) == (code, "")
    assert message in err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["release", "dave"], 1, "backend-tui class release: dave tidak terikat ke kunci mana pun"),
        (["release", "../x"], 2, "backend-tui class release: nama profil '../x' tidak diizinkan"),
        (
            ["list", "--data-dir", "nowhere"],
            1,
            "backend-tui class: tidak ada folder data di nowhere",
        ),
    ],
)
def test_refusals_in_indonesian(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    class_of_three(tmp_path)
    data = ["--data-dir", str(tmp_path)] if "--data-dir" not in args else []
    got, out, err = _run(capsys, "--lang", "id", *args, *data)
    assert (got, out) == (code, "")
    assert err.startswith(message), err


def test_release_with_unreadable_old_bindings_frees_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    class_of_three(tmp_path)
    legacy = tmp_path / "ssh" / "bindings.toml"
    legacy.parent.mkdir(exist_ok=True)
    legacy.write_text("version = 1\n[profiles.alice\n", encoding="utf-8")
    got, out, err = _run(capsys, "--lang", "id", "release", "alice", "--data-dir", str(tmp_path))
    assert (got, out) == (1, "")
    assert err.startswith(
        f"backend-tui class release: nama tidak bisa diubah: {legacy}: ikatan nama ke kunci"
        " tidak bisa dibaca: "
    )
    assert legacy.read_text(encoding="utf-8") == "version = 1\n[profiles.alice\n"


async def test_release_while_the_server_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    first, second = make_key(), make_key()
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        conn = await connect(server, "alice", first)
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "STANDIN" in term.text())
        conn.close()
        progress = data / "profiles" / "alice" / "progress.toml"
        progress.write_text("# alice's answers\n", encoding="utf-8")
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, "alice", second)

        code, out, err = _run(capsys, "release", "alice", "--data-dir", str(data))
        assert (code, err) == (0, "")
        assert "alice is free" in out
        assert progress.read_text(encoding="utf-8") == "# alice's answers\n"  # it stays

        # The server sees it at once: the next key to log in as alice owns the name.
        conn = await connect(server, "alice", second)
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "STANDIN" in term.text())
        conn.close()
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server, "alice", first)
